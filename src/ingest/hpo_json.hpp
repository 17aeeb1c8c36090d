// Importer for an OBO ontology in obographs JSON (hp.json, the format HPO
// publishes as its primary release): classes with labels, definitions,
// comments, synonyms, xrefs, alternative ids, obsolescence, and is_a edges.
#pragma once

#include <string>
#include <string_view>

#include "ontology/ontology.hpp"

namespace symptomdb::ingest {

// Records for the ontology's own classes, in file order. Nodes that are not
// classes (properties, relations) and classes of other ontologies the file
// merely references are left out; so are edges other than is_a. Throws
// ParseError(file, line, ...) for invalid JSON or a document that is not an
// obographs graph.
ontology::OntologyRecords parse_obographs_json(std::string_view text, const std::string& file);

// The release in an OBO version IRI or data-version:
// ".../hp/releases/2026-01-08/hp.json" and "hp/releases/2026-01-08" give
// "2026-01-08"; anything without "releases/" is returned as it is.
std::string release_version(std::string_view version);

}  // namespace symptomdb::ingest
