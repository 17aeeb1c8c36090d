// Typo tolerance: bounded edit distance, the per-length edit allowance, and
// the deletion index that finds corrections for misspelt words.
#include <gtest/gtest.h>

#include <algorithm>

#include "text/fuzzy.hpp"

namespace symptomdb::text {
namespace {

TEST(EditDistance, CountsSubstitutionsInsertionsAndDeletions) {
  EXPECT_EQ(edit_distance("gout", "gout", 3), 0);
  EXPECT_EQ(edit_distance("cat", "cut", 3), 1);             // substitution
  EXPECT_EQ(edit_distance("diabetes", "diabeetes", 3), 1);  // insertion
  EXPECT_EQ(edit_distance("diabetes", "diabtes", 3), 1);    // deletion
  EXPECT_EQ(edit_distance("kitten", "sitting", 5), 3);      // two substitutions and an insertion
  EXPECT_EQ(edit_distance("", "abc", 5), 3);
  EXPECT_EQ(edit_distance("abc", "", 5), 3);
  // Symmetric.
  EXPECT_EQ(edit_distance("sitting", "kitten", 5), 3);
}

TEST(EditDistance, AnAdjacentSwapIsOneEdit) {
  EXPECT_EQ(edit_distance("form", "from", 3), 1);
  EXPECT_EQ(edit_distance("guot", "gout", 3), 1);
  EXPECT_EQ(edit_distance("ashtma", "asthma", 3), 1);
  // Two separate swaps are two edits.
  EXPECT_EQ(edit_distance("abcd", "badc", 3), 2);
  // Optimal string alignment, not full Damerau-Levenshtein: a swapped pair
  // is not edited again ("ca" -> "ac" -> "abc" would be 2).
  EXPECT_EQ(edit_distance("ca", "abc", 5), 3);
}

TEST(EditDistance, StopsAtTheLimit) {
  // Anything beyond the limit comes back as limit + 1, never the true distance.
  EXPECT_EQ(edit_distance("abcdef", "uvwxyz", 2), 3);
  EXPECT_EQ(edit_distance("abcdef", "uvwxyz", 6), 6);
  EXPECT_EQ(edit_distance("kitten", "sitting", 2), 3);
  EXPECT_EQ(edit_distance("kitten", "sitting", 3), 3);
  // Length alone can exceed the limit.
  EXPECT_EQ(edit_distance("a", "abcd", 1), 2);
  EXPECT_EQ(edit_distance("a", "abcd", 0), 1);
  // Within the limit the true distance is returned.
  EXPECT_EQ(edit_distance("gout", "gout", 0), 0);
  EXPECT_EQ(edit_distance("cat", "cut", 0), 1);
}

TEST(AllowedEdits, GrowsWithWordLength) {
  for (std::size_t n = 0; n < 4; ++n) EXPECT_EQ(allowed_edits(n), 0) << n;
  for (std::size_t n = 4; n <= 7; ++n) EXPECT_EQ(allowed_edits(n), 1) << n;
  for (std::size_t n = 8; n <= 20; ++n) EXPECT_EQ(allowed_edits(n), 2) << n;
}

std::vector<std::string> words_of(const std::vector<FuzzyIndex::Match>& ms) {
  std::vector<std::string> out;
  for (const auto& m : ms) out.push_back(m.word);
  return out;
}

class FuzzyLookup : public ::testing::Test {
 protected:
  void SetUp() override {
    index_.add("diabetes", 10);
    index_.add("diabetic", 3);
    index_.add("arthritis", 1);
    index_.add("arthritic", 100);
    index_.add("asthma", 5);
    index_.add("gout", 2);
    index_.add("flu", 50);
    index_.add("sclerosis", 4);
    index_.finish();
  }
  FuzzyIndex index_;
};

TEST_F(FuzzyLookup, CorrectsAMisspeltWord) {
  const auto m = index_.lookup("diabetis");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().word, "diabetes");
  EXPECT_EQ(m.front().distance, 1);
  EXPECT_EQ(m.front().weight, 10u);
  const auto s = index_.lookup("sclerosus");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front().word, "sclerosis");
  const auto g = index_.lookup("guot");  // a swap in a 4-letter word
  ASSERT_FALSE(g.empty());
  EXPECT_EQ(g.front().word, "gout");
}

TEST_F(FuzzyLookup, PrefersTheHeavierOfEquallyNearWords) {
  // "diabetis" is one edit from both "diabetes" (10) and "diabetic" (3).
  EXPECT_EQ(words_of(index_.lookup("diabetis", 3)),
            (std::vector<std::string>{"diabetes", "diabetic"}));
  EXPECT_EQ(words_of(index_.lookup("diabetis", 1)), (std::vector<std::string>{"diabetes"}));
}

TEST_F(FuzzyLookup, PrefersTheNearerWordOverAHeavierOne) {
  // "arthritus" is 1 from "arthritis" (weight 1) and 2 from "arthritic" (weight 100).
  const auto m = index_.lookup("arthritus", 3);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].word, "arthritis");
  EXPECT_EQ(m[0].distance, 1);
  EXPECT_EQ(m[1].word, "arthritic");
  EXPECT_EQ(m[1].distance, 2);
}

TEST_F(FuzzyLookup, NothingToCorrectForAVocabularyWord) {
  EXPECT_TRUE(index_.contains("diabetes"));
  EXPECT_TRUE(index_.lookup("diabetes").empty());
  EXPECT_TRUE(index_.lookup("asthma").empty());
}

TEST_F(FuzzyLookup, NothingForShortOrDistantWords) {
  EXPECT_FALSE(index_.contains("flo"));
  EXPECT_TRUE(index_.lookup("flo").empty());  // under 4 letters: no edits allowed
  EXPECT_TRUE(index_.lookup("gut").empty());
  // A 4-letter word may take one edit, but not into a 3-letter vocabulary word.
  EXPECT_TRUE(index_.lookup("flux").empty());
  // Too far for the word's length.
  EXPECT_TRUE(index_.lookup("diabolical").empty());
  EXPECT_TRUE(index_.lookup("asthmatic").empty());
  EXPECT_TRUE(index_.lookup("zzzzzzzz").empty());
}

TEST_F(FuzzyLookup, NeighboursLeaveOutTheWordItself) {
  const auto n = index_.neighbours("diabetes", 5);
  ASSERT_FALSE(n.empty());
  for (const auto& m : n) EXPECT_NE(m.word, "diabetes");
  EXPECT_EQ(n.front().word, "diabetic");
  EXPECT_EQ(n.front().distance, 2);
  // For a word outside the vocabulary, neighbours() and lookup() agree.
  EXPECT_EQ(words_of(index_.neighbours("diabetis", 3)), words_of(index_.lookup("diabetis", 3)));
  EXPECT_TRUE(index_.neighbours("flu").empty());  // too short to have neighbours
}

TEST(FuzzyIndex, RepeatedWordsAddTheirWeights) {
  FuzzyIndex idx;
  idx.add("migraine", 2);
  idx.add("migraine", 3);
  idx.add("migrane", 1);  // two edits from "migraines": loses to the nearer word
  idx.finish();
  const auto m = idx.lookup("migraines", 3);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().word, "migraine");
  EXPECT_EQ(m.front().weight, 5u);
  EXPECT_EQ(m.front().distance, 1);
}

TEST(FuzzyIndex, EmptyIndexFindsNothing) {
  FuzzyIndex idx;
  idx.finish();
  EXPECT_TRUE(idx.lookup("diabetes").empty());
  EXPECT_TRUE(idx.neighbours("diabetes").empty());
  EXPECT_FALSE(idx.contains("diabetes"));
}

// The deletion index must find exactly what a scan of the whole vocabulary
// finds: every word within the allowance of both words, ordered nearest,
// then heaviest, then alphabetically. The vocabulary is built from a small
// alphabet so that many words are near each other, with repeated and
// doubled letters and lengths either side of the allowance steps.
std::vector<FuzzyIndex::Match> scan(const std::vector<std::pair<std::string, std::uint32_t>>& vocab,
                                    const std::string& word, std::size_t limit) {
  std::vector<FuzzyIndex::Match> out;
  const int d = allowed_edits(word.size());
  for (const auto& [w, weight] : vocab) {
    if (w == word || d == 0) continue;
    const int here = std::min(d, allowed_edits(w.size()));
    const int dist = edit_distance(word, w, here);
    if (dist <= here) out.push_back({w, dist, weight});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.word < b.word;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

TEST(FuzzyIndex, FindsExactlyWhatAScanOfTheVocabularyFinds) {
  std::uint64_t state = 12345;
  auto next = [&state](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  auto random_word = [&](std::size_t min_len, std::size_t max_len) {
    std::string w;
    const auto len = min_len + next(max_len - min_len + 1);
    for (std::size_t i = 0; i < len; ++i) w.push_back(static_cast<char>('a' + next(4)));
    return w;
  };
  std::vector<std::pair<std::string, std::uint32_t>> vocab;
  FuzzyIndex idx;
  for (int i = 0; i < 3000; ++i) {
    const auto w = random_word(2, 11);
    const auto weight = static_cast<std::uint32_t>(1 + next(5));
    auto it = std::find_if(vocab.begin(), vocab.end(), [&](const auto& v) { return v.first == w; });
    if (it == vocab.end())
      vocab.emplace_back(w, weight);
    else
      it->second += weight;
    idx.add(w, weight);
  }
  idx.finish();
  std::size_t compared = 0, found = 0;
  auto same = [&](const std::vector<FuzzyIndex::Match>& got,
                  const std::vector<FuzzyIndex::Match>& want, const std::string& q) {
    ASSERT_EQ(got.size(), want.size()) << q;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].word, want[i].word) << q;
      EXPECT_EQ(got[i].distance, want[i].distance) << q;
      EXPECT_EQ(got[i].weight, want[i].weight) << q;
    }
  };
  for (int i = 0; i < 600; ++i) {
    // Half the queries are vocabulary words (neighbours() of a known word),
    // half new strings, some longer than any vocabulary word.
    const std::string q = i % 2 == 0 ? vocab[next(vocab.size())].first : random_word(3, 14);
    for (const std::size_t limit : {std::size_t{3}, std::size_t{1000}}) {
      const auto want = scan(vocab, q, limit);
      same(idx.neighbours(q, limit), want, q);
      const bool known =
          std::any_of(vocab.begin(), vocab.end(), [&](const auto& v) { return v.first == q; });
      EXPECT_EQ(idx.contains(q), known) << q;
      same(idx.lookup(q, limit), known ? std::vector<FuzzyIndex::Match>{} : want, q);
      ++compared;
      found += want.size();
    }
  }
  // The comparison is only a test if the scan finds neighbours.
  EXPECT_EQ(compared, 1200u);
  EXPECT_GT(found, 1000u);
}

TEST(EditDistance, LongWordsBeyondTheStackRows) {
  const std::string a(100, 'a');
  std::string b = a;
  b[50] = 'b';
  EXPECT_EQ(edit_distance(a, b, 2), 1);
  EXPECT_EQ(edit_distance(a, a + "xy", 2), 2);
  EXPECT_EQ(edit_distance(a, a + "xyz", 2), 3);
  EXPECT_EQ(edit_distance(a + "ab", a + "ba", 2), 1);
}

}  // namespace
}  // namespace symptomdb::text
