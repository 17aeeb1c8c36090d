// What the symptom checker pages read: the HPO graph, the checker built over
// the disease annotations, the free-text interpreter and the red-flag list,
// built once per import of HPO data and shared read-only by every request.
// Also the links between that data and the articles of a snapshot, so that a
// ranked condition can point to articles and an article to the checker.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "checker/checker.hpp"
#include "checker/interpret.hpp"
#include "checker/red_flags.hpp"
#include "checker/service.hpp"
#include "engine/snapshot.hpp"
#include "ontology/ontology.hpp"

namespace symptomdb::store {
class Store;
}

namespace symptomdb::web {

struct SymptomData {
  std::shared_ptr<const ontology::Ontology> ontology;
  std::unique_ptr<const checker::Checker> checker;
  std::unique_ptr<const checker::Interpreter> interpreter;
  std::unique_ptr<const checker::RedFlagTerms> red_flags;
  std::string hpo_version;
  std::string annotations_version;
  std::string stamp;  // Store::phenotype_stamp() when loaded
};

// Builds the checker from what the store holds; null when the ontology or the
// annotations have not been imported (the checker pages then say so).
std::shared_ptr<const SymptomData> load_symptom_data(store::Store& store);
// The same from records (tests, benchmarks).
std::shared_ptr<const SymptomData> make_symptom_data(
    const ontology::OntologyRecords& ontology, const ontology::AnnotationRecords& annotations);

// What a snapshot reads of the ontology (see Snapshot): HPO's names for
// findings (labels and exact synonyms) and each finding's other names
// (label, exact and related synonyms), from the graph already loaded for the
// checker, so the store's ontology is read once for both.
struct PhenotypeNaming {
  FindingNames names;
  FindingSynonyms synonyms;
};
PhenotypeNaming phenotype_naming(const ontology::Ontology& hpo);

// Where articles and checker data meet: a disease whose name (or a name its
// article gives as a synonym) is an article's condition, and a phenotype term
// whose label, an exact synonym or a UMLS cross-reference is an article's
// condition. Matching is on condition_key(), the same identity the site uses
// to merge conditions across sources.
class CheckerLinks {
 public:
  CheckerLinks() = default;
  CheckerLinks(const Snapshot& snapshot, const SymptomData& data);

  // Positions in Snapshot::articles().
  std::span<const std::size_t> articles_of(checker::DiseaseIndex disease) const;
  // Phenotype terms an article is about (a symptom article: "Muscle atrophy").
  std::span<const ontology::TermIndex> terms_of(std::size_t article) const;
  // Diseases an article is about.
  std::span<const checker::DiseaseIndex> diseases_of(std::size_t article) const;

 private:
  std::unordered_map<checker::DiseaseIndex, std::vector<std::size_t>> articles_of_disease_;
  std::unordered_map<std::size_t, std::vector<ontology::TermIndex>> terms_of_article_;
  std::unordered_map<std::size_t, std::vector<checker::DiseaseIndex>> diseases_of_article_;
};

// A disease's source record (checker/service), for the pages that link it.
using checker::disease_source_name;
using checker::disease_source_url;

}  // namespace symptomdb::web
