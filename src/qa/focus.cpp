#include "qa/focus.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/embedded.hpp"
#include "core/page_title.hpp"
#include "core/spelling.hpp"
#include "qa/message.hpp"
#include "text/normalize.hpp"

namespace symptomdb::qa {
namespace {

bool all_caps_word(std::string_view s) {
  bool letter = false;
  for (unsigned char c : s) {
    if (std::islower(c)) return false;
    letter = letter || std::isupper(c);
  }
  return letter;
}

// The generic heads of a name for a group of conditions, which lay people
// use for one another ("heart problems" for "Heart Diseases").
constexpr std::string_view kGroupHeads[] = {"disease",   "diseases", "disorder",
                                            "disorders", "problem",  "problems"};

// Head words that lay people often leave out: "Parkinson's" for
// "Parkinson's disease". Only dropped when what is left is an eponym or
// nearly always followed by the head in the corpus (so "heart disease"
// keeps its head).
constexpr std::string_view kHeads[] = {"disease",   "syndrome",   "disorder",  "disorders",
                                       "infection", "infections", "deficiency"};

// A word said twice around "to" or "by" ("day to day", "step by step",
// "week by week") is an adverb of how something goes, not a name: "COPD -
// day to day" files the page under COPD, and "day to day" names nothing
// ("getting worse day by day").
bool repeated_word_phrase(std::string_view part) {
  for (std::string_view link : {" to ", " by "}) {
    const auto at = part.find(link);
    if (at == std::string_view::npos || at == 0) continue;
    if (part.substr(0, at) == part.substr(at + link.size())) return true;
  }
  return false;
}

// A Roman numeral of two letters or more, as a number ("XII" -> 12); 0 when
// the word is none. (One letter is left out: "I", "V" and "X" are words and
// letters of names, "Fragile X".)
int roman_numeral(std::string_view w) {
  constexpr std::string_view kRoman[] = {"II",  "III",  "IV",    "VI",   "VII", "VIII",
                                         "IX",  "XI",   "XII",   "XIII", "XIV", "XV",
                                         "XVI", "XVII", "XVIII", "XIX",  "XX"};
  constexpr int kValue[] = {2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
  for (std::size_t i = 0; i < std::size(kRoman); ++i)
    if (w == kRoman[i]) return kValue[i];
  return 0;
}

// The words that number a kind, a stage or a factor: after one, a figure
// is a name's word, not a quantity ("Type 2 diabetes", "Factor V").
bool numbering_word(std::string_view folded) {
  for (std::string_view w : {"type", "stage", "grade", "factor", "class"})
    if (folded == w) return true;
  return false;
}

// A Roman numeral of one letter ("I", "V", "X"), as a number; 0 when the
// word is none. One letter is a numeral only after a word that numbers
// a kind ("Factor V", "Type I"): elsewhere it is a word or a letter of a
// name ("Fragile X", "vitamin A").
int one_letter_numeral(std::string_view w) {
  return w == "I" ? 1 : w == "V" ? 5 : w == "X" ? 10 : 0;
}

// The knowledge base writes numbers in names in Roman numerals ("Factor XII
// deficiency", "Type III collagen"), people in figures ("factor 12
// deficiency"): both name the same thing. The name with each Roman numeral
// of two letters or more (written in capitals, as a word of its own), and
// of one letter after a word that numbers a kind ("Factor V deficiency" is
// "factor 5 deficiency", and so "factor five deficiency", see
// with_number_words), in figures; empty when it has none.
std::string with_arabic_numerals(const std::string& name) {
  std::string out;
  bool changed = false;
  std::string previous;  // the word before, folded
  std::size_t i = 0;
  while (i < name.size()) {
    if (!std::isalpha(static_cast<unsigned char>(name[i]))) {
      if (!std::isspace(static_cast<unsigned char>(name[i]))) previous.clear();
      out.push_back(name[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < name.size() && std::isalpha(static_cast<unsigned char>(name[j]))) ++j;
    const std::string_view word(name.data() + i, j - i);
    if (const int v = roman_numeral(word); v != 0) {
      out += std::to_string(v);
      changed = true;
    } else if (const int one = numbering_word(previous) ? one_letter_numeral(word) : 0; one != 0) {
      out += std::to_string(one);
      changed = true;
    } else {
      out += word;
    }
    previous = text::fold(word);
    i = j;
  }
  return changed ? out : std::string();
}

// The knowledge base names an injury of a part of the body with the
// clinician's word, "Tailbone trauma", "Facial trauma", "Scrotal trauma";
// people say "tailbone injury", "facial injury". A name whose last word is
// "trauma" after one or two words is also that name with "injury"; empty
// when it is not such a name. (Only this way: "trauma" is the clinician's
// word, and the knowledge base names the injuries people write as "X
// injury" so already.)
std::string with_injury_for_trauma(const std::string& name) {
  const std::string lower = text::fold(name);
  constexpr std::string_view kTrauma = " trauma";
  if (lower.size() != name.size() || !lower.ends_with(kTrauma) || lower.size() == kTrauma.size())
    return {};
  const std::string_view before(lower.data(), lower.size() - kTrauma.size());
  if (std::count(before.begin(), before.end(), ' ') > 1 ||
      before.find_first_of(":(,-") != std::string_view::npos)
    return {};
  return name.substr(0, name.size() - kTrauma.size()) + " injury";
}

// A kind, stage or factor numbered in figures in a name ("Type 1 diabetes",
// "Stage 3 kidney disease", "Factor 5 deficiency") is numbered in words as
// often by people ("type one diabetes", "stage three"): the name with each
// such figure from 1 to 10 in words is another name of it; empty when it has
// none. Only right after a word that numbers a kind, where a figure is a
// name's word and not a quantity ("10 ml").
std::string with_number_words(const std::string& name) {
  static constexpr std::string_view kWords[] = {"one", "two",   "three", "four", "five",
                                                "six", "seven", "eight", "nine", "ten"};
  std::string out;
  bool changed = false;
  std::string previous;  // the word before, folded
  std::size_t i = 0;
  while (i < name.size()) {
    if (!std::isalnum(static_cast<unsigned char>(name[i]))) {
      out.push_back(name[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < name.size() && std::isalnum(static_cast<unsigned char>(name[j]))) ++j;
    const std::string word = name.substr(i, j - i);
    const bool numbering = numbering_word(previous);
    const bool figures =
        std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    if (numbering && figures && word.size() <= 2 && std::stoi(word) >= 1 && std::stoi(word) <= 10) {
      out += kWords[std::stoi(word) - 1];
      changed = true;
    } else {
      out += word;
    }
    previous = text::fold(word);
    i = j;
  }
  return changed ? out : std::string();
}

// A parenthesis inside a name gives another name of the words before it:
// "Factor XII (Hageman factor) deficiency" is "Factor XII deficiency",
// "Anterior cruciate ligament (ACL) injury" is that injury and "ACL
// injury". The name without it is emitted when at least two words come
// before it ("Albumin - blood (serum) test" is no "blood test"), the
// abbreviation with the words after it when it is one.
template <class Emit>
void emit_without_inner_parenthesis(const std::string& name, Emit&& emit) {
  // (The parts of a title "X - Y" or "X: Y" are names of their own, each
  // read so in turn: "Zentorin - blood (serum) test" is no "Zentorin - blood
  // test".)
  if (name.find(" - ") != std::string::npos || name.find(": ") != std::string::npos) return;
  const auto open = name.find(" (");
  if (open == std::string::npos) return;
  const auto close = name.find(") ", open);
  if (close == std::string::npos || name.find('(', open + 2) < close) return;
  const std::string before = name.substr(0, open), inside = name.substr(open + 2, close - open - 2),
                    after = name.substr(close + 1);
  if (before.find(' ') != std::string::npos) emit(before + after);
  if (looks_like_abbreviation(inside)) emit(inside + after);
}

// An entry "X - Y" whose Y qualifies X in a word or two is said with the
// qualifier first: "Amputation - leg" is a leg amputation, "Blood pressure -
// low" low blood pressure, "Diabetes - type 2" type 2 diabetes. Not a title
// of several parts ("Parasites - Lice - Head Lice"), nor an activity
// ("Tracheostomy tube - eating"); `tail` is Y folded. Empty when none.
std::string qualifier_first(const std::string& name, std::string_view tail) {
  const auto dash = name.find(" - ");
  if (dash == std::string::npos || dash == 0 || name.find(" - ", dash + 3) != std::string::npos)
    return {};
  if (name.find_first_of(":(,") != std::string::npos) return {};
  if (tail.empty() || std::count(tail.begin(), tail.end(), ' ') > 1) return {};
  for (std::size_t at = 0; at <= tail.size();) {
    const auto end = std::min(tail.find(' ', at), tail.size());
    if (tail.substr(at, end - at).ends_with("ing")) return {};
    at = end + 1;
  }
  return name.substr(dash + 3) + " " + name.substr(0, dash);
}

// Names are sometimes page titles: "What I need to know about Hepatitis C",
// "Parasites - Lice - Head Lice", "Tuberculosis (TB)", "Pyelonephritis:
// Kidney Infection", "Meningitis and Encephalitis". Each part is an alias.
// `index_entry`: the name is another name an index gives the condition,
// not the title of an article about it (see the " - " case).
void aliases_of(const std::string& name, std::vector<std::string>& out, bool index_entry = false,
                int depth = 0) {
  if (depth > 3) return;
  auto emit = [&](std::string part) {
    while (!part.empty() && part.back() == ' ') part.pop_back();
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (part.size() < 3 || part == name) return;
    if (std::find(out.begin(), out.end(), part) != out.end()) return;
    out.push_back(part);
    aliases_of(part, out, index_entry, depth + 1);
  };
  const std::string lower = text::fold(name);
  for (std::string_view prefix : {"what i need to know about ", "what you need to know about ",
                                  "questions and answers about ", "about ", "living with ",
                                  "also known as ", "also called ", "or "}) {
    if (lower.starts_with(prefix) && lower.size() > prefix.size() + 2)
      emit(name.substr(prefix.size()));
  }
  // An index entry "X - Y" files the condition under a broader term X:
  // "Blood pressure - low" is low blood pressure, "Weight loss - burning
  // calories" an article about burning calories. X alone names it only when
  // what follows is a generic part of a title ("Shaking - self-care"), or
  // when "X - Y" is an article's own title ("Goiter - simple").
  if (auto dash = name.rfind(" - "); dash != std::string::npos) {
    const std::string tail = text::fold(name.substr(dash + 3));
    const bool generic_tail = generic_title_part(tail) || repeated_word_phrase(tail);
    // (Who it is about narrows it as any qualifier does: "Weight - loss -
    // children" is weight loss in children, not weight loss.)
    const bool population = tail == "children" || tail == "adults" || tail == "older adults" ||
                            tail == "in children" || tail == "in adults";
    if (!generic_tail) emit(name.substr(dash + 3));
    if (!generic_tail && !population)
      if (auto reordered = qualifier_first(name, tail); !reordered.empty()) emit(reordered);
    if (!index_entry || (generic_tail && !population)) emit(name.substr(0, dash));
  }
  if (auto colon = name.find(": "); colon != std::string::npos) {
    emit(name.substr(0, colon));
    if (!generic_title_part(name.substr(colon + 2))) emit(name.substr(colon + 2));
  }
  if (auto open = name.find(" ("); open != std::string::npos && name.back() == ')') {
    emit(name.substr(0, open));
    emit(name.substr(open + 2, name.size() - open - 3));
  }
  if (const auto arabic = with_arabic_numerals(name); !arabic.empty()) emit(arabic);
  if (const auto injury = with_injury_for_trauma(name); !injury.empty()) emit(injury);
  if (const auto words = with_number_words(name); !words.empty()) emit(words);
  emit_without_inner_parenthesis(name, emit);
  if (auto amp = lower.find(" and ");
      amp != std::string::npos && lower.find(',') == std::string::npos) {
    const std::string_view first(lower.data(), amp),
        rest(lower.data() + amp + 5, lower.size() - amp - 5);
    // An activity's two verbs share what follows: "Buying and caring for
    // baby bottles and nipples", "Lifting and bending the right way",
    // "Screening and diagnosis for HIV" are about doing something, and
    // "buying" (or "nipples") alone is no name of it.
    const bool shared_verbs = first.find(' ') == std::string_view::npos && first.size() > 5 &&
                              first.ends_with("ing") && rest.find(' ') != std::string_view::npos;
    if (!shared_verbs) {
      emit(name.substr(0, amp));
      emit(name.substr(amp + 5));
    }
  }
}

// A title "X and Y" whose part Y is a condition's own name (or synonym),
// and X none, is an article about how X bears on Y: "Cell phones and
// cancer", "Cancer and lymph nodes". X alone is no name of that article:
// someone who writes "call my cell phone" is not asking about cancer. A
// title whose parts name no condition ("Taste and Smell Disorders", "Pets
// and the immunocompromised person") keeps each part as an alias, and so
// does one whose parts both name conditions ("Meningitis and
// Encephalitis": an article about either, which may hold what the
// condition's own page does not). `titles` are the condition's names and
// aliases the part may come from; `names_a_condition` says whether a
// phrase (by condition_key) is some condition's name.
bool part_of_a_relation_title(const std::string& part, const std::vector<std::string>& titles,
                              const std::function<bool(const std::string&)>& names_a_condition) {
  const std::string p = text::fold(part);
  for (const auto& t : titles) {
    const std::string title = text::fold(t);
    const auto amp = title.find(" and ");
    if (amp == std::string::npos || title.find(" and ", amp + 5) != std::string::npos) continue;
    const std::string first = title.substr(0, amp), second = title.substr(amp + 5);
    if (first == p && !names_a_condition(first) && names_a_condition(second)) return true;
    if (second == p && !names_a_condition(second) && names_a_condition(first)) return true;
  }
  return false;
}

// The part after " - " of an index entry or title names the condition
// alone only when it is the condition's own: "Aortic valve surgery -
// minimally invasive", "Esophagectomy - minimally invasive", "Mitral valve
// surgery - minimally invasive" (and five more) share "minimally
// invasive"; "Biopsy - bone marrow", "Culture - bone marrow" and
// "Transplant - bone marrow" share "bone marrow". A part that three
// conditions or more give after " - " runs across the index as a kind of
// page (an approach, a sample, a task), and someone who asks whether a
// minimally invasive surgery is riskier, or about bone marrow cancer,
// names none of them. Two entries may be two things of one place ("Tumor -
// spinal cord", "Abscess - spinal cord"), which a message naming the place
// may ask about: they keep the part. A part that is some condition's own
// name or synonym is left to part_of_a_relation_title. `tails`: each
// folded part after " - " and the conditions whose names give it.
bool tail_of_several_titles(
    const std::string& alias,
    const std::unordered_map<std::string, std::unordered_set<std::size_t>>& tails,
    const std::function<bool(const std::string&)>& names_a_condition) {
  const auto it = tails.find(text::fold(alias));
  return it != tails.end() && it->second.size() >= 3 && !names_a_condition(alias);
}

// Some abbreviations are spelt with a small first letter and capitals after
// it ("hCG", the hormone; "mRNA", "eGFR", "cAMP"): written so, the letters
// are that abbreviation, not another that writes the same letters all in
// capitals ("HCG", a hypertrichosis). True when the word as `written`
// opens with a small letter followed by two capitals or more (and digits),
// and the abbreviation `name` is not written so.
bool spelt_as_another_abbreviation(std::string_view written, std::string_view name) {
  if (written.size() < 3 || !std::islower(static_cast<unsigned char>(written.front())))
    return false;
  std::size_t capitals = 0;
  for (unsigned char ch : written.substr(1)) {
    if (std::islower(ch)) return false;
    capitals += std::isupper(ch) ? 1 : 0;
  }
  return capitals >= 2 && written != name;
}

// Is the name read written with the very words the asker wrote (folded,
// punctuation aside), not only the same stems: "Central venous catheters"
// for "central venous catheters", not "Central venous catheter"?
bool named_as_written(const FocusMatch& m) {
  std::string words;
  for (unsigned char ch : text::fold(m.name)) {
    const char c = std::isalnum(ch) ? static_cast<char>(ch) : ' ';
    if (c != ' ' || (!words.empty() && words.back() != ' ')) words += c;
  }
  while (!words.empty() && words.back() == ' ') words.pop_back();
  return words == m.matched;
}

// Are two letters next to each other on a QWERTY keyboard (a letter hit
// for its neighbour: "amd" for "and")?
bool neighbouring_keys(char a, char b) {
  static constexpr std::array<std::string_view, 3> kRows = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
  auto at = [](char c) -> std::pair<int, int> {
    for (int r = 0; r < 3; ++r)
      if (const auto col = kRows[static_cast<std::size_t>(r)].find(c);
          col != std::string_view::npos)
        return {r, static_cast<int>(col)};
    return {-1, -1};
  };
  const auto [ra, ca] = at(a);
  const auto [rb, cb] = at(b);
  if (ra < 0 || rb < 0 || a == b) return false;
  // The rows are staggered: a key touches two of the row below it.
  if (ra == rb) return std::abs(ca - cb) == 1;
  if (std::abs(ra - rb) != 1) return false;
  const int upper = ra < rb ? ca : cb, lower = ra < rb ? cb : ca;
  return lower == upper || lower == upper - 1;
}

// Is `w` one slip (a letter changed for its neighbour on the keyboard,
// added, left out, or two swapped) from a function word of three letters
// or more, a stopword ("amd" for "and", "thes" for "the", "des" for
// "does")? Such a word is that word mistyped, not the abbreviation its
// letters spell (AMD, THES, DES), unless the writer wrote it in capitals
// (see entry_fits_span). Not any letter changed: "ibs" is no slip of
// "its", nor "cad" of "can".
bool slip_of_a_function_word(std::string_view w) {
  if (w.size() < 3 || w.size() > 7 || text::is_stopword(w)) return false;
  auto function_word = [](const std::string& v) { return v.size() >= 3 && text::is_stopword(v); };
  const std::string word(w);
  for (std::size_t i = 0; i < word.size(); ++i) {
    std::string v = word;
    v.erase(i, 1);  // a letter added
    if (function_word(v)) return true;
    if (i + 1 < word.size()) {  // two letters swapped
      v = word;
      std::swap(v[i], v[i + 1]);
      if (function_word(v)) return true;
    }
  }
  for (char c = 'a'; c <= 'z'; ++c)
    for (std::size_t i = 0; i <= word.size(); ++i) {
      std::string v = word;
      v.insert(i, 1, c);  // a letter left out
      if (function_word(v)) return true;
      if (i < word.size() && neighbouring_keys(word[i], c)) {  // a letter changed
        v = word;
        v[i] = c;
        if (function_word(v)) return true;
      }
    }
  return false;
}

// The shortest word corrected on its own (without a neighbour that makes
// a name of it).
constexpr std::size_t kShortestCorrected = 5;
// The shortest word corrected because a neighbour makes a name of it: the
// neighbour says which word was meant, so four letters are enough ("neck
// paim" is neck pain; "paim" alone is no word to guess from).
constexpr std::size_t kShortestCorrectedInName = 4;
// The shortest word corrected two edits away because a neighbour makes a
// name of it.
constexpr std::size_t kShortestTwoEditSlip = 5;
constexpr std::size_t kSureTwoEditSlip = 6;
// The shortest word corrected further than two edits, where the words on
// both sides leave one word of the names to put between them.
constexpr std::size_t kShortestBetweenSlip = 7;
// A clipped word keeps a syllable or two of the word ("hep", "chemo").
constexpr std::size_t kLongestClipped = 5;

// The adverbs that make a phrasal verb of the verb before them ("work
// out", "build up", "set off").
bool is_particle(std::string_view w) {
  for (std::string_view p : {"up", "out", "off", "down", "over", "back", "away", "in", "on"})
    if (w == p) return true;
  return false;
}

// How many stopwords a name has between its first and last word ("blood in
// the urine": 2).
std::size_t inner_stopwords(std::string_view name) {
  std::vector<std::string> words;
  std::string w;
  for (char ch : name) {
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '\'') {
      w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    } else if (!w.empty()) {
      words.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) words.push_back(std::move(w));
  std::size_t first = words.size(), last = 0, stop = 0;
  for (std::size_t i = 0; i < words.size(); ++i)
    if (!text::is_stopword(words[i])) {
      first = std::min(first, i);
      last = i;
    }
  for (std::size_t i = first; i < last; ++i) stop += text::is_stopword(words[i]) ? 1 : 0;
  return stop;
}

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Whether a name's first word is written as an abbreviation ("ML 2",
// "HTLV-1"): two or more capitals.
bool opens_with_abbreviation(std::string_view name) {
  const auto end = name.find_first_of(" -");
  return looks_like_abbreviation(name.substr(0, end));
}

// The bases a word may be an inflection of: itself, and without a plural,
// possessive, past or -ing ending ("cramps", "ally's", "vomited",
// "spotting" -> "spot", "overdosed" -> "overdose"), and the adjective of
// a state ("deafness" -> "deaf"). Other derived words are other words
// ("operator", "lactation").
std::vector<std::string> inflection_bases(std::string_view word) {
  std::vector<std::string> out = {std::string(word)};
  auto add = [&](std::string_view base) {
    if (base.size() >= 2) out.emplace_back(base);
  };
  if (word.ends_with("'s")) add(word.substr(0, word.size() - 2));
  if (word.ends_with("ies")) add(std::string(word.substr(0, word.size() - 3)) + "y");
  // "-es" is a plural ending after a hissing sound ("rashes", "boxes",
  // "viruses"); elsewhere the "e" is the word's own ("testes" is not
  // "tests", "stones" is "stone" + "s").
  if (word.ends_with("es") && word.size() > 3) {
    const std::string_view before = word.substr(0, word.size() - 2);
    if (before.ends_with("s") || before.ends_with("x") || before.ends_with("z") ||
        before.ends_with("ch") || before.ends_with("sh"))
      add(before);
  }
  if (word.ends_with("s") && !word.ends_with("ss")) add(word.substr(0, word.size() - 1));
  // The state an adjective names is the same word too ("deaf" /
  // "deafness", "dizzy" / "dizziness").
  if (word.ends_with("iness") && word.size() > 7)
    add(std::string(word.substr(0, word.size() - 5)) + "y");
  if (word.ends_with("ness") && word.size() > 6) add(word.substr(0, word.size() - 4));
  // ... and so is its "-ity" ("obese" / "obesity", "acid" / "acidity").
  if (word.ends_with("ity") && word.size() > 6) {
    add(word.substr(0, word.size() - 3));
    add(std::string(word.substr(0, word.size() - 3)) + "e");
  }
  for (std::string_view ending : {"ed", "ing"}) {
    if (!word.ends_with(ending) || word.size() < ending.size() + 3) continue;
    const std::string_view stem = word.substr(0, word.size() - ending.size());
    add(stem);
    add(std::string(stem) + "e");  // "overdosed"
    if (stem.size() >= 2 && stem.back() == stem[stem.size() - 2])
      add(stem.substr(0, stem.size() - 1));  // "spotting"
    if (ending == "ed" && stem.ends_with("i"))
      add(std::string(stem.substr(0, stem.size() - 1)) + "y");  // "carried"
  }
  return out;
}

// Does the word end as an adjective made of a noun does ("painful",
// "menopausal", "diabetic")?
bool adjective_ending(std::string_view word) {
  return word.size() > 5 && (word.ends_with("al") || word.ends_with("ful") || word.ends_with("ic"));
}

// Does the word end as an adjective that opens a name does ("hereditary",
// "progressive", "genetic", "congenital", "infectious")? Broader than
// adjective_ending: a name's qualifier, not only an adjective of a noun.
bool name_adjective_ending(std::string_view word) {
  if (word.size() < 6) return false;
  for (std::string_view ending : {"ive", "ary", "ic", "al", "ous"})
    if (word.ends_with(ending)) return true;
  return false;
}

// The words that put a finding in or at a part of the body: "in", "on",
// "of", and the prepositions of place around it ("sores around my
// genitals", "a lump under her arm", "pain behind my eye", "pain above my
// knee"): each says where the finding is, as "genital sores", "arm lump",
// "eye pain" say it.
bool place_in_a_body_part(std::string_view link) {
  for (std::string_view w : {"in", "of", "on", "around", "under", "behind", "above", "below"})
    if (link == w) return true;
  return false;
}

// A finding of a part of someone's body is said either way: "pain in my
// hip" is "hip pain", "infection in his testis" "testis infection", "a rash
// on her arm" "arm rash". For the head word at `h`, followed by "in", "on",
// "of" or another word of place (see place_in_a_body_part), a possessive
// ("my", "his", "her", "your", "their", "our") and one or two words, the
// keys (stems in the name's order) of the compound the phrase may be, each
// with the end of the words it takes: "M H", "M1 M2 H", and "M2 H" after a
// side ("pain in my left hip"). The possessive is what says the words after
// it are a part of the body: "water in the lung", "loss of blood",
// "cirrhosis of the liver" name no one's part and stay as written. Only a
// key that is a name is read; `stop` flags the stopwords among `terms`.
std::vector<std::pair<std::string, std::size_t>> reordered_compound_keys(
    const std::vector<text::Term>& terms, const std::vector<char>& stop, std::size_t h) {
  std::vector<std::pair<std::string, std::size_t>> out;
  const std::size_t n = terms.size();
  if (h + 2 >= n || stop[h]) return out;
  if (!place_in_a_body_part(terms[h + 1].surface)) return out;
  static constexpr std::string_view kPossessives[] = {"my", "his", "her", "your", "their", "our"};
  std::size_t k = h + 2;
  if (std::find(std::begin(kPossessives), std::end(kPossessives), terms[k].surface) ==
      std::end(kPossessives))
    return out;
  ++k;
  if (k < n && terms[k].surface == "one") ++k;  // "pain in my one hip"
  if (k >= n || stop[k]) return out;
  const std::string& head = terms[h].stem;
  // An adjective before another word is that word's: "problems of sexual
  // function" is no "sexual problem", "tumors on my spinal cord" no "spinal
  // tumor"; a noun ends what is taken ("pain on my stomach since 2014").
  if (k + 1 >= n || stop[k + 1] || !name_adjective_ending(terms[k].surface))
    out.emplace_back(terms[k].stem + " " + head, k + 1);
  if (k + 1 < n && !stop[k + 1]) {
    out.emplace_back(terms[k].stem + " " + terms[k + 1].stem + " " + head, k + 2);
    if (terms[k].surface == "left" || terms[k].surface == "right")
      out.emplace_back(terms[k + 1].stem + " " + head, k + 2);
  }
  return out;
}

// A sore part of the body is a pain of it: "sore stomach" is stomach pain,
// "sore eyes" eye pain, as the names say it. For "sore" at `h` followed by
// a word, the key (stems in the name's order) of that word's pain and the
// end of the words it takes; none when "sore" ends the words. A name said
// with "sore" itself ("sore throat") is read as written, before this.
std::vector<std::pair<std::string, std::size_t>> sore_part_keys(
    const std::vector<text::Term>& terms, const std::vector<char>& stop, std::size_t h) {
  std::vector<std::pair<std::string, std::size_t>> out;
  if (h + 1 >= terms.size() || terms[h].surface != "sore" || stop[h + 1]) return out;
  out.emplace_back(terms[h + 1].stem + " pain", h + 2);
  return out;
}

// A part of someone's body said to hurt is a pain of it: "my shoulder
// hurts", "my right shoulder is getting pain", "his knee is sore" are
// shoulder and knee pain, as the names say it. For the word at `h` after a
// possessive (and "left" or "right"), followed by "hurts", "aches", or "is"
// / "are" and "sore", "painful", "aching", "hurting" or "getting pain", the
// key of that word's pain and the end of the words it takes.
std::vector<std::pair<std::string, std::size_t>> part_said_to_hurt_keys(
    const std::vector<text::Term>& terms, const std::vector<char>& stop, std::size_t h) {
  std::vector<std::pair<std::string, std::size_t>> out;
  const std::size_t n = terms.size();
  if (h == 0 || h + 1 >= n || stop[h]) return out;
  static constexpr std::string_view kPossessives[] = {"my", "his", "her", "your", "their", "our"};
  auto possessive = [&](std::size_t k) {
    return std::find(std::begin(kPossessives), std::end(kPossessives), terms[k].surface) !=
           std::end(kPossessives);
  };
  const bool side = h >= 2 && (terms[h - 1].surface == "left" || terms[h - 1].surface == "right");
  if (!possessive(h - 1) && !(side && possessive(h - 2))) return out;
  auto in = [](const std::string& w, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), w) != words.end();
  };
  std::size_t e = 0;
  if (in(terms[h + 1].surface, {"hurts", "hurt", "hurting", "aches", "ache", "aching"})) {
    e = h + 2;
  } else if (h + 2 < n && in(terms[h + 1].surface, {"is", "are"})) {
    if (in(terms[h + 2].surface, {"sore", "painful", "aching", "hurting"}))
      e = h + 3;
    else if (h + 3 < n && terms[h + 2].surface == "getting" && terms[h + 3].surface == "pain")
      e = h + 4;
  }
  if (e != 0) out.emplace_back(terms[h].stem + " pain", e);
  return out;
}

// What a person does to themselves is what a name of "self-" and the
// deed calls it: "harming herself", "harm myself", "harmed himself" are
// self-harm, as the name "Self-harm" says it. For the word at `h` followed
// by a reflexive pronoun, the key of "self" and that word (the stems in the
// name's order) and the end of the words it takes; a condition so named
// is read only where the knowledge base names one so.
std::vector<std::pair<std::string, std::size_t>> done_to_oneself_keys(
    const std::vector<text::Term>& terms, const std::vector<char>& stop, std::size_t h,
    const std::string& self_stem) {
  std::vector<std::pair<std::string, std::size_t>> out;
  if (self_stem.empty() || h + 1 >= terms.size() || stop[h]) return out;
  if (!text::is_reflexive_pronoun(terms[h + 1].surface)) return out;
  out.emplace_back(self_stem + " " + terms[h].stem, h + 2);
  return out;
}

// A name of two words said the other way round, the two words next to
// each other in one phrase: "drop foot" is Foot Drop. For the word at `h`
// and the word right after it (both of three letters or more, no stopword,
// nothing but spaces between them as written in `question`), the key of
// the two in the other order and the end of the words it takes. Only a
// condition's own name is read so (see FocusDictionary::read).
std::vector<std::pair<std::string, std::size_t>> swapped_pair_keys(
    std::string_view question, const std::vector<text::Term>& terms, const std::vector<char>& stop,
    std::size_t h) {
  std::vector<std::pair<std::string, std::size_t>> out;
  if (h + 1 >= terms.size() || stop[h] || stop[h + 1]) return out;
  if (terms[h].surface.size() < 3 || terms[h + 1].surface.size() < 3) return out;
  const std::size_t from = terms[h].offset, to = terms[h + 1].offset;
  if (to <= from || to > question.size()) return out;
  // The first word as written, then only spaces: no full stop, comma,
  // dash or bracket between the two.
  std::size_t k = from;
  while (k < to && (std::isalnum(static_cast<unsigned char>(question[k])) || question[k] == '\'' ||
                    static_cast<unsigned char>(question[k]) >= 0x80))
    ++k;
  if (k == from) return out;
  for (; k < to; ++k)
    if (question[k] != ' ') return out;
  out.emplace_back(terms[h + 1].stem + " " + terms[h].stem, h + 2);
  return out;
}

// Is `word` the name's one word `name_word` or an inflection of the same
// word (either way round: "cramp" / "cramps", "vomit" / "vomiting")? The
// base they share must be one of the two or, given `english`, an English
// word: "testing" and "testes" both lose an ending to "teste", which is no
// word ("test" + "ing", "testis" in the plural).
bool same_word_inflected(std::string_view word, std::string_view name_word,
                         const std::function<bool(std::string_view)>& english = {}) {
  if (word == name_word) return true;
  const auto a = inflection_bases(word), b = inflection_bases(name_word);
  return std::any_of(a.begin(), a.end(), [&](const std::string& x) {
    return std::find(b.begin(), b.end(), x) != b.end() &&
           (x == word || x == name_word || !english || english(x));
  });
}

// Is the name's one word `name_word` another English word than the
// asker's `word`, though both stem alike? Either the name is the word with
// a derivational ending ("system" / "systemic", "later" / "lateral",
// "test" / "testes"), or the name is an inflammation ("-itis") and the
// asker's word is not ("vaginal" / "vaginitis", "pancreatic" /
// "pancreatitis"): the organ's adjective does not name its inflammation.
bool another_word_derived(std::string_view word, std::string_view name_word,
                          const std::function<bool(std::string_view)>& english = {}) {
  if (same_word_inflected(word, name_word, english)) return false;
  // The word, or a base it has lost an ending to ("tests", "testing" /
  // "testes").
  for (const std::string& w : inflection_bases(word))
    if (name_word.size() > w.size() && name_word.starts_with(w)) return true;
  return name_word.ends_with("itis") && !word.ends_with("itis");
}

}  // namespace

bool looks_like_abbreviation(std::string_view word) {
  int capitals = 0;
  for (unsigned char c : word) {
    if (!std::isalnum(c) && c != '-' && c != '/') return false;
    capitals += std::isupper(c) ? 1 : 0;
  }
  return capitals >= 2;
}

std::vector<std::pair<std::string, std::string>> built_in_abbreviations() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& row : embedded_table("src/qa/data/abbreviations.tsv"))
    if (row.size() >= 2) out.emplace_back(row[0], row[1]);
  return out;
}

// Names and questions are compared on their content words only, so "blood
// in the urine" meets "blood in your urine".
std::string FocusDictionary::key_of(const std::vector<text::Term>& terms, std::size_t b,
                                    std::size_t e) {
  std::string out;
  for (std::size_t i = b; i < e; ++i) {
    if (text::is_stopword(terms[i].surface)) continue;
    if (!out.empty()) out.push_back(' ');
    out += terms[i].stem;
  }
  return out;
}

// Only a word that is not English is corrected on its own ("wife" is not a
// slip for "life"), and in context too ("urinary track", "lower my blood
// pressure" are what the asker wrote, not "tract" or "Lowe"). A proper name
// of the word list counts as written when the asker capitalised it
// ("Kaiser", "Mongolia"); lower-case it may still be a slip ("brian").
bool FocusDictionary::may_correct(std::string_view question, const text::Term& term) const {
  if (stats_.english_word && stats_.english_word(term.surface)) return false;
  if (stats_.proper_name && stats_.proper_name(term.surface) && term.offset < question.size() &&
      std::isupper(static_cast<unsigned char>(question[term.offset])) &&
      std::tolower(static_cast<unsigned char>(question[term.offset])) ==
          static_cast<unsigned char>(term.surface.front()))
    return false;
  return true;
}

// People rarely mistype the first letter of a word; a "correction" that
// changes it is mostly another word ("falaria" is filarial, not malaria;
// "providone" is not primidone; "infact" not "infant" but "in fact"). One
// vowel for another is the exception: it is how a word sounds ("adema").
bool FocusDictionary::plausible_slip(std::string_view from, std::string_view to) {
  if (from.empty() || to.empty()) return false;
  auto vowel = [](char c) { return std::string_view("aeiou").find(c) != std::string_view::npos; };
  return from.front() == to.front() || (vowel(from.front()) && vowel(to.front()));
}

void FocusDictionary::add(const std::string& name, std::size_t condition, NameKind kind,
                          text::Analyzer& analyzer) {
  std::vector<text::Term> terms;
  for (auto& t : analyzer.terms(name))
    if (!text::is_stopword(t.surface)) terms.push_back(std::move(t));
  if (terms.empty()) return;
  // A word of letters and a number ("B12", "NF1", "GM1") is written apart
  // too ("vitamin b 12", "nf 1"): the name is found so as well, when the
  // letters are two or more or the name has other words to go with them.
  {
    auto joined = [](std::string_view w) {
      const auto digit = w.find_first_of("0123456789");
      return digit != std::string_view::npos && digit > 0 &&
             std::all_of(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(digit),
                         [](unsigned char ch) { return std::isalpha(ch); }) &&
             std::all_of(w.begin() + static_cast<std::ptrdiff_t>(digit), w.end(),
                         [](unsigned char ch) { return std::isdigit(ch); });
    };
    std::string apart;
    bool split = false;
    std::size_t from = 0;
    for (const auto& t : terms) {
      if (!joined(t.surface) || t.offset + t.surface.size() > name.size()) continue;
      const auto digit = t.surface.find_first_of("0123456789");
      if (digit < 2 && terms.size() < 2) continue;
      apart.append(name, from, t.offset + digit - from);
      apart.push_back(' ');
      from = t.offset + digit;
      split = true;
    }
    if (split) {
      apart.append(name, from, std::string::npos);
      add(apart, condition, kind, analyzer);
    }
  }
  // A single short word is no name to find in a question, and a common one
  // ("disease", "total") is only a name when it is the condition's own.
  if (terms.size() == 1 && terms.front().surface.size() < 2) return;
  if (terms.size() == 1 && kind != NameKind::name && kind != NameKind::abbreviation &&
      stats_.specificity && stats_.specificity(terms.front().stem) < 0.5)
    return;
  // An abbreviation that is also an ordinary word ("ALL", "SAD", "ChILD")
  // is only that condition when the asker writes it in capitals; one that
  // is not ("COPD", "GERD") is found in any case.
  const bool caps = terms.size() == 1 && looks_like_abbreviation(name);
  // An abbreviation spelt like an English word ("MED", "AIMS") is that word
  // unless written in capitals.
  const bool needs_capitals =
      caps && (terms.front().surface.size() <= 2 ||
               (stats_.english_word && stats_.english_word(terms.front().surface)) ||
               (stats_.mostly_lowercase ? stats_.mostly_lowercase(terms.front().surface)
                                        : stats_.known_word(terms.front().stem)));
  const std::string key = key_of(terms, 0, terms.size());
  auto& list = entries_[key];
  for (const auto& e : list)
    if (e.condition == condition) return;  // already reachable this way
  // Another name of several words that is an ordinary phrase, written
  // across the corpus about many other things ("weight loss", "side
  // effects", "blood pressure" given as synonyms), is only as good a name
  // as the phrase is specific: the condition's own name keeps full weight.
  float specific = 1.0f;
  // (A phrase with one specific word is specific: only the others are
  // counted.)
  if (terms.size() >= 2 && kind != NameKind::name && kind != NameKind::abbreviation &&
      stats_.phrase_specificity && stats_.specificity &&
      std::all_of(terms.begin(), terms.end(),
                  [&](const text::Term& t) { return stats_.specificity(t.stem) < 1.0; })) {
    auto stems = analyzer.stems(name);
    std::string phrase;
    for (const auto& st : stems) (phrase += st) += ' ';
    auto [it, fresh] = phrase_specific_.try_emplace(std::move(phrase), 1.0f);
    if (fresh) it->second = static_cast<float>(stats_.phrase_specificity(stems));
    specific = it->second;
  }
  list.push_back({static_cast<std::uint32_t>(condition), kind, needs_capitals, name,
                  caps ? terms.front().surface : std::string(),
                  terms.size() == 1 ? terms.front().surface : std::string(), specific});
  ++entry_count_;
  for (std::size_t p = key.find(' '); p != std::string::npos; p = key.find(' ', p + 1))
    prefixes_.insert(key.substr(0, p));
  if (terms.size() >= 2)
    for (const auto& t : terms) phrase_stems_.insert(t.stem);
  if (terms.size() == 2 || terms.size() == 3)
    for (std::size_t w = 0; w < terms.size(); ++w) {
      std::string pattern;
      for (std::size_t i = 0; i < terms.size(); ++i) {
        if (i) pattern.push_back(' ');
        pattern += i == w ? std::string("*") : terms[i].stem;
      }
      auto& words = wildcards_[std::move(pattern)];
      const auto& word = terms[w].surface;
      if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
      for (std::size_t len = 3; len <= kLongestClipped && len + 3 <= word.size(); ++len)
        clipped_words_.insert(word.substr(0, len));
    }
  max_words_ = std::max(max_words_, terms.size());
  // An abbreviation is matched by its letters as written: no misspelt word
  // is "corrected" into one ("sandoz" is not SANDO, "ihhs" not HHHS).
  if (caps) return;
  for (const auto& t : terms) {
    if (t.surface.size() < 4) continue;
    surface_stem_.emplace(t.surface, t.stem);
    auto& conds = word_conditions_[t.surface];
    if (conds.empty() || conds.back() != condition)
      conds.push_back(static_cast<std::uint32_t>(condition));
  }
}

// HPO's other names for the finding a condition is ("Itchy skin" for
// Itching) are the words people write for it, but they are many and loose
// ("Tiredness" is also a symptom of a hundred conditions). One becomes a
// route only where it is unambiguous: its words are no name, synonym,
// alias or abbreviation of any condition, no other condition is given the
// same words, and the condition holds answers (a route to "not covered"
// helps no one).
void FocusDictionary::add_phenotype_names(const Snapshot& snap, text::Analyzer& analyzer) {
  struct Claim {
    std::uint32_t condition;
    const std::string* name;
  };
  std::unordered_map<std::string, std::vector<Claim>> claims;  // key -> conditions
  const auto conditions = snap.conditions();
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    if (conditions[c].phenotype_names.empty()) continue;
    if (stats_.has_answers && !stats_.has_answers(c)) continue;
    for (const auto& n : conditions[c].phenotype_names) {
      std::vector<text::Term> terms;
      for (auto& t : analyzer.terms(n))
        if (!text::is_stopword(t.surface)) terms.push_back(std::move(t));
      if (terms.empty()) continue;
      // One word must be as specific as a title's one-word alias ("tired"
      // is said of everything).
      if (terms.size() == 1 && stats_.specificity && stats_.specificity(terms.front().stem) < 0.8)
        continue;
      std::string key = key_of(terms, 0, terms.size());
      if (entries_.contains(key)) continue;
      auto& list = claims[key];
      if (list.empty() || list.back().condition != c)
        list.push_back({static_cast<std::uint32_t>(c), &n});
    }
  }
  for (const auto& [key, list] : claims)
    if (list.size() == 1)
      add(*list.front().name, list.front().condition, NameKind::phenotype, analyzer);
}

// Where the text writes a name and then its letters in brackets, the
// letters are the name's abbreviation: "Interstitial lung disease (ILD)".
// The letters must be the initials of the name's words or letters of them
// in order, starting with the first word's first letter ("CPT" is not
// "Diabetes"), and an abbreviation the text gives to two different names
// is left out. Only names of two or more words are looked for, and only
// letters that are no name already; two letters are too few to tell a name
// from a unit or a word ("pH").
void FocusDictionary::add_defined_abbreviations(const Snapshot& snap, text::Analyzer& analyzer) {
  // Letters -> the key of the name they follow (empty once two disagree).
  std::unordered_map<std::string, std::string> defined;
  auto consider = [&](std::string_view text) {
    for (std::size_t open = text.find(" ("); open != std::string_view::npos;
         open = text.find(" (", open + 2)) {
      const std::size_t close = text.find(')', open + 2);
      if (close == std::string_view::npos || close - open - 2 < 3 || close - open - 2 > 8) continue;
      const std::string letters(text.substr(open + 2, close - open - 2));
      if (!looks_like_abbreviation(letters) ||
          !std::all_of(letters.begin(), letters.end(),
                       [](unsigned char c) { return std::isalnum(c); }))
        continue;
      std::string folded = text::fold(letters);
      if (entries_.contains(folded)) continue;
      // The words before the bracket, as far back as a name can reach.
      const std::size_t from = open > 120 ? open - 120 : 0;
      const auto terms = analyzer.terms(text.substr(from, open - from));
      std::vector<std::size_t> content;
      for (std::size_t k = 0; k < terms.size(); ++k)
        if (!text::is_stopword(terms[k].surface)) content.push_back(k);
      std::string found;
      for (std::size_t w = 2; w <= std::min(content.size(), max_words_) && found.empty(); ++w) {
        const std::size_t b = content[content.size() - w];
        const std::string key = key_of(terms, b, terms.size());
        if (!entries_.contains(key)) continue;
        // Its letters, in order, from the name's words' letters, the first
        // being the first word's first.
        std::string initials;
        for (std::size_t k = b; k < terms.size(); ++k) initials += terms[k].surface;
        if (initials.empty() || initials.front() != folded.front()) continue;
        std::size_t at = 0;
        for (char c : folded) {
          at = initials.find(c, at);
          if (at == std::string::npos) break;
          ++at;
        }
        if (at != std::string::npos) found = key;
      }
      if (found.empty()) continue;
      auto [it, fresh] = defined.emplace(std::move(folded), found);
      if (!fresh && it->second != found) it->second.clear();
    }
  };
  for (const auto& article : snap.articles()) {
    consider(article.introduction);
    for (const auto& section : article.sections) {
      consider(section.intro);
      for (const auto& item : section.items) consider(item.text);
    }
  }
  for (const auto& [letters, key] : defined) {
    if (key.empty()) continue;
    const auto it = entries_.find(key);
    if (it == entries_.end()) continue;
    std::vector<std::uint32_t> conditions;
    for (const auto& e : it->second)
      if (e.kind != NameKind::phenotype) conditions.push_back(e.condition);
    std::string upper = letters;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (auto c : conditions) add(upper, c, NameKind::abbreviation, analyzer);
  }
}

FocusDictionary::FocusDictionary(const Snapshot& snap, text::Analyzer& analyzer, CorpusStats stats)
    : stats_(std::move(stats)) {
  if (const auto self = analyzer.terms("self"); !self.empty()) self_stem_ = self.front().stem;
  const auto conditions = snap.conditions();
  std::unordered_map<std::string, std::size_t> by_key;  // condition_key -> condition
  // Every condition's own names and synonyms, to tell a title that relates
  // two conditions (see part_of_a_relation_title).
  std::unordered_set<std::string> condition_names;
  // Each condition's names, for the names with another generic head (below).
  std::vector<std::pair<std::string, std::size_t>> other_head_names;
  for (const auto& cond : conditions) {
    condition_names.insert(condition_key(cond.name));
    for (const auto& s : cond.synonyms) condition_names.insert(condition_key(s));
  }
  const std::function<bool(const std::string&)> names_a_condition = [&](const std::string& phrase) {
    return condition_names.count(condition_key(phrase)) > 0;
  };
  // The parts after " - " of the index entries and titles of every
  // condition, with how many conditions give each (see
  // tail_of_several_titles).
  std::unordered_map<std::string, std::unordered_set<std::size_t>> title_tails;
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    auto add_tails = [&](const std::string& n) {
      for (auto dash = n.find(" - "); dash != std::string::npos; dash = n.find(" - ", dash + 3)) {
        const auto next = n.find(" - ", dash + 3);
        title_tails[text::fold(n.substr(
                        dash + 3, next == std::string::npos ? std::string::npos : next - dash - 3))]
            .insert(c);
      }
    };
    add_tails(conditions[c].name);
    for (const auto& s : conditions[c].synonyms) add_tails(s);
  }
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    const auto& cond = conditions[c];
    by_key.emplace(condition_key(cond.name), c);
    if (cond.kind == "drug")
      if (const auto words = analyzer.terms(cond.name); words.size() == 1)
        drug_stems_.insert(words.front().stem);
    // A page titled only with what titles add to a name ("Resources", a
    // page of addresses) is about no condition: its title names none.
    // (Written in capitals it is an abbreviation: "TIPS".)
    if (generic_title_part(text::fold(cond.name)) && !looks_like_abbreviation(cond.name)) continue;
    add(cond.name, c, NameKind::name, analyzer);
    for (const auto& s : cond.synonyms) {
      by_key.emplace(condition_key(s), c);
      add(s, c, NameKind::synonym, analyzer);
    }
    std::vector<std::string> names = {cond.name};
    names.insert(names.end(), cond.synonyms.begin(), cond.synonyms.end());
    std::vector<std::string> aliases;
    for (const auto& n : names) {
      const bool title = n == cond.name ||
                         std::any_of(cond.articles.begin(), cond.articles.end(),
                                     [&](std::size_t a) { return snap.articles()[a].title == n; });
      aliases_of(n, aliases, !title);
    }
    names.insert(names.end(), aliases.begin(), aliases.end());
    for (const auto& n : names) other_head_names.emplace_back(n, c);
    for (const auto& a : aliases) {
      if (part_of_a_relation_title(a, names, names_a_condition)) continue;
      if (tail_of_several_titles(a, title_tails, names_a_condition)) continue;
      // A one-word alias must be a specific word: "Spinal and bulbar
      // muscular atrophy" does not make "spinal" a name.
      const auto words = analyzer.terms(a);
      if (words.size() == 1 && stats_.specificity && stats_.specificity(words.front().stem) < 0.8)
        continue;
      // Nor is an ordinary English word written in lower case in a title
      // ("Asthma and school", "Your baby and the flu"): a name in such a
      // title is capitalised or not an English word. The capital that opens
      // the title is the sentence's, not the word's ("Your baby" is the
      // word "baby").
      // Numbers do not make a name either ("Developmental milestones record
      // - 2 years" gives no alias "2 years").
      std::vector<const text::Term*> content;
      for (const auto& w : words)
        if (!text::is_stopword(w.surface) &&
            !std::all_of(w.surface.begin(), w.surface.end(),
                         [](unsigned char ch) { return std::isdigit(ch); }))
          content.push_back(&w);
      if (content.empty()) continue;
      if (content.size() == 1 && stats_.english_word &&
          stats_.english_word(content.front()->surface)) {
        const auto at = content.front()->offset;
        const bool written_as_word =
            at < a.size() && std::tolower(static_cast<unsigned char>(a[at])) ==
                                 static_cast<unsigned char>(content.front()->surface.front());
        const bool capitalised =
            written_as_word ? std::isupper(static_cast<unsigned char>(a[at])) != 0
                            : std::any_of(a.begin(), a.end(),
                                          [](unsigned char ch) { return std::isupper(ch); });
        if (!capitalised) continue;
      }
      add(a, c, NameKind::alias, analyzer);
    }
    for (const auto& n : names) {
      // "Parkinson's disease" -> "Parkinson's"; "Lyme disease" -> "Lyme".
      const auto terms = analyzer.terms(n);
      if (terms.size() < 2 || terms.size() > 4) continue;
      const auto& head = terms.back().surface;
      // Any other head may be left out of a name of two words too, when its
      // first word is an eponym, no English word, nearly always followed by
      // the head ("Friedreich ataxia" -> "Friedreich's").
      const bool known_head =
          std::find(std::begin(kHeads), std::end(kHeads), head) != std::end(kHeads);
      if (!known_head && (terms.size() != 2 || !stats_.english_word)) continue;
      const auto& first = terms[terms.size() - 2];
      // "Still's disease" gives no alias "Still's": without its head the
      // eponym is an ordinary word ("still", "pick") in most questions.
      if (terms.size() == 2 && stats_.english_word) {
        std::string bare = first.surface;
        if (bare.ends_with("'s")) bare.resize(bare.size() - 2);
        while (!bare.empty() && bare.back() == '\'') bare.pop_back();
        if (stats_.english_word(bare)) continue;
      }
      const bool possessive = n.find('\'') != std::string::npos;
      if (!known_head &&
          (first.surface.size() < 3 ||
           !std::all_of(first.surface.begin(), first.surface.end(),
                        [](unsigned char ch) { return std::isalpha(ch) || ch == '\''; }) ||
           !(stats_.follows && stats_.follows(first.stem, terms.back().stem))))
        continue;
      // Eponyms of several people ("Wolff-Parkinson-White syndrome",
      // "Guillain-Barre syndrome") are the name without its head as well:
      // two or more names of people, the first no English word, mean
      // nothing else ("Wolff Parkinson White" with a slow heart rate).
      const bool eponyms =
          known_head && terms.size() >= 3 && stats_.english_word &&
          !stats_.english_word(terms.front().surface) &&
          std::all_of(terms.begin(), terms.end() - 1, [](const text::Term& t) {
            return t.surface.size() >= 3 &&
                   std::all_of(t.surface.begin(), t.surface.end(),
                               [](unsigned char ch) { return std::isalpha(ch) || ch == '\''; });
          });
      if (possessive || eponyms ||
          (stats_.follows && stats_.follows(first.stem, terms.back().stem)))
        add(text::fold(n).substr(0, terms.back().offset), c, NameKind::alias, analyzer);
    }
  }
  // "heart problems", "kidney problems", "digestive disorders": a lay name
  // of a group of conditions that the knowledge base titles with another
  // of the generic heads ("Heart Diseases", "Digestive Diseases"). The three
  // heads say the same of what comes before them, so the name is found with
  // any of them; not where the words with that head already name something
  // ("Balance problems" is its own entry).
  struct OtherHead {
    std::string alias;
    std::size_t condition;
    float specific;
  };
  std::vector<OtherHead> other_heads;
  for (const auto& [n, c] : other_head_names) {
    if (n.find(" - ") != std::string::npos || n.find(',') != std::string::npos) continue;
    const auto terms = analyzer.terms(n);
    if (terms.size() < 2 || terms.size() > 4) continue;
    const auto& head = terms.back().surface;
    if (std::find(std::begin(kGroupHeads), std::end(kGroupHeads), head) == std::end(kGroupHeads))
      continue;
    const std::string before = text::fold(n).substr(0, terms.back().offset);
    for (std::string_view other : kGroupHeads) {
      if (analyzer.terms(other).front().stem == terms.back().stem) continue;
      std::string alias = before;
      alias.append(other);
      auto alias_terms = analyzer.terms(alias);
      std::erase_if(alias_terms, [](const text::Term& t) { return text::is_stopword(t.surface); });
      if (alias_terms.empty()) continue;
      const auto key = key_of(alias_terms, 0, alias_terms.size());
      const auto it = entries_.find(key);
      if (it != entries_.end() && std::any_of(it->second.begin(), it->second.end(),
                                              [&](const Entry& e) { return e.condition != c; }))
        continue;
      // The name as the knowledge base writes it says how broad the group
      // is: one its text names everywhere ("genetic disorders", "mental
      // disorders") is a word of the story more often than what is asked,
      // and the name with a lay head is only as good a name as that.
      float specific = 1.0f;
      if (stats_.phrase_specificity)
        specific = static_cast<float>(stats_.phrase_specificity(analyzer.stems(n)));
      other_heads.push_back({std::move(alias), c, specific});
    }
  }
  // (Added once all are known, so that which condition comes first does
  // not decide which of two gets the name.)
  for (const auto& h : other_heads) {
    add(h.alias, h.condition, NameKind::alias, analyzer);
    other_head_names_.insert(h.alias);
    auto alias_terms = analyzer.terms(h.alias);
    std::erase_if(alias_terms, [](const text::Term& t) { return text::is_stopword(t.surface); });
    for (auto& e : entries_[key_of(alias_terms, 0, alias_terms.size())])
      if (e.condition == h.condition && e.name == h.alias)
        e.specific = std::min(e.specific, h.specific);
  }
  // Abbreviations and lay names, attached only to conditions that exist.
  for (const auto& [abbreviation, expansion] : built_in_abbreviations()) {
    auto it = by_key.find(condition_key(expansion));
    if (it != by_key.end()) add(abbreviation, it->second, NameKind::abbreviation, analyzer);
  }
  add_defined_abbreviations(snap, analyzer);
  add_phenotype_names(snap, analyzer);
  build_speller();
  phrase_specific_.clear();
}

// The speller corrects toward the words of the names. The names have slips
// of their own ("STAR deficency" in one synonym, where "deficiency" is in
// dozens of names): a word met in one name only, that is no English word and
// one edit from a word met in many names, is that word misspelt. It is no
// target of a correction ("defiency" is "deficiency", not "deficency"); as
// written it still reads its name.
void FocusDictionary::build_speller() {
  constexpr std::uint32_t kCommonWord = 10;  // names a word is met in, to be the right spelling
  text::FuzzyIndex all;
  for (const auto& [surface, conds] : word_conditions_)
    all.add(surface, static_cast<std::uint32_t>(conds.size()));
  all.finish();
  for (const auto& [surface, conds] : word_conditions_) {
    if (conds.size() == 1 && !(stats_.english_word && stats_.english_word(surface))) {
      const auto near = all.neighbours(surface, 3);
      if (std::any_of(near.begin(), near.end(), [](const text::FuzzyIndex::Match& m) {
            return m.distance == 1 && m.weight >= kCommonWord;
          }))
        continue;
    }
    fuzzy_.add(surface, static_cast<std::uint32_t>(conds.size()));
  }
  fuzzy_.finish();
}

namespace {

// Does word k open a sentence (nothing but spaces or quotes between it and
// the start, a line break or a sentence's end)?
bool opens_sentence(std::string_view question, const std::vector<text::Term>& terms,
                    std::size_t k) {
  std::size_t i = std::min(terms[k].offset, question.size());
  while (i > 0 && (question[i - 1] == ' ' || question[i - 1] == '"' || question[i - 1] == '\''))
    --i;
  return i == 0 || std::string_view(".!?\n\r:;").find(question[i - 1]) != std::string_view::npos;
}

}  // namespace

// A message written all in capitals says nothing by its capitals (see
// read()), nor does a stretch of one written in capitals ("OUT OF A PLACE
// THAT GAVE HIM MEDACATION,THES ARE THE MEDS"): there the capitals are the
// writer's, not an abbreviation's, and "THES" is "these" mistyped as much
// as "thes" would be (see slip_of_a_function_word). A stretch
// is four words or more in capitals in a row (numbers neither count nor
// break it), two of them English words: a list of abbreviations ("HIV,
// HCV, HBV") is no sentence.
void FocusDictionary::forget_capitals_of_stretches_in_capitals(
    const std::vector<text::Term>& terms, std::vector<bool>& capitalised) const {
  if (!stats_.english_word) return;
  const std::size_t n = terms.size();
  std::size_t k = 0;
  while (k < n) {
    if (!capitalised[k]) {
      ++k;
      continue;
    }
    std::size_t e = k, words = 0, english = 0;
    for (; e < n; ++e) {
      if (all_digits(terms[e].surface)) continue;
      if (!capitalised[e]) break;
      ++words;
      english += stats_.english_word(terms[e].surface) ? 1 : 0;
    }
    if (words >= 4 && english >= 2)
      for (std::size_t j = k; j < e; ++j) capitalised[j] = false;
    k = e;
  }
}

// An English word, or an inflection of one: the word list holds many
// plurals only in the singular ("adhesions", "cramps").
bool FocusDictionary::english_inflected(std::string_view w) const {
  if (!stats_.english_word) return false;
  if (stats_.english_word(w)) return true;  // the usual case, without the bases
  for (const auto& base : inflection_bases(w))
    if (stats_.english_word(base)) return true;
  return false;
}

// Whether an entry whose key the span [b, e) spells (`words` content words)
// is a reading of it. The key compares stems of content words only, so an
// ordinary word that stems like a name, capitals that are a postal code or a
// greeting, a unit after a number, words the name does not put between its
// own... are told apart here, one rule at a time. `reordered` for a name read
// from its words in another order ("pain in my hip", see
// reordered_compound_keys), whose words in between are not the name's.
bool FocusDictionary::entry_fits_span(const Entry& entry, const SpanContext& q, std::size_t b,
                                      std::size_t e, std::size_t words, bool reordered) const {
  const auto& terms = q.terms;
  const std::size_t n = terms.size();
  if (entry.needs_capitals && !q.capitalised[b]) return false;
  // Capitals alone do not make a short or English-looking abbreviation
  // ("MA", "HI") a name: before a number of three or more digits it is
  // a postal code or a state ("MA 02115"; "DM 2" keeps its type), and
  // opening a sentence as a greeting it is the greeting ("HI, my son").
  if (entry.needs_capitals) {
    if (b + 1 < n && terms[b + 1].surface.size() >= 3 && all_digits(terms[b + 1].surface))
      return false;
    if (opens_sentence(q.question, terms, b) && opens_formality(terms[b].surface)) return false;
  }
  // A possessive pronoun opens no name but its own: "her disease" is
  // not "Hers disease", whose first word only stems alike.
  if ((terms[b].surface == "her" || terms[b].surface == "his") &&
      !text::fold(entry.name).starts_with(terms[b].surface + " "))
    return false;
  // A one-word English synonym (or alias, or HPO name) is met by its
  // own word or an inflection of it, not by another English word that
  // stems alike ("operator" for "Operation", "lactate" for
  // "Lactation"); a misspelling of it is still it ("flatulance").
  // So is a one-word name, except by its adjective ("painful" for
  // Pain, "menopausal" for Menopause, "diabetic" for Diabetes).
  if (words == 1 && entry.kind != NameKind::abbreviation && !entry.word.empty() &&
      stats_.english_word && english_inflected(entry.word) && english_inflected(terms[b].surface) &&
      !same_word_inflected(terms[b].surface, entry.word) &&
      (entry.kind != NameKind::name || !adjective_ending(terms[b].surface)))
    return false;
  // Whatever its kind, a one-word name is not met by an English word
  // it merely derives from or resembles ("tests" is not "Testes",
  // "system" not "Systemic"); a misspelling of it is still it.
  if (words == 1 && entry.kind != NameKind::abbreviation && !entry.word.empty() &&
      !q.corrected[b] && stats_.english_word && english_inflected(terms[b].surface) &&
      another_word_derived(terms[b].surface, entry.word, stats_.english_word))
    return false;
  // A synonym of one word written with "the" ("The runs", "The
  // clap") is an idiom: the bare word is the word ("run back to").
  if (words == 1 && entry.kind == NameKind::synonym && entry.name.size() > 4 &&
      text::fold(entry.name.substr(0, 4)) == "the " && (b == 0 || terms[b - 1].surface != "the"))
    return false;
  // Another name of one word followed by "who" names people, not what
  // is asked about: "physician(s) who specialize in it" asks for
  // doctors, it is no question about the profession's page.
  if (words == 1 && entry.kind != NameKind::name && entry.kind != NameKind::abbreviation) {
    std::size_t after = e;
    if (after < n && terms[after].surface == "s") ++after;  // "physician(s)"
    if (after < n && terms[after].surface == "who") return false;
  }
  // After a number an abbreviation is a unit: "0.05 MG", "10 ML", and
  // so is the first word of a name that opens with one ("10 ml (2
  // tsp)" is not "ML 2").
  const bool after_number = b > 0 && all_digits(terms[b - 1].surface);
  if (after_number && words > 1 && opens_with_abbreviation(entry.name)) return false;
  if (!entry.letters.empty()) {
    if (after_number) return false;
    // A function word mistyped is that word, unless written in capitals.
    if (!q.capitalised[b] && slip_of_a_function_word(terms[b].surface)) return false;
    // After a drug's name the letters are its form: "Mefloquine HCl",
    // "fluoxetine hcl" (the salt), not Hairy cell leukemia.
    if (b > 0 && !q.stop[b - 1] && drug_stems_.count(terms[b - 1].stem)) return false;
    const std::string_view w = terms[b].surface;
    // "hCG" is not HCG (see spelt_as_another_abbreviation).
    if (b < q.written.size() && spelt_as_another_abbreviation(q.written[b], entry.name))
      return false;
    // "COPD", "COPD's", and a plural unless that is a word ("meds").
    const bool same = w.starts_with(entry.letters) &&
                      (w.size() == entry.letters.size() || w.substr(entry.letters.size()) == "'s" ||
                       (w.substr(entry.letters.size()) == "s" &&
                        !(stats_.english_word && stats_.english_word(w))));
    if (!same) return false;
  }
  // Names are compared on their content words, so "blood in your urine"
  // meets "blood in the urine"; but words the name does not put between
  // its own are a sentence, not the name ("best with a disease" is not
  // "Best disease").
  std::size_t gap = 0;
  for (std::size_t k = b + 1; k + 1 < e; ++k) gap += q.stop[k] ? 1 : 0;
  if (!reordered && gap > inner_stopwords(entry.name) + 1) return false;
  return true;
}

// The reading of span [b, e) as the entry names it, and how strong it is:
// the kind of name, how specific, how long, whether corrected, whether it
// swallows a word that asks, where in the message it stands. Kept apart from
// entry_fits_span: whether a span names a condition and how much that
// reading counts are separate questions.
FocusMatch FocusDictionary::scored_reading(const Entry& entry, const SpanContext& q, std::size_t b,
                                           std::size_t e, std::size_t words, bool answered) const {
  const auto& terms = q.terms;
  bool any_corrected = false;
  for (std::size_t k = b; k < e; ++k) any_corrected = any_corrected || q.corrected[k];
  const double kind = entry.kind == NameKind::name           ? 1.0
                      : entry.kind == NameKind::synonym      ? 0.95
                      : entry.kind == NameKind::abbreviation ? 0.9
                                                             : 0.85;
  // A one-word match is only as good as the word is specific.
  // So is another name of several words as a phrase (see add()).
  const double specific = words == 1 && entry.kind != NameKind::abbreviation && stats_.specificity
                              ? stats_.specificity(terms[b].stem)
                              : static_cast<double>(entry.specific);
  FocusMatch m;
  m.condition = entry.condition;
  m.begin = b;
  m.end = e;
  m.kind = entry.kind;
  m.name = entry.name;
  m.corrected = any_corrected;
  for (std::size_t k = b; k < e; ++k) {
    if (q.joined_to_previous[k]) continue;
    if (!m.matched.empty()) m.matched.push_back(' ');
    m.matched += terms[k].surface;
  }
  // Longer matches are more specific; corrections cost a little; the
  // weight (answers held) breaks ties between equal names. The bonus a
  // word more earns is half a word's worth: enough for "cerebral
  // aneurysm" over the "aneurysm" it holds, not so much that any name
  // of two words elsewhere outranks the condition the message is about
  // ("heart attack" feared in a question about anxiety).
  bool swallows_cue = false;
  // (An adjective the name goes on from is the name's, not a cue:
  // "hereditary angioedema", "progressive supranuclear palsy".)
  for (std::size_t k = b; k < e && k < q.cue_tokens.size(); ++k)
    swallows_cue = swallows_cue ||
                   (q.cue_tokens[k] && !(k + 1 < e && name_adjective_ending(terms[k].surface)));
  double place = q.token_weight.empty() ? 1.0 : 0.0;
  for (std::size_t k = b; k < e && k < q.token_weight.size(); ++k)
    place = std::max(place, q.token_weight[k]);
  m.score = place *
            (kind * specific * (1.0 + 0.5 * static_cast<double>(words - 1)) *
                 (any_corrected ? 0.9 : 1.0) * (swallows_cue ? 0.3 : 1.0) * (answered ? 1.0 : 0.7) +
             0.01 * std::log1p(stats_.weight ? stats_.weight(entry.condition) : 0.0));
  return m;
}

// Adds the readings of span [b, e) (`words` content words) as each entry of
// `list` names it, with whether each reading's condition holds answers. One
// function for the spans as written and the reordered ones alike, so that
// both are read by the same rules.
void FocusDictionary::read_span(const SpanContext& q, std::size_t b, std::size_t e,
                                std::size_t words, const std::vector<Entry>& list, bool reordered,
                                std::vector<FocusMatch>& candidates,
                                std::vector<bool>& answered_candidate) const {
  for (const auto& entry : list) {
    if (!entry_fits_span(entry, q, b, e, words, reordered)) continue;
    // A name made with another generic head is a guess at the group meant;
    // the words in another order ("a problem on my penis") say where a
    // finding is, not which group.
    if (entry.kind == NameKind::alias && e >= b + 2 && other_head_names_.count(entry.name)) {
      if (reordered) continue;
      // Nor is a head across a full stop or a comma a head ("irregular
      // bowl movements. problems in bathroom"): only spaces between it and
      // the word it is said of.
      std::size_t k = q.terms[e - 2].offset;
      while (k < q.question.size() && k < q.terms[e - 1].offset &&
             (std::isalnum(static_cast<unsigned char>(q.question[k])) || q.question[k] == '\'' ||
              static_cast<unsigned char>(q.question[k]) >= 0x80))
        ++k;
      bool apart = false;
      for (; k < q.terms[e - 1].offset && k < q.question.size(); ++k)
        apart = apart || !std::isspace(static_cast<unsigned char>(q.question[k]));
      if (apart) continue;
    }
    const bool answered = !stats_.has_answers || stats_.has_answers(entry.condition);
    candidates.push_back(scored_reading(entry, q, b, e, words, answered));
    answered_candidate.push_back(answered);
  }
}

FocusDictionary::Reading FocusDictionary::read(std::string_view question, text::Analyzer& analyzer,
                                               const std::vector<bool>& cue_tokens,
                                               const std::vector<double>& token_weight) const {
  Reading r;
  r.terms = analyzer.terms(question);
  const std::size_t n = r.terms.size();
  // Each word's stopword test, made once: the spans tried below ask it of
  // the same words again and again (kept up to date by correct()).
  std::vector<char> stop(n);
  for (std::size_t k = 0; k < n; ++k) stop[k] = text::is_stopword(r.terms[k].surface) ? 1 : 0;
  // key_of(r.terms, b, e), from the flags above and into a reused buffer.
  std::string key_buffer;
  auto key_at = [&](std::size_t b, std::size_t e) -> const std::string& {
    key_buffer.clear();
    for (std::size_t i = b; i < e; ++i) {
      if (stop[i]) continue;
      if (!key_buffer.empty()) key_buffer.push_back(' ');
      key_buffer += r.terms[i].stem;
    }
    return key_buffer;
  };
  // Which words the asker wrote in capitals ("ALL" the leukemia, not "all").
  // The k-th run of letters and digits in the original is the k-th term.
  std::vector<bool> capitalised(n, false);
  std::vector<std::string_view> written(n);  // each word as written
  {
    std::size_t i = 0;
    auto is_word = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
    for (std::size_t k = 0; k < n; ++k) {
      while (i < question.size() && !is_word(static_cast<unsigned char>(question[i]))) ++i;
      const std::size_t start = i;
      while (i < question.size() && (is_word(static_cast<unsigned char>(question[i])) ||
                                     (question[i] == '\'' && i + 1 < question.size() &&
                                      is_word(static_cast<unsigned char>(question[i + 1])))))
        ++i;
      written[k] = question.substr(start, i - start);
      capitalised[k] = all_caps_word(written[k]);
    }
    // A message written all in capitals says nothing by its capitals: "FIVE"
    // there is the number, not an abbreviation.
    std::size_t upper = 0, lower = 0;
    for (unsigned char c : question) {
      upper += std::isupper(c) ? 1 : 0;
      lower += std::islower(c) ? 1 : 0;
    }
    if (upper > 20 && upper > 2 * lower) capitalised.assign(n, false);
    forget_capitals_of_stretches_in_capitals(r.terms, capitalised);
  }
  std::vector<bool> corrected(n, false);
  auto correct = [&](std::size_t k, const std::string& to) {
    auto st = surface_stem_.find(to);
    if (st == surface_stem_.end()) return;
    r.corrections.push_back({k, r.terms[k].surface, to});
    r.terms[k].surface = to;
    r.terms[k].stem = st->second;
    stop[k] = text::is_stopword(to) ? 1 : 0;
    corrected[k] = true;
  };
  // A real word can still be a slip when a neighbour turns it into a name
  // ("multiple sclerosus" -> "multiple sclerosis"), unless the word already
  // takes part in a name as written ("spina bifida").
  auto in_name_as_written = [&](std::size_t k) {
    for (std::size_t b = k >= 3 ? k - 3 : 0; b <= k; ++b)
      for (std::size_t e = k + 1; e <= std::min(n, k + 4); ++e) {
        const std::string& key = key_at(b, e);
        if (key.find(' ') != std::string::npos && entries_.count(key)) return true;
      }
    return false;
  };
  // Is this key a condition's own name (not a synonym or an alias)?
  auto own_name = [&](const std::string& key) {
    const auto it = entries_.find(key);
    return it != entries_.end() &&
           std::any_of(it->second.begin(), it->second.end(),
                       [](const Entry& x) { return x.kind == NameKind::name; });
  };
  std::vector<bool> joined_to_previous(n, false);
  // A compound the asker writes as two words ("chicken pox", "second hand
  // smoke", "heart burn") is the names' one word: the two are read as it
  // when their joined spelling is a word of the names and neither is a
  // stopword (the conditions below say which names it may lead to).
  for (std::size_t k = 0; k + 1 < n; ++k) {
    if (stop[k] || stop[k + 1]) continue;
    const auto& first = r.terms[k].surface;
    const auto& second = r.terms[k + 1].surface;
    if (first.size() < 2 || second.size() < 2) continue;
    // Written apart by one space or hyphen only.
    const std::size_t gap_at = r.terms[k].offset + first.size();
    if (r.terms[k + 1].offset != gap_at + 1 || gap_at >= question.size() ||
        (question[gap_at] != ' ' && question[gap_at] != '-'))
      continue;
    // A verb and its particle are the verb ("work out", "build up"): the
    // noun is written as one word.
    if (is_particle(second)) continue;
    const auto st = surface_stem_.find(first + second);
    if (st == surface_stem_.end()) continue;
    // The joined word is a condition's own name, alone or with the words
    // after it ("second hand smoke"): a guess leads to the surest kind of
    // name only, not to a loose synonym ("new born" is no Neonate). Nor does
    // either word as written take part in a name of several words
    // ("blocked ear drum" keeps "blocked ear").
    bool names = own_name(st->second);
    std::string key = st->second;
    for (std::size_t j = k + 2, more = 0; j < n && more < 2 && !names; ++j) {
      if (stop[j]) continue;
      (key += ' ') += r.terms[j].stem;
      ++more;
      names = own_name(key);
    }
    if (!names || in_name_as_written(k) || in_name_as_written(k + 1)) continue;
    r.corrections.push_back({k, first + " " + second, st->first});
    r.terms[k].surface = st->first;
    r.terms[k].stem = st->second;
    stop[k] = text::is_stopword(st->first) ? 1 : 0;
    stop[k + 1] = 1;  // read with the word before it
    joined_to_previous[k + 1] = true;
    corrected[k] = corrected[k + 1] = true;
    ++k;
  }
  // Words that are neither part of any name nor ordinary vocabulary are
  // misspellings: correct them against the names' vocabulary.
  for (std::size_t k = 0; k < n; ++k) {
    const auto& t = r.terms[k];
    if (t.surface.size() < 4 || stop[k] || surface_stem_.count(t.surface)) continue;
    if (entries_.count(t.stem) || (stats_.known_word && stats_.known_word(t.stem))) continue;
    if (!may_correct(question, t)) continue;
    // Four letters are too few to guess from ("mito" is not "mite", "pott"
    // not "post", "quot" of "&quot;" not "quit").
    if (t.surface.size() < kShortestCorrected) continue;
    const auto found = fuzzy_.lookup(t.surface, 3);
    for (const auto& cand : found)
      if (plausible_slip(t.surface, cand.word)) {
        correct(k, cand.word);
        break;
      }
  }
  // Could some name of two or three words have this word's place, given
  // its neighbours? Checked on patterns before any costly neighbour search.
  // Calls `fn` with each pattern that fits, until it returns true.
  auto each_pattern = [&](std::size_t k, auto&& fn) {
    std::vector<std::size_t> content;  // content-word positions around k
    for (std::size_t j = k >= 4 ? k - 4 : 0; j < std::min(n, k + 5); ++j)
      if (!stop[j]) content.push_back(j);
    const auto at = std::find(content.begin(), content.end(), k) - content.begin();
    for (std::ptrdiff_t b = std::max<std::ptrdiff_t>(0, at - 2); b <= at; ++b)
      for (std::ptrdiff_t e = at + 1;
           e <= std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(content.size()), b + 3); ++e) {
        if (e - b < 2) continue;
        std::string pattern;
        for (auto i = b; i < e; ++i) {
          if (i > b) pattern.push_back(' ');
          pattern +=
              i == at ? std::string("*") : r.terms[content[static_cast<std::size_t>(i)]].stem;
        }
        const auto it = wildcards_.find(pattern);
        if (it != wildcards_.end() && fn(it->second)) return true;
      }
    return false;
  };
  auto fits_a_pattern = [&](std::size_t k) {
    return each_pattern(k, [](const std::vector<std::string>&) { return true; });
  };
  auto next_to_phrase_word = [&](std::size_t k) { return fits_a_pattern(k); };
  for (std::size_t k = 0; k < n; ++k) {
    if (corrected[k] || r.terms[k].surface.size() < kShortestCorrectedInName || stop[k]) continue;
    if (!may_correct(question, r.terms[k])) continue;
    if (!next_to_phrase_word(k) || in_name_as_written(k)) continue;
    const auto original = r.terms[k];
    bool done = false;
    auto try_word = [&](const std::string& word, bool own_name_only) {
      if (!plausible_slip(original.surface, word)) return;
      auto st = surface_stem_.find(word);
      if (st == surface_stem_.end()) return;
      for (std::size_t b = k >= 3 ? k - 3 : 0; b <= k && !done; ++b)
        for (std::size_t e = k + 1; e <= std::min(n, k + 4) && !done; ++e) {
          const std::string as_written = key_at(b, e);
          if (std::count(as_written.begin(), as_written.end(), ' ') < 1)
            continue;                                // 2+ content words
          if (entries_.count(as_written)) continue;  // fine as written
          r.terms[k].stem = st->second;
          const bool fits =
              own_name_only ? own_name(key_at(b, e)) : entries_.count(key_at(b, e)) > 0;
          r.terms[k].stem = original.stem;
          if (fits) {
            correct(k, word);
            done = true;
          }
        }
    };
    for (const auto& cand : fuzzy_.neighbours(original.surface, 3)) {
      try_word(cand.word, false);
      if (done) break;
    }
    // The neighbours say which name is meant, so a word of five letters or
    // more may be two edits from the name's word ("heart failer", "optic
    // nerve atrhrophy", "lunce cancer"), where alone it may be one (the deletion index
    // reaches no further for a word of up to seven letters): toward a
    // condition's own name only, the surest kind ("chrons disease" is not
    // the "chronic disease" an alias of another condition's title names).
    if (done || original.surface.size() < kShortestTwoEditSlip) continue;
    std::vector<std::pair<int, std::string>> near;  // (edits, word)
    each_pattern(k, [&](const std::vector<std::string>& words) {
      for (const auto& w : words) {
        // (Cheap tests first: a place may hold thousands of words.)
        const std::size_t a = original.surface.size(), b = w.size();
        if ((a > b ? a - b : b - a) > 2 || !plausible_slip(original.surface, w)) continue;
        const int d = text::edit_distance(original.surface, w, 2);
        if (d == 2) near.emplace_back(d, w);
      }
      return false;
    });
    std::sort(near.begin(), near.end());
    near.erase(std::unique(near.begin(), near.end()), near.end());
    // (Five letters leave fewer to go by: only the one such word there.)
    if (original.surface.size() < kSureTwoEditSlip && near.size() != 1) continue;
    for (const auto& [edits, word] : near) {
      try_word(word, true);
      if (done) break;
    }
    // Between two words of a name of three written as the name writes them,
    // the place is the name's own: a longer slip there is that name's word
    // when it is the only word the names put between those two, and the slip
    // keeps its first three and last two letters and two thirds of its
    // length ("familial mediterean fever": "hibernian" is the other word
    // the names put there).
    if (done || original.surface.size() < kShortestBetweenSlip) continue;
    std::size_t before = k, after = k + 1;
    while (before > 0 && stop[before - 1]) --before;
    while (after < n && stop[after]) ++after;
    if (before == 0 || after >= n) continue;
    const auto between = wildcards_.find(r.terms[before - 1].stem + " * " + r.terms[after].stem);
    if (between == wildcards_.end()) continue;
    const std::string_view slip = original.surface;
    auto shaped_like = [&](std::string_view word) {
      return word.size() >= kShortestBetweenSlip && slip.size() * 3 >= word.size() * 2 &&
             word.size() * 3 >= slip.size() * 2 && slip.substr(0, 3) == word.substr(0, 3) &&
             slip.substr(slip.size() - 2) == word.substr(word.size() - 2);
    };
    std::vector<std::string> fillers;
    for (const auto& w : between->second)
      if (shaped_like(w) && std::find(fillers.begin(), fillers.end(), w) == fillers.end())
        fillers.push_back(w);
    if (fillers.size() != 1) continue;
    const std::string& word = fillers.front();
    try_word(word, true);
  }

  // A name's first word clipped ("Hep C" for Hepatitis C, "hep b") is that
  // word when the rest of the name follows as written and the clipped
  // letters open no other word the names put in that place.
  for (std::size_t k = 0; k + 1 < n; ++k) {
    const auto& clipped = r.terms[k].surface;
    // (Only letters that open a name's word and are no word of the names
    // themselves: "pain" is not "painful" clipped.)
    if (corrected[k] || stop[k] || !clipped_words_.count(clipped) || surface_stem_.count(clipped) ||
        in_name_as_written(k))
      continue;
    if (entries_.count(r.terms[k].stem)) continue;  // a name of its own
    std::vector<std::string> opened;
    each_pattern(k, [&](const std::vector<std::string>& words) {
      for (const auto& w : words)
        if (w.size() >= clipped.size() + 3 && w.starts_with(clipped) &&
            std::find(opened.begin(), opened.end(), w) == opened.end())
          opened.push_back(w);
      return false;
    });
    if (opened.size() != 1) continue;
    const auto st = surface_stem_.find(opened.front());
    if (st == surface_stem_.end()) continue;
    const auto original = r.terms[k];
    bool fits = false;
    r.terms[k].stem = st->second;
    for (std::size_t e = k + 2; e <= std::min(n, k + 4) && !fits; ++e)
      fits = own_name(key_at(k, e));
    r.terms[k].stem = original.stem;
    if (fits) correct(k, opened.front());
  }

  // Every span whose content words are a name.
  std::vector<FocusMatch> candidates;
  std::vector<bool> answered_candidate;
  const SpanContext context{question,           r.terms,    stop,         corrected, capitalised,
                            joined_to_previous, cue_tokens, token_weight, written};
  auto consider = [&](std::size_t b, std::size_t e, std::size_t words,
                      const std::vector<Entry>& list, bool reordered) {
    read_span(context, b, e, words, list, reordered, candidates, answered_candidate);
  };
  for (std::size_t b = 0; b < n; ++b) {
    if (stop[b]) continue;
    std::size_t words = 0;
    std::string key;  // key_of(r.terms, b, e), grown a word at a time
    for (std::size_t e = b + 1; e <= n && words < max_words_; ++e) {
      if (stop[e - 1]) continue;
      ++words;
      if (!key.empty()) key.push_back(' ');
      key += r.terms[e - 1].stem;
      auto it = entries_.find(key);
      if (it == entries_.end()) {
        if (!prefixes_.count(key)) break;  // no name goes on from here
        continue;
      }
      consider(b, e, words, it->second, false);
    }
  }
  // "pain in my hip" is "hip pain" (see reordered_compound_keys). What the
  // head word names alone it names as surely: "cirrhosis of the liver" is
  // the Cirrhosis "cirrhosis" is, not a longer name of it.
  for (std::size_t h = 0; h < n; ++h) {
    if (stop[h]) continue;
    const auto alone = entries_.find(r.terms[h].stem);
    for (const auto& [key, e] : reordered_compound_keys(r.terms, stop, h)) {
      const auto it = entries_.find(key);
      if (it == entries_.end()) continue;
      std::vector<Entry> list;
      for (const auto& entry : it->second)
        if (alone == entries_.end() ||
            std::none_of(alone->second.begin(), alone->second.end(),
                         [&](const Entry& x) { return x.condition == entry.condition; }))
          list.push_back(entry);
      consider(h, e, static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1, list,
               true);
    }
    // "sore stomach" is stomach pain (see sore_part_keys), unless the two
    // words are a name as written.
    for (const auto& [key, e] : sore_part_keys(r.terms, stop, h)) {
      const auto it = entries_.find(key);
      if (it == entries_.end() || entries_.count(key_at(h, e))) continue;
      consider(h, e, 2, it->second, true);
    }
    // "my shoulder hurts" is shoulder pain (see part_said_to_hurt_keys).
    for (const auto& [key, e] : part_said_to_hurt_keys(r.terms, stop, h)) {
      const auto it = entries_.find(key);
      if (it != entries_.end()) consider(h, e, 2, it->second, true);
    }
    // "drop foot" is Foot Drop (see swapped_pair_keys), unless the two
    // words are a name as written. Only a condition's own name, and one of
    // two words only ("Foot Drop"): another name read the other way round
    // is another phrase, and a title's part after a dash ("Zorbtube -
    // eating") says what the page is about, not a kind of it.
    auto two_plain_words = [](std::string_view name) {
      return std::count(name.begin(), name.end(), ' ') == 1 &&
             std::all_of(name.begin(), name.end(), [](unsigned char ch) {
               return std::isalpha(ch) || ch == ' ' || ch == '\'';
             });
    };
    for (const auto& [key, e] : swapped_pair_keys(question, r.terms, stop, h)) {
      const auto it = entries_.find(key);
      if (it == entries_.end() || entries_.count(key_at(h, e))) continue;
      std::vector<Entry> list;
      for (const auto& entry : it->second)
        if (entry.kind == NameKind::name && two_plain_words(entry.name)) list.push_back(entry);
      if (!list.empty()) consider(h, e, 2, list, true);
    }
    // "harming herself" is self-harm (see done_to_oneself_keys).
    // Only a condition's own or other names: a sign a syndrome shows
    // ("Self-biting", a phenotype name) is not what the person asks about.
    for (const auto& [key, e] : done_to_oneself_keys(r.terms, stop, h, self_stem_)) {
      const auto it = entries_.find(key);
      if (it == entries_.end()) continue;
      std::vector<Entry> list;
      for (const auto& entry : it->second)
        if (entry.kind != NameKind::phenotype && entry.kind != NameKind::abbreviation)
          list.push_back(entry);
      if (!list.empty()) consider(h, e, 2, list, true);
    }
  }
  // A name with nothing behind it (a drug MedQuAD only lists) yields to a
  // reading of the same words that has answers; met on its own it is still
  // the focus, and the reply an honest "not covered".
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (answered_candidate[i]) continue;
    for (std::size_t j = 0; j < candidates.size(); ++j)
      if (answered_candidate[j] && candidates[j].begin < candidates[i].end &&
          candidates[i].begin < candidates[j].end) {
        candidates[i].score *= 0.3 / 0.7;
        break;
      }
  }
  // In a message of several sentences, the topic is named again and again
  // (the subject line, the question, the story): a condition named in more
  // places counts more than a word met once. (What the asking sentences
  // name still outranks the story: the engine ranks by place first.)
  if (!token_weight.empty()) {
    // Nested readings of one place ("cerebral aneurysm" and "aneurysm")
    // are one place, not two.
    std::unordered_map<std::size_t, std::set<std::pair<std::size_t, std::size_t>>>
        spans;  // condition -> spans
    for (const auto& m : candidates) spans[m.condition].insert({m.begin, m.end});
    std::unordered_map<std::size_t, std::size_t> places;  // condition -> places
    for (const auto& [condition, list] : spans) {
      std::size_t count = 0, reach = 0;
      for (const auto& [b, e] : list) {  // by begin
        if (count == 0 || b >= reach) ++count;
        reach = std::max(reach, e);
      }
      places[condition] = count;
    }
    for (auto& m : candidates) {
      const auto times = std::min<std::size_t>(places[m.condition], 4);
      m.score *= 1.0 + 0.2 * static_cast<double>(times - 1);
    }
  }
  // Of two names read as strongly from the same words, the one written as
  // the asker wrote them comes first: "central venous catheters" is the
  // page "Central venous catheters - ports" before "Central venous catheter
  // - dressing change", which only shares its stems. (Without it the order
  // of equal readings is no order at all.)
  std::sort(candidates.begin(), candidates.end(), [](const FocusMatch& a, const FocusMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.begin != b.begin) return a.begin < b.begin;
    const bool wa = named_as_written(a), wb = named_as_written(b);
    return wa && !wb;
  });
  // Greedy non-overlapping choice; a condition is reported once. Another
  // condition named by exactly the same words is an alternative reading
  // (a name shared by two conditions) and is kept too.
  std::vector<bool> used(n, false);
  std::set<std::size_t> seen;
  for (auto& m : candidates) {
    bool free = true;
    for (std::size_t k = m.begin; k < m.end; ++k) free = free && !used[k];
    if (!free) {
      const bool same_span =
          std::any_of(r.matches.begin(), r.matches.end(),
                      [&](const FocusMatch& x) { return x.begin == m.begin && x.end == m.end; });
      if (!same_span) continue;
    }
    if (!seen.insert(m.condition).second) continue;
    for (std::size_t k = m.begin; k < m.end; ++k) used[k] = true;
    r.matches.push_back(std::move(m));
  }
  return r;
}

std::vector<std::size_t> FocusDictionary::near(std::string_view word, std::size_t limit) const {
  std::vector<std::size_t> out;
  std::string w = american_spelling(text::fold(word));
  std::vector<std::string> words = {w};
  for (const auto& m : fuzzy_.lookup(w, 3)) words.push_back(m.word);
  for (const auto& cand : words) {
    auto it = word_conditions_.find(cand);
    if (it == word_conditions_.end()) continue;
    for (auto c : it->second) {
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
      if (out.size() >= limit) return out;
    }
  }
  return out;
}

}  // namespace symptomdb::qa
