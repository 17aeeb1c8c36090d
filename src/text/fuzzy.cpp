#include "text/fuzzy.hpp"

#include <algorithm>
#include <set>

namespace symptomdb::text {
namespace {

// All strings reachable from `w` by deleting up to `d` characters (with
// repeats removed), built breadth-first into one vector.
std::vector<std::string> deletions(const std::string& w, int d) {
  std::vector<std::string> out = {w};
  std::size_t level_begin = 0;
  for (int depth = 0; depth < d; ++depth) {
    const std::size_t level_end = out.size();
    for (std::size_t k = level_begin; k < level_end; ++k) {
      const std::string base = out[k];
      if (base.size() <= 1) continue;
      for (std::size_t i = 0; i < base.size(); ++i) {
        if (i > 0 && base[i] == base[i - 1])
          continue;  // deleting either of a double letter is the same
        std::string shorter = base;
        shorter.erase(i, 1);
        out.push_back(std::move(shorter));
      }
    }
    level_begin = level_end;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::uint64_t hash_of(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], limit + 1);
}

int allowed_edits(std::size_t length) {
  if (length < 4) return 0;
  if (length <= 7) return 1;
  return 2;
}

void FuzzyIndex::add(std::string_view word, std::uint32_t weight) {
  auto [it, fresh] = weights_.try_emplace(std::string(word), weight);
  if (!fresh) {
    it->second += weight;
    return;
  }
  words_.emplace_back(word);
}

void FuzzyIndex::finish() {
  for (std::uint32_t i = 0; i < words_.size(); ++i) {
    const int d = allowed_edits(words_[i].size());
    if (d == 0) continue;
    for (const auto& del : deletions(words_[i], d)) deletes_.emplace_back(hash_of(del), i);
  }
  std::sort(deletes_.begin(), deletes_.end());
}

std::vector<FuzzyIndex::Match> FuzzyIndex::lookup(std::string_view word, std::size_t limit) const {
  if (contains(word)) return {};
  return neighbours(word, limit);
}

std::vector<FuzzyIndex::Match> FuzzyIndex::neighbours(std::string_view word,
                                                      std::size_t limit) const {
  std::vector<Match> out;
  const int d = allowed_edits(word.size());
  if (d == 0) return out;
  std::vector<std::uint32_t> seen;
  for (const auto& del : deletions(std::string(word), d)) {
    const auto key = hash_of(del);
    auto range = std::equal_range(deletes_.begin(), deletes_.end(), std::make_pair(key, 0u),
                                  [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = range.first; it != range.second; ++it) {
      const auto id = it->second;
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
      seen.push_back(id);
      const auto& cand = words_[id];
      if (cand == word) continue;
      // The candidate's own allowance matters too: a short vocabulary word
      // must not absorb a long query word.
      const int limit_here = std::min(d, allowed_edits(cand.size()));
      const int dist = edit_distance(word, cand, limit_here);
      if (dist <= limit_here) out.push_back({cand, dist, weights_.at(cand)});
    }
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.word < b.word;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace symptomdb::text
