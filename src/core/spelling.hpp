// Spelling variants that should meet in one form: British medical spellings
// fold to American ones ("anaemia" -> "anemia", "oesophagus" -> "esophagus"),
// so a British question finds an American-spelled answer and vice versa.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace symptomdb {

// Rewrites one folded (lower-case) word; words without a variant come back unchanged.
std::string american_spelling(std::string_view word);

// The identity of a condition name: folded, possessives and apostrophes
// dropped, spelling variants unified, words joined by '-'. "Parkinson's
// Disease", "Parkinson disease" and "parkinsons disease" do not all meet
// here (the last needs the vocabulary), but the first two do.
std::string condition_key(std::string_view name);

}  // namespace symptomdb

namespace symptomdb {

// The ordinary words of English, from a word list as Debian installs it
// (wamerican: /usr/share/dict/american-english, one word a line). Only
// lower-case entries are kept, so that names ("Parkinson", "Lyme") stay
// out: a word in this list is English and is never "corrected" into a
// medical one ("wife" is not a slip for "life").
class EnglishWords {
 public:
  EnglishWords() = default;
  // The first list found of /usr/share/dict/american-english and
  // /usr/share/dict/words; empty when none is installed.
  static EnglishWords installed();
  static EnglishWords from_file(const std::string& path);

  bool contains(std::string_view folded_word) const;
  // A capitalised entry of the list ("Mongolia", "Atkins", "Kaiser"),
  // given folded: a proper name, so not a misspelling of a medical word
  // either, though not an ordinary word.
  bool contains_name(std::string_view folded_word) const;
  std::size_t size() const { return words_.size(); }
  const std::string& path() const { return path_; }

 private:
  std::unordered_set<std::string> words_;
  std::unordered_set<std::string> names_;  // capitalised entries, folded
  std::string path_;
};

}  // namespace symptomdb
