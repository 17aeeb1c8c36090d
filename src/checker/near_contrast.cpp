// What sets a condition apart from the conditions near it
// (ProfileParameters::contrast_weight). The idf a word gets over all the
// profiles says how rare it is in the knowledge base, not whether it tells
// apart the few conditions a story is close to: among heart conditions
// "chest" and "discomfort" are said by all, and the longest text holding
// them most wins. Among the best by the other rules, each of the person's
// words counts by how few of them hold it; the same rule for every query,
// read from the built profiles only, and every point it moves is explained.
#include <algorithm>
#include <cmath>

#include "checker/conditions.hpp"
#include "text/analyzer.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {
namespace {

template <class Posting>
bool holds(const std::vector<Posting>& posts, std::uint32_t profile) {
  // Postings are in profile order (built profile by profile).
  const auto it = std::lower_bound(posts.begin(), posts.end(), profile,
                                   [](const Posting& p, std::uint32_t v) { return p.profile < v; });
  return it != posts.end() && it->profile == profile;
}

}  // namespace

void ConditionModel::apply_contrast(const std::vector<PreparedFinding>& prepared,
                                    const std::vector<char>& matched, std::vector<double>& score,
                                    Contrast* out) const {
  if (out) {
    out->delta.assign(score.size(), 0.0);
    out->specificity.clear();
  }
  if (params_.contrast_weight == 0 || params_.contrast_depth < 2) return;
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < score.size(); ++i)
    if (matched[i]) order.push_back(i);
  const std::size_t depth =
      std::min(order.size(), static_cast<std::size_t>(params_.contrast_depth));
  if (depth < 2) return;
  auto better = [&](auto a, auto b) {
    return score[a] > score[b] || (score[a] == score[b] && a < b);
  };
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(depth), order.end(),
                    better);
  order.resize(depth);
  std::vector<std::uint32_t> near = order;
  std::sort(near.begin(), near.end());
  // Each term's specificity among the near ones.
  const double log_depth = std::log(static_cast<double>(depth));
  std::unordered_map<std::uint32_t, double> specificity;
  for (const auto& f : prepared)
    for (const auto& [t, w] : f.terms) {
      if (specificity.contains(t)) continue;
      std::size_t df = 0;
      for (const auto p : near) df += holds(postings_[t], p);
      specificity[t] =
          df == 0 ? 1.0
                  : std::log(static_cast<double>(depth) / static_cast<double>(df)) / log_depth;
    }
  // Each near one scored again: the part of each finding's contribution
  // that all of them share is taken off, `contrast_weight` of it.
  std::vector<double> before(depth);
  std::vector<double> adjusted(score.size(), 0.0);
  for (std::size_t k = 0; k < depth; ++k) {
    const auto i = order[k];
    before[k] = score[i];
    double shared = 0;
    for (const auto& f : prepared) {
      if (params_.contrast_scope == 1 && !f.finding->chief) continue;
      if (params_.contrast_scope == 2 && f.finding->expansions.empty()) continue;
      // The names of one term read counted once, as scored (sum_of_names).
      const double raw = sum_of_names(f, [&](std::size_t k) {
        const auto [t, w] = f.terms[k];
        return placed(f, t, i) ? term_in(t, w, i) * (1 - specificity[t]) : 0.0;
      });
      if (raw != 0) shared += finding_contribution(f, raw);
    }
    adjusted[i] = score[i] - params_.contrast_weight * shared * length_factor(i);
  }
  // Reordered by it, each place keeps the score it had: the gaps triage and
  // the display shares read stay as the other rules made them.
  std::vector<std::uint32_t> reordered = order;
  std::stable_sort(reordered.begin(), reordered.end(), [&](auto a, auto b) {
    return adjusted[a] > adjusted[b] || (adjusted[a] == adjusted[b] && a < b);
  });
  for (std::size_t k = 0; k < depth; ++k) {
    const auto i = reordered[k];
    if (out) out->delta[i] = before[k] - score[i];
  }
  for (std::size_t k = 0; k < depth; ++k) score[reordered[k]] = before[k];
  if (out) out->specificity = std::move(specificity);
}

void ConditionModel::explain_contrast(const std::vector<PreparedFinding>& prepared,
                                      const Contrast& contrast, std::size_t profile,
                                      std::vector<ProfileEvidence>& evidence) const {
  if (profile >= contrast.delta.size() || std::abs(contrast.delta[profile]) < 1e-9) return;
  const double delta = contrast.delta[profile];
  ProfileEvidence e;
  e.overall = true;
  e.finding = delta > 0 ? "placed above conditions near it: it holds words of yours they do not"
                        : "placed below conditions near it that hold more of your words that "
                          "the others do not";
  // The person's words it holds that at most half of the near ones hold.
  text::Analyzer analyzer;
  std::vector<std::uint32_t> terms;
  for (const auto& f : prepared) {
    if (f.absent) continue;
    for (const auto& [t, w] : f.terms) {
      const auto it = contrast.specificity.find(t);
      if (it == contrast.specificity.end() || it->second < 0.3) continue;
      if (!holds(postings_[t], static_cast<std::uint32_t>(profile))) continue;
      terms.push_back(t);
      for (const auto& word : analyzer.terms(text::fold(f.finding->text)))
        if (const auto id = term_ids_.find(word.stem);
            id != term_ids_.end() && id->second == t &&
            std::find(e.words.begin(), e.words.end(), word.surface) == e.words.end())
          e.words.push_back(word.surface);
    }
  }
  std::sort(terms.begin(), terms.end());
  if (const Sentence* s = sentence_naming_most(profile, terms))
    e.quote = s->text, e.section = s->section;
  e.contribution = std::round(delta * 1000) / 1000;
  evidence.push_back(std::move(e));
}

}  // namespace symptomdb::checker
