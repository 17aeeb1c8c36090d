// The query-time ranking rules of condition profiles (checker/profile_rank):
// small made-up knowledge bases, each built so that one rule decides.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "checker/conditions.hpp"
#include "checker/description.hpp"
#include "profile_fixture.hpp"

namespace symptomdb::checker {
namespace {

Article article(std::string slug, std::string name, std::string collection, std::string symptoms) {
  return testing::condition_entry(std::move(slug), std::move(name),
                                  testing::with_filler(std::move(symptoms)), std::move(collection));
}

// `n` general health topics that share their words ("tiredness", "aches")
// and nothing else: the background against which a word is rare or common.
std::vector<Article> general_topics(int n) {
  std::vector<Article> a;
  for (int i = 0; i < n; ++i)
    a.push_back(article("g" + std::to_string(i), "General topic " + std::to_string(i),
                        "MPlusHealthTopics",
                        "Tiredness and aches in topic number " + std::to_string(i) + "."));
  return a;
}

// As the server and the bench build it: the first sentence is the complaint.
ProfileQuery query(std::string_view text) {
  ProfileQuery q;
  const auto d = read_description(text);
  for (const auto& f : d.findings) {
    ProfileFinding pf{f.text, {}};
    pf.chief = f.sentence == 0;
    (f.negated ? q.absent : q.present).push_back(std::move(pf));
  }
  q.age_years = d.age_years;
  q.female = d.female;
  q.limit = 20;
  return q;
}

TEST(ProfileRank, FindingsKnowWhichSentenceTheyCameFrom) {
  const auto d = read_description(" . No fever, no cough. A rash; itching");
  ASSERT_EQ(d.findings.size(), 4u);
  EXPECT_EQ(d.findings[0].text, "fever");
  EXPECT_EQ(d.findings[0].sentence, 0u);  // the empty sentence before does not count
  EXPECT_EQ(d.findings[1].text, "cough");
  EXPECT_EQ(d.findings[1].sentence, 0u);
  EXPECT_EQ(d.findings[2].sentence, 1u);
  EXPECT_EQ(d.findings[3].text, "itching");
  EXPECT_EQ(d.findings[3].sentence, 2u);
}

// ProfileFinding::words: the person's phrase in the texts' words is what is
// matched; "runs" as written meets a text where a disease runs in families.
TEST(ProfileRank, ThePersonsWordsAreMatchedAsTheTextsWriteThem) {
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Aaa disease runs in families and causes joint pain."));
  a.push_back(
      article("b", "Bbb disease", "MPlusHealthTopics", "Bbb disease causes diarrhea and cramps."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  ProfileQuery q;
  q.present.push_back(ProfileFinding{"i have the runs", {}});
  EXPECT_EQ(testing::rank_of(model, q, "Aaa disease"), 1u);
  q.present[0].words = "i have diarrhea";
  EXPECT_EQ(testing::rank_of(model, q, "Bbb disease"), 1u);
  EXPECT_EQ(q.present[0].text, "i have the runs");  // what the person wrote stays
}

// A description names a condition when a run of its words is a profile's
// name as people write it (plural, word order and stop words aside); one
// that names none, and whose findings are read as no term, tells the server
// nothing to rank on ("I feel like crap": web/check_description.cpp).
TEST(ProfileRank, ADescriptionNamesAConditionByARunOfItsWords) {
  std::vector<Article> a;
  a.push_back(article("a", "Burns", "MPlusHealthTopics", "A burn hurts and the skin is red."));
  a.push_back(article("b", "Common Cold", "MPlusHealthTopics",
                      "A cold causes a runny nose and you may feel like sneezing."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  EXPECT_TRUE(model.names_condition("I burned my hand on the stove"));
  EXPECT_TRUE(model.names_condition("i think it is a cold, a common one"));
  EXPECT_TRUE(model.names_condition("the common cold again"));
  // Words the texts use, but no condition's name.
  EXPECT_FALSE(model.names_condition("I feel like crap"));
  EXPECT_FALSE(model.names_condition("my skin is red"));
  EXPECT_FALSE(model.names_condition(""));
}

// A finding no term was read in that names a condition ("I burned my hand":
// Burns) says what happened: that condition is raised (said_prior) above one
// whose text merely shares more of the story's words, and the answer says why.
TEST(ProfileRank, AConditionTheUnreadFindingNamesIsRaisedAndExplained) {
  std::vector<Article> a;
  a.push_back(article("a", "Burns", "MPlusHealthTopics", "A burn damages the skin and hurts."));
  a.push_back(article("b", "Frostbite", "MPlusHealthTopics",
                      "Frozen hands hurt. Do not warm frozen hands on a stove, as they are easily "
                      "burned."));
  a.push_back(article("c", "Cccc disease", "MPlusHealthTopics", "Cccc disease causes a cough."));
  const Snapshot snap(std::move(a));
  auto model = testing::without_about(ConditionModel::build(snap));
  const auto q = query("I burned my hand on the stove");
  EXPECT_EQ(testing::rank_of(model, q, "Burns"), 1u);
  const auto ranked = model.rank(q);
  ASSERT_FALSE(ranked.empty());
  double sum = ranked[0].prior;
  bool said = false;
  for (const auto& e : ranked[0].evidence) {
    sum += e.contribution;
    said = said || (e.overall && e.finding == "you name this condition");
  }
  EXPECT_TRUE(said);
  EXPECT_NEAR(sum, ranked[0].score, 0.01);
  // Off, the text that shares more of the words ranks first.
  auto p = model.parameters();
  p.said_prior = 0;
  model.set_query_parameters(p);
  EXPECT_EQ(testing::rank_of(model, q, "Frostbite"), 1u);
}

// A word that only says how bad a finding is (read as its severity) is no
// word of the finding to match: a text that calls its headache "mild" does
// not fit "a mild headache" better than one that says headache more.
TEST(ProfileRank, AWordOfDegreeIsNotMatchedAgainstTheTexts) {
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Aaa disease causes a mild fever, mild aches and a headache."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "Bbb disease causes a headache. The headache comes in bouts."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  EXPECT_EQ(testing::rank_of(model, query("I have a mild headache"), "Bbb disease"), 1u);
  EXPECT_EQ(testing::rank_of(model, query("I have a severe headache"), "Bbb disease"), 1u);
  // Words that are not of degree still count.
  EXPECT_EQ(testing::rank_of(model, query("I have aches and a headache"), "Aaa disease"), 1u);
}

// How often ("every day") is not what the finding is: a text that says
// "every day" of its care does not fit "headaches every day" for it.
TEST(ProfileRank, HowOftenIsNotMatchedAgainstTheTexts) {
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Aaa disease causes a headache. Check your feet every day, every day."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "Bbb disease causes a headache. The headache comes in bouts."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  EXPECT_EQ(testing::rank_of(model, query("I have headaches every day"), "Bbb disease"), 1u);
}

// A noun in -ency or -ence is the adjective in -ent it is made from: the
// person's "urinary urgency" and "urinary frequency" are a text's "an urgent
// need to urinate" and "frequent urination" (both sides are folded alike).
TEST(ProfileRank, ANounInEncyIsTheAdjectiveInEnt) {
  std::vector<Article> a;
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "Bbb disease causes urinary leaking and urinary pain."));
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Aaa disease causes urinary symptoms: an urgent need to urinate and "
                      "frequent urination."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  EXPECT_EQ(
      testing::rank_of(model, query("I have urinary urgency and urinary frequency"), "Aaa disease"),
      1u);
}

TEST(ProfileRank, TheComplaintOfTheFirstSentenceWeighsMoreThanTheStory) {
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Aaa disease causes a cough and tiredness for weeks."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "Bbb disease causes a rash and tiredness for weeks."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  ASSERT_GT(model.parameters().chief_weight, 1.0);
  // Either order of the story: what is said first comes first.
  EXPECT_EQ(testing::rank_of(model, query("Cough. Some days later a rash."), "Aaa disease"), 1u);
  EXPECT_EQ(testing::rank_of(model, query("Rash. Some days later a cough."), "Bbb disease"), 1u);
  // Without the rule the two tie whatever the order (A-Z breaks ties).
  auto flat = model.parameters();
  flat.chief_weight = 1;
  model.set_query_parameters(flat);
  const auto s1 = model.scores(query("Cough. Some days later a rash."));
  const auto s2 = model.scores(query("Rash. Some days later a cough."));
  EXPECT_DOUBLE_EQ(s1[0], s1[1]);
  EXPECT_DOUBLE_EQ(s2[0], s2[1]);
}

TEST(ProfileRank, SpecificityOfAWordIsJudgedAmongGeneralTopics) {
  // "she" is in every general topic and in no rare-disease text; "wheezing"
  // in one general topic and in every rare-disease text. Over all profiles
  // "she" looks the more specific word, among general topics it is not.
  std::vector<Article> a;
  for (int i = 0; i < 40; ++i)
    a.push_back(article("g" + std::to_string(i), "General topic " + std::to_string(i),
                        "MPlusHealthTopics",
                        "She has tiredness and aches in this topic number " + std::to_string(i) +
                            (i == 0 ? " with wheezing." : ".")));
  for (int i = 0; i < 60; ++i)
    a.push_back(article("r" + std::to_string(i), "Rare syndrome " + std::to_string(i), "GARD",
                        "Affected people have wheezing and tiredness in syndrome number " +
                            std::to_string(i) + "."));
  const Snapshot snap(std::move(a));
  auto model = testing::without_about(ConditionModel::build(snap));
  const auto g0 = *model.profile_of_condition(0);  // "General topic 0", A-Z first
  ASSERT_EQ(model.profile(g0).name, "General topic 0");
  // One word as a finding (the description reader would drop "she" alone).
  auto word = [](std::string w) {
    ProfileQuery q;
    q.present.push_back({std::move(w), {}});
    return q;
  };
  const double she = model.scores(word("she"))[g0];
  const double wheezing = model.scores(word("wheezing"))[g0];
  EXPECT_GT(she, 0);
  EXPECT_GT(wheezing, she);
  auto all = model.parameters();
  all.general_idf = 0;
  model.set_query_parameters(all);
  EXPECT_LT(model.scores(word("wheezing"))[g0], model.scores(word("she"))[g0]);
}

TEST(ProfileRank, ASymptomTopicIsRecognisedFromOtherTopicsSymptomSections) {
  std::vector<Article> a;
  a.push_back(article("back-pain", "Back Pain", "MPlusHealthTopics",
                      "Back pain can be sharp or dull and can come and go."));
  for (const char* n : {"Xxx strain", "Yyy disc", "Zzz arthritis"})
    a.push_back(article(n, n, "MPlusHealthTopics",
                        std::string(n) + " causes back pain and stiffness in the morning."));
  a.push_back(article("www", "Www fever", "MPlusHealthTopics", "Www fever causes chills."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  std::size_t topics = 0;
  for (std::size_t p = 0; p < model.size(); ++p) {
    const bool topic = model.symptom_topic(p);
    topics += topic;
    EXPECT_EQ(topic, model.profile(p).name == "Back Pain") << model.profile(p).name;
  }
  EXPECT_EQ(topics, 1u);
  // Demoted when the rule is on: a condition that explains the finding
  // comes before the topic that merely names it.
  auto p = model.parameters();
  p.topic_prior = 0;
  p.named_prior = 0;  // this rule alone: "back pain" also names the topic (clause_scoring_test)
  model.set_query_parameters(p);
  EXPECT_EQ(testing::rank_of(model, query("back pain"), "Back Pain"), 1u);
  p.topic_prior = -5;
  model.set_query_parameters(p);
  EXPECT_GT(testing::rank_of(model, query("back pain"), "Back Pain"), 1u);
}

TEST(ProfileRank, AConditionNamedForAnotherGroupOfPeopleIsDemotedWhenAsked) {
  std::vector<Article> a;
  const std::string text = "It causes a barking cough and a hoarse voice at night.";
  a.push_back(article("kids", "Qqq cough in Children", "MPlusHealthTopics", text));
  a.push_back(article("all", "Qqq cough", "MPlusHealthTopics", text));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  const auto kids = *model.profile_of_condition(1);  // A-Z: "Qqq cough" first
  const auto all = *model.profile_of_condition(0);
  ASSERT_EQ(model.profile(kids).name, "Qqq cough in Children");
  const auto adult = query("A 40 year old man. Barking cough.");
  const auto child = query("A 4 year old boy. Barking cough.");
  ASSERT_TRUE(adult.age_years && child.age_years);
  const auto adult_off = model.scores(adult), child_off = model.scores(child);
  auto p = model.parameters();
  p.group_prior = -1;
  model.set_query_parameters(p);
  const auto adult_on = model.scores(adult), child_on = model.scores(child);
  EXPECT_DOUBLE_EQ(adult_on[kids], adult_off[kids] - 1);
  EXPECT_DOUBLE_EQ(child_on[kids], child_off[kids]);
  EXPECT_DOUBLE_EQ(adult_on[all], adult_off[all]);
  EXPECT_DOUBLE_EQ(child_on[all], child_off[all]);
}

TEST(ProfileRank, AConditionNoGeneralEncyclopediaHasIsLessLikely) {
  std::vector<Article> a;
  // A specialist institute's long text shares more of the story's words.
  a.push_back(article("cdc", "Xxx fever", "CDC",
                      "It causes fever, chills, headache, muscle aches, vomiting and a rash."));
  a.push_back(article("mplus", "Yyy fever", "MPlusHealthTopics", "It causes fever and chills."));
  // The same specialist text, but the A.D.A.M. encyclopedia has an entry
  // (a name only, its text removed) for the condition.
  a.push_back(article("cdc2", "Zzz fever", "CDC",
                      "It causes fever, chills, headache, muscle aches, vomiting and a cough."));
  a.push_back(testing::condition_entry("adam", "Zzz fever", "", "ADAM"));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  ASSERT_EQ(model.size(), 3u);
  const auto q = query("Fever, chills, headache and vomiting.");
  EXPECT_FALSE(model.profile(*model.profile_of_condition(0)).encyclopedia);  // A-Z: Xxx
  EXPECT_TRUE(model.profile(*model.profile_of_condition(1)).encyclopedia);
  EXPECT_TRUE(model.profile(*model.profile_of_condition(2)).encyclopedia);
  EXPECT_EQ(testing::rank_of(model, q, "Zzz fever"), 1u);
  EXPECT_EQ(testing::rank_of(model, q, "Yyy fever"), 2u);
  EXPECT_EQ(testing::rank_of(model, q, "Xxx fever"), 3u);
  auto p = model.parameters();
  p.specialist_prior = 0;
  model.set_query_parameters(p);
  EXPECT_EQ(testing::rank_of(model, q, "Yyy fever"), 3u);
}

TEST(ProfileRank, TheExplanationAddsUpToTheScore) {
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Aaa disease causes a dry cough, fever and tiredness. Some have a rash."));
  a.push_back(article("b", "Bbb syndrome", "GHR", "Bbb syndrome causes fever and joint pain."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  for (const double cap : {0.0, 3.0}) {
    auto p = model.parameters();
    p.finding_cap = cap;
    model.set_query_parameters(p);
    const auto q = query("Dry cough and fever. Later tiredness, no rash, no joint pain.");
    for (const auto& r : model.rank(q)) {
      double sum = r.prior;
      for (const auto& e : r.evidence) sum += e.contribution;
      // Contributions are rounded to 1/1000 for display.
      EXPECT_NEAR(sum, r.score, 0.001 * static_cast<double>(r.evidence.size()) + 1e-9)
          << model.profile(r.profile).name;
      // Evidence against is what the person does not have; the one other
      // line below zero is the re-ranking's step down to a lower place.
      for (const auto& e : r.evidence) {
        if (e.finding == "placed below conditions whose main symptoms you have more of") continue;
        EXPECT_EQ(e.absent, e.contribution < 0) << e.finding;
      }
    }
  }
}

// Ten unrelated general topics, so that a word of one or two conditions is
// specific among them (main symptoms are specific words).
void add_unrelated_topics(std::vector<Article>& a) {
  const char* words[] = {"freckles", "toenails", "eyelashes", "sunburn",  "hiccups",
                         "dandruff", "snoring",  "blisters",  "earlobes", "calluses"};
  for (int i = 0; i < 10; ++i)
    a.push_back(article(
        "u" + std::to_string(i), "Unrelated topic " + std::to_string(i), "MPlusHealthTopics",
        std::string("This topic is about ") + words[i] + " and " + words[i] + " only."));
}

// Two neighbours holding the same person's words: "Bbb disease" holds more
// of them, but what it repeats is nausea and vomiting; "Aaa disease"
// repeats ringing, deafness and dizziness.
void add_ringing_and_nausea_topics(std::vector<Article>& a) {
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Ringing in the ears. The ringing comes with deafness and dizziness. "
                      "Ringing, deafness and dizziness come back in attacks."));
  a.push_back(article(
      "b", "Bbb disease", "MPlusHealthTopics",
      "Nausea and vomiting. Nausea with vomiting, cramps and dizziness. "
      "Vomiting and nausea at night after a flight, with sweating at work; sometimes ringing "
      "and dizziness too."));
}

TEST(ProfileRank, AConditionWhoseMainSymptomsThePersonHasPassesANeighbourHoldingMoreWords) {
  // Both texts hold the person's words; "Bbb disease" holds more of them
  // (its long text also says "ringing" once), but what it repeats is
  // nausea and vomiting, which the person does not report. "Aaa disease"
  // repeats ringing, deafness and dizziness: the person's picture.
  std::vector<Article> a;
  add_ringing_and_nausea_topics(a);
  add_unrelated_topics(a);
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  ASSERT_GT(model.parameters().main_have, 0.0);
  auto on = model.parameters();
  on.main_have = 40;  // a clear step for a made-up knowledge base this small
  model.set_query_parameters(on);
  const auto q = query(
      "Dizziness, ringing in the ears, some deafness. It began at night after a flight, "
      "with cramps and sweating at work.");
  EXPECT_EQ(testing::rank_of(model, q, "Aaa disease"), 1u);
  // The rule's line in the explanation names the person's words it found
  // among the condition's main symptoms.
  const auto ranked = model.rank(q);
  ASSERT_FALSE(ranked.empty());
  bool explained = false;
  for (const auto& e : ranked.front().evidence)
    if (e.finding == "its main symptoms that you have") {
      explained = true;
      EXPECT_GT(e.contribution, 0.0);
      EXPECT_NE(std::find(e.words.begin(), e.words.end(), "ringing"), e.words.end());
      EXPECT_NE(std::find(e.words.begin(), e.words.end(), "deafness"), e.words.end());
      EXPECT_FALSE(e.quote.empty());
    }
  EXPECT_TRUE(explained);
  // Without the rule the neighbour is first.
  auto off = model.parameters();
  off.main_have = 0;
  model.set_query_parameters(off);
  EXPECT_EQ(testing::rank_of(model, q, "Bbb disease"), 1u);
}

// A condition first by a word its text says in passing, none of whose main
// symptoms the person has, keeps its place when nothing outranks it for
// that; its explanation says so all the same (triage reads the line).
TEST(ProfileRank, AConditionThatKeepsItsPlaceWithNoneOfItsMainSymptomsSaysSo) {
  std::vector<Article> a;
  add_ringing_and_nausea_topics(a);
  add_unrelated_topics(a);
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  ASSERT_GT(model.parameters().main_have, 0.0);
  const auto ranked = model.rank(query("Sweating at work."));
  ASSERT_FALSE(ranked.empty());
  ASSERT_EQ(model.profile(ranked.front().profile).name, "Bbb disease");
  const auto& ev = ranked.front().evidence;
  const auto it = std::find_if(ev.begin(), ev.end(), [](const auto& e) {
    return e.finding == "none of its main symptoms is among what you describe";
  });
  ASSERT_NE(it, ev.end());
  EXPECT_TRUE(it->main_symptoms);
  EXPECT_TRUE(it->words.empty());
  EXPECT_EQ(it->contribution, 0.0);
}

TEST(ProfileRank, MainSymptomsThePersonDeniesCountAgainstAndAreExplained) {
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Cough and wheezing. Wheezing at night with cough. Wheezing after running."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "Cough and fever. Fever with chills and cough. Fever for days."));
  add_unrelated_topics(a);
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  auto p = model.parameters();
  p.main_have = 0;
  p.main_denied = 0;
  p.absent_weight = 0;     // only the rule counts what is denied
  p.main_keep_scores = 0;  // the fit is added to the scores
  model.set_query_parameters(p);
  const auto q = query("A cough for a week. No fever.");
  const auto before = model.scores(q);
  p.main_denied = 10;
  model.set_query_parameters(p);
  const auto after = model.scores(q);
  // Profiles are in article order: Aaa is 0, Bbb is 1.
  EXPECT_DOUBLE_EQ(after[0], before[0]);  // fever is not among Aaa's main symptoms
  EXPECT_LT(after[1], before[1]);         // it is Bbb's most repeated
  EXPECT_EQ(testing::rank_of(model, q, "Aaa disease"), 1u);
  for (const auto& r : model.rank(q)) {
    double sum = r.prior;
    for (const auto& e : r.evidence) sum += e.contribution;
    EXPECT_NEAR(sum, r.score, 0.001 * static_cast<double>(r.evidence.size()) + 1e-9);
    if (model.profile(r.profile).name != "Bbb disease") continue;
    const auto it = std::find_if(r.evidence.begin(), r.evidence.end(), [](const auto& e) {
      return e.finding == "its main symptoms that you do not have";
    });
    ASSERT_NE(it, r.evidence.end());
    EXPECT_TRUE(it->absent);
    EXPECT_LT(it->contribution, 0.0);
    EXPECT_EQ(it->words, std::vector<std::string>{"fever"});
  }
}

TEST(ProfileRank, TheMainSymptomFitReordersTheBestAndTheirPlacesKeepTheirScores) {
  std::vector<Article> a;
  add_ringing_and_nausea_topics(a);
  a.push_back(article("c", "Ccc disease", "MPlusHealthTopics",
                      "Dizziness on standing. Dizziness and fainting. Fainting in the heat."));
  add_unrelated_topics(a);
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  const auto q = query(
      "Dizziness, ringing in the ears, some deafness. It began at night after a flight, "
      "with cramps and sweating at work.");
  auto p = model.parameters();
  ASSERT_NE(p.main_keep_scores, 0.0);
  p.main_have = 40;
  model.set_query_parameters(p);
  const auto kept = model.scores(q);
  p.main_keep_scores = 0;
  model.set_query_parameters(p);
  const auto added = model.scores(q);
  p.main_have = 0;
  model.set_query_parameters(p);
  const auto off = model.scores(q);
  auto order = [](const std::vector<double>& s) {
    std::vector<std::size_t> o(s.size());
    for (std::size_t i = 0; i < o.size(); ++i) o[i] = i;
    std::stable_sort(o.begin(), o.end(), [&](auto x, auto y) { return s[x] > s[y]; });
    o.resize(3);
    return o;
  };
  // The same order as when the fit is added ...
  EXPECT_EQ(order(kept), order(added));
  EXPECT_NE(order(kept), order(off));
  // ... with the scores the places had without it.
  auto sorted = [](std::vector<double> s) {
    std::sort(s.begin(), s.end());
    return s;
  };
  EXPECT_EQ(sorted(kept), sorted(off));
  // The explanation still adds up, the step down included.
  p.main_have = 40;
  p.main_keep_scores = 1;
  model.set_query_parameters(p);
  bool stepped_down = false;
  for (const auto& r : model.rank(q)) {
    double sum = r.prior;
    for (const auto& e : r.evidence) {
      sum += e.contribution;
      stepped_down = stepped_down || e.contribution < 0;
    }
    EXPECT_NEAR(sum, r.score, 0.001 * static_cast<double>(r.evidence.size()) + 1e-9);
  }
  EXPECT_TRUE(stepped_down);
}

TEST(ProfileRank, ATopicNamedForAGroupOfConditionsRanksBelowANarrowerOneThatFits) {
  // "Aaa Diseases" surveys a group: its text holds the person's words more
  // often than the narrower "Bbb disease", whose own text fits them.
  std::vector<Article> a;
  a.push_back(article("a", "Aaa Diseases", "MPlusHealthTopics",
                      "Aaa diseases cause itching and discharge. Itching, discharge and burning "
                      "are common. Discharge and itching may come with pain."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "Bbb disease causes itching and a discharge with an odor."));
  add_unrelated_topics(a);
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  ASSERT_LT(model.parameters().broad_prior, 0.0);
  const auto q = query("Itching and discharge. The discharge has an odor.");
  EXPECT_EQ(testing::rank_of(model, q, "Bbb disease"), 1u);
  // Still ranked, below.
  EXPECT_GT(testing::rank_of(model, q, "Aaa Diseases"), 1u);
  // Without the rule the group's topic is first.
  auto off = model.parameters();
  off.broad_prior = 0;
  model.set_query_parameters(off);
  EXPECT_EQ(testing::rank_of(model, q, "Aaa Diseases"), 1u);
  // Read from the name's English only: a plural of "infection" names one
  // disease, and a singular "disease" is no group.
  std::vector<Article> b;
  b.push_back(article("c", "Ccc Infections", "MPlusHealthTopics",
                      "Ccc infections cause itching and discharge. Itching, discharge and burning "
                      "are common. Discharge and itching may come with pain."));
  b.push_back(article("d", "Ddd disease", "MPlusHealthTopics",
                      "Ddd disease causes itching and a discharge with an odor."));
  add_unrelated_topics(b);
  const Snapshot snap_b(std::move(b));
  const auto model_b = ConditionModel::build(snap_b);
  EXPECT_EQ(testing::rank_of(model_b, q, "Ccc Infections"), 1u);
}

TEST(ProfileRank, AmongTheNearOnesAWordAllOfThemHoldTellsNoneApart) {
  // Both hold "cough" and "sore throat"; "Aaa disease" repeats them. Only
  // "Bbb disease" holds the person's "wheezing".
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Cough and a sore throat. The cough and the sore throat last. A cough with "
                      "a sore throat again."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "A cough, a sore throat and wheezing after running."));
  add_unrelated_topics(a);
  const Snapshot snap(std::move(a));
  auto model = testing::without_about(ConditionModel::build(snap));
  auto p = model.parameters();
  p.main_have = 0;  // only the rule under test reorders
  p.contrast_weight = 0;
  model.set_query_parameters(p);
  const auto q = query("Cough and a sore throat. Some wheezing.");
  EXPECT_EQ(testing::rank_of(model, q, "Aaa disease"), 1u);
  const auto off = model.scores(q);
  p.contrast_weight = 1;
  p.contrast_depth = 2;
  model.set_query_parameters(p);
  EXPECT_EQ(testing::rank_of(model, q, "Bbb disease"), 1u);
  // The places keep their scores.
  auto sorted = [](std::vector<double> s) {
    std::sort(s.begin(), s.end());
    return s;
  };
  EXPECT_EQ(sorted(model.scores(q)), sorted(off));
  // Explained: the step up names the word only it holds, and the
  // explanation adds up to the score.
  bool explained = false;
  for (const auto& r : model.rank(q)) {
    double sum = r.prior;
    for (const auto& e : r.evidence) {
      sum += e.contribution;
      if (model.profile(r.profile).name == "Bbb disease" && e.overall && e.contribution > 0) {
        explained = true;
        EXPECT_EQ(e.words, std::vector<std::string>{"wheezing"});
        EXPECT_FALSE(e.quote.empty());
      }
    }
    EXPECT_NEAR(sum, r.score, 0.001 * static_cast<double>(r.evidence.size()) + 1e-9);
  }
  EXPECT_TRUE(explained);
}

TEST(ProfileRank, AClinicalTermTheTextsDoNotUseIsMatchedThroughItsLayNames) {
  // The texts say "pain or burning during urination", never "dysuria"; every
  // one of them says "tiredness".
  std::vector<Article> a = general_topics(40);
  a.push_back(article("u", "Uuu infection", "MPlusHealthTopics",
                      "Pain or burning during urination, tiredness and a fever."));
  a.push_back(
      article("f", "Fff fever", "MPlusHealthTopics", "Tiredness, a high fever and chills."));
  const Snapshot snap(std::move(a));
  auto model = testing::without_about(ConditionModel::build(snap));
  ASSERT_GT(model.parameters().lay_weight, 0.0);
  const auto uuu = model.resolve("Uuu infection");
  ASSERT_FALSE(uuu.empty());
  const auto u = uuu.front().profile;

  ProfileQuery q;
  ProfileFinding dysuria{"dysuria", {"Dysuria"}};
  dysuria.synonyms = {{"Painful or difficult urination"}};
  q.present.push_back(dysuria);
  q.present.push_back(ProfileFinding{"fever", {"Fever"}});
  const auto with_lay = model.scores(q);
  auto p = model.parameters();
  p.lay_weight = 0;
  model.set_query_parameters(p);
  const auto without = model.scores(q);
  EXPECT_GT(with_lay[u], without[u] + 0.5);
  // Explained by the words the text holds.
  p.lay_weight = 0.5;
  model.set_query_parameters(p);
  q.limit = 50;
  bool explained = false;
  for (const auto& r : model.rank(q))
    if (r.profile == u)
      for (const auto& e : r.evidence)
        if (e.finding == "dysuria") {
          explained = true;
          EXPECT_NE(std::find(e.words.begin(), e.words.end(), "urination"), e.words.end());
        }
  EXPECT_TRUE(explained);
  p.lay_weight = 0;
  model.set_query_parameters(p);

  // A term the texts do use keeps its label alone: "tiredness" is in every
  // text, so its lay names (here, for the test, "urination") add nothing.
  ProfileQuery used;
  ProfileFinding tired{"tired", {"Tiredness"}};
  tired.synonyms = {{"urination"}};
  used.present.push_back(tired);
  const auto used_without = model.scores(used);
  p.lay_weight = 0.5;
  model.set_query_parameters(p);
  EXPECT_DOUBLE_EQ(model.scores(used)[u], used_without[u]);
}

// A clinical name the general texts hardly use ("odynophagia") is a rare
// word the person did not say: a text that uses it gains no more from it than
// one that says it in the name's everyday words ("painful swallowing") gains
// from one of them.
TEST(ProfileRank, AClinicalNameTheTextsHardlyUseWeighsAsItsLayNames) {
  std::vector<Article> a = general_topics(150);
  a.push_back(article("o", "Ooo disease", "MPlusHealthTopics", "Odynophagia."));
  a.push_back(article("s", "Sss disease", "MPlusHealthTopics", "Swallowing."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  ASSERT_GT(model.parameters().lay_weight, 0.0);
  const auto ooo = model.resolve("Ooo disease");
  const auto sss = model.resolve("Sss disease");
  ASSERT_FALSE(ooo.empty());
  ASSERT_FALSE(sss.empty());
  ProfileQuery q;
  ProfileFinding hurts{"it hurts", {"Odynophagia"}};
  hurts.synonyms = {{"Painful swallowing"}};
  q.present.push_back(hurts);
  const auto s = model.scores(q);
  const auto o = s[ooo.front().profile], w = s[sss.front().profile];
  ASSERT_GT(w, 0.0);
  EXPECT_LT(o, 1.2 * w);
}

// A part's noun in -men and its adjective in -minal are one word to the
// texts: a finding read as "Abdominal pain" meets a text's "pain in the
// abdomen" as it meets one that says "abdominal pain" (served, "pain in my
// stomach on the right side low down" ranked first the text about "the
// right side of the heart" over "pain in the abdomen, often on the right
// side").
TEST(ProfileRank, APartsNounAndItsAdjectiveInMinalAreOneWord) {
  std::vector<Article> a = general_topics(40);
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics", "Pain in the abdomen."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics", "Pain in the back."));
  a.push_back(article("c", "Ccc disease", "MPlusHealthTopics", "Abdominal pain."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  const auto aaa = model.resolve("Aaa disease");
  const auto bbb = model.resolve("Bbb disease");
  const auto ccc = model.resolve("Ccc disease");
  ASSERT_FALSE(aaa.empty());
  ASSERT_FALSE(bbb.empty());
  ASSERT_FALSE(ccc.empty());
  ProfileQuery q;
  q.present.push_back(ProfileFinding{"it hurts", {"Abdominal pain"}});
  const auto s = model.scores(q);
  const auto abdomen = s[aaa.front().profile], back = s[bbb.front().profile];
  ASSERT_GT(back, 0.0);
  ASSERT_GT(s[ccc.front().profile], back);
  EXPECT_GT(abdomen, 1.5 * back);
}

// The main-symptom line names the person's word for a main symptom said in
// the other form ("abdominal" for the text's "abdomen"): triage reads an
// empty line as none of them, and took "the main symptom is pain in the
// abdomen" of a medical emergency as not the person's.
TEST(ProfileRank, TheMainSymptomLineNamesTheWordSaidInTheOtherForm) {
  std::vector<Article> a;
  add_unrelated_topics(a);
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Pain in the abdomen. The abdomen hurts on the right. Pain in the abdomen "
                      "gets worse."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "Pain in the knee. The knee is swollen. Pain in the knee at night."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  ASSERT_GT(model.parameters().main_have, 0.0);
  const auto ranked = model.rank(query("I have abdominal pain."));
  ASSERT_FALSE(ranked.empty());
  ASSERT_EQ(model.profile(ranked.front().profile).name, "Aaa disease");
  const auto& ev = ranked.front().evidence;
  const auto it = std::find_if(ev.begin(), ev.end(), [](const auto& e) {
    return e.overall && e.main_symptoms && e.finding == "its main symptoms that you have";
  });
  ASSERT_NE(it, ev.end());
  EXPECT_NE(std::find(it->words.begin(), it->words.end(), "abdominal"), it->words.end())
      << it->finding;
}

// ProfileParameters::unworded_weight: a clinical term the texts do use keeps
// its label alone, but a text that words the finding in none of its terms
// ("shortness of breath" for "dyspnea") is looked up through the term's lay
// names; a text that holds the term gets nothing more for them.
TEST(ProfileRank, AFindingATextDoesNotWordIsLookedUpThroughItsLayNames) {
  std::vector<Article> a;
  for (int i = 0; i < 40; ++i)
    a.push_back(article("g" + std::to_string(i), "General topic " + std::to_string(i),
                        "MPlusHealthTopics",
                        "Dyspnea and aches in topic number " + std::to_string(i) + "."));
  a.push_back(article("k", "Kkk disease", "MPlusHealthTopics",
                      "Shortness of breath, swollen ankles and a fever."));
  a.push_back(article("d", "Ddd disease", "MPlusHealthTopics",
                      "Dyspnea, shortness of breath and a fever."));
  a.push_back(article("c", "Ccc disease", "MPlusHealthTopics", "A fever, chills and sweats."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  ASSERT_GT(model.parameters().unworded_weight, 0.0);
  const auto kkk = model.resolve("Kkk disease");
  const auto ddd = model.resolve("Ddd disease");
  ASSERT_FALSE(kkk.empty());
  ASSERT_FALSE(ddd.empty());
  const auto k = kkk.front().profile, d = ddd.front().profile;

  ProfileQuery q;
  ProfileFinding dyspnea{"dyspnea", {"Dyspnea"}};
  dyspnea.synonyms = {{"Shortness of breath"}};
  q.present.push_back(dyspnea);
  q.present.push_back(ProfileFinding{"fever", {"Fever"}});
  q.limit = 50;
  const auto with = model.scores(q);
  // Above the text that holds only the fever.
  EXPECT_LT(testing::rank_of(model, q, "Kkk disease"), testing::rank_of(model, q, "Ccc disease"));
  bool explained = false;
  for (const auto& r : model.rank(q))
    if (r.profile == k)
      for (const auto& e : r.evidence)
        if (e.finding == "dyspnea") {
          explained = true;
          EXPECT_NE(std::find(e.words.begin(), e.words.end(), "breath"), e.words.end());
          EXPECT_GT(e.contribution, 0.0);
        }
  EXPECT_TRUE(explained);

  auto p = model.parameters();
  p.unworded_weight = 0;
  model.set_query_parameters(p);
  const auto without = model.scores(q);
  EXPECT_GT(with[k], without[k] + 0.5);
  // The text that says "dyspnea" is matched through it alone.
  EXPECT_DOUBLE_EQ(with[d], without[d]);
  // Without the lay names, it is below the text that holds only the fever.
  EXPECT_GT(testing::rank_of(model, q, "Kkk disease"), testing::rank_of(model, q, "Ccc disease"));
}

// An abbreviated unit after a number ("95 mm hg") says how much, not what:
// a text that quotes numbers in that unit ("below 130/80 mm Hg") is not
// matched by it; a finding's own words still are.
TEST(ProfileRank, AUnitAfterANumberIsNotMatchedInTheTexts) {
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Headache at times. Keep your blood pressure below 130/80 mm Hg."));
  a.push_back(
      article("b", "Bbb disease", "MPlusHealthTopics", "Headaches, nosebleeds and dizziness."));
  a.push_back(article("c", "Ccc disease", "MPlusHealthTopics", "A rash on the hands."));
  const Snapshot snap(std::move(a));
  const auto model = testing::without_about(ConditionModel::build(snap));
  const auto aaa = model.resolve("Aaa disease");
  ASSERT_FALSE(aaa.empty());
  const auto p = aaa.front().profile;

  ProfileQuery alone;
  alone.present.push_back(ProfileFinding{"headache", {}});
  alone.limit = 20;
  ProfileQuery with_unit = alone;
  with_unit.present.push_back(ProfileFinding{"95 mm hg", {}});
  EXPECT_DOUBLE_EQ(model.scores(with_unit)[p], model.scores(alone)[p]);
  for (const auto& r : model.rank(with_unit))
    for (const auto& e : r.evidence) EXPECT_NE(e.finding, "95 mm hg");

  // Not after a number, the same letters are words of the finding.
  ProfileQuery named = alone;
  named.present.push_back(ProfileFinding{"mm hg", {}});
  EXPECT_GT(model.scores(named)[p], model.scores(alone)[p]);
}

// A relative clause of what a finding does not do ("a cough that won't go
// away") says how it goes, not what it is: a text that says the same of
// another finding ("bad breath that won't go away") does not fit for it. A
// clause with a subject of its own still counts.
TEST(ProfileRank, ARelativeClauseOfWhatAFindingDoesNotDoIsNotMatched) {
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Aaa disease causes bad breath that won't go away and sore gums."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "Bbb disease causes a cough, a fever and tiredness."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  EXPECT_EQ(testing::rank_of(model, query("I have a cough that won't go away"), "Bbb disease"), 1u);
  EXPECT_EQ(testing::rank_of(model, query("a cough which does not go away"), "Bbb disease"), 1u);
  const auto aaa = model.resolve("Aaa disease");
  ASSERT_FALSE(aaa.empty());
  const auto p = aaa.front().profile;
  EXPECT_DOUBLE_EQ(model.scores(query("I have a cough that won't go away"))[p],
                   model.scores(query("I have a cough"))[p]);
  // "that" with a subject of its own opens no such clause.
  EXPECT_GT(model.scores(query("I noticed that my breath won't go away"))[p],
            model.scores(query("I noticed that my breath"))[p]);
}

// A tense's helper ("have been", "am") says nothing of a condition: "I have
// been cutting myself" does not fit a text where oxygen "has been cut off"
// by its "been".
TEST(ProfileRank, TheFormsOfBeAreNoWordsOfAFinding) {
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Brain cells die once the oxygen supply has been cut off."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "People with Bbb disease harm themselves by cutting their skin."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  EXPECT_EQ(testing::rank_of(model, query("I have been cutting myself"), "Bbb disease"), 1u);
  const auto aaa = model.resolve("Aaa disease");
  ASSERT_FALSE(aaa.empty());
  const auto p = aaa.front().profile;
  EXPECT_DOUBLE_EQ(model.scores(query("I have been cutting myself"))[p],
                   model.scores(query("I have cutting myself"))[p]);
  EXPECT_DOUBLE_EQ(model.scores(query("I am cutting myself"))[p],
                   model.scores(query("I cutting myself"))[p]);
}

// The names of one term a finding was read as are the finding said in other
// words: a text that says two of them ("odynophagia (painful swallowing)")
// counts the larger once, and gains nothing over one that says only the
// everyday name (served, "it hurts to swallow" put the text saying both
// first).
TEST(ProfileRank, ATextSayingTwoNamesOfOneFindingCountsTheLargerOnce) {
  std::vector<Article> a = general_topics(150);
  a.push_back(
      article("o", "Ooo disease", "MPlusHealthTopics", "Odynophagia (painful swallowing)."));
  a.push_back(article("s", "Sss disease", "MPlusHealthTopics", "Painful swallowing."));
  const Snapshot snap(std::move(a));
  auto model = testing::without_about(ConditionModel::build(snap));
  ASSERT_GT(model.parameters().lay_weight, 0.0);
  const auto ooo = model.resolve("Ooo disease");
  const auto sss = model.resolve("Sss disease");
  ASSERT_FALSE(ooo.empty());
  ASSERT_FALSE(sss.empty());
  ProfileQuery q;
  ProfileFinding hurts{"it hurts", {"Odynophagia"}};
  hurts.synonyms = {{"Painful swallowing"}};
  q.present.push_back(hurts);
  q.limit = 200;
  const auto s = model.scores(q);
  const auto o = s[ooo.front().profile], w = s[sss.front().profile];
  ASSERT_GT(w, 0.0);
  EXPECT_LE(o, w);
  // Explained as scored: the words of the name that counted.
  for (const auto& r : model.rank(q))
    if (r.profile == ooo.front().profile)
      for (const auto& e : r.evidence)
        if (e.finding == "it hurts") {
          EXPECT_EQ(std::find(e.words.begin(), e.words.end(), "odynophagia"), e.words.end());
          EXPECT_NE(std::find(e.words.begin(), e.words.end(), "painful"), e.words.end());
        }
  // The same when the person's words are the everyday name, as the reader
  // writes "it hurts to swallow" (ProfileFinding::words): they are that name
  // said, not a finding of their own beside it.
  ProfileQuery said;
  ProfileFinding as_named{"it hurts to swallow", {"Odynophagia"}};
  as_named.synonyms = {{"Painful swallowing"}};
  as_named.words = "painful swallowing";
  said.present.push_back(as_named);
  const auto s2 = model.scores(said);
  ASSERT_GT(s2[sss.front().profile], 0.0);
  EXPECT_LE(s2[ooo.front().profile], s2[sss.front().profile]);
}

// A word of place said around a finding ("pain in my stomach on the right
// side") counts where the text says it in a sentence naming the finding,
// not where it says it of another part ("the right side of the heart";
// served, the stomach pain put a heart condition second by 0.4).
TEST(ProfileRank, AWordOfPlaceCountsOnlyInASentenceNamingTheFinding) {
  std::vector<Article> a = general_topics(40);
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Pain in the abdomen, often on the right side."));
  a.push_back(article("h", "Hhh disease", "MPlusHealthTopics",
                      "Pain in the abdomen. Abdominal pain. The right side of the heart is "
                      "weak."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  ASSERT_GT(model.parameters().place_in_sentence, 0.0);
  const auto aaa = model.resolve("Aaa disease");
  const auto hhh = model.resolve("Hhh disease");
  ASSERT_FALSE(aaa.empty());
  ASSERT_FALSE(hhh.empty());
  ProfileQuery q;
  q.present.push_back(ProfileFinding{"pain in my stomach on the right side", {"Abdominal pain"}});
  q.limit = 50;
  const auto s = model.scores(q);
  EXPECT_GT(s[aaa.front().profile], s[hhh.front().profile]);
  EXPECT_EQ(testing::rank_of(model, q, "Aaa disease"), 1u);
  // Said with no finding read, the words count anywhere, as before.
  ProfileQuery unread;
  unread.present.push_back(ProfileFinding{"on the right side", {}});
  EXPECT_GT(model.scores(unread)[hhh.front().profile], 0.0);
}

// The person's words that the reader wrote in the texts' words ("feel sick"
// as "nausea", ProfileFinding::words) are one more name of the term read:
// a text that says them as the person did ("Feeling sick or being sick")
// meets the finding (served, "I have a headache and feel sick" met only
// texts saying "nausea"), and one that says both counts the larger once.
TEST(ProfileRank, ThePersonsOwnWordingIsOneMoreNameOfTheTermRead) {
  std::vector<Article> a = general_topics(40);
  a.push_back(article("f", "Fff disease", "MPlusHealthTopics", "Feeling sick or being sick."));
  a.push_back(article("n", "Nnn disease", "MPlusHealthTopics", "Nausea."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics", "Nausea (feeling sick)."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  ASSERT_GT(model.parameters().own_wording, 0.0);
  const auto fff = model.resolve("Fff disease");
  const auto nnn = model.resolve("Nnn disease");
  const auto bbb = model.resolve("Bbb disease");
  ASSERT_FALSE(fff.empty());
  ASSERT_FALSE(nnn.empty());
  ASSERT_FALSE(bbb.empty());
  ProfileQuery q;
  ProfileFinding sick{"I feel sick", {"Nausea"}};
  sick.words = "i nausea";
  q.present.push_back(sick);
  q.limit = 50;
  const auto s = model.scores(q);
  EXPECT_GT(s[fff.front().profile], 0.0);
  ASSERT_GT(s[nnn.front().profile], 0.0);
  // Said both ways, the larger counts once: no more than the larger alone.
  EXPECT_LE(s[bbb.front().profile],
            std::max(s[fff.front().profile], s[nnn.front().profile]) + 1e-9);
  // Explained with the words the text holds.
  bool listed = false;
  for (const auto& r : model.rank(q))
    if (r.profile == fff.front().profile)
      for (const auto& e : r.evidence)
        listed = listed || std::find(e.words.begin(), e.words.end(), "sick") != e.words.end();
  EXPECT_TRUE(listed);
}

// The reader wrote one of the person's words as a word of a layperson
// name ("black stools" as Melena's "Black feces"): the person's word with
// the words beside it that the name says too ("black stools") is one more
// name of the term read, so a text saying it as the person did meets the
// phrase, not only "black". Whether the label is a word the texts use (its
// lay names are then not looked up) or not; a neighbour the name does not
// say ("stools smell") is no part of it.
TEST(ProfileRank, AWordRewrittenWithinALayNameKeepsItsPhraseWithTheNamesWordsBesideIt) {
  for (const bool label_used : {false, true}) {
    SCOPED_TRACE(label_used ? "label used by the texts" : "label unused");
    std::vector<Article> a = general_topics(40);
    a.push_back(article("s", "Sss disease", "MPlusHealthTopics", "Black stools."));
    a.push_back(article("k", "Kkk disease", "MPlusHealthTopics", "Black skin."));
    a.push_back(article("t", "Ttt disease", "MPlusHealthTopics", "Stools smell sour."));
    a.push_back(article("u", "Uuu disease", "MPlusHealthTopics", "Stools sour smell."));
    if (label_used)
      for (const auto* id : {"m1", "m2", "m3"})
        a.push_back(article(id, std::string("Melena topic ") + id, "MPlusHealthTopics", "Melena."));
    const Snapshot snap(std::move(a));
    const auto model = ConditionModel::build(snap);
    const auto sss = model.resolve("Sss disease");
    const auto kkk = model.resolve("Kkk disease");
    const auto ttt = model.resolve("Ttt disease");
    ASSERT_FALSE(sss.empty());
    ASSERT_FALSE(kkk.empty());
    const auto uuu = model.resolve("Uuu disease");
    ASSERT_FALSE(ttt.empty());
    ASSERT_FALSE(uuu.empty());
    ProfileQuery q;
    ProfileFinding black{"My black stools smell", {"Melena"}};
    black.synonyms = {{"Black feces"}};
    black.words = "my black feces smell";
    q.present.push_back(black);
    q.limit = 50;
    const auto s = model.scores(q);
    ASSERT_GT(s[kkk.front().profile], 0.0);
    EXPECT_GT(s[sss.front().profile], s[kkk.front().profile] + 0.5);
    // "stools smell" is no phrase of the name: said so or apart alike.
    EXPECT_NEAR(s[ttt.front().profile], s[uuu.front().profile], 1e-9);
  }
}

// A subject and its helper written as one word ("I've") and "all" before a
// unit of time ("all night") say who and how long, not what: a text whose
// only shared words they are does not match. "I've been vomiting all night"
// ranked Erectile Dysfunction first through "ive", "all" and "night".
TEST(ProfileRank, AContractedSubjectAndAllBeforeAUnitOfTimeAreNoWordsOfAFinding) {
  std::vector<Article> a = general_topics(40);
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics", "Ive got it all."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics", "Being sick."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  const auto aaa = model.resolve("Aaa disease");
  const auto bbb = model.resolve("Bbb disease");
  ASSERT_FALSE(aaa.empty());
  ASSERT_FALSE(bbb.empty());
  ProfileQuery q;
  q.present.push_back(ProfileFinding{"I've been sick all night", {}});
  q.limit = 50;
  const auto s = model.scores(q);
  EXPECT_GT(s[bbb.front().profile], 0.0);
  EXPECT_LE(s[aaa.front().profile], 0.0);
}

// An English compound in -ache is the pain of the part it names: a finding
// read as a term whose name is "Headache" meets a text that says "head
// pain", as one more name of the term counted once with the others.
TEST(ProfileRank, ACompoundInAcheIsThePainOfThePartItNames) {
  std::vector<Article> a = general_topics(40);
  a.push_back(article("p", "Ppp disease", "MPlusHealthTopics", "Throbbing or pounding head pain."));
  a.push_back(article("h", "Hhh disease", "MPlusHealthTopics", "A headache."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "A headache, that is, throbbing or pounding head pain."));
  a.push_back(article("o", "Ooo disease", "MPlusHealthTopics", "Pain in the head and the back."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  const auto ppp = model.resolve("Ppp disease");
  const auto hhh = model.resolve("Hhh disease");
  const auto bbb = model.resolve("Bbb disease");
  const auto ooo = model.resolve("Ooo disease");
  ASSERT_FALSE(ppp.empty());
  ASSERT_FALSE(hhh.empty());
  ASSERT_FALSE(bbb.empty());
  ASSERT_FALSE(ooo.empty());
  ProfileQuery q;
  q.present.push_back(ProfileFinding{"I have a headache", {"Headache"}});
  q.limit = 50;
  const auto s = model.scores(q);
  // "head pain" said as a phrase scores above "head" and "pain" said apart.
  EXPECT_GT(s[ppp.front().profile], s[ooo.front().profile] + 1.0);
  // Said both ways, the larger counts once.
  ASSERT_GT(s[hhh.front().profile], 0.0);
  EXPECT_LE(s[bbb.front().profile],
            std::max(s[ppp.front().profile], s[hhh.front().profile]) + 1e-9);
}

// A page about a symptom (UMLS "Sign or Symptom") names what causes it: a
// condition the page of the person's finding names is raised
// (cause_prior), more where the page says it is a frequent cause
// (cause_common), above a short text that merely lists the finding; the
// answer quotes the page's sentence. The page itself and another symptom
// page it names are not raised.
TEST(ProfileRank, AConditionTheSymptomPageNamesAsACauseIsRaisedAndExplained) {
  std::vector<Article> a;
  Article page = article("p", "Sore Throat", "MPlusHealthTopics",
                         "You can have a sore throat for many reasons. Often, Aaa disease causes "
                         "a sore throat. Other causes include Bbb disease and Hoarseness.");
  page.condition.semantic_types = {"T184"};
  a.push_back(std::move(page));
  Article other = article("h", "Hoarseness", "MPlusHealthTopics",
                          "Hoarseness is a rough voice, sometimes with a sore throat.");
  other.condition.semantic_types = {"T184"};
  a.push_back(std::move(other));
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Aaa disease causes a runny nose, sneezing, a cough, a sore throat, a "
                      "headache and watery eyes, and you may feel tired for days."));
  a.push_back(article("b", "Bbb disease", "MPlusHealthTopics",
                      "Bbb disease causes a fever, swollen glands, a rash, aching joints and a "
                      "sore throat that lasts for weeks."));
  a.push_back(article("z", "Zzz cancer", "MPlusHealthTopics", "Signs include a sore throat."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  auto p = model.parameters();
  p.cause_prior = 3;
  p.cause_common = 3;
  model.set_query_parameters(p);
  const auto q = query("I have a sore throat");
  EXPECT_EQ(testing::rank_of(model, q, "Aaa disease"), 1u);
  EXPECT_EQ(testing::rank_of(model, q, "Bbb disease"), 2u);
  const auto ranked = model.rank(q);
  ASSERT_FALSE(ranked.empty());
  double sum = ranked[0].prior;
  std::string quote;
  for (const auto& e : ranked[0].evidence) {
    sum += e.contribution;
    if (e.overall && e.finding == "the article on Sore Throat names it as a common cause")
      quote = e.quote;
  }
  EXPECT_EQ(quote, "Often, Aaa disease causes a sore throat.");
  EXPECT_NEAR(sum, ranked[0].score, 0.01);
  // A symptom page is named, but not raised: still below every disorder.
  for (const auto& r : ranked) {
    if (model.profile(r.profile).name != "Hoarseness") continue;
    for (const auto& e : r.evidence) EXPECT_EQ(e.finding.find("names it as"), std::string::npos);
  }
  // Off, the short text that lists the finding ranks first.
  p.cause_prior = 0;
  p.cause_common = 0;
  model.set_query_parameters(p);
  EXPECT_EQ(testing::rank_of(model, q, "Zzz cancer"), 1u);
}

// ProfileParameters::about_weight: a text that is about the finding (the
// shoulder in most of its sentences) explains a one-finding description
// better than a short list of signs naming it once in passing, which holds
// the person's exact phrase and so wins under BM25 alone.
TEST(ProfileRank, AConditionWhoseTextIsAboutTheFindingPassesOneNamingItInPassing) {
  auto a = general_topics(20);
  a.push_back(article("a", "Aaa disease", "MPlusHealthTopics",
                      "Signs include belly pain and bleeding. Cramps are frequent. Some people "
                      "faint. Nausea may come and go. The heartbeat may be fast. Some feel weak. "
                      "Shoulder pain may occur."));
  a.push_back(article("b", "Bbb injury", "MPlusHealthTopics",
                      "Bbb injury is a tear of the tissue that holds the shoulder together. The "
                      "shoulder aches at night. Lifting the arm above the shoulder hurts. The "
                      "shoulder may feel weak. It is common in people who lift things over the "
                      "shoulder."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  auto p = model.parameters();
  p.about_weight = 80;
  p.about_dilution = 2;
  model.set_query_parameters(p);
  const auto q = query("shoulder pain");
  EXPECT_EQ(testing::rank_of(model, q, "Bbb injury"), 1u);
  const auto ranked = model.rank(q);
  ASSERT_FALSE(ranked.empty());
  double sum = ranked[0].prior, about = 0;
  for (const auto& e : ranked[0].evidence) {
    sum += e.contribution;
    if (e.overall && e.finding == "how much of its text is about what you describe")
      about = e.contribution;
  }
  EXPECT_GT(about, 0);
  EXPECT_NEAR(sum, ranked[0].score, 0.01);
  // Off, the list that names the phrase ranks first.
  p.about_weight = 0;
  model.set_query_parameters(p);
  EXPECT_EQ(testing::rank_of(model, q, "Aaa disease"), 1u);
}

}  // namespace
}  // namespace symptomdb::checker
