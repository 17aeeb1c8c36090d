// From a coded problem (or its display name) to what symptomdb holds about
// it: articles, checker disease pages and phenotype terms. The coded routes
// all go through data we imported, never a mapping table of our own:
//  * UMLS CUI: the CUIs MedQuAD documents list for their focus, and HPO
//    terms cross-referenced to the CUI;
//  * SNOMED CT: HPO terms cross-referenced to the concept, then as an HPO term;
//  * HPO term: articles about the phenotype (CheckerLinks), articles whose
//    condition shares one of the term's UMLS CUIs, and the term itself;
//  * OMIM / Orphanet: the disease in the HPO annotations and its articles.
// A code that leads nowhere falls back to the display name, read by the
// question engine's focus finder.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "checker/checker.hpp"
#include "engine/snapshot.hpp"
#include "infobutton/code_system.hpp"
#include "ontology/ontology.hpp"
#include "qa/engine.hpp"

namespace symptomdb::infobutton {

enum class MatchKind { article, disease, phenotype };

struct Match {
  MatchKind kind = MatchKind::article;
  std::size_t index = 0;  // Snapshot::articles() position, DiseaseIndex or TermIndex
  std::string via;        // how the code led here, shown to integrators
};

struct Resolution {
  std::vector<Match> matches;  // articles first (those with an overview first), then the rest
  bool by_name = false;        // the matches come from the display name
};

// What the symptom checker's article links say (web::CheckerLinks), as pairs:
// (phenotype term, article) and (disease, article).
struct ArticleLinks {
  std::vector<std::pair<ontology::TermIndex, std::size_t>> terms;
  std::vector<std::pair<checker::DiseaseIndex, std::size_t>> diseases;
};

class Resolver {
 public:
  // `ontology` and `checker` may be null (no HPO data imported); the
  // references must outlive the resolver (the Site owns all of them).
  Resolver(const Snapshot& snapshot, const qa::Engine& engine,
           std::shared_ptr<const ontology::Ontology> ontology, const checker::Checker* checker,
           const ArticleLinks& links);

  // `code` as normalise_code() gives it.
  Resolution by_code(Lookup system, const std::string& code) const;
  Resolution by_name(std::string_view display_name) const;

 private:
  void add_term(ontology::TermIndex t, const std::string& via, Resolution& out) const;
  void add_condition_articles(std::size_t condition, const std::string& via, Resolution& out) const;
  void finish(Resolution& out) const;

  const Snapshot& snapshot_;
  const qa::Engine& engine_;
  std::shared_ptr<const ontology::Ontology> ontology_;
  const checker::Checker* checker_;
  std::unordered_map<std::string, std::vector<std::size_t>> conditions_by_cui_;
  std::unordered_map<std::string, std::vector<ontology::TermIndex>> terms_by_xref_;  // "UMLS:C..."
  std::unordered_map<ontology::TermIndex, std::vector<std::size_t>> articles_of_term_;
  std::unordered_map<checker::DiseaseIndex, std::vector<std::size_t>> articles_of_disease_;
};

}  // namespace symptomdb::infobutton
