// Names that are ordinary language: a synonym made of words the corpus
// writes about many other things is only as good a name as the phrase is
// specific. Each rule on a small corpus written for the
// test (its text is fixture text, not medical content).
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

}  // namespace
}  // namespace symptomdb
