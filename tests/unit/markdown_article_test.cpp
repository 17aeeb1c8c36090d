#include "article_format/markdown_article.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "ingest/collect.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

using article_format::parse_markdown_article;
using text::read_source_file;

const char* kGood = R"(---
title: "What helps a sprained ankle?"
condition: Sprained ankle
synonyms: [ankle sprain, twisted ankle]
author: Test Author
credential: RN
affiliation: Test Clinic
reviewed: 2026-10-01
license: CC BY 4.0
sources:
  - title: "Example source"
    url: https://example.org/ankle
---
Intro paragraph one.

Intro paragraph two.

## Causes of sprained ankle

### Twisting

Landing badly on the side of the foot.

###

A cause without heading.

## Treatment

Section intro.

### Rest

Line one
line two of the same paragraph.

Second paragraph.

## Conclusion

Closing words.
)";

TEST(MarkdownArticle, ParsesFrontMatterSectionsAndItems) {
  test::TempDir dir;
  const Article a = parse_markdown_article(read_source_file(dir.write("a.md", kGood)));
  EXPECT_EQ(a.title, "What helps a sprained ankle?");
  EXPECT_EQ(a.slug, "sprained-ankle");
  EXPECT_EQ(a.condition.synonyms, (std::vector<std::string>{"ankle sprain", "twisted ankle"}));
  EXPECT_EQ(a.author, (Author{"Test Author", "RN", "Test Clinic"}));
  EXPECT_EQ(a.reviewed_on, "2026-10-01");
  ASSERT_EQ(a.sources.size(), 1u);
  EXPECT_EQ(a.sources[0].url, "https://example.org/ankle");
  EXPECT_EQ(a.introduction, "Intro paragraph one.\n\nIntro paragraph two.");
  ASSERT_EQ(a.sections.size(), 3u);
  EXPECT_EQ(a.sections[0].type, SectionType::causes);
  ASSERT_EQ(a.sections[0].items.size(), 2u);
  EXPECT_EQ(a.sections[0].items[0].heading, "Twisting");
  EXPECT_EQ(a.sections[0].items[1].heading, "");
  EXPECT_EQ(a.sections[1].type, SectionType::treatment);
  EXPECT_EQ(a.sections[1].heading, "");  // "Treatment" is just the type's label
  EXPECT_EQ(a.sections[1].intro, "Section intro.");
  EXPECT_EQ(a.sections[1].items[0].text,
            "Line one\nline two of the same paragraph.\n\nSecond paragraph.");
  EXPECT_EQ(a.sections[2].type, SectionType::conclusion);
  EXPECT_EQ(a.conclusion_text(), "Closing words.");
}

void expect_error(const std::string& content, int line, const std::string& fragment) {
  test::TempDir dir;
  const auto path = dir.write("bad.md", content);
  try {
    parse_markdown_article(read_source_file(path));
    FAIL() << "expected a ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    EXPECT_TRUE(std::string(e.what()).starts_with(path + ":")) << e.what();
  }
}

TEST(MarkdownArticle, ErrorsNameTheLine) {
  expect_error("no front matter\n", 1, "front-matter");
  expect_error("---\ntitle: x\ncondition: y\n", 1, "not closed");
  expect_error("---\ntitle: x\ncondition: [unclosed\n---\nBody\n", 4, "front matter");
  expect_error("---\ntitle: x\ncondition: y\nsynonym: z\n---\nBody\n", 4,
               "unknown front-matter key 'synonym'");
  expect_error("---\ncondition: y\n---\nBody\n", 2, "no 'title'");
  expect_error("---\ntitle: x\ncondition: y\nreviewed: 2026-02-30x\n---\nBody\n", 4, "YYYY-MM-DD");
  expect_error("---\ntitle: x\ncondition: y\n---\n### Item\n\ntext\n", 5,
               "before any '##' section");
  expect_error("---\ntitle: x\ncondition: y\n---\nIntro\n\n## Causes\n\n## Treatment\n\nok\n", 7,
               "has no text");
  expect_error(
      "---\ntitle: x\ncondition: y\n---\nIntro\n\n## Causes\n\n### Empty\n## Treatment\n\nok\n", 9,
      "has no text under it");
  expect_error("---\ntitle: x\ncondition: y\n---\n# Title\n", 5, "front matter");
  expect_error("---\ntitle: x\ncondition: y\nslug: Bad Slug\n---\nBody\n", 4, "slug");
  expect_error("---\ntitle: x\ncondition: y\n---\nok\n\xc3\x28\n", 6, "invalid UTF-8");
  expect_error("---\ntitle: x\ncondition: y\nsources:\n  - javascript:alert(1)\n---\nBody\n", 5,
               "http");
  expect_error("---\ntitle: x\ncondition: y\n---\n", 4, "no text");
  // A review claim needs its date; a reviewer's credential needs the name.
  expect_error("---\ntitle: x\ncondition: y\nreviewed_by: Dr Roe\n---\nBody\n", 4,
               "needs the 'reviewed' date");
  expect_error("---\ntitle: x\ncondition: y\nreviewer_credential: MD\n---\nBody\n", 4,
               "needs a 'reviewed_by'");
}

TEST(MarkdownArticle, ReadsTheMedicalReviewer) {
  test::TempDir dir;
  const auto a = parse_markdown_article(read_source_file(
      dir.write("r.md",
                "---\ntitle: x\ncondition: y\nreviewed: 2026-11-30\nreviewed_by: Jane Roe\n"
                "reviewer_credential: MD\n---\nBody\n")));
  EXPECT_EQ(a.reviewed_by, (Reviewer{"Jane Roe", "MD"}));
  EXPECT_EQ(a.reviewed_on, "2026-11-30");
}

TEST(MarkdownArticle, HeadingsInsideCodeFencesAreText) {
  test::TempDir dir;
  const Article a = parse_markdown_article(read_source_file(dir.write(
      "f.md", "---\ntitle: t\ncondition: c\n---\nIntro\n\n```\n## not a heading\n```\n")));
  EXPECT_TRUE(a.sections.empty());
  EXPECT_NE(a.introduction.find("## not a heading"), std::string::npos);
}

TEST(BundledContent, AtLeastTwelveSampleArticlesAllValid) {
  const auto files = ingest::collect_files({(test::source_dir() / "content").string()}, ".md");
  const auto articles = ingest::parse_files(files, ingest::Format::markdown);
  ASSERT_GE(articles.size(), 12u);
  bool has_muscle_atrophy = false;
  for (const auto& a : articles) {
    EXPECT_TRUE(a.sample) << a.slug << " must be marked as sample content";
    EXPECT_NE(a.introduction.find("sample content"), std::string::npos) << a.slug;
    EXPECT_TRUE(a.find_section(SectionType::when_to_see_a_doctor)) << a.slug;
    has_muscle_atrophy = has_muscle_atrophy || a.slug == "muscle-atrophy";
  }
  EXPECT_TRUE(has_muscle_atrophy);
}

TEST(Collect, DuplicateSlugsAcrossFilesAreRejected) {
  test::TempDir dir;
  dir.write("in/a.md", "---\ntitle: t\ncondition: Same\n---\nIntro\n");
  dir.write("in/b.md", "---\ntitle: t2\ncondition: Same\n---\nIntro\n");
  const auto files = ingest::collect_files({dir.file("in")}, ".md");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_THROW(ingest::parse_files(files, ingest::Format::markdown), ParseError);
  EXPECT_THROW(ingest::collect_files({dir.file("missing")}, ".md"), ParseError);
}

}  // namespace
}  // namespace symptomdb

namespace symptomdb {
namespace {

// Found by fuzz/markdown_fuzzer: YAML values of the wrong shape used to
// escape as yaml-cpp exceptions and abort the import.
TEST(MarkdownArticle, FrontMatterOfTheWrongShapeIsAParseError) {
  expect_error("---\n? [a]\n: b\ntitle: T\ncondition: C\n---\ntext\n", 2, "plain words");
  expect_error(
      "---\ntitle: T\ncondition: C\nsources:\n  - title: {a: b}\n    url: "
      "https://x.org\n---\ntext\n",
      5, "single value");
  expect_error("---\ntitle: T\ncondition: C\nsources:\n  - url: [https://x.org]\n---\ntext\n", 5,
               "single value");
}

}  // namespace
}  // namespace symptomdb
