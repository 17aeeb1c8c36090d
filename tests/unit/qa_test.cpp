// Question answering over a small fixture knowledge base (tests/fixtures/qa):
// what a question asks (intents), what it is about (focus), which answers
// come back and where they came from, emergencies, reverse lookups and
// autocomplete.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "ingest/collect.hpp"
#include "qa/engine.hpp"
#include "support/temp_dir.hpp"
#include "text/analyzer.hpp"

namespace symptomdb {
namespace {

using T = SectionType;

// ---------------------------------------------------------------------------
// IntentDetector on its own: the kinds of answer a question asks for.

class Intents : public ::testing::Test {
 protected:
  Intents() : detector_(analyzer_) {}
  std::vector<qa::Intent> detect(std::string_view q) {
    return detector_.detect(analyzer_.terms(q));
  }
  std::vector<T> types(std::string_view q) {
    std::vector<T> out;
    for (const auto& i : detect(q)) out.push_back(i.type);
    return out;
  }
  // The types read for `q` whose focus is the words [begin, end).
  std::vector<T> types_with_focus(std::string_view q, std::size_t begin, std::size_t end) {
    const auto terms = analyzer_.terms(q);
    std::vector<bool> skip(terms.size(), false);
    for (std::size_t k = begin; k < end; ++k) skip[k] = true;
    std::vector<T> got;
    for (const auto& i : detector_.detect(terms, begin, skip)) got.push_back(i.type);
    return got;
  }
  text::Analyzer analyzer_;
  qa::IntentDetector detector_;
};

std::string names(const std::vector<T>& ts) {
  std::string out;
  for (auto t : ts) out += std::string(out.empty() ? "" : " ") + std::string(to_string(t));
  return "[" + out + "]";
}

#define EXPECT_INTENTS(q, ...)                                                                   \
  do {                                                                                           \
    const std::vector<T> expected = {__VA_ARGS__};                                               \
    const auto got = types(q);                                                                   \
    EXPECT_EQ(got, expected) << (q) << " -> " << names(got) << ", expected " << names(expected); \
  } while (0)

TEST_F(Intents, Causes) {
  EXPECT_INTENTS("what causes gout", T::causes);
  EXPECT_INTENTS("Why do I get kidney stones?", T::causes);
  EXPECT_INTENTS("how do you get shingles", T::causes);
  EXPECT_INTENTS("What are the causes of gout?", T::causes);
  EXPECT_INTENTS("what triggers a gout attack", T::causes);
}

TEST_F(Intents, WhetherTwoConditionsGoTogetherAsksWhatTheyAre) {
  // "Is there a link between X and Y", "is X related to Y": no one kind of
  // answer holds the link; the overview says what a condition goes with.
  EXPECT_INTENTS("is there a link between gout and kidney stones", T::overview);
  EXPECT_INTENTS("Is astigmatism related to gout?", T::overview);
  EXPECT_INTENTS("i was wondering if it is connected with kidney stones", T::overview);
  // Beside a kind asked, in the order asked.
  EXPECT_INTENTS("what causes gout and is it linked to kidney stones", T::causes, T::overview);
}

TEST_F(Intents, Treatment) {
  EXPECT_INTENTS("how is gout treated", T::treatment);
  EXPECT_INTENTS("what helps with kidney stones", T::treatment);
  EXPECT_INTENTS("how do I get rid of kidney stones",
                 T::treatment);  // not "how do you get" (causes)
  EXPECT_INTENTS("best medication for gout", T::treatment);
  EXPECT_INTENTS("Is there a cure for gout?", T::treatment);
}

TEST_F(Intents, PreventionIsNotRisk) {
  EXPECT_INTENTS("how can I avoid kidney stones", T::prevention);
  EXPECT_INTENTS("how can I reduce the risk of gout", T::prevention);
  EXPECT_INTENTS("can gout be prevented", T::prevention);
  // "risk" on its own is about who is at risk.
  EXPECT_INTENTS("who is at risk for gout", T::susceptibility);
}

TEST_F(Intents, ContagionIsAskedAsWhoIsAtRisk) {
  // Whether a condition passes between people: MedQuAD answers that under
  // "Who is at risk for ...?" (CDC), never under its causes.
  EXPECT_INTENTS("is gout contagious", T::susceptibility);
  EXPECT_INTENTS("can kidney stones be transmitted to my wife", T::susceptibility);
  EXPECT_INTENTS("can you catch it from someone", T::susceptibility);
  // Catching an infection is still how you get it.
  EXPECT_INTENTS("how do you catch gout", T::causes);
}

TEST_F(Intents, SpreadingWithinTheBodyAsksNothingAboutContagion) {
  // How far it has grown in the body asks nothing about passing it on...
  EXPECT_INTENTS("the rash keeps spreading all over my arms");
  EXPECT_INTENTS("how helpful is radiation for melanoma that has spread up the leg");
  // ...while spreading to another person still does.
  EXPECT_INTENTS("can shingles spread from one person to another", T::susceptibility);
}

TEST_F(Intents, AProcedureAskedForIsATreatment) {
  // A procedure done for a condition treats it, as surgery does.
  EXPECT_INTENTS("How do I find doctors that perform this procedure for gout?", T::treatment);
  // Asked for beside information on it, the treatment comes first.
  EXPECT_INTENTS("Where can I find information about these procedures?", T::treatment, T::overview);
}

TEST_F(Intents, SymptomsTestsOutlook) {
  EXPECT_INTENTS("What are the symptoms of gout?", T::symptoms);  // not "what are" (overview)
  EXPECT_INTENTS("what are the warning signs of kidney stones", T::symptoms);
  EXPECT_INTENTS("how is gout diagnosed", T::exams_and_tests);
  EXPECT_INTENTS("is there a test for gout", T::exams_and_tests);
  EXPECT_INTENTS("What is the outlook for gout?", T::outlook);
  EXPECT_INTENTS("what is the prognosis", T::outlook);
}

TEST_F(Intents, GeneticsFrequencyDoctor) {
  EXPECT_INTENTS("does gout run in families", T::genetics);
  EXPECT_INTENTS("is gout inherited", T::genetics);
  EXPECT_INTENTS("how common is gout", T::frequency);
  EXPECT_INTENTS("when should I see a doctor about kidney stones", T::when_to_see_a_doctor);
  EXPECT_INTENTS("do I need to see a doctor for an earache", T::when_to_see_a_doctor);
}

TEST_F(Intents, OverviewAndNothing) {
  EXPECT_INTENTS("what is gout", T::overview);
  EXPECT_INTENTS("tell me about kidney stones", T::overview);
  EXPECT_TRUE(types("gout").empty());
  EXPECT_TRUE(types("").empty());
}

TEST_F(Intents, SeveralInTheOrderAsked) {
  EXPECT_INTENTS("gout causes and treatment options", T::causes, T::treatment);
  EXPECT_INTENTS("treatment options and causes of gout", T::treatment, T::causes);
  EXPECT_INTENTS("what are the symptoms of gout and how is it diagnosed", T::symptoms,
                 T::exams_and_tests);
  const auto in = detect("gout causes and treatment options");
  ASSERT_EQ(in.size(), 2u);
  EXPECT_LT(in[0].position, in[1].position);
  EXPECT_EQ(in[1].cue, "treatment options");  // the longer cue claims its words
  EXPECT_GT(in[0].weight, 0);
}

TEST_F(Intents, ContextPhrasesAskNothing) {
  // "diagnosed with" says what happened, it does not ask about diagnosis.
  EXPECT_INTENTS("my son was diagnosed with gout, how is it treated", T::treatment);
  EXPECT_INTENTS("I am being treated for gout, can it be prevented from coming back",
                 T::prevention);
}

TEST_F(Intents, SkippedTokensAreNotCues) {
  // The focus ("genetic testing" as a topic) is not a question about genes or tests.
  const auto terms = analyzer_.terms("what is genetic testing");
  std::vector<bool> skip(terms.size(), false);
  skip[2] = skip[3] = true;
  std::vector<T> got;
  for (const auto& i : detector_.detect(terms, 2, skip)) got.push_back(i.type);
  EXPECT_EQ(got, std::vector<T>{T::overview}) << names(got);
  // Without the skip the same words are cues (a genetic test is a test).
  got.clear();
  for (const auto& i : detector_.detect(terms)) got.push_back(i.type);
  EXPECT_NE(std::find(got.begin(), got.end(), T::exams_and_tests), got.end()) << names(got);
}

TEST_F(Intents, SideOfTheFocusDecidesLeadTo) {
  const auto a = analyzer_.terms("what leads to gout");
  std::vector<T> got;
  for (const auto& i : detector_.detect(a, 3)) got.push_back(i.type);
  EXPECT_EQ(got, std::vector<T>{T::causes}) << names(got);
  const auto b = analyzer_.terms("can gout lead to kidney stones");
  got.clear();
  for (const auto& i : detector_.detect(b, 1)) got.push_back(i.type);
  EXPECT_EQ(got, std::vector<T>{T::complications}) << names(got);
}

TEST_F(Intents, CauseRightAfterTheFocusAsksWhatItLeadsTo) {
  // "Can X cause Y?": the verb right after the focus's own words asks what
  // the focus leads to, as "can X lead to" does.
  const auto a = analyzer_.terms("can gout cause kidney stones");
  std::vector<bool> skip(a.size(), false);
  skip[1] = true;
  std::vector<T> got;
  for (const auto& i : detector_.detect(a, 1, skip)) got.push_back(i.type);
  EXPECT_EQ(got, std::vector<T>{T::complications}) << names(got);
  // "What causes X" asks its causes, and so does "cause" apart from the
  // focus's words ("gout again, what could cause it").
  const auto b = analyzer_.terms("what causes gout");
  std::vector<bool> skip_b(b.size(), false);
  skip_b[2] = true;
  got.clear();
  for (const auto& i : detector_.detect(b, 2, skip_b)) got.push_back(i.type);
  EXPECT_EQ(got, std::vector<T>{T::causes}) << names(got);
  const auto c = analyzer_.terms("gout again what could cause it");
  std::vector<bool> skip_c(c.size(), false);
  skip_c[0] = true;
  got.clear();
  for (const auto& i : detector_.detect(c, 0, skip_c)) got.push_back(i.type);
  EXPECT_EQ(got, std::vector<T>{T::causes}) << names(got);
}

TEST_F(Intents, TheFocusNamedAsWhatCausesAsksWhatItLeadsTo) {
  // "Illnesses caused by X": X causes them.
  auto got = types_with_focus("what are some illnesses caused by gout", 6, 7);
  EXPECT_EQ(got, std::vector<T>{T::complications}) << names(got);
  // "X may be a cause of Y", "X is one cause of Y".
  got = types_with_focus("the tics of gout may be a cause of kidney stones", 3, 4);
  EXPECT_EQ(got, std::vector<T>{T::complications}) << names(got);
  got = types_with_focus("is gout one cause of kidney stones", 1, 2);
  EXPECT_EQ(got, std::vector<T>{T::complications}) << names(got);
  // What the focus is caused by, and its cause asked in any other words,
  // still ask its causes.
  got = types_with_focus("is gout caused by diet", 1, 2);
  EXPECT_EQ(got, std::vector<T>{T::causes}) << names(got);
  got = types_with_focus("what is the cause of gout", 5, 6);
  EXPECT_EQ(got, std::vector<T>{T::causes}) << names(got);
  got = types_with_focus("gout what is the cause of it", 0, 1);
  EXPECT_EQ(got, std::vector<T>{T::causes}) << names(got);
}

TEST_F(Intents, TheRiskOfGettingItAsksWhoIsAtRisk) {
  // A verb of getting right after "risk of": the chance of getting it.
  EXPECT_INTENTS("what is the risk of developing gout and how is it inherited", T::susceptibility,
                 T::genetics);
  EXPECT_INTENTS("is my risk of getting gout higher", T::susceptibility);
  EXPECT_INTENTS("the risk of having gout again", T::susceptibility);
  // The risks of a thing alone are what it brings.
  EXPECT_INTENTS("what are the risks of smoking", T::complications);
}

TEST_F(Intents, WhetherPeopleOfAnAgeCanGetItAsksWhoGetsIt) {
  // People of an age or a kind, a verb of getting, then the focus (or a
  // word pointing back to it): who gets it.
  auto got = types_with_focus("can a 40 year old get gout", 6, 7);
  EXPECT_EQ(got, std::vector<T>{T::susceptibility}) << names(got);
  got = types_with_focus("can adults develop gout", 3, 4);
  EXPECT_EQ(got, std::vector<T>{T::susceptibility}) << names(got);
  got = types_with_focus("gout. could young children get it from their parents", 0, 1);
  EXPECT_EQ(got, std::vector<T>{T::susceptibility}) << names(got);
  // Beside the story's other cues, who gets it is asked first.
  got = types_with_focus("can women develop gout, and what are the symptoms", 3, 4);
  EXPECT_EQ(got, (std::vector<T>{T::susceptibility, T::symptoms})) << names(got);
}

TEST_F(Intents, NotAskedAfterAQuestionWordNorOfSomethingElseGot) {
  // After a question word the same words ask another thing.
  auto got = types_with_focus("where can a person get tested for gout", 7, 8);
  EXPECT_EQ(got, std::vector<T>{T::exams_and_tests}) << names(got);
  // Something else got ("a cane", "the shot") is no question about who gets it.
  got = types_with_focus("gout. can a 70 year old get a cane", 0, 1);
  EXPECT_EQ(got, std::vector<T>{}) << names(got);
  // Nor is one's own getting ("can I get gout medicine") asked about people.
  got = types_with_focus("can i get gout medicine", 3, 4);
  EXPECT_EQ(got, std::vector<T>{T::treatment}) << names(got);
}

// ---------------------------------------------------------------------------
// The engine over the fixture articles.

class FixtureEngine : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto articles = ingest::parse_files(
        ingest::collect_files({(test::source_dir() / "tests/fixtures/qa").string()}, ".md"),
        ingest::Format::markdown);
    engine_ = new qa::Engine(std::make_shared<const Snapshot>(std::move(articles)));
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  static const std::string& name(std::size_t c) { return engine_->snapshot().conditions()[c].name; }
  static std::string focus_name(const qa::Result& r) {
    return r.focus.empty() ? "(none)" : name(r.focus[0].condition);
  }
  static std::vector<T> intent_types(const qa::Result& r) {
    std::vector<T> out;
    for (const auto& i : r.intents) out.push_back(i.type);
    return out;
  }
  static bool has(const std::vector<T>& v, T t) {
    return std::find(v.begin(), v.end(), t) != v.end();
  }

  static inline qa::Engine* engine_ = nullptr;
};

constexpr std::string_view kCopd = "Chronic obstructive pulmonary disease";

TEST_F(FixtureEngine, LoadsEveryFixtureArticle) {
  EXPECT_EQ(engine_->snapshot().articles().size(), 8u);
  // Two articles are about gout: one condition with both.
  EXPECT_EQ(engine_->snapshot().conditions().size(), 7u);
  const ConditionEntry* gout = engine_->snapshot().condition("gout");
  ASSERT_NE(gout, nullptr);
  EXPECT_EQ(gout->articles.size(), 2u);
  EXPECT_NE(std::find(gout->synonyms.begin(), gout->synonyms.end(), "gouty arthritis"),
            gout->synonyms.end());
  EXPECT_GT(engine_->unit_count(), 30u);
}

TEST_F(FixtureEngine, SeveralAnswersOfOneKindAreRankedByTheQuestionsOtherWords) {
  auto r = engine_->ask("how is gout treated");
  ASSERT_GE(r.answers.size(), 2u);
  EXPECT_EQ(r.answers[0].type, T::treatment);
  EXPECT_EQ(r.answers[1].type, T::treatment);
  EXPECT_NE(r.answers[0].source.article, r.answers[1].source.article);  // both articles answer
  EXPECT_GT(r.answers[0].score, r.answers[1].score);
  // A word beyond the focus and the cue picks the article that uses it.
  r = engine_->ask("how is gout treated with diet");
  ASSERT_GE(r.answers.size(), 2u);
  EXPECT_EQ(r.answers[0].source.article, "gout-diet");
  EXPECT_EQ(r.answers[0].source.anchor, "treatment-diet-for-gout");
  r = engine_->ask("how is gout treated with medicines");
  ASSERT_GE(r.answers.size(), 2u);
  EXPECT_EQ(r.answers[0].source.article, "gout");
  // The second article's synonym names the condition too.
  r = engine_->ask("what causes gouty arthritis");
  EXPECT_EQ(focus_name(r), "Gout");
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].source.anchor, "causes-of-gout");
}

TEST_F(FixtureEngine, FocusByNameAndSynonym) {
  auto r = engine_->ask("What is gout?");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(focus_name(r), "Gout");
  EXPECT_EQ(r.focus[0].kind, qa::NameKind::name);
  EXPECT_FALSE(r.focus[0].corrected);

  r = engine_->ask("what are the symptoms of chronic obstructive pulmonary disease");
  EXPECT_EQ(focus_name(r), kCopd);
  EXPECT_EQ(r.focus[0].matched, "chronic obstructive pulmonary disease");

  r = engine_->ask("how is regional enteritis treated");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(focus_name(r), "Crohn's disease");
  EXPECT_EQ(r.focus[0].kind, qa::NameKind::synonym);
  EXPECT_EQ(r.focus[0].name, "regional enteritis");

  r = engine_->ask("symptoms of chronic obstructive lung disease");
  EXPECT_EQ(focus_name(r), kCopd);
  EXPECT_EQ(r.focus[0].kind, qa::NameKind::synonym);
}

TEST_F(FixtureEngine, FocusByCapitalisedAbbreviation) {
  // "COPD" and "MS" are not in the fixtures' front matter: they come from
  // the built-in abbreviation list, attached because the conditions exist.
  auto r = engine_->ask("How is COPD diagnosed?");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(focus_name(r), kCopd);
  EXPECT_EQ(r.focus[0].kind, qa::NameKind::abbreviation);
  EXPECT_EQ(r.focus[0].name, "COPD");

  r = engine_->ask("MS treatment options");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(focus_name(r), "Multiple sclerosis");
  EXPECT_EQ(r.focus[0].kind, qa::NameKind::abbreviation);
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::treatment);

  // A two-letter abbreviation is only one when written in capitals.
  r = engine_->ask("what is ms");
  for (const auto& f : r.focus) EXPECT_NE(name(f.condition), "Multiple sclerosis");
}

TEST_F(FixtureEngine, FocusByLowerCaseAbbreviation) {
  const auto r = engine_->ask("what causes copd");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(focus_name(r), kCopd);
  EXPECT_FALSE(r.reverse);
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::causes);
}

TEST_F(FixtureEngine, FocusByPossessiveWithoutApostrophe) {
  auto r = engine_->ask("what are the symptoms of crohns disease");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(focus_name(r), "Crohn's disease");
  EXPECT_TRUE(r.corrections.empty());  // the same word, not a misspelling
  r = engine_->ask("menieres disease treatment");
  EXPECT_EQ(focus_name(r), "Meniere's disease");
  r = engine_->ask("What causes Meniere's disease?");
  EXPECT_EQ(focus_name(r), "Meniere's disease");
}

TEST_F(FixtureEngine, FocusByPluralAndBritishSpelling) {
  auto r = engine_->ask("what causes kidney stones");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(focus_name(r), "Kidney stone");
  EXPECT_EQ(r.focus[0].matched, "kidney stones");
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::causes);

  r = engine_->ask("How do you treat iron deficiency anaemia?");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(focus_name(r), "Iron deficiency anemia");
  EXPECT_TRUE(r.corrections.empty());  // a spelling variant, not a typo
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::treatment);
}

TEST_F(FixtureEngine, FocusAfterCorrectingATypo) {
  auto r = engine_->ask("how is multiple sclerosus treated");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(focus_name(r), "Multiple sclerosis");
  EXPECT_TRUE(r.focus[0].corrected);
  ASSERT_EQ(r.corrections.size(), 1u);
  EXPECT_EQ(r.corrections[0].from, "sclerosus");
  EXPECT_EQ(r.corrections[0].to, "sclerosis");
  EXPECT_EQ(r.corrections[0].token, 3u);
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::treatment);

  r = engine_->ask("chronic obstructive pulmonery disease symptoms");
  EXPECT_EQ(focus_name(r), kCopd);
  ASSERT_EQ(r.corrections.size(), 1u);
  EXPECT_EQ(r.corrections[0].from, "pulmonery");
  EXPECT_EQ(r.corrections[0].to, "pulmonary");

  // A correctly spelt question reports no corrections.
  r = engine_->ask("how is multiple sclerosis treated");
  EXPECT_TRUE(r.corrections.empty());
  ASSERT_FALSE(r.focus.empty());
  EXPECT_FALSE(r.focus[0].corrected);
}

TEST_F(FixtureEngine, FocusInTheMiddleOfAChattyQuestion) {
  const auto r = engine_->ask(
      "I'm 54 and I have smoked for years, and my sister keeps saying I might have chronic "
      "obstructive pulmonary disease because I cough every morning, so what are the usual "
      "symptoms?");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(focus_name(r), kCopd);
  EXPECT_GT(r.focus[0].begin, 10u);  // found where it is, not at the start
  EXPECT_EQ(intent_types(r), std::vector<T>{T::symptoms}) << names(intent_types(r));
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::symptoms);
}

TEST_F(FixtureEngine, ContextSentenceDoesNotOutweighTheAskingOne) {
  auto r = engine_->ask(
      "My doctor ran some tests last week and I was diagnosed with COPD. How is it treated?");
  EXPECT_EQ(focus_name(r), kCopd);
  EXPECT_EQ(intent_types(r), std::vector<T>{T::treatment}) << names(intent_types(r));
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::treatment);
  // The list goes on with other kinds, offered (asked == false); none of
  // the answers given as asked is about the tests of the context.
  for (const auto& a : r.answers) {
    if (!a.asked) continue;
    EXPECT_NE(a.type, T::exams_and_tests);
  }

  r = engine_->ask(
      "I was diagnosed with multiple sclerosis in March and I am worried. What treatments are "
      "there?");
  EXPECT_EQ(focus_name(r), "Multiple sclerosis");
  EXPECT_FALSE(has(intent_types(r), T::exams_and_tests)) << names(intent_types(r));
  EXPECT_TRUE(has(intent_types(r), T::treatment)) << names(intent_types(r));
}

TEST_F(FixtureEngine, AnswerHasTheAskedTypeAndPointsToTheArticle) {
  const auto r = engine_->ask("How is COPD treated?");
  ASSERT_FALSE(r.answers.empty());
  const auto& a = r.answers[0];
  EXPECT_EQ(a.type, T::treatment);
  EXPECT_TRUE(a.asked);
  EXPECT_EQ(name(a.condition), kCopd);
  EXPECT_EQ(a.heading, "Treatment of COPD");
  // The section's items, as Markdown.
  EXPECT_NE(a.text.find("**Inhalers.**"), std::string::npos) << a.text;
  EXPECT_NE(a.text.find("Pulmonary rehabilitation"), std::string::npos) << a.text;
  EXPECT_EQ(a.source.article, "chronic-obstructive-pulmonary-disease");
  EXPECT_EQ(a.source.anchor, "treatment-of-copd");
  EXPECT_EQ(a.source.collection, "symptomdb");
  EXPECT_EQ(a.source.license, "CC0 test fixture");
  EXPECT_EQ(a.source.author, "symptomdb test fixture");
  EXPECT_EQ(a.source.url, "/articles/chronic-obstructive-pulmonary-disease#treatment-of-copd");
  EXPECT_TRUE(a.source.pair.empty());
  // The engine's own view of the unit agrees.
  EXPECT_EQ(engine_->unit(a.unit).type, T::treatment);
  EXPECT_EQ(engine_->unit_heading(a.unit), a.heading);
}

TEST_F(FixtureEngine, WhatIsAnswersWithTheIntroduction) {
  const auto r = engine_->ask("what is gout");
  ASSERT_FALSE(r.answers.empty());
  const auto& a = r.answers[0];
  EXPECT_EQ(a.type, T::overview);
  EXPECT_TRUE(a.asked);
  EXPECT_EQ(a.heading, "What is gout?");  // the article's title
  EXPECT_NE(a.text.find("uric acid"), std::string::npos);
  EXPECT_EQ(a.source.article, "gout");
  EXPECT_TRUE(a.source.anchor.empty());
  EXPECT_EQ(a.source.url, "/articles/gout");
}

TEST_F(FixtureEngine, EachAskedTypeHasItsAnswerInOrder) {
  struct Case {
    const char* q;
    T type;
    const char* article;
    const char* anchor;
  };
  const Case cases[] = {
      {"What causes gout?", T::causes, "gout", "causes-of-gout"},
      {"how is multiple sclerosis diagnosed", T::exams_and_tests, "multiple-sclerosis",
       "diagnosis"},
      {"does multiple sclerosis run in families", T::genetics, "multiple-sclerosis", "genetics"},
      {"how common is iron deficiency anemia", T::frequency, "iron-deficiency-anemia",
       "how-common-is-it"},
      {"what is the outlook for COPD", T::outlook, "chronic-obstructive-pulmonary-disease",
       "outlook"},
      {"when should I see a doctor about COPD", T::when_to_see_a_doctor,
       "chronic-obstructive-pulmonary-disease", "when-to-see-a-doctor"},
      {"how can I avoid kidney stones", T::prevention, "kidney-stone", "prevention"},
      {"what are the complications of crohns disease", T::complications, "crohns-disease",
       "complications"},
  };
  for (const auto& c : cases) {
    const auto r = engine_->ask(c.q);
    ASSERT_FALSE(r.answers.empty()) << c.q;
    EXPECT_EQ(r.answers[0].type, c.type) << c.q << " -> " << to_string(r.answers[0].type);
    EXPECT_TRUE(r.answers[0].asked) << c.q;
    EXPECT_EQ(r.answers[0].source.article, c.article) << c.q;
    EXPECT_EQ(r.answers[0].source.anchor, c.anchor) << c.q;
    EXPECT_TRUE(r.missing.empty()) << c.q;
  }
}

TEST_F(FixtureEngine, MultiIntentQuestionGetsOneAnswerPerIntentInOrder) {
  auto r = engine_->ask("What causes COPD and what are the treatment options?");
  EXPECT_EQ(intent_types(r), (std::vector<T>{T::causes, T::treatment})) << names(intent_types(r));
  ASSERT_GE(r.answers.size(), 2u);
  EXPECT_EQ(r.answers[0].type, T::causes);
  EXPECT_EQ(r.answers[1].type, T::treatment);
  EXPECT_EQ(r.answers[0].source.anchor, "causes-of-copd");
  EXPECT_EQ(r.answers[1].source.anchor, "treatment-of-copd");
  EXPECT_GT(r.answers[0].score, 0);

  // Gout has two treatment answers: the best first, the other after every head.
  // (Then the ranked list goes on with what else is held, offered.)
  r = engine_->ask("treatment and symptoms of gout");
  ASSERT_GE(r.answers.size(), 3u);
  EXPECT_EQ(std::count_if(r.answers.begin(), r.answers.end(),
                          [](const qa::Answer& a) { return a.asked; }),
            3);
  EXPECT_EQ(r.answers[0].type, T::treatment);
  EXPECT_EQ(r.answers[1].type, T::symptoms);
  EXPECT_EQ(r.answers[2].type, T::treatment);
  for (std::size_t i = 3; i < r.answers.size(); ++i) EXPECT_FALSE(r.answers[i].asked);
  // The heads come in the order asked (their scores need not be ordered);
  // each outscores every answer after the heads.
  const std::size_t heads = r.intents.size();
  ASSERT_EQ(heads, 2u);
  for (std::size_t k = heads; k < r.answers.size(); ++k)
    for (std::size_t h = 0; h < heads; ++h) EXPECT_GT(r.answers[h].score, r.answers[k].score);
}

TEST_F(FixtureEngine, LimitCapsTheAnswers) {
  const auto r = engine_->ask("What causes COPD and what are the treatment options?", 1);
  ASSERT_EQ(r.answers.size(), 1u);
  EXPECT_EQ(r.answers[0].type, T::causes);
}

TEST_F(FixtureEngine, MissingIntentIsReportedWithWhatIsAvailable) {
  // The Crohn's fixture has no prevention section.
  const auto r = engine_->ask("How can I prevent crohns disease?");
  EXPECT_EQ(focus_name(r), "Crohn's disease");
  EXPECT_EQ(intent_types(r), std::vector<T>{T::prevention});
  EXPECT_EQ(r.missing, std::vector<T>{T::prevention});
  EXPECT_EQ(r.available,
            (std::vector<T>{T::overview, T::symptoms, T::causes, T::treatment, T::complications}))
      << names(r.available);
  ASSERT_FALSE(r.answers.empty());
  for (const auto& a : r.answers) {
    EXPECT_FALSE(a.asked);
    EXPECT_NE(a.type, T::prevention);
    EXPECT_EQ(name(a.condition), "Crohn's disease");
  }
}

TEST_F(FixtureEngine, PartlyMissingMultiIntent) {
  // Gout has causes but no exams-and-tests section.
  const auto r = engine_->ask("What causes gout and how is it diagnosed?");
  EXPECT_EQ(intent_types(r), (std::vector<T>{T::causes, T::exams_and_tests}))
      << names(intent_types(r));
  EXPECT_EQ(r.missing, std::vector<T>{T::exams_and_tests});
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::causes);
  EXPECT_TRUE(r.answers[0].asked);
}

TEST_F(FixtureEngine, UnknownTopicGivesNoAnswer) {
  auto r = engine_->ask("How do I fix my bicycle chain?");
  EXPECT_TRUE(r.focus.empty());
  EXPECT_TRUE(r.answers.empty());
  EXPECT_TRUE(r.missing.empty());
  EXPECT_FALSE(r.emergency);
  r = engine_->ask("qwzx plorf vrenk");
  EXPECT_TRUE(r.focus.empty());
  EXPECT_TRUE(r.answers.empty());
  EXPECT_TRUE(r.suggestions.empty());
  r = engine_->ask("");
  EXPECT_TRUE(r.answers.empty());
}

TEST_F(FixtureEngine, UnknownTopicNearANameSuggestsIt) {
  // "stones" is no condition's name, but it is near a word of one.
  const auto r = engine_->ask("tell me about stones");
  EXPECT_TRUE(r.focus.empty());
  EXPECT_TRUE(r.answers.empty());
  ASSERT_FALSE(r.suggestions.empty());
  EXPECT_EQ(name(r.suggestions[0]), "Kidney stone");
}

TEST_F(FixtureEngine, AnUnknownProductAskedAboutIsNotCoveredAndTheStorysConditionIsSuggested) {
  // "Can daytrana be prescribed ...? He has ADHD": the product asked about
  // is not covered, so no answer is given for it (nor one about gout made to
  // stand for it); gout, which the story names, is offered, and nothing
  // else: the reply says the message names what it suggests, and no name
  // merely near a word of it ("stones" of Kidney stone) was named.
  const auto r = engine_->ask("Zorplex",
                              "My son is 18, weighs 15 stones and has had gout for a year. Can "
                              "zorplex be prescribed for him? If so, what dosage?",
                              5);
  EXPECT_TRUE(r.focus.empty());
  EXPECT_TRUE(r.answers.empty());
  EXPECT_EQ(r.not_covered, std::vector<std::string>{"zorplex"});  // named in the reply
  ASSERT_EQ(r.suggestions.size(), 1U);
  EXPECT_EQ(name(r.suggestions[0]), "Gout");
}

TEST_F(FixtureEngine, RedFlagsComeFirstEvenWhenAFocusIsAnswered) {
  auto r = engine_->ask("I have chest pain and shortness of breath, could it be COPD?");
  ASSERT_TRUE(r.emergency);
  EXPECT_EQ(r.emergency->kind, "cardiac");
  EXPECT_FALSE(r.emergency->message.empty());
  EXPECT_NE(r.emergency->matched.find("chest pain"), std::string::npos) << r.emergency->matched;
  EXPECT_EQ(focus_name(r), kCopd);
  EXPECT_FALSE(r.answers.empty());

  r = engine_->ask("I want to kill myself because of my crohns disease");
  ASSERT_TRUE(r.emergency);
  EXPECT_EQ(r.emergency->kind, "suicide");
  EXPECT_EQ(focus_name(r), "Crohn's disease");
  EXPECT_FALSE(r.answers.empty());

  r = engine_->ask("I want to kill myself");
  ASSERT_TRUE(r.emergency);
  EXPECT_EQ(r.emergency->kind, "suicide");
  EXPECT_NE(r.emergency->message.find("988"), std::string::npos);
  // Self-harm said as a habit is the same notice; a cut by accident is not.
  r = engine_->ask("I have been cutting myself, how do I stop?");
  ASSERT_TRUE(r.emergency);
  EXPECT_EQ(r.emergency->kind, "suicide");
  EXPECT_FALSE(engine_->ask("I cut myself shaving, how do I stop the bleeding?").emergency);
  // Said of someone one writes for, the same.
  r = engine_->ask("My daughter is harming herself, what should I do?");
  ASSERT_TRUE(r.emergency);
  EXPECT_EQ(r.emergency->kind, "suicide");
  r = engine_->ask("my son has been cutting himself");
  ASSERT_TRUE(r.emergency);
  EXPECT_EQ(r.emergency->kind, "suicide");
  EXPECT_FALSE(engine_->ask("my son cut himself on a tin can").emergency);

  // A stiff neck said the other way round ("my neck is stiff") with a
  // headache is the same warning.
  r = engine_->ask("I have a headache and my neck is stiff");
  ASSERT_TRUE(r.emergency);
  EXPECT_EQ(r.emergency->kind, "meningitis");

  // The words of a sign said with a verb or a possessive between them are
  // the sign; the table names the other orders people use.
  r = engine_->ask("my tongue is swelling after a bee sting");
  ASSERT_TRUE(r.emergency);
  EXPECT_EQ(r.emergency->kind, "allergy");
  r = engine_->ask("the bleeding won't stop");
  ASSERT_TRUE(r.emergency);
  EXPECT_EQ(r.emergency->kind, "bleeding");
  r = engine_->ask("I have pain in my chest and I am short of breath");
  ASSERT_TRUE(r.emergency);
  EXPECT_EQ(r.emergency->kind, "cardiac");
  // ... but in its order, in one sentence, and close together.
  EXPECT_FALSE(engine_->ask("I am afraid my life will end soon").emergency);
  EXPECT_FALSE(
      engine_->ask("My chest is fine. The pain is in my knee and I am short of breath").emergency);
  EXPECT_FALSE(engine_->ask("my chest feels fine but the knee pain and shortness of breath persist")
                   .emergency);

  // Each red-flag word alone is not an emergency.
  EXPECT_FALSE(engine_->ask("my neck is stiff").emergency);
  EXPECT_FALSE(engine_->ask("what causes shortness of breath in COPD").emergency);
  EXPECT_FALSE(engine_->ask("How is COPD treated?").emergency);
}

TEST_F(FixtureEngine, ReverseLookupListsConditionsThatMentionTheFinding) {
  const auto r = engine_->ask("what can cause joint pain");
  EXPECT_TRUE(r.reverse);
  EXPECT_EQ(r.findings, std::vector<std::string>{"joint pain"});
  std::vector<std::string> conds;
  for (const auto& h : r.conditions) {
    conds.push_back(name(h.condition));
    EXPECT_FALSE(h.passage.empty());
    EXPECT_NE(h.passage.find("joint pain"), std::string::npos) << h.passage;
    EXPECT_EQ(h.findings, std::vector<std::string>{"joint pain"});
    EXPECT_EQ(engine_->unit(h.unit).condition, h.condition);
  }
  std::sort(conds.begin(), conds.end());
  // Exactly the fixtures whose text says "joint pain".
  EXPECT_EQ(conds, (std::vector<std::string>{"Crohn's disease", "Gout"}));
}

TEST_F(FixtureEngine, ReverseLookupWithSeveralFindingsRanksThoseWithMoreFirst) {
  const auto r = engine_->ask("conditions with joint pain and fatigue");
  EXPECT_TRUE(r.reverse);
  EXPECT_EQ(r.findings, (std::vector<std::string>{"joint pain", "fatigue"}));
  ASSERT_GE(r.conditions.size(), 3u);
  EXPECT_EQ(name(r.conditions[0].condition), "Crohn's disease");  // the only one with both
  EXPECT_EQ(r.conditions[0].findings.size(), 2u);
  std::vector<std::string> rest;
  for (std::size_t k = 1; k < r.conditions.size(); ++k) {
    EXPECT_EQ(r.conditions[k].findings.size(), 1u);
    EXPECT_LE(r.conditions[k].score, r.conditions[k - 1].score);
    EXPECT_FALSE(r.conditions[k].passage.empty());
    rest.push_back(name(r.conditions[k].condition));
  }
  std::sort(rest.begin(), rest.end());
  EXPECT_EQ(rest,
            (std::vector<std::string>{"Gout", "Iron deficiency anemia", "Multiple sclerosis"}));
  // Kidney stones and COPD mention neither.
}

TEST_F(FixtureEngine, ReverseLookupForAnUnmentionedFindingFindsNothing) {
  const auto r = engine_->ask("what can cause hiccups");
  EXPECT_TRUE(r.reverse);
  EXPECT_TRUE(r.conditions.empty());
  EXPECT_TRUE(r.answers.empty());
}

TEST_F(FixtureEngine, AnOrdinaryQuestionIsNotAReverseLookup) {
  const auto r = engine_->ask("What causes gout?");
  EXPECT_FALSE(r.reverse);
  EXPECT_TRUE(r.conditions.empty());
}

TEST_F(FixtureEngine, SuggestCompletesFirstAndLaterWords) {
  auto s = engine_->suggest("chro", 5);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(name(s[0].condition), kCopd);
  EXPECT_EQ(s.size(), 1u);         // the name and its synonym are one condition
  s = engine_->suggest("Goû", 5);  // folded like the names
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(name(s[0].condition), "Gout");
  s = engine_->suggest("scler", 5);  // second word of "Multiple sclerosis"
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(name(s[0].condition), "Multiple sclerosis");
  EXPECT_EQ(s[0].label, "Multiple sclerosis");
  s = engine_->suggest("enter", 5);  // a later word of a synonym
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(name(s[0].condition), "Crohn's disease");
  EXPECT_EQ(s[0].label, "regional enteritis");
  // A name starting with the prefix comes before one with a later word that does.
  s = engine_->suggest("di", 5);
  for (const auto& x : s) {
    const std::string label = x.label;
    bool word_start = false;
    for (std::size_t k = 0; k + 1 < label.size(); ++k)
      word_start = word_start || ((k == 0 || label[k - 1] == ' ') &&
                                  std::tolower(static_cast<unsigned char>(label[k])) == 'd' &&
                                  std::tolower(static_cast<unsigned char>(label[k + 1])) == 'i');
    EXPECT_TRUE(word_start) << label;
  }
  EXPECT_EQ(engine_->suggest("d", 2).size(), 2u);  // the limit holds
}

TEST_F(FixtureEngine, SuggestFindsNothingForGarbage) {
  EXPECT_TRUE(engine_->suggest("zzqx", 5).empty());
  EXPECT_TRUE(engine_->suggest("", 5).empty());
  EXPECT_TRUE(engine_->suggest("   ", 5).empty());
  EXPECT_TRUE(engine_->suggest("goutx", 5).empty());
}

}  // namespace
}  // namespace symptomdb
