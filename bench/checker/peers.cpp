#include "peers.hpp"

#include <algorithm>

namespace symptomdb::bench {

Peers::Peers(const checker::Checker& checker) : checker_(checker) {
  const ontology::Ontology& onto = checker.ontology();
  diseases_of_.resize(onto.size());
  std::vector<checker::TermIndex> closure;
  for (checker::DiseaseIndex d = 0; d < checker.disease_count(); ++d) {
    closure.clear();
    for (const auto& dt : checker.disease(d).present)
      for (const auto a : onto.ancestors(dt.term)) closure.push_back(a);
    std::sort(closure.begin(), closure.end());
    closure.erase(std::unique(closure.begin(), closure.end()), closure.end());
    for (const auto a : closure) diseases_of_[a].push_back(d);
  }
}

std::vector<double> Peers::overlap(const std::vector<checker::TermIndex>& query) const {
  std::vector<double> score(checker_.disease_count(), 0.0);
  for (const auto q : query)
    for (const auto d : diseases_of_[q]) score[d] += 1.0;
  // Among equal counts the disease with fewer annotations explains the query
  // more specifically; the tie-break stays below one whole term.
  for (checker::DiseaseIndex d = 0; d < score.size(); ++d)
    score[d] += 0.5 / (1.0 + static_cast<double>(checker_.disease(d).present.size()));
  return score;
}

std::vector<double> Peers::resnik(const std::vector<checker::TermIndex>& query) const {
  const std::size_t n = checker_.disease_count();
  std::vector<double> score(n, 0.0), best(n);
  for (const auto q : query) {
    std::fill(best.begin(), best.end(), 0.0);
    for (const auto a : checker_.ontology().ancestors(q)) {
      const double ic = checker_.information_content(a);
      for (const auto d : diseases_of_[a]) best[d] = std::max(best[d], ic);
    }
    for (std::size_t d = 0; d < n; ++d) score[d] += best[d];
  }
  if (!query.empty())
    for (auto& s : score) s /= static_cast<double>(query.size());
  return score;
}

}  // namespace symptomdb::bench
