// Red-flag wording in a question (chest pain with shortness of breath,
// stroke signs, suicidal thoughts...): an emergency notice goes first,
// whatever else is answered. Patterns live in qa/data/red_flags.tsv.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/analyzer.hpp"

namespace symptomdb::qa {

struct Emergency {
  std::string kind;     // "cardiac", "stroke", "suicide", ...
  std::string message;  // what to do, in plain words
  std::string matched;  // the words of the question that triggered it
};

class RedFlags {
 public:
  // Loads the built-in patterns.
  explicit RedFlags(text::Analyzer& analyzer);
  // Loads the given rows, as red_flags.tsv lays them out (kind, then one
  // column per group of alternatives). Throws std::invalid_argument for a
  // brace that does not enclose a whole phrase.
  RedFlags(const std::vector<std::vector<std::string_view>>& table, text::Analyzer& analyzer);
  // The rules that say only words of the question.
  std::optional<Emergency> check(std::string_view question, text::Analyzer& analyzer) const;
  // A condition the question was read as naming: its name, and the words of
  // the question it was read from.
  struct NameRead {
    std::string_view name;
    std::string_view words;
  };
  // The rules that also say a word of a condition the question was read as
  // naming (a table phrase in braces, "{poisoning}"), in the sentence that
  // names it: "he swallowed some of my bleach" names Sodium hypochlorite
  // poisoning through its other name, though no word of it says poisoning.
  std::optional<Emergency> check(std::string_view question, const std::vector<NameRead>& names_read,
                                 text::Analyzer& analyzer) const;

 private:
  struct Phrase {
    // Stemmed, or as written (folded, unstemmed) when `as_written`.
    std::vector<std::string> stems;
    std::string text;
    bool of_a_name = false;  // said by a name read, not by the question
    // Said by the question's words as written: a phrase in double quotes,
    // or the question's words of a rule that says a name's word.
    bool as_written = false;
  };
  struct Rule {
    std::string kind;
    std::vector<std::vector<Phrase>> groups;  // every group must match one phrase
    bool needs_names = false;                 // a phrase of it is said by a name read
  };
  // The words of the sentences a rule is asked of, stemmed and as written.
  struct Said {
    std::vector<std::vector<std::string>> stems, written;
    void add(std::vector<text::Term> terms);
  };
  // The first rule said; with `names_read` (their stems in `names`) only
  // the rules that say a name's word, without them only the others.
  std::optional<Emergency> first_said(const Said& said,
                                      const std::vector<std::vector<std::string>>& names,
                                      const std::vector<std::string_view>& names_read) const;
  std::vector<Rule> rules_;
};

// The notice text for a kind of emergency.
std::string_view emergency_message(std::string_view kind);

}  // namespace symptomdb::qa
