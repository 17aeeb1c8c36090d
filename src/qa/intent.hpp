// Question understanding, part one: what kind of answer is wanted. A
// question may ask several things ("causes and treatment options"); each is
// reported with where in the question it was asked, in order.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/section_type.hpp"
#include "text/analyzer.hpp"

namespace symptomdb::qa {

struct Intent {
  SectionType type;
  double weight = 0;     // strength of the evidence (strong cues count 2, weak 1)
  std::size_t position;  // token index of the first cue
  std::string cue;       // the words that said so ("treatment options")
};

class IntentDetector {
 public:
  explicit IntentDetector(text::Analyzer& analyzer);

  // `focus_begin` is the token index where the question's focus starts (or
  // npos), so "what leads to X" (causes) differs from "can X lead to"
  // (complications). Tokens marked in `skip` (the focus itself: "genetic
  // testing" is a topic, not a question about genes) are not cues.
  // `cue_tokens`, if given, receives which tokens served as cues.
  // `asking` marks the tokens of the sentence that asks (the last one with a
  // question mark); cues there outrank cues in the context before it.
  std::vector<Intent> detect(const std::vector<text::Term>& terms,
                             std::size_t focus_begin = std::string::npos,
                             const std::vector<bool>& skip = {},
                             std::vector<bool>* cue_tokens = nullptr,
                             const std::vector<bool>& asking = {}) const;

 private:
  struct Cue {
    std::vector<std::string> stems;
    SectionType type;
    double weight;
    std::string text;
    int side = 0;  // -1: only before the focus, +1: only after, 0: anywhere
    SectionType other_side = SectionType::other;  // the type on the other side, if any
  };
  std::vector<Cue> cues_;                                               // longest first
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_;  // first stem -> cues
};

}  // namespace symptomdb::qa
