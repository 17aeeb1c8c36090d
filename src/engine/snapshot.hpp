// The immutable read side of symptomdb: every published article and the
// conditions they are about, merged across sources. Engines (qa/, search/)
// build their indexes from it. Built from the store, then shared read-only by all
// request threads (std::shared_ptr<const Snapshot>); a change to the store
// builds a new snapshot rather than editing this one, so readers never lock.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/article.hpp"

namespace symptomdb {

// A condition as the site knows it: merged over every article about it, so
// "Stroke" from NINDS, NHLBI and MedlinePlus is one entry with three sources.
struct ConditionEntry {
  std::string name;
  std::string slug;
  std::string kind;                   // disease, drug, other
  std::vector<std::string> synonyms;  // union over its articles, first-seen order
  std::vector<std::string> cuis;
  std::vector<std::size_t> articles;  // positions in Snapshot::articles()
  // Synonyms the phenotype ontology (HPO) names as a finding other than the
  // condition itself ("Hyperuricemia" under gout): related, not other names.
  std::vector<std::string> findings;
  // UMLS semantic types of its articles' focus, union in first-seen order
  // (Condition::semantic_types); empty when no article is annotated.
  std::vector<std::string> semantic_types;
  // When the condition's own name is an HPO finding ("Itching" is HPO's
  // Pruritus), the other names HPO gives that finding ("Pruritus", "Itchy
  // skin"): the words people write for it. Not its synonyms: the question
  // reader uses them only where they name nothing else (qa/focus).
  std::vector<std::string> phenotype_names;
};

// Phenotype names (HPO term labels and synonyms, folded) -> the term's id.
using FindingNames = std::unordered_map<std::string, std::string>;
// Term id -> the term's names (label, exact and related synonyms, lay ones
// included), as HPO writes them; also "UMLS:" + CUI -> the names of the one
// term cross-referenced to that concept (empty when several are).
using FindingSynonyms = std::unordered_map<std::string, std::vector<std::string>>;

class Snapshot {
 public:
  // `findings`, when given, tells which synonyms are findings (see
  // ConditionEntry::findings); `synonyms` gives a condition that is a
  // finding its ConditionEntry::phenotype_names.
  explicit Snapshot(std::vector<Article> articles, const FindingNames& findings = {},
                    const FindingSynonyms& synonyms = {});

  std::span<const Article> articles() const { return articles_; }
  const Article* article(std::string_view slug) const;
  std::optional<std::size_t> article_index(std::string_view slug) const;
  // Conditions A-Z by name (case-insensitive), one entry per condition.
  std::span<const ConditionEntry> conditions() const { return conditions_; }
  const ConditionEntry* condition(std::string_view slug) const;
  // The condition an article is about.
  const ConditionEntry& condition_of(std::size_t article) const {
    return conditions_[condition_of_[article]];
  }

 private:
  std::vector<Article> articles_;  // ordered by slug
  std::unordered_map<std::string, std::size_t> by_slug_;
  std::vector<ConditionEntry> conditions_;
  std::unordered_map<std::string, std::size_t> condition_by_slug_;
  std::vector<std::size_t> condition_of_;  // article position -> condition position
};

}  // namespace symptomdb
