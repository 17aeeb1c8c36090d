// Question understanding, part one: what kind of answer is wanted. A
// question may ask several things ("causes and treatment options"); each is
// reported with where in the question it was asked, in order.
#pragma once

#include <cstdint>
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
  // A request for information in general ("tell me about X", "information
  // on X"): when the question also names a kind ("information on X,
  // including treatment"), that kind is what it asks first.
  bool general = false;
  // A question two kinds of answer may hold ("can it be cured": the
  // treatment says "there is no cure", a cancer's outlook "it can usually
  // be cured"): the other kind, and the words (space-separated, as written)
  // the answer that holds it uses. The engine answers from the kind whose
  // answer for the focus uses them.
  SectionType alternative = SectionType::other;
  std::string evidence;
};

class IntentDetector {
 public:
  explicit IntentDetector(text::Analyzer& analyzer);

  // `focus_begin` is the token index where the question's focus starts (or
  // npos), so "what leads to X" (causes) differs from "can X lead to"
  // (complications). Tokens marked in `skip` (the focus itself: "genetic
  // testing" is a topic, not a question about genes) are not cues.
  // `cue_tokens`, if given, receives which tokens served as cues.
  // `asking` ranks each token by how plainly its sentence asks (0: the
  // story around the question; higher: a sentence that asks, highest: one
  // that asks in so many words, with a question mark or "I want to know").
  // Only the cues of the highest rank that has any count: the story's
  // mentions of a kind ("the treatment did not help") are not what is asked.
  // Empty: every token counts alike.
  std::vector<Intent> detect(const std::vector<text::Term>& terms,
                             std::size_t focus_begin = std::string::npos,
                             const std::vector<bool>& skip = {},
                             std::vector<bool>* cue_tokens = nullptr,
                             const std::vector<std::uint8_t>& asking = {}) const;

 private:
  struct Cue {
    std::vector<std::string> stems;
    std::vector<std::string> words;  // as written, for the prefix check in detect()
    SectionType type;
    double weight;
    std::string text;
    int side = 0;  // -1: only before the focus, +1: only after, 0: anywhere
    SectionType other_side = SectionType::other;  // the type on the other side, if any
    bool general = false;  // a request for information in general (see Intent)
    SectionType alternative = SectionType::other;  // see Intent
    std::string evidence;
  };
  std::vector<Cue> cues_;                                               // longest first
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_;  // first stem -> cues
};

}  // namespace symptomdb::qa
