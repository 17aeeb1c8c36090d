// A line-based diff between two texts (two revisions of an article), as a
// reviewer reads it: unchanged lines, removed lines and added lines, grouped
// into hunks with a few lines of context. Pure functions, no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace symptomdb::text {

enum class DiffOp { same, removed, added };

struct DiffLine {
  DiffOp op = DiffOp::same;
  std::string text;
  std::size_t old_line = 0;  // 1-based line in the old text; 0 for added lines
  std::size_t new_line = 0;  // 1-based line in the new text; 0 for removed lines
  bool operator==(const DiffLine&) const = default;
};

// Every line of both texts in order: a shortest edit script (Myers' O(ND)
// algorithm), so a change shows as the fewest removed and added lines, with
// removals before additions where both happen at one place.
std::vector<DiffLine> diff_lines(std::string_view old_text, std::string_view new_text);

struct DiffHunk {
  std::size_t old_start = 0, old_count = 0;  // as in "@@ -old_start,old_count ...": 1-based
  std::size_t new_start = 0, new_count = 0;
  std::vector<DiffLine> lines;
};

// The changed lines with up to `context` unchanged lines around each change;
// changes closer than 2 * context lines share one hunk. Empty when equal.
std::vector<DiffHunk> diff_hunks(const std::vector<DiffLine>& lines, std::size_t context = 3);

// The hunks as unified-diff text ("@@ -1,3 +1,4 @@", then " ", "-", "+" lines).
std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::size_t context = 3);

}  // namespace symptomdb::text
