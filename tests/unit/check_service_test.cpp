// The checker run as a service (checker/service), without a server: reading
// ids and words, what is set aside and why, the request's bounds, the
// contradiction, the emergency notice, the explanations and sources of the
// ranked conditions. Over the small HPO-shaped fixture (made-up diseases).
#include "checker/service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "unit/checker_fixture.hpp"

namespace symptomdb::checker {
namespace {

class CheckService : public ::testing::Test {
 protected:
  CheckService()
      : onto_(testing::checker_ontology()),
        checker_(Checker::build(onto_, testing::checker_annotations())),
        interpreter_(onto_),
        red_flags_(*onto_) {}

  CheckResources resources() const {
    return {.ontology = *onto_,
            .checker = checker_,
            .interpreter = interpreter_,
            .red_flags = red_flags_,
            .hpo_version = "test",
            .annotations_version = "2025-05-06"};
  }
  CheckResult ok(const CheckRequest& in) const {
    auto r = run_check(resources(), in);
    if (auto* e = std::get_if<CheckError>(&r)) ADD_FAILURE() << e->message;
    return std::get<CheckResult>(std::move(r));
  }
  CheckError error(const CheckRequest& in) const {
    auto r = run_check(resources(), in);
    EXPECT_TRUE(std::holds_alternative<CheckError>(r));
    return std::holds_alternative<CheckError>(r) ? std::get<CheckError>(r)
                                                 : CheckError{CheckErrorCode::bad_limit, ""};
  }
  std::string id(TermIndex t) const { return onto_->term(t).id; }
  const Disease& disease(const Condition& c) const { return checker_.disease(c.ranked.disease); }

  std::shared_ptr<const ontology::Ontology> onto_;
  Checker checker_;
  Interpreter interpreter_;
  RedFlagTerms red_flags_;
};

TEST_F(CheckService, ReadsIdsAndWordsAndMapsOldIdsToCurrentTerms) {
  const auto r =
      ok({.present = {"hp:0003202", "muscle twitch", "HP:0002468"}, .excluded = {"HP:0009999"}});
  ASSERT_EQ(r.readings.size(), 3u);             // the alternative id is the twitch's term again
  EXPECT_EQ(r.readings[0].text, "HP:0003202");  // an id is given back in capitals
  EXPECT_EQ(r.readings[0].matched, "");
  EXPECT_EQ(r.readings[1].text, "muscle twitch");
  EXPECT_EQ(id(r.readings[1].term), "HP:0002380");
  EXPECT_EQ(r.readings[1].matched, "Muscle twitch");
  EXPECT_TRUE(r.readings[2].excluded);
  EXPECT_EQ(id(r.readings[2].term), "HP:0001251");  // obsolete, replaced by Ataxia
  EXPECT_TRUE(r.any_present());
  EXPECT_TRUE(r.unmatched.empty());
}

TEST_F(CheckService, SetsAsideUnknownIdsAndUnreadWordsAndRanksTheRest) {
  const auto r = ok({.present = {"HP:0003202", "HP:9999998", "purple elephant", "  "}});
  ASSERT_EQ(r.unmatched.size(), 2u);
  EXPECT_EQ(r.unmatched[0].text, "HP:9999998");
  EXPECT_EQ(r.unmatched[0].reason, UnmatchedReason::not_in_release);
  EXPECT_NE(r.unmatched[0].message.find("HPO release test"), std::string::npos);
  EXPECT_EQ(r.unmatched[1].text, "purple elephant");
  EXPECT_EQ(r.unmatched[1].reason, UnmatchedReason::not_understood);
  EXPECT_EQ(to_string(r.unmatched[1].reason), "not_understood");
  ASSERT_EQ(r.readings.size(), 1u);  // the blank one is no finding at all
  ASSERT_FALSE(r.conditions.empty());
}

TEST_F(CheckService, NothingPresentUnderstoodRanksNothing) {
  const auto r = ok({.present = {"purple elephant"}, .excluded = {"HP:0003202"}});
  EXPECT_FALSE(r.any_present());
  EXPECT_TRUE(r.conditions.empty());
  EXPECT_EQ(r.readings.size(), 1u);
}

TEST_F(CheckService, BoundsOfARequest) {
  EXPECT_FALSE(validate({.present = {"x"}, .limit = kMaxLimit}));
  EXPECT_EQ(error({.present = {"HP:0003202"}, .limit = 0}).code, CheckErrorCode::bad_limit);
  const auto over = error({.present = {"HP:0003202"}, .limit = kMaxLimit + 1});
  EXPECT_EQ(over.message, "limit must be a whole number from 1 to 200.");
  EXPECT_EQ(error({.present = {"HP:0003202"}, .age_years = 131.0}).code, CheckErrorCode::bad_age);
  EXPECT_EQ(error({.present = {"HP:0003202"}, .age_years = -1.0}).code, CheckErrorCode::bad_age);
  CheckRequest many{.present = std::vector<std::string>(kMaxFindings / 2, "HP:0003202"),
                    .excluded = std::vector<std::string>(kMaxFindings / 2, "HP:0001251")};
  EXPECT_FALSE(validate(many));  // 500 in all is allowed
  many.excluded.push_back("HP:0001250");
  const auto too_many = error(many);
  EXPECT_EQ(too_many.code, CheckErrorCode::too_many_symptoms);
  EXPECT_EQ(to_string(too_many.code), "too_many_symptoms");
  EXPECT_NE(too_many.message.find("500"), std::string::npos);
  const auto long_one = error({.present = {std::string(kMaxFindingChars + 1, 'a')}});
  EXPECT_EQ(long_one.code, CheckErrorCode::symptom_too_long);
}

TEST_F(CheckService, ATermBothPresentAndExcludedIsAContradiction) {
  const auto e = error({.present = {"muscle wasting"}, .excluded = {"HP:0003202"}});
  EXPECT_EQ(e.code, CheckErrorCode::contradiction);
  EXPECT_EQ(e.message, "\"Skeletal muscle atrophy\" is given both as present and as not present.");
  // The same term twice on one side is read once.
  EXPECT_EQ(ok({.present = {"muscle wasting", "HP:0003202"}}).readings.size(), 1u);
}

TEST_F(CheckService, ARedFlagTermRaisesTheEmergencyNotice) {
  const auto r = ok({.present = {"HP:0007359", "HP:0003202"}});  // below Seizure
  ASSERT_TRUE(r.emergency);
  EXPECT_EQ(r.emergency->kinds, std::vector<std::string>{"seizure"});
  ASSERT_EQ(r.emergency->findings.size(), 1u);
  EXPECT_EQ(id(r.emergency->findings[0]), "HP:0007359");
  EXPECT_FALSE(r.emergency->message.empty());
  EXPECT_FALSE(ok({.present = {"HP:0003202"}}).emergency);
  // Excluded, it raises nothing.
  EXPECT_FALSE(ok({.present = {"HP:0003202"}, .excluded = {"HP:0007359"}}).emergency);
}

TEST_F(CheckService, ConditionsAreExplainedFindingByFindingWithSources) {
  const auto r = ok({.present = {"HP:0003202", "HP:0002380"}, .excluded = {"HP:0001251"}});
  ASSERT_FALSE(r.conditions.empty());
  const Condition& top = r.conditions[0];
  EXPECT_EQ(disease(top).id, "OMIM:1");
  ASSERT_EQ(top.ranked.matched.size(), 3u);
  ASSERT_EQ(top.details.size(), 3u);
  EXPECT_EQ(top.details[0].relation, Relation::same);
  ASSERT_TRUE(top.details[1].frequency);
  EXPECT_DOUBLE_EQ(*top.details[1].frequency, 1.0);  // "1/1"
  EXPECT_TRUE(top.ranked.matched[2].excluded);
  // Every condition shown has a present finding speaking for it.
  for (const auto& c : r.conditions)
    EXPECT_TRUE(std::any_of(c.ranked.matched.begin(), c.ranked.matched.end(), [](const Match& m) {
      return !m.excluded && m.contribution > 0;
    })) << disease(c).id;
  // OMIM:1 has a record page and the annotations, which carry their licence.
  ASSERT_EQ(top.sources.size(), 2u);
  EXPECT_EQ(top.sources[0].name, "OMIM");
  EXPECT_EQ(top.sources[0].url, "https://omim.org/entry/1");
  EXPECT_EQ(top.sources[1].name, "HPO annotations");
  EXPECT_EQ(top.sources[1].version, "2025-05-06");
  EXPECT_FALSE(top.sources[1].license.empty());
}

TEST_F(CheckService, ACuratedNotAnnotationIsShownAsAbsent) {
  // OMIM:4 is annotated NOT to have ataxia.
  const auto r = ok({.present = {"HP:0002197", "HP:0001251"}, .limit = 10});
  const auto it = std::find_if(r.conditions.begin(), r.conditions.end(),
                               [&](const Condition& c) { return disease(c).id == "OMIM:4"; });
  ASSERT_NE(it, r.conditions.end());
  ASSERT_EQ(it->ranked.matched.size(), 2u);
  EXPECT_TRUE(it->details[1].disease_term_absent);
  EXPECT_FALSE(it->details[1].frequency);
  EXPECT_LT(it->ranked.matched[1].contribution, 0);
}

TEST_F(CheckService, RelationsAndLimit) {
  // Seizure asked; OMIM:2 lists a focal-onset seizure (more specific).
  const auto r = ok({.present = {"HP:0001250"}, .limit = 1});
  ASSERT_EQ(r.conditions.size(), 1u);
  const auto all = ok({.present = {"HP:0001250"}, .limit = 10});
  const auto it = std::find_if(all.conditions.begin(), all.conditions.end(),
                               [&](const Condition& c) { return disease(c).id == "OMIM:2"; });
  ASSERT_NE(it, all.conditions.end());
  EXPECT_EQ(it->details[0].relation, Relation::more_specific);
  EXPECT_EQ(to_string(Relation::more_general), "more_general");
}

TEST(DiseaseSources, OneListForEveryPage) {
  Disease d;
  d.id = "ORPHA:558";
  auto s = disease_sources(d, "v1");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].name, "Orphanet");
  EXPECT_EQ(s[0].url, "https://www.orpha.net/en/disease/detail/558");
  EXPECT_TRUE(s[0].license.empty());
  EXPECT_EQ(s[1].url, "https://hpo.jax.org/browse/disease/ORPHA:558");
  d.id = "MONDO:1";  // no record page: the annotations only
  s = disease_sources(d, "v1");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].name, "HPO annotations");
  EXPECT_EQ(disease_source_name("DECIPHER:7"), "DECIPHER");
}

}  // namespace
}  // namespace symptomdb::checker
