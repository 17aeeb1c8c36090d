#include "infobutton/resolver.hpp"

#include <algorithm>
#include <unordered_set>

namespace symptomdb::infobutton {

Resolver::Resolver(const Snapshot& snapshot, const qa::Engine& engine,
                   std::shared_ptr<const ontology::Ontology> ontology,
                   const checker::Checker* checker, const ArticleLinks& links)
    : snapshot_(snapshot), engine_(engine), ontology_(std::move(ontology)), checker_(checker) {
  const auto conditions = snapshot_.conditions();
  for (std::size_t c = 0; c < conditions.size(); ++c)
    for (const auto& cui : conditions[c].cuis) conditions_by_cui_[cui].push_back(c);
  if (ontology_) {
    for (ontology::TermIndex t = 0; t < ontology_->size(); ++t)
      for (const auto& x : ontology_->term(t).xrefs) {
        // HPO writes SNOMED CT both ways over its history.
        if (x.starts_with("SNOMED_CT:"))
          terms_by_xref_["SNOMEDCT_US:" + x.substr(10)].push_back(t);
        else
          terms_by_xref_[x].push_back(t);
      }
  }
  for (const auto& [t, a] : links.terms) articles_of_term_[t].push_back(a);
  for (const auto& [d, a] : links.diseases) articles_of_disease_[d].push_back(a);
}

void Resolver::add_condition_articles(std::size_t condition, const std::string& via,
                                      Resolution& out) const {
  for (const auto a : snapshot_.conditions()[condition].articles)
    out.matches.push_back({MatchKind::article, a, via});
}

void Resolver::add_term(ontology::TermIndex t, const std::string& via, Resolution& out) const {
  const auto& term = ontology_->term(t);
  if (auto it = articles_of_term_.find(t); it != articles_of_term_.end())
    for (const auto a : it->second)
      out.matches.push_back({MatchKind::article, a, via + "; an article about " + term.label});
  for (const auto& x : term.xrefs) {
    if (!x.starts_with("UMLS:")) continue;
    if (auto it = conditions_by_cui_.find(x.substr(5)); it != conditions_by_cui_.end())
      for (const auto c : it->second)
        add_condition_articles(c, via + "; its UMLS cross-reference " + x.substr(5), out);
  }
  out.matches.push_back({MatchKind::phenotype, t, via});
}

Resolution Resolver::by_code(Lookup system, const std::string& code) const {
  Resolution out;
  switch (system) {
    case Lookup::umls: {
      if (auto it = conditions_by_cui_.find(code); it != conditions_by_cui_.end())
        for (const auto c : it->second)
          add_condition_articles(c, "UMLS CUI " + code + " of the article's condition", out);
      if (ontology_)
        if (auto it = terms_by_xref_.find("UMLS:" + code); it != terms_by_xref_.end())
          for (const auto t : it->second)
            add_term(t, "HPO term " + ontology_->term(t).id + ", cross-referenced to UMLS " + code,
                     out);
      break;
    }
    case Lookup::snomed_ct: {
      if (!ontology_) break;
      if (auto it = terms_by_xref_.find("SNOMEDCT_US:" + code); it != terms_by_xref_.end())
        for (const auto t : it->second)
          add_term(t,
                   "HPO term " + ontology_->term(t).id + ", cross-referenced to SNOMED CT " + code,
                   out);
      break;
    }
    case Lookup::hpo: {
      if (!ontology_) break;
      if (const auto t = ontology_->find(code)) add_term(*t, "HPO term " + code, out);
      break;
    }
    case Lookup::omim:
    case Lookup::orphanet: {
      if (!checker_) break;
      if (const auto d = checker_->find_disease(code)) {
        const std::string via = code + " in the HPO disease annotations";
        if (auto it = articles_of_disease_.find(*d); it != articles_of_disease_.end())
          for (const auto a : it->second) out.matches.push_back({MatchKind::article, a, via});
        out.matches.push_back({MatchKind::disease, *d, via});
      }
      break;
    }
    case Lookup::none:
      break;
  }
  finish(out);
  return out;
}

Resolution Resolver::by_name(std::string_view display_name) const {
  Resolution out;
  out.by_name = true;
  for (const auto& m : engine_.find_focus(display_name))
    add_condition_articles(m.condition, "the display name, read as \"" + m.name + "\"", out);
  finish(out);
  return out;
}

// One entry per article (the first route that found it), articles that hold
// an overview before those that do not, then diseases and phenotype terms.
void Resolver::finish(Resolution& out) const {
  std::unordered_set<std::size_t> seen_articles, seen_terms, seen_diseases;
  std::vector<Match> kept;
  for (auto& m : out.matches) {
    auto& seen = m.kind == MatchKind::article   ? seen_articles
                 : m.kind == MatchKind::disease ? seen_diseases
                                                : seen_terms;
    if (seen.insert(m.index).second) kept.push_back(std::move(m));
  }
  auto rank = [&](const Match& m) {
    if (m.kind != MatchKind::article) return 2;
    return snapshot_.articles()[m.index].find_section(SectionType::overview) ? 0 : 1;
  };
  std::stable_sort(kept.begin(), kept.end(),
                   [&](const Match& x, const Match& y) { return rank(x) < rank(y); });
  out.matches = std::move(kept);
}

}  // namespace symptomdb::infobutton
