// What a real message asks: the sentences that ask (a web form's field
// label, a year glued to the next sentence and a request without a question
// mark read rightly), and so which condition is asked about.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "ingest/collect.hpp"
#include "qa/engine.hpp"
#include "qa/message.hpp"
#include "support/temp_dir.hpp"
#include "text/analyzer.hpp"

namespace symptomdb {
namespace {

using Role = qa::SentenceRole;

std::vector<qa::Sentence> sentences_of(const std::string& q) {
  text::Analyzer an;
  return qa::read_message(q, an.terms(q));
}

TEST(ReadMessage, AFormLabelOpensTheMessageNotItsTitle) {
  // "MESSAGE: I have celiac disease." is the story's first sentence; without
  // the label, the same short line is the message's title.
  auto s = sentences_of("MESSAGE: I have celiac disease. Which maker has gluten free pills?");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].role, Role::context);
  EXPECT_TRUE(s[0].labelled);
  EXPECT_EQ(s[1].role, Role::ask);
  s = sentences_of("Celiac disease. Which maker has gluten free pills?");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].role, Role::subject);
  // The label does not hide that the sentence asks.
  s = sentences_of("MESSAGE: Is it okay to drink alcohol when taking ampicillin. Thanks");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].role, Role::ask);
  // A label alone on its line is left as it is (and nothing reads past it).
  s = sentences_of("MESSAGE:\nWhat causes gout?");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].role, Role::ask);
}

TEST(ReadMessage, AYearGluedToTheNextSentenceEndsOne) {
  const auto s = sentences_of(
      "Hello, I have had foot drop since surgery on my knee in November 2012.Please which is the "
      "best place for treatment of this injury");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].role, Role::ask);
  // A decimal number is not a sentence end.
  EXPECT_EQ(sentences_of("My level was 2.5 last week and my doctor is worried").size(), 1u);
}

TEST(ReadMessage, RequestsWithoutAQuestionMarkAsk) {
  for (const std::string request :
       {"Please suggest on this.", "I would appreciate your expert information please.",
        "We would like suggestions on treatment options after surgery.",
        "I am interested in anything you have on this condition."}) {
    const auto s =
        sentences_of("My mother has had this rash on both of her arms for many years. " + request);
    ASSERT_EQ(s.size(), 2u) << request;
    EXPECT_EQ(s[0].role, Role::context) << request;
    EXPECT_EQ(s[1].role, Role::ask) << request;
    EXPECT_TRUE(s[1].plainly_asks) << request;
  }
}

// A small corpus: one condition with a specific three-word name, one named
// by a word every answer uses ("Blood"), one drug-like name, and others.
class Asking : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    auto write = [&](const std::string& slug, const std::string& title,
                     const std::string& sections) {
      std::ofstream(dir_->path() / (slug + ".md"))
          << "---\ntitle: \"" << title << "\"\ncondition: " << title << "\nslug: " << slug
          << "\nauthor: symptomdb test fixture\naffiliation: \"Test fixture text, not medical "
             "advice\"\nlicense: CC0 test fixture\n---\nFixture text about the blood, not "
             "medical advice.\n\n"
          << sections;
    };
    write("familial-zorblax-syndrome", "Familial zorblax syndrome",
          "## Symptoms of familial zorblax syndrome\n\nFixture text: the blood and the legs.\n\n"
          "## Treatment of familial zorblax syndrome\n\nFixture text: blood tests and rest.\n");
    write("blood", "Blood",
          "## Symptoms\n\nFixture text on the blood in general.\n\n"
          "## Treatment\n\nFixture text on blood transfusion.\n");
    write("quenzil", "Quenzil",
          "## Treatment\n\nFixture text on taking quenzil with blood thinners.\n");
    write("plain-topic", "Plain topic",
          "## Overview\n\nFixture text that mentions the blood once more.\n");
    // Enough other answers that a word met in one of them is specific.
    for (const char* n : {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                          "ten", "eleven", "twelve"})
      write(std::string("filler-") + n, std::string("Filler ") + n,
            "## Symptoms\n\nFixture text on the blood.\n\n## Treatment\n\nFixture text on "
            "the blood again.\n");
    auto articles = ingest::parse_files(ingest::collect_files({dir_->path().string()}, ".md"),
                                        ingest::Format::markdown);
    engine_ = new qa::Engine(std::make_shared<const Snapshot>(std::move(articles)));
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  static std::string focus_name(const qa::Result& r) {
    return r.focus.empty() ? "(none)" : engine_->snapshot().conditions()[r.focus[0].condition].name;
  }
  static inline test::TempDir* dir_ = nullptr;
  static inline qa::Engine* engine_ = nullptr;
};

TEST_F(Asking, AFormLabelledFirstSentenceIsTheStoryNotTheTopic) {
  // Read as a title, the first sentence's condition would outrank the drug
  // the question asks about.
  const auto r = engine_->ask(
      "MESSAGE: I have familial zorblax syndrome. What maker has dye free quenzil? Thank you.", 5);
  EXPECT_EQ(focus_name(r), "Quenzil");
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(engine_->snapshot().conditions()[r.answers[0].condition].name, "Quenzil");
}

TEST_F(Asking, AnInheritedConditionNamedAsSuchAsksNothingAboutInheritance) {
  auto asks_genetics = [](const qa::Result& r) {
    return std::any_of(r.intents.begin(), r.intents.end(),
                       [](const qa::Intent& i) { return i.type == SectionType::genetics; });
  };
  // "hereditary" right before the name says which form of it the asker
  // has; the question asks for a cure.
  const auto r = engine_->ask("I have hereditary familial zorblax syndrome, can I find a cure?", 5);
  EXPECT_EQ(focus_name(r), "Familial zorblax syndrome");
  ASSERT_FALSE(r.intents.empty());
  EXPECT_EQ(r.intents[0].type, SectionType::treatment);
  EXPECT_FALSE(asks_genetics(r));
  // Asked of the condition, the same word asks about inheritance.
  EXPECT_TRUE(asks_genetics(engine_->ask("Is familial zorblax syndrome hereditary?", 5)));
}

}  // namespace
}  // namespace symptomdb
