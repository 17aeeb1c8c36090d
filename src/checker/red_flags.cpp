#include "checker/red_flags.hpp"

#include "core/embedded.hpp"

namespace symptomdb::checker {

RedFlagTerms::RedFlagTerms(const ontology::Ontology& ontology) {
  for (const auto& row : embedded_table("src/checker/data/red_flag_terms.tsv"))
    if (row.size() >= 2)
      if (const auto term = ontology.find(row[1])) flags_.push_back({std::string(row[0]), *term});
}

std::vector<RedFlag> RedFlagTerms::check(const ontology::Ontology& ontology,
                                         std::span<const ontology::TermIndex> query) const {
  std::vector<RedFlag> out;
  for (const auto& f : flags_)
    for (const auto q : query)
      if (ontology.is_ancestor_or_self(f.term, q)) {
        out.push_back({f.kind, f.term, q});
        break;
      }
  return out;
}

}  // namespace symptomdb::checker
