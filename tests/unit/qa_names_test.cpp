// When a word of a message is a condition's name: short capitalised
// abbreviations that need support from their place, and one-word English
// synonyms met only by their own word. Each rule on a small corpus written
// for the test (its text is fixture text, not medical content).
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "ingest/collect.hpp"
#include "qa/engine.hpp"
#include "qa/message.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

const char* const kHead =
    "author: symptomdb test fixture\naffiliation: \"Test fixture text, not medical advice\"\n"
    "license: CC0 test fixture\n---\nFixture text, not medical advice.\n\n";

class NameRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    write("quaxil.md", "Quaxil fever", "quaxil-fever", "[QX]",
          "## Treatment of Quaxil fever\n\nFixture text.\n");
    write("hollix.md", "Hollix fever", "hollix-fever", "[HI]",
          "## Treatment of Hollix fever\n\nFixture text.\n");
    write("zindle.md", "Zindle palsy", "zindle-palsy", "[Operation]",
          "## Treatment of Zindle palsy\n\nFixture text.\n");
    for (int i = 0; i < 30; ++i)
      write("filler-" + std::to_string(i) + ".md", "Filler condition " + std::to_string(i),
            "filler-" + std::to_string(i), "",
            "## Overview\n\nFixture text about tests, testing and what people tested for "
            "at home.\n");
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
  static void write(const std::string& file, const std::string& condition, const std::string& slug,
                    const std::string& synonyms, const std::string& body) {
    std::ofstream(dir_->path() / file)
        << "---\ntitle: \"" << condition << "\"\ncondition: " << condition << "\n"
        << (synonyms.empty() ? "" : "synonyms: " + synonyms + "\n") << "slug: " << slug << "\n"
        << kHead << body;
  }
  static bool names(const std::string& question, const std::string& condition) {
    for (const auto& m : engine_->find_focus(question))
      if (engine_->snapshot().conditions()[m.condition].name == condition) return true;
    return false;
  }
  static inline test::TempDir* dir_ = nullptr;
  static inline qa::Engine* engine_ = nullptr;
};

TEST_F(NameRules, ATwoLetterAbbreviationBeforeANumberIsAPostalCode) {
  // Written in capitals "QX" is the fixture's condition ...
  EXPECT_TRUE(names("How is QX treated?", "Quaxil fever"));
  EXPECT_TRUE(names("My son has QX. How is it treated?", "Quaxil fever"));
  // ... but before a postal code it is a place.
  EXPECT_FALSE(
      names("We live at 12 Elm Street, Springfield, QX 02115. How is it treated?", "Quaxil fever"));
  // A short number after it (a type or a stage) leaves it the name.
  EXPECT_TRUE(names("How is QX 2 treated?", "Quaxil fever"));
}

TEST_F(NameRules, AGreetingOpeningASentenceIsNoAbbreviation) {
  EXPECT_TRUE(names("How is HI treated?", "Hollix fever"));
  EXPECT_TRUE(names("My daughter has HI. What can we do?", "Hollix fever"));
  // "HI," opening the message or a sentence of it greets.
  EXPECT_FALSE(names("HI, how is a fever treated?", "Hollix fever"));
  EXPECT_FALSE(names("Subject line. HI how is a fever treated?", "Hollix fever"));
}

TEST_F(NameRules, OpensFormalityKnowsGreetingsThanksAndSignatures) {
  EXPECT_TRUE(qa::opens_formality("hi"));
  EXPECT_TRUE(qa::opens_formality("dear"));
  EXPECT_TRUE(qa::opens_formality("thanks"));
  EXPECT_TRUE(qa::opens_formality("regards"));
  EXPECT_FALSE(qa::opens_formality("what"));
  EXPECT_FALSE(qa::opens_formality("fever"));
}

TEST_F(NameRules, AOneWordEnglishSynonymIsMetByItsOwnWordOnly) {
  // "Operation" is the fixture condition's synonym: the word and its
  // plural name it ...
  EXPECT_TRUE(names("What happens after the operation?", "Zindle palsy"));
  EXPECT_TRUE(names("How many operations are needed?", "Zindle palsy"));
  // ... "operator" stems alike but is another word.
  EXPECT_FALSE(names("Who is the operator of the clinic?", "Zindle palsy"));
  EXPECT_FALSE(names("How do I call the operators?", "Zindle palsy"));
}

}  // namespace
}  // namespace symptomdb
