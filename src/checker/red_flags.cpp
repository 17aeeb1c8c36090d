#include "checker/red_flags.hpp"

#include <stdexcept>

#include "core/embedded.hpp"

namespace symptomdb::checker {

RedFlagTerms::RedFlagTerms(const ontology::Ontology& ontology) {
  const auto file = embedded_file("src/checker/data/red_flag_terms.tsv");
  if (!file) throw std::logic_error("red_flag_terms.tsv is not built in");
  std::string_view rest = *file;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    const auto t1 = line.find('\t');
    if (t1 == std::string_view::npos) continue;
    const auto t2 = line.find('\t', t1 + 1);
    const auto id = line.substr(t1 + 1, t2 == std::string_view::npos ? t2 : t2 - t1 - 1);
    if (const auto term = ontology.find(id))
      flags_.push_back({std::string(line.substr(0, t1)), *term});
  }
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
