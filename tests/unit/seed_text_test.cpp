#include "ingest/seed_text.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

using ingest::parse_seed_text;
using text::read_source_file;
using text::SourceFile;

std::vector<std::string> headings(const Section& s) {
  std::vector<std::string> out;
  for (const auto& i : s.items) out.push_back(i.heading);
  return out;
}

// Our own fixture reproduces the seed's quirks: a site line, headings dropped
// but their blank line left behind, a paragraph continuing an item after one
// blank line, a headless conclusion, widget labels around the byline, and no
// newline at the end of the file.
TEST(SeedText, FixtureWithTheSeedsQuirks) {
  const auto file = read_source_file(test::source_dir() / "tests/fixtures/seed_like.txt");
  const Article a = parse_seed_text(file);
  EXPECT_EQ(a.title, "How can I ease shin splints?");
  EXPECT_EQ(a.site, "Test Health Site");
  EXPECT_EQ(a.condition.name, "Shin splints");
  EXPECT_EQ(a.condition.synonyms,
            (std::vector<std::string>{"medial tibial stress syndrome", "MTSS"}));
  EXPECT_EQ(a.slug, "shin-splints");
  EXPECT_TRUE(a.introduction.starts_with("Shin splints, also called"));

  ASSERT_EQ(a.sections.size(), 3u);
  const Section& causes = a.sections[0];
  EXPECT_EQ(causes.type, SectionType::causes);
  EXPECT_EQ(causes.heading, "Causes of Shin Splints");
  EXPECT_EQ(causes.intro,
            "Shin splints usually follow a change in activity. Here are some common causes:");
  EXPECT_EQ(headings(causes), (std::vector<std::string>{"", "Hard Surfaces", "Flat Feet"}));
  EXPECT_TRUE(causes.items[0].text.starts_with("Running more"));

  const Section& treatment = a.sections[1];
  EXPECT_EQ(treatment.type, SectionType::treatment);
  EXPECT_EQ(headings(treatment), (std::vector<std::string>{"Rest", "", "Gradual Return"}));
  // One blank line: the same item goes on. Two: a new item without heading.
  EXPECT_NE(treatment.items[0].text.find("\n\nA second paragraph"), std::string::npos);
  EXPECT_TRUE(treatment.items[1].text.starts_with("Cold packs"));

  const Section& conclusion = a.sections[2];
  EXPECT_EQ(conclusion.type, SectionType::conclusion);
  EXPECT_TRUE(conclusion.heading.empty());
  EXPECT_TRUE(conclusion.intro.starts_with("Shin splints are common"));
  EXPECT_EQ(a.conclusion_text(), conclusion.intro);

  EXPECT_EQ(a.author.name, "Sam Example");
  EXPECT_EQ(a.author.credential, "PT");
  EXPECT_EQ(a.author.affiliation, "Example Sports Clinic, Springfield");
  EXPECT_EQ(a.provenance.format, "seed-text");
}

TEST(SeedText, TheModelSeedArticle) {
  if (!std::filesystem::exists(test::seed_file()))
    GTEST_SKIP() << "../shared/seeds/muscle-atrophy-article.txt not present";
  const Article a = parse_seed_text(read_source_file(test::seed_file()));
  EXPECT_EQ(a.title, "What are the causes and treatment options for muscle atrophy?");
  EXPECT_EQ(a.condition.name, "Muscle atrophy");
  EXPECT_EQ(a.condition.synonyms, (std::vector<std::string>{"muscle wasting", "muscle loss"}));
  EXPECT_EQ(a.site, "Symptom Database");
  ASSERT_EQ(a.sections.size(), 3u);
  EXPECT_EQ(a.sections[0].type, SectionType::causes);
  EXPECT_EQ(headings(a.sections[0]),
            (std::vector<std::string>{"", "Injury or Immobilization", "Neurological Conditions",
                                      "Chronic Diseases"}));
  EXPECT_NE(a.sections[0].items[0].text.find("sarcopenia"), std::string::npos);
  EXPECT_EQ(a.sections[1].type, SectionType::treatment);
  EXPECT_EQ(headings(a.sections[1]),
            (std::vector<std::string>{"Exercise and Physical Therapy", "Nutrition and Diet",
                                      "Electrical Stimulation", "", "Assistive Devices"}));
  EXPECT_TRUE(a.sections[1].items[3].text.starts_with("In some cases, medications"));
  EXPECT_EQ(a.sections[2].type, SectionType::conclusion);
  EXPECT_TRUE(a.conclusion_text().starts_with("Muscle atrophy is a common condition"));
  EXPECT_EQ(a.author.name, "Haroon Rashid");
  EXPECT_EQ(a.author.credential, "MD");
  EXPECT_EQ(a.author.affiliation, "Urgent Care Center of Arlington, VA");
  // Widget labels are not content.
  for (const auto& s : a.sections)
    for (const auto& i : s.items) EXPECT_EQ(i.text.find("Rate author"), std::string::npos);
}

TEST(SeedText, CrLfLineEndingsParseTheSame) {
  test::TempDir dir;
  std::string text = test::read_file(test::source_dir() / "tests/fixtures/seed_like.txt");
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const auto lf =
      parse_seed_text(read_source_file(test::source_dir() / "tests/fixtures/seed_like.txt"));
  auto crlf_article = parse_seed_text(read_source_file(dir.write("crlf.txt", crlf)));
  crlf_article.provenance = lf.provenance;
  EXPECT_EQ(crlf_article, lf);
}

void expect_error(const std::string& content, int line, const std::string& fragment) {
  test::TempDir dir;
  const auto path = dir.write("bad.txt", content);
  try {
    parse_seed_text(read_source_file(path));
    FAIL() << "expected a ParseError for: " << content;
  } catch (const ParseError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    EXPECT_TRUE(std::string(e.what()).starts_with(path + ":" + std::to_string(line) + ": "));
  }
}

TEST(SeedText, MalformedFilesNameFileAndLine) {
  expect_error("", 1, "empty");
  expect_error("\n\n   \n", 1, "empty");
  expect_error("Just a title?\n", 1, "no text");
  expect_error(
      "Title?\n\nIntro about Foo.\n\nCauses of Foo\n\nIntro.\n\nOrphan Heading\n\nCauses "
      "again\n\nText.\n",
      9, "has no text under it");
  expect_error("Title?\n\nfine line\n\xff\xfe broken\n", 4, "invalid UTF-8");
}

}  // namespace
}  // namespace symptomdb
