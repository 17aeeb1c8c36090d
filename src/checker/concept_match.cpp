// Matching a person's findings against condition profiles through concepts
// (ProfileParameters::concept_weight). Words meet only when they are the
// same words: "abdominal pain" and "pain in the right lower quadrant" share
// "pain", which every second condition says. The interpreter reads both
// sides into ontology terms (the person's findings when they are read; the
// profiles' symptom text when the profiles are built), and the hierarchy
// says how near two terms are: a finding meets a profile at the most
// informative term that is both the finding's or above it and the
// profile's or above one of its terms. Information content is counted over
// the profiles themselves, so a term that many conditions' texts state
// (fever, pain, fatigue) is worth little and a specific one much. Everything
// is read from the built profiles and the ontology, the same rule for every
// condition, and each point is explained with the finding that earned it.
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "checker/conditions.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {

void ConditionModel::set_concepts(std::shared_ptr<const ontology::Ontology> ontology) {
  if (!ontology) {
    concepts_.reset();
    return;
  }
  auto c = std::make_shared<Concepts>();
  const auto& onto = *ontology;
  c->ontology = std::move(ontology);
  for (ontology::TermIndex t = 0; t < onto.size(); ++t)
    c->by_label.emplace(text::fold(onto.term(t).label), t);
  c->postings.assign(onto.size(), {});
  c->closure.assign(profiles_.size(), {});
  std::size_t described = 0;
  for (std::size_t i = 0; i < profiles_.size() && i < read_labels_.size(); ++i) {
    auto& closure = c->closure[i];
    for (const auto& label : read_labels_[i]) {
      const auto it = c->by_label.find(text::fold(label));
      if (it == c->by_label.end()) continue;
      const auto up = onto.ancestors(it->second);
      closure.insert(closure.end(), up.begin(), up.end());
    }
    std::sort(closure.begin(), closure.end());
    closure.erase(std::unique(closure.begin(), closure.end()), closure.end());
    if (closure.empty()) continue;
    ++described;
    for (const auto t : closure) c->postings[t].push_back(static_cast<std::uint32_t>(i));
  }
  // Information content over the profiles read into terms: -log of the
  // share whose text states the term or one under it.
  c->ic.assign(onto.size(), 0.0f);
  double total = 0;
  for (const auto& cl : c->closure) total += static_cast<double>(cl.size());
  if (described > 0) c->average_closure = total / static_cast<double>(described);
  if (described > 0)
    for (ontology::TermIndex t = 0; t < onto.size(); ++t)
      if (!c->postings[t].empty())
        c->ic[t] = static_cast<float>(
            std::log(static_cast<double>(described) / static_cast<double>(c->postings[t].size())));
  concepts_ = std::move(c);
}

double ConditionModel::concept_norm(std::size_t profile) const {
  // A long text is read into many terms and meets any story somewhere.
  if (params_.concept_length == 0) return 1;
  const double n = static_cast<double>(concepts_->closure[profile].size());
  return std::pow(concepts_->average_closure / std::max(1.0, n), params_.concept_length);
}

double ConditionModel::concept_ic(ontology::TermIndex t) const {
  return concepts_ && t < concepts_->ic.size() ? concepts_->ic[t] : 0.0;
}

std::vector<ConditionModel::ConceptTerm> ConditionModel::concept_terms(
    const std::vector<PreparedFinding>& prepared) const {
  std::vector<ConceptTerm> out;
  if (!concepts_) return out;
  // Each term once, in the finding where it weighs most; a term the person
  // has is never also counted against.
  std::unordered_map<ontology::TermIndex, std::size_t> owner;
  for (const bool absent : {false, true})
    for (std::size_t i = 0; i < prepared.size(); ++i) {
      if (prepared[i].absent != absent) continue;
      for (const auto& label : prepared[i].finding->expansions) {
        const auto it = concepts_->by_label.find(text::fold(label));
        if (it == concepts_->by_label.end()) continue;
        auto [o, fresh] = owner.emplace(it->second, i);
        if (fresh) continue;
        if (!prepared[o->second].absent && absent) continue;
        if (prepared[i].weight > prepared[o->second].weight) o->second = i;
      }
    }
  out.reserve(owner.size());
  for (const auto& [t, i] : owner) out.push_back({i, t});
  std::sort(out.begin(), out.end(), [](const ConceptTerm& a, const ConceptTerm& b) {
    return a.finding < b.finding || (a.finding == b.finding && a.term < b.term);
  });
  return out;
}

ConditionModel::ConceptMeet ConditionModel::concept_meet(ontology::TermIndex term,
                                                         std::size_t profile) const {
  ConceptMeet best;
  const auto& closure = concepts_->closure[profile];
  if (closure.empty()) return best;
  for (const auto a : concepts_->ontology->ancestors(term)) {
    double ic = concepts_->ic[a];
    if (ic < params_.concept_min_ic) continue;
    if (a == term)
      ic = static_cast<float>(concepts_->ic[a] * static_cast<float>(params_.concept_exact));
    if (ic <= best.ic) continue;
    if (std::binary_search(closure.begin(), closure.end(), a)) best = {a, ic};
  }
  return best;
}

void ConditionModel::apply_concepts(const std::vector<PreparedFinding>& prepared,
                                    std::vector<double>& score,
                                    const std::vector<char>& matched) const {
  if (!concepts_ || (params_.concept_weight == 0 && params_.concept_absent == 0)) return;
  const auto terms = concept_terms(prepared);
  const auto& c = *concepts_;
  std::vector<float> best(profiles_.size(), 0.0f);
  std::vector<std::uint32_t> touched;
  // Findings in order: each finding adds its best meeting per profile.
  for (std::size_t k = 0; k < terms.size();) {
    const std::size_t finding = terms[k].finding;
    const PreparedFinding& f = prepared[finding];
    touched.clear();
    for (; k < terms.size() && terms[k].finding == finding; ++k) {
      const auto q = terms[k].term;
      if (f.absent) {
        // Against the profiles stating it or something under it.
        const float ic = c.ic[q];
        if (ic < params_.concept_min_ic) continue;
        for (const auto p : c.postings[q]) {
          if (best[p] == 0) touched.push_back(p);
          best[p] = std::max(best[p], ic);
        }
        continue;
      }
      for (const auto a : c.ontology->ancestors(q)) {
        float ic = c.ic[a];
        if (ic < params_.concept_min_ic) continue;
        if (a == q) ic *= static_cast<float>(params_.concept_exact);
        for (const auto p : c.postings[a]) {
          if (best[p] == 0) touched.push_back(p);
          best[p] = std::max(best[p], ic);
        }
      }
    }
    const double w =
        f.absent ? -params_.concept_absent * f.weight : params_.concept_weight * f.weight;
    // Profiles the person's words reached: a concept refines how well a
    // described condition fits, it does not bring in one no word of the
    // story meets.
    for (const auto p : touched) {
      if (matched[p]) score[p] += w * best[p] * (f.absent ? 1.0 : concept_norm(p));
      best[p] = 0;
    }
  }
}

double ConditionModel::concept_contribution(const std::vector<PreparedFinding>& prepared,
                                            const std::vector<ConceptTerm>& terms,
                                            std::size_t finding, std::size_t profile,
                                            ConceptMeet* meet) const {
  if (!concepts_ || (params_.concept_weight == 0 && params_.concept_absent == 0)) return 0;
  const PreparedFinding& f = prepared[finding];
  ConceptMeet best;
  for (const auto& t : terms) {
    if (t.finding != finding) continue;
    if (f.absent) {
      const double ic = concepts_->ic[t.term];
      const auto& closure = concepts_->closure[profile];
      if (ic >= params_.concept_min_ic && ic > best.ic &&
          std::binary_search(closure.begin(), closure.end(), t.term))
        best = {t.term, ic};
      continue;
    }
    const auto m = concept_meet(t.term, profile);
    if (m.ic > best.ic) best = m;
  }
  if (meet) *meet = best;
  if (best.ic <= 0) return 0;
  // The same arithmetic as apply_concepts (float information content).
  const double ic = static_cast<float>(best.ic);
  return f.absent ? -params_.concept_absent * f.weight * ic
                  : params_.concept_weight * f.weight * ic * concept_norm(profile);
}

}  // namespace symptomdb::checker
