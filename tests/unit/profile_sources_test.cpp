// Profile sources besides the articles (src/checker/profile_sources.hpp):
// annotated findings for a condition the articles only name, and who a
// condition's text says it affects, weighed against the person's age and sex.
#include <gtest/gtest.h>

#include <algorithm>

#include "checker/conditions.hpp"
#include "checker/profile_sources.hpp"
#include "engine/snapshot.hpp"
#include "unit/profile_fixture.hpp"

namespace symptomdb::checker {
namespace {

Article named(std::string slug, std::string name, std::string symptoms) {
  return testing::condition_entry(std::move(slug), std::move(name), std::move(symptoms), "ADAM");
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
  // The group after "than" is the one less affected.
  const auto g = who_is_affected(
      "Gout",
      "Gout is more common in men than in women and more common in adults than in children.", "");
  EXPECT_TRUE(g.men);
  EXPECT_FALSE(g.women);
  EXPECT_FALSE(g.children);
  EXPECT_TRUE(who_is_affected("X", "It is more common in women than men.", "").women);
  // An age after "than" is no comparison group.
  EXPECT_TRUE(who_is_affected("X", "It is more common in people older than 65.", "").older);
  // Both sexes named: nothing said about either.
  EXPECT_FALSE(who_is_affected("X", "It is more common in men and women over 40.", "").any());
  // A group named without a statement of frequency says nothing.
  EXPECT_FALSE(who_is_affected("X", "Children and their parents should wash hands.", "").any());
  EXPECT_TRUE(who_is_affected("X", "It mostly affects children under 5.", "").children);
  EXPECT_TRUE(who_is_affected("X", "Older adults are at higher risk.", "").older);
  EXPECT_TRUE(who_is_affected("Ectopic pregnancy", "", "").pregnancy);
  EXPECT_TRUE(who_is_affected("X", "", "X is a complication of pregnancy.").pregnancy);
}

// In a sentence that names kin, "children" are someone's offspring, not the
// age group the condition affects most.
TEST(ProfileSources, ChildrenNamedAsKinAreNoAgeGroup) {
  EXPECT_FALSE(who_is_affected("X",
                               "Parents, siblings, or children of a person who has had X are "
                               "somewhat more likely to develop X themselves.",
                               "")
                   .children);
  EXPECT_FALSE(who_is_affected("X",
                               "Babies born to mothers who had X are also more likely to "
                               "develop obesity.",
                               "")
                   .children);
  // Without kin, children are the group.
  EXPECT_TRUE(who_is_affected("X", "X is more common in children than in adults.", "").children);
  EXPECT_TRUE(who_is_affected("X", "Babies born early are more likely to have X.", "").children);
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

// A made-up reader standing in for the HPO interpreter: one phrase, one name.
ProfileSources reading_sources() {
  ProfileSources s;
  s.read_findings = [](std::string_view text) {
    std::vector<std::string> out;
    if (text.find("water comes out red") != std::string_view::npos) out.emplace_back("Redurina");
    return out;
  };
  return s;
}

TEST(ProfileSources, TheTextIsReadAsFindingsSoThatOtherWordingsMeet) {
  std::vector<Article> a;
  a.push_back(testing::condition_entry(
      "g", "General stone",
      "A general stone hurts in the side, and the water comes out red after "
      "a long walk; the ache comes and goes for hours.",
      "MPlusHealthTopics"));
  a.push_back(testing::condition_entry(
      "r", "Rare stone",
      "A rare stone hurts in the side, and the water comes out red after a "
      "long walk; the ache comes and goes for hours.",
      "GARD"));
  const Snapshot snap(std::move(a));
  ProfileQuery q;
  q.present = {{"redurina", {}}};
  EXPECT_TRUE(ConditionModel::build(snap).rank(q).empty());  // no reader: the word is unknown
  const auto model = ConditionModel::build(snap, {}, reading_sources());
  ASSERT_EQ(model.size(), 2u);  // both have a profile
  const auto ranked = model.rank(q);
  // The general topic is read; the rare collection's text is not (its
  // symptom lists are already finding names).
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(model.profile(ranked[0].profile).name, "General stone");
  ProfileParameters off;
  off.weight_readings = 0;
  EXPECT_TRUE(ConditionModel::build(snap, off, reading_sources()).rank(q).empty());
}

TEST(ProfileSources, AnotherEntryOfTheSameConditionAddsItsSymptomText) {
  auto snapshot = [](std::size_t extra_sharing) {
    std::vector<Article> a;
    a.push_back(
        testing::condition_entry("thin", "Pebble disease",
                                 "Pebble disease is a common problem of the kidneys that many "
                                 "people have at some time in their lives. Doctors treat it "
                                 "with medicines, plenty of water and sometimes an operation.",
                                 "MPlusHealthTopics", {{}, {"C9"}}));
    a.push_back(testing::condition_entry("full", "Pebble disease in adults",
                                         "Adults with pebble disease have sharp flank pain "
                                         "that comes in waves, with nausea, vomiting, sweating, "
                                         "restlessness and sometimes pink or cloudy urine.",
                                         "NIDDK", {{}, {"C9"}}));
    for (std::size_t i = 0; i < extra_sharing; ++i)
      a.push_back(testing::condition_entry(
          "x" + std::to_string(i), "Other thing " + std::to_string(i),
          "Other thing causes tiredness, a dry mouth and a headache in the afternoon for weeks.",
          "MPlusHealthTopics", {{}, {"C9"}}));
    return Snapshot(std::move(a));
  };
  ProfileQuery q;
  q.present = {{"flank pain in waves", {}}};
  auto names_of = [](const ConditionModel& m, const std::vector<RankedProfile>& r) {
    std::vector<std::string> out;
    for (const auto& x : r) out.push_back(m.profile(x.profile).name);
    return out;
  };
  const auto snap = snapshot(0);
  // Which collections a condition is in is another rule (specialist_prior,
  // ProfileRank tests): off here, so that only the text decides.
  ProfileParameters text_only;
  text_only.specialist_prior = 0;
  const auto model = ConditionModel::build(snap, text_only);
  ASSERT_EQ(model.size(), 2u);  // both have text of their own
  const auto ranked = model.rank(q);
  const auto names = names_of(model, ranked);
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0], "Pebble disease in adults");  // its own text first
  EXPECT_EQ(names[1], "Pebble disease");
  // Explained from the other entry's sentence, which says where it is from.
  ASSERT_FALSE(ranked[1].evidence.empty());
  EXPECT_EQ(ranked[1].evidence[0].section, "symptoms (Pebble disease in adults)");
  ProfileParameters off;
  off.weight_kin = 0;
  EXPECT_EQ(names_of(model, ConditionModel::build(snap, off).rank(q)).size(), 1u);
  // A CUI that many entries share is too broad to say they are one condition.
  const auto broad = snapshot(4);
  const auto wide = ConditionModel::build(broad);
  EXPECT_EQ(names_of(wide, wide.rank(q)), std::vector<std::string>{"Pebble disease in adults"});
}

TEST(ProfileSources, AnEntryListingAnothersNameAsASynonymSharesItsSymptomText) {
  // No CUI in common: the synonym list alone says the two are one condition.
  auto snapshot = [](std::vector<std::string> synonyms, bool second_of_that_name) {
    std::vector<Article> a;
    a.push_back(testing::condition_entry(
        "thin", "Stone ache",
        "Stone ache is a common problem of the kidneys that many people have at some time in "
        "their lives. Doctors treat it with medicines, plenty of water and an operation.",
        "MPlusADAM", {std::move(synonyms), {"C1"}}));
    a.push_back(testing::condition_entry("full", "Pebble disease",
                                         "People with pebble disease have sharp flank pain that "
                                         "comes in waves, with nausea, vomiting and sweating.",
                                         "MPlusHealthTopics", {{}, {"C2"}}));
    if (second_of_that_name)
      a.push_back(testing::condition_entry(
          "other", "Pebble diseases",
          "Pebble diseases of goats causes tiredness, a dry mouth and a headache for weeks.",
          "GARD", {{}, {"C3"}}));
    return Snapshot(std::move(a));
  };
  ProfileQuery q;
  q.present = {{"flank pain in waves", {}}};
  auto ranks = [&](const Snapshot& snap, std::string_view name) {
    const auto model = ConditionModel::build(snap);
    for (const auto& r : model.rank(q))
      if (model.profile(r.profile).name == name) return true;
    return false;
  };
  EXPECT_TRUE(ranks(snapshot({"Pebble disease"}, false), "Stone ache"));
  // Without the listing, or when two entries bear the listed name (here
  // written apart only by a plural: which of them is meant is not said),
  // nothing is lent.
  EXPECT_FALSE(ranks(snapshot({}, false), "Stone ache"));
  EXPECT_FALSE(ranks(snapshot({"Pebble disease"}, true), "Stone ache"));
}

}  // namespace
}  // namespace symptomdb::checker
