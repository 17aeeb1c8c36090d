#include "checker/checker.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

#include "core/embedded.hpp"

namespace symptomdb::checker {
namespace {

std::optional<Sex> sex_of(std::string_view s) {
  if (s == "MALE" || s == "male") return Sex::male;
  if (s == "FEMALE" || s == "female") return Sex::female;
  return std::nullopt;
}

// Onset band -> the age it begins at, from checker/data/onset_ages.tsv.
std::unordered_map<TermIndex, double> read_onset_ages(const ontology::Ontology& onto) {
  std::unordered_map<TermIndex, double> out;
  for (const auto& row : embedded_table("src/checker/data/onset_ages.tsv")) {
    double years = 0;
    if (row.size() < 2 ||
        std::from_chars(row[1].data(), row[1].data() + row[1].size(), years).ec != std::errc())
      continue;
    if (const auto t = onto.find(row[0])) out.emplace(*t, years);
  }
  return out;
}

// The age an onset term begins at: its own entry, else its nearest listed
// ancestor's (the latest such, as the most specific).
std::optional<double> onset_years(const ontology::Ontology& onto,
                                  const std::unordered_map<TermIndex, double>& ages, TermIndex t) {
  if (const auto it = ages.find(t); it != ages.end()) return it->second;
  std::optional<double> best;
  for (const TermIndex a : onto.ancestors(t))
    if (const auto it = ages.find(a); it != ages.end())
      best = std::max(best.value_or(it->second), it->second);
  return best;
}

void sort_unique(std::vector<TermIndex>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

Checker Checker::build(std::shared_ptr<const ontology::Ontology> ontology,
                       const ontology::AnnotationRecords& annotations, Parameters parameters) {
  Checker c;
  c.ontology_ = std::move(ontology);
  c.parameters_ = parameters;
  c.annotations_version_ = annotations.version;
  const ontology::Ontology& onto = *c.ontology_;
  const auto onset_root = onto.find("HP:0003674");  // "Onset": the branch of onset terms
  const auto onset_ages = read_onset_ages(onto);

  // Group rows by disease, in id order so indexes do not depend on row order.
  std::map<std::string, std::vector<const ontology::Annotation*>, std::less<>> rows;
  for (const auto& a : annotations.rows) rows[a.disease_id].push_back(&a);

  c.diseases_.reserve(rows.size());
  for (const auto& [id, list] : rows) {
    Disease d;
    d.id = id;
    d.name = list.front()->disease_name;
    std::map<TermIndex, std::pair<double, bool>> present;  // frequency, given by the file
    std::optional<Sex> sex;
    bool sex_everywhere = true;
    std::size_t phenotype_rows = 0;
    for (const auto* a : list) {
      const auto t = onto.find(a->term_id);
      if (!t) {
        ++c.unknown_term_ids_;
        continue;
      }
      if (!a->onset.empty()) {
        if (const auto o = onto.find(a->onset)) d.onset.push_back(*o);
      }
      switch (a->aspect) {
        case 'P': {
          if (a->negated) {
            d.excluded.push_back(*t);
            break;
          }
          const auto given = ontology::frequency_value(a->frequency);
          const double f = std::clamp(given.value_or(parameters.default_frequency), 0.0, 1.0);
          // HP:0040285 "Excluded (0%)" is a NOT annotation written as a frequency.
          if (f <= 0.0) {
            d.excluded.push_back(*t);
            break;
          }
          ++phenotype_rows;
          auto [it, fresh] = present.emplace(*t, std::pair{f, given.has_value()});
          if (!fresh) {
            it->second.first = std::max(it->second.first, f);
            it->second.second = it->second.second || given.has_value();
          }
          const auto s = sex_of(a->sex);
          if (!s || (sex && *sex != *s)) sex_everywhere = false;
          if (s && !sex) sex = s;
          break;
        }
        case 'I':
          d.inheritance.push_back(*t);
          break;
        case 'C':
          if (onset_root && onto.is_ancestor_or_self(*onset_root, *t)) d.onset.push_back(*t);
          break;
        default:
          break;
      }
    }
    for (const auto& [t, f] : present) d.present.push_back({t, f.first, f.second});
    if (phenotype_rows > 0 && sex_everywhere) d.only_sex = sex;
    sort_unique(d.excluded);
    sort_unique(d.inheritance);
    sort_unique(d.onset);
    for (const TermIndex o : d.onset)
      if (const auto years = onset_years(onto, onset_ages, o))
        d.earliest_onset_years = std::min(d.earliest_onset_years.value_or(*years), *years);
    c.by_id_.emplace(d.id, static_cast<DiseaseIndex>(c.diseases_.size()));
    if (!d.excluded.empty()) c.with_not_.push_back(static_cast<DiseaseIndex>(c.diseases_.size()));
    for (const TermIndex t : d.excluded)
      c.not_pairs_.emplace_back(t, static_cast<DiseaseIndex>(c.diseases_.size()));
    c.diseases_.push_back(std::move(d));
  }

  c.scale_.assign(c.diseases_.size(), 1.0);
  if (parameters.size_exponent != 0.0 && !c.diseases_.empty()) {
    std::vector<double> totals;
    for (const auto& d : c.diseases_) {
      double total = 0;
      for (const auto& dt : d.present) total += dt.frequency;
      totals.push_back(total);
    }
    std::vector<double> sorted = totals;
    std::nth_element(sorted.begin(),
                     sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
    const double typical = std::max(sorted[sorted.size() / 2], 1.0);
    for (std::size_t d = 0; d < totals.size(); ++d)
      c.scale_[d] = std::pow(typical / std::max(totals[d], 1.0), parameters.size_exponent);
  }

  std::sort(c.not_pairs_.begin(), c.not_pairs_.end());

  // Propagate each disease's frequencies to every ancestor (an annotation to
  // t implies its ancestors; the best frequency wins), then lay the postings
  // out term by term with a counting sort.
  const std::size_t n_terms = onto.size();
  const auto n_diseases = static_cast<double>(c.diseases_.size());
  std::vector<float> best(n_terms, 0.0f);
  std::vector<TermIndex> touched, source(n_terms, 0);
  c.closure_offset_.assign(c.diseases_.size() + 1, 0);
  std::vector<std::pair<TermIndex, Posting>> flat;
  for (DiseaseIndex di = 0; di < c.diseases_.size(); ++di) {
    touched.clear();
    for (const auto& dt : c.diseases_[di].present) {
      for (const TermIndex a : onto.ancestors(dt.term)) {
        if (best[a] == 0.0f) touched.push_back(a);
        // The floor keeps a tiny frequency (0.1%) distinct from "not seen".
        const float f = std::max(static_cast<float>(dt.frequency), 1e-6f);
        if (f > best[a]) {
          best[a] = f;
          source[a] = dt.term;
        }
      }
    }
    std::sort(touched.begin(), touched.end());
    for (const TermIndex a : touched) {
      flat.push_back({a, Posting{di, best[a], static_cast<float>(c.present_weight(best[a], di))}});
      c.closure_.push_back({a, best[a], source[a]});
      best[a] = 0.0f;
    }
    c.closure_offset_[di + 1] = static_cast<std::uint32_t>(c.closure_.size());
  }
  c.posting_offset_.assign(n_terms + 1, 0);
  for (const auto& [t, p] : flat) ++c.posting_offset_[t + 1];
  std::partial_sum(c.posting_offset_.begin(), c.posting_offset_.end(), c.posting_offset_.begin());
  c.postings_.resize(flat.size());
  {
    std::vector<std::uint32_t> next(c.posting_offset_.begin(), c.posting_offset_.end() - 1);
    for (const auto& [t, p] : flat) c.postings_[next[t]++] = p;
  }
  flat = {};

  // Each term's postings by weight, heaviest first: a present finding's scan
  // of an ancestor stops at the first disease that cannot beat the floor,
  // which cuts the long lists of general ancestors short (a 50-finding query
  // of common findings scanned most of them in full).
  c.max_weight_.assign(n_terms, 0.0f);
  for (TermIndex t = 0; t < n_terms; ++t) {
    const auto first = c.postings_.begin() + c.posting_offset_[t];
    const auto last = c.postings_.begin() + c.posting_offset_[t + 1];
    std::sort(first, last, [](const Posting& a, const Posting& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.disease < b.disease;
    });
    if (first != last) c.max_weight_[t] = first->weight;
  }

  constexpr double kPseudo = 0.1;
  c.counts_.assign(n_terms, 0);
  c.ic_.assign(n_terms, 0.0);
  c.background_.assign(n_terms, 0.0);
  c.present_background_.assign(n_terms, 0.0);
  for (TermIndex t = 0; t < n_terms; ++t) {
    const auto b = c.posting_offset_[t], e = c.posting_offset_[t + 1];
    c.counts_[t] = e - b;
    double sum = 0, weighted = 0;
    for (auto k = b; k < e; ++k) {
      sum += c.postings_[k].frequency;
      weighted += c.postings_[k].weight;
    }
    // Smoothing by a tenth of a pseudo-disease: a term no disease carries
    // still has a background, so an unexplained finding never divides by
    // zero, while in a small collection the pseudo-count does not swamp the
    // real frequencies (add-one made a matched finding look like evidence
    // against a disease in a four-disease test set).
    c.background_[t] = (sum + kPseudo) / (n_diseases + kPseudo);
    c.present_background_[t] = (weighted + kPseudo) / (n_diseases + kPseudo);
    c.ic_[t] = n_diseases > 0 ? -std::log(std::max<double>(c.counts_[t], 1.0) / n_diseases) : 0.0;
  }
  return c;
}

std::optional<DiseaseIndex> Checker::find_disease(std::string_view id) const {
  const auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

bool Checker::not_annotated_above(DiseaseIndex d, TermIndex q) const {
  for (const TermIndex t : diseases_[d].excluded)
    if (ontology_->is_ancestor_or_self(t, q)) return true;
  return false;
}

bool Checker::not_annotated_related(DiseaseIndex d, TermIndex q) const {
  for (const TermIndex t : diseases_[d].excluded)
    if (ontology_->is_ancestor_or_self(t, q) || ontology_->is_ancestor_or_self(q, t)) return true;
  return false;
}

double Checker::present_weight(double frequency, DiseaseIndex d) const {
  const double e = parameters_.frequency_exponent;
  return (e == 1.0 ? frequency : std::pow(frequency, e)) * scale_[d];
}

double Checker::ancestor_weight(TermIndex q, TermIndex a, const std::vector<double>& bg) const {
  if (a == q) return 1.0;
  const double w = parameters_.imprecision;
  if (parameters_.specificity == 0.0) return w;
  const double ratio = bg[q] / bg[a];
  return w * (parameters_.specificity == 1.0 ? ratio : std::pow(ratio, parameters_.specificity));
}

// The exact (per-disease) form of what rank() computes from the postings;
// used for the explanations of the diseases rank() returns. Both take, over
// every annotated term t and every common ancestor a of q and t, the best
// w(a) * f(t) / bg(a), with w = 1 when a is q itself.
Checker::Explanation Checker::explain(TermIndex q, bool excluded, DiseaseIndex d) const {
  const Parameters& p = parameters_;
  const Disease& dis = diseases_[d];
  const auto q_anc = ontology_->ancestors(q);
  const std::vector<double>& bgs = excluded ? background_ : present_background_;
  double best = 0;  // best w * f / bg(a)
  std::optional<TermIndex> best_term;
  const auto first = closure_.begin() + closure_offset_[d];
  const auto last = closure_.begin() + closure_offset_[d + 1];
  auto at = first;
  for (const TermIndex a : q_anc) {  // both sorted by term: one forward pass
    at = std::lower_bound(at, last, a, [](const Closure& c, TermIndex t) { return c.term < t; });
    if (at == last) break;
    if (at->term != a) continue;
    const auto raw = static_cast<double>(at->frequency);
    const double f = excluded ? raw : present_weight(raw, d);
    const double v = ancestor_weight(q, a, bgs) * f / bgs[a];
    if (v > best) {
      best = v;
      best_term = at->source;
    }
  }
  const double bg = background_[q];
  if (!excluded) {
    if (not_annotated_above(d, q)) {
      const auto it = std::find_if(dis.excluded.begin(), dis.excluded.end(), [&](TermIndex t) {
        return ontology_->is_ancestor_or_self(t, q);
      });
      return {std::log10(p.not_present_lr), *it};
    }
    if (best <= p.false_positive) return {std::log10(p.false_positive), std::nullopt};
    return {std::log10(best), best_term};
  }
  // Absence is evidence weighted by max_frequency (see Parameters).
  const double denominator = 1.0 - p.max_frequency * std::min(bg, 1.0);
  if (not_annotated_related(d, q)) {
    const auto it = std::find_if(dis.excluded.begin(), dis.excluded.end(), [&](TermIndex t) {
      return ontology_->is_ancestor_or_self(t, q) || ontology_->is_ancestor_or_self(q, t);
    });
    return {std::log10(p.not_excluded_lr / denominator), *it};
  }
  const double prob = std::max(best * bg, p.false_positive * bg);
  const double lr = (1.0 - p.max_frequency * std::min(prob, 1.0)) / denominator;
  return {std::log10(lr), best * bg > p.false_positive * bg ? best_term : std::nullopt};
}

bool Checker::too_young(const Query& query, DiseaseIndex d) const {
  const auto& onset = diseases_[d].earliest_onset_years;
  return query.age_years && onset && *query.age_years < parameters_.onset_margin * *onset;
}

std::vector<DiseaseTerm> Checker::missing_common(const Query& query, DiseaseIndex d) const {
  auto mentioned = [&](TermIndex t) {
    auto related = [&](const QueryTerm& q) {
      return ontology_->is_ancestor_or_self(q.term, t) || ontology_->is_ancestor_or_self(t, q.term);
    };
    return std::any_of(query.present.begin(), query.present.end(), related) ||
           std::any_of(query.excluded.begin(), query.excluded.end(), related);
  };
  std::vector<DiseaseTerm> candidates;
  for (const auto& dt : diseases_[d].present)
    if (dt.frequency >= 0.3) candidates.push_back(dt);
  // Most frequent first; among equals the most specific (informative) term.
  // Sorted before the (costlier) check against the query, which then stops
  // at the fifth term not mentioned.
  std::sort(candidates.begin(), candidates.end(), [&](const DiseaseTerm& a, const DiseaseTerm& b) {
    if (a.frequency != b.frequency) return a.frequency > b.frequency;
    if (ic_[a.term] != ic_[b.term]) return ic_[a.term] > ic_[b.term];
    return a.term < b.term;
  });
  std::vector<DiseaseTerm> out;
  for (const auto& dt : candidates) {
    if (out.size() == 5) break;
    if (!mentioned(dt.term)) out.push_back(dt);
  }
  return out;
}

void Checker::products(const Query& query, std::vector<double>& product) const {
  const Parameters& p = parameters_;
  const std::size_t n = diseases_.size();
  // Likelihood ratios multiply in the linear domain (one log10 per disease at
  // the end instead of one per disease and term): 20 terms at 1e-3 each stay
  // far from double underflow.
  product.assign(n, 1.0);
  thread_local std::vector<float> best;
  best.resize(n);

  // For each disease the best w(a) * f_d(a) / bg(a) over q's ancestors a;
  // ancestors whose best possible value (f = 1) cannot beat `floor` are
  // skipped, which prunes the near-root terms that list every disease.
  auto best_over_ancestors = [&](TermIndex q, float floor, bool present) {
    std::fill(best.begin(), best.end(), floor);
    const std::vector<double>& bgs = present ? present_background_ : background_;
    for (const TermIndex a : ontology_->ancestors(q)) {
      const double factor = ancestor_weight(q, a, bgs) / bgs[a];
      if (factor * (present ? max_weight_[a] : 1.0f) <= floor) continue;
      const auto f32 = static_cast<float>(factor);
      const auto b = posting_offset_[a], e = posting_offset_[a + 1];
      if (present) {
        for (auto k = b; k < e; ++k) {  // by weight, descending
          const Posting& post = postings_[k];
          const float v = post.weight * f32;
          if (v <= floor) break;
          if (v > best[post.disease]) best[post.disease] = v;
        }
      } else {
        for (auto k = b; k < e; ++k) {
          const Posting& post = postings_[k];
          const float v = post.frequency * f32;
          if (v > best[post.disease]) best[post.disease] = v;
        }
      }
    }
  };

  for (const auto& q : query.present) {
    best_over_ancestors(q.term, static_cast<float>(p.false_positive), true);
    for (std::size_t d = 0; d < n; ++d) product[d] *= best[d];
    if (!not_pairs_.empty()) {
      std::vector<DiseaseIndex> hit;
      for (const TermIndex a : ontology_->ancestors(q.term)) {
        auto it = std::lower_bound(not_pairs_.begin(), not_pairs_.end(), std::pair{a, 0u});
        for (; it != not_pairs_.end() && it->first == a; ++it) hit.push_back(it->second);
      }
      std::sort(hit.begin(), hit.end());
      hit.erase(std::unique(hit.begin(), hit.end()), hit.end());
      for (const DiseaseIndex d : hit) product[d] *= p.not_present_lr / best[d];
    }
  }
  for (const auto& q : query.excluded) {
    const double bg = background_[q.term];
    const double denominator = 1.0 - p.max_frequency * std::min(bg, 1.0);
    best_over_ancestors(q.term, static_cast<float>(p.false_positive), false);
    for (std::size_t d = 0; d < n; ++d) {
      const double prob = static_cast<double>(best[d]) * bg;
      product[d] *= (1.0 - p.max_frequency * std::min(prob, 1.0)) / denominator;
    }
    for (const DiseaseIndex d : with_not_) {
      if (!not_annotated_related(d, q.term)) continue;
      const double prob = static_cast<double>(best[d]) * bg;
      product[d] *= p.not_excluded_lr / (1.0 - p.max_frequency * std::min(prob, 1.0));
    }
  }
  if (query.sex) {
    for (std::size_t d = 0; d < n; ++d)
      if (diseases_[d].only_sex && *diseases_[d].only_sex != *query.sex)
        product[d] *= p.wrong_sex_lr;
  }
  if (query.age_years)
    for (std::size_t d = 0; d < n; ++d)
      if (too_young(query, static_cast<DiseaseIndex>(d))) product[d] *= p.too_young_lr;
}

std::vector<double> Checker::scores(const Query& query) const {
  std::vector<double> score;
  products(query, score);
  for (auto& s : score) s = std::log10(std::max(s, 1e-300));
  return score;
}

std::vector<Ranked> Checker::rank(const Query& query) const {
  const Parameters& p = parameters_;
  const std::size_t n = diseases_.size();
  if (n == 0 || query.limit == 0) return {};
  thread_local std::vector<double> product;
  products(query, product);
  for (auto& v : product) v = std::max(v, 1e-300);  // as scores() clamps
  const double top_product = *std::max_element(product.begin(), product.end());
  const double top = std::log10(top_product);
  // The softmax denominator in the linear domain: sum of LR products over
  // the best one, each to the power 1/T (Parameters::posterior_temperature).
  // Those more than 30 orders of magnitude below it cannot move the sum.
  const double t = parameters_.posterior_temperature;
  const double inv_t = t > 0 ? 1.0 / t : 1.0;
  double z = 0;
  for (std::size_t d = 0; d < n; ++d)
    if (const double r = product[d] / top_product; r > 1e-30)
      z += inv_t == 1.0 ? r : std::pow(r, inv_t);

  // Take a few more than asked so the exact recomputation below can reorder
  // near-ties at the cut without losing one. log10 is monotonic, so ordering
  // by product is ordering by score.
  thread_local std::vector<DiseaseIndex> order;
  order.resize(n);
  std::iota(order.begin(), order.end(), 0);
  const std::size_t k = std::min(n, query.limit + 5);
  const std::vector<double>& score = product;
  auto by_score = [&](DiseaseIndex a, DiseaseIndex b) {
    return score[a] != score[b] ? score[a] > score[b] : a < b;
  };
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    by_score);
  order.resize(k);

  std::vector<Ranked> out;
  out.reserve(k);
  for (const DiseaseIndex d : order) {
    Ranked r{.disease = d, .score = 0};
    for (const auto& q : query.present) {
      const auto e = explain(q.term, false, d);
      r.matched.push_back({q.text, q.term, e.disease_term, e.log10_lr, false});
      r.score += e.log10_lr;
    }
    for (const auto& q : query.excluded) {
      const auto e = explain(q.term, true, d);
      r.matched.push_back({q.text, q.term, e.disease_term, e.log10_lr, true});
      r.score += e.log10_lr;
    }
    if (query.sex && diseases_[d].only_sex && *diseases_[d].only_sex != *query.sex) {
      r.sex_contribution = std::log10(p.wrong_sex_lr);
      r.score += r.sex_contribution;
    }
    if (too_young(query, d)) {
      r.age_contribution = std::log10(p.too_young_lr);
      r.score += r.age_contribution;
    }
    r.probability = std::pow(10.0, (r.score - top) * inv_t) / z;
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
    return a.score != b.score ? a.score > b.score : a.disease < b.disease;
  });
  if (out.size() > query.limit) out.resize(query.limit);
  for (auto& r : out) r.missing_common = missing_common(query, r.disease);
  return out;
}

}  // namespace symptomdb::checker
