// Profile sources besides the articles (src/checker/profile_sources.hpp):
// annotated findings for a condition the articles only name, and who a
// condition's text says it affects, weighed against the person's age and sex.
#include <gtest/gtest.h>

#include <algorithm>

#include "checker/conditions.hpp"
#include "checker/profile_sources.hpp"
#include "engine/snapshot.hpp"

namespace symptomdb::checker {
namespace {

Article named(std::string slug, std::string name, std::string symptoms) {
  Article a;
  a.slug = std::move(slug);
  a.title = name;
  a.condition.name = std::move(name);
  a.collection = "ADAM";
  a.license = "test";
  if (!symptoms.empty()) {
    Section s;
    s.type = SectionType::symptoms;
    s.intro = std::move(symptoms);
    a.sections.push_back(std::move(s));
  }
  return a;
}

ProfileSources annotations() {
  ProfileSources s;
  s.annotations_source = "HPO annotations";
  s.annotated.push_back(
      {"UNDULANT FEVER",
       {"Fever", "Night sweats", "Arthralgia", "Hepatomegaly", "Splenomegaly", "Fatigue",
        "Weight loss", "Headache", "Back pain", "Lymphadenopathy", "Chills", "Myalgia"}});
  s.annotated.push_back({"Described disease", {"Polydactyly", "Cleft palate"}});
  return s;
}

Snapshot annotated_snapshot() {
  std::vector<Article> a;
  a.push_back(named("uf", "Undulant fever", ""));  // a name only
  a.push_back(named("dd", "Described disease",
                    "Described disease causes a rash on the arms, itching that is worse at night "
                    "and small blisters between the fingers that come and go for weeks."));
  return Snapshot(std::move(a));
}

TEST(ProfileSources, AnnotationsGiveAProfileToAConditionTheArticlesOnlyName) {
  const auto snap = annotated_snapshot();
  EXPECT_EQ(ConditionModel::build(snap).size(), 1u);  // without annotations: text only
  const auto model = ConditionModel::build(snap, {}, annotations());
  ASSERT_EQ(model.size(), 2u);
  ProfileQuery q;
  q.present = {{"night sweats", {}}, {"enlarged spleen splenomegaly", {}}};
  const auto ranked = model.rank(q);
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(model.profile(ranked[0].profile).name, "Undulant fever");
  ASSERT_FALSE(ranked[0].evidence.empty());
  EXPECT_EQ(ranked[0].evidence[0].section, "HPO annotations");
  // By default a condition the articles describe keeps its own text only.
  ProfileQuery cleft;
  cleft.present = {{"cleft palate", {}}};
  EXPECT_TRUE(model.rank(cleft).empty());
  ProfileParameters all;
  all.annotate_described = true;
  EXPECT_FALSE(ConditionModel::build(snap, all, annotations()).rank(cleft).empty());
}

TEST(ProfileSources, WhoIsAffectedNeedsAStatementOfFrequencyAboutOneGroup) {
  const auto a =
      who_is_affected("Gout", "Gout is more common in men than in others. It hurts.", "");
  EXPECT_TRUE(a.men);
  EXPECT_FALSE(a.women);
  // Both sexes named: nothing said about either.
  EXPECT_FALSE(who_is_affected("X", "It is more common in men and women over 40.", "").any());
  // A group named without a statement of frequency says nothing.
  EXPECT_FALSE(who_is_affected("X", "Children and their parents should wash hands.", "").any());
  EXPECT_TRUE(who_is_affected("X", "It mostly affects children under 5.", "").children);
  EXPECT_TRUE(who_is_affected("X", "Older adults are at higher risk.", "").older);
  EXPECT_TRUE(who_is_affected("Ectopic pregnancy", "", "").pregnancy);
  EXPECT_TRUE(who_is_affected("X", "", "X is a complication of pregnancy.").pregnancy);
}

TEST(ProfileSources, AffectedPriorRewardsTheGroupAndRulesOutPregnancyForMen) {
  Affected kids;
  kids.children = true;
  EXPECT_GT(affected_prior(kids, 6.0, std::nullopt, 0.5), 0);
  EXPECT_LT(affected_prior(kids, 40.0, std::nullopt, 0.5), 0);
  EXPECT_EQ(affected_prior(kids, std::nullopt, std::nullopt, 0.5), 0);
  EXPECT_EQ(affected_prior(kids, 6.0, std::nullopt, 0.0), 0);
  Affected women;
  women.women = true;
  EXPECT_GT(affected_prior(women, 30.0, true, 0.5), 0);
  EXPECT_LT(affected_prior(women, 30.0, false, 0.5), 0);
  Affected pregnancy;
  pregnancy.pregnancy = true;
  EXPECT_EQ(affected_prior(pregnancy, 28.0, true, 0.5), 0);
  EXPECT_LT(affected_prior(pregnancy, 28.0, false, 0.5), -1.0);
  EXPECT_LT(affected_prior(pregnancy, 70.0, true, 0.5), -1.0);
}

}  // namespace
}  // namespace symptomdb::checker
