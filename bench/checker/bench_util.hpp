// Small helpers the checker benchmarks share (simulated patients, real
// cases, vignettes), so that every mode reads files and counts ranks alike.
#pragma once

#include <cstddef>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace symptomdb::bench {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Rank of the true answer with ties split evenly: 1 + (answers scoring
// higher) + half of the others scoring the same, so a method cannot gain
// from ties falling its way.
inline double rank_of(const std::vector<double>& score, std::size_t truth) {
  const double s = score[truth];
  std::size_t higher = 0, equal = 0;
  for (std::size_t d = 0; d < score.size(); ++d) {
    if (d == truth) continue;
    if (score[d] > s)
      ++higher;
    else if (score[d] == s)
      ++equal;
  }
  return 1.0 + static_cast<double>(higher) + 0.5 * static_cast<double>(equal);
}

}  // namespace symptomdb::bench
