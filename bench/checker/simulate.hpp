// Simulated patients in the manner of Köhler et al., AJHG 2009 ("Clinical
// diagnostics in human genetics with semantic similarity searches in
// ontologies"): a disease's annotated terms sampled by their frequency, then
// optionally blurred by noise (random unrelated phenotype terms) and
// imprecision (terms replaced by a more general ancestor).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checker/checker.hpp"

namespace symptomdb::bench {

enum class Setting { exact, noise, imprecision, noise_imprecision };
const char* setting_name(Setting s);

struct Patient {
  checker::DiseaseIndex disease;
  std::vector<checker::TermIndex> terms;
};

struct SimulationOptions {
  std::size_t patients = 1000;
  std::size_t min_annotations = 3;  // diseases with fewer phenotype terms are not sampled
  std::size_t max_terms = 10;       // before noise is added
  double noise = 0.5;               // random terms added, as a fraction of the sampled ones
  double imprecision = 0.5;         // fraction of sampled terms replaced by an ancestor
  std::uint64_t seed = 1;
};

// Deterministic for a given checker, setting and options.
std::vector<Patient> simulate(const checker::Checker& checker, Setting setting,
                              const SimulationOptions& options);

}  // namespace symptomdb::bench
