// Query-time fit of a condition's main symptoms (ProfileParameters::main_have,
// main_denied). BM25 asks how much of the person's story a condition's text
// holds; a long text of a neighbouring condition holds as much of it as the
// right one. What tells neighbours apart is the other direction: which of
// the symptoms a condition's own text repeats most the person has, and which
// they say they do not have. Everything is read from the built profiles
// (their symptom sentences and the words' specificity), the same rule for
// every condition, and every point it adds is explained.
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "checker/conditions.hpp"
#include "text/analyzer.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {

void ConditionModel::prepare_main_terms() {
  main_terms_.assign(profiles_.size(), {});
  std::vector<char> is_pair(postings_.size(), 0);
  for (const auto& [k, id] : term_ids_) is_pair[id] = k.find(' ') != std::string::npos;
  constexpr double kIdfCap = 4.0;
  std::unordered_map<std::uint32_t, std::uint32_t> count;
  for (std::size_t i = 0; i < profiles_.size(); ++i) {
    // The symptom sections; a profile without one is described by its
    // overview.
    bool any_symptoms = false;
    for (const auto& s : sentences_[i]) any_symptoms = any_symptoms || s.section == "symptoms";
    const std::string_view section = any_symptoms ? "symptoms" : "overview";
    count.clear();
    // In how many of its sentences: what a text repeats is what it is
    // about. (Weighing the first sentences more was measured: no better.)
    for (const auto& s : sentences_[i])
      if (s.section == section)
        for (const auto t : s.terms) ++count[t];
    // Its own name is not a symptom a person reports ("Meniere's disease
    // causes ...").
    std::unordered_set<std::uint32_t> own;
    for (const auto& t : profile_terms(profiles_[i].name, true))
      if (const auto it = term_ids_.find(t); it != term_ids_.end()) own.insert(it->second);
    auto& out = main_terms_[i];
    for (const auto& [t, n] : count) {
      // Words most general topics use ("symptom", "people") say nothing
      // about which condition it is; word pairs are mostly phrasing
      // ("attack gallbladder"), and too rare to be what a text repeats.
      if (own.contains(t) || idf_[t] < 1.0 || is_pair[t]) continue;
      // Specificity counts up to a point: beyond it, a rare word (a typo, a
      // name) is not more of a main symptom than a common one.
      const double w =
          (1 + std::log(static_cast<double>(n))) * std::min(idf_[t], kIdfCap) * symptom_share_[t];
      out.push_back({t, static_cast<float>(w)});
    }
    std::sort(out.begin(), out.end(), [](const MainTerm& a, const MainTerm& b) {
      return a.weight > b.weight || (a.weight == b.weight && a.term < b.term);
    });
    if (out.size() > 40) out.resize(40);
  }
}

ConditionModel::MainQuery ConditionModel::main_query(const std::vector<PreparedFinding>& prepared) {
  MainQuery q;
  for (const auto& f : prepared)
    for (const auto& [t, w] : f.terms) (f.absent ? q.absent : q.present).push_back(t);
  for (auto* v : {&q.present, &q.absent}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return q;
}

ConditionModel::MainFit ConditionModel::main_fit(std::size_t profile, const MainQuery& q) const {
  MainFit fit;
  if (profile >= main_terms_.size()) return fit;
  const auto& terms = main_terms_[profile];
  const std::size_t m =
      std::min(terms.size(), static_cast<std::size_t>(std::max(0.0, params_.main_count)));
  double total = 0;
  for (std::size_t k = 0; k < m; ++k) total += terms[k].weight;
  if (total <= 0) return fit;
  for (std::size_t k = 0; k < m; ++k) {
    const auto t = terms[k].term;
    if (std::binary_search(q.present.begin(), q.present.end(), t)) {
      fit.have += terms[k].weight / total;
      fit.have_terms.push_back(t);
    } else if (std::binary_search(q.absent.begin(), q.absent.end(), t)) {
      fit.denied += terms[k].weight / total;
      fit.denied_terms.push_back(t);
    }
  }
  return fit;
}

void ConditionModel::apply_main_fit(const std::vector<PreparedFinding>& prepared,
                                    std::vector<char>& matched, std::vector<double>& score,
                                    std::vector<double>* delta) const {
  if (delta) delta->assign(score.size(), 0.0);
  if (params_.main_have == 0 && params_.main_denied == 0) return;
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < score.size(); ++i)
    if (matched[i]) order.push_back(i);
  const std::size_t depth =
      params_.main_depth > 0 ? std::min(order.size(), static_cast<std::size_t>(params_.main_depth))
                             : order.size();
  auto better = [&](auto a, auto b) {
    return score[a] > score[b] || (score[a] == score[b] && a < b);
  };
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(depth), order.end(),
                    better);
  order.resize(depth);
  const auto q = main_query(prepared);
  std::vector<double> before(depth);                         // by place
  std::vector<std::pair<std::uint32_t, double>> own(depth);  // by profile, for `delta`
  for (std::size_t k = 0; k < depth; ++k) {
    before[k] = score[order[k]];
    own[k] = {order[k], before[k]};
  }
  for (const auto i : order) {
    score[i] += main_adjustment(main_fit(i, q));
    matched[i] = 2;
  }
  if (params_.main_keep_scores != 0) {
    // Reordered by the fit, each place keeps the score it had.
    std::sort(order.begin(), order.end(), better);
    for (std::size_t k = 0; k < depth; ++k) score[order[k]] = before[k];
  }
  if (delta)
    for (const auto& [i, was] : own) (*delta)[i] = score[i] - was;
}

ConditionModel::MainWords ConditionModel::main_words(
    const std::vector<PreparedFinding>& prepared) const {
  MainWords out;
  out.query = main_query(prepared);
  // The person's words for each term, as they wrote them (or as the name
  // their finding was read as).
  text::Analyzer analyzer;
  auto learn = [&](std::string_view text) {
    const auto terms = analyzer.terms(text::fold(text));
    for (const auto& t : terms)
      if (const auto it = term_ids_.find(indexed_stem(t.stem)); it != term_ids_.end())
        out.surface.emplace(it->second, t.surface);
  };
  for (const auto& f : prepared) {
    learn(f.finding->text);
    for (const auto& e : f.finding->expansions) learn(e);
  }
  return out;
}

void ConditionModel::explain_main_fit(const MainWords& words, std::size_t profile, double delta,
                                      std::vector<ProfileEvidence>& evidence) const {
  const auto fit = main_fit(profile, words.query);
  const auto& surface = words.surface;
  auto line = [&](std::string finding, const std::vector<std::uint32_t>& terms, double contribution,
                  bool absent) {
    ProfileEvidence e;
    e.finding = std::move(finding);
    e.overall = true;
    e.absent = absent;
    for (const auto t : terms) {
      const auto it = surface.find(t);
      if (it != surface.end() &&
          std::find(e.words.begin(), e.words.end(), it->second) == e.words.end())
        e.words.push_back(it->second);
    }
    // The symptom sentence naming most of them.
    if (const Sentence* s = sentence_naming_most(profile, terms))
      e.quote = s->text, e.section = s->section;
    e.contribution = std::round(contribution * 1000) / 1000;
    e.main_symptoms = !absent;
    evidence.push_back(std::move(e));
  };
  double denied = 0;
  if (params_.main_denied != 0 && !fit.denied_terms.empty()) {
    denied = -params_.main_denied * fit.denied;
    line("its main symptoms that you do not have", fit.denied_terms, denied, true);
  }
  // What the fit changed besides: the bonus for the main symptoms the
  // person has or, when places keep their scores (main_keep_scores), the
  // step up or down to the place the fit gave it.
  const double rest = delta - denied;
  if (!fit.have_terms.empty() || std::abs(rest) > 1e-9)
    line(rest >= 0 ? "its main symptoms that you have"
                   : "placed below conditions whose main symptoms you have more of",
         fit.have_terms, rest, false);
  else if (!main_terms_[profile].empty())
    // Weighed, and none of them is the person's, though nothing ranked
    // above it for that: said all the same, since what it shares is then
    // what many conditions list besides their own picture (and triage
    // reads this line so).
    line("none of its main symptoms is among what you describe", {}, 0, false);
}

}  // namespace symptomdb::checker
