#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "text/analyzer.hpp"
#include "text/normalize.hpp"

namespace symptomdb::bench {
namespace {

using checker::TermIndex;

enum Outcome : std::size_t { exact, ancestor, more_specific, other, unread, kOutcomes };
constexpr std::array<const char*, kOutcomes> kOutcomeNames = {
    "exact term", "ancestor", "more specific (wrong)", "unrelated (wrong)", "unread"};

Outcome classify(const ontology::Ontology& onto, TermIndex truth, std::optional<TermIndex> got) {
  if (!got) return unread;
  if (*got == truth) return exact;
  if (onto.is_ancestor_or_self(*got, truth)) return ancestor;
  if (onto.is_ancestor_or_self(truth, *got)) return more_specific;
  return other;
}

std::vector<std::string> content_stems(text::Analyzer& analyzer, std::string_view s) {
  std::vector<std::string> out;
  for (const auto& w : text::tokenize(text::fold(s))) {
    if (text::is_stopword(w)) continue;
    for (const auto& t : analyzer.terms(w)) out.push_back(t.stem);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The peer: the name (label or any synonym) sharing the largest fraction of
// stems with the phrase (Jaccard), covering at least half of the phrase's
// words; labels before synonyms, then the shorter name. No lay rewriting, no
// spelling correction, no preference between general and specific terms.
class OverlapPeer {
 public:
  explicit OverlapPeer(const ontology::Ontology& onto) {
    const auto root = onto.find("HP:0000118");
    for (TermIndex t = 0; t < onto.size(); ++t) {
      if (root && !onto.is_ancestor_or_self(*root, t)) continue;
      const auto& term = onto.term(t);
      add(t, term.label, true);
      for (const auto& s : term.synonyms) add(t, s.text, false);
    }
    for (std::uint32_t i = 0; i < names_.size(); ++i)
      for (const auto& s : names_[i].stems) by_stem_[s].push_back(i);
  }

  std::optional<TermIndex> read(std::string_view phrase) {
    const auto q = content_stems(analyzer_, phrase);
    if (q.empty()) return std::nullopt;
    std::unordered_map<std::uint32_t, std::size_t> cover;
    for (const auto& s : q)
      if (const auto it = by_stem_.find(s); it != by_stem_.end())
        for (const auto n : it->second) ++cover[n];
    std::optional<std::uint32_t> best;
    double best_j = 0;
    for (const auto& [n, c] : cover) {
      const Name& name = names_[n];
      if (c * 2 < q.size()) continue;
      if (c == q.size() && name.stems.size() == q.size()) continue;  // held out
      const double j =
          static_cast<double>(c) / static_cast<double>(q.size() + name.stems.size() - c);
      const auto key = [&](const Name& x) { return std::pair(!x.label, x.length); };
      if (!best || j > best_j || (j == best_j && key(name) < key(names_[*best]))) {
        best = n;
        best_j = j;
      }
    }
    if (!best) return std::nullopt;
    return names_[*best].term;
  }

 private:
  struct Name {
    TermIndex term;
    bool label;
    std::size_t length;
    std::vector<std::string> stems;
  };
  void add(TermIndex t, const std::string& s, bool label) {
    auto stems = content_stems(analyzer_, s);
    if (!stems.empty()) names_.push_back({t, label, s.size(), std::move(stems)});
  }
  text::Analyzer analyzer_;
  std::vector<Name> names_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_stem_;
};

}  // namespace

void report_words(std::shared_ptr<const ontology::Ontology> onto_ptr, const std::string& dump,
                  const std::vector<std::string>& extra_phrases) {
  const auto& onto = *onto_ptr;
  const auto root = onto.find("HP:0000118");
  // Every layperson synonym of a phenotype term, once per (term, folded text).
  std::vector<std::pair<TermIndex, std::string>> phrases;
  std::set<std::pair<TermIndex, std::string>> seen;
  for (TermIndex t = 0; t < onto.size(); ++t) {
    if (root && !onto.is_ancestor_or_self(*root, t)) continue;
    for (const auto& s : onto.term(t).synonyms)
      if (s.layperson && seen.emplace(t, text::fold(s.text)).second)
        phrases.emplace_back(t, s.text);
  }
  const auto n = static_cast<double>(phrases.size());
  fmt::print(
      "\nReading plain words: {} layperson synonyms of HPO {} phenotype terms, each held out of "
      "the index (every name with the same words ignored) and read again; interpreter built as "
      "the server builds it (no per-term weights)\n\n",
      phrases.size(), onto.version());
  fmt::print(
      "| method | exact term | ancestor | right (exact + ancestor) | more specific (wrong) |"
      " unrelated (wrong) | unread |\n|---|---|---|---|---|---|---|\n");
  auto row = [&](const std::string& name, const std::array<std::size_t, kOutcomes>& c) {
    fmt::print("| {} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.3f} |\n", name, c[exact] / n,
               c[ancestor] / n, (c[exact] + c[ancestor]) / n, c[more_specific] / n, c[other] / n,
               c[unread] / n);
    std::fflush(stdout);
  };
  using Options = checker::Interpreter::Options;
  const std::pair<const char*, Options> variants[] = {
      {"symptomdb interpreter", Options{}},
      {"  without generalising", Options{.generalise = false}},
      {"  without HPO's word equivalents", Options{.equivalents = false}},
      {"  without definitions", Options{.definitions = false}},
      {"  only generalising", Options{.equivalents = false, .definitions = false}},
      {"  only HPO's word equivalents", Options{.generalise = false, .definitions = false}},
      {"  only definitions", Options{.generalise = false, .equivalents = false}},
      {"  none of the three",
       Options{.generalise = false, .equivalents = false, .definitions = false}},
  };
  std::unique_ptr<checker::Interpreter> full;
  for (const auto& [name, options] : variants) {
    auto interpreter =
        std::make_unique<checker::Interpreter>(onto_ptr, std::vector<double>{}, options);
    std::array<std::size_t, kOutcomes> counts{};
    std::ofstream out;
    if (!full && !dump.empty()) out.open(dump);
    for (const auto& [t, phrase] : phrases) {
      const auto i = interpreter->interpret_held_out(phrase);
      const Outcome o = classify(onto, t, i ? std::optional<TermIndex>(i->term) : std::nullopt);
      ++counts[o];
      if (out)
        out << kOutcomeNames[o] << '\t' << phrase << '\t' << onto.term(t).id << ' '
            << onto.term(t).label << '\t'
            << (i ? onto.term(i->term).id + " " + i->label + " (via \"" + i->matched + "\")" : "")
            << '\n';
    }
    row(name, counts);
    if (!full) full = std::move(interpreter);
  }
  OverlapPeer peer(onto);
  std::array<std::size_t, kOutcomes> theirs{};
  for (const auto& [t, phrase] : phrases) ++theirs[classify(onto, t, peer.read(phrase))];
  row("token overlap (best Jaccard name)", theirs);
  fmt::print("\nThe issue's examples (full index):\n");
  std::vector<std::string> examples = {"cramps", "can not see well at night", "very tall"};
  examples.insert(examples.end(), extra_phrases.begin(), extra_phrases.end());
  for (const auto& p : examples) {
    const auto i = full->interpret_phrase(p);
    if (i)
      fmt::print("  {:<28} -> {} {} (via \"{}\", confidence {:.2f})\n", p, onto.term(i->term).id,
                 i->label, i->matched, i->confidence);
    else
      fmt::print("  {:<28} -> (unmatched)\n", p);
  }
}

}  // namespace symptomdb::bench
