// Red flags said partly by what a question names: a table phrase in braces
// is said by the name of a condition the question is read as naming. The
// conditions are invented fixture text; the rule is the one the engine
// loads (src/qa/data/red_flags.tsv).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "qa/engine.hpp"
#include "qa/red_flags.hpp"
#include "qa_fixture_corpus.hpp"
#include "text/analyzer.hpp"

namespace symptomdb {
namespace {

class NamedRedFlags : public test::QaCorpusTest<NamedRedFlags> {
 public:
  static void fill(const test::QaFixtureCorpus& c) {
    // An entry named for a poisoning, reached by the thing's own name (as
    // A.D.A.M.'s "Sodium hypochlorite poisoning" is by "bleach").
    c.write("glorp.md", "Glorpane poisoning", "glorpane-poisoning", "[Glorp]",
            "## Treatment of Glorpane poisoning\n\nFixture text.\n");
    c.write("wimble.md", "Wimble disease", "wimble-disease", "",
            "## Treatment of Wimble disease\n\nFixture text.\n");
  }
  static std::string kind(const qa::Result& r) {
    return r.emergency ? r.emergency->kind : "(none)";
  }
};

TEST_F(NamedRedFlags, SwallowingWhatANamedPoisoningIsOfIsAnEmergency) {
  // No word of the question says poisoning; the name it is read as does.
  auto r = engine_->ask(
      "My 3 year old found the glorp under the sink and I think he swallowed some. What do I do?");
  EXPECT_EQ(kind(r), "poisoning");
  ASSERT_TRUE(r.emergency);
  EXPECT_NE(r.emergency->matched.find("Glorpane poisoning"), std::string::npos)
      << r.emergency->matched;
  // Named without anything taken: no notice.
  EXPECT_EQ(kind(engine_->ask("Is glorp safe to keep at home?")), "(none)");
  // Swallowed, but what is named is no poisoning: no notice.
  EXPECT_EQ(kind(engine_->ask("He swallowed a pill for his wimble disease. Is that enough?")),
            "(none)");
  // Swallowing said in another sentence than the name: no notice.
  EXPECT_EQ(
      kind(engine_->ask("Is glorp in these tablets? They are coated to be easier to swallow.")),
      "(none)");
  // Nor when it is no act, in the same sentence ("to swallow", not "swallowed").
  EXPECT_EQ(kind(engine_->ask("Is there glorp in the coating that makes them easier to swallow?")),
            "(none)");
  // The question's own words still say it as before.
  EXPECT_EQ(kind(engine_->ask("I think my son swallowed poison")), "poisoning");
}

TEST(RedFlagsTable, ABraceThatEnclosesNoWholePhraseIsRefusedAtLoad) {
  text::Analyzer analyzer;
  using Rows = std::vector<std::vector<std::string_view>>;
  // Well formed: the name phrase is said by a name read in the sentence.
  const qa::RedFlags good(Rows{{"poisoning", "swallowed", "{poisoning}"}}, analyzer);
  const std::vector<qa::RedFlags::NameRead> names{{"Glorpane poisoning", "glorp"}};
  auto e = good.check("He swallowed the glorp.", names, analyzer);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, "poisoning");
  EXPECT_EQ(e->matched, "swallowed + Glorpane poisoning");
  // A slip would make a rule that never fires: it is refused, naming the rule.
  for (const std::string_view col : {"{poisoning", "poisoning}", "{poi}soning", "x|{}"}) {
    try {
      qa::RedFlags bad(Rows{{"poisoning", "swallowed", col}}, analyzer);
      ADD_FAILURE() << "accepted " << col;
    } catch (const std::invalid_argument& err) {
      EXPECT_NE(std::string(err.what()).find("rule 'poisoning'"), std::string::npos) << err.what();
    }
  }
}

// A phrase in double quotes is said by the question's words as written: a
// habit said in the progressive ("I have been cutting myself") is one, the
// stem of it ("I cut myself shaving") is not.
TEST(RedFlagsTable, AQuotedPhraseIsSaidByTheWordsAsWritten) {
  text::Analyzer analyzer;
  using Rows = std::vector<std::vector<std::string_view>>;
  const qa::RedFlags flags(Rows{{"suicide", "\"cutting myself\"|harm myself"}}, analyzer);
  auto kind = [&](std::string_view q) {
    const auto e = flags.check(q, analyzer);
    return e ? e->kind + ": " + e->matched : std::string("(none)");
  };
  EXPECT_EQ(kind("I have been cutting myself again. Who can help?"), "suicide: cutting myself");
  EXPECT_EQ(kind("How do I stop Cutting myself"), "suicide: cutting myself");
  EXPECT_EQ(kind("I cut myself shaving, is it infected?"), "(none)");
  EXPECT_EQ(kind("I cuts myself"), "(none)");
  // The stemmed phrases of the row are stemmed still.
  EXPECT_EQ(kind("I think about harming myself"), "suicide: harm myself");
  // An unclosed quote is a slip, refused at load like a brace.
  EXPECT_THROW(qa::RedFlags(Rows{{"suicide", "\"cutting myself"}}, analyzer),
               std::invalid_argument);
}

// The words that said a warning sign are shown once: a qualifier that is a
// word of the phrase it qualifies ("worst" of "worst headache") is not
// repeated, and one said apart from it still is.
TEST(RedFlagsTable, AQualifierInsideTheSignsPhraseIsNotShownTwice) {
  text::Analyzer analyzer;
  using Rows = std::vector<std::vector<std::string_view>>;
  const qa::RedFlags flags(Rows{{"head", "worst headache|head injury", "worst|vomiting"}},
                           analyzer);
  auto matched = [&](std::string_view q) {
    const auto e = flags.check(q, analyzer);
    return e ? e->matched : std::string("(none)");
  };
  EXPECT_EQ(matched("I have the worst headache of my life"), "worst headache");
  EXPECT_EQ(matched("A head injury and now vomiting"), "head injury + vomiting");
  EXPECT_EQ(matched("The worst headache, and vomiting"), "worst headache");
  EXPECT_EQ(matched("A head injury, the worst"), "head injury + worst");
  EXPECT_EQ(matched("A head injury"), "(none)");
}

// A swallowed battery or magnet is said by the installed table, whatever the
// question is read to name ("battery" is also a synonym of Domestic violence
// in MedQuAD): the notice must not hang on what the answers are about.
TEST(RedFlagsTable, ASwallowedBatteryOrMagnetIsAnEmergency) {
  text::Analyzer analyzer;
  const qa::RedFlags flags(analyzer);  // the installed table
  auto kind = [&](std::string_view q) {
    const auto e = flags.check(q, analyzer);
    return e ? e->kind : std::string("(none)");
  };
  EXPECT_EQ(kind("My toddler swallowed a battery"), "poisoning");
  EXPECT_EQ(kind("I think my son swallowed a button battery from the remote"), "poisoning");
  EXPECT_EQ(kind("She ate a battery, what do I do?"), "poisoning");
  EXPECT_EQ(kind("Our dog got at the toys and my daughter swallowed two magnets"), "poisoning");
  // A battery that nobody swallowed says nothing.
  EXPECT_EQ(kind("My hearing aid battery keeps dying"), "(none)");
  EXPECT_EQ(kind("It hurts to swallow. Can a phone battery cause headaches?"), "(none)");
}

}  // namespace
}  // namespace symptomdb
