#include "checker/red_flags.hpp"

#include <algorithm>

#include "core/embedded.hpp"

namespace symptomdb::checker {

RedFlagTerms::RedFlagTerms(const ontology::Ontology& ontology) {
  for (const auto& row : embedded_table("src/checker/data/red_flag_terms.tsv"))
    if (row.size() >= 2)
      if (const auto term = ontology.find(row[1]))
        flags_.push_back(
            {std::string(row[0]), *term, row.size() >= 4 && row[3] == "urgent on effort"});
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

std::vector<bool> RedFlagTerms::not_acute(
    const ontology::Ontology& ontology, const std::vector<Finding>& findings,
    std::span<const std::vector<ontology::TermIndex>> terms) const {
  const std::size_t n = std::min(findings.size(), terms.size());
  auto out = long_standing(findings);
  auto says_nothing = [](const Finding& f) {
    return !f.duration_days && !f.on_effort && f.onset != Onset::sudden &&
           f.severity != Severity::severe;
  };
  // Per finding that comes with effort, or says nothing of its course:
  // whether every red flag it raises is one effort lowers (the former), or
  // one other findings say is not acute and none says is new (the latter).
  // Erring to safety, one flag that is not keeps it acute; effort lowers
  // nothing of a finding that raises no red flag (a warning sign such as
  // "trouble walking" is one with or without effort).
  std::vector<int> lowered(n, -1);  // -1 none decided, 1 all flags lowered, 0 not
  auto decide = [&](std::size_t i, bool low) { lowered[i] = lowered[i] != 0 && low ? 1 : 0; };
  for (const auto& flag : flags_) {
    bool calm = false, now = false;
    std::vector<std::size_t> raised;
    for (std::size_t i = 0; i < n; ++i) {
      if (findings[i].negated) continue;
      if (std::none_of(terms[i].begin(), terms[i].end(),
                       [&](auto t) { return ontology.is_ancestor_or_self(flag.term, t); }))
        continue;
      if (out[i]) {
        calm = true;
      } else if (only_on_effort(findings[i])) {
        decide(i, flag.urgent_on_effort);
        (flag.urgent_on_effort ? calm : now) = true;
      } else if (says_nothing(findings[i])) {
        raised.push_back(i);
      } else {
        now = true;
      }
    }
    for (const auto i : raised) decide(i, calm && !now);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (lowered[i] == 1) out[i] = true;
  return out;
}

FindingsByCourse split_by_course(const RedFlagTerms* flags, const ontology::Ontology* ontology,
                                 const std::vector<Finding>& findings,
                                 const std::vector<std::vector<ontology::TermIndex>>& terms) {
  FindingsByCourse out;
  out.not_acute =
      flags && ontology ? flags->not_acute(*ontology, findings, terms) : long_standing(findings);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (findings[i].negated) continue;
    const bool calm = out.not_acute[i];
    (calm ? out.not_acute_text : out.acute_text) += findings[i].text + ".\n";
    if (i >= terms.size()) continue;
    auto& to = calm ? out.not_acute_terms : out.acute_terms;
    to.insert(to.end(), terms[i].begin(), terms[i].end());
  }
  return out;
}

}  // namespace symptomdb::checker
