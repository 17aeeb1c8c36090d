// What kind of answer a message asks for, when it tells a story and asks in
// one or two sentences: the cues of the sentences that ask plainly win over
// those of the story, several kinds asked come in the order asked, a general
// request for information yields to the kind it names, and words the
// stemmer joins to a cue ("medical" to "medication") are not cues. Detector
// rules on constructed sentences, and the engine over a small made-up
// knowledge base (the condition and its texts are invented; nothing here is
// medical content).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "qa/engine.hpp"
#include "qa/intent.hpp"
#include "text/analyzer.hpp"

namespace symptomdb {
namespace {

using T = SectionType;

std::string names(const std::vector<T>& ts) {
  std::string out;
  for (auto t : ts) out += std::string(out.empty() ? "" : " ") + std::string(to_string(t));
  return "[" + out + "]";
}

std::vector<T> types_of(const std::vector<qa::Intent>& intents) {
  std::vector<T> out;
  for (const auto& i : intents) out.push_back(i.type);
  return out;
}

class IntentWords : public ::testing::Test {
 protected:
  IntentWords() : detector_(analyzer_) {}
  std::vector<T> types(std::string_view q, const std::vector<std::uint8_t>& asking = {}) {
    std::vector<T> out;
    for (const auto& i :
         detector_.detect(analyzer_.terms(q), std::string::npos, {}, nullptr, asking))
      out.push_back(i.type);
    return out;
  }
  text::Analyzer analyzer_;
  qa::IntentDetector detector_;
};

TEST_F(IntentWords, AskingWhatToDoOrHowToSolveAProblemAsksForARemedy) {
  for (const std::string q : {"please tell me what to do about it", "what i have to do to raise it",
                              "how can i solve this problem", "is there a way to overcome it",
                              "i need your suggestions on this problem", "please suggest me"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::treatment}) << names(types(q));
  }
}

TEST_F(IntentWords, WhetherItWillCauseDeathAsksTheOutlook) {
  for (const std::string q : {"how long before it will cause death", "it causes death?"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::outlook}) << names(types(q));
  }
  // What causes it still asks its causes.
  EXPECT_EQ(types("what causes it"), std::vector<T>{T::causes});
}

TEST_F(IntentWords, APhysicianWhoSpecialisesInItIsOneWhoTreatsIt) {
  for (const std::string q :
       {"how can i find physicians who specialize in it", "is there a specialist for it near me"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::treatment}) << names(types(q));
  }
}

TEST_F(IntentWords, APhysicianWhoSpecialisesInItIsAskedForBesideOtherKinds) {
  // Asking for a physician who specialises in X beside information on X, or
  // beside another kind, asks for the treatment too: the cue stands beside
  // them (the request for information still comes last).
  const auto info = types(
      "where can i find information on it, and how can i find physicians who specialize in it");
  EXPECT_EQ(info, (std::vector<T>{T::treatment, T::overview})) << names(info);
  const auto diagnosed =
      types("how is it diagnosed, and how can i find physicians who specialize in it");
  EXPECT_EQ(diagnosed, (std::vector<T>{T::exams_and_tests, T::treatment})) << names(diagnosed);
  // A specialist the story mentions stays a weak cue.
  const auto story = types("what are the causes? my specialist saw me last year");
  EXPECT_EQ(story, std::vector<T>{T::causes}) << names(story);
}

TEST_F(IntentWords, AWordTheStemmerJoinsToACueIsNotThatCue) {
  // "medical" and "medication" share the stem "medic".
  EXPECT_EQ(types("is there a medical term for it"), std::vector<T>{})
      << names(types("is there a medical term for it"));
  EXPECT_EQ(types("which medication is used for it"), std::vector<T>{T::treatment});
  // Inflections still count: "tested" for "test", "symptoms" for "symptom".
  EXPECT_EQ(types("how is it tested"), std::vector<T>{T::exams_and_tests});
}

TEST_F(IntentWords, HelpfulInformationIsNotHelpWithTheCondition) {
  EXPECT_EQ(types("any information would be helpful"), std::vector<T>{});
  EXPECT_EQ(types("what helps with it"), std::vector<T>{T::treatment});
  EXPECT_EQ(types("would this drug help"), std::vector<T>{T::treatment});
}

TEST_F(IntentWords, InformationThatWouldHelpTheAskerIsNotHelpWithTheCondition) {
  EXPECT_EQ(types("any information that helps further explore this will be appreciated"),
            std::vector<T>{});
  EXPECT_EQ(types("if you have anything else that might help me, i would appreciate it"),
            std::vector<T>{});
  EXPECT_EQ(types("is there anything that might help"), std::vector<T>{T::treatment});
}

TEST_F(IntentWords, DealingWithItNowIsTheStory) {
  EXPECT_EQ(types("we are dealing with the disease of my father"), std::vector<T>{});
  EXPECT_EQ(types("i have been dealing with it for years"), std::vector<T>{});
  EXPECT_EQ(types("how do i deal with it"), std::vector<T>{T::treatment});
  EXPECT_EQ(types("tips for dealing with it"), std::vector<T>{T::treatment});
}

TEST_F(IntentWords, ATimeInTheStoryIsNotAQuestionAboutHowLongItLasts) {
  EXPECT_EQ(types("she has had it for the last two years"), std::vector<T>{});
  EXPECT_EQ(types("how long will it last"), std::vector<T>{T::outlook});
}

TEST_F(IntentWords, CompoundsThatNameAnotherKind) {
  // A genetic test is a test; gene therapy is a treatment; carriers are
  // about inheritance; "does it sound like" asks about symptoms.
  EXPECT_EQ(types("where can we get genetic testing"), std::vector<T>{T::exams_and_tests});
  EXPECT_EQ(types("is gene therapy available"), std::vector<T>{T::treatment});
  EXPECT_EQ(types("could my daughters be carriers"), std::vector<T>{T::genetics});
  EXPECT_EQ(types("does this sound like it"), std::vector<T>{T::symptoms});
  EXPECT_EQ(types("what can be done to prevent it"), std::vector<T>{T::prevention});
}

TEST_F(IntentWords, SymptomsOrResearchOfTheAskerAreTheStory) {
  EXPECT_EQ(types("i am having symptoms, is there a vaccine"), std::vector<T>{T::prevention});
  EXPECT_EQ(types("i am doing a research project, is it inherited"), std::vector<T>{T::genetics});
}

TEST_F(IntentWords, OnlyTheCuesOfTheMostPlainlyAskingTokensCount) {
  // Tokens: "treatment failed" (story, 0) "when taking it symptoms improve"
  // (opens like a question, 1) "is it inherited" (asks plainly, 2).
  const std::string q = "treatment failed when taking it symptoms improve is it inherited";
  const std::vector<std::uint8_t> ranks = {0, 0, 1, 1, 1, 1, 1, 2, 2, 2};
  ASSERT_EQ(analyzer_.terms(q).size(), ranks.size());
  EXPECT_EQ(types(q, ranks), std::vector<T>{T::genetics}) << names(types(q, ranks));
  // With nothing asked plainly, the next rank's cues count, and still not
  // the story's: its "treatment" would make treatment strong enough to keep.
  std::vector<std::uint8_t> no_plain = ranks;
  for (auto& r : no_plain) r = r == 2 ? 0 : r;
  EXPECT_EQ(types(q, no_plain), std::vector<T>{T::symptoms}) << names(types(q, no_plain));
  // With no ranks at all, every cue counts.
  const auto all = types(q);
  EXPECT_NE(std::find(all.begin(), all.end(), T::treatment), all.end()) << names(all);
  // A plainly asking sentence without cues ("helpful" asks for nothing)
  // leaves the subject's.
  const std::string h = "diagnosis of it any information helpful";
  const std::vector<std::uint8_t> hint = {1, 1, 1, 2, 2, 2};
  ASSERT_EQ(analyzer_.terms(h).size(), hint.size());
  EXPECT_EQ(types(h, hint), std::vector<T>{T::exams_and_tests}) << names(types(h, hint));
}

TEST_F(IntentWords, AGeneralRequestComesAfterTheKindItNames) {
  const auto got = detector_.detect(analyzer_.terms("information on it, including treatment"));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].type, T::treatment);
  EXPECT_EQ(got[1].type, T::overview);
  EXPECT_TRUE(got[1].general);
  // "Tell me about it" alone asks for the overview.
  const auto alone = detector_.detect(analyzer_.terms("tell me about it"));
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_EQ(alone[0].type, T::overview);
}

// ---------------------------------------------------------------------------
// The engine: messages about one made-up condition whose collections answer
// every kind asked below.

Article document(const std::string& collection, const std::string& id, const std::string& name,
                 std::vector<std::pair<T, std::string>> parts) {
  Article a;
  a.slug = collection + "-" + id;
  a.title = name;
  a.condition.name = name;
  a.collection = collection;
  a.document_id = id;
  a.license = "test";
  a.provenance.format = "medquad";
  for (auto& [type, text] : parts) {
    Section s;
    s.type = type;
    s.intro = std::move(text);
    a.sections.push_back(std::move(s));
  }
  return a;
}

class IntentMessages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::vector<Article> a;
    a.push_back(document("MPlusHealthTopics", "1", "Zorblat disease",
                         {{T::overview, "Zorblat disease is a made-up test condition."},
                          {T::causes, "Zorblat disease follows pretend germs."},
                          {T::treatment, "Zorblat disease is treated with pretend rest."},
                          {T::symptoms, "Zorblat disease gives pretend itching."},
                          {T::genetics, "Zorblat disease passes on in made-up families."},
                          {T::outlook, "Zorblat disease ends in pretend recovery."}}));
    engine_ = new qa::Engine(std::make_shared<const Snapshot>(std::move(a)));
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  static std::vector<T> intents(const qa::Result& r) {
    std::vector<T> out;
    for (const auto& i : r.intents) out.push_back(i.type);
    return out;
  }
  static T first_type(const qa::Result& r) {
    return r.answers.empty() ? T::other : r.answers.front().type;
  }
  static inline qa::Engine* engine_ = nullptr;
};

TEST_F(IntentMessages, AKindTheStoryMentionsIsNotAsked) {
  const auto r = engine_->ask(
      "My father has zorblat disease. His treatment has not worked for years and the "
      "medication makes him tired. Is zorblat disease inherited?");
  EXPECT_EQ(intents(r), std::vector<T>{T::genetics}) << names(intents(r));
  EXPECT_EQ(first_type(r), T::genetics);
}

TEST_F(IntentMessages, SeveralQuestionsAreAnsweredInTheOrderAsked) {
  const auto r = engine_->ask(
      "Zorblat disease. My son was diagnosed last week. What causes it? And how is it "
      "treated? Thank you.");
  EXPECT_EQ(intents(r), (std::vector<T>{T::causes, T::treatment})) << names(intents(r));
  ASSERT_GE(r.answers.size(), 2u);
  EXPECT_EQ(r.answers[0].type, T::causes);
  EXPECT_EQ(r.answers[1].type, T::treatment);
}

TEST_F(IntentWords, AWeakWhatAreDoesNotMakeARequestForInformationSpecific) {
  // The kind named is asked first; "what are" (a weak overview cue) beside
  // "information on" leaves the overview a general request, after it.
  const auto got = detector_.detect(
      analyzer_.terms("what are the causes of it? i am looking for information on its causes"));
  ASSERT_EQ(got.size(), 2u) << names(types_of(got));
  EXPECT_EQ(got[0].type, T::causes);
  EXPECT_EQ(got[1].type, T::overview);
  EXPECT_TRUE(got[1].general);
  const auto lupus =
      detector_.detect(analyzer_.terms("information on it and what are the treatments for it"));
  ASSERT_FALSE(lupus.empty());
  EXPECT_EQ(lupus[0].type, T::treatment) << names(types_of(lupus));
}

TEST_F(IntentWords, HelpAskedForBesideInformationIsAGeneralRequest) {
  // "Where can I get information and help for X" asks for information and
  // support in general (an overview), not how X is treated.
  for (const char* q : {"where can i get information and help for it",
                        "where can i find help and information on it",
                        "where can i find information and support for it"}) {
    const auto got = detector_.detect(analyzer_.terms(q));
    ASSERT_EQ(got.size(), 1u) << q;
    EXPECT_EQ(got[0].type, T::overview) << q;
    EXPECT_TRUE(got[0].general) << q;
  }
  // Help on its own still asks what helps.
  const auto helps = detector_.detect(analyzer_.terms("what can help it"));
  ASSERT_FALSE(helps.empty());
  EXPECT_EQ(helps[0].type, T::treatment);
}

TEST_F(IntentMessages, ASentenceThatOnlyOpensLikeAQuestionYieldsToOneThatAsks) {
  // "When I rest ..." opens with a question word but tells; the question
  // mark asks.
  const auto r = engine_->ask(
      "I have zorblat disease. When I rest the itching goes away and the symptoms improve. "
      "Will my children inherit it?");
  EXPECT_EQ(intents(r), std::vector<T>{T::genetics}) << names(intents(r));
  EXPECT_EQ(first_type(r), T::genetics);
}

TEST_F(IntentMessages, InformationIncludingAKindAnswersThatKindFirst) {
  const auto summary =
      engine_->ask("Where can I find information on zorblat disease, including treatment?");
  const auto message = engine_->ask(
      "Zorblat disease. I am looking for recent information and treatment for zorblat "
      "disease.");
  EXPECT_EQ(first_type(summary), T::treatment) << names(intents(summary));
  EXPECT_EQ(first_type(message), T::treatment) << names(intents(message));
  // The overview is still offered in the ranked list.
  bool overview = false;
  for (const auto& a : summary.answers) overview = overview || a.type == T::overview;
  EXPECT_TRUE(overview);
}

// "Can it be cured?" is answered where the knowledge base says whether it
// can: most conditions' treatment sections do ("there is no cure"), some an
// outlook section does ("can usually be cured"). The detector asks for
// treatment and offers outlook; the engine reads which answer uses the words.
TEST_F(IntentWords, WhetherItCanBeCuredAsksForTreatmentOrElseOutlook) {
  for (const char* q : {"can it be cured", "is it curable"}) {
    const auto got = detector_.detect(analyzer_.terms(q));
    ASSERT_EQ(got.size(), 1u) << q << " " << names(types_of(got));
    EXPECT_EQ(got[0].type, T::treatment) << q;
    EXPECT_EQ(got[0].alternative, T::outlook) << q;
    EXPECT_NE(got[0].evidence.find("cure"), std::string::npos) << q;
  }
  // Asked beside the treatment by name, it is the treatment that is asked.
  const auto both =
      detector_.detect(analyzer_.terms("what are the treatments and can it be cured"));
  ASSERT_EQ(both.size(), 1u) << names(types_of(both));
  EXPECT_EQ(both[0].type, T::treatment);
  EXPECT_EQ(both[0].alternative, T::other);
}

TEST(IntentCure, TheAnswerThatSaysWhetherItCanBeCuredComesFirst) {
  std::vector<Article> a;
  a.push_back(document("MPlusHealthTopics", "1", "Quibble disease",
                       {{T::overview, "Quibble disease is a made-up test condition."},
                        {T::treatment, "There is no cure for quibble disease. Pretend rest helps."},
                        {T::outlook, "Quibble disease lasts for life in made-up people."}}));
  a.push_back(document("MPlusHealthTopics", "2", "Frindle tumour",
                       {{T::overview, "Frindle tumour is a made-up test condition."},
                        {T::treatment, "Frindle tumour is removed by pretend surgery."},
                        {T::outlook, "Frindle tumour can usually be cured, in pretend."}}));
  a.push_back(document("MPlusHealthTopics", "3", "Wuggle rash",
                       {{T::overview, "Wuggle rash is a made-up test condition."},
                        {T::treatment, "Wuggle rash fades with pretend cream."},
                        {T::outlook, "Wuggle rash comes back in made-up winters."}}));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto quibble = engine.ask("Can quibble disease be cured?");
  ASSERT_FALSE(quibble.answers.empty());
  EXPECT_EQ(quibble.answers.front().type, T::treatment);
  const auto frindle = engine.ask("Can frindle tumour be cured?");
  ASSERT_FALSE(frindle.answers.empty());
  EXPECT_EQ(frindle.answers.front().type, T::outlook);
  // Neither answer uses the words: the treatment, as asked.
  const auto unsaid = engine.ask("Is wuggle rash curable?");
  ASSERT_FALSE(unsaid.answers.empty());
  EXPECT_EQ(unsaid.answers.front().type, T::treatment);
}

TEST_F(IntentWords, ToCarryAGeneOrATranslocationAsksTheGenetics) {
  for (const std::string q : {"is it possible both brothers may carry a translocation",
                              "the male does not carry it", "it is carried by the mother"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::genetics}) << names(types(q));
  }
  // Carrying a pregnancy is not the carrier's verb.
  EXPECT_EQ(types("she could carry the baby to term"), std::vector<T>{})
      << names(types("she could carry the baby to term"));
}

TEST_F(IntentWords, TheLatestDevelopmentsAskTheResearch) {
  EXPECT_EQ(types("are there any new developments"), std::vector<T>{T::research})
      << names(types("are there any new developments"));
  const auto latest = types("want to know the latest development in its treatment");
  ASSERT_FALSE(latest.empty());
  EXPECT_EQ(latest.front(), T::research) << names(latest);
}

TEST_F(IntentWords, HowSuccessfulATreatmentIsAsksTheTreatment) {
  for (const std::string q : {"if so, how successful was this", "what is the success rate"}) {
    SCOPED_TRACE(q);
    const auto got = types(q);
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(got.front(), T::treatment) << names(got);
  }
}

TEST_F(IntentWords, ReplacementsOrAlternativesAskTheTreatmentUnlessAnotherKindIsNamed) {
  for (const std::string q :
       {"are there any more tolerable replacements?", "looking for any alternatives"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::treatment}) << names(types(q));
  }
  const auto tests = types("what non-invasive alternatives are there in diagnosing it");
  EXPECT_EQ(tests, std::vector<T>{T::exams_and_tests}) << names(tests);
}

TEST_F(IntentWords, WhetherOneCouldUseSomethingAsksTheTreatment) {
  for (const std::string q :
       {"i want to know if she could use this drug to kill it",
        "is there another cream i could use?", "can i use this one instead"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::treatment}) << names(types(q));
  }
  // Literature the answerer feels useful is the answer, not a treatment
  // (something to read asks what the condition is).
  EXPECT_EQ(types("please send me any literature you feel i could use"),
            std::vector<T>{T::overview})
      << names(types("please send me any literature you feel i could use"));
}

TEST_F(IntentWords, WhetherSomethingCanBePrescribedForItAsksTheTreatment) {
  for (const std::string q :
       {"can zorplex be prescribed for my son who has it?", "should it be prescribed for him"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::treatment}) << names(types(q));
  }
  // Having been prescribed something is the story.
  EXPECT_TRUE(types("i was prescribed zorplex last year").empty())
      << names(types("i was prescribed zorplex last year"));
}

TEST_F(IntentWords, WhetherTheNextChildWillHaveItAsksTheGenetics) {
  for (const std::string q :
       {"can we plan another baby", "can she have normal children or not",
        "could this affect future offspring", "what is the % that the 2nd baby would have it"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::genetics}) << names(types(q));
  }
}

TEST_F(IntentWords, TabletsCapsulesCreamsAndOintmentsAskTheTreatmentAsPillsDo) {
  for (const std::string q : {"i heard about a tablet named zorbex, will it be suited for me",
                              "are there any skin creams that have positive effects on it",
                              "should i take the capsules", "is there an ointment for it"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::treatment}) << names(types(q));
  }
}

TEST_F(IntentWords, AskingToBeToldWhySomethingIsSoAsksTheCause) {
  for (const std::string q :
       {"could you please tell me why the body would be severely weak",
        "i would like to know why my hands shake", "can you explain why it keeps coming back",
        "i am wondering why the pain is worse at night"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::causes}) << names(types(q));
  }
}

TEST_F(IntentWords, SomethingToReadAboutAConditionAsksWhatItIs) {
  for (const std::string q :
       {"i'm looking for books about it. can you suggest any that i might purchase",
        "is there a book that i can get to understand this disease",
        "please send me any pamphlets or brochures you have",
        "do you have any literature or leaflets for patients"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::overview}) << names(types(q));
  }
  // A book the asker writes asks nothing.
  EXPECT_EQ(types("i am writing a book about a girl with it, what is the treatment"),
            std::vector<T>{T::treatment});
}

TEST_F(IntentWords, BeingBornWithAConditionIsTheStoryNotItsCause) {
  for (const std::string q : {"i was born with it and have had many problems since",
                              "my twins were born with it, any information please",
                              "she wasn't born with it, she got it at five"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{}) << names(types(q));
  }
  // Asking why someone is born with it still asks the cause.
  EXPECT_EQ(types("how come babies get born with it"), std::vector<T>{T::causes});
}

TEST_F(IntentWords, WhatWasDetectedIsTheStoryNotAQuestionAboutTests) {
  for (const std::string q :
       {"the bacteria has been detected in the water tank of my building",
        "my brother was detected with it at the age of 24",
        "she is detected with it, we are worried", "polyps were detected last year"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{}) << names(types(q));
  }
  // How it is detected, or whether it can be, still asks the tests.
  for (const std::string q : {"how is it detected", "can it be detected with a blood test"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::exams_and_tests}) << names(types(q));
  }
}

TEST_F(IntentWords, WhatCanCreateSomethingAsksWhatCausesIt) {
  // "Create" is a verb of causing, as "lead to" and "result in" are: "can
  // that create blood in urine?" asks the causes of what follows.
  for (const std::string q :
       {"can that possibly create blood in urine?", "can stress create this problem"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(types(q), std::vector<T>{T::causes}) << names(types(q));
  }
  // Words that only begin alike are other words.
  EXPECT_EQ(types("are left-handed people more creative?"), std::vector<T>{});
}

}  // namespace
}  // namespace symptomdb
