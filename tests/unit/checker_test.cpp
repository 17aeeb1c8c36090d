#include "checker/checker.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "unit/checker_fixture.hpp"

namespace symptomdb::checker {
namespace {

class Checker_ : public ::testing::Test {
 protected:
  // The mechanisms are tested without the per-disease size scale, which
  // would otherwise mix each disease's total into every comparison (it has
  // a test of its own below).
  Checker_()
      : checker_(Checker::build(testing::checker_ontology(), testing::checker_annotations(),
                                Parameters{.size_exponent = 0.0})) {}

  TermIndex t(std::string_view id) const { return *checker_.ontology().find(id); }
  QueryTerm q(std::string_view id) const { return {t(id), std::string(id)}; }
  std::string top(const std::vector<Ranked>& r) const {
    return checker_.disease(r.at(0).disease).id;
  }
  // Position of a disease in a result, or -1.
  int position(const std::vector<Ranked>& r, std::string_view id) const {
    for (std::size_t i = 0; i < r.size(); ++i)
      if (checker_.disease(r[i].disease).id == id) return static_cast<int>(i);
    return -1;
  }
  const Ranked& of(const std::vector<Ranked>& r, std::string_view id) const {
    return r.at(static_cast<std::size_t>(position(r, id)));
  }
  Query query(std::vector<QueryTerm> present, std::vector<QueryTerm> excluded = {}) const {
    Query qu;
    qu.present = std::move(present);
    qu.excluded = std::move(excluded);
    qu.limit = 100;
    return qu;
  }

  Checker checker_;
};

TEST_F(Checker_, BuildsDiseasesAndMapsAlternativeIds) {
  EXPECT_EQ(checker_.disease_count(), 6u);
  EXPECT_EQ(checker_.annotations_version(), "2025-05-06");
  EXPECT_EQ(checker_.unknown_term_ids(), 1u);
  const auto d6 = checker_.find_disease("OMIM:6");
  ASSERT_TRUE(d6);
  const Disease& d = checker_.disease(*d6);
  ASSERT_EQ(d.present.size(), 2u);  // the alternative and the obsolete id, mapped; unknown dropped
  std::vector<TermIndex> terms = {d.present[0].term, d.present[1].term};
  EXPECT_NE(std::find(terms.begin(), terms.end(), t("HP:0002380")), terms.end());
  EXPECT_NE(std::find(terms.begin(), terms.end(), t("HP:0001251")), terms.end());
  EXPECT_FALSE(checker_.find_disease("OMIM:404"));

  const Disease& d1 = checker_.disease(*checker_.find_disease("OMIM:1"));
  ASSERT_EQ(d1.inheritance.size(), 1u);
  EXPECT_EQ(d1.inheritance[0], t("HP:0000006"));
  EXPECT_EQ(checker_.disease(*checker_.find_disease("ORPHA:5")).only_sex, Sex::female);
  EXPECT_FALSE(d1.only_sex);
  // Ancestors carry their descendants' annotations: every disease with a
  // phenotype is under "Phenotypic abnormality", so its IC is 0.
  EXPECT_NEAR(checker_.information_content(t("HP:0000118")), 0.0, 1e-12);
  EXPECT_GT(checker_.information_content(t("HP:0007359")),
            checker_.information_content(t("HP:0001250")));
}

TEST_F(Checker_, AnnotatedDescendantRanksFirst) {
  // OMIM:2 is annotated with Focal-onset seizure, a descendant of Seizure.
  const auto r = checker_.rank(query({q("HP:0007359")}));
  EXPECT_EQ(top(r), "OMIM:2");
  const auto r2 = checker_.rank(query({q("HP:0003202"), q("HP:0002380")}));
  EXPECT_EQ(top(r2), "OMIM:1");
  ASSERT_TRUE(r2[0].matched[0].disease_term);
  EXPECT_EQ(*r2[0].matched[0].disease_term, t("HP:0003202"));
}

TEST_F(Checker_, AncestorAndSiblingGetGradedCredit) {
  // Query Focal-onset seizure: OMIM:2 has it; OMIM:3 only the parent
  // Seizure; OMIM:4 the sibling Generalized-onset seizure; ORPHA:5 only the
  // more distant Ataxia (common ancestor: nervous system abnormality).
  const auto r = checker_.rank(query({q("HP:0007359")}));
  const double exact = of(r, "OMIM:2").matched[0].contribution;
  const double parent = of(r, "OMIM:3").matched[0].contribution;
  const double sibling = of(r, "OMIM:4").matched[0].contribution;
  const double distant = of(r, "ORPHA:5").matched[0].contribution;
  EXPECT_GT(exact, parent);
  EXPECT_GT(parent, sibling);  // the parent is annotated at 100%, the sibling at 90%
  EXPECT_GT(sibling, distant);
  EXPECT_GT(sibling, std::log10(checker_.parameters().false_positive));
  EXPECT_EQ(of(r, "OMIM:3").matched[0].disease_term, t("HP:0001250"));
  EXPECT_EQ(of(r, "OMIM:4").matched[0].disease_term, t("HP:0002197"));
}

TEST_F(Checker_, ExcludedFrequentFindingPushesDiseaseDown) {
  // The mechanism, with the cap on P(q | d) for excluded findings high (the
  // default is low: on published cases absent findings are weak evidence,
  // see the next test).
  const auto strict = Checker::build(testing::checker_ontology(), testing::checker_annotations(),
                                     Parameters{.size_exponent = 0.0, .max_frequency = 0.95});
  const auto plain = strict.rank(query({q("HP:0001250")}));
  const auto with_excluded = strict.rank(query({q("HP:0001250")}, {q("HP:0007359")}));
  EXPECT_LT(position(plain, "OMIM:2"), position(plain, "ORPHA:5"));
  // OMIM:2 shows Focal-onset seizure always: excluding it must rank OMIM:2
  // below the other seizure diseases.
  EXPECT_GT(position(with_excluded, "OMIM:2"), position(with_excluded, "OMIM:3"));
  EXPECT_GT(position(with_excluded, "OMIM:2"), position(with_excluded, "OMIM:4"));
  const Match& m = of(with_excluded, "OMIM:2").matched[1];
  EXPECT_TRUE(m.excluded);
  EXPECT_LT(m.contribution, -1.0);
}

TEST_F(Checker_, ByDefaultAnExcludedFindingIsWeakEvidence) {
  // OMIM:2 shows Focal-onset seizure always; absent, it lowers OMIM:2's odds
  // by at most 1 - max_frequency, never raises them.
  const auto r = checker_.rank(query({q("HP:0001250")}, {q("HP:0007359")}));
  const Match& m = of(r, "OMIM:2").matched[1];
  EXPECT_TRUE(m.excluded);
  EXPECT_LE(m.contribution, 1e-12);
  EXPECT_GE(m.contribution, std::log10(1.0 - checker_.parameters().max_frequency) - 1e-9);
}

TEST_F(Checker_, NotAnnotationsRewardExcludedAndPenalisePresent) {
  // OMIM:4 is NOT annotated with Ataxia.
  const auto excluded = checker_.rank(query({q("HP:0002197")}, {q("HP:0001251")}));
  EXPECT_EQ(top(excluded), "OMIM:4");
  EXPECT_GT(of(excluded, "OMIM:4").matched[1].contribution, 0.0);
  EXPECT_EQ(of(excluded, "OMIM:4").matched[1].disease_term, t("HP:0001251"));

  const auto present = checker_.rank(query({q("HP:0001251")}));
  EXPECT_NEAR(of(present, "OMIM:4").matched[0].contribution,
              std::log10(checker_.parameters().not_present_lr), 1e-9);
  EXPECT_EQ(position(present, "OMIM:4"), static_cast<int>(present.size()) - 1);
}

TEST_F(Checker_, DiseaseSeenInOneSexIsPenalisedForTheOther) {
  Query qu = query({q("HP:0001251"), q("HP:0003394")});
  qu.sex = Sex::female;
  const auto female = checker_.rank(qu);
  EXPECT_EQ(top(female), "ORPHA:5");
  EXPECT_EQ(female[0].sex_contribution, 0.0);
  qu.sex = Sex::male;
  const auto male = checker_.rank(qu);
  EXPECT_NE(top(male), "ORPHA:5");
  EXPECT_LT(of(male, "ORPHA:5").sex_contribution, -2.0);
}

TEST_F(Checker_, ContributionsSumToTheScoreAndScoresDescend) {
  Query qu = query({q("HP:0007359"), q("HP:0003202"), q("HP:0001251")}, {q("HP:0003394")});
  qu.sex = Sex::male;
  const auto r = checker_.rank(qu);
  ASSERT_EQ(r.size(), checker_.disease_count());
  double total_probability = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    double sum = r[i].sex_contribution;
    ASSERT_EQ(r[i].matched.size(), 4u);
    for (const auto& m : r[i].matched) sum += m.contribution;
    EXPECT_NEAR(sum, r[i].score, 1e-9);
    if (i > 0) {
      EXPECT_GE(r[i - 1].score, r[i].score);
    }
    ASSERT_TRUE(r[i].probability);
    total_probability += *r[i].probability;
  }
  EXPECT_NEAR(total_probability, 1.0, 1e-4);  // every disease returned: the posterior sums to 1
  EXPECT_EQ(r[0].matched[0].query, "HP:0007359");
  EXPECT_TRUE(r[0].matched[3].excluded);
  // Tempered: any two differ by their score difference over the temperature
  // (in base 10), and the shown posterior is flatter than the raw one.
  const double t = checker_.parameters().posterior_temperature;
  ASSERT_GT(t, 1.0);
  ASSERT_GT(r[0].score, r[1].score);
  EXPECT_NEAR(std::log10(*r[0].probability / *r[1].probability), (r[0].score - r[1].score) / t,
              1e-9);
  double z = 0;  // the untempered posterior's denominator over the first
  for (const auto& x : r) z += std::pow(10.0, x.score - r[0].score);
  EXPECT_LT(*r[0].probability, 1.0 / z);
}

TEST_F(Checker_, LimitAndMissingCommonTerms) {
  Query qu = query({q("HP:0003202")});
  qu.limit = 2;
  const auto r = checker_.rank(qu);
  ASSERT_EQ(r.size(), 2u);
  ASSERT_EQ(top(r), "OMIM:1");
  // Fasciculations (1/1) is frequent and unmentioned; Ataxia (10%) is rare.
  ASSERT_FALSE(r[0].missing_common.empty());
  EXPECT_EQ(r[0].missing_common[0].term, t("HP:0002380"));
  for (const auto& m : r[0].missing_common) EXPECT_NE(m.term, t("HP:0003202"));
}

TEST_F(Checker_, SizeScaleFavoursTheDiseaseWithFewerFeatures) {
  // A and B both show Fasciculations always; B lists three more features,
  // so with the default size scale A explains the finding better, and
  // without it they tie.
  ontology::AnnotationRecords two;
  for (const char* term : {"HP:0002380"}) {
    ontology::Annotation a;
    a.disease_id = "OMIM:10";
    a.term_id = term;
    a.frequency = "1/1";
    two.rows.push_back(a);
  }
  for (const char* term : {"HP:0002380", "HP:0001251", "HP:0003394", "HP:0001250"}) {
    ontology::Annotation a;
    a.disease_id = "OMIM:11";
    a.term_id = term;
    a.frequency = "1/1";
    two.rows.push_back(a);
  }
  const auto scaled = Checker::build(testing::checker_ontology(), two);
  EXPECT_GT(scaled.parameters().size_exponent, 0.0);
  const auto s = scaled.scores(query({q("HP:0002380")}));
  const auto a = *scaled.find_disease("OMIM:10"), b = *scaled.find_disease("OMIM:11");
  // A quarter of the features' total: twice the weight at size exponent 0.5.
  EXPECT_GT(s[a], s[b] + 0.25);
  const auto flat = Checker::build(testing::checker_ontology(), two, Parameters{.size_exponent = 0})
                        .scores(query({q("HP:0002380")}));
  EXPECT_NEAR(flat[a], flat[b], 1e-6);
}

TEST_F(Checker_, RankAgreesWithScores) {
  const auto scaled = Checker::build(testing::checker_ontology(), testing::checker_annotations());
  const Query qu = query({q("HP:0002380"), q("HP:0001251")}, {q("HP:0003394")});
  const auto r = scaled.rank(qu);
  const auto all = scaled.scores(qu);
  for (const auto& x : r) EXPECT_NEAR(x.score, all[x.disease], 1e-5);
}

TEST_F(Checker_, RankIsSafeFromManyThreads) {
  const Query qu = query({q("HP:0007359"), q("HP:0003202")}, {q("HP:0001251")});
  const auto expected = checker_.rank(qu);
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&, k] {
      for (int i = 0; i < 200; ++i) {
        const auto r = checker_.rank(qu);
        bool eq = r.size() == expected.size();
        for (std::size_t j = 0; eq && j < r.size(); ++j)
          eq = r[j].disease == expected[j].disease && r[j].score == expected[j].score;
        same[k] += eq ? 1 : 0;
      }
    });
  for (auto& t : threads) t.join();
  for (const int s : same) EXPECT_EQ(s, 200);
}

TEST_F(Checker_, EmptyQueryAndRankIsConst) {
  const Checker& c = checker_;
  const auto r = c.rank(Query{});
  EXPECT_EQ(r.size(), std::min<std::size_t>(10, c.disease_count()));
}

// Onset bands begin at the ages their HPO definitions give
// (checker/data/onset_ages.tsv); an unlisted onset term takes its nearest
// listed ancestor's. A person younger than the disease's earliest onset
// (with a margin) gets too_young_lr, and only then.
TEST(CheckerOnset, EarliestAnnotatedOnsetAgainstTheGivenAge) {
  ontology::OntologyRecords records;
  auto term = [&](std::string id, std::vector<std::string> parents) {
    ontology::TermRecord t;
    t.id = id;
    t.label = id;
    t.parents = std::move(parents);
    records.terms.push_back(std::move(t));
  };
  term("HP:0000001", {});
  term("HP:0000118", {"HP:0000001"});
  term("HP:0001324", {"HP:0000118"});
  term("HP:0003674", {"HP:0000001"});
  term("HP:0003581", {"HP:0003674"});  // Adult onset: 16 years
  term("HP:0003584", {"HP:0003581"});  // Late onset: 60 years
  term("HP:9990001", {"HP:0003581"});  // not in the table: inherits 16
  term("HP:0003577", {"HP:0003674"});  // Congenital onset: 0
  const auto onto = std::make_shared<const ontology::Ontology>(ontology::Ontology::build(records));
  ontology::AnnotationRecords annotations;
  auto row = [&](std::string disease, std::string t, char aspect, std::string onset = "") {
    ontology::Annotation a;
    a.disease_id = disease;
    a.disease_name = disease;
    a.term_id = std::move(t);
    a.aspect = aspect;
    a.onset = std::move(onset);
    annotations.rows.push_back(std::move(a));
  };
  row("ORPHA:1", "HP:0001324", 'P');
  row("ORPHA:1", "HP:0003584", 'C');
  row("ORPHA:1", "HP:9990001", 'C');  // the earlier of the two counts
  row("ORPHA:2", "HP:0001324", 'P', "HP:0003577");
  row("ORPHA:3", "HP:0001324", 'P');
  const auto c = Checker::build(onto, annotations);
  const auto& late = c.disease(*c.find_disease("ORPHA:1"));
  ASSERT_TRUE(late.earliest_onset_years);
  EXPECT_DOUBLE_EQ(*late.earliest_onset_years, 16.0);
  EXPECT_DOUBLE_EQ(*c.disease(*c.find_disease("ORPHA:2")).earliest_onset_years, 0.0);
  EXPECT_FALSE(c.disease(*c.find_disease("ORPHA:3")).earliest_onset_years);

  Query q;
  q.present = {{*onto->find("HP:0001324"), "weakness"}};
  q.limit = 3;
  auto contribution = [&](double age) {
    q.age_years = age;
    for (const auto& r : c.rank(q))
      if (c.disease(r.disease).id == "ORPHA:1") return r.age_contribution;
    ADD_FAILURE() << "ORPHA:1 not ranked";
    return 0.0;
  };
  EXPECT_DOUBLE_EQ(contribution(30), 0.0);
  EXPECT_DOUBLE_EQ(contribution(12.5), 0.0);  // within the margin (0.75 x 16 = 12)
  EXPECT_DOUBLE_EQ(contribution(8), std::log10(c.parameters().too_young_lr));
  q.age_years.reset();
  EXPECT_EQ(c.rank(q)[0].age_contribution, 0.0);
}

}  // namespace
}  // namespace symptomdb::checker
