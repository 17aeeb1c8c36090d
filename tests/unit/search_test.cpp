#include <gtest/gtest.h>

#include "engine/snapshot.hpp"
#include "ingest/collect.hpp"
#include "search/index.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

TEST(Index, RanksByWeightedFieldsAndStems) {
  search::Index idx;
  idx.add({"a", {{"Muscle atrophy", 6}, {"muscles getting smaller", 1}}, {"Muscles shrink."}});
  idx.add({"b", {{"Asthma", 6}, {"wheezing and muscle tightness in airways", 1}}, {"Airways."}});
  idx.add({"c", {{"Eczema", 6}, {"dry itchy skin", 1}}, {"Skin."}});
  auto hits = idx.search("muscles", 10);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(idx.id(hits[0].doc), "a");  // the name field outweighs body text
  EXPECT_GT(hits[0].score, hits[1].score);
  EXPECT_TRUE(idx.search("zzzz", 10).empty());
  EXPECT_TRUE(idx.search("", 10).empty());
  EXPECT_EQ(idx.search("skin itching", 1).size(), 1u);
}

TEST(Snapshot, SearchesBundledContentAndListsConditionsAToZ) {
  auto articles = ingest::parse_files(
      ingest::collect_files({(test::source_dir() / "content").string()}, ".md"),
      ingest::Format::markdown);
  const Snapshot snap(std::move(articles));
  ASSERT_GE(snap.conditions().size(), 12u);
  for (std::size_t i = 1; i < snap.conditions().size(); ++i)
    EXPECT_LE(snap.conditions()[i - 1].name, snap.conditions()[i].name);
  // Synonyms are searchable: "hypertension" finds the high blood pressure article.
  auto hits = snap.search("hypertension", 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].article->condition.name, "High blood pressure");
  EXPECT_FALSE(hits[0].snippet.empty());
  auto wasting = snap.search("muscle wasting", 3);
  ASSERT_FALSE(wasting.empty());
  EXPECT_EQ(wasting[0].article->slug, "muscle-atrophy");
  EXPECT_TRUE(snap.article("muscle-atrophy"));
  EXPECT_FALSE(snap.article("nope"));
}

}  // namespace
}  // namespace symptomdb
