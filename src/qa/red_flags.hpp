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
  std::optional<Emergency> check(std::string_view question, text::Analyzer& analyzer) const;

 private:
  struct Phrase {
    std::vector<std::string> stems;
    std::string text;
  };
  struct Rule {
    std::string kind;
    std::vector<std::vector<Phrase>> groups;  // every group must match one phrase
  };
  std::vector<Rule> rules_;
};

// The notice text for a kind of emergency.
std::string_view emergency_message(std::string_view kind);

}  // namespace symptomdb::qa
