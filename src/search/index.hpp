// An in-memory inverted index with positions and BM25F ranking over weighted
// fields. Built once per snapshot and then only read, so queries need no
// locks. Documents are identified by the order they were added.
//
// Each term's postings are kept twice: in document order (for lookups of
// one document) and in impact order (best-scoring document first), so that
// the top k of a query are found without scoring every posting of a common
// word: the lists are read best first, each new document scored in full
// by lookups, until no unread document can beat the k-th (the threshold
// algorithm).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/analyzer.hpp"

namespace symptomdb::search {

using TermId = std::uint32_t;
using DocId = std::uint32_t;

struct Field {
  std::string_view text;
  double weight = 1.0;  // how much one occurrence here counts (a title > body)
};

struct Scored {
  DocId doc = 0;
  double score = 0;
};

class Index {
 public:
  DocId add(std::span<const Field> fields, text::Analyzer& analyzer);
  void finish();  // after the last add(): fixes the length normalisation

  std::size_t size() const { return lengths_.size(); }
  std::optional<TermId> term(std::string_view stem) const;
  const std::string& term_text(TermId t) const { return terms_[t]; }
  std::size_t term_count() const { return terms_.size(); }
  std::size_t df(TermId t) const { return postings_[t].size(); }
  // How many times the term occurs in the whole collection.
  std::uint64_t collection_frequency(TermId t) const { return cf_[t]; }
  double idf(TermId t) const;

  // BM25F over the given terms (each counted once); `keep` filters
  // documents before they are ranked. Best first, at most `limit`; ties by
  // document order. The work grows with `limit`, not with the postings.
  std::vector<Scored> rank(std::span<const TermId> terms, std::size_t limit,
                           const std::function<bool(DocId)>& keep = {}) const;
  // The same, scoring every posting: the reference rank() is checked against.
  std::vector<Scored> rank_exhaustive(std::span<const TermId> terms, std::size_t limit,
                                      const std::function<bool(DocId)>& keep = {}) const;
  // Calls f(doc) for every document containing any of the terms (a
  // document once per term that it contains), without scoring.
  template <typename F>
  void for_each_match(std::span<const TermId> terms, F&& f) const {
    for (TermId t : terms)
      if (t < postings_.size())
        for (const auto& p : postings_[t]) f(p.doc);
  }

  // Documents containing the term, in order.
  std::vector<DocId> docs(TermId t) const;
  // The document's terms in order, fields separated by kBoundary.
  std::span<const TermId> tokens(DocId doc) const;
  // Token position where `phrase` starts in the document, if it does; no
  // phrase crosses a field boundary.
  std::optional<std::size_t> find_phrase(DocId doc, std::span<const TermId> phrase) const;
  // Whether any document `keep` accepts holds the phrase: a cheap test
  // before ranking for documents that must hold it.
  bool any_phrase(std::span<const TermId> phrase,
                  const std::function<bool(DocId)>& keep = {}) const;

  static constexpr TermId kBoundary = 0xFFFFFFFFu;

 private:
  struct Posting {
    DocId doc;
    float tf;  // field-weighted term frequency
  };
  struct Impact {
    DocId doc;
    float score;  // the term's BM25F contribution to the document
  };
  double contribution(TermId t, const Posting& p) const;
  std::optional<float> tf_of(TermId t, DocId doc) const;
  std::unordered_map<std::string, TermId> term_ids_;
  std::vector<std::string> terms_;
  std::vector<std::vector<Posting>> postings_;  // by document
  std::vector<std::vector<Impact>> impacts_;    // best first
  std::vector<std::uint64_t> cf_;
  std::vector<float> lengths_;  // field-weighted
  std::vector<std::uint32_t> token_start_;
  std::vector<TermId> tokens_;
  double avg_length_ = 1;
};

}  // namespace symptomdb::search
