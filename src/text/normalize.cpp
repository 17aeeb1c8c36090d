#include "text/normalize.hpp"

#include "core/fold.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace symptomdb::text {

std::string fold(std::string_view input) {
  return fold_text(input);
}

std::vector<std::string> tokenize(std::string_view input) {
  const std::string s = fold(input);
  std::vector<std::string> tokens;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) tokens.push_back(std::move(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (word) {
      cur.push_back(static_cast<char>(c));
    } else if (c == '\'' && !cur.empty()) {
      // Possessive 's ends the word; other apostrophes are swallowed.
      const bool possessive =
          i + 1 < s.size() && s[i + 1] == 's' &&
          (i + 2 >= s.size() || !std::isalnum(static_cast<unsigned char>(s[i + 2])));
      if (possessive) {
        ++i;
        flush();
      }
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

bool is_stopword(std::string_view t) {
  static constexpr std::array<std::string_view, 58> kStop = {
      "a",     "about",  "an",   "and",  "are",  "as",    "at",   "be",    "by",   "can",
      "could", "do",     "does", "for",  "from", "has",   "have", "how",   "i",    "if",
      "in",    "into",   "is",   "it",   "its",  "me",    "my",   "of",    "on",   "or",
      "our",   "should", "so",   "such", "than", "that",  "the",  "their", "them", "then",
      "there", "these",  "they", "this", "to",   "was",   "we",   "were",  "what", "when",
      "which", "who",    "why",  "will", "with", "would", "you",  "your"};
  static_assert(std::is_sorted(kStop.begin(), kStop.end()), "binary search needs order");
  // No stopword is longer than six letters: most content words are turned
  // away here without a search (this runs for every word of every span the
  // focus reading tries).
  static_assert(std::all_of(kStop.begin(), kStop.end(), [](auto w) { return w.size() <= 6; }),
                "the length check below assumes it");
  if (t.empty() || t.size() > 6) return false;
  return std::binary_search(kStop.begin(), kStop.end(), t);
}

bool is_reflexive_pronoun(std::string_view t) {
  static constexpr std::array<std::string_view, 10> kReflexive = {
      "myself",  "yourself",  "himself",    "herself",    "itself",
      "oneself", "ourselves", "yourselves", "themselves", "themself"};
  return std::find(kReflexive.begin(), kReflexive.end(), t) != kReflexive.end();
}

}  // namespace symptomdb::text
