// The person's context against what the knowledge base says of a condition:
// besides the symptoms, who the person is and how their illness began. Three
// small, explained adjustments to a condition's score, each read from the
// condition's own text when the profiles are built (no table of medical
// facts):
//
// - risk factors: the person's history (past illnesses, medicines, habits,
//   family, travel: "heavy smoker for 35 years", "hypertension") against the
//   condition's "who is at risk" and cause sections;
// - onset and course: a story that started suddenly or only days ago against
//   a text that says the condition comes on suddenly or develops gradually
//   over months, and the other way round;
// - who it affects: the age and sex groups the text says it affects most
//   (profile_sources.hpp, `affected_prior`), now said in words.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/description.hpp"

namespace symptomdb {
struct Article;
}

namespace symptomdb::checker {

struct ProfileParameters;
struct ProfileEvidence;
struct ProfileFinding;
struct ProfileQuery;
struct Affected;

// What the person says about themselves besides their current symptoms.
struct ContextQuery {
  // Phrases of their history as they wrote them: past and current illnesses,
  // medicines, smoking and drinking, family history, travel, contacts.
  std::vector<std::string> history;
  bool sudden = false;                  // the description says it started suddenly / rapidly
  bool gradual = false;                 // ... or gradually / slowly
  std::optional<double> duration_days;  // the longest duration it states
};
// The context a description gives (onset, duration), with the person's
// history as free text (split into phrases as a description is; negated
// phrases, "None" and "-" dropped).
ContextQuery context_of(const Description& d, std::string_view history = {});

// How the person's illness has gone, as the parameters read the query.
enum class Course : std::uint8_t { unknown, acute, chronic };

// Built with the profiles, one entry per profile in profile order.
class ContextIndex {
 public:
  // The condition's articles (risk and cause sections; symptom and overview
  // text for the course) and its name ("Acute …", "Chronic …").
  void add(std::string_view name, const std::vector<const Article*>& articles);
  std::size_t size() const { return profiles_.size(); }

  // Per profile, what the context adds to its score (empty when nothing
  // applies to this query). The person's present findings also count as
  // history when ProfileParameters::risk_present is set.
  std::vector<double> scores(const ProfileQuery& q, const ProfileParameters& p) const;
  // The same for one profile as explanation lines ("overall": about the
  // condition as a whole), with the line for who it affects (the share of
  // its prior that `affected_prior` gives).
  void explain(std::size_t profile, const ProfileQuery& q, const Affected& affected,
               const ProfileParameters& p, std::vector<ProfileEvidence>& out) const;
  Course course_of(const ContextQuery& q, const ProfileParameters& p) const;
  // The course the condition's text states: +1 sudden, -1 gradual, 0 neither.
  int stated_course(std::size_t profile, bool strict = false) const {
    return profiles_[profile].course[strict ? 1 : 0];
  }

 private:
  struct RiskSentence {
    std::string text;
    std::string section;
    std::vector<std::uint32_t> stems;  // sorted, unique
  };
  struct Entry {
    std::vector<std::uint32_t> risk;  // stems of its risk and cause text, sorted, unique
    std::vector<RiskSentence> sentences;
    // The stated course (+1 sudden, -1 gradual, 0 neither) and the sentence
    // saying it: [0] from any sentence with a cue, [1] only from sentences
    // about how it begins (ProfileParameters::onset_strict).
    std::array<int, 2> course{};
    std::array<std::string, 2> course_quote;
  };
  struct Phrase {
    std::string text;
    std::vector<std::uint32_t> stems;  // specific enough (risk_share)
  };
  std::vector<Phrase> phrases(const ContextQuery& q, const std::vector<ProfileFinding>& present,
                              const ProfileParameters& p) const;
  double course_fit(std::size_t profile, Course c, const ProfileParameters& p) const;
  std::uint32_t stem_id(const std::string& stem);

  std::vector<Entry> profiles_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::vector<std::uint32_t>> postings_;  // stem -> profiles whose risk text has it
};

// The line that explains `affected_prior` for a person ("more common in
// children; you are 61"), empty when it adds nothing.
std::string affected_reason(const Affected& a, std::optional<double> age_years,
                            std::optional<bool> female);

}  // namespace symptomdb::checker
