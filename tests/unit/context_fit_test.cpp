// The person's context against a condition's own text
// (src/checker/context_fit.hpp): history against the risk and cause
// sections, the course of the story against the course the text states, and
// who the text says a condition affects, each an explained adjustment. The
// texts are test data, not medical statements.
#include <gtest/gtest.h>

#include <algorithm>

#include "checker/conditions.hpp"
#include "checker/context_fit.hpp"
#include "checker/description.hpp"
#include "checker/profile_sources.hpp"
#include "engine/snapshot.hpp"
#include "unit/profile_fixture.hpp"

namespace symptomdb::checker {
namespace {

Article with_section(Article a, SectionType type, std::string text) {
  Section s;
  s.type = type;
  s.intro = std::move(text);
  a.sections.push_back(std::move(s));
  return a;
}

Article entry(std::string slug, std::string name, std::string symptoms) {
  return testing::condition_entry(std::move(slug), std::move(name),
                                  testing::with_filler(std::move(symptoms)), "MPlusHealthTopics");
}

ProfileQuery query(std::string_view text, std::string_view history = {}) {
  const auto d = read_description(text);
  ProfileQuery q;
  for (const auto& f : d.findings) (f.negated ? q.absent : q.present).push_back({f.text, {}});
  q.age_years = d.age_years;
  q.female = d.female;
  q.context = context_of(d, history);
  return q;
}

const ProfileEvidence* overall_line(const RankedProfile& r, std::string_view starts) {
  for (const auto& e : r.evidence)
    if (e.overall && e.finding.rfind(starts, 0) == 0) return &e;
  return nullptr;
}

TEST(ContextFit, HistoryIsReadIntoPhrasesWithoutNegationsOrNone) {
  EXPECT_TRUE(context_of(read_description("cough"), "None").history.empty());
  EXPECT_TRUE(context_of(read_description("cough"), "-").history.empty());
  const auto q =
      context_of(read_description("cough"), "Hypertension. Smokes cigarettes. No allergies.");
  ASSERT_EQ(q.history.size(), 2u);
  EXPECT_EQ(q.history[0], "hypertension");
  EXPECT_EQ(q.history[1], "smokes cigarettes");
  EXPECT_TRUE(context_of(read_description("It started suddenly with a cough.")).sudden);
  EXPECT_TRUE(context_of(read_description("A cough that came on gradually.")).gradual);
  EXPECT_EQ(context_of(read_description("A cough for 3 weeks.")).duration_days, 21);
}

// Two conditions: the first fits a cough with wheezing better, the second's
// risk section names smoking.
Snapshot risk_snapshot() {
  std::vector<Article> a;
  a.push_back(with_section(entry("a", "Aaa disease", "Aaa disease causes a cough and wheezing."),
                           SectionType::susceptibility,
                           "Living near farms and working outdoors raise the risk."));
  a.push_back(with_section(entry("b", "Bbb disease", "Bbb disease causes a cough."),
                           SectionType::susceptibility,
                           "Smoking cigarettes and heavy drinking raise the risk."));
  return Snapshot(std::move(a));
}

TEST(ContextFit, AHistoryTheRiskSectionNamesRaisesTheConditionAndSaysWhy) {
  const auto snap = risk_snapshot();
  auto model = testing::without_about(ConditionModel::build(snap));
  ASSERT_GT(model.parameters().risk_weight, 0);
  // Without history the one with wheezing comes first.
  EXPECT_EQ(testing::rank_of(model, query("cough and wheezing"), "Aaa disease"), 1u);
  const auto with = query("cough and wheezing", "She smokes cigarettes every day.");
  EXPECT_EQ(testing::rank_of(model, with, "Bbb disease"), 1u);
  const auto base = model.scores(query("cough and wheezing"));
  const auto s = model.scores(with);
  EXPECT_DOUBLE_EQ(s[0], base[0]);  // its risk text names none of it
  EXPECT_DOUBLE_EQ(s[1] - base[1], model.parameters().risk_weight);
  const auto ranked = model.rank(with);
  ASSERT_FALSE(ranked.empty());
  const auto* line = overall_line(ranked[0], "in your history");
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->words, std::vector<std::string>{"she smokes cigarettes every day"});
  EXPECT_NE(line->quote.find("Smoking cigarettes"), std::string::npos);
  EXPECT_EQ(line->section, "susceptibility");
  EXPECT_DOUBLE_EQ(line->contribution, model.parameters().risk_weight);
  // "smoker" names the habit its text calls "smoking".
  EXPECT_DOUBLE_EQ(model.scores(query("cough and wheezing", "A heavy smoker."))[1] - base[1],
                   model.parameters().risk_weight);
  // Off at 0.
  auto off = model.parameters();
  off.risk_weight = 0;
  model.set_query_parameters(off);
  EXPECT_EQ(testing::rank_of(model, with, "Aaa disease"), 1u);
  EXPECT_EQ(overall_line(model.rank(with)[0], "in your history"), nullptr);
}

TEST(ContextFit, AWordEveryRiskTextUsesNamesNoRiskFactor) {
  // "risk" and "raise" are in both risk sections: a history that shares only
  // them (and words no risk text has) moves nothing.
  const auto snap = risk_snapshot();
  auto model = ConditionModel::build(snap);
  auto p = model.parameters();
  p.risk_share = 0.5;  // a word in both of the two profiles is too common
  model.set_query_parameters(p);
  const auto base = model.scores(query("cough and wheezing"));
  const auto s = model.scores(query("cough and wheezing", "Raised risk of falls."));
  EXPECT_DOUBLE_EQ(s[0], base[0]);
  EXPECT_DOUBLE_EQ(s[1], base[1]);
}

TEST(ContextFit, TheCourseOfTheStoryMeetsTheCourseTheTextStates) {
  std::vector<Article> a;
  a.push_back(
      entry("a", "Aaa disease", "Aaa disease causes pain in the knee. It starts suddenly."));
  a.push_back(entry("b", "Bbb disease",
                    "Bbb disease causes pain in the knee. It starts slowly over years."));
  a.push_back(entry("c", "Chronic ccc disease", "Ccc disease causes pain in the elbow."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  ASSERT_EQ(model.size(), 3u);
  EXPECT_EQ(model.context().stated_course(0), 1);
  EXPECT_EQ(model.context().stated_course(1), -1);
  EXPECT_EQ(model.context().stated_course(2), -1);  // its name says so
  auto p = model.parameters();
  p.onset_weight = 1;
  model.set_query_parameters(p);
  const auto sudden = query("Knee pain that started suddenly this morning.");
  const auto slow = query("Knee pain that has come on gradually.");
  EXPECT_EQ(model.context().course_of(sudden.context, p), Course::acute);
  EXPECT_EQ(model.context().course_of(slow.context, p), Course::chronic);
  EXPECT_EQ(testing::rank_of(model, sudden, "Aaa disease"), 1u);
  EXPECT_EQ(testing::rank_of(model, slow, "Bbb disease"), 1u);
  const auto ranked = model.rank(slow);
  const auto* line = overall_line(ranked[0], "it usually develops gradually, as yours did");
  ASSERT_NE(line, nullptr);
  EXPECT_NE(line->quote.find("slowly over years"), std::string::npos);
  EXPECT_DOUBLE_EQ(line->contribution, 1);
  // A long duration alone reads as chronic; a few days as acute.
  EXPECT_EQ(model.context().course_of(query("Knee pain for 2 years.").context, p), Course::chronic);
  EXPECT_EQ(model.context().course_of(query("Knee pain for 2 days.").context, p), Course::acute);
  EXPECT_EQ(model.context().course_of(query("Knee pain.").context, p), Course::unknown);
  // A course read from a duration alone is said as one: "for 2 days" never
  // said that it came on suddenly.
  const auto days = model.rank(query("Knee pain for 2 days."));
  ASSERT_FALSE(days.empty());
  EXPECT_EQ(testing::rank_of(model, query("Knee pain for 2 days."), "Aaa disease"), 1u);
  EXPECT_NE(overall_line(days[0], "it usually comes on suddenly, and yours began only days ago"),
            nullptr);
  for (const auto& e : days[0].evidence)
    EXPECT_EQ(e.finding.find("as yours did"), std::string::npos) << e.finding;
  const auto years = model.rank(query("Knee pain for 2 years."));
  EXPECT_NE(
      overall_line(years[0], "it usually develops gradually, and yours has lasted a long time"),
      nullptr);
  const auto said = model.rank(query("Knee pain that started suddenly this morning."));
  EXPECT_NE(overall_line(said[0], "it usually comes on suddenly, as yours did"), nullptr);
}

TEST(ContextFit, WhoTheTextSaysItAffectsIsExplainedForThePerson) {
  std::vector<Article> a;
  a.push_back(with_section(entry("a", "Aaa disease", "Aaa disease causes a rash and itching."),
                           SectionType::frequency, "It is more common in children."));
  // The same "common" statement, for no group of people.
  a.push_back(with_section(entry("b", "Bbb disease", "Bbb disease causes a rash and itching."),
                           SectionType::frequency, "It is more common in summer."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  ASSERT_TRUE(model.profile(0).affected.children);
  ASSERT_FALSE(model.profile(1).affected.any());
  auto adult = query("A 61 year old man with a rash and itching.");
  ASSERT_EQ(adult.age_years, 61);
  auto ranked = model.rank(adult);
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(model.profile(ranked[0].profile).name, "Bbb disease");  // less, never out
  const auto* line = overall_line(ranked[1], "more common in children");
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->finding, "more common in children, and you are 61");
  EXPECT_LT(line->contribution, 0);
  ranked = model.rank(query("A 6 year old boy with a rash and itching."));
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(model.profile(ranked[0].profile).name, "Aaa disease");
  line = overall_line(ranked[0], "more common in children");
  ASSERT_NE(line, nullptr);
  EXPECT_GT(line->contribution, 0);
  // Nothing said of age: no line.
  EXPECT_EQ(overall_line(model.rank(query("a rash and itching"))[0], "more common"), nullptr);
}

TEST(ContextFit, AffectedReasonNamesEachGroupThatCounts) {
  Affected a;
  a.women = true;
  a.older = true;
  EXPECT_EQ(affected_reason(a, 70, true),
            "more common in older adults, and you are 70; more common in women, and you are a "
            "woman");
  // An adult under 60 is neither helped nor held back by "older adults".
  EXPECT_EQ(affected_reason(a, 40, false), "more common in women, and you are a man");
  EXPECT_EQ(affected_reason(a, std::nullopt, std::nullopt), "");
  Affected preg;
  preg.pregnancy = true;
  EXPECT_EQ(affected_reason(preg, 30, false),
            "about pregnancy, which does not fit your age or sex");
}

}  // namespace
}  // namespace symptomdb::checker
