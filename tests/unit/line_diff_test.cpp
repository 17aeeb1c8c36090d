#include "text/line_diff.hpp"

#include <gtest/gtest.h>

#include <random>

namespace symptomdb::text {
namespace {

// The diff as "+x", "-y", " z" strings: easy to compare.
std::vector<std::string> ops(std::string_view a, std::string_view b) {
  std::vector<std::string> out;
  for (const auto& l : diff_lines(a, b))
    out.push_back((l.op == DiffOp::same ? " " : l.op == DiffOp::removed ? "-" : "+") + l.text);
  return out;
}

// Applying the diff to the old text gives the new one, and the old text is
// what its same and removed lines spell.
void expect_consistent(const std::string& a, const std::string& b) {
  std::string old_text, new_text;
  for (const auto& l : diff_lines(a, b)) {
    if (l.op != DiffOp::added) old_text += l.text + "\n";
    if (l.op != DiffOp::removed) new_text += l.text + "\n";
  }
  auto with_newline = [](std::string s) {
    if (!s.empty() && s.back() != '\n') s += '\n';
    return s;
  };
  EXPECT_EQ(old_text, with_newline(a));
  EXPECT_EQ(new_text, with_newline(b));
}

std::size_t changes(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  for (const auto& l : diff_lines(a, b)) n += l.op != DiffOp::same;
  return n;
}

TEST(LineDiff, EqualTextsHaveNoChanges) {
  EXPECT_EQ(ops("a\nb\n", "a\nb\n"), (std::vector<std::string>{" a", " b"}));
  EXPECT_TRUE(diff_hunks(diff_lines("a\nb", "a\nb")).empty());
  EXPECT_TRUE(diff_lines("", "").empty());
  EXPECT_EQ(unified_diff("x\n", "x\n"), "");
}

TEST(LineDiff, AddedRemovedAndChangedLines) {
  EXPECT_EQ(ops("", "a\nb"), (std::vector<std::string>{"+a", "+b"}));
  EXPECT_EQ(ops("a\nb", ""), (std::vector<std::string>{"-a", "-b"}));
  EXPECT_EQ(ops("a\nb\nc", "a\nc"), (std::vector<std::string>{" a", "-b", " c"}));
  EXPECT_EQ(ops("a\nc", "a\nb\nc"), (std::vector<std::string>{" a", "+b", " c"}));
  // A changed line: the old one removed, then the new one added.
  EXPECT_EQ(ops("a\nb\nc", "a\nB\nc"), (std::vector<std::string>{" a", "-b", "+B", " c"}));
}

TEST(LineDiff, IsMinimal) {
  // The classic Myers example: ABCABBA -> CBABAC has an edit script of 5.
  const std::string a = "A\nB\nC\nA\nB\nB\nA", b = "C\nB\nA\nB\nA\nC";
  EXPECT_EQ(changes(a, b), 5u);
  expect_consistent(a, b);
  // Moving a block costs its lines twice, not the whole text.
  EXPECT_EQ(changes("1\n2\n3\n4\n5\n6", "4\n5\n6\n1\n2\n3"), 6u);
}

TEST(LineDiff, LineNumbersCountFromOne) {
  const auto lines = diff_lines("a\nb\nc", "a\nx\nc\nd");
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], (DiffLine{DiffOp::same, "a", 1, 1}));
  EXPECT_EQ(lines[1], (DiffLine{DiffOp::removed, "b", 2, 0}));
  EXPECT_EQ(lines[2], (DiffLine{DiffOp::added, "x", 0, 2}));
  EXPECT_EQ(lines[3], (DiffLine{DiffOp::same, "c", 3, 3}));
  EXPECT_EQ(lines[4], (DiffLine{DiffOp::added, "d", 0, 4}));
}

TEST(LineDiff, HunksKeepThreeLinesOfContext) {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += std::to_string(i) + "\n";
    b += (i == 5    ? std::string("five")
          : i == 16 ? std::string("sixteen")
                    : std::to_string(i)) +
         "\n";
  }
  const auto hunks = diff_hunks(diff_lines(a, b));
  ASSERT_EQ(hunks.size(), 2u);
  EXPECT_EQ(hunks[0].old_start, 2u);
  EXPECT_EQ(hunks[0].old_count, 7u);
  EXPECT_EQ(hunks[0].new_start, 2u);
  EXPECT_EQ(hunks[0].new_count, 7u);
  EXPECT_EQ(hunks[0].lines.front().text, "2");
  EXPECT_EQ(hunks[0].lines.back().text, "8");
  EXPECT_EQ(hunks[1].old_start, 13u);
  // Changes close together share one hunk.
  EXPECT_EQ(diff_hunks(diff_lines(a, b), 6).size(), 1u);
  EXPECT_EQ(unified_diff("a\nb\nc\n", "a\nB\nc\n"), "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  // Counted like diff -u for an insertion into an empty text.
  EXPECT_EQ(unified_diff("", "new\n"), "@@ -0,0 +1,1 @@\n+new\n");
}

TEST(LineDiff, RandomEditsApplyBackExactly) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    std::string a, b;
    const int n = static_cast<int>(rng() % 30), m = static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i) a += std::string(1, static_cast<char>('a' + rng() % 4)) + "\n";
    for (int i = 0; i < m; ++i) b += std::string(1, static_cast<char>('a' + rng() % 4)) + "\n";
    SCOPED_TRACE(a + "|" + b);
    expect_consistent(a, b);
    // Never more edits than replacing everything.
    EXPECT_LE(changes(a, b), static_cast<std::size_t>(n + m));
  }
}

TEST(LineDiff, TextsFarApartStillGiveACorrectDiff) {
  // Beyond the bound on edits: everything removed, then everything added.
  std::string a, b;
  for (int i = 0; i < 5000; ++i) {
    a += "old " + std::to_string(i) + "\n";
    b += "new " + std::to_string(i) + "\n";
  }
  expect_consistent(a, b);
  EXPECT_EQ(changes(a, b), 10000u);
}

}  // namespace
}  // namespace symptomdb::text
