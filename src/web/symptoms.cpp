#include "web/symptoms.hpp"

#include <algorithm>

#include "core/spelling.hpp"
#include "store/store.hpp"
#include "text/normalize.hpp"

namespace symptomdb::web {
namespace {

template <typename T>
void add_unique(std::vector<T>& v, T x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

}  // namespace

PhenotypeNaming phenotype_naming(const ontology::Ontology& hpo) {
  PhenotypeNaming out;
  for (std::size_t t = 0; t < hpo.size(); ++t) {
    const auto& term = hpo.term(static_cast<ontology::TermIndex>(t));
    out.names.emplace(text::fold(term.label), term.id);
    auto& names = out.synonyms[term.id];
    names.push_back(term.label);
    for (const auto& syn : term.synonyms) {
      if (syn.scope == ontology::SynonymScope::exact)
        out.names.emplace(text::fold(syn.text), term.id);
      // Broader and narrower synonyms name other things ("Abnormal gait"
      // is not "Limping").
      if (syn.scope == ontology::SynonymScope::exact ||
          syn.scope == ontology::SynonymScope::related)
        names.push_back(syn.text);
    }
    // A condition is also that finding when they share a UMLS concept
    // ("Hair loss" and HPO's Alopecia).
    for (const auto& x : term.xrefs)
      if (x.starts_with("UMLS:")) {
        auto [it, fresh] = out.synonyms.emplace(x, names);
        if (!fresh) it->second.clear();  // two findings: neither is the condition
      }
  }
  return out;
}

std::shared_ptr<const SymptomData> make_symptom_data(
    const ontology::OntologyRecords& records, const ontology::AnnotationRecords& annotations) {
  auto data = std::make_shared<SymptomData>();
  data->ontology = std::make_shared<const ontology::Ontology>(ontology::Ontology::build(records));
  data->checker = std::make_unique<const checker::Checker>(
      checker::Checker::build(data->ontology, annotations));
  data->interpreter = std::make_unique<const checker::Interpreter>(data->ontology);
  data->red_flags = std::make_unique<const checker::RedFlagTerms>(*data->ontology);
  data->hpo_version = records.version;
  data->annotations_version = annotations.version;
  return data;
}

std::shared_ptr<const SymptomData> load_symptom_data(store::Store& store) {
  const std::string stamp = store.phenotype_stamp();
  auto records = store.load_ontology();
  auto annotations = store.load_annotations();
  if (!records || !annotations) return nullptr;
  auto data = make_symptom_data(*records, *annotations);
  std::const_pointer_cast<SymptomData>(data)->stamp = stamp;
  return data;
}

CheckerLinks::CheckerLinks(const Snapshot& snapshot, const SymptomData& data) {
  // Index the site's conditions once by every name and CUI they go by.
  std::unordered_map<std::string, std::vector<std::size_t>> by_key, by_cui;
  for (const auto& c : snapshot.conditions()) {
    std::vector<std::string> keys{condition_key(c.name)};
    for (const auto& s : c.synonyms) keys.push_back(condition_key(s));
    for (const auto& k : keys)
      if (!k.empty())
        for (const auto a : c.articles) add_unique(by_key[k], a);
    for (const auto& cui : c.cuis)
      for (const auto a : c.articles) add_unique(by_cui[cui], a);
  }
  if (by_key.empty()) return;

  const auto& checker = *data.checker;
  for (checker::DiseaseIndex d = 0; d < checker.disease_count(); ++d) {
    const auto it = by_key.find(condition_key(checker.disease(d).name));
    if (it == by_key.end()) continue;
    articles_of_disease_[d] = it->second;
    for (const auto a : it->second) add_unique(diseases_of_article_[a], d);
  }

  const auto& onto = *data.ontology;
  for (ontology::TermIndex t = 0; t < onto.size(); ++t) {
    const auto& term = onto.term(t);
    auto link = [&](const std::vector<std::size_t>& articles) {
      for (const auto a : articles) add_unique(terms_of_article_[a], t);
    };
    if (auto it = by_key.find(condition_key(term.label)); it != by_key.end()) link(it->second);
    for (const auto& s : term.synonyms)
      if (s.scope == ontology::SynonymScope::exact)
        if (auto it = by_key.find(condition_key(s.text)); it != by_key.end()) link(it->second);
    for (const auto& x : term.xrefs)
      if (x.starts_with("UMLS:"))
        if (auto it = by_cui.find(x.substr(5)); it != by_cui.end()) link(it->second);
  }
}

std::span<const std::size_t> CheckerLinks::articles_of(checker::DiseaseIndex disease) const {
  const auto it = articles_of_disease_.find(disease);
  return it == articles_of_disease_.end() ? std::span<const std::size_t>{} : it->second;
}

std::span<const ontology::TermIndex> CheckerLinks::terms_of(std::size_t article) const {
  const auto it = terms_of_article_.find(article);
  return it == terms_of_article_.end() ? std::span<const ontology::TermIndex>{} : it->second;
}

std::span<const checker::DiseaseIndex> CheckerLinks::diseases_of(std::size_t article) const {
  const auto it = diseases_of_article_.find(article);
  return it == diseases_of_article_.end() ? std::span<const checker::DiseaseIndex>{} : it->second;
}

}  // namespace symptomdb::web
