// A clause of a person's story read for the findings it names. The HPO
// interpreter reads a short phrase ("nasal congestion and sore throat") as a
// whole; a story clause ("she is complaining of persistent cough since 12
// days") is not a name, and read whole it matches nothing or the wrong thing.
// Here every window of a few words is tried, longest first, and the windows
// read as a phenotype name with confidence become the clause's findings: the
// words of them are what the clause says about symptoms, the rest is story
// ("complaining", "since", "12 days"), which the condition ranking counts less
// (ProfileParameters::story_weight).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checker/interpret.hpp"

namespace symptomdb::checker {

struct ClauseReading {
  std::vector<Interpretation> terms;  // one per window read, in the order of the clause
  std::vector<std::string> words;     // the folded words of those windows, stop words left out
};

// Windows of up to `max_words` content words (stop words inside a window are
// kept: "shortness of breath"), read with Interpreter::interpret_phrase; a
// window is kept when its reading has at least `min_confidence` and it does
// not overlap a longer (or earlier, of the same length) window kept before.
ClauseReading read_clause(const Interpreter& interpreter, std::string_view clause,
                          std::size_t max_words = 4, double min_confidence = 0.75);

}  // namespace symptomdb::checker
