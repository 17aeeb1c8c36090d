// How well the checker's displayed shares ("Relative fit: 88%") match how
// often the condition shown is the right one, on the vignettes: the shares
// are a softmax over the listed conditions' scores, and the scores are sums
// of log-likelihood-like contributions of text evidence, which is far from
// independent, so a softmax at temperature 1 is overconfident. One
// temperature is fitted by likelihood on one half of the dev set and judged
// on the other (temperature scaling: Guo et al., "On Calibration of Modern
// Neural Networks", ICML 2017).
#pragma once

#include <cmath>
#include <cstddef>
#include <string_view>
#include <vector>

#include <fmt/core.h>

namespace symptomdb::bench {

struct ShareCase {
  std::vector<double> scores;  // the listed conditions' scores, best first
  int truth_at = -1;           // the truth's place in the list, -1 if not listed
  bool odd = false;            // which half of the dev set
};

// Shares of the listed conditions at temperature t.
inline std::vector<double> shares_at(const std::vector<double>& scores, double t) {
  std::vector<double> p(scores.size());
  double z = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) z += p[i] = std::exp((scores[i] - scores[0]) / t);
  for (auto& x : p) x /= z;
  return p;
}

struct ShareFit {
  std::size_t listed = 0;  // cases whose truth is listed
  double nll = 0;          // mean -log share of the truth, over those
  double first_share = 0;  // mean share of the first, over those
  double first_right = 0;  // how often the first is the truth, over those
};

inline ShareFit share_fit(const std::vector<ShareCase>& cases, double t, int half) {
  ShareFit f;
  for (const auto& c : cases) {
    if (c.truth_at < 0 || c.scores.empty()) continue;
    if (half >= 0 && c.odd != (half == 1)) continue;
    const auto p = shares_at(c.scores, t);
    ++f.listed;
    f.nll -= std::log(std::max(p[static_cast<std::size_t>(c.truth_at)], 1e-12));
    f.first_share += p[0];
    f.first_right += c.truth_at == 0;
  }
  if (f.listed) {
    const double n = static_cast<double>(f.listed);
    f.nll /= n, f.first_share /= n, f.first_right /= n;
  }
  return f;
}

// The temperature of least mean -log share on a half (1 odd, 0 even, -1
// all): a golden-section search over log T in [0.25, 40] (the mean -log
// share of the truth is convex in 1/T), to 1% of T.
inline double best_temperature(const std::vector<ShareCase>& cases, int half) {
  const double g = (std::sqrt(5.0) - 1) / 2;
  double lo = std::log(0.25), hi = std::log(40.0);
  auto nll = [&](double x) { return share_fit(cases, std::exp(x), half).nll; };
  double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
  double fa = nll(a), fb = nll(b);
  while (hi - lo > 0.01) {
    if (fa < fb)
      hi = b, b = a, fb = fa, a = hi - g * (hi - lo), fa = nll(a);
    else
      lo = a, a = b, fa = fb, b = lo + g * (hi - lo), fb = nll(b);
  }
  return std::exp((lo + hi) / 2);
}

// Prints the fit at the installed temperature, the temperature each half
// prefers and how it does on the other half, and a reliability table of
// every listed condition's share against how often it was the truth.
inline void print_share_calibration(const std::vector<ShareCase>& cases, double installed,
                                    std::string_view over) {
  fmt::print(
      "\nDisplayed shares (softmax over the listed conditions at temperature T), over {}\n\n",
      over);
  fmt::print(
      "| T | fitted on | judged on | listed | mean -log share of truth | first's mean share "
      "| first right |\n|---|---|---|---|---|---|---|\n");
  auto row = [&](double t, const char* fitted, int half, const char* judged) {
    const auto f = share_fit(cases, t, half);
    fmt::print("| {:.2f} | {} | {} | {} | {:.3f} | {:.3f} | {:.3f} |\n", t, fitted, judged,
               f.listed, f.nll, f.first_share, f.first_right);
  };
  row(1.0, "(temperature 1)", -1, "all");
  row(installed, "(installed)", -1, "all");
  const double t_odd = best_temperature(cases, 1), t_even = best_temperature(cases, 0);
  row(t_odd, "odd ids", 0, "even ids");
  row(t_odd, "odd ids", 1, "odd ids");
  row(t_even, "even ids", 1, "odd ids");
  row(t_even, "even ids", 0, "even ids");
  row(best_temperature(cases, -1), "all", -1, "all");

  // Reliability at the installed temperature: every listed condition of a
  // case whose truth is listed, by its share.
  constexpr double kEdges[] = {0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0001};
  constexpr std::size_t kBins = std::size(kEdges) - 1;
  std::size_t n[kBins] = {};
  double share[kBins] = {}, right[kBins] = {};
  for (const auto& c : cases) {
    if (c.truth_at < 0) continue;
    const auto p = shares_at(c.scores, installed);
    for (std::size_t i = 0; i < p.size(); ++i)
      for (std::size_t b = 0; b < kBins; ++b)
        if (p[i] >= kEdges[b] && p[i] < kEdges[b + 1]) {
          ++n[b], share[b] += p[i], right[b] += static_cast<int>(i) == c.truth_at;
          break;
        }
  }
  fmt::print(
      "\nReliability at the installed T {:.2f}: listed conditions by their share\n\n"
      "| share | conditions | mean share | truth |\n|---|---|---|---|\n",
      installed);
  for (std::size_t b = 0; b < kBins; ++b)
    if (n[b])
      fmt::print("| {:.2f}-{:.2f} | {} | {:.3f} | {:.3f} |\n", kEdges[b],
                 std::min(kEdges[b + 1], 1.0), n[b], share[b] / static_cast<double>(n[b]),
                 right[b] / static_cast<double>(n[b]));
}

}  // namespace symptomdb::bench
