// Importer for HPO disease annotations (phenotype.hpoa): "#key: value"
// header lines, a column header row, then one tab-separated row of 12
// columns per (disease, phenotype) annotation.
#pragma once

#include <string>
#include <string_view>

#include "ontology/ontology.hpp"

namespace symptomdb::ingest {

// Rows in file order with every field as the file writes it; the "#version"
// header gives version and "#hpo-version" gives hpo_version (reduced to the
// release, "2025-05-06"). Throws ParseError(file, line, ...) for the first row
// that is malformed: wrong column count, a missing column header row, or a
// field that is not what the format allows (disease id, HPO id, qualifier,
// frequency, sex, aspect).
ontology::AnnotationRecords parse_hpoa(std::string_view text, const std::string& file);

}  // namespace symptomdb::ingest
