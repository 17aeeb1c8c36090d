#include "search/index.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "text/normalize.hpp"
#include "text/stemmer.hpp"

namespace symptomdb::search {
namespace {

// BM25 constants: the usual values from the literature.
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr std::size_t kSnippetChars = 240;

std::vector<std::string> stems_of(std::string_view text, text::Stemmer& stemmer,
                                  bool drop_stopwords) {
  std::vector<std::string> out;
  for (auto& tok : text::tokenize(text)) {
    if (drop_stopwords && text::is_stopword(tok)) continue;
    out.push_back(stemmer.stem(tok));
  }
  return out;
}

std::string trim_snippet(const std::string& passage) {
  if (passage.size() <= kSnippetChars) return passage;
  // Cut at a word boundary and never inside a UTF-8 sequence.
  std::size_t cut = passage.rfind(' ', kSnippetChars);
  if (cut == std::string::npos || cut < kSnippetChars / 2) cut = kSnippetChars;
  while (cut > 0 && (static_cast<unsigned char>(passage[cut]) & 0xC0) == 0x80) --cut;
  return passage.substr(0, cut) + "…";
}

}  // namespace

std::uint32_t Index::add(Document doc) {
  text::Stemmer stemmer;
  const auto pos = static_cast<std::uint32_t>(docs_.size());
  std::map<std::string, double> tf;
  double length = 0;
  for (const auto& field : doc.fields) {
    for (auto& s : stems_of(field.text, stemmer, false)) {
      tf[s] += field.weight;
      length += field.weight;
    }
  }
  for (auto& [term, f] : tf) postings_[term].push_back({pos, static_cast<float>(f)});
  docs_.push_back({std::move(doc.id), length, std::move(doc.passages)});
  total_length_ += length;
  return pos;
}

std::vector<Hit> Index::search(std::string_view query, std::size_t limit) const {
  if (docs_.empty() || limit == 0) return {};
  text::Stemmer stemmer;
  auto stems = stems_of(query, stemmer, true);
  if (stems.empty()) stems = stems_of(query, stemmer, false);  // "what is it"
  std::sort(stems.begin(), stems.end());
  stems.erase(std::unique(stems.begin(), stems.end()), stems.end());

  const double n = static_cast<double>(docs_.size());
  const double avg = total_length_ / n;
  std::unordered_map<std::uint32_t, double> scores;
  for (const auto& term : stems) {
    auto it = postings_.find(term);
    if (it == postings_.end()) continue;
    const double df = static_cast<double>(it->second.size());
    const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    for (const auto& p : it->second) {
      const double len = docs_[p.doc].length;
      const double norm = kK1 * (1.0 - kB + kB * len / avg);
      scores[p.doc] += idf * (p.tf * (kK1 + 1.0)) / (p.tf + norm);
    }
  }
  std::vector<Hit> hits;
  hits.reserve(scores.size());
  for (auto [doc, score] : scores) hits.push_back({doc, score, {}});
  const auto k = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(k), hits.end(),
                    [](const Hit& a, const Hit& b) {
                      return a.score != b.score ? a.score > b.score : a.doc < b.doc;
                    });
  hits.resize(k);
  for (auto& h : hits) h.snippet = best_passage(docs_[h.doc], stems);
  return hits;
}

std::string Index::best_passage(const Stored& d, const std::vector<std::string>& stems) const {
  // The passage holding the most distinct query terms wins; ties go to the
  // earlier passage, which is usually the more general one.
  text::Stemmer stemmer;
  std::size_t best = 0, best_count = 0;
  for (std::size_t i = 0; i < d.passages.size(); ++i) {
    std::set<std::string> seen;
    for (auto& s : stems_of(d.passages[i], stemmer, false))
      if (std::binary_search(stems.begin(), stems.end(), s)) seen.insert(s);
    if (seen.size() > best_count) {
      best = i;
      best_count = seen.size();
    }
  }
  return d.passages.empty() ? std::string() : trim_snippet(d.passages[best]);
}

}  // namespace symptomdb::search
