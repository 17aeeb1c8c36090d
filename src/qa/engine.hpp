// The question-answering engine: reads a question (red flags, focus,
// intents), picks answers from the snapshot's articles, and says where each
// came from. Built once per snapshot; ask() and search() are const and
// thread-safe, and do no I/O.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/spelling.hpp"
#include "engine/snapshot.hpp"
#include "qa/focus.hpp"
#include "qa/intent.hpp"
#include "qa/red_flags.hpp"
#include "search/index.hpp"

namespace symptomdb::qa {

// The longest question accepted (bytes): a subject line and a message of
// several paragraphs, as people write to a health library.
inline constexpr std::size_t kMaxQuestionChars = 5000;
// The longest subject line accepted (bytes) when it is given apart from the
// message (a form's "Subject" field); it does not count in the message's.
inline constexpr std::size_t kMaxSubjectChars = 300;

// Something that can be given as an answer: one section of an article, or
// the introduction of an article written for the site (its overview).
struct Unit {
  std::uint32_t article = 0;
  std::int32_t section = -1;  // -1: the article's introduction
  SectionType type = SectionType::overview;
  std::uint32_t condition = 0;
};

struct Source {
  std::string collection;  // "NINDS", or "symptomdb" for the site's own articles
  std::string document;
  std::string pair;
  std::string url;  // where the text was published (or the article's page here)
  std::string license;
  std::string author;
  std::string article;  // slug of the article on this site
  std::string anchor;   // element id of the section on the article page
};

struct Answer {
  std::size_t unit = 0;
  double score = 0;
  SectionType type = SectionType::overview;
  std::size_t condition = 0;
  std::string heading;
  std::string text;  // Markdown
  Source source;
  bool asked = true;  // of a type the question asked for (false: offered instead)
  // How the answer was found: about a condition the question names; about a
  // narrower condition (its name contains the focus's: "familial Alzheimer
  // disease" for "Alzheimer disease") because the focus holds no answer of
  // the kind asked; about a broader condition (the one its name's head
  // words name: "Poisoning" for "Sodium hypochlorite poisoning") because the
  // focus holds no answer of the kind asked; about another condition the
  // question names nearly as strongly, because the one read first holds no
  // answer at all; or by searching all answers for the question's words.
  enum class Via : std::uint8_t { focus, narrower, broader, other_named, search };
  Via via = Via::focus;
};

struct ReverseHit {
  std::size_t condition = 0;
  double score = 0;
  std::vector<std::string> findings;  // which of the asked findings it mentions
  std::string passage;                // the sentence that mentions them
  std::size_t unit = 0;
};

struct Result {
  std::string question;
  std::string subject;  // the subject line, when given apart from the message
  std::vector<FocusMatch> focus;
  std::vector<Correction> corrections;
  std::vector<Intent> intents;  // as detected; empty means "what is it"
  std::vector<Answer> answers;
  std::vector<SectionType> missing;      // asked about the focus but not held
  std::vector<SectionType> available;    // what is held about the main focus
  std::vector<std::size_t> suggestions;  // conditions, when the focus is unclear
  // What the question asks about that the knowledge base holds nothing on
  // (a product or condition it does not know: "daytrana"), when that, not
  // a condition it names, is what is asked.
  std::vector<std::string> not_covered;
  std::optional<Emergency> emergency;
  bool reverse = false;  // "what can cause X": conditions are the answer
  std::vector<std::string> findings;
  std::vector<ReverseHit> conditions;
};

struct Suggestion {
  std::size_t condition = 0;
  std::string label;  // the name or synonym that matched the prefix
};

struct SearchFilters {
  std::string collection;
  std::optional<SectionType> type;
};

struct SearchHit {
  std::size_t article = 0;
  std::size_t unit = 0;  // the best-matching part of the article
  double score = 0;
  std::string snippet;
};

struct SearchPage {
  std::string query;
  std::vector<Correction> corrections;
  std::size_t total = 0;  // matching articles before the limit
  std::vector<SearchHit> hits;
  std::map<std::string, std::size_t> collections;  // facet counts (articles)
  std::map<SectionType, std::size_t> types;        // facet counts (sections)
};

class Engine {
 public:
  explicit Engine(std::shared_ptr<const Snapshot> snapshot);
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  Result ask(std::string_view question, std::size_t limit = 5) const;
  // A message with its subject line given apart (a form's "Subject" field):
  // the subject is the message's title for certain (unless it asks in so
  // many words, or names only the web form it came through), and no first
  // sentence of the message is guessed to be one. An empty subject:
  // ask(message).
  Result ask(std::string_view subject, std::string_view message, std::size_t limit) const;
  std::vector<Suggestion> suggest(std::string_view prefix, std::size_t limit = 8) const;
  SearchPage search(std::string_view query, const SearchFilters& filters, std::size_t limit) const;
  // Red-flag wording in any text (the symptom checker's free text too).
  std::optional<Emergency> emergency(std::string_view text) const;
  // The conditions a short text names, best first (the focus finder alone:
  // an Infobutton display name, not a question).
  std::vector<FocusMatch> find_focus(std::string_view text) const;

  const Snapshot& snapshot() const { return *snapshot_; }
  std::size_t unit_count() const { return units_.size(); }
  const Unit& unit(std::size_t u) const { return units_[u]; }
  std::string unit_text(std::size_t u) const;
  std::string unit_heading(std::size_t u) const;
  Source unit_source(std::size_t u) const;

 private:
  // `question`'s first `subject_end` bytes are a subject given apart (0: none).
  Result ask_text(std::string_view question, std::size_t subject_end, std::size_t limit) const;
  std::vector<std::size_t> units_of(std::size_t condition, SectionType type) const;
  // A reading through another name of one ordinary English word ("Battery"
  // of Child Abuse, "Snow" of Cocaine, "Tension" of Anxiety) that the
  // condition's own answers never use, nor its own name, though other
  // answers do: the word is said in another sense, not as that condition's
  // name.
  bool other_sense_of_a_word(const FocusMatch& m, const std::vector<text::Term>& terms) const;
  // Does any answer about the condition use the word (any form sharing the
  // stem's beginning)?
  bool used_by_own_answers(std::size_t condition, const std::string& stem) const;
  // Another name of several words read from the asker's words said in
  // another order ("patches on my skin" as Birth Control's "Skin patch")
  // when a word of it is one the condition's answers never use, though
  // other answers do: the words name a finding of that part, as the order
  // was taken to say, not the condition (see reordered_compound_keys).
  bool other_sense_said_the_other_way(const FocusMatch& m, const std::vector<text::Term>& terms,
                                      text::Analyzer& analyzer) const;
  // A word of a condition's own longer name read alone through another name
  // ("Cold" of Common cold), or its one-word name in another form
  // ("burning" for Burns), where it describes the next word, said with it
  // in one phrase ("is cold weather bad for arthritis", "burning rash"): the
  // condition's answers never use that next word, and other answers say the
  // two words together. The word then names a kind of the next thing, not
  // the condition.
  bool word_that_describes_the_next(const FocusMatch& m, std::string_view question,
                                    const std::vector<text::Term>& terms) const;
  double answer_score(std::size_t unit, const std::vector<search::TermId>& terms) const;
  // How well a unit's title (its article's and its own heading) fits what is
  // asked: the share of the title's
  // content stems that the focus's names or the question's words cover, and
  // how many they cover. (An article titled exactly as the focus fits fully;
  // "HIV/AIDS and pregnancy" fits fully only when pregnancy is asked about.)
  struct TitleFit {
    double share = 0;
    std::size_t covered = 0;
  };
  TitleFit title_fit(std::size_t unit, const std::vector<std::string>& asked_stems) const;
  void reverse_lookup(Result& r, const std::vector<text::Term>& terms, std::size_t from,
                      text::Analyzer& analyzer) const;
  std::string best_sentence(std::size_t unit, const std::vector<std::string>& stems,
                            text::Analyzer& analyzer) const;

  std::shared_ptr<const Snapshot> snapshot_;
  std::vector<Unit> units_;
  std::vector<std::vector<std::size_t>> condition_units_;  // condition -> units
  // Content stem of a condition name or synonym -> conditions so named
  // (sorted): narrower conditions are those named with all the focus's stems.
  std::unordered_map<std::string, std::vector<std::uint32_t>> name_stems_;
  // The same without the words a name writes as an abbreviation, in
  // capitals ("PET" of "Patulous Eustachian Tube"): a focus word the asker
  // wrote in lower case ("pets") is looked up here (see narrower).
  std::unordered_map<std::string, std::vector<std::uint32_t>> name_stems_plain_;
  // Condition -> for each of its names, for each word: whether the name
  // writes it as an abbreviation (see name_stems_plain_).
  std::vector<std::vector<std::vector<bool>>> name_term_caps_;
  // The stem of the last word of each condition's own name ("poison" for
  // "Sodium hypochlorite poisoning"): the kind of thing it names.
  std::vector<std::string> name_last_stem_;
  // `next`: the stem of the word the question puts right after the focus's
  // words ("asleep" in "trouble falling asleep"), or empty.
  std::vector<std::size_t> narrower(std::size_t condition, const std::string& name,
                                    text::Analyzer& analyzer, const std::string& next = {}) const;
  // The stems of every disease's own name, each followed by a space
  // ("cancer "): a name whose words after the focus's end in one of these
  // is of that other condition, not a kind of the focus (see narrower).
  std::unordered_set<std::string> own_name_keys_;
  // Condition -> the stems of each of its names (its own name first, then
  // its synonyms), every word: read once for narrower().
  std::vector<std::vector<std::vector<std::string>>> name_term_stems_;
  // Condition -> for each of its names, for each word: whether the word
  // ends a phrase of the name (the name ends after it, or a stop word, a
  // spaced dash, a comma or a bracket comes next): the head of that phrase.
  // "blood" in "Low blood pressure" does not, "penis" in "Curvature of the
  // penis" does (see narrower).
  std::vector<std::vector<std::vector<bool>>> name_phrase_ends_;
  // Condition -> the broader conditions that hold answers, nearest first:
  // those whose own name is the head of its own name, the words it ends
  // with ("Poisoning" for "Sodium hypochlorite poisoning", "X disease" for
  // "familial X disease") or, in a name written "Head - part", the words
  // before the dash. Not across a name of several words joined by a stop
  // word ("X in Y", "X and Y"). From the names alone.
  std::vector<std::vector<std::uint32_t>> broader_;
  EnglishWords english_;
  std::vector<std::string> collection_names_;
  std::vector<std::uint16_t> article_collection_;      // article -> collection_names_
  std::vector<std::string> anchors_;                   // unit -> element id
  std::vector<std::vector<std::string>> title_stems_;  // unit -> title stems, sorted
  search::Index index_;
  std::unique_ptr<RedFlags> red_flags_;
  std::unique_ptr<IntentDetector> intents_;
  std::unique_ptr<FocusDictionary> focus_;
  struct Name {
    std::string folded;
    std::uint32_t condition;
    std::uint32_t offset;  // where the matching word starts in `folded`
    std::string label;
  };
  std::vector<Name> names_;  // for autocomplete, sorted by folded[offset:]
};

}  // namespace symptomdb::qa
