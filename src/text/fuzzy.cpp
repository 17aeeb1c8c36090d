#include "text/fuzzy.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace symptomdb::text {
namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

std::uint64_t fnv_step(std::uint64_t h, unsigned char c) {
  return (h ^ c) * kFnvPrime;
}

// The FNV-1a hashes of all strings reachable from `w` by deleting up to `d`
// (at most 2) characters, sorted and without repeats. The same keys as
// hashing each such string, but computed from the hash states of the
// word's prefixes instead of building, sorting and hashing the strings,
// which was most of the cost of a lookup.
void deletion_hashes(std::string_view w, int d, std::vector<std::uint64_t>& out,
                     std::vector<std::uint64_t>& prefix) {
  const std::size_t n = w.size();
  prefix.resize(n + 1);
  prefix[0] = kFnvOffset;
  for (std::size_t i = 0; i < n; ++i)
    prefix[i + 1] = fnv_step(prefix[i], static_cast<unsigned char>(w[i]));
  out.clear();
  out.push_back(prefix[n]);
  // A one-letter string is not shortened further (nor is a word shortened
  // to nothing).
  if (d >= 1 && n > 1)
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t h = prefix[i];
      for (std::size_t k = i + 1; k < n; ++k) h = fnv_step(h, static_cast<unsigned char>(w[k]));
      out.push_back(h);
    }
  if (d >= 2 && n > 2)
    for (std::size_t i = 0; i < n; ++i) {
      std::uint64_t head = prefix[i];  // w[0, i) then w(i, j)
      for (std::size_t j = i + 1; j < n; ++j) {
        std::uint64_t h = head;
        for (std::size_t k = j + 1; k < n; ++k) h = fnv_step(h, static_cast<unsigned char>(w[k]));
        out.push_back(h);
        head = fnv_step(head, static_cast<unsigned char>(w[j]));
      }
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

int bucket_of(std::uint64_t hash, int bits) {
  return bits == 0 ? 0 : static_cast<int>(hash >> (64 - bits));
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // Three rows; on the stack for the word lengths met in practice, so that
  // checking a candidate allocates nothing.
  constexpr int kStackRow = 64;
  std::array<int, 3 * kStackRow> stack_rows{};
  std::vector<int> heap_rows;
  int* rows = stack_rows.data();
  if (m + 1 > kStackRow) {
    heap_rows.assign(3 * static_cast<std::size_t>(m + 1), 0);
    rows = heap_rows.data();
  }
  const int stride = m + 1 > kStackRow ? m + 1 : kStackRow;
  int* prev2 = rows;
  int* prev = rows + stride;
  int* cur = rows + 2 * stride;
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
    int* old = prev2;
    prev2 = prev;
    prev = cur;
    cur = old;
  }
  return std::min(prev[m], limit + 1);
}

int allowed_edits(std::size_t length) {
  if (length < 4) return 0;
  if (length <= 7) return 1;
  return 2;
}

void FuzzyIndex::add(std::string_view word, std::uint32_t weight) {
  auto [it, fresh] = ids_.try_emplace(std::string(word), static_cast<std::uint32_t>(words_.size()));
  if (!fresh) {
    weights_[it->second] += weight;
    return;
  }
  words_.emplace_back(word);
  weights_.push_back(weight);
}

void FuzzyIndex::finish() {
  std::vector<std::uint64_t> keys, prefix;
  for (std::uint32_t i = 0; i < words_.size(); ++i) {
    const int d = allowed_edits(words_[i].size());
    if (d == 0) continue;
    deletion_hashes(words_[i], d, keys, prefix);
    for (auto h : keys) deletes_.emplace_back(h, i);
  }
  std::sort(deletes_.begin(), deletes_.end());
  // About four entries per bucket, at most 2^22 buckets (16 MB).
  bucket_bits_ = 0;
  while (bucket_bits_ < 22 && (std::size_t{4} << bucket_bits_) < deletes_.size()) ++bucket_bits_;
  bucket_start_.assign((std::size_t{1} << bucket_bits_) + 1, 0);
  for (const auto& e : deletes_) ++bucket_start_[bucket_of(e.first, bucket_bits_) + 1];
  for (std::size_t b = 1; b < bucket_start_.size(); ++b) bucket_start_[b] += bucket_start_[b - 1];
}

std::pair<std::size_t, std::size_t> FuzzyIndex::bucket(std::uint64_t hash) const {
  if (bucket_start_.empty()) return {0, 0};
  const auto b = static_cast<std::size_t>(bucket_of(hash, bucket_bits_));
  return {bucket_start_[b], bucket_start_[b + 1]};
}

std::vector<FuzzyIndex::Match> FuzzyIndex::lookup(std::string_view word, std::size_t limit) const {
  if (contains(word)) return {};
  return neighbours(word, limit);
}

std::vector<FuzzyIndex::Match> FuzzyIndex::neighbours(std::string_view word,
                                                      std::size_t limit) const {
  std::vector<Match> out;
  const int d = allowed_edits(word.size());
  if (d == 0 || deletes_.empty()) return out;
  std::vector<std::uint64_t> keys, prefix;
  deletion_hashes(word, d, keys, prefix);
  // Every word sharing a deletion with this one, each once.
  std::vector<std::uint32_t> ids;
  for (const auto key : keys) {
    const auto [lo, hi] = bucket(key);
    const auto first = deletes_.begin() + static_cast<std::ptrdiff_t>(lo);
    const auto last = deletes_.begin() + static_cast<std::ptrdiff_t>(hi);
    auto it = std::lower_bound(first, last, key,
                               [](const auto& e, std::uint64_t k) { return e.first < k; });
    for (; it != last && it->first == key; ++it) ids.push_back(it->second);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (const auto id : ids) {
    const auto& cand = words_[id];
    if (cand == word) continue;
    // The candidate's own allowance matters too: a short vocabulary word
    // must not absorb a long query word.
    const int limit_here = std::min(d, allowed_edits(cand.size()));
    const int dist = edit_distance(word, cand, limit_here);
    if (dist <= limit_here) out.push_back({cand, dist, weights_[id]});
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
