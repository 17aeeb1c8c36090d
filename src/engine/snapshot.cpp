#include "engine/snapshot.hpp"

#include <algorithm>

#include "text/normalize.hpp"

namespace symptomdb {
namespace {

// The other names HPO gives the finding a condition's own name is: those
// that are not already one of its names (compared folded).
void add_phenotype_names(ConditionEntry& c, const std::string* own,
                         const FindingSynonyms& synonyms) {
  // The finding named as the condition is, else the one that shares its
  // concept (UMLS CUI), when only one does and the condition is that one
  // concept (a syndrome listed with the CUIs of its signs is not each sign).
  const std::vector<std::string>* names = nullptr;
  if (own) {
    if (const auto it = synonyms.find(*own); it != synonyms.end()) names = &it->second;
  } else if (c.cuis.size() == 1) {
    for (const auto& cui : c.cuis)
      if (const auto it = synonyms.find("UMLS:" + cui);
          it != synonyms.end() && !it->second.empty()) {
        if (names && names != &it->second) return;
        names = &it->second;
      }
  }
  if (!names) return;
  std::vector<std::string> known{text::fold(c.name)};
  for (const auto& s : c.synonyms) known.push_back(text::fold(s));
  for (const auto& n : *names) {
    std::string folded = text::fold(n);
    if (std::find(known.begin(), known.end(), folded) != known.end()) continue;
    known.push_back(std::move(folded));
    c.phenotype_names.push_back(n);
  }
}

}  // namespace

Snapshot::Snapshot(std::vector<Article> articles, const FindingNames& findings,
                   const FindingSynonyms& synonyms)
    : articles_(std::move(articles)) {
  std::sort(articles_.begin(), articles_.end(),
            [](const Article& x, const Article& y) { return x.slug < y.slug; });
  std::unordered_map<std::string, std::size_t> by_condition;
  std::vector<std::size_t> raw_condition(articles_.size());
  for (std::size_t i = 0; i < articles_.size(); ++i) {
    const Article& a = articles_[i];
    by_slug_.emplace(a.slug, i);
    const std::string cslug = a.condition.slug();
    auto [it, fresh] = by_condition.emplace(cslug, conditions_.size());
    if (fresh)
      conditions_.push_back({a.condition.name, cslug, a.condition.kind, {}, {}, {}, {}, {}});
    ConditionEntry& c = conditions_[it->second];
    // Articles written for the site name the condition best; datasets
    // contribute synonyms.
    if (!fresh && a.provenance.format != "medquad") c.name = a.condition.name;
    for (const auto& s : a.condition.synonyms)
      if (std::find(c.synonyms.begin(), c.synonyms.end(), s) == c.synonyms.end() && s != c.name)
        c.synonyms.push_back(s);
    for (const auto& cui : a.condition.cuis)
      if (std::find(c.cuis.begin(), c.cuis.end(), cui) == c.cuis.end()) c.cuis.push_back(cui);
    for (const auto& t : a.condition.semantic_types)
      if (std::find(c.semantic_types.begin(), c.semantic_types.end(), t) == c.semantic_types.end())
        c.semantic_types.push_back(t);
    c.articles.push_back(i);
    raw_condition[i] = it->second;
  }
  // Sort A-Z, then remap the article -> condition links.
  std::vector<std::size_t> order(conditions_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::string> keys(conditions_.size());
  for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = text::fold(conditions_[i].name);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return keys[x] < keys[y]; });
  std::vector<std::size_t> new_pos(order.size());
  std::vector<ConditionEntry> sorted;
  sorted.reserve(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    new_pos[order[k]] = k;
    sorted.push_back(std::move(conditions_[order[k]]));
  }
  conditions_ = std::move(sorted);
  condition_of_.resize(articles_.size());
  for (std::size_t i = 0; i < articles_.size(); ++i) condition_of_[i] = new_pos[raw_condition[i]];
  for (std::size_t k = 0; k < conditions_.size(); ++k)
    condition_by_slug_.emplace(conditions_[k].slug, k);
  // A synonym that HPO names as a finding, and not as the finding the
  // condition's own name is ("Gouty arthritis" and "Gout" are one HPO term;
  // "Hyperuricemia" is another), is a sign of the condition, not its name.
  if (findings.empty()) return;
  auto term_of = [&](const std::string& name) -> const std::string* {
    auto it = findings.find(text::fold(name));
    return it == findings.end() ? nullptr : &it->second;
  };
  for (auto& c : conditions_) {
    const std::string* own = term_of(c.name);
    for (const auto& s : c.synonyms)
      if (const std::string* t = term_of(s); t && (!own || *t != *own)) c.findings.push_back(s);
    add_phenotype_names(c, own, synonyms);
  }
}

const Article* Snapshot::article(std::string_view slug) const {
  auto i = article_index(slug);
  return i ? &articles_[*i] : nullptr;
}

std::optional<std::size_t> Snapshot::article_index(std::string_view slug) const {
  auto it = by_slug_.find(std::string(slug));
  if (it == by_slug_.end()) return std::nullopt;
  return it->second;
}

const ConditionEntry* Snapshot::condition(std::string_view slug) const {
  auto it = condition_by_slug_.find(std::string(slug));
  return it == condition_by_slug_.end() ? nullptr : &conditions_[it->second];
}

}  // namespace symptomdb
