// The immutable read side of symptomdb: every published article plus the
// indexes built over them. Built from the store, then shared read-only by all
// request threads (std::shared_ptr<const Snapshot>); a change to the store
// builds a new snapshot rather than editing this one, so readers never lock.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/article.hpp"
#include "search/index.hpp"

namespace symptomdb {

struct ConditionEntry {
  std::string name;
  std::string slug;
  std::vector<std::string> synonyms;
  std::string article_slug;  // the article that covers it
};

struct SearchResult {
  const Article* article = nullptr;
  double score = 0;
  std::string snippet;
};

class Snapshot {
 public:
  explicit Snapshot(std::vector<Article> articles);

  std::span<const Article> articles() const { return articles_; }
  const Article* article(std::string_view slug) const;
  // Conditions A-Z by name (case-insensitive), one entry per condition.
  std::span<const ConditionEntry> conditions() const { return conditions_; }
  std::vector<SearchResult> search(std::string_view query, std::size_t limit) const;

 private:
  std::vector<Article> articles_;  // ordered by slug
  std::unordered_map<std::string, std::size_t> by_slug_;
  std::vector<ConditionEntry> conditions_;
  search::Index index_;
};

}  // namespace symptomdb
