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

#include "checker/description.hpp"
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

// A finding of a description read with Interpreter::interpret: its core (the
// clause less the story words that open it, Finding::core: "a week ago she
// had experienced dysuria" -> "dysuria"), or the clause as written when the
// core reads as nothing, so that a clause no term is read in keeps all its
// words for words_read. A clause of story words only (an empty core: "in
// addition") is read as nothing: a word of it is no symptom's name.
Interpreter::Result interpret_finding(const Interpreter& interpreter, const Finding& finding);

// A term's layperson synonyms, the names HPO gives it in the public's words
// ("Painful or difficult urination" for Dysuria; ProfileFinding::synonyms,
// ProfileParameters::lay_weight).
std::vector<std::string> lay_names(const ontology::Term& term);
// The same per term of a reading, in order.
std::vector<std::vector<std::string>> synonyms_read(const Interpreter& interpreter,
                                                    const Interpreter::Result& r);

// A finding's whole-text reading (Interpreter::interpret) taken to words,
// for ProfileFinding::read: of each phrase read with at least
// `min_confidence`, the words of the term's names (its label, exact and
// layperson synonyms, and the name it was matched to), so the phrase's other
// words ("she reports 3 to 4 episodes of") are story around the term
// (ProfileParameters::story_weight); every word of a phrase read as nothing
// or with less confidence, so what no term was read in keeps its word-level
// matching. Reading the unread phrases in windows (read_clause) as well was
// measured and lost top-1 on both halves of the vignettes
// (bench/checker/README.md, "Latest: merged main", sixth session), as
// reading every clause in windows did before.
std::vector<std::string> words_read(const Interpreter& interpreter, const Interpreter::Result& r,
                                    double min_confidence = 0.75);

}  // namespace symptomdb::checker
