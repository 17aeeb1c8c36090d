#include <gtest/gtest.h>

#include "article_format/markdown_article.hpp"
#include "article_format/markdown_export.hpp"
#include "ingest/collect.hpp"
#include "ingest/seed_text.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

// Exports to Markdown, imports that back, and expects the same article
// (provenance aside: the copy comes from a different file).
void expect_round_trip(const Article& original) {
  test::TempDir dir;
  const std::string md = article_format::to_markdown(original);
  Article back =
      article_format::parse_markdown_article(text::read_source_file(dir.write("x.md", md)));
  back.provenance = original.provenance;
  EXPECT_EQ(back, original) << md;
  // And exporting the copy gives byte-identical Markdown.
  EXPECT_EQ(article_format::to_markdown(back), md);
}

TEST(ExportRoundTrip, SeedLikeFixture) {
  expect_round_trip(ingest::parse_seed_text(
      text::read_source_file(test::source_dir() / "tests/fixtures/seed_like.txt")));
}

TEST(ExportRoundTrip, ModelSeed) {
  if (!std::filesystem::exists(test::seed_file()))
    GTEST_SKIP() << "../shared/seeds/muscle-atrophy-article.txt not present";
  expect_round_trip(ingest::parse_seed_text(text::read_source_file(test::seed_file())));
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

// An imported dataset's article edited in the browser: what the Markdown
// cannot hold comes back from the live copy.
TEST(ExportRoundTrip, EditingKeepsWhatTheFormatDoesNotHold) {
  Article live;
  live.slug = "gout";
  live.title = "What is gout?";
  live.condition = {"Gout", {"podagra"}, "disease", {"C0018099"}};
  live.introduction = "Intro.";
  live.collection = "MedlinePlus";
  live.document_id = "0001";
  live.url = "https://medlineplus.gov/gout.html";
  live.open_questions = {{"3", "outlook", "What is the outlook for gout?"}};
  live.sections.push_back({.type = SectionType::overview,
                           .heading = "What is gout?",
                           .intro = "A kind of arthritis.",
                           .original_type = "information",
                           .source = {"MedlinePlus", "0001", "1", "https://medlineplus.gov/g"}});
  live.sections.push_back({.type = SectionType::treatment,
                           .intro = "Medicines.",
                           .original_type = "treatment",
                           .source = {"MedlinePlus", "0001", "2", ""}});
  test::TempDir dir;
  Article edited = article_format::parse_markdown_article(
      text::read_source_file(dir.write("gout.md", article_format::to_markdown(live))));
  EXPECT_TRUE(edited.collection.empty()) << "the format does not carry it";
  keep_source_metadata(live, edited);
  edited.provenance = live.provenance;
  EXPECT_EQ(edited, live);

  // A renamed section is new text: it keeps no source. A new condition
  // keeps none of the old one's identifiers.
  edited.sections[0].heading = "About gout";
  edited.sections[0].source = {};
  edited.sections[0].original_type.clear();
  edited.condition = {"Gouty arthritis", {}, "disease", {}};
  keep_source_metadata(live, edited);
  EXPECT_TRUE(edited.sections[0].source.empty());
  EXPECT_EQ(edited.sections[1].source.pair, "2");
  EXPECT_TRUE(edited.condition.cuis.empty());
  EXPECT_EQ(edited.collection, "MedlinePlus");
}

}  // namespace
}  // namespace symptomdb
