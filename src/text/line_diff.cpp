#include "text/line_diff.hpp"

#include <algorithm>

#include "text/lines.hpp"

namespace symptomdb::text {
namespace {

// Beyond this many changed lines the diff stops looking for the shortest
// script (its cost grows with the square of it).
constexpr long kMaxEdits = 1000;

}  // namespace

std::vector<DiffLine> diff_lines(std::string_view old_text, std::string_view new_text) {
  const auto a = split_lines(old_text);
  const auto b = split_lines(new_text);
  // Common prefix and suffix are cut first: revisions of one article differ
  // in a few places, and this keeps the search below small.
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  const long n = static_cast<long>(a.size() - prefix - suffix);
  const long m = static_cast<long>(b.size() - prefix - suffix);
  auto A = [&](long i) { return a[prefix + static_cast<std::size_t>(i)]; };
  auto B = [&](long j) { return b[prefix + static_cast<std::size_t>(j)]; };

  // Myers: v[k] is the furthest x reached on diagonal k = x - y after d
  // edits. Each round keeps the slice of v it read (diagonals -d-1..d+1) to
  // walk the path back afterwards: memory grows with the square of the
  // number of edits, not with the texts' length.
  const long max = n + m;
  const long offset = max + 1;
  std::vector<long> v(static_cast<std::size_t>(2 * max + 3), 0);
  std::vector<std::vector<long>> trace;  // trace[d][k + d + 1] = v[k] before round d
  long found_d = -1;
  for (long d = 0; d <= max && d <= kMaxEdits && found_d < 0; ++d) {
    trace.emplace_back(v.begin() + (offset - d - 1), v.begin() + (offset + d + 2));
    for (long k = -d; k <= d; k += 2) {
      const auto at = [&](long kk) -> long& { return v[static_cast<std::size_t>(kk + offset)]; };
      long x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && A(x) == B(y)) ++x, ++y;
      at(k) = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
  }

  struct Step {
    DiffOp op;
    long x, y;  // the old/new index the line comes from
  };
  std::vector<Step> steps;
  if (found_d < 0) {
    // Texts too far apart for a minimal script at a bounded cost: every old
    // line removed, then every new line added. Still a correct diff.
    for (long i = 0; i < n; ++i) steps.push_back({DiffOp::removed, i, 0});
    for (long j = 0; j < m; ++j) steps.push_back({DiffOp::added, n, j});
    std::reverse(steps.begin(), steps.end());
  }
  // Walk back from (n, m) to (0, 0), collecting the middle part in reverse.
  long x = n, y = m;
  for (long d = found_d; d > 0; --d) {
    const auto& pv = trace[static_cast<std::size_t>(d)];
    const auto at = [&](long kk) { return pv[static_cast<std::size_t>(kk + d + 1)]; };
    const long k = x - y;
    const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
    const long prev_k = down ? k + 1 : k - 1;
    const long prev_x = at(prev_k);
    const long prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x, --y;
      steps.push_back({DiffOp::same, x, y});
    }
    if (down) {
      --y;
      steps.push_back({DiffOp::added, x, y});
    } else {
      --x;
      steps.push_back({DiffOp::removed, x, y});
    }
  }
  while (found_d >= 0 && x > 0 && y > 0) {
    --x, --y;
    steps.push_back({DiffOp::same, x, y});
  }
  std::reverse(steps.begin(), steps.end());
  // Within each run of changes, removals first: the old text, then the new.
  for (std::size_t i = 0; i < steps.size();) {
    if (steps[i].op == DiffOp::same) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < steps.size() && steps[j].op != DiffOp::same) ++j;
    std::stable_partition(steps.begin() + static_cast<long>(i),
                          steps.begin() + static_cast<long>(j),
                          [](const Step& s) { return s.op == DiffOp::removed; });
    i = j;
  }

  std::vector<DiffLine> out;
  out.reserve(prefix + suffix + steps.size());
  for (std::size_t i = 0; i < prefix; ++i)
    out.push_back({DiffOp::same, std::string(a[i]), i + 1, i + 1});
  for (const auto& s : steps) {
    const auto oi = prefix + static_cast<std::size_t>(s.x);
    const auto ni = prefix + static_cast<std::size_t>(s.y);
    switch (s.op) {
      case DiffOp::same:
        out.push_back({DiffOp::same, std::string(a[oi]), oi + 1, ni + 1});
        break;
      case DiffOp::removed:
        out.push_back({DiffOp::removed, std::string(a[oi]), oi + 1, 0});
        break;
      case DiffOp::added:
        out.push_back({DiffOp::added, std::string(b[ni]), 0, ni + 1});
        break;
    }
  }
  for (std::size_t i = 0; i < suffix; ++i) {
    const auto oi = a.size() - suffix + i, ni = b.size() - suffix + i;
    out.push_back({DiffOp::same, std::string(a[oi]), oi + 1, ni + 1});
  }
  return out;
}

std::vector<DiffHunk> diff_hunks(const std::vector<DiffLine>& lines, std::size_t context) {
  std::vector<DiffHunk> hunks;
  std::vector<std::size_t> changed;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].op != DiffOp::same) changed.push_back(i);
  std::size_t c = 0;
  while (c < changed.size()) {
    const std::size_t begin = changed[c] > context ? changed[c] - context : 0;
    std::size_t last = changed[c];
    while (c + 1 < changed.size() && changed[c + 1] - last <= 2 * context + 1) last = changed[++c];
    ++c;
    const std::size_t end = std::min(lines.size(), last + context + 1);
    DiffHunk h;
    h.lines.assign(lines.begin() + static_cast<long>(begin),
                   lines.begin() + static_cast<long>(end));
    // Start lines: the first line of each side in the hunk, or for a side with
    // no lines, the line before which the change sits (as diff -u counts).
    std::size_t old_before = 0, new_before = 0;
    for (std::size_t i = 0; i < begin; ++i) {
      if (lines[i].op != DiffOp::added) ++old_before;
      if (lines[i].op != DiffOp::removed) ++new_before;
    }
    for (const auto& l : h.lines) {
      if (l.op != DiffOp::added) ++h.old_count;
      if (l.op != DiffOp::removed) ++h.new_count;
    }
    h.old_start = h.old_count ? old_before + 1 : old_before;
    h.new_start = h.new_count ? new_before + 1 : new_before;
    hunks.push_back(std::move(h));
  }
  return hunks;
}

std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::size_t context) {
  std::string out;
  for (const auto& h : diff_hunks(diff_lines(old_text, new_text), context)) {
    out += "@@ -" + std::to_string(h.old_start) + "," + std::to_string(h.old_count) + " +" +
           std::to_string(h.new_start) + "," + std::to_string(h.new_count) + " @@\n";
    for (const auto& l : h.lines) {
      out += l.op == DiffOp::same ? ' ' : l.op == DiffOp::removed ? '-' : '+';
      out += l.text;
      out += '\n';
    }
  }
  return out;
}

}  // namespace symptomdb::text
