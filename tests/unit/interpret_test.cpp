#include "checker/interpret.hpp"
#include "checker/clause_reading.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "unit/checker_fixture.hpp"

namespace symptomdb::checker {
namespace {

class Interpreter_ : public ::testing::Test {
 protected:
  Interpreter_() : interpreter_(testing::checker_ontology()) {}
  std::string id_of(std::string_view phrase) const {
    const auto i = interpreter_.interpret_phrase(phrase);
    return i ? interpreter_.ontology().term(i->term).id : std::string("none");
  }
  Interpreter interpreter_;
};

TEST_F(Interpreter_, LaypersonSynonym) {
  const auto i = interpreter_.interpret_phrase("Muscle wasting");
  ASSERT_TRUE(i);
  EXPECT_EQ(interpreter_.ontology().term(i->term).id, "HP:0003202");
  EXPECT_EQ(i->label, "Skeletal muscle atrophy");
  EXPECT_EQ(i->matched, "Muscle wasting");
  EXPECT_DOUBLE_EQ(i->confidence, 1.0);
  EXPECT_EQ(i->text, "Muscle wasting");
}

TEST_F(Interpreter_, CaseDiacriticsPluralsAndWordOrder) {
  EXPECT_EQ(id_of("MUSCLE WASTING"), "HP:0003202");
  EXPECT_EQ(id_of("wasting of the muscles"), "HP:0003202");
  EXPECT_EQ(id_of("seizure"), "HP:0001250");
  EXPECT_EQ(id_of("muscle cramp"), "HP:0003394");
  EXPECT_EQ(id_of("fasciculatións"), "HP:0002380");
  EXPECT_EQ(id_of("focal onset seizures"), "HP:0007359");
}

TEST_F(Interpreter_, Typo) {
  // "twiching" is one edit from "twitching"; the exact layperson "Muscle
  // twitch" beats the related synonym "Twitching" of muscle fibrillation.
  EXPECT_EQ(id_of("twiching"), "HP:0002380");
  EXPECT_EQ(id_of("muscle twiching"), "HP:0002380");
  const auto i = interpreter_.interpret_phrase("ataxai");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->label, "Ataxia");
  EXPECT_LT(i->confidence, 1.0);
}

// A word of English is never "corrected" into a word of the names:
// "tinkling" is one letter from "tingling", and no slip for it.
TEST_F(Interpreter_, AnEnglishWordIsNotCorrected) {
  if (EnglishWords::installed().size() == 0)
    GTEST_SKIP() << "no English word list installed (Debian package wamerican)";
  EXPECT_EQ(id_of("tingling"), "HP:0003401");
  EXPECT_EQ(id_of("tinkling"), "none");
  EXPECT_EQ(id_of("ataxai"), "HP:0001251");  // not English: corrected
}

// A segment read as a whole only by a guess (a corrected word and a word
// no name knows) is read as its pieces: the one read, the other unknown.
TEST_F(Interpreter_, AWeakWholeGivesWayToItsPiecesThatAreRead) {
  const auto r = interpreter_.interpret("ataxai and zorple");
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(r.terms[0].text, "ataxai");
  EXPECT_EQ(interpreter_.ontology().term(r.terms[0].term).id, "HP:0001251");
  ASSERT_EQ(r.unmatched.size(), 1u);
  EXPECT_EQ(r.unmatched[0], "zorple");
}

TEST_F(Interpreter_, LayWordsRewrite) {
  EXPECT_EQ(id_of("muscles getting smaller"), "HP:0003202");
  EXPECT_EQ(id_of("my muscles are shrinking"), "HP:0003202");
  // A connective inside a lay phrase does not split it.
  const auto r = interpreter_.interpret("pins and needles");
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(interpreter_.ontology().term(r.terms[0].term).id, "HP:0003401");
  EXPECT_TRUE(r.unmatched.empty());
  const auto two = interpreter_.interpret("muscle wasting and pins and needles");
  ASSERT_EQ(two.terms.size(), 2u);
  EXPECT_EQ(interpreter_.ontology().term(two.terms[0].term).id, "HP:0003202");
  EXPECT_EQ(interpreter_.ontology().term(two.terms[1].term).id, "HP:0003401");
}

TEST_F(Interpreter_, UnmatchedAndNonPhenotypeTerms) {
  EXPECT_EQ(id_of("purple elephant"), "none");
  EXPECT_EQ(id_of(""), "none");
  // Frequency and inheritance terms never stand for a symptom.
  EXPECT_EQ(id_of("frequent"), "none");
  EXPECT_EQ(id_of("HP:0002380"), "HP:0002380");
  EXPECT_EQ(id_of("HP:0002468"), "HP:0002380");  // alternative id
}

TEST_F(Interpreter_, SplitsFreeText) {
  const auto r = interpreter_.interpret("muscle wasting, cramps and twitching; purple elephant");
  ASSERT_EQ(r.terms.size(), 3u);
  EXPECT_EQ(interpreter_.ontology().term(r.terms[0].term).id, "HP:0003202");
  EXPECT_EQ(interpreter_.ontology().term(r.terms[1].term).id, "HP:0003394");
  EXPECT_EQ(r.terms[1].text, "cramps");
  EXPECT_EQ(interpreter_.ontology().term(r.terms[2].term).id, "HP:0002380");
  ASSERT_EQ(r.unmatched.size(), 1u);
  EXPECT_EQ(r.unmatched[0], "purple elephant");
  const auto nl = interpreter_.interpret("seizures\nataxia with muscle twitch");
  EXPECT_EQ(nl.terms.size(), 3u);
}

TEST_F(Interpreter_, SuggestsByPrefix) {
  const auto s = interpreter_.suggest("muscle w", 5);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(interpreter_.ontology().term(s[0].term).id, "HP:0003202");
  EXPECT_EQ(s[0].matched, "Muscle wasting");
  const auto seiz = interpreter_.suggest("Seiz", 10);
  ASSERT_FALSE(seiz.empty());
  EXPECT_EQ(seiz[0].label, "Seizure");
  EXPECT_EQ(seiz[0].matched, "Seizures");  // the layperson name comes first
  // A later word of a name matches too, and each term appears once.
  const auto onset = interpreter_.suggest("onset", 10);
  EXPECT_EQ(onset.size(), 2u);
  EXPECT_TRUE(interpreter_.suggest("zzz", 10).empty());
  EXPECT_EQ(interpreter_.suggest("m", 2).size(), 2u);
}

// Plain words (issue 9): a small ontology of its own, shaped like the parts
// of HPO the cases need (ids are made up; labels, synonyms and definitions
// are as the tests need them, not medical statements).
class PlainWords : public ::testing::Test {
 protected:
  static std::shared_ptr<const ontology::Ontology> ontology() {
    using ontology::Synonym;
    using ontology::SynonymScope;
    using ontology::TermRecord;
    auto term = [](std::string id, std::string label, std::vector<std::string> parents,
                   std::vector<Synonym> synonyms = {}, std::string definition = {}) {
      TermRecord t;
      t.id = std::move(id);
      t.label = std::move(label);
      t.parents = std::move(parents);
      t.synonyms = std::move(synonyms);
      t.definition = std::move(definition);
      return t;
    };
    const auto lay = [](std::string s) { return Synonym{std::move(s), SynonymScope::exact, true}; };
    ontology::OntologyRecords r;
    r.version = "test";
    r.terms = {
        term("HP:0000001", "All", {}),
        term("HP:0000118", "Phenotypic abnormality", {"HP:0000001"}),
        // As deep as in HPO: the cramps have no close common ancestor.
        term("HP:0000100", "Abnormality of the musculature", {"HP:0000118"}),
        term("HP:0000106", "Abnormal muscle physiology", {"HP:0000100"}),
        term("HP:0000101", "Muscle spasm", {"HP:0000106"}, {{"Muscle cramps"}}),
        term("HP:0000102", "Exercise-induced muscle cramps", {"HP:0000101"}),
        term("HP:0000103", "Cold-induced muscle cramps", {"HP:0000101"}),
        term("HP:0000107", "Abnormality of the nervous system", {"HP:0000118"}),
        term("HP:0000108", "Abnormal involuntary movements", {"HP:0000107"}),
        term("HP:0000109", "Dystonia", {"HP:0000108"}),
        term("HP:0000790", "Hematuria", {"HP:0000118"}, {lay("Blood in urine")}),
        term("HP:0002013", "Vomiting", {"HP:0000118"}),
        term("HP:0002014", "Diarrhea", {"HP:0000118"}),
        term("HP:0000104", "Focal dystonia", {"HP:0000109"}),
        term("HP:0000105", "Writer's cramp", {"HP:0000104"}, {lay("Writer's cramp")}),
        term("HP:0000200", "Abnormality of the eye", {"HP:0000118"}),
        term("HP:0000201", "Nyctalopia", {"HP:0000200"}, {lay("Night blindness")},
             "Inability to see well at night. Often an early sign."),
        term("HP:0000300", "Growth abnormality", {"HP:0000118"}),
        term("HP:0000301", "Tall stature", {"HP:0000300"}, {lay("Tall stature")}),
        // As in HPO, "stature" is in more names than "tall": "tall" says
        // most of what Tall stature tells (Interpreter::says_too_little).
        term("HP:0000302", "Short stature", {"HP:0000300"}, {lay("Short stature")}),
        term("HP:0000303", "Proportionate short stature", {"HP:0000302"}),
        term("HP:0000304", "Disproportionate short stature", {"HP:0000302"}),
        term("HP:0000310", "Abnormality of the face", {"HP:0000118"}),
        term("HP:0000311", "Abnormal chin morphology", {"HP:0000310"}),
        term("HP:0000312", "Tall chin", {"HP:0000311"}, {lay("Tall chin")}),
        term("HP:0000400", "Abnormality of the hair", {"HP:0000118"}),
        term("HP:0000401", "Canities praecox", {"HP:0000400"}),
        term("HP:0000402", "Premature graying of scalp hair", {"HP:0000401"}),
        term("HP:0000403", "Premature graying of body hair", {"HP:0000401"}),
        term("HP:0000500", "Fever", {"HP:0000118"}),
        term("HP:0002321", "Vertigo", {"HP:0000118"}, {lay("Dizzy spell")}),
        term("HP:0000980", "Pallor", {"HP:0000118"}, {lay("Pale")}),
        term("HP:0025435", "Dysregulated negative emotional state", {"HP:0011446"},
             {lay("Feeling bad")}),
        term("HP:0002018", "Nausea", {"HP:0000118"}),
        term("HP:0001959", "Polydipsia", {"HP:0000118"}, {lay("Extreme thirst")}),
        term("HP:0100515", "Pollakisuria", {"HP:0000118"}, {lay("Frequent urination")}),
        term("HP:0002105", "Hemoptysis", {"HP:0000118"}, {lay("Coughing up blood")}),
        term("HP:0031245", "Productive cough", {"HP:0000118"}),
        term("HP:0033709", "Increased sputum production", {"HP:0000118"}, {{"Increased phlegm"}}),
        term("HP:0000600", "Abnormality of immunity", {"HP:0000118"}),
        term("HP:0000610", "Recurrent cough", {"HP:0000600"}),
        term("HP:0000700", "Abnormality of the genital system", {"HP:0000118"}),
        term("HP:0000701", "Recurrent vaginosis", {"HP:0000700"}, {{"Vaginitis"}}),
        term("HP:0000702", "Vaginal dryness", {"HP:0000700"}),
        term("HP:0000795", "Abnormality of the urethra", {"HP:0000700"}),
        term("HP:0000796", "Abnormal vagina morphology", {"HP:0000700"}),
        term("HP:0500006", "Urethritis", {"HP:0000795"}),
        term("HP:0011446", "Abnormality of mental function", {"HP:0000107"}),
        term("HP:0000737", "Irritability", {"HP:0011446"}, {lay("Irritable")}),
        // Behaviours whose names use body-site words, so that those words are
        // no part words (part_stems_) in this fixture, as in HPO.
        term("HP:0010525", "Finger agnosia", {"HP:0011446"}),
        term("HP:0012170", "Nail-biting", {"HP:0011446"}),
        term("HP:5200339", "Self-cutting", {"HP:0011446"}, {{"Cutting"}}),
    };
    // Five terms whose names differ only in "recurrent"/"repeated": HPO's own
    // usage makes the two words stand for each other.
    for (const std::string site : {"ear", "chest", "skin", "bladder", "sinus"}) {
      const auto id = "HP:00006" + std::to_string(11 + r.terms.size() % 80);
      r.terms.push_back(term(id, "Recurrent " + site + " infections", {"HP:0000600"},
                             {lay("Repeated " + site + " infections")}));
    }
    return std::make_shared<const ontology::Ontology>(ontology::Ontology::build(r));
  }
  PlainWords() : interpreter_(ontology()) {}
  std::string id_of(std::string_view phrase) const {
    const auto i = interpreter_.interpret_phrase(phrase);
    return i ? interpreter_.ontology().term(i->term).id : std::string("none");
  }
  Interpreter interpreter_;
};

TEST_F(PlainWords, AWordOnlyLongerNamesHaveIsTheTermAboveThem) {
  // "cramps" is in "Muscle cramps", "Writer's cramp" and two kinds of muscle
  // cramps: the term above the others, not the rarer writer's cramp.
  EXPECT_EQ(id_of("cramps"), "HP:0000101");
  EXPECT_EQ(id_of("muscle cramps"), "HP:0000101");
  EXPECT_EQ(id_of("writer's cramp"), "HP:0000105");  // said in full, still read in full
  // Only the children's names have these words: their common parent.
  EXPECT_EQ(id_of("premature graying of hair"), "HP:0000401");
  EXPECT_EQ(id_of("premature graying of scalp hair"), "HP:0000402");
}

TEST_F(PlainWords, EqualNamesGoToTheMoreGeneralTerm) {
  EXPECT_EQ(id_of("tall"), "HP:0000301");
  EXPECT_EQ(id_of("tall chin"), "HP:0000312");
}

// Everyday words for what the body passes, read as the words HPO's names use
// (lay_words.tsv).
TEST_F(PlainWords, EverydayWordsForBodyFunctionsAreReadAsHpoWritesThem) {
  EXPECT_EQ(id_of("blood in my pee"), "HP:0000790");
  EXPECT_EQ(id_of("I threw up"), "HP:0002013");
  EXPECT_EQ(id_of("I have the runs"), "HP:0002014");
  // British English: a temperature is a fever.
  EXPECT_EQ(id_of("I have a temperature"), "HP:0000500");
  EXPECT_EQ(id_of("a high temperature"), "HP:0000500");
  EXPECT_EQ(interpreter_.in_names_words("she has a temperature"), "she has fever");
  // British English: to feel sick is nausea; to be sick is to vomit.
  EXPECT_EQ(id_of("I feel sick"), "HP:0002018");
  EXPECT_EQ(id_of("feeling sick"), "HP:0002018");
  // To keep needing to do something is to do it often.
  EXPECT_EQ(id_of("keep needing to pee"), "HP:0100515");
  EXPECT_EQ(id_of("always thirsty"), "HP:0001959");
  // Phlegm is sputum (HPO's own synonym), and coughing it up is a
  // productive cough, not coughing up blood.
  EXPECT_EQ(id_of("coughing up phlegm"), "HP:0031245");
  EXPECT_EQ(interpreter_.in_names_words("green phlegm"), "green sputum");
  // To feel faint is presyncope, not fainting; an ache is a pain.
  EXPECT_EQ(interpreter_.in_names_words("I feel faint"), "i presyncope");
  EXPECT_EQ(interpreter_.in_names_words("joints ache"), "joints pain");
  // Whose it is does not break a phrasing.
  EXPECT_EQ(interpreter_.in_names_words("losing my hair"), "hair loss");
  EXPECT_EQ(interpreter_.in_names_words("I threw my back out"), "i threw my back out");
  // To keep getting something is to have it.
  EXPECT_EQ(id_of("I keep getting fevers"), "HP:0000500");
}

// Everyday phrasings of urination, energy, a blocked nose and a low mood;
// a word of degree inside a phrasing ("a lot") stays with it.
TEST_F(PlainWords, EverydayPhrasingsOfCommonComplaints) {
  EXPECT_EQ(interpreter_.in_names_words("it burns when I pee"), "it painful urination");
  EXPECT_EQ(interpreter_.in_names_words("I'm peeing a lot at night"),
            "im frequent urination at night");
  EXPECT_EQ(interpreter_.in_names_words("a lot of pain"), "of pain");  // degree elsewhere
  EXPECT_EQ(interpreter_.in_names_words("no energy"), "fatigue");
  EXPECT_EQ(interpreter_.in_names_words("my nose is blocked"), "my nasal obstruction");
  EXPECT_EQ(interpreter_.in_names_words("feeling down"), "depressed mood");
  EXPECT_EQ(interpreter_.in_names_words("waking up at night to pee"), "nocturia");
  EXPECT_EQ(interpreter_.in_names_words("swollen glands"), "swelling lymph nodes");
  EXPECT_EQ(interpreter_.in_names_words("the shakes"), "tremor");
  EXPECT_EQ(interpreter_.in_names_words("always hungry"), "increased appetite");
  EXPECT_EQ(interpreter_.in_names_words("can't stop coughing"), "coughing");
  EXPECT_EQ(interpreter_.in_names_words("I'm wheezy"), "im wheezing");
  EXPECT_EQ(interpreter_.in_names_words("stomach cramps"), "abdominal cramps");
  EXPECT_EQ(id_of("feeling feverish"), "HP:0000500");
  EXPECT_EQ(interpreter_.in_names_words("I feel feverish and shivery"),
            "i feel fever and shivering");
  EXPECT_EQ(interpreter_.in_names_words("episodes of feeling very hot"), "episodes of feeling hot");
}

// An amount of body weight says "weight": to lose ten pounds is to lose
// weight. A number with another unit, or a stone in the kidney, is not.
TEST_F(PlainWords, AnAmountOfBodyWeightIsWeight) {
  EXPECT_EQ(interpreter_.in_names_words("I lost 10 pounds"), "i weight loss");
  EXPECT_EQ(interpreter_.in_names_words("lost 6 Kg"), "weight loss");
  EXPECT_EQ(interpreter_.in_names_words("she lost more than 10 kgs"), "she weight loss");
  EXPECT_EQ(interpreter_.in_names_words("lost 12lbs"), "weight loss");
  EXPECT_EQ(interpreter_.in_names_words("lost 2 teeth"), "lost 2 teeth");
  EXPECT_EQ(interpreter_.in_names_words("a stone in my kidney"), "a stone in my kidney");
  EXPECT_EQ(interpreter_.in_names_words("my 1st seizure"), "my 1st seizure");
}

// How often a finding happens is not part of its name; the texts are still
// searched with it, as they say it too ("three times a night").
TEST_F(PlainWords, HowOftenIsNotPartOfTheName) {
  EXPECT_EQ(id_of("I threw up three times"), "HP:0002013");
  EXPECT_EQ(id_of("3 to 4 episodes of vomiting"), "HP:0002013");
  EXPECT_EQ(id_of("fever twice a day"), "HP:0000500");
  EXPECT_EQ(id_of("fever a few times a week"), "HP:0000500");
  EXPECT_EQ(interpreter_.in_names_words("up 3 times a night"), "up 3 times a night");
}

// A finding said with when it comes ("dizzy when I stand up") is the words
// before the circumstance, when the whole reads as nothing.
TEST_F(PlainWords, AFindingIsReadBeforeWhenItComes) {
  auto first = [&](std::string_view phrase) {
    const auto r = interpreter_.interpret(phrase);
    return r.terms.empty() ? std::string("none")
                           : interpreter_.ontology().term(r.terms.front().term).id;
  };
  EXPECT_EQ(first("I threw up after I ate the chicken salad"), "HP:0002013");
  EXPECT_EQ(first("fever whenever the baby is teething"), "HP:0000500");
  EXPECT_EQ(first("fever, I vomit if I stand up quickly"), "HP:0000500");
  EXPECT_EQ(first("when I stand up quickly"), "none");
}

// The phrase the condition texts are searched with: lay phrasings in HPO's
// words, degree words left out, the rest as written.
TEST_F(PlainWords, ThePhraseInTheWordsNamesUse) {
  EXPECT_EQ(interpreter_.in_names_words("I have the runs all the time"), "i have diarrhea");
  EXPECT_EQ(interpreter_.in_names_words("Blood in my PEE"), "blood in my urination");
  EXPECT_EQ(interpreter_.in_names_words("a very runny nose"), "a runny nose");
  EXPECT_EQ(interpreter_.in_names_words("it hurts when I bend over"), "it pain when i bend over");
  EXPECT_EQ(interpreter_.in_names_words("it hurts when I pee"), "it painful urination");
  EXPECT_EQ(interpreter_.in_names_words(""), "");
}

TEST_F(PlainWords, DegreeWordsAreOptional) {
  EXPECT_EQ(id_of("very tall"), "HP:0000301");
  EXPECT_EQ(id_of("really very tall"), "HP:0000301");
  EXPECT_EQ(id_of("very"), "none");
}

TEST_F(PlainWords, ShortDefinitionsAreWeakNames) {
  const auto i = interpreter_.interpret_phrase("can not see well at night");
  ASSERT_TRUE(i);
  EXPECT_EQ(interpreter_.ontology().term(i->term).id, "HP:0000201");
  EXPECT_LT(i->confidence, 1.0);
  // A definition is never offered as a suggestion.
  for (const auto& s : interpreter_.suggest("inability", 5))
    EXPECT_NE(s.matched.rfind("Inab", 0), 0u);
}

TEST_F(PlainWords, WordsHpoUsesInterchangeably) {
  // No name of "Recurrent cough" says "repeated"; five other terms' names
  // use the two words for each other.
  const auto i = interpreter_.interpret_phrase("repeated cough");
  ASSERT_TRUE(i);
  EXPECT_EQ(interpreter_.ontology().term(i->term).id, "HP:0000610");
  EXPECT_LT(i->confidence, 1.0);  // less sure than the user's own word
  EXPECT_EQ(id_of("recurrent cough"), "HP:0000610");
}

// A misspelling that misses a doubled letter and a silent "h" is two edits
// from the word, more than a word of six letters is corrected by; it shares
// the word's spelling key.
TEST_F(PlainWords, AMissedDoubledLetterOrSilentHIsCorrected) {
  EXPECT_EQ(id_of("diarea"), "HP:0002014");
  EXPECT_EQ(id_of("diarrea"), "HP:0002014");  // one edit: as before
  EXPECT_EQ(id_of("diarrhea"), "HP:0002014");
  EXPECT_EQ(id_of("darea"), "none");  // another key
}

// The stemmer gives "vaginitis" the stem of "vaginal": the adjective of the
// part is no word of the inflammation's name.
TEST_F(PlainWords, AnAdjectiveOfAPartIsNotItsInflammation) {
  EXPECT_EQ(id_of("vaginitis"), "HP:0000701");
  EXPECT_NE(id_of("vaginal spotting"), "HP:0000701");
  EXPECT_NE(id_of("vaginal"), "HP:0000701");
  EXPECT_EQ(id_of("vaginal dryness"), "HP:0000702");
}

// "Irritation" of a named part of the body is no mood: a behaviour term is
// not read from a phrase that says a part its name does not.
TEST_F(PlainWords, IrritationOfAPartIsNoMood) {
  EXPECT_EQ(id_of("irritable"), "HP:0000737");
  EXPECT_EQ(id_of("irritation"), "HP:0000737");
  EXPECT_NE(id_of("urethral irritation"), "HP:0000737");
  EXPECT_NE(id_of("irritation of the urethra"), "HP:0000737");
  EXPECT_NE(id_of("knee irritation"), "HP:0000737");
  // Nor is a word of the clause read alone as the mood after a part's word.
  auto clause_reads = [&](std::string_view clause) {
    const auto r = read_clause(interpreter_, clause);
    return std::any_of(r.terms.begin(), r.terms.end(), [&](const Interpretation& i) {
      return interpreter_.ontology().term(i.term).id == "HP:0000737";
    });
  };
  EXPECT_TRUE(clause_reads("some irritation"));
  EXPECT_FALSE(clause_reads("urethral irritation"));
  EXPECT_FALSE(clause_reads("she denies urethral irritation"));
}

// What was done to a part of the body ("I cut my finger") is no behaviour
// whose name does not say the part, though the part's word is in another
// behaviour's name ("Finger agnosia"); one whose name says it still reads.
TEST_F(PlainWords, AnActOnAPartIsNoBehaviourThatDoesNotNameIt) {
  EXPECT_EQ(id_of("cutting"), "HP:5200339");
  EXPECT_EQ(id_of("cutting myself"), "HP:5200339");
  EXPECT_NE(id_of("cut my finger"), "HP:5200339");
  EXPECT_NE(id_of("I cut my finger"), "HP:5200339");
  EXPECT_EQ(id_of("I bite my nails"), "HP:0012170");
  EXPECT_EQ(id_of("finger agnosia"), "HP:0010525");
}

// An act on a part said in the -ing form, as going on ("I am cutting my
// arms"), is a behaviour done to oneself: read as the behaviour whose name
// says the act, though not the part; told as one event ("I cut my finger"),
// it is not.
TEST_F(PlainWords, AnActOnAPartSaidAsGoingOnIsABehaviour) {
  EXPECT_EQ(id_of("cutting my arms"), "HP:5200339");
  EXPECT_EQ(id_of("cutting my legs"), "HP:5200339");
  EXPECT_NE(id_of("I cut my arm"), "HP:5200339");
  EXPECT_NE(id_of("cut my finger"), "HP:5200339");
}

// "feeling dizzy", "getting cramps": the -ing form of a linking verb opens
// what is said of the person, as "I feel" does; the finding is what
// follows. A name that opens with the verb is said whole.
TEST_F(PlainWords, AProgressiveLinkingVerbOpensWhatIsSaidOfThePerson) {
  const auto first = [&](std::string_view text) {
    const auto r = interpreter_.interpret(text);
    return r.terms.empty() ? std::string("none")
                           : interpreter_.ontology().term(r.terms.front().term).id;
  };
  EXPECT_EQ(first("dizzy"), "HP:0002321");
  EXPECT_EQ(first("feeling dizzy"), "HP:0002321");
  EXPECT_EQ(first("looking pale"), "HP:0000980");
  EXPECT_EQ(first("getting dizzy spells"), "HP:0002321");
  EXPECT_EQ(first("feeling bad"), "HP:0025435");  // a name said whole
}

// A word for a part of the body (a body-site word, or a word of HPO's
// morphology names) tells where; a description of none names nothing.
TEST_F(PlainWords, ADescriptionSaysAPartOfTheBody) {
  EXPECT_TRUE(interpreter_.says_a_part("vaginal spotting"));
  EXPECT_TRUE(interpreter_.says_a_part("some urethral irritation"));
  EXPECT_TRUE(interpreter_.says_a_part("my knee hurts"));
  EXPECT_FALSE(interpreter_.says_a_part("I feel like crap"));
  EXPECT_FALSE(interpreter_.says_a_part("something is wrong with me"));
  EXPECT_FALSE(interpreter_.says_a_part("hello"));
}

TEST_F(PlainWords, NegatedPhrasesAreNotReadAsTheFinding) {
  EXPECT_EQ(id_of("fever"), "HP:0000500");
  EXPECT_EQ(id_of("no fever"), "none");
  EXPECT_EQ(id_of("without fever"), "none");
}

TEST_F(PlainWords, HeldOutPhraseLandsOnItsTermOrAbove) {
  // The words benchmark's measure: "Night blindness" held out of the index
  // still reads as its term through the definition; "Tall stature" held out
  // (label and synonym) is not read as the chin.
  const auto night = interpreter_.interpret_held_out("Night blindness");
  EXPECT_FALSE(night && interpreter_.ontology().term(night->term).id == "HP:0000312");
  const auto tall = interpreter_.interpret_held_out("Tall stature");
  EXPECT_FALSE(tall && interpreter_.ontology().term(tall->term).id == "HP:0000312");
  EXPECT_EQ(interpreter_.interpret_phrase("Tall stature")->term,
            interpreter_.ontology().find("HP:0000301"));
}

// "PART is ADJ" is read as "ADJ PART"; where that is no name, as the
// adjective of the part's broader class, which HPO's own names show: a term
// named for the knee under one named the same for the joint (made-up ids; the
// names are as the test needs them, not medical statements).
class BroaderPart : public ::testing::Test {
 protected:
  static std::shared_ptr<const ontology::Ontology> ontology() {
    using ontology::SynonymScope;
    using testing::term;
    ontology::OntologyRecords r;
    r.version = "test";
    r.terms = {
        term("HP:0000001", "All", {}),
        term("HP:0000118", "Phenotypic abnormality", {"HP:0000001"}),
        term("HP:0001367", "Abnormal joint morphology", {"HP:0000118"}),
        term("HP:0002815", "Abnormality of the knee", {"HP:0001367"}),
        term("HP:0001386", "Joint swelling", {"HP:0001367"}),
        term("HP:0001376", "Limitation of joint mobility", {"HP:0001367"}),
        term("HP:0005085", "Limitation of knee mobility", {"HP:0001376"}),
        term("HP:0001387", "Stiff joints", {"HP:0001367"}),
        term("HP:0002813", "Stiff knees", {"HP:0001387"}),
        term("HP:0002829", "Arthralgia", {"HP:0000118"}, {{"Joint pain", SynonymScope::exact}}),
        term("HP:0030839", "Knee pain", {"HP:0002829"}),
        // The ear under the skin once only: too few to stand for it.
        term("HP:0000598", "Abnormality of the ear", {"HP:0000118"}),
        term("HP:0000951", "Abnormality of the skin", {"HP:0000118"}),
        term("HP:0001100", "Telangiectasia of the skin", {"HP:0000951"}),
        term("HP:0001101", "Telangiectasia of the ear", {"HP:0001100"}),
        term("HP:0000989", "Pruritus", {"HP:0000951"}, {{"Itchy skin", SynonymScope::exact}}),
        // A state HPO names of a part within the ear, and one it names of
        // two parts within the nose.
        term("HP:0000372", "Abnormal Eustachian tube morphology", {"HP:0000598"}),
        term("HP:0040269", "Blocked Eustachian tube", {"HP:0000372"}),
        // Redness HPO names of the eyelid, filed under the skin's redness;
        // the eyelid's own branch is the eye's.
        term("HP:0000478", "Abnormality of the eye", {"HP:0000118"}),
        term("HP:0000492", "Abnormal eyelid morphology", {"HP:0000478"}),
        term("HP:0010783", "Erythema", {"HP:0000951"}),
        term("HP:0040323", "Eyelid erythema", {"HP:0010783", "HP:0000492"},
             {{"Red eyelid", SynonymScope::exact}}),
        term("HP:0000366", "Abnormality of the nose", {"HP:0000118"}),
        term("HP:0005288", "Abnormal nostril morphology", {"HP:0000366"}),
        term("HP:0000453", "Abnormal choana morphology", {"HP:0000366"}),
        term("HP:0000454", "Blocked nostril", {"HP:0005288"}),
        term("HP:0000455", "Blocked choana", {"HP:0000453"}),
        term("HP:0012531", "Pain", {"HP:0000118"}),
        term("HP:0002027", "Abdominal pain", {"HP:0012531"},
             {{"Stomach pain", SynonymScope::exact}}),
    };
    return std::make_shared<const ontology::Ontology>(ontology::Ontology::build(r));
  }
  BroaderPart() : interpreter_(ontology()) {}
  std::string id_of(std::string_view phrase) const {
    const auto i = interpreter_.read_before_circumstance(phrase);
    return i ? interpreter_.ontology().term(i->term).id : std::string("none");
  }
  std::vector<std::string> ids_in(std::string_view text) const {
    std::vector<std::string> ids;
    for (const auto& i : interpreter_.interpret(text).terms)
      ids.push_back(interpreter_.ontology().term(i.term).id);
    return ids;
  }
  Interpreter interpreter_;
};

TEST_F(BroaderPart, AnAdjectiveOfAPartIsReadAsOfItsBroaderClass) {
  EXPECT_EQ(id_of("my knee is swollen"), "HP:0001386");  // Joint swelling
  EXPECT_EQ(id_of("a swollen knee"), "HP:0001386");
  const auto knee = interpreter_.read_before_circumstance("a swollen knee");
  ASSERT_TRUE(knee);
  EXPECT_EQ(knee->text, "a swollen knee");               // as written
  EXPECT_EQ(id_of("my knee is painful"), "HP:0030839");  // the part's own name first
  // A list of adjectives said of the part: each read.
  const auto ids = ids_in("my knee is swollen and painful");
  EXPECT_NE(std::find(ids.begin(), ids.end(), "HP:0001386"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "HP:0030839"), ids.end());
  // A part shown under another by one term only does not stand for it.
  EXPECT_EQ(id_of("my ear is itchy"), "none");
}

// "PART is STATE" where no name says the state of the part or of a broader
// one: read as the one term of the part's own branch whose name says the
// state of a part within it; not when names say it of two parts within.
TEST_F(BroaderPart, AStateOfAPartIsReadAsOfThePartWithinItThatANameSays) {
  EXPECT_EQ(id_of("my ear is blocked"), "HP:0040269");  // Blocked Eustachian tube
  EXPECT_EQ(id_of("my ears feel blocked"), "HP:0040269");
  const auto ear = interpreter_.read_before_circumstance("my ear is blocked");
  ASSERT_TRUE(ear);
  EXPECT_EQ(ear->text, "my ear is blocked");       // as written
  EXPECT_EQ(id_of("my nose is blocked"), "none");  // which part within is not told
  EXPECT_EQ(id_of("my skin is red"), "none");      // the eyelid is no part of the skin
  EXPECT_EQ(id_of("my eyelid is red"), "HP:0040323");
  EXPECT_EQ(id_of("my ear is fine"), "none");
  EXPECT_EQ(id_of("my knee is swollen"), "HP:0001386");  // the broader part first
}

// A finding said with two places: the first may be part of its name, the
// second says where on it ("pain in my stomach on the right side" is
// stomach pain, not pain).
TEST_F(BroaderPart, AFindingWithTwoPlacesIsReadWithTheFirst) {
  EXPECT_EQ(id_of("pain in my stomach"), "HP:0002027");
  EXPECT_EQ(id_of("pain in my stomach on the right side low down"), "HP:0002027");
  EXPECT_EQ(id_of("pain on the right side"), "HP:0012531");
}

// Words HPO names as how a finding goes (made-up ids and names shaped as
// HPO's: a severity, a course and a frequency, each named in one word) and
// words of colour in -ish (the names are as the tests need them, not medical
// statements).
class HowAndIsh : public ::testing::Test {
 protected:
  static std::shared_ptr<const ontology::Ontology> ontology() {
    using testing::term;
    ontology::OntologyRecords r;
    r.version = "test";
    r.terms = {
        term("HP:0000001", "All", {}),
        term("HP:0000118", "Phenotypic abnormality", {"HP:0000001"}),
        term("HP:0012823", "Clinical modifier", {"HP:0000001"}),
        term("HP:0012824", "Severity", {"HP:0012823"}),
        term("HP:0012829", "Profound", {"HP:0012824"}),
        term("HP:0031797", "Clinical course", {"HP:0012823"}),
        term("HP:0031796", "Recurrent", {"HP:0031797"}),
        // An outcome filed under course that is a finding's one-word name too.
        term("HP:0031798", "Miscarriage", {"HP:0031797"}),
        term("HP:0040279", "Frequency", {"HP:0000001"}),
        term("HP:0040283", "Occasional", {"HP:0040279"}),
        term("HP:0012531", "Pain", {"HP:0000118"}),
        term("HP:0002027", "Abdominal pain", {"HP:0012531"}),
        term("HP:0012378", "Fatigue", {"HP:0000118"}),
        term("HP:0000500", "Fever", {"HP:0000118"}),
        term("HP:0001954", "Recurrent fever", {"HP:0000500"}),
        term("HP:0005268", "Miscarriage", {"HP:0000118"}),
        term("HP:0012300", "Abnormal lung morphology", {"HP:0000118"}),
        term("HP:0033000", "Pulmonary nodule", {"HP:0012300"}, {{"Spot on the lung"}}),
        term("HP:0040318", "Red urine", {"HP:0000118"}),
        term("HP:0002317", "Unsteady gait", {"HP:0000118"}),
        term("HP:0000520", "Chemosis", {"HP:0000118"}),
    };
    // "reddish" only in a definition.
    auto petechiae = term("HP:0000967", "Petechiae", {"HP:0000118"});
    petechiae.definition = "Small reddish spots.";
    r.terms.push_back(std::move(petechiae));
    return std::make_shared<const ontology::Ontology>(ontology::Ontology::build(r));
  }
  HowAndIsh() : interpreter_(ontology()) {}
  std::string id_of(std::string_view phrase) const {
    const auto i = interpreter_.read_before_circumstance(phrase);
    return i ? interpreter_.ontology().term(i->term).id : std::string("none");
  }
  double confidence_of(std::string_view phrase) const {
    const auto i = interpreter_.interpret_phrase(phrase);
    return i ? i->confidence : 0.0;
  }
  Interpreter interpreter_;
};

// A word HPO names as how bad a finding is, how it goes or how often it
// comes, beside a name said whole, leaves the name whole, as a word of
// degree does; a name that says the word fits better; set aside for a
// partial reading it is not.
TEST_F(HowAndIsh, AWordOfHowAFindingGoesLeavesANameWhole) {
  EXPECT_EQ(id_of("occasional mild abdominal pain"), "HP:0002027");
  EXPECT_GE(confidence_of("occasional mild abdominal pain"), 0.999);
  EXPECT_GE(confidence_of("profound fatigue"), 0.999);
  // Said before a place: the words before it are a name said whole.
  EXPECT_EQ(id_of("occasional mild abdominal pain on the right side"), "HP:0002027");
  EXPECT_EQ(id_of("recurrent fever"), "HP:0001954");
  EXPECT_EQ(id_of("occasional fever"), "HP:0000500");
  EXPECT_EQ(id_of("occasional spotting"), "none");  // no "Spot on the lung"
  // A finding's one-word name says what, though HPO files it under course.
  EXPECT_GE(confidence_of("a miscarriage occasionally"), 0.999);
}

// A word of English written for a name's word that sounds the same is
// that word where, with it, the phrase is a name said whole; a word alone
// is not ("comes" sounds like "chemosis" to a rough key).
TEST_F(HowAndIsh, AnEnglishWordThatSoundsLikeANamesWordCompletesTheName) {
  if (EnglishWords::installed().size() == 0)
    GTEST_SKIP() << "no English word list installed (Debian package wamerican)";
  EXPECT_EQ(id_of("unsteady gate"), "HP:0002317");
  EXPECT_EQ(id_of("my gait is unsteady"), "HP:0002317");
  EXPECT_EQ(id_of("gate"), "none");
  EXPECT_EQ(id_of("comes"), "none");
  EXPECT_EQ(id_of("unsteady gatepost"), "none");
}

// An -ish word is its adjective also where only a definition uses it.
TEST_F(HowAndIsh, AnIshWordOfADefinitionIsItsAdjective) {
  EXPECT_EQ(id_of("reddish urine"), "HP:0040318");
  EXPECT_EQ(id_of("my urine is reddish"), "HP:0040318");
  EXPECT_EQ(id_of("red urine"), "HP:0040318");
}

// Everyday ways of saying a finding: a part and "hurt" in any tense, a
// wee that burns, a condition said in the plural (issue 12). Made-up ids.
class EverydayWords : public ::testing::Test {
 protected:
  static std::shared_ptr<const ontology::Ontology> ontology() {
    using testing::term;
    const auto lay = [](std::string s) {
      return ontology::Synonym{std::move(s), ontology::SynonymScope::exact, true};
    };
    ontology::OntologyRecords r;
    r.version = "test";
    r.terms = {
        term("HP:0000001", "All", {}),
        term("HP:0000118", "Phenotypic abnormality", {"HP:0000001"}),
        term("HP:0900001", "Pain", {"HP:0000118"}),
        term("HP:0900002", "Headache", {"HP:0900001"}, {{"Headaches"}}),
        term("HP:0900003", "Back pain", {"HP:0900001"}),
        term("HP:0900004", "Ear pain", {"HP:0900001"}),
        term("HP:0900005", "Dysuria", {"HP:0000118"}, {lay("Painful urination")}),
        term("HP:0900007", "Vomiting", {"HP:0000118"}),
    };
    return std::make_shared<const ontology::Ontology>(ontology::Ontology::build(r));
  }
  EverydayWords() : interpreter_(ontology()) {}
  // The first finding of a description, read as the checker reads it.
  std::string id_of(std::string_view description) const {
    const auto d = read_description(description);
    if (d.findings.empty()) return "no finding";
    const auto r = interpret_finding(interpreter_, d.findings.front());
    return r.terms.empty() ? std::string("none")
                           : interpreter_.ontology().term(r.terms.front().term).id;
  }
  Interpreter interpreter_;
};

// "hurt" and "aching" in any tense, the part said before or after: a pain
// of that part, and a pain of the head is a headache.
TEST_F(EverydayWords, APartThatHurtsInAnyTenseIsItsPain) {
  EXPECT_EQ(id_of("my ear hurts"), "HP:0900004");
  EXPECT_EQ(id_of("my head hurts"), "HP:0900002");
  EXPECT_EQ(id_of("my head has hurt all day"), "HP:0900002");
  EXPECT_EQ(id_of("my head is aching"), "HP:0900002");
  EXPECT_EQ(id_of("my back has been hurting"), "HP:0900003");
  EXPECT_EQ(id_of("my ear has been aching for days"), "HP:0900004");
  EXPECT_EQ(id_of("I have a headache"), "HP:0900002");
}

// British English: to wee is to pee, and a wee that burns is a painful
// one; "a wee bit" is a small amount.
TEST_F(EverydayWords, AWeeThatBurnsIsPainfulUrination) {
  EXPECT_EQ(id_of("my wee burns"), "HP:0900005");
  EXPECT_EQ(id_of("my pee burns"), "HP:0900005");
  EXPECT_EQ(interpreter_.in_names_words("a wee bit sore"), "a sore");
}

// The whole of one unit of time says how long, not what: the words the
// condition texts are searched with leave it out ("night" is no word of
// vomiting).
TEST_F(EverydayWords, TheWholeOfOneUnitOfTimeIsNoWordOfTheFinding) {
  EXPECT_EQ(interpreter_.in_names_words("I've been vomiting all night"), "ive been vomiting");
  EXPECT_EQ(interpreter_.in_names_words("coughing all day"), "coughing");
  EXPECT_EQ(interpreter_.in_names_words("pain at night"), "pain at night");
}

}  // namespace
}  // namespace symptomdb::checker
