// Free text to HPO terms: "muscle wasting, cramps and twitching" becomes
// HP:0003202, HP:0003394, HP:0002380. Every label and synonym is indexed by
// its content-word stems (folded, spelling-unified, Snowball-stemmed), so case,
// accents, plurals and word order do not matter; misspelt words are corrected
// against the ontology's own vocabulary (OSA distance, SymSpell index); a
// small table of plain-English phrasings (checker/data/lay_words.tsv, language
// only) rewrites words patients use into the words HPO labels use.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/spelling.hpp"
#include "ontology/ontology.hpp"
#include "text/fuzzy.hpp"

namespace symptomdb::checker {

using ontology::TermIndex;

struct Interpretation {
  std::string text;  // the phrase as the user wrote it
  TermIndex term;
  std::string label;    // the term's label
  std::string matched;  // the label or synonym it was matched to
  double confidence;    // in (0, 1]: 1 for an exact label or synonym
};

struct Suggestion {
  TermIndex term;
  std::string label;
  std::string matched;  // the label or synonym whose words matched the prefix
};

class Interpreter {
 public:
  // Ways of reading beyond the names themselves, each on by default; the
  // words benchmark (bench/checker --words) turns them off one at a time.
  struct Options {
    // A phrase that only longer names contain ("cramps": "Writer's cramp",
    // "Muscle cramps", "Abdominal cramps") says less than any of them: it is
    // read as the closest term above them all, or else as the one of them
    // that is above the others, never as the rarer, more specific one.
    bool generalise = true;
    // Words HPO itself uses interchangeably: two names of one term that
    // differ in exactly one word ("Recurrent X" / "Repeated X"), over enough
    // different terms, make the two words stand for each other at a cost.
    bool equivalents = true;
    // The first sentence of a term's definition, when short, is matched as
    // a weak name: definitions are written in plain words ("Inability to
    // see well at night").
    bool definitions = true;
    // A word of the installed English word list (core/spelling.hpp) is
    // never "corrected" into a word of HPO's names: "crap" is no slip for
    // "carp" (Carp-like mouth), as "wife" is none for "life" in a question.
    bool english_not_corrected = true;
  };

  // `weights` (optional, indexed by TermIndex) break ties between equally
  // good names, e.g. how many diseases are annotated with each term. Only the
  // phenotype branch (HP:0000118) is matched when the ontology has it, so
  // frequency, onset and inheritance terms never stand for a symptom.
  explicit Interpreter(std::shared_ptr<const ontology::Ontology> ontology,
                       std::vector<double> weights = {});
  Interpreter(std::shared_ptr<const ontology::Ontology> ontology, std::vector<double> weights,
              Options options);

  // Splits free text into phrases (commas, semicolons, newlines, " and ",
  // " with ") and reads each as its best HPO term; phrases that match nothing
  // come back in `unmatched`.
  struct Result {
    std::vector<Interpretation> terms;
    std::vector<std::string> unmatched;
  };
  Result interpret(std::string_view text) const;
  // One phrase to its best term (or nothing): used for each symptom string
  // the API receives. An HPO id ("HP:0002380") resolves directly.
  std::optional<Interpretation> interpret_phrase(std::string_view phrase) const;
  // The phrase's reading, or when it reads as nothing, the reading of its
  // words before a clause of circumstance ("dizzy when I stand up": dizzy)
  // or before where on the body it is ("rash on my arms": rash).
  std::optional<Interpretation> read_before_circumstance(std::string_view phrase) const;
  // The same, as if no name with exactly the phrase's words (after folding,
  // stemming and lay rewriting) were indexed, for any term: the dev measure
  // of bench/checker --words holds each of HPO's layperson synonyms out this
  // way and checks where the phrase still lands.
  std::optional<Interpretation> interpret_held_out(std::string_view phrase) const;
  // Autocomplete: names whose words start with the prefix's words (the last
  // may be partial), layperson names first, one suggestion per term.
  std::vector<Suggestion> suggest(std::string_view prefix, std::size_t limit) const;

  // True when a reading shares with its name only words that say how a
  // finding is, not what it is (HPO's one-word clinical modifiers under
  // HP:0012823: "acute", "severe", "recurrent", "intermittent"), and the
  // name says more than the phrase: "acute" is not Acute leukemia, "severe"
  // not Severe infection. A reading through other words ("tired": Fatigue)
  // or one that says all of its name is not.
  bool says_only_how(const Interpretation& reading) const;
  // True when a partial reading holds less than half of what its name
  // tells, each word weighed by how few of HPO's names use it: "it is
  // associated" shares a common word with Clang associations and misses
  // its telling one, "shortness of" Short limb, "persistent" Persistent
  // truncus arteriosus. A reading that says all of its name is not.
  // Reading applies it to the best name found: such a name gives way to the
  // best one the phrase says in full ("rash": Skin rash through its synonym
  // "Rash", not Perianal rash), or to nothing; a reading as what several
  // names have in common stands when that term's label holds enough
  // ("bleeding": Abnormal bleeding).
  bool says_too_little(const Interpretation& reading) const;

  // The phrase in the words HPO's names and the health texts use: lay
  // phrasings rewritten ("the runs" -> diarrhea, "pee" -> urination,
  // lay_words.tsv) and words of degree left out ("all the time", "very"),
  // folded, one space between words. What the condition texts are searched
  // with, so that "runs" does not meet "runs in families".
  std::string in_names_words(std::string_view phrase) const;

  // The installed English word list (empty when none is installed).
  const EnglishWords& english() const { return english_; }
  // True when a word of the text names a part of the body as HPO's
  // morphology names do ("vaginal", "urethra", "knee"): a description that
  // says where tells something even when no finding of it is read as a term
  // ("vaginal spotting"), unlike one that names nothing ("I feel like crap").
  bool says_a_part(std::string_view text) const;
  // True for a term of HPO's mental-function branch (HP:0011446): a mood,
  // a behaviour, a way of thinking, which no part of the body has.
  bool is_behaviour(TermIndex t) const { return t < behaviour_.size() && behaviour_[t]; }

  const ontology::Ontology& ontology() const { return *ontology_; }
  std::shared_ptr<const ontology::Ontology> ontology_ptr() const { return ontology_; }

 private:
  // A phrase that says what its subject is ("my glands are swollen") read
  // as the name would say it ("swollen glands"), when that is a name said
  // whole; nothing otherwise.
  std::optional<Interpretation> read_inverted(std::string_view phrase) const;
  // read_before_circumstance without the narrowing below.
  std::optional<Interpretation> read_finding(std::string_view phrase) const;
  // `read`, the finding of a phrase that says when it comes, as the one
  // narrower term whose names or definition say that circumstance.
  std::optional<Interpretation> narrowed_by_circumstance(std::optional<Interpretation> read,
                                                         std::string_view phrase) const;
  // The phrase with a part word, from word `from` on, replaced by a broader
  // part (broader_parts_), when that is a name said whole; nothing otherwise.
  std::optional<Interpretation> read_as_broader_part(std::string_view phrase,
                                                     std::size_t from) const;

  // The phrase with a part word, from word `from` on, read as the one term
  // of that part's own branch whose name is the phrase's other words and
  // words for a part within it ("blocked ear": Blocked Eustachian tube);
  // nothing otherwise. For read_inverted: a state said with a linking verb.
  std::optional<Interpretation> read_as_narrower_part(std::string_view phrase,
                                                      std::size_t from) const;

  enum class Kind : std::uint8_t { label, layperson, exact, related, definition };
  struct Name {
    TermIndex term;
    Kind kind;
    std::string text;                // as the ontology writes it
    std::string folded;              // folded, words separated by one space
    std::vector<std::string> stems;  // content-word stems, sorted, unique
    std::uint32_t rank;              // position in suggestion order (lower first)
    // What each stem tells among all names, as said_share weighs it: set
    // once the names are indexed (by_stem_).
    std::vector<double> share_weights = {};
    std::vector<std::uint32_t> stem_ids = {};  // stem_ids_ of the stems, in their order
  };
  // What best_name and better read of every candidate name, kept apart
  // from the names' strings: a one-word clause has thousands of candidates,
  // scanned in few cache lines (facts_, one per name).
  struct NameFacts {
    TermIndex term;
    std::uint32_t rank;
    std::uint32_t stems;  // Name::stems.size()
    Kind kind;
  };
  struct Scored {
    std::uint32_t name;
    double score;
    double confidence;
    // Set when the phrase is read as a more general term than the name's
    // (Options::generalise).
    std::optional<TermIndex> general = std::nullopt;
  };
  // The stems a reading's phrase says (in HPO's words: lay rewrites and
  // equivalents) and those of the name it was matched to.
  std::pair<std::unordered_set<std::string>, std::unordered_set<std::string>> said_and_named(
      const Interpretation& reading) const;
  // The share of what a name's stems tell (each weighed by how few names
  // use it) that `said` holds (says_too_little).
  double said_share(const std::unordered_set<std::string>& said,
                    const std::vector<std::string>& name) const;
  // The same for one of names_, with the weights computed once, `said` as
  // the sorted stem_ids_ of the stems said.
  double said_share(const std::vector<std::uint32_t>& said, const Name& name) const;
  // log(names / names with the stem): the fewer names use a stem, the more
  // it tells.
  double share_weight(const std::string& stem) const;
  // Less than half, yet something (says_too_little).
  bool too_little(const std::unordered_set<std::string>& said,
                  const std::vector<std::string>& name) const;
  // A phrase's stems with its optional words and the words HPO's names use
  // in their place (Options::equivalents).
  std::unordered_set<std::string> said_stems(const std::vector<std::string>& stems,
                                             const std::vector<std::string>& optional) const;
  // The phrase's folded words without its words of degree ("all the time",
  // "very"; lay_words.tsv lines with nothing after the tab), which go to
  // `degree` when given.
  std::vector<std::string> without_degree_words(std::string_view phrase,
                                                std::vector<std::string>* degree) const;
  // The stem of the adjective an -ish word is made from ("bluish": blue),
  // when some name uses that adjective; empty otherwise.
  std::string ish_base(std::string_view word) const;
  // The stem of the noun a finding's adjective is made from ("dyspneic":
  // dyspnea), when some name uses that noun; empty otherwise.
  std::string noun_of_adjective(std::string_view word) const;
  // `how_optional`: the words that say how a finding goes (how_stems_)
  // are set aside as optional too.
  std::vector<std::string> phrase_stems(std::string_view phrase, bool& corrected,
                                        std::vector<std::string>& optional,
                                        bool how_optional = false) const;
  std::optional<Interpretation> read(std::string_view phrase, bool hold_out) const;
  // `ongoing`: stems of the acts the phrase says in the -ing form ("cutting
  // my arms"), which a behaviour's name may stand for though the phrase says
  // a part the name does not. `state_said`: the phrase says with a linking
  // verb what state its subject is in ("one side of my face is drooping"),
  // so a name sharing only where with it is no reading of it.
  std::optional<Scored> best_name(const std::vector<std::string>& stems,
                                  const std::vector<std::string>& optional, bool hold_out,
                                  const std::vector<std::string>& ongoing = {},
                                  bool state_said = false) const;
  bool better(const Scored& a, const Scored& b) const;
  bool names_another_place(const std::unordered_set<std::string>& said,
                           const std::vector<std::string>& name) const;
  void find_equivalents();
  std::optional<TermIndex> generalise(const std::vector<Scored>& covering,
                                      const Scored& best) const;

  std::shared_ptr<const ontology::Ontology> ontology_;
  std::vector<double> weights_;
  Options options_;
  std::optional<TermIndex> phenotype_root_;
  // Stems of the one-word names of HPO's clinical modifiers (says_only_how).
  std::unordered_set<std::string> modifier_stems_;
  // The stems of the one-word names of HPO's severities, clinical courses
  // and frequencies, less any finding's one-word name (read).
  std::unordered_set<std::string> how_stems_;
  // Terms of HPO's mental-function branch (HP:0011446: moods, behaviour,
  // cognition), and the stems of words for a part of the body that HPO's
  // morphology names use and that branch's names do not ("urethral", "vaginal", "knee"): a
  // phrase that says a part is no mood ("urethral irritation" is not
  // Irritability).
  std::vector<bool> behaviour_;
  std::unordered_set<std::string> part_stems_;
  // Terms of HPO's affect branch (HP:0025766: moods), of the person, never
  // of a part: a phrase that says any part HPO names alone ("Abnormal lip
  // morphology"; part_terms_), even one a behaviour's name uses ("Lip
  // biting") and part_stems_ so leaves out, is no mood ("blue lips").
  std::vector<bool> mood_;
  // Whether a stem is a word for a part of the body: part_stems_, a body
  // site, or a part HPO names alone (part_terms_' one-word keys).
  bool is_part_word(const std::string& stem) const;
  // Whether the phrase says the act of behaviour name `n` done to a thing
  // that is neither the person nor a part of them ("cutting vegetables").
  bool acts_on_another_thing(std::string_view phrase, const Name& n) const;
  // Stem of a part word -> the broader parts HPO's names put in its place,
  // each with how many terms show it, the most shown first ("knee": joint).
  std::unordered_map<std::string, std::vector<std::pair<std::uint32_t, std::string>>>
      broader_parts_;
  // The stems of a part's words (sorted, one space between) -> the terms of
  // its own branch, labelled "Abnormality of the X" or "Abnormal X
  // morphology" ("ear": Abnormality of the ear, Abnormal ear morphology;
  // "eustachian tube": Abnormal Eustachian tube morphology).
  std::unordered_map<std::string, std::vector<TermIndex>> part_terms_;
  // Stem of a word for a part of the body -> the part ("abdomin", "stomach"
  // -> "abdomen"), for names_another_place.
  std::unordered_map<std::string, std::string> site_of_stem_;
  // Stems of the words that say where on the body: every body-site word
  // ("left", "side", "face") and the words that count sides ("one side",
  // "half of the face"). A name that shares only these with a phrase that
  // says what besides, and says a finding of its own, is no reading of it.
  std::unordered_set<std::string> where_stems_;
  // Stem -> stems HPO's names use in its place (Options::equivalents).
  // With the number of terms whose names showed the pair: a held-out
  // phrase may have been one of them, so interpret_held_out() uses only
  // pairs that stay above the threshold without it.
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::uint32_t>>> equivalents_;
  // The one-word lay phrasings ("hurts", "aches"): their verbs' other
  // forms are read as they are (phrase_stems).
  std::unordered_set<std::string> one_word_lay_;
  std::vector<Name> names_;
  std::vector<NameFacts> facts_;                             // of names_[i], at i
  std::unordered_map<std::string, std::uint32_t> stem_ids_;  // a number for each key of by_stem_
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_stem_;  // stem -> names
  // Surface word -> stem, for every word in any name; the fuzzy index
  // corrects query words against these.
  std::unordered_map<std::string, std::string> stem_of_word_;
  text::FuzzyIndex fuzzy_;
  // Spelling key (doubled letters once, an "h" after a consonant dropped)
  // -> the most used word of the names with that key, for misspellings the
  // fuzzy index does not reach ("diarea": diarrhea).
  std::unordered_map<std::string, std::string> by_spelling_key_;
  // Sound key (sound_key) -> the stems of the names' words that sound so.
  std::unordered_map<std::string, std::vector<std::string>> by_sound_;
  EnglishWords english_;  // Options::english_not_corrected
  // Lay phrase (folded words) -> the words HPO uses, longest phrases first.
  std::vector<std::pair<std::vector<std::string>, std::string>> lay_;
  // Words of degree and duration ("very", "all the time"; lay_words.tsv
  // lines with nothing after the tab), longest first: optional in what the
  // user typed (a name with them fits better, one without loses nothing),
  // and left alone in names, where they may be part of the name ("Very
  // long chain fatty acids").
  std::vector<std::vector<std::string>> optional_;
  // The lay phrasings that hold such words ("peeing a lot"): read whole
  // before the words of degree are set aside.
  std::vector<std::vector<std::string>> lay_with_degree_;
  // Lay phrasings with a connective in them ("pins and needles"): free text
  // is not split inside them.
  std::vector<std::string> unsplittable_;
  // (folded word, name) for every word position, sorted: prefix ranges.
  std::vector<std::pair<std::string, std::uint32_t>> word_index_;
};

}  // namespace symptomdb::checker
