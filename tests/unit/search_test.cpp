#include <gtest/gtest.h>

#include "ingest/collect.hpp"
#include "qa/engine.hpp"
#include "search/index.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

std::vector<search::TermId> ids(const search::Index& idx, text::Analyzer& an, std::string_view q) {
  std::vector<search::TermId> out;
  for (auto& s : an.stems(q))
    if (auto t = idx.term(s)) out.push_back(*t);
  return out;
}

TEST(Index, RanksByWeightedFieldsStemsAndFindsPhrases) {
  text::Analyzer an;
  search::Index idx;
  const search::Field a[] = {{"Muscle atrophy", 6}, {"muscles getting smaller", 1}};
  const search::Field b[] = {{"Asthma", 6}, {"wheezing and muscle tightness in airways", 1}};
  const search::Field c[] = {{"Eczema", 6}, {"dry itchy skin", 1}};
  idx.add(a, an);
  idx.add(b, an);
  idx.add(c, an);
  idx.finish();
  auto hits = idx.rank(ids(idx, an, "muscles"), 10);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].doc, 0u);  // the heavy field outweighs body text
  EXPECT_GT(hits[0].score, hits[1].score);
  EXPECT_TRUE(idx.rank(ids(idx, an, "zzzz"), 10).empty());
  EXPECT_EQ(idx.rank(ids(idx, an, "skin itching"), 1).size(), 1u);
  // Phrases match in order, and never across a field boundary.
  EXPECT_TRUE(idx.find_phrase(1, ids(idx, an, "muscle tightness")));
  EXPECT_FALSE(idx.find_phrase(1, ids(idx, an, "tightness muscle")));
  EXPECT_FALSE(idx.find_phrase(0, ids(idx, an, "atrophy muscles")));
  EXPECT_EQ(idx.df(*idx.term(an.stem("muscle"))), 2u);
  // Filters apply before ranking.
  auto only_b = idx.rank(ids(idx, an, "muscle"), 10, [](search::DocId d) { return d == 1; });
  ASSERT_EQ(only_b.size(), 1u);
  EXPECT_EQ(only_b[0].doc, 1u);
}

class BundledEngine : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto articles = ingest::parse_files(
        ingest::collect_files({(test::source_dir() / "content").string()}, ".md"),
        ingest::Format::markdown);
    engine_ = new qa::Engine(std::make_shared<const Snapshot>(std::move(articles)));
  }
  static void TearDownTestSuite() { delete engine_; }
  static inline qa::Engine* engine_ = nullptr;
  const std::string& name(std::size_t c) { return engine_->snapshot().conditions()[c].name; }
};

TEST_F(BundledEngine, SearchUsesSynonymsStemsAndFacets) {
  auto page = engine_->search("hypertension", {}, 5);
  ASSERT_FALSE(page.hits.empty());
  EXPECT_EQ(engine_->snapshot().articles()[page.hits[0].article].condition.name,
            "High blood pressure");
  EXPECT_FALSE(page.hits[0].snippet.empty());
  auto wasting = engine_->search("muscles wasting away", {}, 3);
  ASSERT_FALSE(wasting.hits.empty());
  EXPECT_EQ(engine_->snapshot().articles()[wasting.hits[0].article].slug, "muscle-atrophy");
  EXPECT_EQ(wasting.collections.at("symptomdb"), wasting.total);
  EXPECT_FALSE(wasting.types.empty());
  qa::SearchFilters only_causes;
  only_causes.type = SectionType::causes;
  for (const auto& h : engine_->search("pain", only_causes, 10).hits)
    EXPECT_EQ(engine_->unit(h.unit).type, SectionType::causes);
}

TEST_F(BundledEngine, SuggestCompletesNamesFromAnyWord) {
  auto s = engine_->suggest("mig", 5);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(name(s[0].condition), "Migraine");
  auto inner = engine_->suggest("atro", 5);  // the second word of "Muscle atrophy"
  ASSERT_FALSE(inner.empty());
  EXPECT_EQ(name(inner[0].condition), "Muscle atrophy");
  EXPECT_TRUE(engine_->suggest("zzzq", 5).empty());
  EXPECT_TRUE(engine_->suggest("", 5).empty());
}

}  // namespace
}  // namespace symptomdb
