// What a message is about: rules of the focus finder that keep ordinary
// words, sentences and markup from being read as condition names, each on
// a small corpus written for the test (its text is fixture text, not
// medical content).
#include <gtest/gtest.h>

#include <string>

#include "qa/engine.hpp"
#include "qa_fixture_corpus.hpp"

namespace symptomdb {
namespace {

class FocusRules : public test::QaCorpusTest<FocusRules> {
 public:
  static void fill(const test::QaFixtureCorpus& c) {
    c.write("zorblax.md", "Zorblax", "zorblax", "", "## Treatment of zorblax\n\nFixture text.\n");
    c.write("best-zorblax.md", "Best disease", "best-disease", "",
            "## Symptoms of Best disease\n\nFixture text.\n");
    c.write("kidnee.md", "Kidney stone", "kidney-stone", "[renal calculus]",
            "## Causes of kidney stones\n\nFixture text.\n");
    c.write("mite.md", "Mite infestation", "mite-infestation", "",
            "## Treatment of mite infestation\n\nFixture text.\n");
    c.write("kaisel.md", "Kaisel fever", "kaisel-fever", "",
            "## Treatment of Kaisel fever\n\nFixture text.\n");
    // Abbreviations spelt like a function word mistyped ("amd", "thes").
    c.write("amdix.md", "Amdix fever", "amdix-fever", "[AMD]",
            "## Treatment of Amdix fever\n\nFixture text.\n");
    c.write("thessix.md", "Thessix syndrome", "thessix-syndrome", "[THES]",
            "## Treatment of Thessix syndrome\n\nFixture text.\n");
    // ... and one a letter off "its", but not by a neighbouring key.
    c.write("ibsix.md", "Ibsix bowel", "ibsix-bowel", "[IBS]",
            "## Treatment of Ibsix bowel\n\nFixture text.\n");
    // An abbreviation written in capitals that another is spelt as with a
    // small first letter ("hCG").
    c.write("hcgix.md", "Hcgix hair", "hcgix-hair", "[HCG]",
            "## Treatment of Hcgix hair\n\nFixture text.\n");
    // Two titles "X and Y": one relates X to a condition of its own
    // (Zorblax), the other names none.
    c.write("glimmer.md", "Glimmer lamps and zorblax", "glimmer-lamps-and-zorblax", "",
            "## Glimmer lamps and zorblax\n\nFixture text.\n");
    c.write("tromble.md", "Tromble cups and the weary person", "tromble-cups", "",
            "## Tromble cups and the weary person\n\nFixture text.\n");
    // Two conditions named by the same words as strongly, one in the
    // singular and one in the plural (as pages of one thing may be).
    c.write("quimbo-ports.md", "Quimbo ports", "quimbo-ports", "[Zorble tubes]",
            "## Treatment of quimbo ports\n\nFixture text.\n");
    c.write("quimbo-flushing.md", "Quimbo flushing", "quimbo-flushing", "[Zorble tube]",
            "## Treatment of quimbo flushing\n\nFixture text.\n");
  }

 protected:
  static std::string name(const qa::FocusMatch& m) {
    return engine_->snapshot().conditions()[m.condition].name;
  }
  static const qa::FocusMatch* find(const std::vector<qa::FocusMatch>& ms,
                                    const std::string& condition) {
    for (const auto& m : ms)
      if (name(m) == condition) return &m;
    return nullptr;
  }
};

TEST_F(FocusRules, WordsANameDoesNotPutBetweenItsOwnAreASentence) {
  // "Best disease" is a name; "best with a disease" is a sentence.
  EXPECT_NE(find(engine_->find_focus("what are the symptoms of best disease"), "Best disease"),
            nullptr);
  EXPECT_EQ(find(engine_->find_focus("is rest best with a disease like zorblax"), "Best disease"),
            nullptr);
  // One stopword more than the name has is still the name ("renal calculus"
  // has none; "renal the calculus" is a slip of the pen, read as the name).
  EXPECT_NE(find(engine_->find_focus("what causes a renal the calculus"), "Kidney stone"), nullptr);
}

TEST_F(FocusRules, FourLetterWordsAreNotGuessedAt) {
  // "kidnee" (six letters, one edit from "kidney") is corrected; "mito" is
  // one edit from "mite" too, but four letters are too few to guess from.
  auto r = engine_->ask("what causes kidnee stones", 5);
  ASSERT_EQ(r.corrections.size(), 1u);
  EXPECT_EQ(r.corrections[0].from, "kidnee");
  r = engine_->ask("how is mito treated", 5);
  EXPECT_TRUE(r.corrections.empty()) << r.corrections[0].to;
  EXPECT_EQ(find(r.focus, "Mite infestation"), nullptr);
}

TEST_F(FocusRules, AnEnglishWordIsNotCorrectedEvenWhereANameWouldFit) {
  // "stoke" is one letter from "stone", and "kidney stone" is a name: but
  // "stoke" is an English word, so it stays what the asker wrote.
  auto r = engine_->ask("what causes a kidney stoke", 5);
  for (const auto& c : r.corrections) ADD_FAILURE() << c.from << " -> " << c.to;
  // A word that is not English beside it is still corrected.
  r = engine_->ask("what causes a kidnee stone", 5);
  ASSERT_EQ(r.corrections.size(), 1u);
  EXPECT_EQ(r.corrections[0].to, "kidney");
}

TEST_F(FocusRules, ACorrectionKeepsTheFirstLetter) {
  // "zorbax" is "zorblax" with a letter left out; "korblax" differs in its
  // first letter, which people rarely mistype: another word, not a slip.
  auto r = engine_->ask("how is zorbax treated", 5);
  ASSERT_EQ(r.corrections.size(), 1u);
  EXPECT_EQ(r.corrections[0].to, "zorblax");
  r = engine_->ask("how is korblax treated", 5);
  for (const auto& c : r.corrections) ADD_FAILURE() << c.from << " -> " << c.to;
  EXPECT_EQ(find(r.focus, "Zorblax"), nullptr);
  // One vowel for another is how the word sounds: "enfestation".
  r = engine_->ask("how is mite enfestation treated", 5);
  ASSERT_EQ(r.corrections.size(), 1u);
  EXPECT_EQ(r.corrections[0].to, "infestation");
}

TEST_F(FocusRules, AProperNameOfTheWordListWrittenCapitalisedIsNotCorrected) {
  // "Kaiser" is a capitalised entry of the English word list, one letter
  // from the fixture's "kaisel": written so, it names an insurer or a
  // person, not the condition. Lower case it may still be a slip.
  auto r = engine_->ask("My Kaiser doctor said it was nothing. How is it treated?", 5);
  for (const auto& c : r.corrections) ADD_FAILURE() << c.from << " -> " << c.to;
  EXPECT_EQ(find(r.focus, "Kaisel fever"), nullptr);
  r = engine_->ask("how is kaiser fever treated", 5);
  ASSERT_EQ(r.corrections.size(), 1u);
  EXPECT_EQ(r.corrections[0].to, "kaisel");
  EXPECT_NE(find(r.focus, "Kaisel fever"), nullptr);
}

TEST_F(FocusRules, APartOfATitleRelatingItToAConditionIsNoNameOfIt) {
  // "Glimmer lamps and zorblax" is about how glimmer lamps bear on
  // zorblax: "my glimmer lamps" does not ask that.
  EXPECT_EQ(find(engine_->find_focus("where can I buy glimmer lamps"), "Glimmer lamps and zorblax"),
            nullptr);
  // The whole title still names it.
  EXPECT_NE(find(engine_->find_focus("tell me about glimmer lamps and zorblax"),
                 "Glimmer lamps and zorblax"),
            nullptr);
  // A title whose other part names no condition keeps its parts as names.
  EXPECT_NE(find(engine_->find_focus("where can I buy tromble cups"),
                 "Tromble cups and the weary person"),
            nullptr);
}

TEST_F(FocusRules, AFunctionWordMistypedIsNoAbbreviationUnlessWrittenInCapitals) {
  // "amd" is "and" mistyped, not AMD; written "AMD" it is the abbreviation.
  EXPECT_EQ(find(engine_->find_focus("my sister amd I had our eyes checked"), "Amdix fever"),
            nullptr);
  EXPECT_NE(find(engine_->find_focus("does AMD run in families"), "Amdix fever"), nullptr);
  // Capitals in a stretch written in capitals are the writer's, not the
  // abbreviation's: "THES ARE THE MEDS" is "these are the meds".
  EXPECT_EQ(find(engine_->find_focus("HE TAKES TWO MEDS. THES ARE THE MEDS HE TAKES"),
                 "Thessix syndrome"),
            nullptr);
  EXPECT_NE(find(engine_->find_focus("is THES inherited"), "Thessix syndrome"), nullptr);
  // A letter changed is a slip only for its neighbour on the keyboard: "ibs"
  // is IBS, not "its" (b and t are far apart).
  EXPECT_NE(find(engine_->find_focus("what diet helps ibs"), "Ibsix bowel"), nullptr);
}

TEST_F(FocusRules, AnAbbreviationSpeltWithASmallFirstLetterIsAnotherOne) {
  // "hCG" (the hormone, as it is spelt) is not HCG; "HCG", and "hcg" written
  // without capitals at all, are still read as the abbreviation.
  EXPECT_EQ(
      find(engine_->find_focus("how can I have a treatment with hCG injections"), "Hcgix hair"),
      nullptr);
  EXPECT_NE(find(engine_->find_focus("is HCG inherited"), "Hcgix hair"), nullptr);
  EXPECT_NE(find(engine_->find_focus("what is hcg"), "Hcgix hair"), nullptr);
}

TEST_F(FocusRules, OfNamesReadAsStronglyTheOneWrittenAsTheAskerWroteComesFirst) {
  // "zorble tubes" and "zorble tube" have the same stems, and each names
  // both conditions as strongly: the name written so comes first.
  const auto plural = engine_->find_focus("what are the complications of zorble tubes");
  ASSERT_GE(plural.size(), 2U);
  EXPECT_EQ(name(plural[0]), "Quimbo ports");
  EXPECT_EQ(name(plural[1]), "Quimbo flushing");
  const auto singular = engine_->find_focus("what are the complications of a zorble tube");
  ASSERT_GE(singular.size(), 2U);
  EXPECT_EQ(name(singular[0]), "Quimbo flushing");
  EXPECT_EQ(name(singular[1]), "Quimbo ports");
}

}  // namespace
}  // namespace symptomdb
