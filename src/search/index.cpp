#include "search/index.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace symptomdb::search {
namespace {

// BM25 constants: the usual values from the literature.
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

}  // namespace

DocId Index::add(std::span<const Field> fields, text::Analyzer& analyzer) {
  const auto doc = static_cast<DocId>(lengths_.size());
  token_start_.push_back(static_cast<std::uint32_t>(tokens_.size()));
  std::unordered_map<TermId, double> tf;
  double length = 0;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (f > 0) tokens_.push_back(kBoundary);
    for (auto& stem : analyzer.stems(fields[f].text)) {
      auto [it, fresh] = term_ids_.try_emplace(stem, static_cast<TermId>(terms_.size()));
      if (fresh) {
        terms_.push_back(stem);
        postings_.emplace_back();
        cf_.push_back(0);
      }
      const TermId id = it->second;
      tokens_.push_back(id);
      tf[id] += fields[f].weight;
      ++cf_[id];
      length += fields[f].weight;
    }
  }
  for (const auto& [id, f] : tf) postings_[id].push_back({doc, static_cast<float>(f)});
  lengths_.push_back(static_cast<float>(length));
  return doc;
}

void Index::finish() {
  double total = 0;
  for (float l : lengths_) total += l;
  avg_length_ = lengths_.empty() ? 1 : std::max(1.0, total / static_cast<double>(lengths_.size()));
  token_start_.push_back(static_cast<std::uint32_t>(tokens_.size()));
  impacts_.assign(postings_.size(), {});
  for (TermId t = 0; t < postings_.size(); ++t) {
    auto& list = impacts_[t];
    list.reserve(postings_[t].size());
    for (const auto& p : postings_[t])
      list.push_back({p.doc, static_cast<float>(contribution(t, p))});
    std::sort(list.begin(), list.end(), [](const Impact& a, const Impact& b) {
      return a.score != b.score ? a.score > b.score : a.doc < b.doc;
    });
  }
}

double Index::contribution(TermId t, const Posting& p) const {
  const double norm = kK1 * (1.0 - kB + kB * lengths_[p.doc] / avg_length_);
  return idf(t) * (p.tf * (kK1 + 1.0)) / (p.tf + norm);
}

std::optional<float> Index::tf_of(TermId t, DocId doc) const {
  const auto& list = postings_[t];
  auto it = std::lower_bound(list.begin(), list.end(), doc,
                             [](const Posting& p, DocId d) { return p.doc < d; });
  if (it == list.end() || it->doc != doc) return std::nullopt;
  return it->tf;
}

std::optional<TermId> Index::term(std::string_view stem) const {
  auto it = term_ids_.find(std::string(stem));
  if (it == term_ids_.end()) return std::nullopt;
  return it->second;
}

double Index::idf(TermId t) const {
  const double n = static_cast<double>(size());
  const double df = static_cast<double>(postings_[t].size());
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

std::vector<Scored> Index::rank(std::span<const TermId> query, std::size_t limit,
                                const std::function<bool(DocId)>& keep) const {
  std::vector<TermId> terms;
  for (TermId t : query)
    if (t < postings_.size()) terms.push_back(t);
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  std::vector<Scored> out;
  if (terms.empty() || limit == 0) return out;
  auto better = [](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : a.doc < b.doc;
  };
  // Scores are summed in float-rounded contributions, so that a document
  // scores the same whichever list it is met in first.
  auto full_score = [&](DocId doc) {
    double s = 0;
    for (TermId u : terms)
      if (auto tf = tf_of(u, doc)) s += static_cast<float>(contribution(u, {doc, *tf}));
    return s;
  };
  // The k best so far, as a min-heap on `better` (worst on top).
  std::vector<Scored> heap;
  auto worst_first = [&](const Scored& a, const Scored& b) { return better(a, b); };
  // Documents already scored: one bit per document (a hash set here was
  // most of a long query's time; the bits cost size() / 8 bytes to clear).
  std::vector<bool> met(size(), false);
  std::vector<std::size_t> depth(terms.size(), 0);
  for (;;) {
    double threshold = 0;
    bool any = false;
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const auto& list = impacts_[terms[i]];
      if (depth[i] >= list.size()) continue;
      any = true;
      threshold += list[depth[i]].score;
    }
    if (!any) break;
    // No unread document can score above the sum of the lists' next impacts.
    if (heap.size() >= limit && heap.front().score > threshold + 1e-9) break;
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const auto& list = impacts_[terms[i]];
      if (depth[i] >= list.size()) continue;
      const DocId doc = list[depth[i]++].doc;
      if (met[doc]) continue;
      met[doc] = true;
      if (keep && !keep(doc)) continue;
      const Scored cand{
          doc, terms.size() == 1 ? static_cast<double>(list[depth[i] - 1].score) : full_score(doc)};
      if (heap.size() < limit) {
        heap.push_back(cand);
        std::push_heap(heap.begin(), heap.end(), worst_first);
      } else if (better(cand, heap.front())) {
        std::pop_heap(heap.begin(), heap.end(), worst_first);
        heap.back() = cand;
        std::push_heap(heap.begin(), heap.end(), worst_first);
      }
    }
  }
  out = std::move(heap);
  std::sort(out.begin(), out.end(), better);
  return out;
}

std::vector<Scored> Index::rank_exhaustive(std::span<const TermId> query, std::size_t limit,
                                           const std::function<bool(DocId)>& keep) const {
  std::vector<TermId> terms(query.begin(), query.end());
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  std::unordered_map<DocId, double> scores;
  for (TermId t : terms) {
    if (t >= postings_.size()) continue;
    for (const auto& p : postings_[t]) {
      if (keep && !keep(p.doc)) continue;
      scores[p.doc] += static_cast<float>(contribution(t, p));
    }
  }
  std::vector<Scored> out;
  out.reserve(scores.size());
  for (auto [doc, score] : scores) out.push_back({doc, score});
  const auto k = std::min(limit, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(k), out.end(),
                    [](const Scored& a, const Scored& b) {
                      return a.score != b.score ? a.score > b.score : a.doc < b.doc;
                    });
  out.resize(k);
  return out;
}

std::vector<DocId> Index::docs(TermId t) const {
  std::vector<DocId> out;
  out.reserve(postings_[t].size());
  for (const auto& p : postings_[t]) out.push_back(p.doc);
  return out;
}

std::span<const TermId> Index::tokens(DocId doc) const {
  const auto begin = token_start_[doc], end = token_start_[doc + 1];
  return {tokens_.data() + begin, tokens_.data() + end};
}

bool Index::any_phrase(std::span<const TermId> phrase,
                       const std::function<bool(DocId)>& keep) const {
  if (phrase.empty()) return false;
  // A document holding the phrase holds its rarest word: only those are read.
  TermId rarest = phrase.front();
  for (TermId t : phrase) {
    if (t >= postings_.size()) return false;
    if (postings_[t].size() < postings_[rarest].size()) rarest = t;
  }
  for (const auto& p : postings_[rarest]) {
    if (keep && !keep(p.doc)) continue;
    // Every word present (a binary search each) before the token scan.
    if (std::all_of(phrase.begin(), phrase.end(),
                    [&](TermId t) { return t == rarest || tf_of(t, p.doc); }) &&
        find_phrase(p.doc, phrase))
      return true;
  }
  return false;
}

std::optional<std::size_t> Index::find_phrase(DocId doc, std::span<const TermId> phrase) const {
  const auto toks = tokens(doc);
  if (phrase.empty() || phrase.size() > toks.size()) return std::nullopt;
  for (std::size_t i = 0; i + phrase.size() <= toks.size(); ++i)
    if (std::equal(phrase.begin(), phrase.end(), toks.begin() + static_cast<std::ptrdiff_t>(i)))
      return i;
  return std::nullopt;
}

}  // namespace symptomdb::search
