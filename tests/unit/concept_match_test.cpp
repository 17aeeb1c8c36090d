// Matching findings through the ontology (checker/concept_match.cpp): small
// made-up knowledge bases and a small made-up ontology, each built so that
// one rule decides. The profiles' text is read into terms by a test reader
// that knows a few phrases, as the server's interpreter would.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "checker/conditions.hpp"
#include "profile_fixture.hpp"

namespace symptomdb::checker {
namespace {

Article article(std::string slug, std::string name, std::string symptoms) {
  return testing::condition_entry(std::move(slug), std::move(name),
                                  testing::with_filler(std::move(symptoms)), "MPlusHealthTopics");
}

// root > abnormality > {belly pain > lower right belly pain, cough, fever}
std::shared_ptr<const ontology::Ontology> small_ontology() {
  ontology::OntologyRecords records;
  auto term = [&](std::string id, std::string label, std::vector<std::string> parents) {
    ontology::TermRecord t;
    t.id = std::move(id);
    t.label = std::move(label);
    t.parents = std::move(parents);
    records.terms.push_back(std::move(t));
  };
  term("HP:0000001", "All", {});
  term("HP:0000118", "Phenotypic abnormality", {"HP:0000001"});
  term("HP:0002027", "Abdominal pain", {"HP:0000118"});
  term("HP:0100281", "Right lower quadrant pain", {"HP:0002027"});
  term("HP:0012735", "Cough", {"HP:0000118"});
  term("HP:0001945", "Fever", {"HP:0000118"});
  return std::make_shared<const ontology::Ontology>(ontology::Ontology::build(records));
}

// Reads a text into the labels of the phrases it knows (the interpreter's
// part in the server).
ProfileSources test_reader() {
  ProfileSources s;
  s.read_findings = [](std::string_view text) {
    std::vector<std::string> out;
    if (text.find("lower right side of the belly") != std::string_view::npos)
      out.emplace_back("Right lower quadrant pain");
    if (text.find("cough") != std::string_view::npos) out.emplace_back("Cough");
    if (text.find("fever") != std::string_view::npos) out.emplace_back("Fever");
    return out;
  };
  return s;
}

// Aaa's text states a pain on the lower right side of the belly, Bbb's does
// not; both state fever and tiredness, and unrelated topics state fever
// too, so fever is a term most profiles state.
ConditionModel build_model() {
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease",
                      "Aaa disease causes pain on the lower right side of the belly, fever and "
                      "tiredness."));
  a.push_back(article("b", "Bbb disease", "Bbb disease causes a cough, fever and tiredness."));
  const char* words[] = {"freckles", "toenails", "eyelashes", "sunburn", "hiccups"};
  for (int i = 0; i < 5; ++i)
    a.push_back(article("u" + std::to_string(i), "Unrelated topic " + std::to_string(i),
                        std::string("This topic is about ") + words[i] + " and fever."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap, {}, test_reader());
  model.set_concepts(small_ontology());
  return model;
}

void set(ConditionModel& m, double weight, double absent) {
  auto p = m.parameters();
  p.concept_weight = weight;
  p.concept_absent = absent;
  p.main_have = 0;  // only the rule under test moves the scores
  m.set_query_parameters(p);
}

ProfileFinding finding(std::string text, std::vector<std::string> read_as) {
  ProfileFinding f;
  f.text = std::move(text);
  f.expansions = std::move(read_as);
  return f;
}

void expect_explanation_adds_up(const ConditionModel& m, const ProfileQuery& q) {
  for (const auto& r : m.rank(q)) {
    double sum = r.prior;
    for (const auto& e : r.evidence) sum += e.contribution;
    EXPECT_NEAR(sum, r.score, 0.001 * static_cast<double>(r.evidence.size()) + 1e-9)
        << m.profile(r.profile).name;
  }
}

const ProfileEvidence* line_for(const ConditionModel& m, const ProfileQuery& q,
                                std::string_view condition, std::string_view finding,
                                std::vector<RankedProfile>& keep) {
  keep = m.rank(q);
  for (const auto& r : keep) {
    if (m.profile(r.profile).name != condition) continue;
    for (const auto& e : r.evidence)
      if (e.finding == finding) return &e;
  }
  return nullptr;
}

TEST(ProfileConcepts, InformationContentIsCountedOverTheProfilesTexts) {
  const auto m = build_model();
  const auto onto = small_ontology();
  const auto id = [&](std::string_view t) { return *onto->find(t); };
  // 7 profiles read into terms: fever by all 7, the belly pain by one (Aaa,
  // through the more specific term its text states), cough by one.
  EXPECT_NEAR(m.concept_ic(id("HP:0001945")), 0.0, 1e-6);
  EXPECT_NEAR(m.concept_ic(id("HP:0002027")), std::log(7.0), 1e-6);
  EXPECT_NEAR(m.concept_ic(id("HP:0100281")), std::log(7.0), 1e-6);
  EXPECT_NEAR(m.concept_ic(id("HP:0012735")), std::log(7.0), 1e-6);
}

TEST(ProfileConcepts, AFindingMeetsAMoreSpecificTermOfTheProfileThroughTheHierarchy) {
  auto m = build_model();
  // "tummy ache" shares no word with either text; it was read as the
  // general term, which Aaa's text states in a more specific form.
  ProfileQuery q;
  q.present.push_back(finding("tiredness", {}));
  q.present.push_back(finding("tummy ache", {"Abdominal pain"}));
  q.limit = 10;
  set(m, 0, 0);
  const auto before = m.scores(q);
  set(m, 1, 0);
  const auto after = m.scores(q);
  // Profiles are in article order: Aaa 0, Bbb 1.
  EXPECT_NEAR(after[0] - before[0], std::log(7.0), 1e-5);
  EXPECT_DOUBLE_EQ(after[1], before[1]);
  EXPECT_EQ(testing::rank_of(m, q, "Aaa disease"), 1u);
  std::vector<RankedProfile> keep;
  const auto* e = line_for(m, q, "Aaa disease", "tummy ache", keep);
  ASSERT_NE(e, nullptr);
  EXPECT_GT(e->contribution, 0.0);
  EXPECT_NE(std::find(e->words.begin(), e->words.end(), "Abdominal pain"), e->words.end());
  EXPECT_NE(e->quote.find("lower right side of the belly"), std::string::npos) << e->quote;
  expect_explanation_adds_up(m, q);
}

TEST(ProfileConcepts, ATermMostProfilesStateCountsNothing) {
  auto m = build_model();
  ProfileQuery q;
  q.present.push_back(finding("tiredness", {}));
  q.present.push_back(finding("hot and shivery", {"Fever"}));
  set(m, 0, 0);
  const auto before = m.scores(q);
  set(m, 1, 0);
  const auto after = m.scores(q);
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_DOUBLE_EQ(after[i], before[i]) << i;
}

TEST(ProfileConcepts, ADeniedTermCountsAgainstAProfileStatingItOrSomethingUnderIt) {
  auto m = build_model();
  ProfileQuery q;
  q.present.push_back(finding("tiredness", {}));
  q.absent.push_back(finding("no tummy ache", {"Abdominal pain"}));
  q.absent.push_back(finding("no cough", {"Cough"}));
  set(m, 0, 0);
  const auto before = m.scores(q);
  set(m, 0, 1);
  const auto after = m.scores(q);
  // Aaa states the lower right belly pain (under the denied term), Bbb the
  // cough: each loses one term's information content, and no more.
  EXPECT_NEAR(before[0] - after[0], std::log(7.0), 1e-5);
  EXPECT_NEAR(before[1] - after[1], std::log(7.0), 1e-5);
  std::vector<RankedProfile> keep;
  const auto* e = line_for(m, q, "Aaa disease", "no tummy ache", keep);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->absent);
  EXPECT_LT(e->contribution, 0.0);
  expect_explanation_adds_up(m, q);
  // A term the person both has and denies counts for, not against.
  q.present.push_back(finding("a cough", {"Cough"}));
  set(m, 0, 0);
  const auto b2 = m.scores(q);
  set(m, 0, 1);
  const auto a2 = m.scores(q);
  EXPECT_NEAR(b2[1] - a2[1], 0.0, 1e-9);
}

TEST(ProfileConcepts, WithoutTheOntologyNothingChanges) {
  std::vector<Article> a;
  a.push_back(article("a", "Aaa disease", "Aaa disease causes a cough."));
  a.push_back(article("b", "Bbb disease", "Bbb disease causes a fever."));
  const Snapshot snap(std::move(a));
  auto m = ConditionModel::build(snap, {}, test_reader());
  EXPECT_FALSE(m.has_concepts());
  ProfileQuery q;
  q.present.push_back(finding("cough", {"Cough"}));
  q.absent.push_back(finding("fever", {"Fever"}));
  set(m, 0, 0);
  const auto before = m.scores(q);
  set(m, 1, 1);
  EXPECT_EQ(m.scores(q), before);
}

}  // namespace
}  // namespace symptomdb::checker
