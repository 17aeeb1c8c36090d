// When a word of a message is a condition's name: short capitalised
// abbreviations that need support from their place, and one-word English
// synonyms met only by their own word. Each rule on a small corpus written
// for the test (its text is fixture text, not medical content).
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "profile_fixture.hpp"
#include "qa/engine.hpp"
#include "qa/message.hpp"
#include "qa_fixture_corpus.hpp"

namespace symptomdb {
namespace {

class NameRules : public test::QaCorpusTest<NameRules> {
 public:
  static void fill(const test::QaFixtureCorpus& c) {
    c.write("quaxil.md", "Quaxil fever", "quaxil-fever", "[QX]",
            "## Treatment of Quaxil fever\n\nFixture text.\n");
    c.write("hollix.md", "Hollix fever", "hollix-fever", "[HI]",
            "## Treatment of Hollix fever\n\nFixture text.\n");
    c.write("zindle.md", "Zindle palsy", "zindle-palsy", "[Operation]",
            "## Treatment of Zindle palsy\n\nFixture text.\n");
    // A condition with no treatment answer, and two with one: one
    // whose synonym is an ordinary word ("Chill"), one named by its own word.
    // Each word is met in the text as often, so that the three weigh alike.
    c.write("plonkamycin.md", "Plonkamycin", "plonkamycin", "",
            "## Symptoms of plonkamycin\n\nFixture text.\n");
    c.write("drizzle.md", "Drizzle fever", "drizzle-fever", "[Chill]",
            "## Treatment of Drizzle fever\n\nFixture text about a chill.\n");
    c.write("wombix.md", "Wombix", "wombix", "",
            "## Treatment of Wombix\n\nFixture text about a chill.\n");
    // Conditions whose one-word names are English words that stem like
    // other English words ("system" / "Systemic", "tests" / "Testes") or an
    // "-itis" that stems like an adjective ("formality" / "Formalitis").
    c.write("systemic.md", "Systemic", "systemic", "", "## Treatment of Systemic\n\nFixture.\n");
    c.write("testes.md", "Testes", "testes", "", "## Treatment of Testes\n\nFixture text.\n");
    // A name the text follows with its letters in brackets, and with
    // letters that are not its own.
    c.write("quellish.md", "Quellish lung disease", "quellish-lung-disease", "",
            "## Treatment of Quellish lung disease\n\nFixture text: quellish lung disease "
            "(QLD) is written so, and quellish lung disease (ZQX) and quellish lung disease "
            "(QL) too.\n");
    // Two-word names whose first word nearly always comes before the head:
    // an eponym (no English word) and an English word.
    c.write("grobnitz.md", "Grobnitz ataxia", "grobnitz-ataxia", "",
            "## Treatment of Grobnitz ataxia\n\nFixture text: Grobnitz ataxia, Grobnitz ataxia "
            "and Grobnitz ataxia again.\n");
    c.write("velvet.md", "Velvet ataxia", "velvet-ataxia", "",
            "## Treatment of Velvet ataxia\n\nFixture text: Velvet ataxia, Velvet ataxia "
            "and Velvet ataxia again.\n");
    // A name of several eponyms before its head, each met in the text
    // only in the name.
    c.write("zorb.md", "Zorb-Quaxter-Plimm syndrome", "zorb-quaxter-plimm-syndrome", "",
            "## Treatment of Zorb-Quaxter-Plimm syndrome\n\nFixture text.\n");
    // A shot named for the three conditions it is given against, each of
    // them a condition of its own.
    c.write("tribble.md", "Tribble shot (Plorp fever, Snazz fever, and Quimby pox)", "tribble-shot",
            "", "## Prevention of Plorp fever\n\nFixture text.\n");
    c.write("plorp.md", "Plorp fever", "plorp-fever", "",
            "## Treatment of Plorp fever\n\nFixture text: plorp fever.\n");
    c.write("snazz.md", "Snazz fever", "snazz-fever", "",
            "## Treatment of Snazz fever\n\nFixture text: snazz fever.\n");
    c.write("quimby.md", "Quimby pox", "quimby-pox", "",
            "## Treatment of Quimby pox\n\nFixture text: quimby pox.\n");
    c.write("operations.md", "Operations", "operations", "",
            "## Treatment of Operations\n\nFixture text.\n");
    // A one-word name that is an English plural the word list holds only
    // in the singular ("adhesion").
    c.write("adhesions.md", "Adhesions", "adhesions", "",
            "## Treatment of Adhesions\n\nFixture text.\n");
    // A condition whose name opens with an adjective that is also a cue
    // ("hereditary" asks about inheritance), beside the condition its
    // last word names.
    c.write("zwonkle.md", "Zwonkle", "zwonkle", "", "## Treatment of Zwonkle\n\nFixture text.\n");
    c.write("hereditary-zwonkle.md", "Hereditary zwonkle", "hereditary-zwonkle", "",
            "## Treatment of Hereditary zwonkle\n\nFixture text.\n");
    // Another name that is an idiom of "the" and an English word.
    c.write("plankton.md", "Plankton fever", "plankton-fever", "[The trots]",
            "## Treatment of Plankton fever\n\nFixture text.\n");
    c.write("formalitis.md", "Formalitis", "formalitis", "",
            "## Treatment of Formalitis\n\nFixture text.\n");
    // Names of one word that are compounds of two ("zorble" + "burn",
    // "plink" + "out"), and a synonym that is one ("Blorfwick").
    c.write("zorbleburn.md", "Zorbleburn", "zorbleburn", "",
            "## Treatment of Zorbleburn\n\nFixture text.\n");
    c.write("plinkout.md", "Plinkout", "plinkout", "",
            "## Treatment of Plinkout\n\nFixture text.\n");
    c.write("grommet.md", "Grommet fever", "grommet-fever", "[Blorfwick]",
            "## Treatment of Grommet fever\n\nFixture text.\n");
    // A condition whose synonym of two words ends as "Grobnitz ataxia" does.
    c.write("plovern.md", "Plovern syndrome", "plovern-syndrome", "[Kestrel ataxia]",
            "## Treatment of Plovern syndrome\n\nFixture text.\n");
    // A name that opens as "Hollix fever" does.
    c.write("hollander.md", "Hollander fever", "hollander-fever", "",
            "## Treatment of Hollander fever\n\nFixture text.\n");
    // An activity's title, whose two verbs share what follows, and a title
    // of two things.
    c.write("gleaming.md", "Gleaming and polishing for tallow lamps", "gleaming-and-polishing", "",
            "## Treatment of Gleaming and polishing for tallow lamps\n\nFixture text.\n");
    c.write("zarnak.md", "Zarnak fever and wibble lamps", "zarnak-fever-and-wibble-lamps", "",
            "## Treatment of Zarnak fever and wibble lamps\n\nFixture text.\n");
    // Two names of three words with the same first and last words.
    c.write("quartermaine.md", "Brindle quartermaine palsy", "brindle-quartermaine-palsy", "",
            "## Treatment of Brindle quartermaine palsy\n\nFixture text.\n");
    c.write("hobble.md", "Brindle hobble palsy", "brindle-hobble-palsy", "",
            "## Treatment of Brindle hobble palsy\n\nFixture text.\n");
    // An eponym's name whose first word stems as a pronoun does.
    c.write("hers-wobble.md", "Hers wobble", "hers-wobble", "",
            "## Treatment of Hers wobble\n\nFixture text.\n");
    // A page titled only with a generic part of titles, and an abbreviation
    // written as one.
    c.write("resources.md", "Resources", "resources", "",
            "## Treatment of Resources\n\nFixture text.\n");
    c.write("tips.md", "TIPS", "tips", "", "## Treatment of TIPS\n\nFixture text.\n");
    // A name of two words whose first word has four letters.
    c.write("wump.md", "Wump fever", "wump-fever", "",
            "## Treatment of Wump fever\n\nFixture text.\n");
    // A name of two words whose second word has four letters.
    c.write("zorple-ache.md", "Zorple ache", "zorple-ache", "",
            "## Treatment of Zorple ache\n\nFixture text.\n");
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
  // The question's first focus is `condition`, reached through the one
  // correction `from` -> `to`; returns the focus as matched.
  static std::string corrected_to(const std::string& question, const std::string& condition,
                                  const std::string& from, const std::string& to) {
    const auto r = engine_->ask(question, 5);
    if (r.focus.empty()) {
      ADD_FAILURE() << "no focus: " << question;
      return {};
    }
    EXPECT_EQ(engine_->snapshot().conditions()[r.focus[0].condition].name, condition) << question;
    EXPECT_EQ(r.corrections.size(), 1u) << question;
    if (!r.corrections.empty()) {
      EXPECT_EQ(r.corrections[0].from, from);
      EXPECT_EQ(r.corrections[0].to, to);
    }
    return r.focus[0].matched;
  }
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

TEST_F(NameRules, AOneWordNameIsNotMetByAnotherEnglishWordThatStemsAlike) {
  // The name's own word, its plural and its misspelling name it ...
  EXPECT_TRUE(names("What is systemic?", "Systemic"));
  EXPECT_TRUE(names("How are the testes examined?", "Testes"));
  EXPECT_TRUE(names("How is formalitis treated?", "Formalitis"));
  EXPECT_TRUE(names("How is formalitus treated?", "Formalitis"));
  // ... but not the word it derives from by an ending ...
  EXPECT_FALSE(names("How does the immune system work?", "Systemic"));
  EXPECT_FALSE(names("Which tests are needed?", "Testes"));
  EXPECT_FALSE(names("Is a test needed?", "Testes"));
  // ... nor its other inflections, which lose an ending to a base that is
  // no word ("testing" and "testes" both to "teste").
  EXPECT_FALSE(names("Is further testing needed?", "Testes"));
  EXPECT_FALSE(names("My brother was tested last year. Should I be?", "Testes"));
  // ... nor the adjective that stems like an "-itis".
  EXPECT_FALSE(names("What formality is needed at the clinic?", "Formalitis"));
}

TEST_F(NameRules, TheTextsOwnNameInBracketsAbbreviationIsAName) {
  EXPECT_TRUE(names("How is QLD treated?", "Quellish lung disease"));
  // Letters that are not the name's, or only two of them, are no abbreviation.
  EXPECT_FALSE(names("How is ZQX treated?", "Quellish lung disease"));
  EXPECT_FALSE(names("How is QL treated?", "Quellish lung disease"));
}

TEST_F(NameRules, AnEponymAloneNamesItsTwoWordName) {
  EXPECT_TRUE(names("How is Grobnitz's treated?", "Grobnitz ataxia"));
  // An English first word alone is that word.
  EXPECT_FALSE(names("How is velvet treated?", "Velvet ataxia"));
}

TEST_F(NameRules, AOneWordNameIsMetByItsAdjectiveButNotByAnotherEnglishWord) {
  EXPECT_TRUE(names("How are operations treated?", "Operations"));
  EXPECT_TRUE(names("Is the clinic operational?", "Operations"));
  EXPECT_FALSE(names("Who is the operator of the clinic?", "Operations"));
}

TEST_F(NameRules, ALayWordDoesNotTakeTheFocusForHavingTheKindOfAnswerAsked) {
  // Plonkamycin holds no treatment answer. A condition named by its own
  // word nearly as strongly, which does, is what is asked about instead ...
  EXPECT_EQ(top("How is plonkamycin treated with wombix?"), "Wombix");
  // ... but one read only through an ordinary word, its synonym "chill",
  // is not: the message is about plonkamycin.
  EXPECT_EQ(top("How is plonkamycin treated with a chill?"), "Plonkamycin");
}

TEST_F(NameRules, ALayWordsAnswersOfTheKindAskedDoNotComeBeforeTheFocussOwn) {
  // Plonkamycin, the focus, holds no treatment answer; Drizzle fever, read
  // nearly as strongly through its synonym "chill", an ordinary word, does.
  // Its treatment does not come first: the focus's own answer (its
  // symptoms, offered instead) does.
  const auto r = engine_->ask("How is plonkamycin treated with a chill?", 5);
  ASSERT_FALSE(r.focus.empty());
  ASSERT_FALSE(r.answers.empty());
  const auto& conditions = engine_->snapshot().conditions();
  EXPECT_EQ(conditions[r.answers.front().condition].name, "Plonkamycin");
  // Read by its own word, the other condition's treatment does come first.
  const auto w = engine_->ask("How is plonkamycin treated with wombix?", 5);
  ASSERT_FALSE(w.answers.empty());
  EXPECT_EQ(conditions[w.answers.front().condition].name, "Wombix");
}

TEST_F(NameRules, APluralNameTheWordListHoldsInTheSingularIsEnglishToo) {
  // "adhesive" stems as "adhesions" does, but is another English word.
  EXPECT_TRUE(names("How are adhesions treated?", "Adhesions"));
  EXPECT_FALSE(names("The patch lost its adhesive. How do I keep it on?", "Adhesions"));
}

TEST_F(NameRules, AnIdiomWithTheNeedsItsThe) {
  EXPECT_TRUE(names("I have had the trots for a week. How is it treated?", "Plankton fever"));
  // The bare word is the word.
  EXPECT_FALSE(names("My pony trots to the gate. How is it treated?", "Plankton fever"));
}

TEST_F(NameRules, AnAdjectiveTheNameGoesOnFromIsTheNamesNotACue) {
  EXPECT_EQ(top("What are the treatments for hereditary zwonkle?"), "Hereditary zwonkle");
  // Asked of the other condition, the adjective still asks.
  EXPECT_EQ(top("Is zwonkle hereditary?"), "Zwonkle");
}

TEST_F(NameRules, AFourLetterSlipIsCorrectedWhenItsNeighbourMakesAName) {
  // "acke" beside "zorple" can only be the name's "ache" ...
  corrected_to("How is zorple acke treated?", "Zorple ache", "acke", "ache");
  // ... alone, four letters are too few to guess from.
  EXPECT_TRUE(engine_->ask("Why does my acke come back?", 5).corrections.empty());
}

TEST_F(NameRules, ACompoundWrittenAsTwoWordsIsTheNamesOneWord) {
  // "zorble burn" is the name "Zorbleburn", and the correction says so ...
  EXPECT_EQ(corrected_to("How is zorble burn treated?", "Zorbleburn", "zorble burn", "zorbleburn"),
            "zorbleburn");
  // ... and so is "zorble-burn".
  EXPECT_TRUE(names("How is zorble-burn treated?", "Zorbleburn"));
  // A verb and its particle are the verb, not the noun written as one word.
  EXPECT_FALSE(names("How do I plink out the splinter?", "Plinkout"));
  EXPECT_TRUE(names("How is plinkout treated?", "Plinkout"));
  // Only a condition's own name is reached so, not a synonym.
  EXPECT_TRUE(names("How is blorfwick treated?", "Grommet fever"));
  EXPECT_FALSE(names("How is blorf wick treated?", "Grommet fever"));
}

TEST_F(NameRules, ASlipTwoEditsAwayIsCorrectedWhenItsNeighbourMakesAnOwnName) {
  // "attaxya" is two edits from "ataxia": beside "grobnitz" it is the name ...
  corrected_to("How is grobnitz attaxya treated?", "Grobnitz ataxia", "attaxya", "ataxia");
  // ... alone it is too far to guess ...
  EXPECT_TRUE(engine_->ask("Why does attaxya come back?", 5).corrections.empty());
  // A word of five letters too, when only one word there is two edits away
  // ("wumce fever" is Wump fever) ...
  corrected_to("How is wumce fever treated?", "Wump fever", "wumce", "wump");
  EXPECT_TRUE(engine_->ask("Why does wumce come back?", 5).corrections.empty());
  // ... and beside the words of a synonym only, it is left as written.
  EXPECT_TRUE(names("How is kestrel ataxia treated?", "Plovern syndrome"));
  EXPECT_FALSE(names("How is kestrel attaxya treated?", "Plovern syndrome"));
}

TEST_F(NameRules, AnActivitysFirstVerbAloneIsNoName) {
  const std::string activity = "Gleaming and polishing for tallow lamps";
  EXPECT_TRUE(names("What is gleaming and polishing for tallow lamps?", activity));
  // "Gleaming and polishing for ..." is something done: "gleaming" alone,
  // or what is polished, is not its name ...
  EXPECT_FALSE(names("How long does gleaming take?", activity));
  EXPECT_FALSE(names("How is polishing for tallow lamps done?", activity));
  // ... while a title of two things is named by either.
  EXPECT_TRUE(names("How are wibble lamps treated?", "Zarnak fever and wibble lamps"));
}

TEST_F(NameRules, ALongSlipBetweenTwoWordsOfANameIsTheOneWordThatFitsThere) {
  // "quarmaine" is three edits from "quartermaine"; between "brindle" and
  // "palsy", the only word of that shape the names put there, it is that ...
  corrected_to("How is brindle quarmaine palsy treated?", "Brindle quartermaine palsy", "quarmaine",
               "quartermaine");
  // ... with only one of the name's words beside it, or none, it is too far
  // to guess.
  EXPECT_TRUE(engine_->ask("How is brindle quarmaine treated?", 5).corrections.empty());
  EXPECT_TRUE(engine_->ask("Why does quarmaine come back?", 5).corrections.empty());
}

TEST_F(NameRules, APossessivePronounOpensNoEponymsName) {
  EXPECT_TRUE(names("How is Hers wobble treated?", "Hers wobble"));
  EXPECT_FALSE(names("My mother has a wobble. How is her wobble treated?", "Hers wobble"));
}

TEST_F(NameRules, SeveralEponymsNameTheirConditionWithoutItsHead) {
  EXPECT_TRUE(names("How is Zorb-Quaxter-Plimm syndrome treated?", "Zorb-Quaxter-Plimm syndrome"));
  // Without "syndrome": the names of its people mean nothing else.
  EXPECT_TRUE(
      names("Zorb Quaxter Plimm- slow heart rate. My husband has it, where can I read "
            "about it?",
            "Zorb-Quaxter-Plimm syndrome"));
}

TEST_F(NameRules, ANameListingTheConditionsReadComesBeforeThem) {
  // The shot is named for plorp fever, snazz fever and quimby pox: asked
  // about with them, it is what they are named for.
  EXPECT_EQ(top("My doctor wants me to get the tribble shot. Is snazz fever a form of plorp "
                "fever? Do I need the tribble shot or a shot for snazz fever and plorp fever?"),
            "Tribble shot (Plorp fever, Snazz fever, and Quimby pox)");
  // One condition of its list alone is that condition.
  EXPECT_EQ(top("How is snazz fever treated?"), "Snazz fever");
}

TEST_F(NameRules, AGenericPageTitleNamesNoCondition) {
  // "Resources" is what a title adds to a name, not a name ...
  EXPECT_FALSE(names("Can you help me find resources for my journey?", "Resources"));
  // ... while the same letters in capitals are an abbreviation.
  EXPECT_TRUE(names("How is TIPS done?", "TIPS"));
}

TEST_F(NameRules, AClippedFirstWordBeforeTheRestOfTheNameIsTheName) {
  // "qua fever" is "Quaxil fever" clipped, as "Hep C" is Hepatitis C ...
  corrected_to("How is qua fever treated?", "Quaxil fever", "qua", "quaxil");
  // ... but "hol" opens both "hollix" and "hollander": no guess.
  EXPECT_TRUE(engine_->ask("How is hol fever treated?", 5).corrections.empty());
  // Without the rest of the name, the clipped word is no name.
  EXPECT_FALSE(names("How is qua treated?", "Quaxil fever"));
}

}  // namespace
}  // namespace symptomdb

namespace symptomdb {
namespace {

TEST(DrugForms, LettersAfterADrugsNameAreItsFormNotACondition) {
  // "Plonkazine ZCL" is the drug's salt (as "Mefloquine HCl" is), not the
  // condition whose letters are ZCL.
  std::vector<Article> a;
  a.push_back(testing::condition_entry("zcl", "Zorblax cell leukemia", "Fixture text.",
                                       "MPlusHealthTopics", {{"ZCL"}, {}}));
  Article drug =
      testing::condition_entry("plonkazine", "Plonkazine", "Fixture text.", "MPlusHealthTopics");
  drug.condition.kind = "drug";
  a.push_back(std::move(drug));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  auto names = [&](const std::string& q, const std::string& condition) {
    for (const auto& m : engine.find_focus(q))
      if (engine.snapshot().conditions()[m.condition].name == condition) return true;
    return false;
  };
  EXPECT_TRUE(names("What is ZCL?", "Zorblax cell leukemia"));
  EXPECT_TRUE(names("How is Plonkazine ZCL stored?", "Plonkazine"));
  EXPECT_FALSE(names("How is Plonkazine ZCL stored?", "Zorblax cell leukemia"));
}

}  // namespace
}  // namespace symptomdb

namespace symptomdb {
namespace {

TEST(NameRulesPeople, AnotherNameFollowedByWhoNamesPeopleNotATopic) {
  // "Healer" stands for a page about a profession (as "Physician" does for
  // MedlinePlus's page on doctors of medicine); asked for by itself it is
  // that page ...
  std::vector<Article> a;
  a.push_back(testing::condition_entry("healer-profession", "Zorblax healer profession",
                                       "Fixture text.", "MPlusHealthTopics", {{"Healer"}, {}}));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  auto names = [&](const std::string& q) {
    for (const auto& m : engine.find_focus(q))
      if (engine.snapshot().conditions()[m.condition].name == "Zorblax healer profession")
        return true;
    return false;
  };
  EXPECT_TRUE(names("What does a healer do?"));
  // ... but followed by "who" it names the people wanted, not the page.
  EXPECT_FALSE(names("How can I find healer(s) who specialize in it?"));
  EXPECT_FALSE(names("Are there healers who treat it?"));
  // The condition's own name is still its name there.
  EXPECT_TRUE(names("Is there a Zorblax healer profession who can help?"));
}

}  // namespace
}  // namespace symptomdb

namespace symptomdb {
namespace {

TEST(NameRulesOwnName, AConditionsOwnNameIsNotDisplacedByAnotherThatListsItsWords) {
  // "Zorblax fever" is one condition's own name and another one of the
  // other names of a second (as "Diabetes insipidus" is of nephrogenic
  // diabetes insipidus). Only the second holds a treatment answer.
  std::vector<Article> a;
  a.push_back(testing::condition_entry("zorblax-fever", "Zorblax fever", "Fixture symptoms.",
                                       "MPlusHealthTopics"));
  Article other = testing::condition_entry("plonk-syndrome", "Plonk syndrome", "Fixture symptoms.",
                                           "GARD", {{"Zorblax fever"}, {}});
  Section treatment;
  treatment.type = SectionType::treatment;
  treatment.intro = "Fixture treatment text.";
  other.sections.push_back(std::move(treatment));
  a.push_back(std::move(other));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto r = engine.ask("How is zorblax fever treated?", 5);
  const auto& conditions = engine.snapshot().conditions();
  // The words mean the condition so named ...
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(conditions[r.focus.front().condition].name, "Zorblax fever");
  // ... and the other's answer of the kind asked still comes first.
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(conditions[r.answers.front().condition].name, "Plonk syndrome");
  EXPECT_EQ(r.answers.front().type, SectionType::treatment);
}

}  // namespace
}  // namespace symptomdb

namespace symptomdb {
namespace {

TEST(NameRulesClipped, AClippedNameWhereTheMessageAsksIsAskedNotAGuess) {
  // "hep" is an English word and the clipped first word of "Hepplewort
  // fever" (as it is of Hepatitis C). Read in full where the message asks,
  // with the rest of the name as written, it is what is asked, not a
  // guess that took a real word for a slip.
  std::vector<Article> a;
  a.push_back(testing::condition_entry("hepplewort-fever", "Hepplewort fever", "Fixture symptoms.",
                                       "MPlusHealthTopics"));
  a.push_back(
      testing::condition_entry("zorblax", "Zorblax", "Fixture symptoms.", "MPlusHealthTopics"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto r = engine.ask("Zorblax. Is there a drug to take after contact with hep fever?", 5);
  const auto& conditions = engine.snapshot().conditions();
  ASSERT_EQ(r.corrections.size(), 1U);
  EXPECT_EQ(r.corrections.front().from, "hep");
  EXPECT_EQ(r.corrections.front().to, "hepplewort");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(conditions[r.focus.front().condition].name, "Hepplewort fever");
  EXPECT_TRUE(r.focus.front().asked);
}

TEST(NameRulesIndexEntries, AWordSaidTwiceAroundToOrByIsNoName) {
  // An index entry "Zorblax - day to day" files a page about living with
  // Zorblax under Zorblax; "day to day" names nothing, so "worse day by
  // day" reads no condition, and the page's other names still read it.
  std::vector<Article> a;
  a.push_back(testing::condition_entry("day-to-day-with-zorblax", "Day to day with Zorblax",
                                       "Fixture symptoms.", "MPlusHealthTopics",
                                       {{"Zorblax - day to day"}, {}}));
  a.push_back(
      testing::condition_entry("quellitis", "Quellitis", "Fixture symptoms.", "MPlusHealthTopics"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  const auto r = engine.ask("My quellitis gets worse day by day. What can I do?", 5);
  ASSERT_FALSE(r.focus.empty());
  for (const auto& f : r.focus) EXPECT_EQ(conditions[f.condition].name, "Quellitis") << f.matched;
  EXPECT_TRUE(engine.ask("I feel worse day to day", 5).focus.empty());
}

// Conditions whose names share "deficiency", so that it is a word met in many
// names, plus those a test adds.
std::vector<Article> deficiencies() {
  std::vector<Article> a;
  for (const char* w : {"Quellin", "Brolax", "Zentor", "Mavrik", "Tolpen", "Grisal", "Hepnar",
                        "Vostril", "Kemdar", "Lurvin", "Pastin"}) {
    std::string slug = w;
    for (auto& ch : slug) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    a.push_back(testing::condition_entry(slug + "-deficiency", std::string(w) + " deficiency",
                                         "Fixture symptoms.", "GARD"));
  }
  return a;
}

TEST(NameRulesIndexEntries, AQualifierAfterTheDashIsSaidFirstToo) {
  // "Quellin - low" is low quellin, "Zorbleg - type 2" type 2 zorbleg: a
  // word or two after the dash qualify what is before it, and English says
  // them first, so the reading takes the qualifier with the name. An
  // activity after the dash ("Zorbtube - eating") is no qualifier: "eating
  // zorbtube" reads the title's head alone.
  std::vector<Article> a;
  a.push_back(testing::condition_entry("quellin-low", "Quellin - low", "Fixture symptoms.",
                                       "MPlusHealthTopics"));
  a.push_back(testing::condition_entry("zorbleg-type-2", "Zorbleg - type 2", "Fixture symptoms.",
                                       "MPlusHealthTopics"));
  a.push_back(testing::condition_entry("zorbtube-eating", "Zorbtube - eating", "Fixture symptoms.",
                                       "MPlusHealthTopics"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  const auto low = engine.ask("what causes low quellin?", 5);
  ASSERT_FALSE(low.focus.empty());
  EXPECT_EQ(conditions[low.focus.front().condition].name, "Quellin - low");
  EXPECT_EQ(low.focus.front().matched, "low quellin");
  const auto type2 = engine.ask("how is type 2 zorbleg treated?", 5);
  ASSERT_FALSE(type2.focus.empty());
  EXPECT_EQ(conditions[type2.focus.front().condition].name, "Zorbleg - type 2");
  EXPECT_EQ(type2.focus.front().matched, "type 2 zorbleg");
  const auto eat = engine.ask("is eating zorbtube safe?", 5);
  ASSERT_FALSE(eat.focus.empty());
  EXPECT_EQ(eat.focus.front().matched, "zorbtube");
}

TEST(NameRulesIndexEntries, APartAfterTheDashThatThreeEntriesShareIsNoName) {
  // "Zorbal repair - quimbly invasive", "Trelix repair - quimbly invasive"
  // and "Vostril repair - quimbly invasive" share what follows the dash:
  // it is a kind of page, and "quimbly invasive" alone names none of them.
  // A part one entry gives ("Brolax - zentor wash"), or two ("Tumor -
  // glimmer cord", "Abscess - glimmer cord"), still names them, and the
  // shared part said with the head still reads its own title.
  std::vector<Article> a;
  for (const char* head : {"Zorbal", "Trelix", "Vostril"}) {
    std::string slug = head;
    for (auto& ch : slug) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    a.push_back(testing::condition_entry(slug + "-repair-qi",
                                         std::string(head) + " repair - quimbly invasive",
                                         "Fixture symptoms.", "MPlusHealthTopics"));
  }
  a.push_back(testing::condition_entry("brolax-zentor-wash", "Brolax - zentor wash",
                                       "Fixture symptoms.", "MPlusHealthTopics"));
  a.push_back(testing::condition_entry("glimmer-cord-tumor", "Glimmer cord tumor",
                                       "Fixture symptoms.", "MPlusHealthTopics",
                                       {{"Tumor - glimmer cord"}, {}}));
  a.push_back(testing::condition_entry("glimmer-cord-abscess", "Glimmer cord abscess",
                                       "Fixture symptoms.", "MPlusHealthTopics",
                                       {{"Abscess - glimmer cord"}, {}}));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  EXPECT_TRUE(engine.ask("Is quimbly invasive better or riskier?", 5).focus.empty());
  const auto wash = engine.ask("how is a zentor wash done?", 5);
  ASSERT_FALSE(wash.focus.empty());
  EXPECT_EQ(conditions[wash.focus.front().condition].name, "Brolax - zentor wash");
  EXPECT_FALSE(engine.ask("what can go wrong in the glimmer cord?", 5).focus.empty());
  const auto full = engine.ask("is trelix repair quimbly invasive safe?", 5);
  ASSERT_FALSE(full.focus.empty());
  EXPECT_EQ(conditions[full.focus.front().condition].name, "Trelix repair - quimbly invasive");
}

TEST(NameRulesBodyParts, ASorePartOfTheBodyIsAPainOfIt) {
  // "sore" says a part hurts: a "sore stomach" is stomach pain. A name said
  // with "sore" is read as written: a "sore throat" is Sore throat, not
  // Throat pain.
  std::vector<Article> a;
  for (const char* name : {"Stomach pain", "Throat pain", "Sore throat"})
    a.push_back(testing::condition_entry(name, name, "Fixture symptoms.", "MPlusHealthTopics"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  const auto r = engine.ask("I have a sore stomach after eating, what causes it?", 5);
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(conditions[r.focus.front().condition].name, "Stomach pain");
  const auto throat = engine.ask("I have a sore throat, what causes it?", 5);
  ASSERT_FALSE(throat.focus.empty());
  EXPECT_EQ(conditions[throat.focus.front().condition].name, "Sore throat");
  for (const auto& f : throat.focus) EXPECT_NE(conditions[f.condition].name, "Throat pain");
}

TEST(NameRulesBodyParts, APartOfSomeonesBodySaidToHurtIsAPainOfIt) {
  // "my stomach hurts" is stomach pain, "my right shoulder is getting pain"
  // shoulder pain. The possessive says the word is a part of someone's
  // body: "the zorb hurts" names no part.
  std::vector<Article> a;
  for (const char* name : {"Stomach pain", "Shoulder pain", "Zorb pain"})
    a.push_back(testing::condition_entry(name, name, "Fixture symptoms.", "MPlusHealthTopics"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  const auto r = engine.ask("My stomach hurts after eating. What causes it?", 5);
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(conditions[r.focus.front().condition].name, "Stomach pain");
  const auto side = engine.ask("My right shoulder is getting pain, what can I do?", 5);
  ASSERT_FALSE(side.focus.empty());
  EXPECT_EQ(conditions[side.focus.front().condition].name, "Shoulder pain");
  const auto none = engine.ask("The zorb hurts when it rains. Why?", 5);
  for (const auto& f : none.focus) EXPECT_NE(conditions[f.condition].name, "Zorb pain");
}

TEST(NameRulesBodyParts, AFindingInSomeonesBodyPartIsSaidEitherWay) {
  // "a pain in my zorple" is zorple pain, "a rash on her left quimbo" quimbo
  // rash. Without a possessive the words name no one's body part: "water in
  // the zorple" is no "Zorple water".
  std::vector<Article> a;
  a.push_back(testing::condition_entry("zorple-pain", "Zorple pain", "Fixture symptoms.",
                                       "MPlusHealthTopics"));
  a.push_back(testing::condition_entry("quimbo-rash", "Quimbo rash", "Fixture symptoms.",
                                       "MPlusHealthTopics"));
  a.push_back(testing::condition_entry("zorple-water", "Zorple water", "Fixture symptoms.",
                                       "MPlusHealthTopics"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  const auto pain = engine.ask("I have a pain in my zorple, what can I do?", 5);
  ASSERT_FALSE(pain.focus.empty());
  EXPECT_EQ(conditions[pain.focus.front().condition].name, "Zorple pain");
  EXPECT_EQ(pain.focus.front().matched, "pain in my zorple");
  const auto rash = engine.ask("what causes a rash on her left quimbo?", 5);
  ASSERT_FALSE(rash.focus.empty());
  EXPECT_EQ(conditions[rash.focus.front().condition].name, "Quimbo rash");
  EXPECT_TRUE(engine.ask("is there water in the zorple?", 5).focus.empty());
}

TEST(NameRulesBodyParts, AFindingAroundOrUnderSomeonesBodyPartIsSaidEitherWay) {
  // "sores around my zorples" are zorple sores, "a lump under her left
  // quimbo" a quimbo lump: a word of place says where the finding is, as
  // "in" and "on" do. Without a possessive it still names no one's part.
  std::vector<Article> a;
  a.push_back(testing::condition_entry("zorple-sores", "Zorple sores", "Fixture symptoms.",
                                       "MPlusHealthTopics"));
  a.push_back(testing::condition_entry("quimbo-lump", "Quimbo lump", "Fixture symptoms.",
                                       "MPlusHealthTopics"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  const auto sores = engine.ask("I have painful sores around my zorples, what could it be?", 5);
  ASSERT_FALSE(sores.focus.empty());
  EXPECT_EQ(conditions[sores.focus.front().condition].name, "Zorple sores");
  const auto lump = engine.ask("what causes a lump under her left quimbo?", 5);
  ASSERT_FALSE(lump.focus.empty());
  EXPECT_EQ(conditions[lump.focus.front().condition].name, "Quimbo lump");
  EXPECT_TRUE(engine.ask("is there a lump under the quimbo?", 5).focus.empty());
}

TEST(NameRulesSpeller, TheNamesOwnSlipIsNoTargetOfACorrection) {
  // One synonym writes "deficency"; "deficiency" is in eleven names. The
  // asker's "defiency" is one edit from the slip and two from the word:
  // it is corrected to the word, and the slip as written still reads its
  // name.
  auto a = deficiencies();
  a.push_back(testing::condition_entry("ostar-hyperplasia", "Ostar hyperplasia",
                                       "Fixture symptoms.", "GARD", {{"Ostar deficency"}, {}}));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  const auto r = engine.ask("I have quellin defiency, what is it?", 5);
  ASSERT_EQ(r.corrections.size(), 1U);
  EXPECT_EQ(r.corrections.front().to, "deficiency");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(conditions[r.focus.front().condition].name, "Quellin deficiency");
  const auto slip = engine.ask("what is ostar deficency", 5);
  ASSERT_FALSE(slip.focus.empty());
  EXPECT_EQ(conditions[slip.focus.front().condition].name, "Ostar hyperplasia");
}

TEST(NameRulesParenthesis, AParenthesisInsideANameGivesTheNameWithoutIt) {
  // "Vostril quellin (Brolax factor) deficiency" is also "vostril quellin
  // deficiency";
  // "Anterior zorb ligament (AZL) injury" also "AZL injury". With one word
  // before the parenthesis ("Albumin - blood (serum) test") the words
  // around it name nothing.
  std::vector<Article> a;
  a.push_back(testing::condition_entry("quellin-deficiency",
                                       "Vostril quellin (Brolax factor) deficiency",
                                       "Fixture symptoms.", "MPlusHealthTopics"));
  a.push_back(testing::condition_entry("azl-injury", "Anterior zorb ligament (AZL) injury",
                                       "Fixture symptoms.", "MPlusHealthTopics"));
  a.push_back(testing::condition_entry("zentorin-test", "Zentorin - blood (serum) test",
                                       "Fixture symptoms.", "MPlusHealthTopics"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  const auto r = engine.ask("what is vostril quellin deficiency", 5);
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(conditions[r.focus.front().condition].name,
            "Vostril quellin (Brolax factor) deficiency");
  const auto azl = engine.ask("how long does an AZL injury take to heal", 5);
  ASSERT_FALSE(azl.focus.empty());
  EXPECT_EQ(conditions[azl.focus.front().condition].name, "Anterior zorb ligament (AZL) injury");
  EXPECT_TRUE(engine.ask("when is a blood test done", 5).focus.empty());
}

TEST(NameRulesNumerals, ARomanNumeralInANameIsReadInFiguresToo) {
  // The knowledge base writes "Zentor XII deficiency", the asker "zentor 12
  // deficiency". One letter is no numeral: "Brolax X syndrome" is not
  // "brolax 10 syndrome".
  std::vector<Article> a;
  a.push_back(testing::condition_entry("zentor-xii", "Zentor XII (Quellin factor) deficiency",
                                       "Fixture symptoms.", "GARD"));
  a.push_back(
      testing::condition_entry("brolax-x", "Brolax X syndrome", "Fixture symptoms.", "GARD"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  const auto r = engine.ask("I have zentor 12 deficiency, is it inherited?", 5);
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(conditions[r.focus.front().condition].name, "Zentor XII (Quellin factor) deficiency");
  EXPECT_TRUE(engine.ask("what is brolax 10 syndrome", 5).focus.empty());
}

TEST(NameRulesNumerals, AOneLetterRomanNumeralAfterAWordThatNumbersAKindIsANumber) {
  // The knowledge base writes "Quellin factor V deficiency" and "Type I
  // zorbosis", the asker "factor 5", "factor five", "type 1". Only after a
  // word that numbers a kind: "Brolax V syndrome" is no "brolax 5
  // syndrome" (the letter is a name's own there, as in "Fragile X").
  std::vector<Article> a;
  a.push_back(testing::condition_entry("quellin-factor-v", "Quellin factor V deficiency",
                                       "Fixture symptoms.", "GARD"));
  a.push_back(
      testing::condition_entry("type-i-zorbosis", "Type I zorbosis", "Fixture symptoms.", "GARD"));
  a.push_back(
      testing::condition_entry("brolax-v", "Brolax V syndrome", "Fixture symptoms.", "GARD"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  for (const std::string q :
       {"is quellin factor five deficiency inherited?", "my son has quellin factor 5 deficiency"}) {
    SCOPED_TRACE(q);
    const auto r = engine.ask(q, 5);
    ASSERT_FALSE(r.focus.empty());
    EXPECT_EQ(conditions[r.focus.front().condition].name, "Quellin factor V deficiency");
  }
  const auto type1 = engine.ask("how is type 1 zorbosis treated?", 5);
  ASSERT_FALSE(type1.focus.empty());
  EXPECT_EQ(conditions[type1.focus.front().condition].name, "Type I zorbosis");
  EXPECT_TRUE(engine.ask("what is brolax 5 syndrome", 5).focus.empty());
}

TEST(NameRulesInjury, AnInjuryIsTheTraumaTheNameSays) {
  // The knowledge base writes "Zorple trauma" (and files an aftercare page
  // under it), the asker "zorple injury". Not for a longer name: "Quimbo
  // palsy due to birth trauma" gives no "... birth injury".
  std::vector<Article> a;
  a.push_back(testing::condition_entry("zorple-trauma", "Zorple trauma", "Fixture symptoms.",
                                       "MPlusHealthTopics", {{"Zorple trauma - aftercare"}, {}}));
  a.push_back(testing::condition_entry("quimbo-palsy", "Quimbo palsy due to birth trauma",
                                       "Fixture symptoms.", "GARD"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  for (const std::string q :
       {"what causes zorple injury?", "can I fly with a zorple injury", "what is zorple trauma"}) {
    SCOPED_TRACE(q);
    const auto r = engine.ask(q, 5);
    ASSERT_FALSE(r.focus.empty());
    EXPECT_EQ(conditions[r.focus.front().condition].name, "Zorple trauma");
  }
  EXPECT_TRUE(engine.ask("what is quimbo palsy due to birth injury", 5).focus.empty());
}

TEST(NameRulesNumerals, AKindNumberedInFiguresIsNumberedInWordsToo) {
  // The knowledge base writes "Type 2 quellinosis", the asker "type two
  // quellinosis". Only after a word that numbers a kind: "Brolax 10
  // syndrome" is no "brolax ten syndrome".
  std::vector<Article> a;
  a.push_back(
      testing::condition_entry("quellinosis-2", "Type 2 quellinosis", "Fixture symptoms.", "GARD"));
  a.push_back(
      testing::condition_entry("brolax-10", "Brolax 10 syndrome", "Fixture symptoms.", "GARD"));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  const auto r = engine.ask("my son has type two quellinosis, is it inherited?", 5);
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(conditions[r.focus.front().condition].name, "Type 2 quellinosis");
  EXPECT_TRUE(engine.ask("what is brolax ten syndrome", 5).focus.empty());
}

}  // namespace
}  // namespace symptomdb
