// Importer for an ontology in the OBO 1.4 flat file format (hp.obo, HPO's
// other release format). Gives the same records as parse_obographs_json for
// the same release.
#pragma once

#include <string>
#include <string_view>

#include "ontology/ontology.hpp"

namespace symptomdb::ingest {

// Reads the header's data-version and every [Term] stanza whose id has the
// ontology's prefix (from the "ontology:" header tag); [Typedef] and other
// stanzas, and tags we have no use for, are skipped. Throws
// ParseError(file, line, ...) for a malformed line.
ontology::OntologyRecords parse_obo(std::string_view text, const std::string& file);

}  // namespace symptomdb::ingest
