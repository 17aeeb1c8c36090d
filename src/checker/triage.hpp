// What to do now, on every answer: emergency (call emergency services or go
// to an emergency department), urgent (see a doctor today), routine (within
// days) or self_care (home care is reasonable, with what would change that).
// Derived from red-flag findings and from what the knowledge base itself says
// about the conditions that are reasonably likely ("medical emergency",
// "call 911", "goes away on its own"), and always erring to the safer level:
// never below the most urgent reasonably likely condition.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checker/conditions.hpp"
#include "checker/description.hpp"
#include "checker/warning_signs.hpp"

namespace symptomdb::checker {

enum class TriageLevel { self_care, routine, urgent, emergency };

struct TriageSignals {
  // Red flags already found in the findings (HPO red-flag terms) or the
  // words (qa red-flag patterns): each raises an emergency.
  std::vector<std::string> red_flags;
  // Red flags raised only by findings that are not acute (gone on for
  // weeks, or brought on by effort: RedFlagTerms::not_acute): each asks for
  // a doctor today, not an ambulance, with what would make it an emergency.
  std::vector<std::string> red_flags_not_acute;
  // Warning signs the knowledge base states ("call 911 if you have ...")
  // that the description shows (WarningSigns::found). One counts when the
  // condition whose article states it is among the ranked answers, or when
  // at least `kGeneralSign` conditions' articles state it: a sign said of one
  // condition alone ("vomiting", for a kidney infection) is no emergency for
  // everyone who vomits. A sign from a list of one condition's symptoms
  // (WarningSign::listed) counts only where that condition is likely.
  std::vector<WarningSigns::Found> signs;
  // What the likely conditions' articles say about when to see a doctor
  // (WarningSigns::when_to_get_care), for a self-care answer; may be null.
  const WarningSigns* advice = nullptr;
};

inline constexpr std::size_t kGeneralSign = 3;
// A sign counts with its condition among this many first answers (the list
// a person sees).
inline constexpr std::size_t kSignRanks = 10;

// A likely condition whose article says emergency sets an emergency only
// when it shares at least this many distinct words with the person's present
// findings (RankedProfile::evidence); otherwise it asks for a doctor today.
inline constexpr std::size_t kEmergencyWords = 2;

struct Triage {
  TriageLevel level = TriageLevel::routine;
  std::string reason;     // plain words: why this level
  std::string condition;  // the condition that set it, if one did
  std::string quote;      // what its article says, if that set it
  // For self_care: what would change that, in the words of the likely
  // conditions' articles when they say it.
  std::vector<std::string> change;
};

// A condition is reasonably likely when it holds at least this share of the
// displayed probability, or is the first.
inline constexpr double kLikelyShare = 0.15;

// Which ranked conditions count as reasonably likely for the floor. The
// display share is a softmax over raw scores, which gives the first nearly
// everything; erring to safety, a condition among the first `ranks` whose
// score is at least `ratio` of the first's counts too (0 ranks: off). The
// defaults were measured on the vignette dev set (bench/checker/README.md:
// more emergency cases reach emergency, at the cost of more emergency
// answers overall; wider settings sent most vignettes to emergency).
struct LikelyRule {
  double share = kLikelyShare;
  std::size_t ranks = 3;
  double ratio = 0.9;
};

Triage triage(const Description& description, const ConditionModel& model,
              const std::vector<RankedProfile>& ranked, const TriageSignals& signals,
              const LikelyRule& likely = {});

std::string_view to_string(TriageLevel level);
// What the level means for the person, in plain words.
std::string_view advice(TriageLevel level);

}  // namespace symptomdb::checker
