// Question understanding, part two: what the question is about. Every
// condition's name, synonyms and derived aliases ("Parkinson's" for
// "Parkinson's disease", "TB" for "Tuberculosis (TB)", abbreviations from
// qa/data/abbreviations.tsv) are indexed as stemmed phrases; a question's
// word n-grams are looked up, misspelt words corrected against the names'
// vocabulary first.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/snapshot.hpp"
#include "text/analyzer.hpp"
#include "text/fuzzy.hpp"

namespace symptomdb::qa {

// `phenotype`: another name HPO gives the finding a condition is
// (ConditionEntry::phenotype_names), used only where it names nothing else.
enum class NameKind : std::uint8_t { name, synonym, alias, abbreviation, phenotype };

struct FocusMatch {
  std::size_t condition = 0;  // index into Snapshot::conditions()
  double score = 0;
  std::size_t begin = 0, end = 0;  // token span in the question
  std::string matched;             // the question's words (as corrected)
  std::string name;                // the name or synonym that matched
  NameKind kind = NameKind::name;
  bool corrected = false;  // a misspelling was fixed to match
  // Named in a sentence that asks (or the subject line), as opposed to only
  // in the story around the question: such a focus outranks any condition
  // the story names, however often.
  bool asked = true;
};

struct Correction {
  std::size_t token;
  std::string from, to;
};

// What the dictionary needs to know of the corpus it serves.
struct CorpusStats {
  // Is this stem ordinary vocabulary of the corpus (so not "corrected"
  // into a condition name)?
  std::function<bool(std::string_view)> known_word;
  // Ranks equally good matches (e.g. by answers held about the condition).
  std::function<double(std::size_t)> weight;
  // Is stem a nearly always followed by b? ("lyme" by "disease": then
  // "Lyme" alone names Lyme disease.)
  std::function<bool(std::string_view, std::string_view)> follows;
  // 0..1: how specific a single word is (rare words name things; "falls"
  // and "total" are everywhere).
  std::function<double(std::string_view)> specificity;
  // The same for a phrase of several words, given its stems in order (stop
  // words included): "weight loss" and "side effects" are everywhere,
  // "skin cancer" is not, although "skin" and "cancer" are.
  std::function<double(const std::vector<std::string>& stems)> phrase_specificity;
  // Does the knowledge base hold any answer about the condition? A name
  // with nothing behind it yields to a reading that has answers.
  std::function<bool(std::size_t)> has_answers;
  // For a word some name writes in capitals ("ALL", "ChILD", "COPD"): is it
  // written in lower case more often than not in the corpus, i.e. is it an
  // ordinary word ("all", "child") unless the asker capitalises it?
  std::function<bool(std::string_view folded_word)> mostly_lowercase;
  // Is this folded word ordinary English (a real word list)? Such a word is
  // never corrected on its own into a medical one ("wife" is not "life").
  std::function<bool(std::string_view folded_word)> english_word;
  // Is this folded word a proper name of the word list ("mongolia",
  // "kaiser")? Written with its capital, such a word is no misspelling.
  std::function<bool(std::string_view folded_word)> proper_name;
};

// Whether a single-word name is written like an abbreviation: two or more
// capital letters ("COPD", "ChILD", "MS").
bool looks_like_abbreviation(std::string_view word);

// qa/data/abbreviations.tsv: (abbreviation, full name) pairs.
std::vector<std::pair<std::string, std::string>> built_in_abbreviations();

class FocusDictionary {
 public:
  FocusDictionary(const Snapshot& snapshot, text::Analyzer& analyzer, CorpusStats stats);

  struct Reading {
    std::vector<text::Term> terms;  // the question's words, misspellings corrected
    std::vector<Correction> corrections;
    std::vector<FocusMatch> matches;  // best first, non-overlapping spans
  };
  // `cue_tokens` marks words that ask the question ("causes", "treatment"):
  // a name that swallows them loses to one that leaves them as cues
  // ("Causes of Diabetes" vs "diabetes" in "what causes diabetes").
  // `token_weight`, when given, weighs each word by the part of the message
  // it stands in (1 where it asks, less in the story): a condition named
  // several times is read where it counts most.
  Reading read(std::string_view question, text::Analyzer& analyzer,
               const std::vector<bool>& cue_tokens = {},
               const std::vector<double>& token_weight = {}) const;

  // Condition names whose words are near the given word (for "did you mean").
  std::vector<std::size_t> near(std::string_view word, std::size_t limit) const;
  // Is this reading a group's name said with another generic head ("heart
  // problems" for "Heart Diseases")? Such a name is the broadest reading.
  bool other_head_name(const FocusMatch& m) const {
    return m.kind == NameKind::alias && other_head_names_.count(m.name) > 0;
  }
  std::size_t entry_count() const { return entry_count_; }

 private:
  struct Entry {
    std::uint32_t condition;
    NameKind kind;
    bool needs_capitals;  // an abbreviation that is also a common word ("ALL", "SAD")
    std::string name;
    // An abbreviation is matched by its letters, not by its stem: "AMS"
    // stems like "am", "ABL" like "able", "MED" like "meds".
    std::string letters;
    // The name's one word as written (folded), for a one-word name: a
    // question word that only shares its stem ("testing" for "Testes",
    // "later" for "Lateral") is another English word, not this name.
    std::string word;
    // For another name of several words (a synonym, alias or HPO name, not
    // the condition's own): how specific the phrase is in the corpus.
    float specific = 1.0f;
  };
  void add(const std::string& name, std::size_t condition, NameKind kind, text::Analyzer& analyzer);
  void add_phenotype_names(const Snapshot& snapshot, text::Analyzer& analyzer);
  // Fills fuzzy_ with the words of the names that a slip may be corrected to.
  void build_speller();
  // Abbreviations the knowledge base defines in its own text, written as a
  // name followed by its letters in brackets ("interstitial lung disease
  // (ILD)"), for names that have no abbreviation yet.
  void add_defined_abbreviations(const Snapshot& snapshot, text::Analyzer& analyzer);
  // Spelling: may the asker's word be corrected at all (not an English
  // word, nor a proper name written with its capital), and is `to` a
  // plausible slip for it?
  bool may_correct(std::string_view question, const text::Term& term) const;
  static bool plausible_slip(std::string_view from, std::string_view to);
  // Clears `capitalised` over a stretch of the question written in capitals.
  void forget_capitals_of_stretches_in_capitals(const std::vector<text::Term>& terms,
                                                std::vector<bool>& capitalised) const;
  static std::string key_of(const std::vector<text::Term>& terms, std::size_t b, std::size_t e);
  // What read() knows of the question when it reads a span's names: its
  // words as corrected and, for each, whether it is a stopword, was
  // corrected, written in capitals, joined to the word before it, a word
  // that asks, and its weight by place (see read()).
  struct SpanContext {
    std::string_view question;
    const std::vector<text::Term>& terms;
    const std::vector<char>& stop;
    const std::vector<bool>& corrected;
    const std::vector<bool>& capitalised;
    const std::vector<bool>& joined_to_previous;
    const std::vector<bool>& cue_tokens;
    const std::vector<double>& token_weight;
    const std::vector<std::string_view>& written;  // each word as the asker wrote it
  };
  bool english_inflected(std::string_view word) const;
  bool entry_fits_span(const Entry& entry, const SpanContext& q, std::size_t b, std::size_t e,
                       std::size_t words, bool reordered) const;
  FocusMatch scored_reading(const Entry& entry, const SpanContext& q, std::size_t b, std::size_t e,
                            std::size_t words, bool answered) const;
  void read_span(const SpanContext& q, std::size_t b, std::size_t e, std::size_t words,
                 const std::vector<Entry>& list, bool reordered,
                 std::vector<FocusMatch>& candidates, std::vector<bool>& answered_candidate) const;

  std::unordered_map<std::string, std::vector<Entry>> entries_;  // stem phrase -> entries
  // Every word-prefix of every key ("multipl", "multipl sclerosi"), so a
  // scan of the question stops growing a phrase as soon as no name starts so.
  std::unordered_set<std::string> prefixes_;
  // Stems that occur in names of two or more words: only next to one of
  // these can a real word be a slip for part of a name.
  std::unordered_set<std::string> phrase_stems_;
  // Keys of two or three words with one word replaced by "*" ("multipl *"):
  // a real word is only worth correcting where such a pattern fits. Each
  // with the words the names put in its place ("sclerosis").
  std::unordered_map<std::string, std::vector<std::string>> wildcards_;
  // The first three to five letters of the words of those names, as a name
  // clipped by the asker may keep them ("hep" of "hepatitis").
  std::unordered_set<std::string> clipped_words_;
  std::unordered_map<std::string, std::vector<std::uint32_t>>
      word_conditions_;  // surface -> conditions
  std::unordered_map<std::string, std::string> surface_stem_;
  // phrase_specificity() by name as analysed, while the entries are added.
  std::unordered_map<std::string, float> phrase_specific_;
  text::FuzzyIndex fuzzy_;
  CorpusStats stats_;
  std::size_t max_words_ = 1;
  // The stem of "self", as names of what one does to oneself open with it
  // ("Self-harm"; see done_to_oneself_keys).
  std::string self_stem_;
  std::size_t entry_count_ = 0;
  // Stems that are the one-word name of a drug ("mefloquine"): letters
  // written right after one are its form ("HCl", "ER"), not a condition.
  std::unordered_set<std::string> drug_stems_;
  // The names made with another generic head (see other_head_name).
  std::unordered_set<std::string> other_head_names_;
};

}  // namespace symptomdb::qa
