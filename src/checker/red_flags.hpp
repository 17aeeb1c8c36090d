// Findings that can signal an emergency (chest pain, trouble breathing,
// weakness on one side...). A symptom query that names one, or a more
// specific term below one, gets an emergency notice above any list of
// conditions. The terms live in checker/data/red_flag_terms.tsv.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "checker/description.hpp"
#include "ontology/ontology.hpp"

namespace symptomdb::checker {

struct RedFlag {
  std::string kind;           // "cardiac", "stroke", ... as in qa/data/red_flags.tsv
  ontology::TermIndex flag;   // the listed term
  ontology::TermIndex query;  // the query term at or below it
};

class RedFlagTerms {
 public:
  // Reads the built-in list; ids the ontology does not know are skipped (an
  // older HPO release), so a missing term never stops the checker.
  explicit RedFlagTerms(const ontology::Ontology& ontology);

  // Every red flag the query terms raise, in list order, one per listed term.
  std::vector<RedFlag> check(const ontology::Ontology& ontology,
                             std::span<const ontology::TermIndex> query) const;

  // Which of a description's findings (each with the terms it was read as;
  // negated ones never) are present and not acute: not_acute ones (weeks
  // long, or brought on by effort, unless one of the red flags they raise
  // is not "urgent on effort"), and those said without a duration,
  // onset or severity when another finding raising the same red flag is not
  // acute and none says it is new ("Shortness of breath. Two months of
  // progressive dyspnea."). A red flag only such findings raise asks for a
  // doctor today, not an ambulance (TriageSignals::red_flags_not_acute).
  std::vector<bool> not_acute(const ontology::Ontology& ontology,
                              const std::vector<Finding>& findings,
                              std::span<const std::vector<ontology::TermIndex>> terms) const;

  std::size_t size() const { return flags_.size(); }

 private:
  struct Entry {
    std::string kind;
    ontology::TermIndex term;
    bool urgent_on_effort = false;  // said only with effort: a doctor today
  };
  std::vector<Entry> flags_;
};

// A description's present findings split by their course: the terms and
// words of those that are acute, where a red flag is an emergency, and of
// those that are not (RedFlagTerms::not_acute), where it asks for a doctor
// today. One split for the served answer and the bench.
struct FindingsByCourse {
  std::vector<bool> not_acute;  // per finding of the description
  std::vector<ontology::TermIndex> acute_terms, not_acute_terms;
  std::string acute_text, not_acute_text;  // each finding's words, a line each
};
// `terms`: per finding of `findings`, the terms it was read as. Without the
// red-flag terms (no ontology loaded), only weeks of a finding lower it.
FindingsByCourse split_by_course(const RedFlagTerms* flags, const ontology::Ontology* ontology,
                                 const std::vector<Finding>& findings,
                                 const std::vector<std::vector<ontology::TermIndex>>& terms);

}  // namespace symptomdb::checker
