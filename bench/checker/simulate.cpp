#include "simulate.hpp"

#include <algorithm>
#include <random>

namespace symptomdb::bench {

const char* setting_name(Setting s) {
  switch (s) {
    case Setting::exact:
      return "exact";
    case Setting::noise:
      return "noise";
    case Setting::imprecision:
      return "imprecision";
    case Setting::noise_imprecision:
      return "noise+imprecision";
  }
  return "?";
}

std::vector<Patient> simulate(const checker::Checker& checker, Setting setting,
                              const SimulationOptions& options) {
  const ontology::Ontology& onto = checker.ontology();
  const auto root = onto.find("HP:0000118");  // Phenotypic abnormality
  if (!root) return {};
  // The phenotype branch below its root: where noise is drawn from and how
  // far up imprecision may go.
  std::vector<checker::TermIndex> phenotype;
  for (checker::TermIndex t = 0; t < onto.size(); ++t)
    if (t != *root && onto.is_ancestor_or_self(*root, t)) phenotype.push_back(t);
  std::vector<checker::DiseaseIndex> eligible;
  for (checker::DiseaseIndex d = 0; d < checker.disease_count(); ++d) {
    std::size_t n = 0;
    for (const auto& dt : checker.disease(d).present)
      n += onto.is_ancestor_or_self(*root, dt.term) && dt.term != *root ? 1 : 0;
    if (n >= options.min_annotations) eligible.push_back(d);
  }
  if (eligible.empty()) return {};

  std::mt19937_64 rng(options.seed);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  std::uniform_real_distribution<double> unit(0.0, 1.0);

  std::vector<Patient> out;
  out.reserve(options.patients);
  while (out.size() < options.patients) {
    Patient p{eligible[pick(eligible.size())], {}};
    const auto& present = checker.disease(p.disease).present;
    std::vector<checker::TermIndex> pool;
    for (const auto& dt : present)
      if (dt.term != *root && onto.is_ancestor_or_self(*root, dt.term) && unit(rng) < dt.frequency)
        pool.push_back(dt.term);
    // A patient shows at least one feature: if the frequencies left nothing,
    // take the most frequent annotated term.
    if (pool.empty()) {
      const auto best =
          std::max_element(present.begin(), present.end(),
                           [](const auto& a, const auto& b) { return a.frequency < b.frequency; });
      pool.push_back(best->term);
    }
    std::shuffle(pool.begin(), pool.end(), rng);
    if (pool.size() > options.max_terms) pool.resize(options.max_terms);

    if (setting == Setting::imprecision || setting == Setting::noise_imprecision) {
      for (auto& t : pool) {
        if (unit(rng) >= options.imprecision) continue;
        std::vector<checker::TermIndex> up;
        for (const auto a : onto.ancestors(t))
          if (a != t && a != *root && onto.is_ancestor_or_self(*root, a)) up.push_back(a);
        if (!up.empty()) t = up[pick(up.size())];
      }
    }
    if (setting == Setting::noise || setting == Setting::noise_imprecision) {
      const auto extra =
          static_cast<std::size_t>(static_cast<double>(pool.size()) * options.noise + 0.5);
      for (std::size_t k = 0; k < extra; ++k) pool.push_back(phenotype[pick(phenotype.size())]);
    }
    std::sort(pool.begin(), pool.end());
    pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
    std::shuffle(pool.begin(), pool.end(), rng);
    p.terms = std::move(pool);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace symptomdb::bench
