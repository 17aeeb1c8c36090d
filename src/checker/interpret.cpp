#include "checker/interpret.hpp"
#include "text/lines.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>
#include <set>
#include <utility>

#include "checker/body_sites.hpp"
#include "checker/description.hpp"
#include "checker/lay_words.hpp"
#include "checker/linking_verbs.hpp"
#include "checker/quantities.hpp"
#include "text/analyzer.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {
namespace {

// Scoring of a name against a phrase, in words: each phrase word the name
// covers counts 1; each phrase word it misses and each extra name word cost
// less, so the name that covers most with fewest extras wins. A related
// synonym costs more than one extra word: HPO lists under "related" words
// that are near, not equal ("Twitching" for muscle fibrillation), so an exact
// name with one more word ("Muscle twitch") should beat it.
constexpr double kMissingCost = 0.75;
constexpr double kExtraCost = 0.5;
constexpr double kRelatedCost = 0.6;
// A phrase word matched through a word HPO uses in its place
// (Options::equivalents) counts less than the word itself, so a name with
// the user's own word always wins.
constexpr double kEquivalentCost = 0.3;
// Two words stand for each other when names of at least this many different
// terms differ in exactly those two words: fewer is as likely a coincidence
// ("finger"/"hand") as a synonym.
constexpr std::size_t kMinEquivalentSupport = 5;
// A partial reading must hold at least this share of what its name tells
// (Interpreter::says_too_little).
constexpr double kSaidShare = 0.5;
// A definition's first sentence is a name only when this short: longer ones
// describe rather than name.
constexpr std::size_t kMaxDefinitionStems = 8;
// Options::generalise: how far above the candidate terms their common
// ancestor may be (is_a steps) and still be what the phrase means.
constexpr std::size_t kMaxClimb = 2;
// At most this many candidate terms, the best first: a one-word phrase
// ("abnormal") can be in thousands of names, and the comparison of every
// pair would cost milliseconds.
constexpr std::size_t kMaxGeneralised = 64;
// Words that negate what follows (as description.cpp reads them, less the
// contractions, which HPO's names and everyday idioms also use).
constexpr std::string_view kNegations[] = {"no",   "without", "never", "none",
                                           "deny", "denies",  "denied"};
// Words that say opposite things of one finding (as the names' stems): a
// name that says one is no reading of a phrase that says the other, however
// many other words they share ("high grade fever" is no Low-grade fever,
// "left chest pain" no right-sided pain).
constexpr std::pair<std::string_view, std::string_view> kOpposites[] = {
    {"high", "low"},   {"increas", "decreas"}, {"upper", "lower"},
    {"larg", "small"}, {"fast", "slow"},       {"hot", "cold"},
    {"gain", "loss"},  {"left", "right"},      {"tall", "short"}};
// Words shorter than this are not corrected by their spelling key: a short
// word's key is shared by too many ("mole", "mol").
constexpr std::size_t kMinKeyedLength = 5;
constexpr std::size_t kMinSoundLength = 4;  // "gate": shorter words sound like too many
constexpr double kCorrectedFactor = 0.9;    // confidence kept after a spelling correction
constexpr double kMinConfidence = 0.4;      // "purple elephant" is not "Purple urine"
// Below this a reading of a segment as a whole is a guess (as the clause
// reader's without_guesses holds it), and the pieces of it that are read
// are what was said.
constexpr double kWeakWhole = 0.5;
// A reading of a name said whole, of any kind of name (a related synonym
// reads 0.8, HPO's "swelling" for Edema 0.7); a part of a longer name reads
// lower (one word of two, 0.5).
constexpr double kWholeNameConfidence = 0.7;
// How many terms must show a part under a broader one (a child's name with
// the broader part in its parent's name) for the one to stand for the other.
constexpr std::uint32_t kBroaderPairs = 2;

// Whose: "losing my hair" is "losing hair", "hurts his back" "hurts back".
constexpr std::array<std::string_view, 6> kPossessives = {"my",  "his",  "her",
                                                          "our", "your", "their"};

// Who a mood can be said of: the person, by a pronoun or a word for one
// ("she is sad", "my son is depressed", "the patient is anxious"), or a
// relative (relative_word, description.hpp: the one list of them).
constexpr std::array<std::string_view, 37> kPersons = {
    "i",       "i'm",    "im",       "you",       "you're",    "he",      "he's",    "she",
    "she's",   "we",     "we're",    "they",      "they're",   "me",      "him",     "us",
    "them",    "son",    "daughter", "child",     "baby",      "kid",     "husband", "wife",
    "partner", "boy",    "girl",     "man",       "woman",     "patient", "teen",    "teenager",
    "toddler", "infant", "friend",   "boyfriend", "girlfriend"};

// Where a lay phrasing said at `i` ends, possessives between its words
// skipped; 0 when it is not said there.
std::size_t phrase_end(const std::vector<std::string>& words, std::size_t i,
                       const std::vector<std::string>& from) {
  std::size_t j = i;
  for (std::size_t k = 0; k < from.size(); ++k) {
    if (k > 0)
      while (j < words.size() && words[j] != from[k] &&
             std::find(kPossessives.begin(), kPossessives.end(), words[j]) != kPossessives.end())
        ++j;
    if (j >= words.size() || words[j] != from[k]) return 0;
    ++j;
  }
  return j;
}

// Replaces every whole-word occurrence of a lay phrasing by HPO's words. The
// same rewrite runs over names and queries, so both sides speak one language.
std::vector<std::string> rewrite(
    std::vector<std::string> words,
    const std::vector<std::pair<std::vector<std::string>, std::string>>& lay) {
  if (lay.empty()) return words;
  std::vector<std::string> out;
  out.reserve(words.size());
  // An amount of body weight is said as the word it measures first, so
  // "lost 10 pounds" meets the lay phrasing "lost weight".
  for (std::size_t i = 0; i < words.size();)
    if (const auto n = weight_amount_at(words, i); n > 0) {
      out.emplace_back("weight");
      i += n;
    } else {
      out.push_back(std::move(words[i++]));
    }
  // A phrasing of several words may hold a word another phrasing gives
  // ("black poo": "poo" is "stool", and "black stool" is "black feces"): a
  // second pass for those, when the first replaced something.
  for (int pass = 0; pass < 2; ++pass) {
    words = std::exchange(out, {});
    out.reserve(words.size());
    bool any = false;
    std::size_t i = 0;
    while (i < words.size()) {
      bool replaced = false;
      for (const auto& [from, to] : lay) {
        if (pass > 0 && from.size() < 2) continue;
        const std::size_t end = phrase_end(words, i, from);
        if (end == 0) continue;
        for (auto& w : text::tokenize(to)) out.push_back(std::move(w));
        i = end;
        replaced = any = true;
        break;
      }
      if (!replaced) out.push_back(std::move(words[i++]));
    }
    if (!any) break;
  }
  return out;
}

// The stem a word is matched by. A word for an inflammation of a part
// ("vaginitis", "hepatitis") keeps its ending: the English stemmer cuts
// "-itis" and gives it the stem of the part's adjective ("vaginal",
// "hepatic"), so "vaginal spotting" was read as Vaginitis.
std::string own_stem(const text::Term& t) {
  if (t.surface.size() > 6 && t.surface.ends_with("itis"))
    return t.surface.substr(0, t.surface.size() - 1);
  return t.stem;
}

// A misspelling's key: letters said once however often written, and an "h"
// after a consonant dropped, so that the ways people miss a doubled letter
// or a silent "h" share a key with the word ("diarea", "diarrhea": "diarea";
// "hemorage", "hemorrhage"; "rythm", "rhythm"). Such a misspelling is often
// two edits away, more than a word under eight letters is corrected by.
std::string spelling_key(std::string_view word) {
  auto vowel = [](char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  };
  std::string out;
  for (const char c : word) {
    if (!out.empty() && out.back() == c) continue;
    if (c == 'h' && !out.empty() && !vowel(out.back())) continue;
    out.push_back(c);
  }
  return out;
}

// How a word sounds, roughly: its first letter and its consonants after
// it, a letter doubled once ("gate" and "gait": "gt"; "sore" and "sour").
// Written English spells one sound many ways; a word of English written for
// a name's word that sounds the same is no slip of one letter.
std::string sound_key(std::string_view word) {
  auto silent = [](char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w' ||
           c == 'h';
  };
  std::string out;
  for (const char c : word) {
    if (c < 'a' || c > 'z') return {};
    if (!out.empty() && (silent(c) || out.back() == c)) continue;
    out.push_back(c);
  }
  return out;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

bool iequals_at(std::string_view s, std::size_t at, std::string_view word) {
  if (at + word.size() > s.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(s[at + k])) != word[k]) return false;
  return true;
}

// `word` (lower case) written at `at` in any case and ending there: followed
// by a space or the end. Callers check that a space comes before `at`.
bool word_at(std::string_view s, std::size_t at, std::string_view word) {
  const std::size_t after = at + word.size();
  return iequals_at(s, at, word) &&
         (after == s.size() || std::isspace(static_cast<unsigned char>(s[after])));
}

// The words before a clause of circumstance ("dizzy when I stand up",
// "pain after eating", "cough if I lie down") or of how often ("headaches
// every day", "cramps each night"): when a finding is said with when it
// comes, the finding is what comes before. Empty when the text has no such
// word after its first.
std::string_view before_circumstance(std::string_view s) {
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (!std::isspace(static_cast<unsigned char>(s[i - 1]))) continue;
    for (const std::string_view w : {"when", "whenever", "after", "while", "if", "every", "each"}) {
      if (word_at(s, i, w)) return text::trim(s.substr(0, i));
    }
  }
  return {};
}

// The words before where on the body a finding is ("rash on my arms",
// "a lump in her neck", "tearing from the right eye"): a preposition of
// place and whose the place is. Empty when the phrase says no such place.
// The place itself is read apart (description.cpp's body sites). `from`:
// the first place at or after that position.
std::string_view before_place(std::string_view s, std::size_t from = 1) {
  for (std::size_t i = std::max<std::size_t>(from, 1); i < s.size(); ++i) {
    if (!std::isspace(static_cast<unsigned char>(s[i - 1]))) continue;
    for (const std::string_view w : {"on", "in", "at", "around", "under", "behind", "from"}) {
      if (!word_at(s, i, w) || i + w.size() + 1 >= s.size()) continue;
      const std::size_t next = i + w.size() + 1;
      const bool whose = word_at(s, next, "the") ||
                         std::any_of(kPossessives.begin(), kPossessives.end(),
                                     [&](std::string_view p) { return word_at(s, next, p); });
      if (whose) return text::trim(s.substr(0, i));
    }
  }
  return {};
}

// Words after which "not" negates a verb ("does not stop", "can not
// sleep"), not what a finding is said to be.
constexpr std::array<std::string_view, 16> kAuxiliaries = {
    "do",  "does",  "did",  "can", "could", "will", "would", "should",
    "may", "might", "must", "has", "have",  "had",  "am",    "be"};

// "not" at `at` (after a space) opens a clause about the words before it,
// as "that" does, when it follows the finding rather than a verb: "chest
// pain not related to exertion", "a headache not relieved by painkillers".
bool not_after_a_finding(std::string_view s, std::size_t at) {
  if (!word_at(s, at, "not")) return false;
  const auto before = text::trim(s.substr(0, at));
  const auto space = before.find_last_of(' ');
  const auto prev = text::fold(space == std::string_view::npos ? before : before.substr(space + 1));
  return !is_linking_verb(prev) &&
         std::find(kAuxiliaries.begin(), kAuxiliaries.end(), prev) == kAuxiliaries.end();
}

// The words before a relative clause ("a rash that won't go away", "a
// headache which painkillers do not relieve", "chest pain not related to
// exertion"): what follows says more about the finding; the finding is what
// comes before. Empty when the text has no "that", "which" or such "not"
// after its first word.
std::string_view before_relative(std::string_view s) {
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (!std::isspace(static_cast<unsigned char>(s[i - 1]))) continue;
    if (word_at(s, i, "that") || word_at(s, i, "which") || not_after_a_finding(s, i))
      return text::trim(s.substr(0, i));
  }
  return {};
}

// A piece that names only where on the body ("my hands", "both knees"):
// it says no finding of its own.
bool only_body_sites(std::string_view piece) {
  bool any = false;
  for (const auto& w : text::tokenize(text::fold(piece))) {
    if (w == "the" || std::find(kPossessives.begin(), kPossessives.end(), w) != kPossessives.end())
      continue;
    if (!is_body_site(w)) return false;
    any = true;
  }
  return any;
}

// A piece that opens with a linking verb (linking_verbs.hpp: "is cloudy",
// "smells bad") has its subject elsewhere.
bool opens_with_linking_verb(std::string_view piece) {
  const auto words = text::tokenize(text::fold(piece));
  return !words.empty() && is_linking_verb(words.front());
}

// The -ing form of a linking verb ("feeling", "looking", "getting",
// "becoming"): English morphology on the forms linking_verbs.hpp lists, a
// doubled last consonant undone ("getting": gets).
bool is_progressive_linking_verb(std::string_view word) {
  if (word.size() < 6 || !word.ends_with("ing")) return false;
  std::string base(word.substr(0, word.size() - 3));
  if (is_linking_verb(base) || is_linking_verb(base + "s") || is_linking_verb(base + "es"))
    return true;
  if (base.size() < 2 || base.back() != base[base.size() - 2]) return false;
  base.pop_back();
  return is_linking_verb(base + "s");
}

// The words after the -ing form of a linking verb that opens a piece
// ("dizzy" in "feeling dizzy", "headaches" in "getting headaches"), as a
// view into it; empty when the piece opens otherwise or says nothing after.
std::string_view after_progressive_linking_verb(std::string_view piece) {
  piece = text::trim(piece);
  const auto space = piece.find_first_of(" \t");
  if (space == std::string_view::npos) return {};
  if (!is_progressive_linking_verb(text::fold(piece.substr(0, space)))) return {};
  return text::trim(piece.substr(space + 1));
}

// The words of a piece before its first linking verb ("my urine" in "my
// urine smells bad"), as a view into it; empty when it has no such verb or
// opens with one.
std::string_view subject_of(std::string_view piece) {
  std::size_t i = 0;
  while (i < piece.size()) {
    while (i < piece.size() && std::isspace(static_cast<unsigned char>(piece[i]))) ++i;
    const std::size_t start = i;
    while (i < piece.size() && !std::isspace(static_cast<unsigned char>(piece[i]))) ++i;
    if (i > start && is_linking_verb(text::fold(piece.substr(start, i - start))))
      return start == 0 ? std::string_view{} : text::trim(piece.substr(0, start));
  }
  return {};
}

// What a piece says of its subject, from its first linking verb on ("are
// tingling" in "feet are tingling"); empty when no subject comes before one.
std::string_view predicate_of(std::string_view piece) {
  const auto subject = subject_of(piece);
  if (subject.empty()) return {};
  return text::trim(
      piece.substr(static_cast<std::size_t>(subject.data() - piece.data()) + subject.size()));
}

// The first linking verb of a piece after its subject ("are" in "my eyes
// are red"); empty when there is none.
std::string_view linking_verb_of(std::string_view piece) {
  const auto predicate = predicate_of(piece);
  return predicate.substr(0, std::min(predicate.find(' '), predicate.size()));
}

// Cuts a piece of text at the connectives " and " / " with " / " as well as "
// (whole words, any case), except inside one of the `whole` phrases (lower
// case, single spaces: "pins and needles").
std::vector<std::string_view> split_connectives(std::string_view s,
                                                const std::vector<std::string>& whole) {
  std::string lower(s);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::pair<std::size_t, std::size_t>> kept;  // [begin, end) not to cut
  for (const auto& phrase : whole)
    for (auto at = lower.find(phrase); at != std::string::npos; at = lower.find(phrase, at + 1))
      kept.emplace_back(at, at + phrase.size());
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!std::isspace(static_cast<unsigned char>(s[i]))) continue;
    for (const std::string_view w :
         {std::string_view("and"), std::string_view("with"), std::string_view("as well as")}) {
      const std::size_t after = i + 1 + w.size();
      const bool inside = std::any_of(
          kept.begin(), kept.end(), [&](const auto& k) { return k.first < i && k.second > after; });
      if (!inside && iequals_at(s, i + 1, w) &&
          (after == s.size() || std::isspace(static_cast<unsigned char>(s[after])))) {
        out.push_back(s.substr(start, i - start));
        start = after;
        i = after - 1;
        break;
      }
    }
  }
  out.push_back(s.substr(start));
  return out;
}

}  // namespace

Interpreter::Interpreter(std::shared_ptr<const ontology::Ontology> ontology,
                         std::vector<double> weights)
    : Interpreter(std::move(ontology), std::move(weights), Options{}) {}

Interpreter::Interpreter(std::shared_ptr<const ontology::Ontology> ontology,
                         std::vector<double> weights, Options options)
    : ontology_(std::move(ontology)), weights_(std::move(weights)), options_(options) {
  if (options_.english_not_corrected) english_ = EnglishWords::installed();
  const ontology::Ontology& onto = *ontology_;
  weights_.resize(onto.size(), 0.0);
  for (const auto& [from, to] : lay_phrasings()) {
    const std::string phrase = join(from);
    if (phrase.find(" and ") != std::string::npos || phrase.find(" with ") != std::string::npos)
      unsplittable_.push_back(phrase);
    if (to.empty())
      optional_.push_back(from);
    else
      lay_.emplace_back(from, join(to));
    if (from.size() == 1 && !to.empty()) one_word_lay_.insert(from.front());
  }
  // A phrasing's replacement is itself said in the rewritten words, as the
  // names it must meet are: "swollen glands" becomes "swelling lymph nodes",
  // as HPO's "Swollen lymph nodes" is read, not "swollen lymph nodes".
  const auto as_written = lay_;
  for (auto& [from, to] : lay_) to = join(rewrite(text::tokenize(to), as_written));
  for (const auto& [from, to] : lay_)
    if (std::any_of(optional_.begin(), optional_.end(), [&](const auto& o) {
          return std::search(from.begin(), from.end(), o.begin(), o.end()) != from.end();
        }))
      lay_with_degree_.push_back(from);

  const auto phenotype_root = onto.find("HP:0000118");  // "Phenotypic abnormality"
  phenotype_root_ = phenotype_root;
  text::Analyzer analyzer;
  std::unordered_map<std::string, std::uint32_t> word_count;
  std::unordered_map<std::string, std::string> ish_words;  // of every name, definitions too
  for (TermIndex t = 0; t < onto.size(); ++t) {
    if (phenotype_root && !onto.is_ancestor_or_self(*phenotype_root, t)) continue;
    const ontology::Term& term = onto.term(t);
    auto add = [&](const std::string& name, Kind kind) {
      if (text::trim(name).empty()) return;
      Name n{.term = t, .kind = kind, .text = name};
      const auto words = rewrite(text::tokenize(text::fold(name)), lay_);
      n.folded = join(text::tokenize(text::fold(name)));
      for (const auto& w : words) {
        if (text::is_stopword(w)) continue;
        const auto terms = analyzer.terms(w);
        if (terms.empty()) continue;
        n.stems.push_back(own_stem(terms.front()));
        // A definition's -ish word is joined to its adjective as a name's
        // is (below): "reddish" in a definition, read as "red" from a phrase.
        if (terms.front().surface.ends_with("ish"))
          ish_words.emplace(terms.front().surface, own_stem(terms.front()));
        // A definition's words are not names: they neither correct the
        // spelling of what users type nor stand for a name's word.
        if (kind == Kind::definition) continue;
        stem_of_word_.emplace(terms.front().surface, own_stem(terms.front()));
        stem_of_word_.emplace(w, own_stem(terms.front()));  // before spelling unification
        ++word_count[terms.front().surface];
      }
      std::sort(n.stems.begin(), n.stems.end());
      n.stems.erase(std::unique(n.stems.begin(), n.stems.end()), n.stems.end());
      if (n.stems.empty()) return;
      if (kind == Kind::definition && n.stems.size() > kMaxDefinitionStems) return;
      names_.push_back(std::move(n));
    };
    add(term.label, Kind::label);
    for (const auto& s : term.synonyms) {
      if (s.scope == ontology::SynonymScope::exact)
        add(s.text, s.layperson ? Kind::layperson : Kind::exact);
      else
        add(s.text, Kind::related);
    }
    if (options_.definitions && !term.definition.empty()) {
      const auto& d = term.definition;
      std::size_t end = d.find(". ");
      if (end == std::string::npos) end = d.size();
      add(d.substr(0, end), Kind::definition);
    }
  }
  // An adjective's -ish form ("bluish", "reddish", "yellowish") says the
  // adjective, as HPO's names use it: "Bluish lips" are blue lips. The
  // stemmer does not join the two, so a name's -ish word is indexed by the
  // stem of the adjective it is made from, when some name uses that word
  // (ish_base), and a phrase's -ish word is read the same way.
  {
    std::unordered_map<std::string, std::string> base_of;  // -ish stem -> adjective's
    // The -ish words of definitions too, which stem_of_word_ leaves out: a
    // definition's "reddish" left as it was kept the -ish stem indexed, so
    // that a phrase's "reddish" was looked up as itself, met only
    // definitions, and "reddish urine" never read Red urine.
    for (const auto& [word, stem] : ish_words)
      if (auto base = ish_base(word); !base.empty() && base != stem) base_of.emplace(stem, base);
    if (!base_of.empty()) {
      for (auto& n : names_) {
        for (auto& s : n.stems)
          if (const auto it = base_of.find(s); it != base_of.end()) s = it->second;
        std::sort(n.stems.begin(), n.stems.end());
        n.stems.erase(std::unique(n.stems.begin(), n.stems.end()), n.stems.end());
      }
      for (auto& [word, stem] : stem_of_word_)
        if (const auto it = base_of.find(stem); it != base_of.end()) stem = it->second;
    }
  }
  for (const auto& [w, n] : word_count) fuzzy_.add(w, n);
  fuzzy_.finish();
  // The most used word of the names for each spelling key (spelling_key).
  std::unordered_map<std::string, std::uint32_t> key_count;
  for (const auto& [w, n] : word_count) {
    if (w.size() < kMinKeyedLength) continue;
    const auto key = spelling_key(w);
    auto& best = by_spelling_key_[key];
    auto& count = key_count[key];
    if (best.empty() || n > count || (n == count && w < best)) {
      best = w;
      count = n;
    }
  }

  // The names' words by how they sound (sound_key), for a word of English
  // written in place of one (read).
  for (const auto& [w, n] : word_count)
    if (w.size() >= kMinSoundLength)
      if (const auto key = sound_key(w); key.size() >= 2)
        if (const auto it = stem_of_word_.find(w); it != stem_of_word_.end())
          by_sound_[key].push_back(it->second);
  for (auto& [key, list] : by_sound_) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }

  // Suggestion order: layperson names, then labels, then other synonyms;
  // within each the more annotated term, then the shorter name.
  std::vector<std::uint32_t> order(names_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  auto kind_order = [](Kind k) {
    switch (k) {
      case Kind::layperson:
        return 0;
      case Kind::label:
        return 1;
      case Kind::exact:
        return 2;
      case Kind::related:
        return 3;
      case Kind::definition:
        return 4;
    }
    return 4;
  };
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const Name &x = names_[a], &y = names_[b];
    if (kind_order(x.kind) != kind_order(y.kind)) return kind_order(x.kind) < kind_order(y.kind);
    if (weights_[x.term] != weights_[y.term]) return weights_[x.term] > weights_[y.term];
    if (x.text.size() != y.text.size()) return x.text.size() < y.text.size();
    return a < b;
  });
  for (std::uint32_t r = 0; r < order.size(); ++r) names_[order[r]].rank = r;

  for (std::uint32_t i = 0; i < names_.size(); ++i) {
    for (const auto& s : names_[i].stems) by_stem_[s].push_back(i);
    if (names_[i].kind == Kind::definition) continue;  // never suggested
    std::set<std::string> words;
    for (auto& w : text::tokenize(names_[i].folded)) words.insert(std::move(w));
    for (const auto& w : words) word_index_.emplace_back(w, i);
  }
  std::sort(word_index_.begin(), word_index_.end());
  for (const auto& [stem, list] : by_stem_)
    stem_ids_.emplace(stem, static_cast<std::uint32_t>(stem_ids_.size()));
  for (auto& n : names_) {
    n.share_weights.reserve(n.stems.size());
    for (const auto& w : n.stems) {
      n.share_weights.push_back(share_weight(w));
      n.stem_ids.push_back(stem_ids_.at(w));
    }
    facts_.push_back({n.term, n.rank, static_cast<std::uint32_t>(n.stems.size()), n.kind});
  }
  if (options_.equivalents) find_equivalents();

  // Parts of the body, one key per part whatever the word ("abdominal",
  // "stomach", "belly"); not the words that say where on a part ("upper",
  // "left"), nor "skin" and "back", which HPO's names and people's phrases
  // use for other things ("Skin rash" on a leg; "it came back").
  for (const auto w : kBodySites) {
    if (w == "left" || w == "right" || w == "upper" || w == "lower" || w == "both" ||
        w == "middle" || w == "central" || w == "side" || w == "skin" || w == "back")
      continue;
    std::string part(w);
    if (w == "abdominal" || w == "stomach" || w == "belly" || w == "tummy") part = "abdomen";
    if (w == "pelvic") part = "pelvis";
    if (w == "teeth") part = "tooth";
    if (w == "feet") part = "foot";
    for (const auto& t : analyzer.terms(w)) site_of_stem_.emplace(t.stem, part);
  }
  for (const std::string_view w : {"limb", "limbs", "extremity", "extremities"})
    for (const auto& t : analyzer.terms(w)) site_of_stem_.emplace(t.stem, "limb");
  // Words that say where, and which of a part's sides ("left", "side",
  // "face"; "one side", "half of the face"): every body-site word, and the
  // words that count sides or halves.
  for (const auto w : kBodySites)
    for (const auto& t : analyzer.terms(w)) where_stems_.insert(t.stem);
  for (const std::string_view w : {"one", "half", "either", "each"})
    for (const auto& t : analyzer.terms(w)) where_stems_.insert(t.stem);

  // Words for a part of the body: the body-site words, and the words of
  // HPO's "Abnormal X morphology" and "Abnormality of the X" labels (a
  // Latin noun in "-a" also by its adjective's stem: "urethra", "urethral"),
  // less any word a name of the mental-function branch uses.
  behaviour_.assign(onto.size(), false);
  if (const auto behaviour_root = onto.find("HP:0011446"))  // "Abnormality of mental function"
    for (TermIndex t = 0; t < onto.size(); ++t)
      behaviour_[t] = onto.is_ancestor_or_self(*behaviour_root, t);
  mood_.assign(onto.size(), false);
  if (const auto affect_root = onto.find("HP:0025766"))  // "Abnormal affect"
    for (TermIndex t = 0; t < onto.size(); ++t)
      mood_[t] = onto.is_ancestor_or_self(*affect_root, t);
  {
    std::unordered_set<std::string> parts, in_behaviour;
    for (const auto& [stem, part] : site_of_stem_) parts.insert(stem);
    for (TermIndex t = 0; t < onto.size(); ++t) {
      const std::string& label = onto.term(t).label;
      std::string_view x(label);
      if (x.starts_with("Abnormal ") && x.ends_with(" morphology"))
        x = x.substr(9, x.size() - 9 - 11);
      else if (x.starts_with("Abnormality of the "))
        x = x.substr(19);
      else
        continue;
      // A part has its own branch: the term so named, by the part's stems.
      {
        std::vector<std::string> key;
        for (const auto& w : text::tokenize(text::fold(x)))
          if (!text::is_stopword(w))
            for (const auto& a : analyzer.terms(w)) key.push_back(a.stem);
        std::sort(key.begin(), key.end());
        if (!key.empty()) part_terms_[join(key)].push_back(t);
      }
      for (const auto& w : text::tokenize(text::fold(x)))
        if (!text::is_stopword(w))
          for (const auto& a : analyzer.terms(w)) {
            parts.insert(a.stem);
            if (a.stem.size() > 4 && a.stem.back() == 'a')
              parts.insert(a.stem.substr(0, a.stem.size() - 1));
          }
    }
    for (const auto& n : names_)
      if (behaviour_[n.term]) in_behaviour.insert(n.stems.begin(), n.stems.end());
    for (const auto& p : parts)
      if (!in_behaviour.contains(p)) part_stems_.insert(p);
  }

  // A part's broader class, as HPO's own names say it: a term named for a
  // part whose parent has the same name with a broader part in its place
  // ("Limitation of knee mobility" under "Limitation of joint mobility")
  // makes that part a kind of the other (knee: joint). Kept when at least
  // kBroaderPairs terms show it, the most shown first.
  {
    auto part_stem = [&](const std::string& w) -> std::string {
      const auto a = analyzer.terms(w);
      if (a.empty() || text::is_stopword(w)) return {};
      return part_stems_.contains(a.front().stem) ? a.front().stem : std::string();
    };
    auto names_of = [&](TermIndex t) {
      std::vector<std::vector<std::string>> out{text::tokenize(text::fold(onto.term(t).label))};
      for (const auto& syn : onto.term(t).synonyms)
        if (syn.scope == ontology::SynonymScope::exact)
          out.push_back(text::tokenize(text::fold(syn.text)));
      return out;
    };
    std::map<std::pair<std::string, std::string>, std::uint32_t> shown;
    for (TermIndex t = 0; t < onto.size(); ++t) {
      if (phenotype_root && !onto.is_ancestor_or_self(*phenotype_root, t)) continue;
      const auto own = names_of(t);
      for (const TermIndex p : onto.parents(t)) {
        std::set<std::pair<std::string, std::string>> here;  // once per term and parent
        for (const auto& above : names_of(p))
          for (const auto& name : own) {
            if (name.size() != above.size()) continue;
            std::size_t differ = 0, at = 0;
            for (std::size_t i = 0; i < name.size(); ++i)
              if (name[i] != above[i]) ++differ, at = i;
            if (differ != 1) continue;
            const auto narrow = part_stem(name[at]);
            if (narrow.empty() || part_stem(above[at]).empty()) continue;
            here.emplace(narrow, above[at]);
          }
        for (const auto& pair : here) ++shown[pair];
      }
    }
    for (const auto& [pair, n] : shown)
      if (n >= kBroaderPairs) broader_parts_[pair.first].emplace_back(n, pair.second);
    for (auto& [stem, broader] : broader_parts_)
      std::sort(broader.begin(), broader.end(),
                [](const auto& a, const auto& b) { return a.first > b.first; });
  }

  // The words HPO itself uses to qualify a finding: its clinical modifiers
  // (severity, course, laterality, distribution) named in one word. Their
  // longer names ("Aggravated by activity") hold words of findings too.
  if (const auto modifier_root = onto.find("HP:0012823"))  // "Clinical modifier"
    for (TermIndex t = 0; t < onto.size(); ++t) {
      if (!onto.is_ancestor_or_self(*modifier_root, t)) continue;
      const ontology::Term& term = onto.term(t);
      auto add = [&](const std::string& name) {
        std::vector<std::string> stems;
        for (const auto& w : text::tokenize(text::fold(name)))
          if (!text::is_stopword(w))
            for (const auto& x : analyzer.terms(w)) stems.push_back(x.stem);
        if (stems.size() == 1) modifier_stems_.insert(stems.front());
      };
      add(term.label);
      for (const auto& syn : term.synonyms) add(syn.text);
    }

  // The words that say how bad a finding is, how it goes over time and how
  // often it comes, as HPO names them alone: the one-word names of its
  // severities, clinical courses and frequencies ("profound", "recurrent",
  // "chronic", "episodic", "occasional"), less any that is a finding's
  // one-word name ("Miscarriage" and "Stillbirth" are filed under course as
  // outcomes). Not where (a position: a name may need it) and not what brings
  // a finding on or eases it ("triggered", "improved": verbs of other things
  // too). A phrase's such word may be set aside (read).
  {
    std::vector<TermIndex> roots;
    for (const char* id :
         {"HP:0012824", "HP:0031797", "HP:0040279"})  // severity, course, frequency
      if (const auto r = onto.find(id)) roots.push_back(*r);
    std::unordered_set<std::string> finding_words;
    for (const auto& n : names_)
      if (n.kind != Kind::definition && n.stems.size() == 1) finding_words.insert(n.stems.front());
    for (TermIndex t = 0; t < onto.size(); ++t) {
      if (std::none_of(roots.begin(), roots.end(),
                       [&](TermIndex r) { return onto.is_ancestor_or_self(r, t); }))
        continue;
      const ontology::Term& term = onto.term(t);
      auto add = [&](const std::string& name) {
        std::vector<std::string> stems;
        for (const auto& w : text::tokenize(text::fold(name)))
          if (!text::is_stopword(w))
            for (const auto& x : analyzer.terms(w)) stems.push_back(own_stem(x));
        if (stems.size() == 1 && !finding_words.contains(stems.front()))
          how_stems_.insert(stems.front());
      };
      add(term.label);
      for (const auto& syn : term.synonyms) add(syn.text);
    }
  }
}

std::pair<std::unordered_set<std::string>, std::unordered_set<std::string>>
Interpreter::said_and_named(const Interpretation& reading) const {
  text::Analyzer analyzer;
  // Both sides in the words HPO uses ("swelling" is "edema"), as names are
  // matched.
  auto stems = [&](std::string_view text) {
    std::unordered_set<std::string> out;
    for (const auto& w : rewrite(text::tokenize(text::fold(text)), lay_))
      if (!text::is_stopword(w))
        for (const auto& t : analyzer.terms(w)) out.insert(own_stem(t));
    return out;
  };
  // The phrase as names are matched: words of degree aside, misspellings
  // corrected ("nasal congestio").
  bool corrected = false;
  std::vector<std::string> optional;
  const auto phrase = phrase_stems(reading.text, corrected, optional);
  return {said_stems(phrase, optional), stems(reading.matched)};
}

std::unordered_set<std::string> Interpreter::said_stems(
    const std::vector<std::string>& stems, const std::vector<std::string>& optional) const {
  std::unordered_set<std::string> said(stems.begin(), stems.end());
  said.insert(optional.begin(), optional.end());
  // And the words HPO's names use in place of the phrase's
  // (Options::equivalents): "generalized body swelling" says Generalized
  // edema.
  std::vector<std::string> in_place;
  for (const auto& w : said)
    if (const auto eq = equivalents_.find(w); eq != equivalents_.end())
      for (const auto& e : eq->second) in_place.push_back(e.first);
  said.insert(in_place.begin(), in_place.end());
  return said;
}

bool Interpreter::too_little(const std::unordered_set<std::string>& said,
                             const std::vector<std::string>& name) const {
  const double share = said_share(said, name);
  return share > 0 && share < kSaidShare;
}

bool Interpreter::says_only_how(const Interpretation& reading) const {
  if (modifier_stems_.empty() || reading.confidence >= 0.999) return false;
  const auto [said, name] = said_and_named(reading);
  bool shared = false, more = false;
  for (const auto& n : name) {
    if (!said.contains(n)) {
      more = true;
      continue;
    }
    shared = true;
    if (!modifier_stems_.contains(n)) return false;  // says what, not only how
  }
  return shared && more;
}

double Interpreter::said_share(const std::unordered_set<std::string>& said,
                               const std::vector<std::string>& name) const {
  // Each word of the name weighs what it tells among HPO's names: the
  // fewer names use it, the more ("clang" in Clang associations; not
  // "associations", not "short" in Short limb).
  double total = 0, shared = 0;
  for (const auto& w : name) {
    const double weight = share_weight(w);
    total += weight;
    if (said.contains(w)) shared += weight;
  }
  return total > 0 ? shared / total : 1.0;
}

double Interpreter::said_share(const std::vector<std::uint32_t>& said, const Name& name) const {
  double total = 0, shared = 0;
  for (std::size_t k = 0; k < name.stems.size(); ++k) {
    const double weight = name.share_weights[k];
    total += weight;
    if (std::binary_search(said.begin(), said.end(), name.stem_ids[k])) shared += weight;
  }
  return total > 0 ? shared / total : 1.0;
}

double Interpreter::share_weight(const std::string& stem) const {
  const double n = static_cast<double>(names_.size());
  const auto it = by_stem_.find(stem);
  const double df = it == by_stem_.end() ? 1.0 : static_cast<double>(it->second.size());
  return std::log(n / df);
}

bool Interpreter::names_another_place(const std::unordered_set<std::string>& said,
                                      const std::vector<std::string>& name) const {
  // A name of one part of the body is no reading of a phrase about another:
  // "pain in my upper abdomen" shares "upper" and "pain" with Upper limb
  // pain, but says the abdomen, which the name does not.
  std::set<std::string_view> phrase_parts, name_parts;
  for (const auto& w : said)
    if (const auto it = site_of_stem_.find(w); it != site_of_stem_.end())
      phrase_parts.insert(it->second);
  if (phrase_parts.empty()) return false;
  for (const auto& w : name)
    if (const auto it = site_of_stem_.find(w); it != site_of_stem_.end())
      name_parts.insert(it->second);
  if (name_parts.empty()) return false;
  return std::none_of(name_parts.begin(), name_parts.end(),
                      [&](std::string_view p) { return phrase_parts.contains(p); });
}

bool Interpreter::says_a_part(std::string_view text) const {
  text::Analyzer analyzer;
  for (const auto& w : text::tokenize(text::fold(text)))
    if (!text::is_stopword(w))
      for (const auto& t : analyzer.terms(w))
        if (part_stems_.contains(t.stem)) return true;
  return false;
}

bool Interpreter::says_too_little(const Interpretation& reading) const {
  if (reading.confidence >= 0.999 || names_.empty()) return false;
  // A definition is matched as prose, not as a name whose words all count.
  const auto& term = ontology_->term(reading.term);
  if (reading.matched != term.label &&
      std::none_of(term.synonyms.begin(), term.synonyms.end(),
                   [&](const auto& s) { return s.text == reading.matched; }))
    return false;
  const auto [said, name] = said_and_named(reading);
  return too_little(said, std::vector<std::string>(name.begin(), name.end()));
}

void Interpreter::find_equivalents() {
  // Names of one term are contiguous in names_ (added term by term).
  std::map<std::pair<std::string, std::string>, std::size_t> support;
  std::set<std::pair<std::string, std::string>> this_term;
  auto is_name = [](Kind k) { return k != Kind::related && k != Kind::definition; };
  for (std::size_t b = 0; b < names_.size();) {
    std::size_t e = b + 1;
    while (e < names_.size() && names_[e].term == names_[b].term) ++e;
    this_term.clear();
    for (std::size_t i = b; i < e; ++i) {
      if (!is_name(names_[i].kind)) continue;
      for (std::size_t j = i + 1; j < e; ++j) {
        if (!is_name(names_[j].kind)) continue;
        std::vector<std::string> only_i, only_j;
        const auto &x = names_[i].stems, &y = names_[j].stems;
        std::set_difference(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(only_i));
        std::set_difference(y.begin(), y.end(), x.begin(), x.end(), std::back_inserter(only_j));
        if (only_i.size() == 1 && only_j.size() == 1)
          this_term.insert(std::minmax(only_i.front(), only_j.front()));
      }
    }
    for (const auto& p : this_term) ++support[p];
    b = e;
  }
  for (const auto& [p, n] : support) {
    if (n < kMinEquivalentSupport) continue;
    const auto support_n = static_cast<std::uint32_t>(n);
    equivalents_[p.first].emplace_back(p.second, support_n);
    equivalents_[p.second].emplace_back(p.first, support_n);
  }
}

std::vector<std::string> Interpreter::without_degree_words(std::string_view phrase,
                                                           std::vector<std::string>* degree) const {
  auto all = text::tokenize(text::fold(phrase));
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < all.size()) {
    // A lay phrasing that holds a word of degree keeps it: "peeing a lot"
    // is frequent urination, not "peeing".
    std::size_t lay_end = 0;
    for (const auto& from : lay_with_degree_) lay_end = std::max(lay_end, phrase_end(all, i, from));
    if (lay_end > 0) {
      for (; i < lay_end; ++i) words.push_back(std::move(all[i]));
      continue;
    }
    // A word of degree before "than" compares an amount ("more than 10
    // kg"): it stays, for the amount to be read whole.
    const auto it = std::find_if(optional_.begin(), optional_.end(), [&](const auto& o) {
      return i + o.size() <= all.size() &&
             std::equal(o.begin(), o.end(), all.begin() + static_cast<std::ptrdiff_t>(i)) &&
             !(i + o.size() < all.size() && all[i + o.size()] == "than");
    });
    if (it == optional_.end()) {
      words.push_back(std::move(all[i++]));
      continue;
    }
    if (degree) degree->insert(degree->end(), it->begin(), it->end());
    i += it->size();
  }
  return words;
}

std::string Interpreter::in_names_words(std::string_view phrase) const {
  return join(rewrite(without_degree_words(phrase, nullptr), lay_));
}

// Clinical English makes adjectives of findings by a few suffixes on the
// noun's stem: dyspnea, dyspneic; anuria, anuric; pruritus, pruritic;
// cyanosis, cyanotic; lethargy, lethargic; nausea, nauseous, nauseated;
// erythema, erythematous; syncope, syncopal; diarrhea, diarrheal. HPO's
// names say the noun, people and clinicians often the adjective, and a
// stemmer does not join the two.
// Each pair is the adjective's ending and the noun's in its place; the
// noun must be a word some name uses. Not "al" for "a" ("aural" is no
// aura, "substantial" no substantia), nor "ous" for "a" ("previous" is no
// previa): only "eous" and "eal", where the noun ends in "ea". (The
// condition texts are matched with nouns in -ency folded into adjectives in
// -ent on both sides, indexed_stem in conditions.cpp.)
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kAdjectiveEndings = {{
    {"tic", "sis"},  // cyanotic, diaphoretic, septic
    {"ic", "ia"},    // anuric, hypoxic, ataxic
    {"ic", "a"},     // dyspneic, tachypneic
    {"ic", "us"},    // pruritic, icteric
    {"ic", "y"},     // lethargic, allergic, atrophic
    {"atous", "a"},  // erythematous, edematous
    {"eous", "ea"},  // nauseous
    {"ated", "a"},   // nauseated
    {"eal", "ea"},   // diarrheal
    {"al", "e"},     // syncopal
}};

std::string Interpreter::ish_base(std::string_view word) const {
  // English makes an adjective of degree with -ish on an adjective, a
  // silent "e" dropped and a last consonant doubled as before -ed: blue,
  // bluish; white, whitish; red, reddish; yellow, yellowish. The adjective
  // must be a word some name uses. Not a verb in -ish ("finish", "anguish",
  // "polish": "finished" is a word of the installed English list; "fine" is
  // no base of "finish").
  if (word.size() < 6 || !word.ends_with("ish")) return {};
  if (!english_.contains(std::string(word) + "ed") &&
      !english_.contains(std::string(word) + "es")) {
    const std::string stem(word.substr(0, word.size() - 3));
    std::vector<std::string> bases = {stem, stem + "e"};
    if (stem.size() >= 2 && stem.back() == stem[stem.size() - 2])
      bases.push_back(stem.substr(0, stem.size() - 1));
    for (const auto& b : bases)
      if (b.size() >= 3)
        if (const auto it = stem_of_word_.find(b); it != stem_of_word_.end()) return it->second;
  }
  return {};
}

std::string Interpreter::noun_of_adjective(std::string_view word) const {
  for (const auto& [adjective, noun] : kAdjectiveEndings) {
    if (word.size() < adjective.size() + 3 || !word.ends_with(adjective)) continue;
    std::string candidate(word.substr(0, word.size() - adjective.size()));
    candidate += noun;
    if (const auto it = stem_of_word_.find(candidate); it != stem_of_word_.end()) return it->second;
  }
  return {};
}

std::vector<std::string> Interpreter::phrase_stems(std::string_view phrase, bool& corrected,
                                                   std::vector<std::string>& optional,
                                                   bool how_optional) const {
  corrected = false;
  optional.clear();
  text::Analyzer analyzer;  // per call: the analyzer caches and is not thread-safe
  // Words of degree first: set aside as optional.
  std::vector<std::string> degree;
  std::vector<std::string> words = without_degree_words(phrase, &degree);
  // "onset of X" says when X began, which the words of onset around it
  // tell (Finding::onset): no word of X's name ("sudden onset of seizures"
  // is Seizure, no guess at Focal-onset seizure).
  for (std::size_t i = 0; i + 1 < words.size();)
    if (words[i] == "onset" && words[i + 1] == "of")
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(i),
                  words.begin() + static_cast<std::ptrdiff_t>(i + 2));
    else
      ++i;
  // How often ("three times", "twice a day") says how a finding goes, not
  // which it is: "I threw up three times" is Vomiting. Dropped, not kept as
  // optional words: "episodes of vomiting" is not Episodic vomiting. Only
  // here, for reading names: the condition texts say it too ("wakes up
  // three times a night to urinate").
  for (std::size_t i = 0; i < words.size();)
    if (const auto n = how_often_at(words, i); n > 0)
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(i),
                  words.begin() + static_cast<std::ptrdiff_t>(i + n));
    else
      ++i;
  for (const auto& w : degree)
    if (!text::is_stopword(w))
      if (const auto terms = analyzer.terms(w); !terms.empty())
        optional.push_back(own_stem(terms.front()));
  // A verb of a one-word lay phrasing in its other forms ("hurts": "hurt",
  // "hurting"; "my head has hurt", "my back is hurting") is that phrasing.
  // Only for reading names: the condition texts are searched with the
  // person's own word ("these points hurt"), in_names_words.
  for (auto& w : words) {
    if (w.size() < 4 || one_word_lay_.contains(w)) continue;
    const std::string base = w.ends_with("ing") ? w.substr(0, w.size() - 3) : w;
    if (one_word_lay_.contains(base + "s")) w = base + "s";
  }
  std::vector<std::string> out;
  for (const auto& w : rewrite(std::move(words), lay_)) {
    if (text::is_stopword(w)) continue;
    const auto terms = analyzer.terms(w);
    if (terms.empty()) continue;
    const auto& t = terms.front();
    const std::string stem = own_stem(t);
    // How a finding began and how bad it is ("sudden", "gradual",
    // "severe"), which the description reader keeps as Finding::onset and
    // Finding::severity: optional, as words of degree are. A name that has
    // them fits better; one without them loses nothing ("sudden onset of
    // dyspnea" is Dyspnea, as "onset of dyspnea" is).
    if (onset_word(w) || degree_word(w) || (how_optional && how_stems_.contains(stem))) {
      optional.push_back(stem);
      continue;
    }
    if (by_stem_.count(stem)) {
      out.push_back(stem);
      continue;
    }
    if (const auto it = stem_of_word_.find(t.surface); it != stem_of_word_.end()) {
      out.push_back(it->second);
      continue;
    }
    // An adjective's -ish form that no name uses ("reddish"): the
    // adjective, as in the names (ish_base).
    if (const auto base = ish_base(t.surface); !base.empty()) {
      out.push_back(base);
      continue;
    }
    // An adjective of a finding whose names say the noun ("dyspneic",
    // "nauseous"): the noun, before any spelling correction.
    if (const auto noun = noun_of_adjective(t.surface); !noun.empty()) {
      out.push_back(noun);
      continue;
    }
    // Not a word any name uses: correct it against the names' vocabulary,
    // unless it is a word of English.
    if (english_.contains(t.surface)) {
      out.push_back(stem);
      continue;
    }
    const auto fixes = fuzzy_.lookup(t.surface, 1);
    if (!fixes.empty()) {
      const auto it = stem_of_word_.find(fixes.front().word);
      if (it != stem_of_word_.end()) {
        out.push_back(it->second);
        corrected = true;
        continue;
      }
    }
    // Nothing that near: a word of the names spelled alike but for a
    // doubled letter or a silent "h" ("diarea": diarrhea).
    if (t.surface.size() >= kMinKeyedLength)
      if (const auto key = by_spelling_key_.find(spelling_key(t.surface));
          key != by_spelling_key_.end())
        if (const auto it = stem_of_word_.find(key->second); it != stem_of_word_.end()) {
          out.push_back(it->second);
          corrected = true;
          continue;
        }
    out.push_back(stem);  // unknown: counts as a word no name covers
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Interpreter::better(const Scored& a, const Scored& b) const {
  if (a.score != b.score) return a.score > b.score;
  const NameFacts &x = facts_[a.name], &y = facts_[b.name];
  if (weights_[x.term] != weights_[y.term]) return weights_[x.term] > weights_[y.term];
  // Equally good names: the more general term ("tall": "Tall stature"
  // before "Tall chin"), never the rarer, more specific one.
  if (options_.generalise && x.term != y.term) {
    const auto dx = ontology_->ancestors(x.term).size(), dy = ontology_->ancestors(y.term).size();
    if (dx != dy) return dx < dy;
  }
  return x.rank < y.rank;
}

std::optional<Interpreter::Scored> Interpreter::best_name(const std::vector<std::string>& stems,
                                                          const std::vector<std::string>& optional,
                                                          bool hold_out,
                                                          const std::vector<std::string>& ongoing,
                                                          bool state_said) const {
  if (stems.empty()) return std::nullopt;
  // Count, for every name sharing a stem with the phrase, how many of the
  // phrase's stems it has: one pass over the stems' posting lists, with
  // per-thread counters, instead of comparing stem strings name by name.
  // A phrase word may also be found through a word HPO uses in its place
  // (`equivalent`), once per phrase word (`slot`).
  thread_local std::vector<std::uint16_t> cover, equivalent, slot, extra_cover;
  thread_local std::vector<std::uint32_t> candidates;
  cover.resize(names_.size());
  equivalent.resize(names_.size());
  slot.resize(names_.size());
  extra_cover.resize(names_.size());
  candidates.clear();
  for (std::size_t k = 0; k < stems.size(); ++k) {
    if (k > 0 && stems[k] == stems[k - 1]) continue;  // sorted: a repeat counts once
    const auto mark = static_cast<std::uint16_t>(k + 1);
    if (const auto it = by_stem_.find(stems[k]); it != by_stem_.end())
      for (const std::uint32_t c : it->second) {
        if (cover[c]++ == 0) candidates.push_back(c);
        slot[c] = mark;
      }
    const auto eq = equivalents_.find(stems[k]);
    if (eq == equivalents_.end()) continue;
    for (const auto& [other, support] : eq->second) {
      if (hold_out && support <= kMinEquivalentSupport) continue;
      // A word the phrase itself has is matched as itself.
      if (std::binary_search(stems.begin(), stems.end(), other)) continue;
      const auto it = by_stem_.find(other);
      if (it == by_stem_.end()) continue;
      for (const std::uint32_t c : it->second) {
        if (slot[c] == mark) continue;
        slot[c] = mark;
        ++equivalent[c];
        if (cover[c]++ == 0) candidates.push_back(c);
      }
    }
  }
  // Optional words count for the names that have them and already match.
  for (const auto& o : optional) {
    if (std::binary_search(stems.begin(), stems.end(), o)) continue;
    if (const auto it = by_stem_.find(o); it != by_stem_.end())
      for (const std::uint32_t c : it->second)
        if (cover[c] > 0 && slot[c] != 0xFFFF) {
          ++extra_cover[c];
          slot[c] = 0xFFFF;  // once per name
        }
  }
  // The opposites of what the phrase says (kOpposites).
  std::vector<std::string_view> opposite;
  const auto says = [&](std::string_view w) {
    return std::binary_search(stems.begin(), stems.end(), w) ||
           std::find(optional.begin(), optional.end(), w) != optional.end();
  };
  for (const auto& [a, b] : kOpposites) {
    if (says(a)) opposite.push_back(b);
    if (says(b)) opposite.push_back(a);
  }
  // The names that have an opposite, marked through its posting list once
  // rather than looked for in each candidate's stems.
  thread_local std::vector<char> opposed;
  opposed.resize(names_.size());
  std::vector<const std::vector<std::uint32_t>*> opposed_lists;
  for (const auto o : opposite)
    if (const auto it = by_stem_.find(std::string(o)); it != by_stem_.end()) {
      opposed_lists.push_back(&it->second);
      for (const std::uint32_t c : it->second) opposed[c] = 1;
    }
  // Whether the phrase says where (a body site, a side) and what besides.
  const auto is_where = [&](const std::string& w) { return where_stems_.contains(w); };
  const bool says_where = std::any_of(stems.begin(), stems.end(), is_where);
  const bool says_what = !std::all_of(stems.begin(), stems.end(), is_where);
  std::optional<Scored> best;
  thread_local std::vector<Scored> covering;  // names with every phrase word
  covering.clear();
  thread_local std::vector<Scored> scored;  // every candidate with enough of the phrase
  scored.clear();
  bool said_exactly = false;  // some name, even a weak one, has just the phrase's words
  const auto q = static_cast<double>(stems.size());
  for (const std::uint32_t c : candidates) {
    const Name& n = names_[c];  // its strings, read only where needed
    const NameFacts& f = facts_[c];
    const std::size_t covered = std::exchange(cover[c], 0);
    const std::size_t through = std::exchange(equivalent[c], 0);
    const auto opt = static_cast<double>(std::exchange(extra_cover[c], 0));
    slot[c] = 0;
    // At least half of what the user wrote must be in the name.
    if (covered * 2 < stems.size()) continue;
    if (opposed[c]) continue;
    if (hold_out && covered - through == stems.size() && f.stems == stems.size()) continue;
    // A phrase that says a part of the body the name does not is no mood
    // or behaviour ("urethral irritation" is not Irritability). A body-site
    // word, or a part HPO names alone (part_terms_: "hair", "nail"), counts
    // here even when a behaviour's name uses it and so it is no part word
    // elsewhere (part_stems_): "cut my finger", "cut my hair" say what was done
    // to a finger, which Self-cutting's "Cutting" does not name, as
    // Nail-biting names the nail in "I bite my nails". Unless the name's
    // act is said in the -ing form, as going on ("I am cutting my arms",
    // "I keep cutting my legs"): a behaviour done to a part of oneself.
    const auto names_an_ongoing_act = [&] {
      return std::any_of(ongoing.begin(), ongoing.end(), [&](const std::string& w) {
        return std::binary_search(n.stems.begin(), n.stems.end(), w);
      });
    };
    if (behaviour_[f.term] &&
        std::any_of(stems.begin(), stems.end(),
                    [&](const std::string& w) {
                      return is_part_word(w) &&
                             !std::binary_search(n.stems.begin(), n.stems.end(), w);
                    }) &&
        !names_an_ongoing_act())
      continue;
    // A phrase that says with a linking verb what state a place is in
    // ("one side of my face is drooping"): a name that shares with it only
    // where ("one side of the face"), misses the state and says a finding
    // of its own names another finding there (Atrophy of one side of the
    // face).
    if (state_said && says_what && says_where) {
      bool only_where = true, other_what = false;
      for (const auto& w : stems)
        if (!is_where(w) && std::binary_search(n.stems.begin(), n.stems.end(), w))
          only_where = false;
      for (const auto& w : n.stems)
        if (!is_where(w) && !std::binary_search(stems.begin(), stems.end(), w) &&
            std::find(optional.begin(), optional.end(), w) == optional.end())
          other_what = true;
      if (only_where && other_what) continue;
    }
    const auto cov = static_cast<double>(covered);
    const auto eqv = static_cast<double>(through);
    const double extra = static_cast<double>(f.stems) - cov - opt;
    const bool weak = f.kind == Kind::related || f.kind == Kind::definition;
    Scored s{
        .name = c,
        .score = cov + opt - kEquivalentCost * eqv - kMissingCost * (q - cov) - kExtraCost * extra -
                 (weak ? kRelatedCost : 0.0),
        .confidence = (cov + opt - kEquivalentCost * eqv) / (q + opt + extra) * (weak ? 0.8 : 1.0)};
    if (options_.generalise && covered == stems.size()) {
      covering.push_back(s);
      said_exactly = said_exactly || extra <= 0;
    }
    scored.push_back(s);
    if (!best || better(s, *best)) best = s;
  }
  for (const auto* list : opposed_lists)
    for (const std::uint32_t c : *list) opposed[c] = 0;
  if (best && best->confidence < kMinConfidence) return std::nullopt;
  // The best name has every phrase word and more, and no name has just
  // them: the phrase says less than any name.
  if (best && options_.generalise && !said_exactly &&
      names_[best->name].stems.size() > stems.size() + optional.size()) {
    best->general = generalise(covering, *best);
    // Shown with that term's own best name when it has one among them.
    std::optional<Scored> own;
    for (const auto& c : covering)
      if (best->general && names_[c.name].term == *best->general && (!own || better(c, *own)))
        own = c;
    if (own) best->name = own->name;
  }
  // The best partial reading misses the words that tell its name from
  // others (says_too_little): the best name the phrase says in full, if
  // any, is read instead.
  if (best && best->confidence < 0.999 && names_[best->name].kind != Kind::definition) {
    const auto said = said_stems(stems, optional);
    std::vector<std::uint32_t> said_ids;  // of the stems any name has
    for (const auto& w : said)
      if (const auto it = stem_ids_.find(w); it != stem_ids_.end()) said_ids.push_back(it->second);
    std::sort(said_ids.begin(), said_ids.end());
    // A reading as what several names have in common holds enough when
    // that term's label does ("bleeding": Abnormal bleeding), not when only
    // the longer names it stands for share a word ("presents": Breech
    // presentation).
    auto general_enough = [&](const Scored& x) {
      if (!x.general) return false;
      // Names are stored term by term, in term order.
      const auto it = std::lower_bound(names_.begin(), names_.end(), *x.general,
                                       [](const Name& n, TermIndex t) { return n.term < t; });
      for (auto n = it; n != names_.end() && n->term == *x.general; ++n)
        if (n->kind == Kind::label) return said_share(said_ids, *n) >= kSaidShare;
      return false;
    };
    if (!general_enough(*best) && (too_little(said, names_[best->name].stems) ||
                                   names_another_place(said, names_[best->name].stems))) {
      // Only a name all of whose words the phrase says: another partial
      // name is as much a guess ("short" is neither Short limb nor Short
      // phalanges), but a shorter one is what was said ("facial flushing":
      // Flushing; "rash": Skin rash, through its broad synonym "Rash").
      std::optional<Scored> alt;
      for (const auto& x : scored)
        if (facts_[x.name].stems <= said.size() && (!alt || better(x, *alt)) &&
            said_share(said_ids, names_[x.name]) >= 0.999)
          alt = x;
      best = alt;
      if (best && best->confidence < kMinConfidence) return std::nullopt;
    }
  }
  return best;
}

std::optional<TermIndex> Interpreter::generalise(const std::vector<Scored>& covering,
                                                 const Scored& best) const {
  const ontology::Ontology& onto = *ontology_;
  if (std::none_of(covering.begin(), covering.end(),
                   [&](const Scored& c) { return c.name == best.name; }))
    return std::nullopt;  // the best name lacks a phrase word: nothing to generalise
  // The terms of the best names, at most kMaxGeneralised of them (a bounded
  // cost for one-word phrases). A one-word phrase ("shortness") is in
  // thousands of names: only the best few are put in order, and the rest
  // only if those hold too few terms. `better` orders names totally (by
  // rank last), so the few are those a full sort puts first.
  std::vector<Scored> order(covering);
  const auto by_better = [&](const Scored& a, const Scored& b) { return better(a, b); };
  const auto few = std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(order.size()),
                                            static_cast<std::ptrdiff_t>(4 * kMaxGeneralised));
  std::partial_sort(order.begin(), order.begin() + few, order.end(), by_better);
  std::vector<TermIndex> terms;
  for (std::size_t i = 0; i < order.size() && terms.size() < kMaxGeneralised; ++i) {
    if (i == static_cast<std::size_t>(few)) std::sort(order.begin() + few, order.end(), by_better);
    if (std::find(terms.begin(), terms.end(), names_[order[i].name].term) == terms.end())
      terms.push_back(names_[order[i].name].term);
  }
  if (terms.size() < 2) return std::nullopt;
  auto usable = [&](TermIndex a) {
    return !phenotype_root_ ||
           (a != *phenotype_root_ && onto.is_ancestor_or_self(*phenotype_root_, a));
  };
  // The closest term above every candidate (within kMaxClimb is_a steps of
  // each): the phrase names what they have in common.
  struct Reach {
    std::size_t count = 0, max = 0, sum = 0;
  };
  std::unordered_map<TermIndex, Reach> reach;
  std::unordered_map<TermIndex, std::size_t> seen;
  std::vector<TermIndex> frontier, next;
  for (const TermIndex t : terms) {
    seen.clear();
    frontier.assign(1, t);
    seen.emplace(t, 0);
    for (std::size_t d = 1; d <= kMaxClimb; ++d) {
      next.clear();
      for (const TermIndex f : frontier)
        for (const TermIndex p : onto.parents(f))
          if (seen.emplace(p, d).second) next.push_back(p);
      frontier.swap(next);
    }
    for (const auto& [a, d] : seen) {
      Reach& r = reach[a];
      ++r.count;
      r.max = std::max(r.max, d);
      r.sum += d;
    }
  }
  std::optional<TermIndex> common;
  for (const auto& [a, r] : reach) {
    if (r.count != terms.size() || !usable(a)) continue;
    if (!common) {
      common = a;
      continue;
    }
    const Reach& c = reach[*common];
    if (std::tie(r.max, r.sum, a) < std::tie(c.max, c.sum, *common)) common = a;
  }
  if (common) return common;
  // Otherwise the candidate above most of the others, if any is above one.
  std::optional<TermIndex> above;
  std::size_t most = 0;
  for (const TermIndex t : terms) {
    std::size_t n = 0;
    for (const TermIndex u : terms)
      if (u != t && onto.is_ancestor_or_self(t, u)) ++n;
    if (n > most) {
      most = n;
      above = t;
    }
  }
  return above;
}

std::optional<Interpretation> Interpreter::interpret_phrase(std::string_view phrase) const {
  return read(phrase, false);
}

std::optional<Interpretation> Interpreter::interpret_held_out(std::string_view phrase) const {
  return read(phrase, true);
}

bool Interpreter::is_part_word(const std::string& stem) const {
  return part_stems_.contains(stem) || site_of_stem_.contains(stem) || part_terms_.contains(stem);
}

bool Interpreter::acts_on_another_thing(std::string_view phrase, const Name& n) const {
  // A behaviour named by its act alone ("Cutting", of Self-cutting) is
  // done to oneself: "cutting myself", "cutting my arms". The act done to
  // a thing that is no part of the body ("cutting vegetables", "cut the
  // bread") is a chore. The thing is the word after the act, past a
  // determiner or possessive. (Longer names say what the act is done to.)
  static constexpr std::array<std::string_view, 13> kDeterminers = {
      "the",   "a",  "an",  "some", "this", "that", "these",
      "those", "my", "his", "her",  "our",  "their"};
  thread_local text::Analyzer analyzer;  // stemming only; built once
  auto stem_of = [&](const std::string& w) {
    const auto t = analyzer.terms(w);
    return t.empty() ? std::string() : own_stem(t.front());
  };
  auto in_name = [&](const std::string& stem) {
    return !stem.empty() && std::binary_search(n.stems.begin(), n.stems.end(), stem);
  };
  auto one_of = [](const auto& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
  };
  const auto words = text::tokenize(text::fold(phrase));
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (text::is_stopword(words[i]) || !in_name(stem_of(words[i]))) continue;
    std::size_t j = i + 1;
    while (j < words.size() && one_of(kDeterminers, words[j])) ++j;
    // Said as a verb: in the -ing form, or with a determiner before its
    // object ("cut the bread"); not a word of a name ("Aggressive
    // behavior": the act's adjective and a noun).
    const bool verb = (words[i].size() > 5 && words[i].ends_with("ing")) || j > i + 1;
    if (!verb || j == words.size() || text::is_stopword(words[j]) ||
        text::is_reflexive_pronoun(words[j]))
      continue;
    const std::string thing = stem_of(words[j]);
    if (!thing.empty() && !in_name(thing) && !is_part_word(thing)) return true;
  }
  return false;
}

std::optional<Interpretation> Interpreter::read(std::string_view phrase, bool hold_out) const {
  phrase = text::trim(phrase);
  if (phrase.empty()) return std::nullopt;
  if (phrase.size() == 10 && (phrase.substr(0, 3) == "HP:" || phrase.substr(0, 3) == "hp:")) {
    std::string id(phrase);
    id[0] = 'H';
    id[1] = 'P';
    if (const auto t = ontology_->find(id)) {
      const auto& label = ontology_->term(*t).label;
      return Interpretation{std::string(phrase), *t, label, label, 1.0};
    }
  }
  bool corrected = false;
  std::vector<std::string> optional;
  const auto stems = phrase_stems(phrase, corrected, optional);
  // The stems of the acts the phrase says in the -ing form ("cutting" in
  // "cutting my arms"): something going on or done again and again, which a
  // behaviour is, where "cut my finger" tells of one event.
  std::vector<std::string> ongoing;
  for (const auto& w : text::tokenize(text::fold(phrase)))
    if (w.size() > 5 && w.ends_with("ing")) {
      thread_local text::Analyzer analyzer;  // stemming only; built once
      for (const auto& t : analyzer.terms(w)) ongoing.push_back(t.stem);
    }
  auto best = best_name(stems, optional, hold_out, ongoing, !subject_of(phrase).empty());
  // A word that says how a finding goes (how_stems_: "occasional",
  // "recurrent", "profound") beside a name said whole leaves that name
  // whole: "occasional mild abdominal pain" is Abdominal pain, "profound
  // fatigue" Fatigue, as a word of degree is set aside ("mild"). Only for a
  // name said whole (kWholeNameConfidence): set aside for a partial reading,
  // such a word leaves a phrase too few words to tell its name ("occasional
  // spotting" is no "Spot on the lung", "intermittent burning" no Skin burn).
  // Not over a name said whole, nor over a narrower kind of the finding
  // read so, which says the how in its own words ("recurrent episodes of
  // vertigo": Paroxysmal vertigo, a kind of Vertigo; "frequent epistaxis":
  // Recurrent epistaxis).
  if (!best || best->confidence < kWholeNameConfidence) {
    bool how_corrected = false;
    std::vector<std::string> how_optional;
    const auto rest = phrase_stems(phrase, how_corrected, how_optional, true);
    const auto term_of = [&](const Scored& s) {
      return s.general ? *s.general : names_[s.name].term;
    };
    if (rest.size() < stems.size())
      if (auto as_how =
              best_name(rest, how_optional, hold_out, ongoing, !subject_of(phrase).empty());
          as_how && as_how->confidence >= kWholeNameConfidence &&
          (!best || (as_how->confidence > best->confidence &&
                     (term_of(*as_how) == term_of(*best) ||
                      !ontology_->is_ancestor_or_self(term_of(*as_how), term_of(*best)))))) {
        best = as_how;
        corrected = how_corrected;
      }
  }
  // A word of English that no name uses, written for a name's word that
  // sounds the same ("unsteady gate": Unsteady gait), is read as that word
  // when, with it, the phrase is a name said whole; a word of English is
  // otherwise never corrected (Options::english_not_corrected), and one
  // letter from a name's word is no slip ("tinkling"). Only when the phrase
  // reads no name whole, only when one word sounding so makes a name, and
  // only beside another word of it: a word alone sounds like too many
  // ("comes": Chemosis, "tries": Tearing).
  if (english_.size() > 0 && stems.size() >= 2 &&
      (!best || best->confidence < kWholeNameConfidence)) {
    std::optional<Scored> heard;
    bool told = true;  // one sound-alike reading, not two
    for (const auto& w : text::tokenize(text::fold(phrase))) {
      if (w.size() < kMinSoundLength || !english_.contains(w) || stem_of_word_.contains(w))
        continue;
      thread_local text::Analyzer analyzer;  // stemming only; built once
      const auto t = analyzer.terms(w);
      if (t.empty()) continue;
      const std::string stem = own_stem(t.front());
      if (!std::binary_search(stems.begin(), stems.end(), stem)) continue;
      const auto it = by_sound_.find(sound_key(w));
      if (it == by_sound_.end()) continue;
      for (const auto& alike : it->second) {
        auto as_heard = stems;
        std::replace(as_heard.begin(), as_heard.end(), stem, alike);
        std::sort(as_heard.begin(), as_heard.end());
        as_heard.erase(std::unique(as_heard.begin(), as_heard.end()), as_heard.end());
        const auto read =
            best_name(as_heard, optional, hold_out, ongoing, !subject_of(phrase).empty());
        if (!read || read->confidence < 0.999) continue;
        if (heard && names_[heard->name].term != names_[read->name].term) told = false;
        heard = read;
      }
    }
    if (heard && told) {
      best = heard;
      corrected = true;
    }
  }
  if (!best) return std::nullopt;
  const Name& n = names_[best->name];
  if (behaviour_[n.term] && n.stems.size() == 1 && acts_on_another_thing(phrase, n))
    return std::nullopt;
  // A behaviour named by its act in the -ing form ("Cutting") is not the
  // act's other form said alone or after an article ("I have a cut"): a
  // noun, the hurt, not the act.
  if (behaviour_[n.term] && n.stems.size() == 1 && n.folded.ends_with("ing") && ongoing.empty()) {
    thread_local text::Analyzer analyzer;  // stemming only; built once
    const auto words = text::tokenize(text::fold(phrase));
    const auto is_act = [&](const std::string& w) {
      const auto t = analyzer.terms(w);
      return !t.empty() && std::binary_search(n.stems.begin(), n.stems.end(), own_stem(t.front()));
    };
    for (std::size_t i = 0; i < words.size(); ++i)
      if (is_act(words[i]) &&
          (words.size() == 1 ||
           (i > 0 && (words[i - 1] == "a" || words[i - 1] == "an" || words[i - 1] == "the"))))
        return std::nullopt;
  }
  // A mood is the person's: a phrase that says what a thing is ("the sky
  // is blue", "my shirt is blue") names no mood through a word of the
  // mood's name ("Has the blues"), unless its subject is the person ("I
  // am blue", "she is sad") or the name says the subject ("my mood is
  // low": Low mood).
  if (mood_[n.term] && best->confidence < 0.999)
    if (const auto subject = subject_of(phrase); !subject.empty()) {
      thread_local text::Analyzer analyzer;  // stemming only; built once
      bool person = false, named = false;
      for (const auto& w : text::tokenize(text::fold(subject))) {
        if (std::find(kPersons.begin(), kPersons.end(), w) != kPersons.end() || relative_word(w))
          person = true;
        for (const auto& t : analyzer.terms(w))
          if (std::binary_search(n.stems.begin(), n.stems.end(), own_stem(t))) named = true;
      }
      if (!person && !named) return std::nullopt;
    }
  // "no fever" is not fever: a negation the name does not itself carry
  // leaves the phrase unread rather than read the other way round. Looked
  // for in the words the names use, where a lay phrasing that holds one has
  // been rewritten ("no energy" is fatigue).
  const auto negation = [](const std::string& w) {
    return std::find(std::begin(kNegations), std::end(kNegations), w) != std::end(kNegations);
  };
  const auto written = text::tokenize(text::fold(phrase));
  if (std::any_of(written.begin(), written.end(), negation))
    for (const auto& w : rewrite(without_degree_words(phrase, nullptr), lay_))
      if (negation(w) && !std::binary_search(n.stems.begin(), n.stems.end(), w))
        return std::nullopt;
  const double confidence = best->confidence * (corrected ? kCorrectedFactor : 1.0);
  if (best->general && *best->general != n.term) {
    // Read as a more general term: shown with the name that matched best.
    const auto& label = ontology_->term(*best->general).label;
    return Interpretation{std::string(phrase), *best->general, label, n.text, confidence};
  }
  return Interpretation{std::string(phrase), n.term, ontology_->term(n.term).label, n.text,
                        confidence};
}

std::optional<Interpretation> Interpreter::read_before_circumstance(std::string_view phrase) const {
  return narrowed_by_circumstance(read_finding(phrase), phrase);
}

std::optional<Interpretation> Interpreter::narrowed_by_circumstance(
    std::optional<Interpretation> read, std::string_view phrase) const {
  // A finding said with when it comes ("short of breath when I exercise",
  // "I faint when I stand up") is the narrower finding HPO names for that
  // circumstance, when one is: a term at most kMaxClimb is_a steps below the
  // finding read whose names or definition say a word of the circumstance,
  // as stems (English morphology: "stand", "standing"; "exercise",
  // "exercising"), Exertional dyspnea ("... occurs with exercise or
  // exertion"), Orthostatic syncope ("... to standing"). Only when one such
  // term is: otherwise the finding alone.
  if (!read) return read;
  const auto head = before_circumstance(phrase);
  if (head.empty()) return read;
  thread_local text::Analyzer analyzer;  // stemming only; built once
  auto words = text::tokenize(text::fold(phrase.substr(head.size())));
  if (words.size() < 2 || words.front() == "every" || words.front() == "each") return read;
  std::vector<std::string> said;  // the circumstance's own words, less "i", "my", "up"
  for (std::size_t k = 1; k < words.size(); ++k) {
    if (text::is_stopword(words[k]) ||
        std::find(kPossessives.begin(), kPossessives.end(), words[k]) != kPossessives.end())
      continue;
    for (const auto& t : analyzer.terms(words[k])) said.push_back(own_stem(t));
  }
  if (said.empty()) return read;
  const auto says_it = [&](std::string_view text) {
    for (const auto& t : analyzer.terms(text))
      if (std::find(said.begin(), said.end(), own_stem(t)) != said.end()) return true;
    return false;
  };
  const auto term_says_it = [&](TermIndex t) {
    const auto& term = ontology_->term(t);
    bool says = says_it(term.label) || says_it(term.definition);
    for (const auto& s : term.synonyms) says = says || says_it(s.text);
    return says;
  };
  // A finding whose own names say the circumstance ("cramps when I
  // exercise": Exercise-induced muscle cramps) is read as said.
  if (term_says_it(read->term)) return read;
  std::optional<TermIndex> found;
  std::vector<TermIndex> level{read->term};
  for (std::size_t step = 0; step < kMaxClimb && !level.empty(); ++step) {
    std::vector<TermIndex> next;
    for (const TermIndex t : level)
      for (const TermIndex c : ontology_->children(t)) {
        next.push_back(c);
        if (found == c || !term_says_it(c)) continue;
        if (found) return read;  // which one is not told
        found = c;
      }
    level = std::move(next);
  }
  if (!found) return read;
  read->term = *found;
  read->label = ontology_->term(*found).label;
  read->matched = read->label;
  return read;
}

std::optional<Interpretation> Interpreter::read_finding(std::string_view phrase) const {
  auto whole = interpret_phrase(phrase);
  // "feeling dizzy" ("I have been feeling dizzy", "I am feeling sick"),
  // "getting headaches": the -ing form of a linking verb says that what
  // follows is said of the person, as "I feel" does, which the description
  // reader takes off the front as story; the finding is what follows, read
  // as the phrase would be without the verb. A name that opens with the
  // verb is said whole first ("Feeling bad", "Feeling full quickly when
  // eating").
  if (!whole || whole->confidence < 0.999)
    if (const auto rest = after_progressive_linking_verb(phrase); !rest.empty())
      if (auto read = read_before_circumstance(rest);
          read && (!whole || read->confidence > whole->confidence))
        return read;
  // The words before each place the phrase says ("pain", "pain in my
  // stomach" in "pain in my stomach on the right side").
  std::vector<std::string_view> heads;
  for (auto head = before_place(phrase); !head.empty();) {
    heads.push_back(head);
    const auto place = phrase.find_first_not_of(" \t", head.size());  // where the place opens
    if (place == std::string_view::npos) break;
    head = before_place(phrase, place + 1);
  }
  // A guess at the whole phrase from a few of its words ("excessive tearing
  // from the right eye" as Alacrima, the eye and tears) yields to a better
  // reading of the words before the place, when those are a name's few
  // words (a long story before "in the" is no name, and reading it again
  // costs a description of many clauses milliseconds). With two places the
  // words before the second first, when they read as a name said whole
  // (below).
  if (whole && whole->confidence < kWholeNameConfidence && !heads.empty() &&
      std::count(heads.front().begin(), heads.front().end(), ' ') < 3) {
    for (std::size_t k = heads.size(); k-- > 1;)
      if (auto read = interpret_phrase(heads[k]); read && read->confidence >= 0.999) return read;
    if (auto read = interpret_phrase(heads.front()); read && read->confidence > whole->confidence)
      return read;
  }
  // "my head is aching": the words as they stand share only "pain" with a
  // name (Pain, half of what is said); what the sentence says of its
  // subject is a name said whole ("head pain": Headache). That reading,
  // when it is one, over a guess from part of the words.
  if (whole && whole->confidence < kWholeNameConfidence && !subject_of(phrase).empty())
    if (auto read = read_inverted(phrase); read && read->confidence >= 0.999) return read;
  if (whole) return whole;
  if (const auto head = before_circumstance(phrase); !head.empty())
    if (auto read = interpret_phrase(head)) return read;
  // The place can tell which finding a word is ("a lump in my neck" is no
  // breast lump): without it, only a name said whole ("rash": "Rash", a
  // broad synonym of Skin rash, 0.8), not a part of a longer one ("lump" of
  // "Breast lump", 0.5). A finding said with two places ("pain in my
  // stomach on the right side"): the first may be part of its name
  // ("Stomach pain"), the second says where on it; the words before the
  // last place first, so that the finding is read with as much of what it
  // is as a name says whole.
  for (auto head = heads.rbegin(); head != heads.rend(); ++head)
    if (auto read = interpret_phrase(*head); read && read->confidence >= kWholeNameConfidence)
      return read;
  // What a relative clause adds can be anything ("that won't go away"), so
  // again only a name said whole; the words before it may say when or where
  // ("a rash on my arm that itches").
  if (const auto head = before_relative(phrase); !head.empty())
    if (auto read = read_before_circumstance(head);
        read && read->confidence >= kWholeNameConfidence)
      return read;
  if (auto read = read_inverted(phrase)) return read;
  // "a swollen knee": a short phrase may say its part by a narrower word
  // than the names do.
  if (std::count(phrase.begin(), phrase.end(), ' ') < 3) return read_as_broader_part(phrase, 0);
  return std::nullopt;
}

std::optional<Interpretation> Interpreter::read_inverted(std::string_view phrase) const {
  // What a subject is said to be, said before it, as names and lay
  // phrasings put it: "my glands are swollen" is "swollen glands". Only a
  // name said whole: the words may have been a sentence for a reason.
  const auto subject = subject_of(phrase);
  if (subject.empty()) return std::nullopt;
  const auto said = text::tokenize(text::fold(predicate_of(phrase)));
  if (said.size() < 2 || said.size() > 3) return std::nullopt;  // the verb and a word or two
  std::string inverted;
  for (std::size_t i = 1; i < said.size(); ++i) inverted += said[i] + " ";
  for (const auto& w : text::tokenize(text::fold(subject)))
    if (w != "the" && std::find(kPossessives.begin(), kPossessives.end(), w) == kPossessives.end())
      inverted += w + " ";
  const auto as_said = interpret_phrase(text::trim(inverted));
  // A name may say the part first and what it is after it ("Ear pain",
  // and "head pain" is a headache): "my head is aching" is the subject
  // and then what is said of it, in the order the sentence has.
  if (!as_said || as_said->confidence < 0.999) {
    std::string in_order;
    for (const auto& w : text::tokenize(text::fold(subject)))
      if (w != "the" &&
          std::find(kPossessives.begin(), kPossessives.end(), w) == kPossessives.end())
        in_order += w + " ";
    for (std::size_t i = 1; i < said.size(); ++i) in_order += said[i] + " ";
    if (auto read = interpret_phrase(text::trim(in_order)); read && read->confidence >= 0.999) {
      read->text = std::string(phrase);
      return read;
    }
  }
  auto read = as_said;
  if (!read || read->confidence < 0.999) read = read_as_broader_part(inverted, said.size() - 1);
  if (!read) read = read_as_narrower_part(inverted, said.size() - 1);
  // A name said whole that is a broad or related synonym ("black stool":
  // "Black feces", of Melena) is a name said whole here as everywhere
  // (kWholeNameConfidence), when no part reads it exactly.
  if (!read && as_said && as_said->confidence >= kWholeNameConfidence) read = as_said;
  if (!read) return std::nullopt;
  read->text = std::string(phrase);
  return read;
}

std::optional<Interpretation> Interpreter::read_as_broader_part(std::string_view phrase,
                                                                std::size_t from) const {
  // "swollen knee" is no name, but a knee is a joint and "swollen joint" is
  // one (Joint swelling): the part said, from word `from` on, in turn by each
  // broader part HPO's names put in its place; only a name said whole.
  auto words = text::tokenize(text::fold(phrase));
  text::Analyzer analyzer;
  for (std::size_t i = from; i < words.size(); ++i) {
    const auto a = analyzer.terms(words[i]);
    if (a.empty()) continue;
    const auto it = broader_parts_.find(a.front().stem);
    if (it == broader_parts_.end()) continue;
    const std::string own = words[i];
    for (const auto& [n, broader] : it->second) {
      words[i] = broader;
      if (auto read = interpret_phrase(join(words)); read && read->confidence >= 0.999) {
        read->text = std::string(phrase);
        return read;
      }
    }
    words[i] = own;
  }
  return std::nullopt;
}

std::optional<Interpretation> Interpreter::read_as_narrower_part(std::string_view phrase,
                                                                 std::size_t from) const {
  // "my ear is blocked": "blocked ear" is no name, nor is it said of a
  // broader part, but HPO names the state of a part within the ear
  // ("Blocked Eustachian tube", under Abnormality of the ear). Only for a
  // state said with a linking verb (read_inverted): written before the part
  // a word may say where, not what ("bilateral hand": no Bilateral
  // triphalangeal thumbs). The part said, from word `from` on, by
  // the one term of its own branch (part_terms_) whose name is the phrase's
  // other words and part words; read as that name said whole. Nothing when
  // no term or more than one is such: which part within is then not told.
  const auto words = text::tokenize(text::fold(phrase));
  text::Analyzer analyzer;
  for (std::size_t i = from; i < words.size(); ++i) {
    const auto a = analyzer.terms(words[i]);
    if (a.empty()) continue;
    const auto branch = part_terms_.find(a.front().stem);
    if (branch == part_terms_.end()) continue;
    std::vector<std::string> state;
    for (std::size_t k = 0; k < words.size(); ++k) {
      if (k == i || text::is_stopword(words[k]) ||
          std::find(kPossessives.begin(), kPossessives.end(), words[k]) != kPossessives.end())
        continue;
      for (const auto& t : analyzer.terms(words[k])) state.push_back(own_stem(t));
    }
    if (state.empty()) return std::nullopt;
    std::sort(state.begin(), state.end());
    state.erase(std::unique(state.begin(), state.end()), state.end());
    const auto first = by_stem_.find(state.front());
    if (first == by_stem_.end()) continue;
    std::optional<std::uint32_t> found;
    bool several = false;
    for (const std::uint32_t c : first->second) {
      const Name& n = names_[c];
      if (n.kind == Kind::related || n.kind == Kind::definition) continue;
      if (n.stems.size() <= state.size() ||
          !std::includes(n.stems.begin(), n.stems.end(), state.begin(), state.end()))
        continue;
      const bool rest_are_parts =
          std::all_of(n.stems.begin(), n.stems.end(), [&](const std::string& w) {
            return std::binary_search(state.begin(), state.end(), w) || part_stems_.contains(w);
          });
      if (!rest_are_parts || behaviour_[n.term]) continue;
      // The part the name says is within the part said: its own branch
      // lies in the other's ("Abnormal Eustachian tube morphology" under
      // Abnormality of the ear), as the term does. Not a part HPO files
      // elsewhere: "Red eyelid" (Eyelid erythema) is under Abnormality of
      // the skin, but the eyelid's branch is the eye's, so "my skin is red"
      // is not the eyelid's redness.
      std::vector<std::string> within;
      for (const auto& w : n.stems)
        if (!std::binary_search(state.begin(), state.end(), w)) within.push_back(w);
      const auto own = part_terms_.find(join(within));
      if (own == part_terms_.end()) continue;
      const auto in_branch = [&](TermIndex t) {
        return std::any_of(branch->second.begin(), branch->second.end(),
                           [&](TermIndex p) { return ontology_->is_ancestor_or_self(p, t); });
      };
      if (!in_branch(n.term) || std::none_of(own->second.begin(), own->second.end(), in_branch))
        continue;
      if (found && names_[*found].term != n.term) several = true;
      found = c;
    }
    if (!found || several) continue;
    auto read = interpret_phrase(names_[*found].text);
    if (!read || read->term != names_[*found].term) continue;
    read->text = std::string(phrase);
    return read;
  }
  return std::nullopt;
}

Interpreter::Result Interpreter::interpret(std::string_view text) const {
  Result out;
  auto emit = [&](std::optional<Interpretation> i, std::string_view piece) {
    if (!i) {
      out.unmatched.emplace_back(piece);
      return;
    }
    const bool seen = std::any_of(out.terms.begin(), out.terms.end(),
                                  [&](const Interpretation& x) { return x.term == i->term; });
    if (!seen) out.terms.push_back(std::move(*i));
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of(",;\n", start);
    if (end == std::string_view::npos) end = text.size();
    const auto segment = text::trim(text.substr(start, end - start));
    start = end + 1;
    if (segment.empty()) continue;
    // A name may itself contain "and"/"with" ("Pain with exercise", "pins
    // and needles"): a segment that is exactly some name is kept whole, and
    // so is one that matches whole when some piece of it matches nothing.
    // (Whole means the segment read as it stands: a name read from the words
    // before a place or a circumstance leaves the words after them, which
    // can join another finding: "a bad headache behind my eyes and feel sick".)
    auto whole = read_before_circumstance(segment);
    const auto pieces = split_connectives(segment, unsplittable_);
    if (pieces.size() == 1 || (whole && whole->confidence >= 0.999 && whole->text == segment)) {
      emit(std::move(whole), segment);
      continue;
    }
    std::vector<std::pair<std::string_view, std::optional<Interpretation>>> parts;
    bool all_matched = true;
    const std::string_view subject = subject_of(text::trim(pieces.front()));
    // "my hands and feet are tingling": a piece that names only a place
    // shares what the last piece says of its own subject.
    const std::string_view predicate = predicate_of(text::trim(pieces.back()));
    for (const auto piece : pieces) {
      const auto p = text::trim(piece);
      if (p.empty()) continue;
      auto read = !predicate.empty() && only_body_sites(p)
                      ? read_before_circumstance(std::string(p) + " " + std::string(predicate))
                      : read_before_circumstance(p);
      // "my urine smells bad and is cloudy": a piece that opens with its
      // verb says it of the first piece's subject.
      if (!subject.empty() && p.data() != text::trim(pieces.front()).data() &&
          opens_with_linking_verb(p))
        if (auto with = read_before_circumstance(std::string(subject) + " " + std::string(p)))
          read = std::move(with);
      // "my eyes are red and watering": a word or two after "and" shares the
      // first piece's subject and verb, when that says a name in full (then
      // the more precise reading: "itchy" of the eyes is Ocular pruritus).
      if (!subject.empty() && p.data() != text::trim(pieces.front()).data() &&
          !opens_with_linking_verb(p) && text::tokenize(p).size() <= 2)
        if (auto with = read_inverted(std::string(subject) + " " +
                                      std::string(linking_verb_of(text::trim(pieces.front()))) +
                                      " " + std::string(p))) {
          with->text = std::string(p);
          read = std::move(with);
        }
      parts.emplace_back(p, std::move(read));
      all_matched = all_matched && parts.back().second.has_value();
    }
    // Unless the whole is a weak guess and some piece is read: "hedache
    // and diarea" is Headache and a word not known, not a guess at both.
    const bool some_matched = std::any_of(parts.begin(), parts.end(),
                                          [](const auto& part) { return part.second.has_value(); });
    if (whole && !all_matched && (whole->confidence >= kWeakWhole || !some_matched)) {
      emit(std::move(whole), segment);
      continue;
    }
    for (auto& [p, i] : parts) emit(std::move(i), p);
  }
  return out;
}

std::vector<Suggestion> Interpreter::suggest(std::string_view prefix, std::size_t limit) const {
  const std::string folded = text::fold(prefix);
  auto words = text::tokenize(folded);
  if (words.empty() || limit == 0) return {};
  const bool last_complete =
      !folded.empty() && std::isspace(static_cast<unsigned char>(folded.back()));
  const std::string partial = last_complete ? std::string() : words.back();
  if (!last_complete) words.pop_back();
  const std::string joined = join(words);
  const std::string typed =
      joined.empty() ? partial : (partial.empty() ? joined + " " : joined + " " + partial);

  // Candidate names: every name with a word starting with the partial word
  // (or, when the last word is complete, with the first word).
  const std::string& key = partial.empty() ? words.front() : partial;
  auto lo = std::lower_bound(word_index_.begin(), word_index_.end(),
                             std::pair<std::string, std::uint32_t>(key, 0));
  struct Hit {
    bool at_start;
    std::uint32_t rank, name;
  };
  std::vector<Hit> hits;
  for (auto it = lo; it != word_index_.end() && it->first.compare(0, key.size(), key) == 0; ++it) {
    if (partial.empty() && it->first != key) break;
    const Name& n = names_[it->second];
    const bool at_start = n.folded.compare(0, typed.size(), typed) == 0;
    // A single letter lists too much to be useful except at a name's start.
    if (!at_start && key.size() < 2) continue;
    if (!at_start) {
      // Every complete word must be a word of the name.
      const std::string padded = " " + n.folded + " ";
      bool all = true;
      for (const auto& w : words)
        if (padded.find(" " + w + " ") == std::string::npos) all = false;
      if (!all) continue;
    }
    hits.push_back({at_start, n.rank, it->second});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.at_start != b.at_start ? a.at_start : a.rank < b.rank;
  });
  std::vector<Suggestion> out;
  std::vector<TermIndex> seen;
  for (const auto& h : hits) {
    const Name& n = names_[h.name];
    if (std::find(seen.begin(), seen.end(), n.term) != seen.end()) continue;
    seen.push_back(n.term);
    out.push_back({n.term, ontology_->term(n.term).label, n.text});
    if (out.size() >= limit) break;
  }
  return out;
}

}  // namespace symptomdb::checker
