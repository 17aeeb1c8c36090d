// The focus of a message read from its structure: which sentence asks, the
// subject line when no sentence asks in so many words, and a short name in
// the question ("this pain") that the message gives in full elsewhere
// ("Shoulder pain" in the subject line).
#include <gtest/gtest.h>

#include <algorithm>

#include "ingest/collect.hpp"
#include "profile_fixture.hpp"
#include "qa/engine.hpp"
#include "qa/message.hpp"
#include "support/temp_dir.hpp"
#include "text/analyzer.hpp"

namespace symptomdb {
namespace {

qa::SentenceRole role_of(std::string_view sentence_start, const std::string& q,
                         const std::vector<qa::Sentence>& sentences) {
  const auto at = q.find(sentence_start);
  for (const auto& s : sentences)
    if (s.begin == at) return s.role;
  ADD_FAILURE() << "no sentence starts with: " << sentence_start;
  return qa::SentenceRole::formality;
}

TEST(MessageStructure, IsThereAsksOnlyWhenSomethingFollowsIt) {
  text::Analyzer an;
  const std::string q =
      "Nystagmus. For me from birth the shaking is there & nobody in the family has it. "
      "Phantom feelings are there. The itch is there every morning. Is there a cure for it. "
      "I just want to ask if it can spread";
  const auto s = qa::read_message(q, an.terms(q));
  // Telling that something is present is not asking whether it is.
  EXPECT_EQ(role_of("For me", q, s), qa::SentenceRole::context);
  EXPECT_EQ(role_of("Phantom", q, s), qa::SentenceRole::context);
  EXPECT_EQ(role_of("The itch", q, s), qa::SentenceRole::context);
  // Asking whether it is, with or without a question mark, asks.
  EXPECT_EQ(role_of("Is there", q, s), qa::SentenceRole::ask);
  EXPECT_EQ(role_of("I just want to ask", q, s), qa::SentenceRole::ask);
}

// Matches as FocusDictionary::read gives them, for read_short_names_in_full.
qa::FocusMatch match(std::size_t condition, std::size_t begin, std::size_t end, double score,
                     bool asked) {
  qa::FocusMatch m;
  m.condition = condition;
  m.begin = begin;
  m.end = end;
  m.score = score;
  m.asked = asked;
  return m;
}

std::size_t token(const std::vector<text::Term>& terms, std::string_view surface,
                  std::size_t from = 0) {
  for (std::size_t k = from; k < terms.size(); ++k)
    if (terms[k].surface == surface) return k;
  ADD_FAILURE() << "no word " << surface;
  return 0;
}

TEST(MessageStructure, AShortNameAskedAboutIsReadAsTheFullerNameTheMessageGives) {
  text::Analyzer an;
  const std::string q =
      "Right shoulder pain. My sister cannot lift a spoon and takes pain killers. What helps "
      "this pain?";
  const auto terms = an.terms(q);
  const auto sentences = qa::read_message(q, terms);
  std::vector<double> weight(terms.size(), 0);
  for (const auto& s : sentences)
    for (std::size_t k = s.first; k < s.last; ++k) weight[k] = qa::role_weight(s.role);
  enum : std::size_t { kPain, kShoulderPain, kPainKillers };
  const std::size_t shoulder = token(terms, "shoulder"), killers = token(terms, "killers");
  const std::size_t asked_pain = token(terms, "pain", killers);
  std::vector<qa::FocusMatch> m = {
      match(kPain, asked_pain, asked_pain + 1, 0.58, true),
      match(kShoulderPain, shoulder, shoulder + 2, 0.47, true),
      match(kPainKillers, killers - 1, killers + 1, 0.30, false),
  };
  const auto all_answered = [](std::size_t) { return true; };
  qa::read_short_names_in_full(m, terms, weight, all_answered);
  // "this pain" is the shoulder pain of the subject line: at least as strong
  // as the short name where it is asked, so it comes first.
  EXPECT_GT(m[kShoulderPain].score, m[kPain].score);
  EXPECT_TRUE(m[kShoulderPain].asked);
  // "pain killers" has "pain" in it but is another thing (not the same head).
  EXPECT_DOUBLE_EQ(m[kPainKillers].score, 0.30);
  EXPECT_FALSE(m[kPainKillers].asked);
  // The short name keeps its own reading: it stays a candidate.
  EXPECT_DOUBLE_EQ(m[kPain].score, 0.58);

  // A fuller name with no answer behind it does not displace a short one
  // that has answers.
  std::vector<qa::FocusMatch> n = {
      match(kPain, asked_pain, asked_pain + 1, 0.58, true),
      match(kShoulderPain, shoulder, shoulder + 2, 0.47, true),
  };
  qa::read_short_names_in_full(n, terms, weight, [](std::size_t c) { return c != kShoulderPain; });
  EXPECT_DOUBLE_EQ(n[1].score, 0.47);
}

TEST(MessageStructure, AFullerNameInTheStoryIsAskedWhenTheQuestionUsesItsShortForm) {
  text::Analyzer an;
  const std::string q =
      "Hello. My daughter has microcytic anemia since three years. What can we do about the "
      "anemia?";
  const auto terms = an.terms(q);
  const auto sentences = qa::read_message(q, terms);
  std::vector<double> weight(terms.size(), 0);
  for (const auto& s : sentences)
    for (std::size_t k = s.first; k < s.last; ++k) weight[k] = qa::role_weight(s.role);
  const std::size_t micro = token(terms, "microcytic");
  const std::size_t anemia = token(terms, "anemia", micro + 2);
  std::vector<qa::FocusMatch> m = {match(0, anemia, anemia + 1, 0.71, true),
                                   match(1, micro, micro + 2, 0.60, false)};
  qa::read_short_names_in_full(m, terms, weight, {});
  // Read where the question is asked: asked, and scored as named there.
  EXPECT_TRUE(m[1].asked);
  EXPECT_GT(m[1].score, m[0].score);
}

TEST(MessageStructure, AConditionNamedAsTheTopicAskedAboutComesFirst) {
  text::Analyzer an;
  const std::string q =
      "I want to ask a question about botox. I want to know if it helps someone who had a "
      "cerebral hemorrhage?";
  const auto terms = an.terms(q);
  enum : std::size_t { kStroke, kBotox, kHeadache };
  const std::size_t botox = token(terms, "botox"), cerebral = token(terms, "cerebral");
  std::vector<qa::FocusMatch> m = {match(kStroke, cerebral, cerebral + 2, 1.58, true),
                                   match(kBotox, botox, botox + 1, 1.21, true)};
  EXPECT_TRUE(qa::named_as_topic(m[1], m, terms));
  EXPECT_FALSE(qa::named_as_topic(m[0], m, terms));
  qa::prefer_named_topics(m, terms);
  ASSERT_EQ(m.size(), 2U);
  EXPECT_EQ(m[0].condition, kBotox);
  EXPECT_EQ(m[1].condition, kStroke);
  // "information about the MMR vaccine": one pointing word may come between.
  const std::string q2 = "Thank you for the information about the MMR vaccine.";
  const auto t2 = an.terms(q2);
  const std::size_t mmr = token(t2, "mmr");
  EXPECT_TRUE(qa::named_as_topic(match(0, mmr, mmr + 2, 1.0, true), {}, t2));
  // Only a question about it names the topic: what one talks or reads about
  // is not asked ("I read about botox"), nor is a reading of the story raised
  // above one of a sentence that asks.
  const std::string q3 = "I read about botox. Does a cerebral hemorrhage heal?";
  const auto t3 = an.terms(q3);
  const std::size_t b3 = token(t3, "botox");
  EXPECT_FALSE(qa::named_as_topic(match(kBotox, b3, b3 + 1, 1.0, true), {}, t3));
  // The whole of what follows "about" is the topic, not a word that goes on
  // into another name, nor the first of two named together.
  const std::string q4 =
      "I have questions about esophageal candidiasis and about asthma and eczema.";
  const auto t4 = an.terms(q4);
  const std::size_t eso = token(t4, "esophageal"), asthma = token(t4, "asthma");
  const std::vector<qa::FocusMatch> m4 = {match(0, eso, eso + 1, 0.6, true),
                                          match(1, eso + 1, eso + 2, 0.9, true),
                                          match(2, asthma, asthma + 1, 0.9, true)};
  EXPECT_FALSE(qa::named_as_topic(m4[0], m4, t4));
  EXPECT_FALSE(qa::named_as_topic(m4[2], m4, t4));
  std::vector<qa::FocusMatch> story = {match(kStroke, cerebral, cerebral + 2, 1.58, true),
                                       match(kHeadache, 0, 1, 0.9, false),
                                       match(kBotox, botox, botox + 1, 1.21, false)};
  qa::prefer_named_topics(story, terms);
  EXPECT_EQ(story[0].condition, kStroke);
}

TEST(MessageStructure, AConditionNamedAsAGuessedCauseComesAfterWhatThisPointsTo) {
  text::Analyzer an;
  enum : std::size_t { kBreath, kAnxiety, kHeart };
  // "Could this be anxiety attacks?": the subject's finding is what is
  // asked about, the guess a candidate, however strongly it is read.
  const std::string q =
      "Shortness of breath in the mornings. My wife has shortness of breath in the mornings. "
      "Could this be anxiety attacks?";
  const auto terms = an.terms(q);
  const std::size_t sob = token(terms, "shortness"), anxiety = token(terms, "anxiety");
  EXPECT_TRUE(
      qa::named_as_a_guessed_cause(match(kAnxiety, anxiety, anxiety + 1, 1.0, true), terms));
  std::vector<qa::FocusMatch> m = {match(kAnxiety, anxiety, anxiety + 1, 0.88, true),
                                   match(kBreath, sob, sob + 3, 0.72, true)};
  qa::put_guessed_causes_after(m, terms);
  ASSERT_EQ(m.size(), 2U);
  EXPECT_EQ(m[0].condition, kBreath);
  EXPECT_EQ(m[1].condition, kAnxiety);
  // "Is this due to ...", "is it from my ...": the other guesses.
  for (const std::string g :
       {"Leg pain. Is this due to diabetes or exercise?", "Leg pain. Is it from my diabetes?",
        "Leg pain. Could it be a sign of diabetes?"}) {
    const auto t = an.terms(g);
    const std::size_t d = token(t, "diabetes");
    EXPECT_TRUE(qa::named_as_a_guessed_cause(match(0, d, d + 1, 1.0, true), t)) << g;
  }
  // Not a condition asked about in its own right, nor one "that" opens.
  for (const std::string g : {"Is diabetes inherited?", "What causes diabetes?",
                              "The answer is that diabetes runs in families."}) {
    const auto t = an.terms(g);
    const std::size_t d = token(t, "diabetes");
    EXPECT_FALSE(qa::named_as_a_guessed_cause(match(0, d, d + 1, 1.0, true), t)) << g;
  }
  // Nothing named before the guess, or only in the story when the guess is
  // asked: the guess stays first.
  const std::string q2 = "Could this be anxiety? My wife has shortness of breath.";
  const auto t2 = an.terms(q2);
  const std::size_t a2 = token(t2, "anxiety"), s2 = token(t2, "shortness");
  std::vector<qa::FocusMatch> m2 = {match(kAnxiety, a2, a2 + 1, 0.88, true),
                                    match(kBreath, s2, s2 + 3, 0.72, true)};
  qa::put_guessed_causes_after(m2, t2);
  EXPECT_EQ(m2[0].condition, kAnxiety);
  std::vector<qa::FocusMatch> m3 = {match(kAnxiety, anxiety, anxiety + 1, 0.88, true),
                                    match(kHeart, sob, sob + 3, 0.72, false)};
  qa::put_guessed_causes_after(m3, terms);
  EXPECT_EQ(m3[0].condition, kAnxiety);
}

TEST(MessageStructure, AnAdjectiveThatSaysWhoIsAskedAboutComesAfterWhatIsAsked) {
  text::Analyzer an;
  enum : std::size_t { kZorplex, kQuimbosis, kOther };
  // "zorplex in quimbotic women": the adjective says who takes it.
  const std::string q = "What are the side effects of zorplex in quimbotic women?";
  const auto terms = an.terms(q);
  const std::size_t z = token(terms, "zorplex"), w = token(terms, "quimbotic");
  EXPECT_TRUE(qa::describes_the_people_asked_about(match(kQuimbosis, w, w + 1, 1.0, true), terms));
  std::vector<qa::FocusMatch> m = {match(kQuimbosis, w, w + 1, 0.96, true),
                                   match(kZorplex, z, z + 1, 0.70, true)};
  qa::put_descriptions_of_people_after(m, terms);
  ASSERT_EQ(m.size(), 2U);
  EXPECT_EQ(m[0].condition, kZorplex);
  EXPECT_EQ(m[1].condition, kQuimbosis);
  // Alone, it is still the focus.
  std::vector<qa::FocusMatch> alone = {match(kQuimbosis, w, w + 1, 0.96, true)};
  qa::put_descriptions_of_people_after(alone, terms);
  EXPECT_EQ(alone[0].condition, kQuimbosis);
  // Not a noun ("quimbosis patients" are people with it), nor an adjective
  // before another word.
  for (const std::string g :
       {"Can quimbosis patients take zorplex?", "Is quimbotic pain treated with zorplex?"}) {
    const auto t = an.terms(g);
    const std::size_t k = t[1].surface.starts_with("quimbo") ? 1 : token(t, "quimbotic");
    EXPECT_FALSE(qa::describes_the_people_asked_about(match(kOther, k, k + 1, 1.0, true), t)) << g;
  }
}

TEST(MessageStructure, AnUnknownConditionAskedAboutLeavesTheStoryUnanswered) {
  text::Analyzer an;
  enum : std::size_t { kStory };
  // The words no vocabulary holds (the engine's test), read as in a
  // message with its subject line.
  auto asks = [&](const std::string& subject, const std::string& message,
                  const std::string& story_word) {
    const std::string q = subject + ". " + message;
    const auto terms = an.terms(q);
    const auto sentences = qa::read_message(q, terms, subject.size());
    std::vector<qa::SentenceRole> role(terms.size(), qa::SentenceRole::ask);
    for (const auto& s : sentences)
      for (std::size_t k = s.first; k < s.last; ++k) role[k] = s.role;
    const std::size_t w = token(terms, story_word);
    const bool asked = role[w] == qa::SentenceRole::ask || role[w] == qa::SentenceRole::subject;
    const std::vector<qa::FocusMatch> m = {match(kStory, w, w + 1, 0.4, asked)};
    return qa::asks_about_an_unknown_condition(terms, role, m, [&](std::size_t k) {
      return terms[k].surface == "zorplex" || terms[k].surface == "quimbolia";
    });
  };
  // Named as a condition by the head noun after it, in the subject line or
  // where the asker asks; the condition read is only of the story.
  EXPECT_TRUE(asks("Quimbolia deficiency",
                   "My sister was diagnosed today after years of migraine. Which test should "
                   "she ask for?",
                   "migraine"));
  EXPECT_TRUE(asks("Testing for the zorplex gene",
                   "My father had migraine all his life. Where can I be tested?", "migraine"));
  EXPECT_TRUE(asks("A question",
                   "My son has had migraine for years. What is quimbolia syndrome, and is it "
                   "treated?",
                   "migraine"));
  // An unknown word with no head after it may be a misspelt condition.
  EXPECT_FALSE(asks("Quimbolia", "My son has had migraine for years. Is it serious?", "migraine"));
  // Named only in the story, the question about something else.
  EXPECT_FALSE(asks("A question",
                    "My son has quimbolia syndrome and migraine. What can he take for the "
                    "migraine?",
                    "migraine"));
  // A condition read where the asker asks: that is the focus.
  EXPECT_FALSE(
      asks("Quimbolia syndrome and migraine", "Are the two linked? Thank you.", "migraine"));
}

TEST(MessageStructure, AnUnknownProductAskedAboutLeavesTheStoryUnanswered) {
  text::Analyzer an;
  enum : std::size_t { kStory };
  // The words no vocabulary holds (the engine's test: not a name, not a
  // word of the corpus, not English, not corrected).
  auto asks = [&](const std::string& q, const std::string& story_word) {
    const auto terms = an.terms(q);
    const auto sentences = qa::read_message(q, terms);
    std::vector<qa::SentenceRole> role(terms.size(), qa::SentenceRole::ask);
    for (const auto& s : sentences)
      for (std::size_t k = s.first; k < s.last; ++k) role[k] = s.role;
    const std::size_t w = token(terms, story_word);
    const bool asked = role[w] == qa::SentenceRole::ask;
    const std::vector<qa::FocusMatch> m = {match(kStory, w, w + 1, 0.4, asked)};
    return qa::asks_about_an_unknown_product(terms, role, m, [&](std::size_t k) {
      return terms[k].surface == "zorplex" || terms[k].surface == "quimbolia";
    });
  };
  // Prescribed, dosed, a form: a product, asked about where the asker asks,
  // and the condition is only of the story.
  EXPECT_TRUE(asks("Zorplex. My son has migraine and is 18. Can zorplex be prescribed for him?",
                   "migraine"));
  EXPECT_TRUE(
      asks("I have migraine and I am very sensitive. Does 20mg generic zorplex contain "
           "gluten?",
           "migraine"));
  EXPECT_TRUE(
      asks("I have migraine all the time. I am wondering if the zorplex tabs contain "
           "sugar.",
           "migraine"));
  // An unknown word with nothing around it that makes it a product may be
  // a condition misspelt or one the knowledge base does not hold.
  EXPECT_FALSE(asks("My mother has migraine since last year. Is quimbolia serious?", "migraine"));
  // The product only in the story, the question about something else.
  EXPECT_FALSE(
      asks("My mother has had migraine since last year, and I take zorplex 20mg every "
           "day. What can she do?",
           "migraine"));
  // A condition read where the asker asks: that is the focus.
  EXPECT_FALSE(asks("My son is 18. Can zorplex be prescribed for his migraine?", "migraine"));
  // "Side effects" read as a topic where the question asks what the
  // product does is no focus either; another reading where it asks is.
  {
    const std::string q = "What are the side effects of zorplex?";
    const auto terms = an.terms(q);
    const std::vector<qa::SentenceRole> role(terms.size(), qa::SentenceRole::ask);
    const std::size_t side = token(terms, "side");
    auto unknown = [&](std::size_t k) { return terms[k].surface == "zorplex"; };
    EXPECT_TRUE(qa::asks_about_an_unknown_product(
        terms, role, {match(kStory, side, side + 2, 0.28, true)}, unknown));
    const std::string q2 = "What are the side effects of zorplex for migraine?";
    const auto t2 = an.terms(q2);
    const std::vector<qa::SentenceRole> r2(t2.size(), qa::SentenceRole::ask);
    const std::size_t s2 = token(t2, "side"), m2 = token(t2, "migraine");
    auto unknown2 = [&](std::size_t k) { return t2[k].surface == "zorplex"; };
    EXPECT_FALSE(qa::asks_about_an_unknown_product(
        t2, r2, {match(kStory, s2, s2 + 2, 0.28, true), match(kStory + 1, m2, m2 + 1, 0.7, true)},
        unknown2));
  }
}

TEST(MessageStructure, AGuessedCauseDoesNotTakeTheFocusForHoldingTheKindAsked) {
  // Zorb pain holds no causes, Quellin fever does: "What causes it? Could
  // this be quellin fever?" still asks about the zorb pain the subject
  // names, not about the guess, which does not take the focus for holding
  // the causes asked.
  std::vector<Article> a;
  a.push_back(
      testing::condition_entry("zorb-pain", "Zorb pain", "Fixture symptoms.", "MPlusHealthTopics"));
  Article q = testing::condition_entry("quellin-fever", "Quellin fever", "Fixture symptoms.",
                                       "MPlusHealthTopics");
  Section causes;
  causes.type = SectionType::causes;
  causes.intro = "The fixture's causes of quellin fever are unknown.";
  q.sections.push_back(causes);
  a.push_back(std::move(q));
  qa::Engine engine(std::make_shared<const Snapshot>(std::move(a)));
  const auto& conditions = engine.snapshot().conditions();
  const auto r =
      engine.ask("Zorb pain", "What causes it? Could this be quellin fever? My zorb hurts.", 5);
  ASSERT_GE(r.focus.size(), 2U);
  EXPECT_EQ(conditions[r.focus.front().condition].name, "Zorb pain");
}

// A knowledge base of four conditions, written as Markdown articles.
class StructureOfAMessage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    auto article = [](const std::string& slug, const std::string& condition,
                      const std::string& text) {
      return "---\ntitle: \"About " + condition + "\"\ncondition: " + condition +
             "\nslug: " + slug +
             "\nauthor: symptomdb test fixture\naffiliation: \"Test fixture text, not medical "
             "advice\"\nlicense: CC0 test fixture\n---\nFixture text, not medical advice. " +
             text + "\n\n## Treatment\n\nThe fixture's treatment of " + condition +
             " is rest.\n\n## Causes\n\nThe fixture's causes of " + condition + " are unknown.\n";
    };
    dir_->write("anemia.md", article("anemia", "Anemia", "Anemia is too few red blood cells."));
    dir_->write("microcytic-anemia.md",
                article("microcytic-anemia", "Microcytic anemia",
                        "Microcytic anemia is anemia with small red blood cells."));
    dir_->write("glaucoma.md",
                article("glaucoma", "Glaucoma", "Glaucoma is raised pressure in the eye."));
    dir_->write("eczema.md",
                article("eczema", "Eczema", "Eczema is dry, itchy and inflamed skin."));
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

TEST_F(StructureOfAMessage, TheQuestionsShortNameIsTheFullerOneTheStoryGives) {
  // The story names the condition in full; the question says only "the
  // anemia", which on its own names the general condition.
  const auto r = engine_->ask(
      "Hello. My daughter has had microcytic anemia for three years and is always tired. What "
      "can we do about the anemia?");
  EXPECT_EQ(focus_name(r), "Microcytic anemia");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_TRUE(r.focus[0].asked);
  // Asked about on its own, the general condition is the focus.
  EXPECT_EQ(focus_name(engine_->ask("Hello. My daughter is always tired. What can we do about "
                                    "the anemia?")),
            "Anemia");
}

TEST_F(StructureOfAMessage, WithNoSentenceThatAsksTheSubjectLineNamesTheTopic) {
  // No sentence asks in so many words; the last one tells of another
  // condition. The subject line names what the message is about.
  const auto r = engine_->ask(
      "Glaucoma. My mother was told about it last year. She also has eczema on her arms and "
      "her eczema itches at night.");
  EXPECT_EQ(focus_name(r), "Glaucoma");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_TRUE(r.focus[0].asked);
}

}  // namespace
}  // namespace symptomdb
