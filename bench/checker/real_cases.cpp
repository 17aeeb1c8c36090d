#include "real_cases.hpp"

#include "bench_util.hpp"
#include "share_calibration.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>

namespace symptomdb::bench {
namespace {

using nlohmann::json;

struct Stats {
  double n = 0, top1 = 0, top3 = 0, top10 = 0, rr = 0;
  void add(double rank, double weight = 1.0) {
    n += weight;
    top1 += rank <= 1.0 ? weight : 0;
    top3 += rank <= 3.0 ? weight : 0;
    top10 += rank <= 10.0 ? weight : 0;
    rr += weight / rank;
  }
  std::string cells() const {
    if (n == 0) return "| | | | ";
    return fmt::format("| {:.3f} | {:.3f} | {:.3f} | {:.3f} ", top1 / n, top3 / n, top10 / n,
                       rr / n);
  }
};

const char* size_band(std::size_t n) {
  if (n <= 2) return "1-2";
  if (n <= 5) return "3-5";
  if (n <= 10) return "6-10";
  return ">10";
}

checker::Query query_of(const RealCase& c, bool with_excluded) {
  checker::Query q;
  for (const auto t : c.observed) q.present.push_back({t, {}});
  if (with_excluded)
    for (const auto t : c.excluded) q.excluded.push_back({t, {}});
  return q;
}

}  // namespace

RealCaseSet read_real_cases(const std::string& path, const checker::Checker& checker) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  RealCaseSet set;
  const auto& onto = checker.ontology();
  std::string line;
  while (std::getline(in, line)) {
    ++set.lines;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("disease") || !j.contains("observed"))
      throw std::runtime_error(fmt::format("{}:{}: not a case object", path, set.lines));
    RealCase c;
    c.id = j.value("id", "");
    const auto d = checker.find_disease(j["disease"].get<std::string>());
    if (!d) {
      ++set.unknown_disease;
      continue;
    }
    c.disease = *d;
    auto read = [&](const char* key, std::vector<checker::TermIndex>& out) {
      if (!j.contains(key)) return;
      for (const auto& v : j[key]) {
        const auto t = onto.find(v.get<std::string>());
        if (!t) {
          ++c.unmatched_ids;
          continue;
        }
        out.push_back(*t);
      }
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    };
    read("observed", c.observed);
    read("excluded", c.excluded);
    // As the API: a term given both ways is a contradiction; none occur in
    // the dev set, and the present reading is kept should one appear.
    std::erase_if(c.excluded, [&](checker::TermIndex t) {
      return std::binary_search(c.observed.begin(), c.observed.end(), t);
    });
    set.unmatched_ids += c.unmatched_ids;
    if (c.observed.empty()) {
      ++set.no_usable_observed;
      continue;
    }
    set.cases.push_back(std::move(c));
  }
  return set;
}

std::vector<double> report_real_cases(const RealCaseSet& set, const checker::Checker& checker,
                                      const Peers& peers, bool with_peers) {
  std::map<checker::DiseaseIndex, std::size_t> per_disease;
  for (const auto& c : set.cases) ++per_disease[c.disease];
  fmt::print(
      "\nReal cases (phenopackets-dev): {} lines, {} cases ranked over {} diseases ({} distinct "
      "diagnoses); ids not in the installed release set aside: {}; diagnosis not annotated: {}; "
      "no usable observed finding: {}. Ties split evenly; per-disease = each diagnosis weighs "
      "the same.\n\n",
      set.lines, set.cases.size(), checker.disease_count(), per_disease.size(), set.unmatched_ids,
      set.unknown_disease, set.no_usable_observed);

  const std::vector<std::string> methods = {"symptomdb (LR)", "symptomdb, excluded dropped",
                                            "term overlap", "Resnik BMA"};
  const std::size_t n_methods = with_peers ? methods.size() : 2;
  // ranks[m][case]
  std::vector<std::vector<double>> ranks(n_methods);
  for (const auto& c : set.cases) {
    ranks[0].push_back(rank_of(checker.scores(query_of(c, true)), c.disease));
    ranks[1].push_back(c.excluded.empty() ? ranks[0].back()
                                          : rank_of(checker.scores(query_of(c, false)), c.disease));
    if (with_peers) {
      ranks[2].push_back(rank_of(peers.overlap(c.observed), c.disease));
      ranks[3].push_back(rank_of(peers.resnik(c.observed), c.disease));
    }
  }

  // Rows: (label, predicate over a case).
  struct Row {
    std::string label;
    std::function<bool(const RealCase&)> in;
    bool per_disease = false;
  };
  std::vector<Row> rows = {{"all cases", [](const RealCase&) { return true; }},
                           {"all, per disease", [](const RealCase&) { return true; }, true}};
  for (const char* band : {"1-2", "3-5", "6-10", ">10"})
    rows.push_back({fmt::format("{} observed", band), [band](const RealCase& c) {
                      return std::string(size_band(c.observed.size())) == band;
                    }});
  rows.push_back({"with excluded", [](const RealCase& c) { return !c.excluded.empty(); }});
  rows.push_back({"without excluded", [](const RealCase& c) { return c.excluded.empty(); }});

  fmt::print(
      "| cases | n | method | top-1 | top-3 | top-10 | MRR |\n|---|---|---|---|---|---|---|\n");
  for (const auto& row : rows) {
    std::size_t n = 0;
    for (const auto& c : set.cases) n += row.in(c) ? 1 : 0;
    for (std::size_t m = 0; m < n_methods; ++m) {
      Stats s;
      for (std::size_t i = 0; i < set.cases.size(); ++i) {
        const auto& c = set.cases[i];
        if (!row.in(c)) continue;
        s.add(ranks[m][i],
              row.per_disease ? 1.0 / static_cast<double>(per_disease[c.disease]) : 1.0);
      }
      fmt::print("| {} | {} | {} {}|\n", row.label, n, methods[m], s.cells());
    }
  }
  std::fflush(stdout);
  return ranks[0];
}

std::string summary_line(const RealCaseSet& set, const checker::Checker& checker) {
  std::map<checker::DiseaseIndex, std::size_t> per_disease;
  for (const auto& c : set.cases) ++per_disease[c.disease];
  Stats all, by_disease;
  for (const auto& c : set.cases) {
    const double r = rank_of(checker.scores(query_of(c, true)), c.disease);
    all.add(r);
    by_disease.add(r, 1.0 / static_cast<double>(per_disease[c.disease]));
  }
  return fmt::format(
      "top-1/3/10/MRR {:.3f} {:.3f} {:.3f} {:.3f}; per disease {:.3f} {:.3f} "
      "{:.3f} {:.3f}",
      all.top1 / all.n, all.top3 / all.n, all.top10 / all.n, all.rr / all.n,
      by_disease.top1 / by_disease.n, by_disease.top3 / by_disease.n,
      by_disease.top10 / by_disease.n, by_disease.rr / by_disease.n);
}

void report_posterior_calibration(const RealCaseSet& set, const checker::Checker& checker) {
  // Every disease is listed: the probabilities are a posterior over all of
  // them (a softmax of the log10 scores, here taken to natural logs).
  std::vector<ShareCase> cases;
  cases.reserve(set.cases.size());
  for (std::size_t i = 0; i < set.cases.size(); ++i) {
    const auto& c = set.cases[i];
    ShareCase s;
    s.odd = i % 2 == 1;
    s.scores = checker.scores(query_of(c, true));
    const double truth = s.scores[c.disease];
    std::sort(s.scores.begin(), s.scores.end(), std::greater<>());
    // Ties with the truth count it at their first place.
    s.truth_at =
        static_cast<int>(std::find(s.scores.begin(), s.scores.end(), truth) - s.scores.begin());
    for (auto& x : s.scores) x *= std::log(10.0);
    cases.push_back(std::move(s));
  }
  print_share_calibration(cases, checker.parameters().posterior_temperature,
                          "the real cases (every disease listed; odd and even lines)");
}

}  // namespace symptomdb::bench
