#include "checker/warning_signs.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "core/spelling.hpp"
#include "text/analyzer.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {
namespace {

// How a sentence says "get emergency care": language, not medical facts.
constexpr std::array<std::string_view, 13> kEmergency = {"call 911",
                                                         "call 9-1-1",
                                                         "emergency room",
                                                         "emergency department",
                                                         "emergency care",
                                                         "emergency number",
                                                         "emergency help",
                                                         "emergency medical",
                                                         "emergency treatment",
                                                         "call an ambulance",
                                                         "medical emergency",
                                                         "go to the hospital",
                                                         "go to a hospital"};
// ... and "see a doctor today".
constexpr std::array<std::string_view, 6> kUrgent = {"right away",          "straight away",
                                                     "immediately",         "urgent medical",
                                                     "as soon as possible", "the same day"};
// ... and "see a doctor" at all (the advice a self-care answer passes on).
constexpr std::array<std::string_view, 6> kCare = {"see a doctor",
                                                   "see your doctor",
                                                   "call your doctor",
                                                   "contact your doctor",
                                                   "call your health care provider",
                                                   "see your health care provider"};

// Words that say who or how, not what: dropped around a sign.
const std::set<std::string, std::less<>> kFiller = {
    "you",         "your",    "yourself", "have",     "has",     "had",      "having", "someone",
    "person",      "people",  "child",    "children", "baby",    "becomes",  "become", "feel",
    "feels",       "feeling", "get",      "gets",     "develop", "develops", "notice", "experience",
    "experiences", "there",   "also",     "very",     "new",     "any",      "he",     "she",
    "they",        "their",   "his",      "her",      "suddenly"};
// A list item holding one of these is advice or a reference, not a sign.
const std::set<std::string, std::less<>> kVague = {
    "think",  "sign",    "symptom",   "these",     "this",     "that",     "worse",  "better",
    "know",   "sure",    "condition", "treatment", "doctor",   "medicine", "happen", "other",
    "it",     "them",    "those",     "last",      "week",     "day",      "month",  "year",
    "while",  "after",   "before",    "help",      "care",     "test",     "taking", "take",
    "start",  "started", "stop",      "unsure",    "possible", "type",     "seem",   "seems",
    "cannot", "control", "home",      "away",      "come",     "comes",    "came"};

template <std::size_t N>
bool any_of(std::string_view folded, const std::array<std::string_view, N>& cues) {
  return std::any_of(cues.begin(), cues.end(),
                     [&](std::string_view c) { return folded.find(c) != std::string_view::npos; });
}

// A sentence of an article's text, and whether it opens a line of a list
// ("- dark-colored urine"): a sentence that points to "the following
// symptoms" names its signs there.
struct Sentence {
  std::string text;
  bool item = false;
};

std::vector<Sentence> sentences(std::string_view text) {
  std::vector<Sentence> out;
  std::string cur;
  bool line_start = true, item = false;
  auto flush = [&] {
    const auto a = cur.find_first_not_of(" \t-*#");
    if (a != std::string::npos && cur.size() - a > 3) out.push_back({cur.substr(a), item});
    cur.clear();
    item = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      flush();
      line_start = true;
      continue;
    }
    if (line_start && text[i] != ' ' && text[i] != '\t') {
      item = (text[i] == '-' || text[i] == '*') && i + 1 < text.size() && text[i + 1] == ' ';
      line_start = false;
    }
    cur.push_back(text[i]);
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') &&
        (i + 1 == text.size() || text[i + 1] == ' '))
      flush();
  }
  flush();
  return out;
}

// The part of a folded sentence that says when: "call 911 if X" -> X,
// "if X, call 911" -> X; empty when the sentence states no condition.
std::string_view condition_clause(std::string_view f, std::size_t cue_at) {
  auto at = f.find("if ");
  if (at != 0) at = f.find(" if ");
  if (at == std::string_view::npos) {
    at = f.find("when ");
    if (at != 0) at = f.find(" when ");
  }
  if (at == std::string_view::npos) return {};
  const auto start = f.find(' ', at + 1) + 1;
  std::string_view clause = f.substr(start);
  if (start < cue_at) {
    // "If X, call 911": X ends at the comma before the cue.
    const auto comma = f.rfind(',', cue_at);
    if (comma != std::string_view::npos && comma > start) clause = f.substr(start, comma - start);
  }
  for (const std::string_view stop : {" especially", " because", " so that", " until", " even if",
                                      " as you", " while", " who ", " which "})
    if (const auto p = clause.find(stop); p != std::string_view::npos) clause = clause.substr(0, p);
  while (!clause.empty() && (clause.back() == '.' || clause.back() == ' ' || clause.back() == ','))
    clause.remove_suffix(1);
  return clause;
}

// Whether a sentence that ties care to a person names its signs elsewhere:
// "People who have any of the following symptoms should see a health care
// provider right away:", "A person with these symptoms should seek medical
// attention immediately.", "A person with any signs or symptoms of bleeding
// in the stomach should call ...". Its signs are the list after its colon,
// or the list just before it. Language, not medical facts.
bool points_to_a_list(std::string_view f, std::size_t cue_at) {
  const auto subject = f.substr(0, std::min(cue_at, f.size()));
  auto has = [&](std::string_view w) { return subject.find(w) != std::string_view::npos; };
  return (has("who ") || has("with ")) && (has("any ") || has("these ") || has("following ")) &&
         (has("symptom") || has("sign"));
}

std::vector<std::string_view> list_items(std::string_view clause) {
  std::vector<std::string_view> out;
  std::size_t from = 0;
  for (;;) {
    std::size_t best = std::string_view::npos, len = 0;
    for (const std::string_view sep :
         {std::string_view(", "), std::string_view("; "), std::string_view(" or ")}) {
      const auto p = clause.find(sep, from);
      if (p < best) best = p, len = sep.size();
    }
    out.push_back(clause.substr(from, best == std::string_view::npos ? best : best - from));
    if (best == std::string_view::npos) break;
    from = best + len;
  }
  return out;
}

// Whether a word is an adjective of degree: its superlative is an English
// word ("blue": "bluest"; "red": "reddest"; "pale": "palest"), as no noun's
// or verb's is ("fever", "bleed").
bool gradable(const EnglishWords& english, std::string_view w) {
  if (w.size() < 3) return false;
  const std::string s(w);
  return english.contains(s + "est") || (s.back() == 'e' && english.contains(s + "st")) ||
         english.contains(s + s.back() + "est");
}

// A list's items with a head noun they share written out: "blue or grey
// lips" is "blue lips" or "grey lips", not "blue" (any blue thing) or "grey
// lips". An item of one adjective of degree (after leading filler: "you
// have blue") takes the head of the next item of more words, when every
// item between is one such adjective and that item starts with one too.
std::vector<std::string> with_shared_heads(const std::vector<std::string_view>& items,
                                           const EnglishWords& english) {
  std::vector<std::string> out(items.begin(), items.end());
  // The item's words after any leading filler or stop word.
  auto content = [](std::string_view item) {
    std::vector<std::string> words;
    for (const auto& w : text::tokenize(item))
      if (!words.empty() || !(text::is_stopword(w) || kFiller.contains(w))) words.push_back(w);
    return words;
  };
  auto one_adjective = [&](std::string_view item) {
    const auto words = content(item);
    return words.size() == 1 && gradable(english, words[0]);
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!one_adjective(items[i])) continue;
    std::size_t j = i + 1;
    while (j < items.size() && one_adjective(items[j])) ++j;
    if (j == items.size()) continue;
    const auto words = content(items[j]);
    if (words.size() < 2 || !gradable(english, words[0])) continue;
    for (std::size_t k = 1; k < words.size(); ++k) out[i] += " " + words[k];
  }
  return out;
}

std::size_t first_cue_at(std::string_view f) {
  std::size_t at = std::string_view::npos;
  for (const auto c : kEmergency) at = std::min(at, f.find(c));
  for (const auto c : kUrgent) at = std::min(at, f.find(c));
  return at;
}

// The stems of a sign's words that say what it is (no stop word, no
// filler), sorted and unique.
std::vector<std::string> content_stems(std::string_view words, text::Analyzer& analyzer) {
  std::vector<std::string> out;
  for (const auto& t : analyzer.terms(words))
    if (!text::is_stopword(t.surface) && !kFiller.contains(t.surface)) out.push_back(t.stem);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The key of a sign's stems, for counting the conditions that state it.
std::string stems_key(const std::vector<std::string>& stems) {
  std::string key;
  for (const auto& st : stems) key += st + ' ';
  return key;
}

}  // namespace

WarningSigns WarningSigns::build(const Snapshot& snapshot, const Interpreter* interpreter) {
  WarningSigns out;
  out.interpreter_ = interpreter;
  text::Analyzer analyzer;
  // Which words are adjectives of degree (with_shared_heads).
  const EnglishWords own = interpreter ? EnglishWords() : EnglishWords::installed();
  const EnglishWords& english = interpreter ? interpreter->english() : own;
  std::set<std::pair<std::string, std::string>> said;  // (words, slug) once
  for (const Article& a : snapshot.articles()) {
    const auto& condition =
        snapshot.condition_of(static_cast<std::size_t>(&a - snapshot.articles().data()));
    std::string text = a.introduction;
    for (const auto& s : a.sections) {
      text += "\n" + s.intro;
      for (const auto& item : s.items) text += "\n" + item.heading + ".\n" + item.text;
    }
    // One sign per listed item. `general`: the sentence says when to get care
    // in general ("call 911 if you have trouble breathing"), so the sign
    // counts towards how many conditions state it; a list of one condition's
    // symptoms pointed to ("any of the following symptoms") counts only
    // where that condition is likely (triage): its items ("nausea") are
    // signs of it, not of every illness.
    auto add_signs = [&](std::string_view clause, bool emergency, const std::string& sentence,
                         bool general) {
      for (const auto& item : with_shared_heads(list_items(clause), english)) {
        std::string words;
        bool vague = false;
        for (const auto& t : analyzer.terms(item)) {
          if (kVague.contains(t.surface) || kVague.contains(t.stem)) vague = true;
          if (words.empty() && (kFiller.contains(t.surface) || text::is_stopword(t.surface)))
            continue;  // leading "you have a ..."
          words += (words.empty() ? "" : " ") + t.surface;
        }
        auto stems = content_stems(words, analyzer);
        if (vague || stems.empty() || stems.size() > 4) continue;
        // One sign per stems ("confused", "confusion") and condition.
        const std::string key = stems_key(stems);
        if (!said.emplace(key, condition.slug).second) continue;
        auto& count = out.stated_by_[key];
        if (general) ++count;
        auto matched =
            interpreter ? content_stems(interpreter->in_names_words(words), analyzer) : stems;
        out.signs_.push_back({std::move(stems), std::move(matched), std::move(words), emergency,
                              sentence, condition.name, condition.slug, !general});
      }
    };
    const auto all = sentences(text);
    for (std::size_t i = 0; i < all.size(); ++i) {
      const std::string& sentence = all[i].text;
      const std::string f = text::fold(sentence);
      const bool emergency = any_of(f, kEmergency);
      const bool urgent =
          !emergency && any_of(f, kUrgent) &&
          (f.find("doctor") != std::string::npos || f.find("provider") != std::string::npos ||
           f.find("medical") != std::string::npos);
      const bool conditional =
          f.find("if ") != std::string::npos || f.find("when ") != std::string::npos;
      if ((emergency || urgent || any_of(f, kCare)) && conditional) {
        auto& care = out.care_[condition.slug];
        if (care.size() < 3 && std::find(care.begin(), care.end(), sentence) == care.end())
          care.push_back(sentence);
      }
      if (!(emergency || urgent)) continue;
      const auto cue_at = first_cue_at(f);
      const auto clause = condition_clause(f, cue_at);
      if (clause.empty() && points_to_a_list(f, cue_at)) {
        const auto colon = f.find(':', cue_at);
        const auto after =
            colon == std::string::npos ? std::string_view() : std::string_view(f).substr(colon + 1);
        if (after.find_first_not_of(" .") != std::string_view::npos) {
          add_signs(after, emergency, sentence, false);  // "...right away: a, b, or c."
        } else if (colon != std::string::npos) {
          for (std::size_t j = i + 1; j < all.size() && all[j].item; ++j)
            add_signs(text::fold(all[j].text), emergency, sentence, false);
        } else {
          std::size_t from = i;  // the first line of the list just before
          while (from > 0 && all[from - 1].item) --from;
          for (std::size_t j = from; j < i; ++j)
            add_signs(text::fold(all[j].text), emergency, sentence, false);
        }
        continue;
      }
      // "If you think you are having a stroke or TIA": what the person
      // believes, not a sign; split into items it would read as "TIA".
      if (clause.empty() || clause.find("think") != std::string_view::npos ||
          clause.find("know") != std::string_view::npos ||
          clause.find("not sure") != std::string_view::npos)
        continue;
      add_signs(clause, emergency, sentence, true);
    }
  }
  return out;
}

std::vector<WarningSigns::Found> WarningSigns::found(
    const Description& description, const std::vector<bool>& given,
    std::span<const std::vector<ontology::TermIndex>> read) const {
  thread_local text::Analyzer analyzer;
  // Per present finding: the stems of its words, and of each name (label or
  // synonym) of the terms it was read as.
  std::vector<std::vector<std::string>> findings;
  std::vector<std::vector<std::vector<std::string>>> names;
  std::vector<bool> not_acute;  // of the present findings, in order
  auto stems_of = [&](std::string_view words) {
    auto stems =
        analyzer.stems(text::fold(interpreter_ ? interpreter_->in_names_words(words) : words));
    std::sort(stems.begin(), stems.end());
    return stems;
  };
  for (std::size_t i = 0; i < description.findings.size(); ++i) {
    const auto& f = description.findings[i];
    if (f.negated) continue;
    auto stems = stems_of(f.text);
    // "Worst", "crushing", "excruciating" read as severe (the description's
    // own reading) meet a sign the articles write as "severe ...".
    if (f.severity == Severity::severe) {
      stems.push_back(analyzer.stem("severe"));
      std::sort(stems.begin(), stems.end());
    }
    findings.push_back(std::move(stems));
    auto& named = names.emplace_back();
    if (interpreter_ && i < read.size())
      for (const auto t : read[i]) {
        const auto& term = interpreter_->ontology().term(t);
        named.push_back(stems_of(term.label));
        for (const auto& syn : term.synonyms) named.push_back(stems_of(syn.text));
      }
    not_acute.push_back(i < given.size() ? given[i] : long_standing(f));
  }
  auto says = [](const std::vector<std::string>& words, const std::vector<std::string>& sign) {
    return std::includes(words.begin(), words.end(), sign.begin(), sign.end());
  };
  std::vector<Found> out;
  for (const auto& s : signs_) {
    // The sign in the same words as the findings.
    const auto& sign = s.matched;
    if (sign.empty()) continue;
    // A sign in lay words that HPO's names say otherwise ("black stools":
    // black feces) is also met by a finding worded another way ("my stools
    // are black") when it was read as a term one of whose names says it
    // (Melena: "Black feces"). Other signs are met by the person's own words
    // alone: a reading of them ("visual disorientation" read as Confusion) is
    // no sign an article states ("becomes confused").
    const bool by_name = s.matched != s.stems;
    bool shown = false, shown_now = false;
    for (std::size_t i = 0; i < findings.size(); ++i)
      if (says(findings[i], sign) ||
          (by_name && std::any_of(names[i].begin(), names[i].end(),
                                  [&](const auto& n) { return says(n, sign); }))) {
        shown = true;
        shown_now = shown_now || !not_acute[i];
      }
    if (!shown) continue;
    out.push_back({&s, stated_by_.at(stems_key(s.stems)), !shown_now});
  }
  std::stable_sort(out.begin(), out.end(), [](const Found& a, const Found& b) {
    return (a.sign->emergency && !a.not_acute) > (b.sign->emergency && !b.not_acute);
  });
  return out;
}

const std::vector<std::string>& WarningSigns::when_to_get_care(std::string_view slug) const {
  static const std::vector<std::string> none;
  const auto it = care_.find(std::string(slug));
  return it == care_.end() ? none : it->second;
}

}  // namespace symptomdb::checker
