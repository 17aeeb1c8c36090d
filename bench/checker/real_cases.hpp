// Published patients (GA4GH phenopackets, ../shared/data/phenopackets-dev):
// observed and excluded HPO ids as curators recorded them, one OMIM
// diagnosis each. Ids are read as POST /api/v1/check reads them: through
// Ontology::find (alternative and replaced obsolete ids map to their current
// term), ids the release does not know are set aside, repeats count once.
#pragma once

#include <string>
#include <vector>

#include "checker/checker.hpp"
#include "peers.hpp"

namespace symptomdb::bench {

struct RealCase {
  std::string id;
  checker::DiseaseIndex disease;
  std::vector<checker::TermIndex> observed, excluded;
  std::size_t unmatched_ids = 0;  // not in the installed release
};

struct RealCaseSet {
  std::vector<RealCase> cases;
  std::size_t lines = 0, unknown_disease = 0, no_usable_observed = 0, unmatched_ids = 0;
};

// Throws std::runtime_error naming the file and line for a malformed line.
RealCaseSet read_real_cases(const std::string& path, const checker::Checker& checker);

// Prints the comparison table (symptomdb with and without the excluded
// findings, term overlap, Resnik BMA): top-1/3/10 and MRR over all cases and
// averaged per disease, then by number of observed findings and by whether a
// case has excluded findings. Returns symptomdb's per-case ranks.
std::vector<double> report_real_cases(const RealCaseSet& set, const checker::Checker& checker,
                                      const Peers& peers, bool with_peers = true);

// How the post-test probabilities the checker shows match how often the
// disease is the diagnosis (share_calibration.hpp): the fitted temperature
// per half of the cases (odd and even lines), judged on the other half.
void report_posterior_calibration(const RealCaseSet& set, const checker::Checker& checker);

// One line "top-1 top-3 top-10 MRR (per disease: ...)" for symptomdb alone,
// for comparing model settings quickly.
std::string summary_line(const RealCaseSet& set, const checker::Checker& checker);

}  // namespace symptomdb::bench
