// One run of the symptom checker, from what a person or a clinical record
// gives (present and excluded findings as HPO ids or plain words, age, sex,
// how many answers) to what the answer says: each finding as it was read,
// those set aside and why, the emergency notice, and the ranked conditions,
// each explained finding by finding with its sources. Plain C++ over the
// checker's parts, so the rules are unit-tested without a server; the web
// layer only decodes requests into a CheckRequest and writes a CheckResult
// out as JSON or HTML.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "checker/checker.hpp"
#include "checker/interpret.hpp"
#include "checker/red_flags.hpp"
#include "qa/red_flags.hpp"

namespace symptomdb::qa {
class Engine;
}

namespace symptomdb::checker {

// A clinical record lists tens of present and excluded findings (published
// cases: up to 50 present and 130 excluded); 500 in all bounds the cost of one
// request (see the README's checker section for the worst-case time).
inline constexpr std::size_t kMaxFindings = 500;
inline constexpr std::size_t kMaxFindingChars = 1000;
inline constexpr std::int64_t kMaxLimit = 200;

// What a check reads, built once per import of HPO data and shared by every
// request (web::SymptomData owns it).
struct CheckResources {
  const ontology::Ontology& ontology;
  const Checker& checker;
  const Interpreter& interpreter;
  const RedFlagTerms& red_flags;
  std::string_view hpo_version;
  std::string_view annotations_version;
  // Red-flag wording in the free text ("crushing chest pain"), read by the
  // question answerer's patterns; none when null.
  const qa::Engine* engine = nullptr;
};

struct CheckRequest {
  std::vector<std::string> present, excluded;  // HPO ids or plain words
  std::int64_t limit = 10;                     // 1..kMaxLimit
  std::optional<double> age_years;             // 0..130
  std::optional<Sex> sex;
};

enum class CheckErrorCode {
  too_many_symptoms,  // more than kMaxFindings in all
  symptom_too_long,   // one finding over kMaxFindingChars
  bad_limit,
  bad_age,
  contradiction,  // one term given both as present and as excluded
};
struct CheckError {
  CheckErrorCode code;
  std::string message;
};
// The code as the API names it ("too_many_symptoms").
std::string_view to_string(CheckErrorCode code);

// An HPO id as a request may give one ("HP:0001250", or "hp:0001250"),
// as opposed to plain words.
bool is_hpo_id(std::string_view s);
// A sex as a form or a JSON body writes it ("female", "F", "woman", "male",
// "m", "man", any case): nullopt with ok = true when empty or "other",
// "unknown", "unspecified" (FHIR's other values), ok = false otherwise.
std::optional<Sex> parse_sex(std::string_view s, bool& ok);

// The bounds of a request; nothing when it is within them.
std::optional<CheckError> validate(const CheckRequest& request);

// One finding as the checker read it.
struct Reading {
  std::string text;     // as given (the current id for an id)
  std::string matched;  // the label or synonym it matched; empty for an id
  TermIndex term = 0;
  bool excluded = false;
};

enum class UnmatchedReason { not_in_release, not_understood };
std::string_view to_string(UnmatchedReason reason);

// A finding given but not used for ranking, and why.
struct Unmatched {
  std::string text;
  UnmatchedReason reason;
  std::string message;
};

// What raised the emergency notice: red-flag terms among the present
// findings and red-flag wording in the free text.
struct CheckEmergency {
  std::vector<std::string> kinds;   // "cardiac", "stroke", ... once each, in order
  std::string message;              // the notices of those kinds, joined
  std::vector<TermIndex> findings;  // the present terms that raised a flag
};

// The notice for red-flag terms among the present findings and red-flag
// wording in the free text (its kind first); none when neither says one.
// The list of findings and the free description give the same notice.
std::optional<CheckEmergency> emergency_notice(const std::vector<RedFlag>& flags,
                                               const std::optional<qa::Emergency>& text);

// How the annotated term that explains a finding relates to it: the same
// term, a more specific one (which implies the finding), a more general one
// (the finding says more than the annotation), only a relative through a
// common ancestor, or none at all.
enum class Relation { none, same, more_specific, more_general, related };
std::string_view to_string(Relation relation);

struct MatchDetail {
  Relation relation = Relation::none;
  bool disease_term_absent = false;  // a curated NOT annotation: the source says it is absent
  std::optional<double> frequency;   // of the annotated term, when the file gives one
};

// Where a disease is described; every source names its licence when it has
// one.
struct Source {
  std::string name, id, url;
  std::string version;  // empty when the source has none
  std::string license;  // empty when the source states none
};

// The sources of a disease: its own record (OMIM, Orphanet, DECIPHER) when
// there is a page for it, then the HPO annotations it was read from, with
// their release and terms of use.
std::vector<Source> disease_sources(const Disease& disease, std::string_view annotations_version);
// The page of a disease's source record (OMIM, Orphanet, DECIPHER), or empty.
std::string disease_source_url(std::string_view disease_id);
// The name of that source ("OMIM", "Orphanet", "DECIPHER"), or the prefix.
std::string disease_source_name(std::string_view disease_id);

struct Condition {
  Ranked ranked;
  std::vector<MatchDetail> details;  // one per ranked.matched
  std::vector<Source> sources;
};

struct CheckResult {
  std::vector<Reading> readings;  // one per term: present first, then excluded
  std::vector<Unmatched> unmatched;
  std::optional<CheckEmergency> emergency;
  // Ranked best first; a condition none of the present findings speaks for
  // is left out, however the others ranked.
  std::vector<Condition> conditions;

  // Whether anything present was understood (an answer needs one).
  bool any_present() const;
};

// Reads every finding: ids directly (alternative and obsolete ids mapped to
// their current term), plain words through the interpreter. An id the
// installed release does not know and words that are not understood are set
// aside in `unmatched` and ranking goes on with the rest: a real record often
// carries a few such. A request out of bounds, or one that gives a term both
// as present and as excluded, is an error.
std::variant<CheckResult, CheckError> run_check(const CheckResources& resources,
                                                const CheckRequest& request);

}  // namespace symptomdb::checker
