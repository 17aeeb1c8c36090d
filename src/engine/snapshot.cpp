#include "engine/snapshot.hpp"

#include <algorithm>

#include "text/normalize.hpp"

namespace symptomdb {
namespace {

// Field weights for ranking: a match on what the article is about counts
// more than a match in its body text.
constexpr double kConditionWeight = 6.0;
constexpr double kTitleWeight = 3.0;
constexpr double kHeadingWeight = 2.0;
constexpr double kBodyWeight = 1.0;

search::Document to_document(const Article& a) {
  search::Document d;
  d.id = a.slug;
  std::string names = a.condition.name;
  for (const auto& s : a.condition.synonyms) names += " " + s;
  d.fields.push_back({names, kConditionWeight});
  d.fields.push_back({a.title, kTitleWeight});
  std::string headings, body = a.introduction;
  d.passages.push_back(a.introduction);
  for (const auto& s : a.sections) {
    headings += " " + s.heading;
    body += " " + s.intro;
    if (!s.intro.empty()) d.passages.push_back(s.intro);
    for (const auto& item : s.items) {
      headings += " " + item.heading;
      body += " " + item.text;
      d.passages.push_back(item.heading.empty() ? item.text : item.heading + ": " + item.text);
    }
  }
  d.fields.push_back({headings, kHeadingWeight});
  d.fields.push_back({body, kBodyWeight});
  return d;
}

}  // namespace

Snapshot::Snapshot(std::vector<Article> articles) : articles_(std::move(articles)) {
  std::sort(articles_.begin(), articles_.end(),
            [](const Article& x, const Article& y) { return x.slug < y.slug; });
  for (std::size_t i = 0; i < articles_.size(); ++i) {
    const Article& a = articles_[i];
    by_slug_.emplace(a.slug, i);
    index_.add(to_document(a));
    conditions_.push_back({a.condition.name, a.condition.slug(), a.condition.synonyms, a.slug});
  }
  std::stable_sort(conditions_.begin(), conditions_.end(),
                   [](const ConditionEntry& x, const ConditionEntry& y) {
                     return text::fold(x.name) < text::fold(y.name);
                   });
}

const Article* Snapshot::article(std::string_view slug) const {
  auto it = by_slug_.find(std::string(slug));
  return it == by_slug_.end() ? nullptr : &articles_[it->second];
}

std::vector<SearchResult> Snapshot::search(std::string_view query, std::size_t limit) const {
  std::vector<SearchResult> out;
  for (auto& hit : index_.search(query, limit))
    out.push_back({&articles_[hit.doc], hit.score, std::move(hit.snippet)});
  return out;
}

}  // namespace symptomdb
