// Reading plain words (bench_checker --words): HPO's own layperson synonyms,
// each held out of the interpreter's index in turn (every name with exactly
// the phrase's words is ignored, for every term), read again, and counted by
// where they land: on their term, on an ancestor of it (right, but more
// general), on a descendant (a rarer, more specific term than the phrase
// says: wrong), elsewhere, or nowhere. A token-overlap peer is counted the
// same way in the same run.
#pragma once

#include <string>

#include "checker/interpret.hpp"

namespace symptomdb::bench {

// Prints the table; `dump` (a path, or empty) receives one line per phrase.
void report_words(const checker::Interpreter& interpreter, const std::string& dump);

}  // namespace symptomdb::bench
