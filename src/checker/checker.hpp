// The symptom checker: ranks diseases for a set of present and excluded HPO
// phenotype terms with a likelihood-ratio model in the manner of LIRICAL
// (Robinson et al., AJHG 2020). For each query term q and disease d,
//
//   LR(q | d) = P(q | d) / P(q | not d)
//
// where P(q | not d) is q's background: the mean over all diseases of the
// frequency with which each shows q (an annotation to t implies every
// ancestor of t). P(q | d) is the annotated frequency when d is annotated
// with q or a descendant of q; when d is annotated only with a relative of q
// (sharing an ancestor a below the root), the disease is taken to explain q
// as far as a: P(q | d) = w * f_d(a) * bg(q) / bg(a), so the LR is that of
// the common ancestor, discounted by w and by (bg(q) / bg(a))^specificity for
// the imprecision. A term the disease does not explain at all is a false
// positive with P(q | d) = fp * bg(q). Frequencies of a disease are scaled
// by (typical / its total annotated frequency): the findings a patient
// reports are a selection among the disease's features, so a disease that
// lists hundreds of features cannot claim every finding at full weight (on
// simulated patients this matters more than anything else; see Parameters).
// Excluded terms use (1 - P(q | d)) / (1 - bg(q)); curated NOT annotations
// reward excluded and penalise present findings.
//
// score = sum of log10 LR over the query terms + the demographic terms (sex;
// age against the earliest annotated onset); with a uniform prior over
// diseases the post-test probability is the softmax of the scores in base 10,
// tempered (Parameters::posterior_temperature) because the findings are not
// independent.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ontology/ontology.hpp"

namespace symptomdb::checker {

using ontology::TermIndex;
using DiseaseIndex = std::uint32_t;
enum class Sex { female, male };

struct DiseaseTerm {
  TermIndex term;
  double frequency;  // in [0, 1]
  // Whether the annotation file gave the frequency; when it did not, the
  // model uses Parameters::default_frequency, which is no claim to show.
  bool frequency_given = true;
};

struct Disease {
  std::string id;    // "OMIM:105400"
  std::string name;  // as the annotation file writes it
  // Phenotype (aspect P) terms mapped to current terms, as the file gives
  // them (their ancestors are implied, not listed): one entry per term, the
  // highest frequency when a term repeats, sorted by term index.
  std::vector<DiseaseTerm> present;
  std::vector<TermIndex> excluded;     // NOT-annotated terms, sorted
  std::vector<TermIndex> inheritance;  // aspect I terms (for display)
  // Set when every phenotype annotation of the disease names the same sex
  // (the file marks sex per row; a disease seen only in one sex is the case
  // the checker can use).
  std::optional<Sex> only_sex;
  // Onset terms: aspect C rows under the onset branch and the per-row onset
  // column, sorted and unique.
  std::vector<TermIndex> onset;
  // The earliest age, in years, at which any of those onset bands begins
  // (checker/data/onset_ages.tsv); unset when no onset is annotated.
  std::optional<double> earliest_onset_years;
};

struct QueryTerm {
  TermIndex term;
  std::string text;  // what the user typed, or the id
};

struct Query {
  std::vector<QueryTerm> present, excluded;
  std::optional<double> age_years;
  std::optional<Sex> sex;
  std::size_t limit = 10;
};

struct Match {
  std::string query;  // QueryTerm::text
  TermIndex query_term;
  std::optional<TermIndex> disease_term;  // the annotated term that explains it, if any
  double contribution;                    // log10 LR of this query term for the disease
  bool excluded = false;                  // the match concerns an excluded finding
};

struct Ranked {
  DiseaseIndex disease;
  double score;                             // higher is better
  std::optional<double> probability;        // post-test probability, uniform prior
  std::vector<Match> matched;               // one per query term: present first, then excluded
  std::vector<DiseaseTerm> missing_common;  // frequent annotated terms the query did not mention
  // score == sum of matched[i].contribution + sex_contribution +
  // age_contribution.
  double sex_contribution = 0;
  // log10 of Parameters::too_young_lr when the person is younger than the
  // disease's earliest annotated onset allows; 0 otherwise.
  double age_contribution = 0;
};

// Model constants, exposed so the benchmark can compare settings; the
// defaults are what the server uses. First chosen on simulated patients;
// size_exponent and max_frequency were then set on published cases
// (phenopackets-dev), one change at a time: see bench/checker/README.md.
struct Parameters {
  double false_positive = 0.05;  // fp above: P(q | d) for an unexplained q, over bg(q)
  double imprecision = 0.1;      // w above: discount for credit through a common ancestor
  // Further discount (bg(q) / bg(a))^specificity for credit through an
  // ancestor a of q: the more general the shared ancestor, the less it says.
  double specificity = 1.0;
  // P(q | d) for a present q is f^frequency_exponent * scale_d, where
  // scale_d = (typical total / total_d)^size_exponent and total_d is the sum
  // of d's annotated frequencies. Exponent 1 and 0 give the plain model;
  // below 1 the curated frequency (often from a handful of patients) counts
  // less, and a positive size exponent reads the reported findings as a
  // selection among the disease's features: a disease with many features
  // spreads its probability over more of them.
  double frequency_exponent = 1.0;
  // 0.5 on published cases (1.0 was best on simulated patients, which are
  // drawn from the very frequencies scored).
  double size_exponent = 0.5;
  double default_frequency = 1.0;  // an annotation that gives no frequency
  // For excluded terms P(q | d) and bg(q) are scaled by max_frequency, so an
  // absent finding lowers the odds of a disease that always has it by at most
  // 1 - max_frequency, and of one that has it rarely by less. On published
  // cases even an absent finding annotated at high frequency is weak evidence
  // (clinicians record as absent what they checked for, often features of the
  // very disease): every weight above 0.05 ranked worse (bench/checker).
  double max_frequency = 0.05;
  double not_present_lr = 0.001;  // present q that the disease is NOT-annotated with
  double not_excluded_lr = 2.0;   // excluded q that the disease is NOT-annotated with
  double wrong_sex_lr = 0.001;    // a disease seen only in the other sex
  // A person younger than `onset_margin` times the disease's earliest
  // annotated onset age: the findings usually appear later in life. Modest,
  // since onset bands describe typical cases and their edges are rough.
  double too_young_lr = 0.1;
  double onset_margin = 0.75;
  // The shown post-test probabilities are the softmax of the scores divided
  // by this. At 1 (the posterior as the likelihood ratios give it, as if the
  // findings were independent, which a patient's related findings are not)
  // the first got 0.80 on average on the published cases where it was the
  // diagnosis in 0.61; those shown 50-75% were right in a third. Fitted by
  // likelihood of the diagnosis on each half of phenopackets-dev (2.78 on
  // both) and judged on the other (bench_checker --calibration,
  // bench/checker/README.md "Displayed shares"). The ranking is the same.
  double posterior_temperature = 3;
};

class Checker {
 public:
  // Maps alternative/obsolete term ids through Ontology::find; counts and
  // drops unknown ids (unknown_term_ids()). Only aspect P rows score; I and C
  // rows are kept for display.
  static Checker build(std::shared_ptr<const ontology::Ontology> ontology,
                       const ontology::AnnotationRecords& annotations, Parameters parameters = {});

  // Thread-safe: reads only immutable state and allocates its own scratch.
  std::vector<Ranked> rank(const Query& query) const;
  // The score of every disease, indexed by DiseaseIndex: what rank() orders
  // by before it explains its top results (equal to Ranked::score up to
  // float rounding). For evaluation over all diseases.
  std::vector<double> scores(const Query& query) const;

  const ontology::Ontology& ontology() const { return *ontology_; }
  std::shared_ptr<const ontology::Ontology> ontology_ptr() const { return ontology_; }
  std::size_t disease_count() const { return diseases_.size(); }
  const Disease& disease(DiseaseIndex d) const { return diseases_[d]; }
  std::optional<DiseaseIndex> find_disease(std::string_view id) const;
  // -ln(fraction of diseases annotated with t or a descendant); terms no
  // disease carries get the IC of a single disease.
  double information_content(TermIndex t) const { return ic_[t]; }
  // How many diseases are annotated with t or a descendant.
  std::uint32_t annotated_diseases(TermIndex t) const { return counts_[t]; }
  // bg(t): the mean frequency of t over all diseases (smoothed), as used
  // for excluded findings; for present findings the background is the mean
  // of the size-scaled frequencies (present_background), so that the model
  // of P(q | d) and of P(q | not d) agree and a typical disease annotated
  // with a finding gains from it.
  double background(TermIndex t) const { return background_[t]; }
  double present_background(TermIndex t) const { return present_background_[t]; }
  const std::string& annotations_version() const { return annotations_version_; }
  std::size_t unknown_term_ids() const { return unknown_term_ids_; }
  const Parameters& parameters() const { return parameters_; }

 private:
  struct Posting {
    DiseaseIndex disease;
    float frequency;  // best frequency of the term or any descendant for this disease
    float weight;     // the same as P(q | d) for a present q: frequency^exponent * scale
  };
  double present_weight(double frequency, DiseaseIndex d) const;
  // Whether the query's age is below what the disease's onset allows.
  bool too_young(const Query& query, DiseaseIndex d) const;
  // The product of every disease's likelihood ratios, into `product` (the
  // linear domain: rank() needs logarithms for its top results only). Uses
  // per-thread scratch, so a query allocates nothing of the disease count's
  // size after a thread's first.
  void products(const Query& query, std::vector<double>& product) const;
  // log10 LR of one query term for one disease and the annotated term behind it.
  struct Explanation {
    double log10_lr;
    std::optional<TermIndex> disease_term;
  };
  Explanation explain(TermIndex q, bool excluded, DiseaseIndex d) const;
  double ancestor_weight(TermIndex q, TermIndex a, const std::vector<double>& bg) const;
  bool not_annotated_above(DiseaseIndex d, TermIndex q) const;
  bool not_annotated_related(DiseaseIndex d, TermIndex q) const;
  std::vector<DiseaseTerm> missing_common(const Query& query, DiseaseIndex d) const;

  std::shared_ptr<const ontology::Ontology> ontology_;
  Parameters parameters_;
  std::string annotations_version_;
  std::size_t unknown_term_ids_ = 0;
  std::vector<Disease> diseases_;
  std::unordered_map<std::string, DiseaseIndex> by_id_;
  // Inverted lists: for each term, the diseases annotated with it or a
  // descendant, heaviest weight first. Compressed like the ontology's edges.
  std::vector<std::uint32_t> posting_offset_;
  std::vector<Posting> postings_;
  std::vector<std::uint32_t> counts_;
  std::vector<double> ic_, background_, present_background_;
  std::vector<DiseaseIndex> with_not_;  // diseases that have NOT annotations
  // (NOT-annotated term, disease), sorted: the diseases that exclude an
  // ancestor of a query term, found without testing every such disease.
  std::vector<std::pair<TermIndex, DiseaseIndex>> not_pairs_;
  std::vector<double> scale_;  // scale_d above, by disease
  // The largest Posting::weight in each term's list: an ancestor whose
  // list cannot beat the unexplained floor is skipped without a scan.
  std::vector<float> max_weight_;
  // Per disease, its annotations propagated to every ancestor, sorted by
  // term: the best frequency under each and the annotated term that gave
  // it. explain() looks up a query's ancestors here instead of walking
  // every annotated term's ancestors.
  struct Closure {
    TermIndex term;
    float frequency;
    TermIndex source;
  };
  std::vector<std::uint32_t> closure_offset_;
  std::vector<Closure> closure_;
};

}  // namespace symptomdb::checker
