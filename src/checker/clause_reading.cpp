#include "checker/clause_reading.hpp"

#include <algorithm>
#include <unordered_set>

#include "checker/linking_verbs.hpp"
#include "text/analyzer.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {

ClauseReading read_clause(const Interpreter& interpreter, std::string_view clause,
                          std::size_t max_words, double min_confidence) {
  ClauseReading out;
  const auto tokens = text::tokenize(text::fold(clause));
  // Positions of the content words: a window starts and ends on one.
  std::vector<std::size_t> content;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (!text::is_stopword(tokens[i])) content.push_back(i);
  if (content.empty()) return out;
  // A phrase that is a name as a whole (the short findings: "sore throat")
  // needs no windows.
  if (auto whole = interpreter.interpret_phrase(clause); whole && whole->confidence >= 0.999) {
    for (const auto i : content) out.words.push_back(tokens[i]);
    out.terms.push_back(std::move(*whole));
    return out;
  }
  std::vector<char> taken(tokens.size(), 0);
  struct Kept {
    std::size_t first, last;  // token positions
    Interpretation reading;
  };
  std::vector<Kept> kept;
  for (std::size_t size = std::min(max_words, content.size()); size >= 1; --size) {
    for (std::size_t s = 0; s + size <= content.size(); ++s) {
      const std::size_t first = content[s], last = content[s + size - 1];
      // Bridging more than two stop words joins two things, not one name.
      if (last - first + 1 > size + 2) continue;
      if (std::any_of(taken.begin() + static_cast<std::ptrdiff_t>(first),
                      taken.begin() + static_cast<std::ptrdiff_t>(last) + 1,
                      [](char c) { return c != 0; }))
        continue;
      std::string window;
      for (std::size_t i = first; i <= last; ++i) {
        if (!window.empty()) window += ' ';
        window += tokens[i];
      }
      auto reading = interpreter.interpret_phrase(window);
      if (!reading || reading->confidence < min_confidence) continue;
      // A word for a mood or behaviour that follows a word for a part of
      // the body says how that part is ("urethral irritation"), not the mood.
      if (first > 0 && interpreter.is_behaviour(reading->term) &&
          interpreter.says_a_part(tokens[first - 1]))
        continue;
      std::fill(taken.begin() + static_cast<std::ptrdiff_t>(first),
                taken.begin() + static_cast<std::ptrdiff_t>(last) + 1, 1);
      kept.push_back({first, last, std::move(*reading)});
    }
  }
  std::sort(kept.begin(), kept.end(),
            [](const Kept& a, const Kept& b) { return a.first < b.first; });
  for (auto& k : kept) {
    for (std::size_t i = k.first; i <= k.last; ++i)
      if (!text::is_stopword(tokens[i])) out.words.push_back(tokens[i]);
    const bool seen = std::any_of(out.terms.begin(), out.terms.end(), [&](const Interpretation& x) {
      return x.term == k.reading.term;
    });
    if (!seen) out.terms.push_back(std::move(k.reading));
  }
  return out;
}

namespace {

// A reading whose name holds words the phrase does not say, and that shares
// less than half of the two's words (Interpretation::confidence), guesses
// at more than was said: "positive home pregnancy test" is not "Positive calf
// squeeze test", "douching weekly" not "Cough". A name all of whose words
// the phrase says ("20 pound weight loss": Weight loss) is what was said,
// however much more the phrase tells. Nor is a phrase that shares only a
// word of how ("acute", "severe") with a longer name read as that name
// (Interpreter::says_only_how), however many of the name's words it holds.
// (The interpreter itself passes over a name whose telling words the phrase
// misses: Interpreter::says_too_little.)
Interpreter::Result without_guesses(const Interpreter& interpreter, Interpreter::Result r) {
  constexpr double kMin = 0.5;
  if (std::all_of(r.terms.begin(), r.terms.end(),
                  [](const Interpretation& i) { return i.confidence >= 0.999; }))
    return r;  // the usual case: every reading is a name as said
  text::Analyzer analyzer;
  std::vector<Interpretation> kept;
  for (auto& i : r.terms) {
    if (interpreter.says_only_how(i)) {
      r.unmatched.push_back(std::move(i.text));
      continue;
    }
    if (i.confidence >= kMin) {
      kept.push_back(std::move(i));
      continue;
    }
    std::unordered_set<std::string> said;
    for (const auto& t : analyzer.terms(i.text))
      if (!text::is_stopword(t.surface)) said.insert(t.stem);
    bool all_said = true;
    for (const auto& t : analyzer.terms(i.matched))
      if (!text::is_stopword(t.surface) && !said.contains(t.stem)) all_said = false;
    if (all_said)
      kept.push_back(std::move(i));
    else
      r.unmatched.push_back(std::move(i.text));
  }
  r.terms = std::move(kept);
  return r;
}

// The words that open a clause govern every piece joined to it: in "I feel
// dizzy and sick" the person feels sick as well as dizzy. A piece of the
// core that reads as nothing alone ("sick") is read again after the story
// words the core left out ("i feel sick": Nausea); kept only when that reads.
void read_with_opening(const Interpreter& interpreter, const Finding& finding,
                       Interpreter::Result& core) {
  const auto at = finding.text.find(finding.core);
  if (at == std::string::npos || at == 0 || core.unmatched.empty()) return;
  const std::string opening = finding.text.substr(0, at);
  std::vector<std::string> still;
  for (auto& piece : core.unmatched) {
    auto again = without_guesses(interpreter, interpreter.interpret(opening + piece));
    bool added = false;
    for (auto& i : again.terms)
      if (std::none_of(core.terms.begin(), core.terms.end(),
                       [&](const Interpretation& x) { return x.term == i.term; })) {
        core.terms.push_back(std::move(i));
        added = true;
      }
    if (!added) still.push_back(std::move(piece));
  }
  core.unmatched = std::move(still);
}

// What a person did to a part of their own body, said in the past tense
// ("I broke my wrist", "she sprained her ankle", "I have cut my finger"):
// the state the verb leaves the part in, as a linking verb would say it
// ("my wrist is broken": Fractured carpal bone), or as the participle
// before the part ("broken leg"), read as a name said whole. English
// syntax and morphology only (past_participle); what is done to a thing
// that is no part of the body ("I broke my phone") names no finding, nor
// does a state no name says ("my knee is twisted"). Of two acts joined by
// "and" the last ("I fell and hurt my hip"). The words before the
// verb must be stop words (the subject, "have"): "the dog bit my hand" is
// no act of the person's own. Empty when the clause says no such act or
// the state reads as nothing.
Interpreter::Result read_as_done_to_part(const Interpreter& interpreter, std::string_view clause) {
  constexpr double kWholeName = 0.7;  // Interpreter's kWholeNameConfidence
  static constexpr std::array<std::string_view, 6> kOwners = {"my",  "his",   "her",
                                                              "our", "their", "your"};
  auto words = text::tokenize(text::fold(clause));
  // "I fell and hurt my hip": the act after the last "and".
  if (const auto last_and = std::find(words.rbegin(), words.rend(), "and");
      last_and != words.rend())
    words.erase(words.begin(), last_and.base());
  for (std::size_t k = 0; k + 2 < words.size() && k < 3; ++k) {
    if (!text::is_stopword(words[k]) && past_participle(words[k]).empty()) return {};
    const auto participle = past_participle(words[k]);
    if (participle.empty() ||
        std::find(kOwners.begin(), kOwners.end(), words[k + 1]) == kOwners.end())
      continue;
    std::string part;
    for (std::size_t i = k + 2; i < words.size(); ++i) part += (part.empty() ? "" : " ") + words[i];
    auto r = without_guesses(
        interpreter, interpreter.interpret("my " + part + " is " + std::string(participle)));
    if (r.terms.empty()) {
      r = without_guesses(interpreter, interpreter.interpret(std::string(participle) + " " + part));
      std::erase_if(r.terms, [&](const Interpretation& i) { return i.confidence < kWholeName; });
    }
    if (r.terms.empty()) return {};
    for (auto& i : r.terms) i.text = std::string(clause);
    r.unmatched.clear();
    return r;
  }
  return {};
}

}  // namespace

Interpreter::Result interpret_finding(const Interpreter& interpreter, const Finding& finding) {
  // Only story words ("in addition", "she has"): no finding to name. Its
  // words stay, unread, for the word-level matching, as a clause read as
  // nothing does.
  if (finding.core.empty() && !finding.text.empty()) return {{}, {finding.text}};
  if (!finding.core.empty() && finding.core != finding.text) {
    auto core = without_guesses(interpreter, interpreter.interpret(finding.core));
    if (!core.terms.empty()) {
      read_with_opening(interpreter, finding, core);
      return core;
    }
  }
  auto whole = without_guesses(interpreter, interpreter.interpret(finding.text));
  if (whole.terms.empty())
    if (auto done =
            read_as_done_to_part(interpreter, finding.core.empty() ? finding.text : finding.core);
        !done.terms.empty())
      return done;
  return whole;
}

std::vector<std::string> lay_names(const ontology::Term& term) {
  std::vector<std::string> out;
  for (const auto& s : term.synonyms)
    if (s.layperson) out.push_back(s.text);
  return out;
}

std::vector<std::vector<std::string>> synonyms_read(const Interpreter& interpreter,
                                                    const Interpreter::Result& r) {
  std::vector<std::vector<std::string>> out;
  for (const auto& i : r.terms) out.push_back(lay_names(interpreter.ontology().term(i.term)));
  return out;
}

std::vector<std::string> words_read(const Interpreter& interpreter, const Interpreter::Result& r,
                                    double min_confidence) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  auto add = [&](std::string_view s) {
    for (auto& t : text::tokenize(text::fold(s)))
      if (!text::is_stopword(t) && seen.insert(t).second) out.push_back(std::move(t));
  };
  for (const auto& i : r.terms) {
    if (i.confidence < min_confidence) {
      add(i.text);
      continue;
    }
    const auto& term = interpreter.ontology().term(i.term);
    add(i.matched);
    add(term.label);
    for (const auto& s : term.synonyms)
      if (s.scope == ontology::SynonymScope::exact || s.layperson) add(s.text);
  }
  for (const auto& u : r.unmatched) add(u);
  return out;
}

}  // namespace symptomdb::checker
