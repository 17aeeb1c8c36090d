// Warning signs as the knowledge base states them: "Call 911 if you have
// chest pain, severe shortness of breath or fainting", "Get urgent medical
// help if you have a high fever with shivering". Read from every article's
// sentences that tie emergency (or same-day) care to a condition ("if",
// "when"), or to a list of symptoms they point to ("People who have any of
// the following symptoms should see a health care provider right away:"),
// split into the signs they list, and matched against what a person
// describes. Nothing here is written per condition: the cue words are
// language, the signs are the articles' own.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/description.hpp"
#include "checker/interpret.hpp"
#include "engine/snapshot.hpp"

namespace symptomdb::checker {

struct WarningSign {
  std::vector<std::string> stems;  // its content words, stemmed, sorted, unique
  // The same in the words HPO's names use (Interpreter::in_names_words),
  // when the signs were built with an interpreter; else equal to `stems`.
  // Rewritten once here, not per request.
  std::vector<std::string> matched;
  std::string words;      // as the article writes it: "severe shortness of breath"
  bool emergency = true;  // emergency care; false: see a doctor the same day
  std::string sentence;   // the article's sentence
  std::string condition;  // the article's condition name
  std::string slug;       // the condition's slug (Snapshot conditions)
  // From a list of one condition's symptoms that a sentence points to ("any
  // of the following symptoms"), not from a sentence that says when to get
  // care in general: it counts only where that condition is likely.
  bool listed = false;
};

class WarningSigns {
 public:
  // With an interpreter (which must outlive the signs), a finding is
  // matched in the words HPO's names use (Interpreter::in_names_words): a
  // lay phrasing means what it says as a whole, so "I feel faint" is not the
  // sign "fainted" and "passed out" is.
  static WarningSigns build(const Snapshot& snapshot, const Interpreter* interpreter = nullptr);

  // The signs the person's present findings show: every word of a sign in
  // one finding that is not negated. Emergency ones first. `stated_by` is
  // how many conditions' articles state a sign of the same stemmed words
  // ("confused", "confusion"). `not_acute` (RedFlagTerms::not_acute, one
  // per finding; empty: each finding's own long_standing) tells which findings
  // are not acute; a sign only they show is marked `not_acute`: a doctor
  // today, not an ambulance.
  struct Found {
    const WarningSign* sign;
    std::size_t stated_by;
    bool not_acute = false;
  };
  // `read` (one per finding, may be empty): the terms each finding was read
  // as. With an interpreter, a finding also shows a sign in the words of the
  // label of a term it was read as: "my stools are black", read as Melena,
  // shows the sign "black stools", which HPO's names say as "melena".
  std::vector<Found> found(const Description& description, const std::vector<bool>& not_acute = {},
                           std::span<const std::vector<ontology::TermIndex>> read = {}) const;

  // What a condition's articles say about when to get care ("See a doctor if
  // symptoms last more than about three weeks..."), for a self-care answer's
  // "what would change that"; empty when they say nothing of the kind.
  const std::vector<std::string>& when_to_get_care(std::string_view condition_slug) const;

  std::size_t size() const { return signs_.size(); }
  const std::vector<WarningSign>& signs() const { return signs_; }

 private:
  std::vector<WarningSign> signs_;
  const Interpreter* interpreter_ = nullptr;
  std::unordered_map<std::string, std::size_t> stated_by_;  // stems -> conditions
  std::unordered_map<std::string, std::vector<std::string>> care_;
};

}  // namespace symptomdb::checker
