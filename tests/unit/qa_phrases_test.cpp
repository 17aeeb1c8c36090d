// Names that are ordinary language: a synonym made of words the corpus
// writes about many other things is only as good a name as the phrase is
// specific; a title's part that is one lower-case English word ("Your
// baby" of "Your baby and the flu") is no name; after a number, a name that
// opens with an abbreviation is a measure ("10 ml (2 tsp)"); a word of
// letters and a number is found written apart too ("b 12"). Each rule on a
// small corpus written for the test (its text is fixture text, not medical
// content).
#include <gtest/gtest.h>

#include <string>

#include "qa/engine.hpp"
#include "qa_fixture_corpus.hpp"

namespace symptomdb {
namespace {

class PhraseRules : public test::QaCorpusTest<PhraseRules> {
 public:
  static void fill(const test::QaFixtureCorpus& c) {
    // A condition given an ordinary phrase as a synonym ("daily walks"),
    // and a rare one ("purple knees").
    c.write("quorble.md", "Quorble syndrome", "quorble-syndrome", "[Daily walks, Purple knees]",
            "## Treatment of Quorble syndrome\n\nFixture text.\n");
    c.write("zembic.md", "Zembic", "zembic", "", "## Treatment of Zembic\n\nFixture text.\n");
    // A condition whose own name is as ordinary a phrase.
    c.write("morning-rest.md", "Morning rest", "morning-rest", "",
            "## Treatment of Morning rest\n\nFixture text.\n");
    // Titles whose parts become aliases: one opens with an English word in
    // lower case but for the title's capital, one has an English word
    // capitalised inside it.
    c.write("toddler.md", "Your toddler and the frobnitz", "toddler-frobnitz", "",
            "## Treatment of Your toddler and the frobnitz\n\nFixture text.\n");
    c.write("sparrow.md", "The Sparrow and the frimble", "sparrow-frimble", "",
            "## Treatment of The Sparrow and the frimble\n\nFixture text.\n");
    // A name that opens with an abbreviation and a number.
    c.write("plimsol.md", "Plimsol disease type 2", "plimsol-disease-2", "[ZQ 2]",
            "## Treatment of Plimsol disease type 2\n\nFixture text.\n");
    // Names with a word of letters and a number, of several words and of one.
    c.write("zorbin.md", "Zorbin Q12 syndrome", "zorbin-q12", "",
            "## Treatment of Zorbin Q12 syndrome\n\nFixture text.\n");
    c.write("qx7.md", "QX7", "qx7", "", "## Treatment of QX7\n\nFixture text.\n");
    c.write("k5.md", "K5", "k5", "", "## Treatment of K5\n\nFixture text.\n");
    // Other names written as an index writes them, "Broader term -
    // qualifier": one qualified by what the condition is ("Frabjous knee -
    // low"), one by a generic part of a title ("Snickle joint - self-care"); and
    // a condition whose own title is so written ("Glomper elbow - simple").
    c.write("quibble.md", "Quibble fever", "quibble-fever",
            "[Frabjous knee - low, Zarp knee - children]",
            "## Treatment of Quibble fever\n\nFixture text.\n");
    c.write("snickle.md", "Snickle palsy", "snickle-palsy", "[Snickle joint - self-care]",
            "## Treatment of Snickle palsy\n\nFixture text.\n");
    c.write("glomper.md", "Glomper elbow - simple", "glomper-simple", "",
            "## Treatment of Glomper elbow - simple\n\nFixture text.\n");
    // The ordinary phrase, written about many other things.
    for (int i = 0; i < 12; ++i)
      c.write("walker-" + std::to_string(i) + ".md", "Walker condition " + std::to_string(i),
              "walker-" + std::to_string(i), "",
              "## Overview\n\nFixture text about daily walks and morning rest.\n");
  }

 protected:
  static std::string top(const std::string& question) {
    const auto r = engine_->ask(question, 5);
    return r.focus.empty() ? "(none)" : engine_->snapshot().conditions()[r.focus[0].condition].name;
  }
  static bool names(const std::string& question, const std::string& condition) {
    for (const auto& m : engine_->find_focus(question))
      if (engine_->snapshot().conditions()[m.condition].name == condition) return true;
    return false;
  }
  static double score(const std::string& question, const std::string& condition) {
    for (const auto& m : engine_->find_focus(question))
      if (engine_->snapshot().conditions()[m.condition].name == condition) return m.score;
    return 0;
  }
};

TEST_F(PhraseRules, AnOrdinaryPhraseAsASynonymYieldsToTheConditionNamed) {
  // "Daily walks" still names its condition alone ...
  EXPECT_EQ(top("Are daily walks good?"), "Quorble syndrome");
  // ... but beside a condition's own name it is ordinary language.
  EXPECT_EQ(top("Do daily walks help with zembic?"), "Zembic");
  EXPECT_LT(score("Do daily walks help?", "Quorble syndrome"),
            score("Do purple knees help?", "Quorble syndrome"));
}

TEST_F(PhraseRules, ARarePhraseAsASynonymKeepsItsWeight) {
  EXPECT_EQ(top("Do purple knees come with zembic?"), "Quorble syndrome");
}

TEST_F(PhraseRules, TheConditionsOwnNameKeepsItsWeightHoweverCommonItsWords) {
  // A condition's own name of several words is never an ordinary phrase.
  EXPECT_EQ(top("Is morning rest good with zembic?"), "Morning rest");
}

TEST_F(PhraseRules, ATitlesCapitalDoesNotMakeAnEnglishWordAName) {
  // The title's other part names its condition ...
  EXPECT_TRUE(names("How is the frobnitz treated?", "Your toddler and the frobnitz"));
  // ... "Your toddler" is the word "toddler", capitalised only as the
  // title's first word.
  EXPECT_FALSE(names("How do I feed my toddler?", "Your toddler and the frobnitz"));
  // A word the title capitalises inside it is still written as a name.
  EXPECT_TRUE(names("How do I feed a sparrow?", "The Sparrow and the frimble"));
}

TEST_F(PhraseRules, ANameOpeningWithAnAbbreviationIsAUnitAfterANumber) {
  EXPECT_TRUE(names("How is ZQ 2 treated?", "Plimsol disease type 2"));
  EXPECT_TRUE(names("How is zq 2 treated?", "Plimsol disease type 2"));
  // "10 zq (2 spoons)": a measure, as "10 ML" is.
  EXPECT_FALSE(names("Take 10 zq (2 spoons) a day. Is that right?", "Plimsol disease type 2"));
}

TEST_F(PhraseRules, AWordOfLettersAndANumberIsFoundWrittenApart) {
  EXPECT_TRUE(names("What is zorbin q12 syndrome?", "Zorbin Q12 syndrome"));
  EXPECT_TRUE(names("What is zorbin q 12 syndrome?", "Zorbin Q12 syndrome"));
  EXPECT_TRUE(names("What is zorbin Q-12 syndrome?", "Zorbin Q12 syndrome"));
  EXPECT_TRUE(names("How is qx 7 treated?", "QX7"));
  // One letter and a number alone stay joined: "k 5" is any list's item.
  EXPECT_TRUE(names("How is K5 treated?", "K5"));
  EXPECT_FALSE(names("See item k 5 of the list. How is it treated?", "K5"));
}

TEST_F(PhraseRules, AnIndexEntrysBroaderTermIsNotTheConditionsName) {
  // "Frabjous knee - low" is a low frabjous knee: "frabjous knee" is the broader thing.
  EXPECT_FALSE(names("How is a frabjous knee treated?", "Quibble fever"));
  EXPECT_TRUE(names("How is quibble fever treated?", "Quibble fever"));
  // Who it is about narrows it too: "Zarp knee - children" is not any zarp knee.
  EXPECT_FALSE(names("How is a zarp knee treated?", "Quibble fever"));
  // After a generic part of a title, the head is what the entry is about ...
  EXPECT_TRUE(names("How is a snickle joint treated?", "Snickle palsy"));
  // ... and an article's own title keeps its head as a name.
  EXPECT_TRUE(names("How is a glomper elbow treated?", "Glomper elbow - simple"));
}

}  // namespace
}  // namespace symptomdb
