#include <gtest/gtest.h>

#include "ingest/collect.hpp"
#include "ingest/markdown_article.hpp"
#include "ingest/markdown_export.hpp"
#include "ingest/seed_text.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

// Exports to Markdown, imports that back, and expects the same article
// (provenance aside: the copy comes from a different file).
void expect_round_trip(const Article& original) {
  test::TempDir dir;
  const std::string md = ingest::to_markdown(original);
  Article back = ingest::parse_markdown_article(ingest::read_source_file(dir.write("x.md", md)));
  back.provenance = original.provenance;
  EXPECT_EQ(back, original) << md;
  // And exporting the copy gives byte-identical Markdown.
  EXPECT_EQ(ingest::to_markdown(back), md);
}

TEST(ExportRoundTrip, SeedLikeFixture) {
  expect_round_trip(ingest::parse_seed_text(
      ingest::read_source_file(test::source_dir() / "tests/fixtures/seed_like.txt")));
}

TEST(ExportRoundTrip, ModelSeed) {
  if (!std::filesystem::exists(test::seed_file()))
    GTEST_SKIP() << "../shared/seeds/muscle-atrophy-article.txt not present";
  expect_round_trip(ingest::parse_seed_text(ingest::read_source_file(test::seed_file())));
}

TEST(ExportRoundTrip, EveryBundledArticle) {
  const auto files = ingest::collect_files({(test::source_dir() / "content").string()}, ".md");
  for (const auto& a : ingest::parse_files(files, ingest::Format::markdown)) {
    SCOPED_TRACE(a.slug);
    expect_round_trip(a);
  }
}

TEST(ExportRoundTrip, AwkwardValuesSurviveYaml) {
  Article a;
  a.slug = "odd";
  a.title = "Is \"quoting\": ok? # not a comment";
  a.condition.name = "Odd: condition";
  a.condition.synonyms = {"a, b", "[c]", "yes"};
  a.introduction = "Intro with *emphasis* and a list:\n\n- one\n- two";
  a.author = {"Dr. O'Neil", "MD, PhD", "Clinic: North"};
  a.reviewed_on = "2026-11-30";
  a.reviewed_by = {"Jane: Roe", "MD, FRCP"};
  a.sections.push_back(
      {.type = SectionType::other, .heading = "Living with it", .intro = "Prose."});
  expect_round_trip(a);
}

}  // namespace
}  // namespace symptomdb
