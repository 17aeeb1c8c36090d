#include "checker/description.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "checker/body_sites.hpp"
#include "checker/lay_words.hpp"
#include "checker/linking_verbs.hpp"
#include "checker/quantities.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {
namespace {

// A word of the folded text, or a punctuation mark that cuts a clause.
struct Token {
  std::string text;
  bool word = true;
  bool sentence_end = false;  // . ! ? ; or a line break
};

std::vector<Token> tokens_of(std::string_view folded) {
  std::vector<Token> out;
  std::size_t i = 0;
  const std::size_t n = folded.size();
  auto is_word_char = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(folded[i]);
    if (is_word_char(c)) {
      std::size_t j = i;
      while (j < n) {
        const unsigned char d = static_cast<unsigned char>(folded[j]);
        if (is_word_char(d)) {
          ++j;
        } else if ((d == '\'' || d == '-') && j + 1 < n &&
                   std::isalpha(static_cast<unsigned char>(folded[j + 1]))) {
          ++j;  // "don't", "year-old"
        } else if (d == '.' && j + 1 < n &&
                   std::isdigit(static_cast<unsigned char>(folded[j + 1])) &&
                   std::isdigit(static_cast<unsigned char>(folded[j - 1]))) {
          ++j;  // 38.5
        } else {
          break;
        }
      }
      std::string w(folded.substr(i, j - i));
      // "year-old" reads as two words, "don't" as one.
      std::size_t dash = 0;
      while ((dash = w.find('-')) != std::string::npos) {
        out.push_back({w.substr(0, dash)});
        w.erase(0, dash + 1);
      }
      out.push_back({w});
      i = j;
    } else {
      if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n')
        out.push_back({std::string(1, static_cast<char>(c)), false, true});
      else if (c == ',' || c == ':' || c == '(' || c == ')' || c == '/')
        out.push_back({std::string(1, static_cast<char>(c)), false, false});
      ++i;
    }
  }
  return out;
}

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Words that start a new clause: a turn in the sentence, or a new step of a
// story ("then", "now").
constexpr std::array<std::string_view, 12> kClauseBreaks = {"but",  "however", "although", "though",
                                                            "then", "now",     "also",     "except",
                                                            "yet",  "whereas", "while",    "later"};
// Words after which a negation no longer carries over a list.
constexpr std::array<std::string_view, 6> kContrast = {"but",    "however", "although",
                                                       "though", "except",  "yet"};
constexpr std::array<std::string_view, 14> kAssert = {
    "i",         "he",    "she",  "they",    "has",       "have",    "reports",
    "complains", "feels", "feel", "noticed", "developed", "started", "there"};
// Who a clause is about: "and" before one of these joins a new clause with
// its own subject ("I keep needing to pee and I'm always thirsty"), not a
// second finding of one name ("nausea and vomiting").
constexpr std::array<std::string_view, 12> kSubjects = {
    "i", "i'm", "im", "i've", "ive", "he", "he's", "she", "she's", "they", "we", "it"};
// "No" before a faculty says the faculty is lacking, a finding in its own
// right ("I have no energy", "no appetite", "no feeling in my toes"), not
// the absence of one.
constexpr std::array<std::string_view, 5> kLacking = {"energy", "appetite", "strength", "feeling",
                                                      "sensation"};
constexpr std::array<std::string_view, 8> kNegators = {"no",      "denies", "denied", "deny",
                                                       "without", "never",  "nor",    "none"};
// "don't have", "haven't noticed": a contracted negation negates only with a
// verb of having or noticing after it; "doesn't go away" is not a negation.
constexpr std::array<std::string_view, 12> kContracted = {"don't",  "dont",  "doesn't", "doesnt",
                                                          "didn't", "didnt", "haven't", "havent",
                                                          "hasn't", "hasnt", "hadn't",  "not"};
constexpr std::array<std::string_view, 12> kHaveVerbs = {
    "have",    "had",        "has",         "got",  "get", "notice",
    "noticed", "experience", "experienced", "feel", "any", "see"};
// Words that only connect or report, never a finding on their own.
constexpr std::array<std::string_view, 40> kFiller = {
    "and",  "or",   "with", "the",  "a",       "an",       "i",    "i'm",   "im",   "he",
    "she",  "they", "it",   "has",  "have",    "had",      "is",   "was",   "are",  "were",
    "been", "be",   "also", "some", "any",     "my",       "his",  "her",   "very", "of",
    "in",   "on",   "at",   "to",   "reports", "reported", "feel", "feels", "felt", "experiencing"};

// Words that open a clause with the story around a finding, not its name:
// who, that it was had, suffered, said or noticed, and when ("she
// complains of", "a week ago he had experienced", "she suffers from"; "I
// get out of breath": to get a symptom is to have it). Taken off the front
// only: inside a phrase some are part of a name ("feeling full quickly when eating"), and the
// gerund opens names too, so "feeling" stays where "I feel" goes. Whose
// story it is ("my child has", "my husband gets") is story too; not a
// parent's, which is more often family history ("my father had a heart
// attack") than the person one writes for. What the writer thinks or
// guesses ("I think I am having a panic attack") is how sure they are, not
// what they have.
constexpr std::array<std::string_view, 94> kStory = {
    "get",         "gets",         "toddler",    "infant",      "newborn", "boy",
    "girl",        "child",        "son",        "daughter",    "baby",    "husband",
    "wife",        "kid",          "partner",    "i",           "am",      "i'm",
    "im",          "i've",         "ive",        "got",         "gotten",  "he's",
    "she's",       "he",           "she",        "they",        "we",      "it",
    "my",          "his",          "her",        "their",       "has",     "have",
    "had",         "having",       "is",         "was",         "are",     "were",
    "been",        "complains",    "complained", "complaining", "reports", "reported",
    "states",      "stated",       "says",       "said",        "noticed", "experienced",
    "experiences", "experiencing", "developed",  "started",     "starts",  "began",
    "ago",         "since",        "recently",   "also",        "patient", "presents",
    "presented",   "presenting",   "comes",      "came",        "gives",   "describes",
    "described",   "admits",       "admitted",   "feel",        "feels",   "felt",
    "suffers",     "suffered",     "suffering",  "suffer",      "history", "seems",
    "seemed",      "appears",      "appeared",   "looks",       "looked",  "think",
    "thinks",      "believe",      "guess"};
// Verbs that say a finding began ("the rash started", "the pain began"),
// of the story words: after the finding, its subject, they say when.
constexpr std::array<std::string_view, 6> kBeginning = {"started", "starts", "began",
                                                        "begins",  "begun",  "appeared"};
// Words by which the one who writes found out what follows ("on further
// questioning, it is revealed that he has", "on examination", "she found
// that"): story too, taken off the front the same way.
constexpr std::array<std::string_view, 12> kFindingOut = {
    "further", "questioning", "questioned", "asked",    "asking",      "revealed",
    "reveals", "found",       "finds",      "noticing", "examination", "upon"};
// Words that join a clause to the story before it ("in addition, ..."):
// story words too, taken off the front the same way.
constexpr std::array<std::string_view, 6> kJoiners = {"addition", "additionally", "furthermore",
                                                      "moreover", "besides",      "meanwhile"};

// Relatives: a clause about one ("my father had a heart attack", "his
// sister has asthma") is family history, not the person's finding.
constexpr std::array<std::string_view, 21> kRelatives = {
    "mother",      "father",   "mom",     "mum",          "dad",     "parent",   "parents",
    "brother",     "brothers", "sister",  "sisters",      "sibling", "siblings", "grandmother",
    "grandfather", "grandma",  "grandpa", "grandparents", "aunt",    "uncle",    "cousin"};

// Verbs by which a relative reports the person's illness ("her mother
// noticed that she bruises easily"): the clause is the person's story.
constexpr std::array<std::string_view, 22> kReporting = {
    "noticed",   "notices",    "notes",   "noted",   "states",   "stated",   "says",      "said",
    "reports",   "reported",   "thinks",  "thought", "observed", "mentions", "describes", "told",
    "complains", "complained", "worries", "worried", "believes", "feels"};

// A clause about a relative, or that names a family history.
bool about_family(const std::vector<std::string>& words) {
  for (std::size_t i = 0; i + 1 < words.size(); ++i)
    if (words[i] == "family" && (words[i + 1] == "history" || words[i + 1] == "members"))
      return true;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    if (w == "my" || w == "his" || w == "her" || w == "our" || w == "their" || w == "the" ||
        w == "and" || w == "also" || w == "both")
      continue;
    return in(kRelatives, w) && !(i + 1 < words.size() && in(kReporting, words[i + 1]));
  }
  return false;
}

// Words that lead into a duration: "for the last 3 days", "over the past
// week", "since last night".
constexpr std::array<std::string_view, 12> kBeforeDuration = {"for",    "the",    "last",   "past",
                                                              "over",   "during", "within", "about",
                                                              "nearly", "since",  "a",      "an"};

// The lay phrasings the interpreter rewrites (lay_words.tsv) that open
// with a story word or a stop word: "feel sick", "a temperature". Taking
// that word off the front would change what the rest says ("sick",
// "temperature"), so the core keeps it.
bool lay_phrase_at(const std::vector<std::string>& words, std::size_t i) {
  const auto& table = lay_phrasings();
  return std::any_of(table.begin(), table.end(), [&](const LayPhrasing& p) {
    return !p.to.empty() && p.from.size() >= 2 && i + p.from.size() <= words.size() &&
           std::equal(p.from.begin(), p.from.end(), words.begin() + static_cast<std::ptrdiff_t>(i));
  });
}

constexpr std::array<std::string_view, 12> kSudden = {
    "sudden",    "suddenly",    "abrupt",  "abruptly", "acute",   "acutely",
    "instantly", "immediately", "rapidly", "rapid",    "quickly", "nowhere"};
constexpr std::array<std::string_view, 8> kGradual = {"gradual",   "gradually",     "slowly",
                                                      "slow",      "progressively", "progressive",
                                                      "insidious", "worsening"};
constexpr std::array<std::string_view, 14> kSevere = {
    "severe",   "severely", "terrible",  "worst",     "excruciating", "unbearable", "intense",
    "crushing", "extreme",  "extremely", "agonizing", "horrible",     "awful",      "debilitating"};
// Words that say a symptom comes with effort ("short of breath climbing the
// stairs", "chest pain on exertion"); "rest" after "at" says the opposite.
constexpr std::array<std::string_view, 13> kEffort = {
    "exertion", "exertional", "exercise", "exercising", "climbing", "climb",     "stairs",
    "upstairs", "uphill",     "walking",  "walk",       "activity", "activities"};
constexpr std::array<std::string_view, 2> kModerate = {"moderate", "moderately"};
constexpr std::array<std::string_view, 6> kMild = {"mild",     "mildly", "slight",
                                                   "slightly", "minor",  "little"};
// Who a stated age is ("a 30 year old woman").
constexpr std::array<std::string_view, 8> kPersonWords = {"man", "woman", "male", "female",
                                                          "boy", "girl",  "guy",  "lady"};
// Words that say what follows is not the cause of what came before ("not
// related to", "unrelated to", "not from", "not due to", "not caused by",
// "not associated with"): the tokens the cue takes at tokens[i], with the
// preposition after it; 0 when there is none.
constexpr std::array<std::string_view, 8> kCauseWords = {
    "related", "due", "caused", "associated", "linked", "connected", "attributable", "from"};
constexpr std::array<std::string_view, 4> kCauseLinks = {"to", "by", "with", "of"};
std::size_t not_the_cause_at(const std::vector<Token>& tokens, std::size_t i) {
  auto word_at = [&](std::size_t k) -> std::string_view {
    return k < tokens.size() && tokens[k].word ? std::string_view(tokens[k].text)
                                               : std::string_view();
  };
  std::size_t used = 0;
  if (word_at(i) == "unrelated" && word_at(i + 1) == "to")
    used = 1;
  else if (word_at(i) == "not" && in(kCauseWords, word_at(i + 1)))
    used = 2;
  else
    return 0;
  if (in(kCauseLinks, word_at(i + used))) ++used;
  // Something must follow: "the pain is not related" says no more.
  return word_at(i + used).empty() ? 0 : used;
}

// A stage of a person's life: a noun of one said with no "-hood" ("since
// birth"; a noun in -hood is one by its form: "childhood", "adulthood"), and
// a person at one ("since I was a kid", "since I was little").
constexpr std::array<std::string_view, 4> kStagesOfLife = {"birth", "infancy", "puberty",
                                                           "adolescence"};
constexpr std::array<std::string_view, 11> kPersonsAtAStage = {
    "child", "kid",  "baby",  "teen",   "teenager", "toddler",
    "boy",   "girl", "young", "little", "small"};

// A stage of life at words[i], said after "since": "childhood", "birth",
// "i was a child", "she was little". The words it takes; 0 when there is
// none.
std::size_t life_stage_at(const std::vector<std::string>& words, std::size_t i) {
  if (i >= words.size()) return 0;
  const auto stage = [](const std::string& w) {
    return (w.size() > 6 && w.ends_with("hood")) || in(kStagesOfLife, w);
  };
  if (stage(words[i])) return 1;
  std::size_t j = i;
  if (j + 1 >= words.size() || (words[j] != "i" && words[j] != "he" && words[j] != "she") ||
      (words[j + 1] != "was" && words[j + 1] != "were"))
    return 0;
  j += 2;
  if (j < words.size() && (words[j] == "a" || words[j] == "an")) ++j;
  if (j < words.size() && (in(kPersonsAtAStage, words[j]) || stage(words[j]))) return j + 1 - i;
  return 0;
}

// A number-unit pair starting at words[i] ("3 days", "a couple of weeks"),
// or one unit back from now ("last week", "the past month").
std::optional<double> duration_at(const std::vector<std::string>& words, std::size_t i,
                                  std::size_t* used = nullptr) {
  if (i >= words.size()) return std::nullopt;
  // A unit of time in the plural with no number ("for years", "over weeks",
  // "months ago"): more than one of it, so at least two. Only after "for" or
  // "over" or before "ago": "the first time in years" tells no finding's
  // duration.
  if (words[i].size() > 2 && words[i].back() == 's' && !number_of(words[i]))
    if (const auto u = unit_days(words[i]);
        u && ((i > 0 && (words[i - 1] == "for" || words[i - 1] == "over")) ||
              (i + 1 < words.size() && words[i + 1] == "ago"))) {
      if (used) *used = 1;
      return 2 * *u;
    }
  // A stage of life after "since" ("since childhood", "since I was a
  // child"): years at the least, as "for years" is.
  if (i > 0 && words[i - 1] == "since")
    if (const auto n = life_stage_at(words, i)) {
      if (used) *used = n;
      return 2 * *unit_days("year");
    }
  // The whole of one unit ("all night", "all day", "all week"): that long,
  // as "for a night" would say.
  if (words[i] == "all" && i + 1 < words.size())
    if (const auto u = unit_days(words[i + 1])) {
      if (used) *used = 2;
      return *u;
    }
  if ((words[i] == "last" || words[i] == "past") && i + 1 < words.size())
    if (const auto u = unit_days(words[i + 1])) {
      if (used) *used = 2;
      return *u;
    }
  auto n = number_of(words[i]);
  std::size_t j = i + 1;
  if (n && (words[i] == "a" || words[i] == "an") && j < words.size()) {
    if (auto m = number_of(words[j]); m && (words[j] == "few" || words[j] == "couple")) {
      n = m;
      ++j;
    }
  }
  if (!n) return std::nullopt;
  if (j < words.size() && words[j] == "of") ++j;
  if (j >= words.size()) return std::nullopt;
  const auto u = unit_days(words[j]);
  if (!u) return std::nullopt;
  // "of 2 days duration", "a one week duration": the noun is the same
  // stretch of time, not a word of the finding.
  if (j + 1 < words.size() && words[j + 1] == "duration") ++j;
  if (used) *used = j + 1 - i;
  return *n * *u;
}

// An age at words[i] ("2 year old", "a 30-year-old woman" less its "a"):
// the words it takes, with the person word after it; 0 when there is none.
// It says who the story is about (read_demographics reads it), not what
// they have: its words are no finding's, and no duration.
std::size_t age_phrase_at(const std::vector<std::string>& words, std::size_t i) {
  std::size_t used = 0;
  if (!duration_at(words, i, &used) || i + used >= words.size() || words[i + used] != "old")
    return 0;
  ++used;
  if (i + used < words.size() && in(kPersonWords, words[i + used])) ++used;
  return used;
}

// A day named from now ("yesterday", "this morning", "since today"): when
// a finding began, never part of its name. The words it takes at words[i];
// 0 when there is none. (Not "morning" alone: "morning stiffness" is a
// name.)
std::size_t day_named_at(const std::vector<std::string>& words, std::size_t i) {
  if (i >= words.size()) return 0;
  const auto& w = words[i];
  if (w == "yesterday" || w == "today" || w == "tonight" || w == "overnight") return 1;
  if (w == "this" && i + 1 < words.size() &&
      (words[i + 1] == "morning" || words[i + 1] == "afternoon" || words[i + 1] == "evening"))
    return 2;
  return 0;
}

// Duration words of a clause: "for 3 days", "2 weeks ago", "since yesterday",
// "since last week", "over the past month".
std::optional<double> clause_duration(const std::vector<std::string>& w) {
  std::optional<double> best;
  auto take = [&](double d) { best = best ? std::max(*best, d) : d; };
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (const auto age = age_phrase_at(w, i)) {
      i += age - 1;
      continue;
    }
    std::size_t used = 0;
    if (auto d = duration_at(w, i, &used)) {
      take(*d);
      i += used - 1;
      continue;
    }
    if (w[i] == "yesterday" || w[i] == "overnight") take(1);
    if (w[i] == "today" || w[i] == "tonight" || w[i] == "morning") take(0.5);
  }
  return best;
}

struct Clause {
  std::vector<std::string> words;
  bool negated = false;
  std::size_t sentence = 0;
  bool after_comma = false;  // opened by a comma of the same sentence
};

// The subject and verb a clause opens with ("my leg is" in "my leg is
// red", "i feel" in "i feel tired"): at most three words and the verb;
// empty when it opens otherwise.
std::vector<std::string> subject_and_verb(const std::vector<std::string>& words) {
  for (std::size_t i = 1; i < words.size() && i <= 3; ++i)
    if (is_linking_verb(words[i]))
      return {words.begin(), words.begin() + static_cast<std::ptrdiff_t>(i + 1)};
  return {};
}

// A short clause after a comma that says no subject or verb of its own
// ("hot and swollen" in "my leg is red, hot and swollen"; "weak, dizzy" in
// "I feel tired, weak, dizzy"): what it says is said of the subject before
// it, as "and" shares one within a clause.
bool continues_a_subject(const Clause& c) {
  if (!c.after_comma || c.words.empty() || c.words.size() > 4) return false;
  return std::none_of(c.words.begin(), c.words.end(), [](const std::string& w) {
    return is_linking_verb(w) || in(kSubjects, w) || in(kStory, w);
  });
}

std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < words.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out += words[i];
  }
  return out;
}

bool only_filler(const std::vector<std::string>& words) {
  return std::all_of(words.begin(), words.end(), [](const std::string& w) {
    return in(kFiller, w) || text::is_stopword(w) || in(kNegators, w) || in(kContracted, w);
  });
}

// Age and sex stated in the text ("a 61 year old man", "I'm a 30-year-old woman").
void read_demographics(const std::vector<Token>& tokens, Description& d) {
  std::vector<std::string> w;
  for (const auto& t : tokens)
    if (t.word) w.push_back(t.text);
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (!d.age_years && i + 2 < w.size() && (w[i + 1] == "year" || w[i + 1] == "years") &&
        w[i + 2] == "old")
      if (auto n = number_of(w[i]); n && *n <= 130) d.age_years = *n;
    if (!d.age_years && i + 1 < w.size() && (w[i] == "aged" || w[i] == "age"))
      if (auto n = number_of(w[i + 1]); n && *n >= 1 && *n <= 130) d.age_years = *n;
    if (!d.age_years && i + 2 < w.size() && (w[i + 1] == "month" || w[i + 1] == "months") &&
        w[i + 2] == "old")
      if (auto n = number_of(w[i])) d.age_years = *n / 12;
    if (!d.female) {
      const auto& x = w[i];
      if (x == "female" || x == "woman" || x == "she" || x == "her" || x == "girl" || x == "lady" ||
          x == "pregnant")
        d.female = true;
      else if (x == "male" || x == "man" || x == "he" || x == "his" || x == "him" || x == "boy")
        d.female = false;
    }
  }
}

// Words no phrase ends with: what they lead into comes after them.
bool ends_unfinished(std::string_view word) {
  return word == "of" || word == "the" || word == "a" || word == "an";
}

// A result, an examination or a function said to be as it should be
// ("her ECG was normal", "covid-19 negative", "normal urine output",
// "the X-ray came back unremarkable") names no finding the person has: it
// says that one is absent, as "no" does. Read as the thing named, negated:
// "normal urine output" is no Abnormal urine output, where the name's own
// words would read the opposite.
constexpr std::array<std::string_view, 4> kNormalWords = {"normal", "unremarkable", "negative",
                                                          "fine"};
// Whose a thing is: after "and", a list's last item that has its own.
constexpr std::array<std::string_view, 6> kOwners = {"my", "his", "her", "their", "our", "your"};
// What may stand between the thing and the word that says it is normal.
constexpr std::array<std::string_view, 16> kNormalLead = {
    "is",   "are",  "was",  "were",       "been",     "be",      "has",       "have",
    "came", "come", "back", "completely", "entirely", "totally", "perfectly", "all"};

// The words of a clause less what says they are normal, when it says so at
// its front ("normal urine output") or its end ("... were completely
// normal", "... within normal limits"); nothing otherwise. `plural` is set
// when the end says it with "were" or "are", the verb of a list's subject.
std::optional<std::vector<std::string>> normal_thing(const std::vector<std::string>& w,
                                                     bool& plural) {
  plural = false;
  std::size_t from = 0;
  if (from < w.size() && (w[from] == "a" || w[from] == "an")) ++from;
  if (from + 1 < w.size() && (w[from] == "normal" || w[from] == "negative"))
    return std::vector<std::string>(w.begin() + static_cast<std::ptrdiff_t>(from + 1), w.end());
  std::size_t end = w.size();
  if (end >= 3 && w[end - 3] == "within" && w[end - 2] == "normal" &&
      (w[end - 1] == "limits" || w[end - 1] == "range"))
    end -= 3;
  else if (end >= 2 && in(kNormalWords, w[end - 1]))
    end -= 1;
  else
    return std::nullopt;
  while (end > 1 && in(kNormalLead, w[end - 1])) {
    plural = plural || w[end - 1] == "were" || w[end - 1] == "are";
    --end;
  }
  return std::vector<std::string>(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(end));
}

// An item of a list that a normal result's verb speaks of ("her ECG, blood
// pressure, and cholesterol level were normal"): a short noun phrase with
// no verb of its own, after the story that leads into it ("she was told
// that").
std::optional<std::vector<std::string>> list_item(const std::vector<std::string>& w) {
  std::size_t from = 0;
  for (std::size_t i = 0; i < w.size(); ++i)
    if (w[i] == "that") from = i + 1;
  if (from >= w.size() || w.size() - from > 4) return std::nullopt;
  if (std::any_of(w.begin() + static_cast<std::ptrdiff_t>(from), w.end(),
                  [](const std::string& x) { return is_linking_verb(x) || in(kSubjects, x); }))
    return std::nullopt;
  return std::vector<std::string>(w.begin() + static_cast<std::ptrdiff_t>(from), w.end());
}

// Each clause that says something is normal (normal_thing) becomes that
// thing, negated; a list's "and X were normal" takes the items before it in
// its sentence along.
void read_normal_results(std::vector<Clause>& clauses) {
  for (std::size_t k = 0; k < clauses.size(); ++k) {
    Clause& c = clauses[k];
    if (c.negated) continue;
    bool plural = false;
    auto thing = normal_thing(c.words, plural);
    if (!thing) continue;
    // "..., and X were normal": the last item of a list, unless it has an
    // owner of its own ("headache, fever, and my tests were normal").
    const bool ends_a_list = plural && c.after_comma && c.words.size() > 1 && c.words[0] == "and" &&
                             !in(kOwners, c.words[1]);
    c.words = std::move(*thing);
    c.negated = true;
    if (!ends_a_list) continue;
    for (std::size_t j = k; j-- > 0;) {
      Clause& item = clauses[j];
      if (item.sentence != c.sentence || item.negated) break;
      auto words = list_item(item.words);
      if (!words) break;
      item.words = std::move(*words);
      item.negated = true;
      if (!item.after_comma) break;
    }
  }
}

}  // namespace

std::optional<double> parse_duration_days(std::string_view phrase) {
  std::vector<std::string> w;
  for (const auto& t : tokens_of(text::fold(phrase)))
    if (t.word) w.push_back(t.text);
  return clause_duration(w);
}

namespace {

// Years per unit of an age ("years", "yrs", "yo", "months", "wk"...).
std::optional<double> age_unit_years(std::string_view w) {
  if (w == "y" || w == "yo" || w == "yr" || w == "yrs" || w == "year" || w == "years") return 1;
  if (w == "mo" || w == "mos" || w == "month" || w == "months") return 1.0 / 12;
  if (w == "wk" || w == "wks" || w == "week" || w == "weeks") return 7 / 365.25;
  if (w == "d" || w == "day" || w == "days") return 1 / 365.25;
  return std::nullopt;
}

}  // namespace

std::optional<double> read_age(std::string_view text) {
  const auto tokens = tokens_of(text::fold(text));
  std::vector<std::string> w;
  for (const auto& t : tokens)
    if (t.word) w.push_back(t.text);
  // A number glued to its unit ("61yo", "6mo"): two words.
  if (w.size() == 1) {
    const auto& x = w[0];
    const auto cut = x.find_first_not_of("0123456789.");
    if (cut != std::string::npos && cut > 0 && age_unit_years(x.substr(cut))) {
      w = {x.substr(0, cut), x.substr(cut)};
    }
  }
  // [aged | age | about] NUMBER [UNIT] [old]: the whole text.
  std::size_t i = 0;
  while (i < w.size() && (w[i] == "aged" || w[i] == "age" || w[i] == "about")) ++i;
  if (i < w.size())
    if (const auto n = number_of(w[i]); n && w[i] != "a" && w[i] != "an") {
      double per = 1;
      std::size_t j = i + 1;
      if (j < w.size())
        if (const auto u = age_unit_years(w[j])) {
          per = *u;
          ++j;
        }
      if (j < w.size() && w[j] == "old") ++j;
      if (j == w.size()) return *n * per;
    }
  // A phrase that states it ("a 61 year old man"), as a description does.
  Description d;
  read_demographics(tokens, d);
  return d.age_years;
}

bool long_standing(const Finding& f) {
  return f.duration_days && *f.duration_days > kLongStandingDays && f.onset != Onset::sudden &&
         f.severity != Severity::severe;
}

std::vector<bool> long_standing(const std::vector<Finding>& findings) {
  std::vector<bool> out;
  out.reserve(findings.size());
  for (const auto& f : findings) out.push_back(!f.negated && long_standing(f));
  return out;
}

bool only_on_effort(const Finding& f) {
  return f.on_effort && f.onset != Onset::sudden && f.severity != Severity::severe;
}

std::string_view to_string(Onset onset) {
  switch (onset) {
    case Onset::sudden:
      return "sudden";
    case Onset::gradual:
      return "gradual";
    default:
      return "unknown";
  }
}

bool relative_word(std::string_view word) {
  return in(kRelatives, word);
}

bool degree_word(std::string_view word) {
  return in(kSevere, word) || in(kModerate, word) || in(kMild, word);
}

bool onset_word(std::string_view word) {
  return in(kSudden, word) || in(kGradual, word);
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::mild:
      return "mild";
    case Severity::moderate:
      return "moderate";
    case Severity::severe:
      return "severe";
    default:
      return "unknown";
  }
}

Description read_description(std::string_view text) {
  Description d;
  const auto tokens = tokens_of(text::fold(text));
  read_demographics(tokens, d);

  // Clauses, with the negation each carries.
  std::vector<Clause> clauses;
  Clause cur;
  bool carry = false;  // a negation still open in this sentence
  std::size_t sentence = 0;
  auto close = [&]() {
    if (!cur.words.empty()) clauses.push_back(std::move(cur));
    cur = Clause{};
    cur.negated = carry;
    cur.sentence = sentence;
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (!t.word) {
      // A comma after "of" or an article is a slip, not a break: no clause
      // ends there ("Shortness of, breath").
      if (t.text == "," && !cur.words.empty() && ends_unfinished(cur.words.back())) continue;
      if (t.sentence_end) carry = false;
      close();
      if (t.sentence_end) ++sentence, cur.sentence = sentence;
      cur.after_comma = t.text == ",";
      continue;
    }
    const std::string& w = t.text;
    const std::string next = i + 1 < tokens.size() && tokens[i + 1].word ? tokens[i + 1].text : "";
    const std::string after = i + 2 < tokens.size() && tokens[i + 2].word ? tokens[i + 2].text : "";
    // "for a while", "after a while": the noun, a stretch of time, not the
    // conjunction that turns to a new clause.
    const bool while_noun = w == "while" && i > 0 && tokens[i - 1].word &&
                            (tokens[i - 1].text == "a" || tokens[i - 1].text == "little");
    if (in(kClauseBreaks, w) && !while_noun) {
      if (in(kContrast, w)) carry = false;
      close();
      continue;
    }
    if (w == "and" && in(kSubjects, next)) {
      close();
      continue;
    }
    // "spotting not related to menstruation", "unrelated to exertion", "not
    // from Y", "not due to Y": Y is said not to be the cause of what came
    // before. It is neither had nor denied, so its words, to the clause's
    // end, are left out (read as a denied finding, the same figures).
    if (const auto cue = not_the_cause_at(tokens, i)) {
      i += cue - 1;
      while (i + 1 < tokens.size() && tokens[i + 1].word &&
             !in(kClauseBreaks, tokens[i + 1].text) &&
             !(tokens[i + 1].text == "and" && i + 2 < tokens.size() &&
               in(kSubjects, tokens[i + 2].text)))
        ++i;
      continue;
    }
    bool negator = false;
    std::size_t skip = 0;
    if (in(kNegators, w) &&
        !(w == "no" && (next == "longer" || next == "better" || next == "change" ||
                        next == "relief" || next == "improvement" || in(kLacking, next)))) {
      negator = true;
    } else if (w == "negative" && next == "for") {
      negator = true, skip = 1;
    } else if ((w == "free" || w == "absence") && next == "of") {
      negator = true, skip = 1;
    } else if (in(kContracted, w) && in(kHaveVerbs, next)) {
      negator = true, skip = 1;
      if (after == "any" || after == "a" || after == "an") skip = 2;
    }
    if (negator) {
      // Words before the cue in this clause are a finding of their own.
      if (!cur.negated) {
        const bool was = carry;
        carry = true;
        if (!cur.words.empty()) {
          cur.negated = false;
          clauses.push_back(std::move(cur));
        }
        cur = Clause{};
        cur.negated = true;
        cur.sentence = sentence;
        (void)was;
      } else {
        close();
      }
      i += skip;
      continue;
    }
    // A new clause that asserts ("he has", "I feel", "reports") ends a list
    // of negated findings: "no fever, he has a cough".
    if (cur.words.empty() && cur.negated && in(kAssert, w)) {
      cur.negated = false;
      carry = false;
    }
    cur.words.push_back(w);
  }
  carry = false;
  close();
  read_normal_results(clauses);

  // Sentences counted over those that gave a finding, so a greeting or an
  // empty line before the complaint does not push it back.
  std::size_t sentences_seen = 0, last_sentence = 0;
  // Sentences that say "at rest": what comes with effort in them comes at
  // rest too ("out of breath climbing stairs, and now even at rest").
  std::vector<std::size_t> at_rest;
  for (const auto& c : clauses)
    for (std::size_t i = 1; i < c.words.size(); ++i)
      if (c.words[i] == "rest" && c.words[i - 1] == "at") at_rest.push_back(c.sentence);
  // The subject and verb of the last clause that opened with them, to
  // share with the short clauses after it.
  std::vector<std::string> opening;
  const Clause* opened = nullptr;
  for (auto& c : clauses) {
    if (const auto own = subject_and_verb(c.words); !own.empty()) {
      opening = own;
      opened = &c;
    } else if (opened && opened->sentence == c.sentence && opened->negated == c.negated &&
               continues_a_subject(c)) {
      c.words.insert(c.words.begin(), opening.begin(), opening.end());
    } else {
      opened = nullptr;
    }
    Finding f;
    f.negated = c.negated;
    f.duration_days = clause_duration(c.words);
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < c.words.size(); ++i) {
      if (const auto age = age_phrase_at(c.words, i)) {
        if (!kept.empty() && (kept.back() == "a" || kept.back() == "an")) kept.pop_back();
        i += age - 1;
        continue;
      }
      const auto& w = c.words[i];
      if (in(kSudden, w)) f.onset = Onset::sudden;
      if (in(kEffort, w)) f.on_effort = true;
      if (in(kGradual, w) && f.onset == Onset::unknown) f.onset = Onset::gradual;
      if (in(kSevere, w) || (w == "very" && i + 1 < c.words.size() && c.words[i + 1] == "bad"))
        f.severity = Severity::severe;
      else if (in(kModerate, w) && f.severity == Severity::unknown)
        f.severity = Severity::moderate;
      else if (in(kMild, w) && f.severity == Severity::unknown)
        f.severity = Severity::mild;
      // A part said in one word with its ache ("toothache", "earache",
      // "backache") says where as the part does.
      const bool ache = w.size() > 4 && w.ends_with("ache") &&
                        is_body_site(std::string_view(w).substr(0, w.size() - 4));
      if (is_body_site(w) || ache) {
        if (!f.site.empty()) f.site += ' ';
        f.site += ache ? w.substr(0, w.size() - 4) : w;
      }
      kept.push_back(w);
    }
    if (std::find(at_rest.begin(), at_rest.end(), c.sentence) != at_rest.end()) f.on_effort = false;
    if (f.onset == Onset::sudden) d.any_sudden = true;
    if (f.severity == Severity::severe && !f.negated) d.any_severe = true;
    if (f.duration_days)
      d.longest_duration_days = d.longest_duration_days
                                    ? std::max(*d.longest_duration_days, *f.duration_days)
                                    : *f.duration_days;
    if (only_filler(kept)) continue;
    if (about_family(kept)) {
      // A relative's illness is history; that none has one says nothing.
      if (!f.negated) d.family_history.push_back(join(kept, 0, kept.size()));
      continue;
    }
    {
      // Durations and days named anywhere ("fever for 2 days", "since
      // yesterday"), story words and connectives at the front.
      std::vector<std::string> core;
      for (std::size_t i = 0; i < kept.size(); ++i) {
        std::size_t used = 0;
        if (duration_at(kept, i, &used) || (used = day_named_at(kept, i)) > 0) {
          // With the words that lead into it ("for the last 3 days",
          // "since yesterday").
          while (!core.empty() && in(kBeforeDuration, core.back())) core.pop_back();
          i += used - 1;
          continue;
        }
        if (core.empty() &&
            (in(kStory, kept[i]) || in(kReporting, kept[i]) || in(kFindingOut, kept[i]) ||
             in(kJoiners, kept[i]) || text::is_stopword(kept[i])) &&
            !lay_phrase_at(kept, i))
          continue;
        core.push_back(kept[i]);
      }
      // "the rash started yesterday", "the pain began two days ago": a
      // finding said as the subject of a verb of beginning, with when (a
      // duration or a day, taken out above). The verb says when it began,
      // not what it is: the finding is its subject. (At the front the verb
      // is story already: "started feeling tired".) Only right after the
      // finding's words: in a clause of its own the verb says more of it
      // ("pain that started after meals").
      for (std::size_t i = 1; i < core.size();)
        if (in(kBeginning, core[i]) && !text::is_stopword(core[i - 1]) && !lay_phrase_at(core, i)) {
          const bool to = i + 1 < core.size() && core[i + 1] == "to";  // "started to itch"
          core.erase(core.begin() + static_cast<std::ptrdiff_t>(i),
                     core.begin() + static_cast<std::ptrdiff_t>(i + (to ? 2 : 1)));
        } else {
          ++i;
        }
      // "my head has hurt", "my back has been hurting", "my throat has
      // been sore": the helpers of the perfect tense after a finding's
      // subject say since when, not what; the finding is the subject and
      // what is said of it ("head hurt", "back hurting", "throat sore"),
      // as the present tense would say it. Only before "been", a past
      // participle or an -ing form: "has" before a noun says what the
      // subject has ("my son has a rash").
      for (std::size_t i = 1; i + 1 < core.size();) {
        const bool helper = core[i] == "has" || core[i] == "have" || core[i] == "had";
        const auto& next = core[i + 1];
        const bool verb_form = next == "been" || !past_participle(next).empty() ||
                               (next.size() > 4 && next.ends_with("ing"));
        if (helper && verb_form && !text::is_stopword(core[i - 1])) {
          const bool been = next == "been" && i + 2 < core.size();
          core.erase(core.begin() + static_cast<std::ptrdiff_t>(i),
                     core.begin() + static_cast<std::ptrdiff_t>(i + (been ? 2 : 1)));
        } else {
          ++i;
        }
      }
      while (!core.empty() && (text::is_stopword(core.back()) || core.back() == "ago"))
        core.pop_back();
      f.core = join(core, 0, core.size());
    }
    if (sentences_seen == 0 || c.sentence != last_sentence) ++sentences_seen;
    last_sentence = c.sentence;
    f.sentence = sentences_seen - 1;
    f.text = join(kept, 0, kept.size());
    // A clause that only says how long ("chest pain when I walk, for two
    // months now") says it of the finding before it in the sentence.
    if (f.core.empty() && f.duration_days && !d.findings.empty()) {
      auto& before = d.findings.back();
      if (before.sentence == f.sentence && before.negated == f.negated && !before.duration_days) {
        before.duration_days = f.duration_days;
        continue;
      }
    }
    d.findings.push_back(std::move(f));
  }
  return d;
}

}  // namespace symptomdb::checker
