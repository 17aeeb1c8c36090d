// Two reference rankers the checker is measured against, over the same
// diseases and information content:
//  - term overlap: how many query terms the disease is annotated with (the
//    term itself or a descendant), ties to the disease with fewer terms;
//  - Resnik best-match average, query to disease, as the Phenomizer (Köhler
//    et al. 2009): for each query term the IC of the most informative common
//    ancestor with any of the disease's terms, averaged over the query.
#pragma once

#include <vector>

#include "checker/checker.hpp"

namespace symptomdb::bench {

class Peers {
 public:
  explicit Peers(const checker::Checker& checker);
  // One score per disease (higher is better).
  std::vector<double> overlap(const std::vector<checker::TermIndex>& query) const;
  std::vector<double> resnik(const std::vector<checker::TermIndex>& query) const;

 private:
  const checker::Checker& checker_;
  // Diseases annotated with each term or a descendant (propagated), by term.
  std::vector<std::vector<checker::DiseaseIndex>> diseases_of_;
};

}  // namespace symptomdb::bench
