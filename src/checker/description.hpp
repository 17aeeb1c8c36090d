// A person's own description of their problem ("Four days ago I started
// feeling tired, then fever and a dry cough; now I'm short of breath even at
// rest. No sore throat.") read into findings: each a short phrase with what
// the surrounding words say about it — negated or not, how long, how it
// started, how bad, where. Language only: no medical knowledge lives here, so
// the same reading serves the HPO interpreter and the condition profiles.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace symptomdb::checker {

enum class Onset { unknown, sudden, gradual };
enum class Severity { unknown, mild, moderate, severe };

struct Finding {
  std::string text;  // the phrase, as written, without the negation words
  // The phrase less the words that tell the story around a finding: who
  // ("she", "the patient"), that it was had or said ("complains of", "had
  // experienced") and when ("a week ago", "for 2 days"). What an interpreter
  // reads as a name: "a week ago she had experienced dysuria" -> "dysuria".
  // Equal to `text` when nothing was left out; empty when only such words.
  std::string core;
  bool negated = false;                 // "no fever", "denies chest pain", "without a rash"
  std::optional<double> duration_days;  // "for 3 days", "two weeks ago", "since yesterday"
  Onset onset = Onset::unknown;         // "sudden", "suddenly", "gradually"
  Severity severity = Severity::unknown;
  std::string site;  // "left", "lower back"...: the body-site words of the phrase
  // Brought on by effort ("when I climb stairs", "on exertion", "walking
  // uphill") and not said to come at rest.
  bool on_effort = false;
  // Which sentence of the description it came from (0 = the first that gave
  // findings): people open with what brings them, the story follows.
  std::size_t sentence = 0;
};

struct Description {
  std::vector<Finding> findings;
  // Clauses about a relative ("my father had a heart attack", "a family
  // history of diabetes"), as written: the person's history, not findings
  // of theirs (context_of reads them as history).
  std::vector<std::string> family_history;
  std::optional<double> age_years;  // "a 61 year old", "aged 30", "I'm 45"
  std::optional<bool> female;       // "woman", "female", "she"... when stated
  // Longest duration mentioned anywhere, in days: how long this has gone on.
  std::optional<double> longest_duration_days;
  bool any_sudden = false;
  bool any_severe = false;
};

// Splits into sentences and clauses, carries a negation over a list ("no
// nausea, vomiting or fever") until the sentence ends or turns ("but",
// "however"), and pulls duration, onset, severity and site words out of each
// clause. Phrases that are only connective words are dropped.
Description read_description(std::string_view text);

// "3 days", "two weeks", "a month" at the start of `words` → days; used for
// durations and ages. Exposed for tests.
std::optional<double> parse_duration_days(std::string_view phrase);

// An age as people and forms write it, in years: "61", "61 years", "61yo",
// "6 months", "3 weeks old", "aged 45", "a 61 year old man". Nothing when
// the text is not an age (the caller says so rather than refusing it).
std::optional<double> read_age(std::string_view text);

// A finding that has gone on for weeks, not said to have started suddenly
// or to be severe: what a new symptom of that kind could signal (chest pain,
// breathlessness that comes on now) asks for an ambulance; the same symptom
// lasting for weeks asks for a doctor soon, as health services advise
// ("see a GP if you have been breathless for a long time"). Language only:
// the finding's own duration, onset and severity words.
inline constexpr double kLongStandingDays = 14;
bool long_standing(const Finding& finding);
// Per finding, present (not negated) and long_standing.
std::vector<bool> long_standing(const std::vector<Finding>& findings);
// Said to come with effort, and not to have started suddenly or to be
// severe: breathlessness that comes with effort asks for a doctor soon; at
// rest, or sudden, for an ambulance (RedFlagTerms::not_acute decides for
// which red flags).
bool only_on_effort(const Finding& finding);
// Whether a word only says how bad a finding is ("mild", "severe",
// "crushing"): read as Finding::severity, not as what the finding is.
bool degree_word(std::string_view word);
// Whether a word only says how a finding began ("sudden", "gradually"):
// read as Finding::onset.
bool onset_word(std::string_view word);
// Whether a word names a relative ("mother", "sister", "grandpa"): a
// clause about one is family history (read_description), and the
// interpreter reads a mood said of one as of a person (Interpreter).
bool relative_word(std::string_view word);

std::string_view to_string(Onset onset);
std::string_view to_string(Severity severity);

}  // namespace symptomdb::checker
