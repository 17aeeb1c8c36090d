// Reading plain words (bench_checker --words): HPO's own layperson synonyms,
// each held out of the interpreter's index in turn (every name with exactly
// the phrase's words is ignored, for every term), read again, and counted by
// where they land: on their term, on an ancestor of it (right, but more
// general), on a descendant (a rarer, more specific term than the phrase
// says: wrong), elsewhere, or nowhere. A token-overlap peer is counted the
// same way in the same run.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "checker/interpret.hpp"

namespace symptomdb::bench {

// Prints the table: the interpreter with every reading option, then with
// each option off in turn, then the peer. `dump` (a path, or empty)
// receives one line per phrase as the full interpreter reads it.
// `extra_phrases` are read after the examples.
void report_words(std::shared_ptr<const ontology::Ontology> onto, const std::string& dump,
                  const std::vector<std::string>& extra_phrases);

}  // namespace symptomdb::bench
