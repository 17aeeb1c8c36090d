// Query-time scoring of condition profiles: how a person's findings become
// a score per condition. The profiles themselves (which texts, which
// weights) are built in conditions.cpp; everything here is read from the
// query and from what the built profiles already hold, so the rules are the
// same for every condition.
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "checker/condition_names.hpp"
#include "checker/conditions.hpp"
#include "checker/profile_sources.hpp"
#include "text/analyzer.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {
namespace {

// Words of a folded name, split at anything but letters and digits.
std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : text::fold(name)) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      cur.push_back(c);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool any_of_words(const std::vector<std::string>& words,
                  std::initializer_list<std::string_view> wanted) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
    return std::find(wanted.begin(), wanted.end(), w) != wanted.end();
  });
}

// Words that say where on a part ("on the right side", "the lower left",
// "low down"): English words of position, no part and no finding. Stemmed
// as the model indexes words.
const std::unordered_set<std::string>& place_stems() {
  static const std::unordered_set<std::string> stems = [] {
    std::unordered_set<std::string> out;
    text::Analyzer analyzer;
    for (const auto& t :
         analyzer.terms("right left side sides upper lower low down up top bottom front middle "
                        "centre center inner outer"))
      out.insert(indexed_stem(t.stem));
    return out;
  }();
  return stems;
}

bool place_term(const std::string& term) {
  const auto space = term.find(' ');
  if (space == std::string::npos) return place_stems().contains(term);
  return place_stems().contains(term.substr(0, space)) ||
         place_stems().contains(term.substr(space + 1));
}

}  // namespace

bool ConditionModel::placed(const PreparedFinding& f, std::uint32_t t,
                            std::uint32_t profile) const {
  if (f.named.empty() || !std::binary_search(f.places.begin(), f.places.end(), t)) return true;
  // The profile's sentences that hold the place word (prepare_ranking).
  const auto holding = place_sentences_.find(t);
  if (holding == place_sentences_.end()) return false;
  const auto& list = holding->second;
  for (auto it = std::lower_bound(list.begin(), list.end(), std::make_pair(profile, 0u));
       it != list.end() && it->first == profile; ++it) {
    const auto& s = sentences_[profile][it->second];
    for (const auto& name : f.named)
      if (std::all_of(name.begin(), name.end(), [&](std::uint32_t w) {
            return std::binary_search(s.terms.begin(), s.terms.end(), w);
          }))
        return true;
  }
  return false;
}

void ConditionModel::prepare_ranking() {
  traits_.assign(profiles_.size(), 0);
  by_name_identity_.clear();
  {
    text::Analyzer analyzer;
    for (std::size_t i = 0; i < profiles_.size(); ++i)
      for (const auto& form : name_forms(profiles_[i].name))
        if (auto id = name_identity(form, analyzer); !id.empty()) {
          auto& list = by_name_identity_[id];
          if (list.empty() || list.back() != i) list.push_back(static_cast<std::uint32_t>(i));
        }
    // By the whole name only: a form ("(UTI)") may be shared by others.
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_whole_name;
    for (std::size_t i = 0; i < profiles_.size(); ++i)
      if (auto id = name_identity(profiles_[i].name, analyzer); !id.empty())
        by_whole_name[id].push_back(static_cast<std::uint32_t>(i));
    same_named_.assign(profiles_.size(), {});
    for (const auto& [id, list] : by_whole_name)
      for (const auto i : list)
        for (const auto o : list)
          if (o != i) same_named_[i].push_back(o);
  }
  // Who a condition is named for: words of English about people ("in
  // Children", "for Women"), not facts about the condition.
  for (std::size_t i = 0; i < profiles_.size(); ++i) {
    const auto words = name_words(profiles_[i].name);
    std::uint8_t t = 0;
    if (any_of_words(words, {"child", "children", "childhood", "infant", "infants", "newborn",
                             "newborns", "baby", "babies", "kids", "pediatric", "teens"}))
      t |= kChildren;
    if (any_of_words(words, {"women", "woman", "girls", "female", "females"})) t |= kWomen;
    if (any_of_words(words, {"men", "man", "boys", "male", "males"})) t |= kMen;
    if (any_of_words(words, {"older", "elderly", "aging", "seniors"})) t |= kOlder;
    // A group of conditions: the plural of a word for one ("Lung
    // Diseases", "Problems with Smell"). Not "infections": an infection is
    // named for its germ ("E. Coli Infections") or its site as one disease.
    if (any_of_words(words, {"diseases", "disorders", "problems", "conditions"})) t |= kBroad;
    traits_[i] = t;
  }
  // Symptom topics: a "condition" whose name (as one word, or as the word
  // pairs of a longer name) is itself listed in the symptom sections of
  // many general health topics — "Back Pain", "Fatigue", "Indigestion" —
  // is a finding with an article, not an explanation of the finding.
  // Counted over general topics only: rare-disease texts list conditions
  // ("diabetes", "seizures") as features of syndromes.
  std::vector<std::vector<std::uint32_t>> name_terms(profiles_.size());
  std::unordered_map<std::uint32_t, std::uint32_t> df;
  for (std::size_t i = 0; i < profiles_.size(); ++i) {
    std::string name = profiles_[i].name;
    if (const auto paren = name.find('('); paren != std::string::npos) name.resize(paren);
    const auto words = profile_terms(name, false);
    std::vector<std::string> key;
    if (words.size() == 1) {
      key = words;
    } else {
      for (const auto& t : profile_terms(name, true))
        if (t.find(' ') != std::string::npos) key.push_back(t);
    }
    for (const auto& k : key)
      if (const auto it = term_ids_.find(k); it != term_ids_.end()) {
        name_terms[i].push_back(it->second);
        df.emplace(it->second, 0);
      }
  }
  std::size_t general = 0;
  std::unordered_set<std::uint32_t> seen;
  for (std::size_t i = 0; i < profiles_.size(); ++i) {
    if (profiles_[i].rare || rare_collection(profiles_[i].collection)) continue;
    ++general;
    seen.clear();
    for (const auto& s : sentences_[i]) {
      if (s.section != "symptoms") continue;
      for (const auto t : s.terms)
        if (df.contains(t)) seen.insert(t);
    }
    // A topic's own text does not count for itself.
    for (const auto t : name_terms[i]) seen.erase(t);
    for (const auto t : seen) ++df[t];
  }
  if (pair_terms_.size() != postings_.size()) {
    pair_terms_.assign(postings_.size(), 0);
    for (const auto& [term, id] : term_ids_) pair_terms_[id] = term.find(' ') != std::string::npos;
  }
  if (place_terms_.size() != postings_.size()) {
    place_terms_.assign(postings_.size(), 0);
    for (const auto& [term, id] : term_ids_) place_terms_[id] = place_term(term);
  }
  place_sentences_.clear();
  for (std::uint32_t i = 0; i < sentences_.size(); ++i)
    for (std::uint32_t s = 0; s < sentences_[i].size(); ++s)
      for (const auto t : sentences_[i][s].terms)
        if (t < place_terms_.size() && place_terms_[t]) place_sentences_[t].emplace_back(i, s);
  // Symptom language: "cough", "epigastric", "redness" are written in
  // symptom sections; "used", "over the counter", "describes" everywhere.
  std::vector<std::uint32_t> in_symptoms(postings_.size(), 0), elsewhere(postings_.size(), 0);
  std::unordered_set<std::uint32_t> other;
  for (std::size_t i = 0; i < profiles_.size(); ++i) {
    seen.clear();
    other.clear();
    for (const auto& s : sentences_[i])
      for (const auto t : s.terms) (s.section == "symptoms" ? seen : other).insert(t);
    for (const auto t : seen) ++in_symptoms[t];
    for (const auto t : other)
      if (!seen.contains(t)) ++elsewhere[t];
  }
  symptom_share_.resize(postings_.size());
  for (std::size_t t = 0; t < postings_.size(); ++t)
    symptom_share_[t] =
        static_cast<float>((in_symptoms[t] + 1.0) / (in_symptoms[t] + elsewhere[t] + 2.0));
  vocabulary_weight_.resize(postings_.size());
  for (std::size_t t = 0; t < postings_.size(); ++t)
    vocabulary_weight_[t] =
        params_.vocabulary > 0
            ? static_cast<float>(std::pow(2.0 * symptom_share_[t], params_.vocabulary))
            : 1.0f;
  // Specificity among general topics: the rare-disease texts are most of
  // the profiles and never say "she" or "over the counter", so over all
  // profiles a story's words look as specific as symptoms.
  if (idf_all_.empty()) idf_all_ = idf_;
  idf_ = idf_all_;
  // General topics' document frequencies (ProfileParameters::lay_share):
  // they depend on the postings only, so they are counted once.
  general_count_ = general;
  if (general_df_.empty()) {
    general_df_.assign(postings_.size(), 0);
    for (std::size_t t = 0; t < postings_.size(); ++t)
      for (const auto& post : postings_[t])
        general_df_[t] +=
            !profiles_[post.profile].rare && !rare_collection(profiles_[post.profile].collection);
  }
  if (params_.general_idf > 0 && general > 0) {
    const double g = static_cast<double>(general);
    // Few general topics say little about a word: shrink towards the idf
    // over all profiles (a knowledge base of rare diseases only keeps it).
    const double share = params_.general_idf * g / (g + 20.0);
    for (std::size_t t = 0; t < postings_.size(); ++t) {
      double df = 0;
      for (const auto& post : postings_[t]) df += profiles_[post.profile].rare ? 0 : 1;
      const double idf_general = std::log(1.0 + (g - df + 0.5) / (df + 0.5));
      idf_[t] = (1 - share) * idf_all_[t] + share * idf_general;
    }
  }
  const double needed = std::max(2.0, params_.topic_share * static_cast<double>(general));
  for (std::size_t i = 0; i < profiles_.size(); ++i) {
    if (name_terms[i].empty() || profiles_[i].rare) continue;
    std::uint32_t least = UINT32_MAX;
    for (const auto t : name_terms[i]) least = std::min(least, df[t]);
    if (static_cast<double>(least) >= needed) traits_[i] |= kSymptomTopic;
  }
}

std::vector<char> ConditionModel::named_by(const ProfileQuery& q) const {
  std::vector<char> out;
  if (params_.named_prior == 0) return out;
  out.assign(profiles_.size(), 0);
  text::Analyzer analyzer;
  auto mark = [&](std::string_view name) {
    const auto it = by_name_identity_.find(name_identity(name, analyzer));
    if (it != by_name_identity_.end())
      for (const auto p : it->second) out[p] = 1;
  };
  for (const auto& f : q.present) {
    mark(f.text);
    for (const auto& e : f.expansions) mark(e);
  }
  return out;
}

std::vector<ConditionModel::NamedRun> ConditionModel::named_runs(std::string_view text) const {
  constexpr std::size_t kMaxNameWords = 4;
  std::vector<NamedRun> out;
  text::Analyzer analyzer;
  const auto words = text::tokenize(text::fold(text));
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string run;
    for (std::size_t n = 0; n < kMaxNameWords && i + n < words.size(); ++n) {
      run += (run.empty() ? "" : " ") + words[i + n];
      const auto id = name_identity(run, analyzer);
      if (id.empty()) continue;
      if (const auto it = by_name_identity_.find(id); it != by_name_identity_.end())
        for (const auto p : it->second) out.push_back({p, run, n + 1});
    }
  }
  return out;
}

std::vector<std::uint32_t> ConditionModel::named_in(std::string_view text) const {
  std::vector<std::uint32_t> out;
  for (const auto& r : named_runs(text))
    if (std::find(out.begin(), out.end(), r.profile) == out.end()) out.push_back(r.profile);
  return out;
}

bool ConditionModel::names_condition(std::string_view text) const {
  return !named_in(text).empty();
}

std::vector<char> ConditionModel::said_by(const ProfileQuery& q) const {
  std::vector<char> out;
  if (params_.said_prior == 0) return out;
  out.assign(profiles_.size(), 0);
  text::Analyzer analyzer;
  for (const auto& f : q.present) {
    if (!f.expansions.empty()) continue;
    // A name the whole finding says ("back pain": Back Pain) is the
    // symptom itself (named_prior), not what happened.
    const auto whole = by_name_identity_.find(name_identity(f.text, analyzer));
    for (const auto p : named_in(f.text))
      if (whole == by_name_identity_.end() ||
          std::find(whole->second.begin(), whole->second.end(), p) == whole->second.end())
        out[p] = 1;
  }
  return out;
}

std::vector<std::size_t> ConditionModel::symptom_articles(const ProfileQuery& q,
                                                          std::size_t limit) const {
  std::vector<std::size_t> out;
  text::Analyzer analyzer;
  auto add = [&](std::string_view name) {
    const auto it = by_name_identity_.find(name_identity(name, analyzer));
    if (it == by_name_identity_.end()) return;
    for (const auto p : it->second)
      if (out.size() < limit && (symptom_topic(p) || profiles_[p].focus == Focus::symptom) &&
          std::find(out.begin(), out.end(), p) == out.end())
        out.push_back(p);
  };
  for (const auto& f : q.present) {
    add(f.text);
    for (const auto& e : f.expansions) add(e);
  }
  return out;
}

double ConditionModel::symptom_share(std::string_view term) const {
  const auto it = term_ids_.find(std::string(term));
  return it == term_ids_.end() || it->second >= symptom_share_.size() ? 0.5
                                                                      : symptom_share_[it->second];
}

bool ConditionModel::symptom_topic(std::size_t profile) const {
  return profile < traits_.size() && (traits_[profile] & kSymptomTopic) != 0;
}

std::vector<ConditionModel::PreparedFinding> ConditionModel::prepare(const ProfileQuery& q) const {
  text::Analyzer analyzer;
  std::vector<PreparedFinding> out;
  out.reserve(q.present.size() + q.absent.size());
  // When the interpreter read some findings, one it read nothing in is more
  // likely story than symptom ("he is a heavy smoker for 35 years").
  bool any_read = false, any_read_words = false;
  for (const auto* list : {&q.present, &q.absent})
    for (const auto& f : *list) {
      any_read = any_read || !f.expansions.empty();
      any_read_words = any_read_words || !f.read.empty();
    }
  auto add = [&](const ProfileFinding& f, bool absent) {
    PreparedFinding p;
    p.finding = &f;
    p.absent = absent;
    if (f.chief) p.weight *= params_.chief_weight;
    if (any_read && f.expansions.empty()) p.weight *= params_.unread_weight;
    const auto read = terms_of(f, analyzer, any_read_words);
    for (std::size_t k = 0; k < read.terms.size(); ++k)
      if (const auto [t, w] = read.terms[k]; params_.min_idf <= 0 || idf_[t] >= params_.min_idf) {
        p.terms.emplace_back(t, w * vocabulary_weight_[t]);
        p.names.push_back(read.names[k]);
      }
    for (const auto& [t, w] : read.unworded)
      if (params_.min_idf <= 0 || idf_[t] >= params_.min_idf)
        p.unworded.emplace_back(t, w * vocabulary_weight_[t]);
    // The names of the terms it was read as, and the person's place words
    // none of them says (placed).
    if (!f.expansions.empty() && params_.place_in_sentence) {
      std::vector<std::uint32_t> name_words;
      auto add_name = [&](std::string_view name) {
        std::vector<std::uint32_t> ids;
        for (const auto& t : profile_terms(name, false))
          if (const auto it = term_ids_.find(t); it != term_ids_.end()) ids.push_back(it->second);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        name_words.insert(name_words.end(), ids.begin(), ids.end());
        if (!ids.empty()) p.named.push_back(std::move(ids));
      };
      for (std::size_t k = 0; k < f.expansions.size(); ++k) {
        add_name(f.expansions[k]);
        if (k < f.synonyms.size())
          for (const auto& syn : f.synonyms[k]) add_name(syn);
      }
      std::sort(name_words.begin(), name_words.end());
      for (std::size_t k = 0; k < p.terms.size(); ++k) {
        const auto t = p.terms[k].first;
        if (p.names[k] != 0 || std::binary_search(name_words.begin(), name_words.end(), t))
          continue;
        if (t < place_terms_.size() && place_terms_[t]) p.places.push_back(t);
      }
      std::sort(p.places.begin(), p.places.end());
      if (p.places.empty()) p.named.clear();
    }
    // A clause of the story ("her son states that she seems more
    // lethargic") holds many words; a named finding ("flank pain") few.
    if (params_.finding_length > 0 && p.terms.size() > 1)
      p.weight *= std::pow(1.0 / static_cast<double>(p.terms.size()), params_.finding_length);
    out.push_back(std::move(p));
  };
  for (const auto& f : q.present) add(f, false);
  for (const auto& f : q.absent) add(f, true);
  // Each term counts once, in the finding where it weighs most: a story
  // that says "pain" five times is not five times as much about pain. A
  // word the person has is never also counted against.
  std::unordered_map<std::uint32_t, std::pair<std::size_t, double>> owner;
  for (const bool absent : {false, true})
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].absent != absent) continue;
      for (const auto& [t, w] : out[i].terms) {
        const double eff = w * out[i].weight;
        auto [it, fresh] = owner.emplace(t, std::make_pair(i, eff));
        if (!fresh && !out[it->second.first].absent && absent) continue;
        if (!fresh && eff > it->second.second) it->second = {i, eff};
      }
    }
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& f = out[i];
    std::size_t kept = 0;
    for (std::size_t k = 0; k < f.terms.size(); ++k)
      if (owner.at(f.terms[k].first).first == i) {
        f.terms[kept] = f.terms[k];
        f.names[kept] = f.names[k];
        ++kept;
      }
    f.terms.resize(kept);
    f.names.resize(kept);
    // A synonym word another finding holds is counted there.
    std::erase_if(out[i].unworded, [&](const auto& x) { return owner.contains(x.first); });
  }
  return out;
}

void ConditionModel::add_unworded(const PreparedFinding& f,
                                  const std::vector<std::uint32_t>& worded_in,
                                  std::vector<char>& worded, std::vector<double>& raw,
                                  std::vector<double>& score, std::vector<char>& matched) const {
  if (f.unworded.empty()) return;
  for (const auto p : worded_in) worded[p] = 1;
  std::vector<std::uint32_t> touched;
  for (const auto& [t, w] : f.unworded)
    for (const auto& post : postings_[t]) {
      if (worded[post.profile]) continue;
      if (raw[post.profile] == 0) touched.push_back(post.profile);
      raw[post.profile] += w * term_score(t, post.tf, post.profile);
    }
  for (const auto p : touched) {
    score[p] += finding_contribution(f, raw[p]);
    if (!f.absent) matched[p] = 1;
    raw[p] = 0;
  }
  for (const auto p : worded_in) worded[p] = 0;
}

double ConditionModel::raw_in(const std::vector<std::pair<std::uint32_t, double>>& terms,
                              std::uint32_t profile, std::vector<std::uint32_t>& hit) const {
  double raw = 0;
  for (const auto& [t, w] : terms) {
    const double v = term_in(t, w, profile);
    if (v == 0) continue;
    raw += v;
    hit.push_back(t);
  }
  return raw;
}

double ConditionModel::term_in(std::uint32_t t, double w, std::uint32_t profile) const {
  const auto& posts = postings_[t];
  // Postings are in profile order (built profile by profile).
  const auto it = std::lower_bound(posts.begin(), posts.end(), profile,
                                   [](const Posting& p, std::uint32_t v) { return p.profile < v; });
  if (it == posts.end() || it->profile != profile) return 0;
  return w * term_score(t, it->tf, profile);
}

double ConditionModel::raw_in(const PreparedFinding& f, std::uint32_t profile,
                              std::vector<std::uint32_t>& hit) const {
  std::vector<std::size_t> counted;
  const double raw = sum_of_names(
      f,
      [&](std::size_t k) {
        const auto [t, w] = f.terms[k];
        return placed(f, t, profile) ? term_in(t, w, profile) : 0.0;
      },
      &counted);
  for (const auto k : counted) hit.push_back(f.terms[k].first);
  return raw;
}

double ConditionModel::finding_contribution(const PreparedFinding& f, double raw) const {
  double s = raw;
  // A soft cap: one finding matched in many words cannot outweigh several
  // findings each matched once.
  if (params_.finding_cap > 0) s = params_.finding_cap * (1 - std::exp(-s / params_.finding_cap));
  s *= f.weight;
  return f.absent ? -params_.absent_weight * s : s;
}

double ConditionModel::length_factor(std::size_t profile) const {
  // A long text shares some words with any story: BM25 saturates how often
  // a word is said, not how many of the story's words a text happens to hold.
  if (params_.length_exponent == 0) return 1;
  return std::pow(avg_length_ / std::max(1.0f, lengths_[profile]), params_.length_exponent);
}

double ConditionModel::prior(std::size_t i, const ProfileQuery& q) const {
  const Profile& p = profiles_[i];
  double out = (p.rare           ? params_.rare_prior
                : p.encyclopedia ? 0.0
                                 : params_.specialist_prior) +
               params_.words_prior * p.common_words +
               params_.sources_prior * std::max(0, p.encyclopedias - 1) +
               affected_prior(p.affected, q.age_years, q.female, params_.affected_weight);
  const std::uint8_t t = i < traits_.size() ? traits_[i] : 0;
  if (t & kSymptomTopic) out += params_.topic_prior;
  if (t & kBroad) out += params_.broad_prior;
  if (p.focus == Focus::symptom) out += params_.symptom_prior;
  if (p.focus == Focus::finding) out += params_.finding_prior;
  if (p.focus == Focus::other) out += params_.other_prior;
  if (params_.group_prior != 0) {
    bool other = false;
    if (q.age_years) {
      other = other || (*q.age_years >= 18 && (t & kChildren) && !(t & kOlder));
      other = other || (*q.age_years < 18 && (t & kOlder) && !(t & kChildren));
    }
    if (q.female) {
      other = other || (*q.female && (t & kMen) && !(t & kWomen));
      other = other || (!*q.female && (t & kWomen) && !(t & kMen));
    }
    if (other) out += params_.group_prior;
  }
  return out;
}

double ConditionModel::sentence_share(std::uint32_t term, std::size_t profile) const {
  const auto& list = sentences_[profile];
  if (list.empty()) return 0;
  std::size_t n = 0;
  for (const auto& s : list) n += std::binary_search(s.terms.begin(), s.terms.end(), term);
  return static_cast<double>(n) / static_cast<double>(list.size());
}

void ConditionModel::apply_about(const std::vector<PreparedFinding>& prepared,
                                 const std::vector<char>& matched, std::vector<double>& score,
                                 std::vector<double>& about) const {
  about.assign(score.size(), 0.0);
  // The present findings with words, and how much each weighs.
  std::vector<const PreparedFinding*> findings;
  double total = 0;
  for (const auto& f : prepared)
    if (!f.absent && !f.terms.empty()) {
      findings.push_back(&f);
      total += f.weight;
    }
  if (findings.empty() || total <= 0) return;
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < score.size(); ++i)
    if (matched[i]) order.push_back(i);
  const std::size_t depth =
      params_.about_depth > 0
          ? std::min(order.size(), static_cast<std::size_t>(params_.about_depth))
          : order.size();
  std::partial_sort(
      order.begin(), order.begin() + static_cast<std::ptrdiff_t>(depth), order.end(),
      [&](auto a, auto b) { return score[a] > score[b] || (score[a] == score[b] && a < b); });
  order.resize(depth);
  const double scale = params_.about_weight *
                       std::pow(1.0 / static_cast<double>(findings.size()), params_.about_dilution);
  for (const auto p : order) {
    double share = 0;
    for (const auto* f : findings) {
      // Single words only: a pair is a phrasing of words counted already.
      double said = 0, all = 0;
      for (const auto& [t, w] : f->terms) {
        if (t < pair_terms_.size() && pair_terms_[t]) continue;
        const double weight = w * idf_[t];
        if (weight <= 0) continue;
        all += weight;
        said += weight * sentence_share(t, p);
      }
      if (all > 0) share += f->weight / total * (said / all);
    }
    about[p] = scale * share;
    score[p] += about[p];
  }
}

std::vector<double> ConditionModel::scores(const ProfileQuery& q, Scoring* out) const {
  const std::size_t n = profiles_.size();
  std::vector<double> score(n, 0.0), raw(n, 0.0);
  Scoring local;
  Scoring& scoring = out ? *out : local;
  std::vector<char>& matched = scoring.hit;
  matched.assign(n, 0);
  std::vector<std::uint16_t> covered(params_.coverage != 0 ? n : 0, 0);
  std::vector<std::uint16_t> covered_read(params_.read_coverage != 0 ? n : 0, 0);
  std::size_t read_findings = 0;
  std::vector<std::uint32_t> touched, in_option, in_read;
  std::vector<double> option(n, 0.0), best(n, 0.0);
  std::vector<char> worded(n, 0);
  scoring.prepared = prepare(q);
  scoring.said = said_by(q);
  scoring.caused = caused_by(q);
  const auto& caused = scoring.caused;
  const auto& prepared = scoring.prepared;
  const auto& said = scoring.said;
  const auto named = named_by(q);
  const auto context = context_.scores(q, params_);
  std::size_t findings = 0;
  for (const auto& f : prepared) {
    if (f.terms.empty()) continue;
    if (!f.absent) ++findings;
    const bool read = !f.absent && !f.finding->expansions.empty();
    if (read) ++read_findings;
    touched.clear();
    // The person's own words summed; of the names of one term read, the
    // largest (sum_of_names): `option` sums one name, `best` keeps the
    // largest name so far of the read term.
    std::uint32_t tag = 0;
    auto close_option = [&]() {
      for (const auto p : in_option) {
        if (best[p] == 0) in_read.push_back(p);
        best[p] = std::max(best[p], option[p]);
        option[p] = 0;
      }
      in_option.clear();
    };
    auto close_read = [&]() {
      close_option();
      for (const auto p : in_read) {
        if (raw[p] == 0) touched.push_back(p);
        raw[p] += best[p];
        best[p] = 0;
      }
      in_read.clear();
    };
    for (std::size_t k = 0; k < f.terms.size(); ++k) {
      const auto [t, w] = f.terms[k];
      const std::uint32_t name = f.names[k];
      if (name != tag && tag != 0) {
        close_option();
        if ((name >> 16) != (tag >> 16)) close_read();
      }
      tag = name;
      const bool place =
          !f.places.empty() && std::binary_search(f.places.begin(), f.places.end(), t);
      for (const auto& post : postings_[t]) {
        if (place && !placed(f, t, post.profile)) continue;
        auto& into = name == 0 ? raw : option;
        if (into[post.profile] == 0) (name == 0 ? touched : in_option).push_back(post.profile);
        into[post.profile] += w * term_score(t, post.tf, post.profile);
      }
    }
    if (tag != 0) close_read();
    for (const auto p : touched) {
      score[p] += finding_contribution(f, raw[p]);
      if (!f.absent) {
        matched[p] = 1;
        // Explained: at least one fairly specific word of it (idf ~1).
        if (!covered.empty() && raw[p] >= 1.0) ++covered[p];
        if (read && !covered_read.empty() && raw[p] >= 1.0) ++covered_read[p];
      }
      raw[p] = 0;
    }
    add_unworded(f, touched, worded, raw, score, matched);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (matched[i]) {
      score[i] *= length_factor(i);
      score[i] += prior(i, q);
      if (!context.empty()) score[i] += context[i];
      if (!named.empty() && named[i]) score[i] += params_.named_prior;
      if (!said.empty() && said[i]) score[i] += params_.said_prior;
      if (!caused.empty()) score[i] += caused[i].bonus;
      if (!covered.empty() && findings > 0)
        score[i] += params_.coverage * covered[i] / static_cast<double>(findings);
      if (!covered_read.empty() && read_findings > 0)
        score[i] += params_.read_coverage * covered_read[i] / static_cast<double>(read_findings);
    }
  if (params_.about_weight != 0) apply_about(prepared, matched, score, scoring.about);
  apply_concepts(prepared, score, matched);
  apply_contrast(prepared, matched, score, out ? &scoring.contrast : nullptr);
  apply_main_fit(prepared, matched, score, out ? &scoring.delta : nullptr);
  return score;
}

}  // namespace symptomdb::checker
