#include "checker/context_fit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "checker/conditions.hpp"
#include "checker/profile_sources.hpp"
#include "checker/section_sentences.hpp"
#include "core/article.hpp"
#include "text/analyzer.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {
namespace {

// How a text says that something comes on fast or slowly: words of
// English, not facts about any condition.
constexpr std::array<std::string_view, 9> kSuddenCues = {
    " sudden",         " abrupt",          " comes on quickly", " come on quickly", " within hours",
    " within minutes", " rapidly develop", " develops rapidly", " develop rapidly"};
constexpr std::array<std::string_view, 12> kGradualCues = {
    " gradual",    " slowly",          " over time",      " over months",
    " over years", " over many years", " progressive",    " progressively",
    " long-term",  " lifelong",        " develop slowly", " for years"};

// Words that make a sentence about how something begins ("symptoms develop
// slowly"), not about how it ends ("gradually goes away").
constexpr std::array<std::string_view, 9> kOnsetWords = {" develop", " begin",   " began",
                                                         " start",   " come on", " comes on",
                                                         " onset",   " appear",  " occur"};

template <std::size_t N>
bool has_cue(std::string_view folded, const std::array<std::string_view, N>& cues) {
  return std::any_of(cues.begin(), cues.end(),
                     [&](std::string_view c) { return folded.find(c) != std::string_view::npos; });
}

// Content stems of a text (stop words and numbers dropped), each once.
std::vector<std::string> stems(std::string_view text, text::Analyzer& analyzer) {
  std::vector<std::string> out;
  for (const auto& t : analyzer.terms(text::fold(text))) {
    if (text::is_stopword(t.surface) || t.stem.size() < 3) continue;
    if (std::all_of(t.stem.begin(), t.stem.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    if (std::find(out.begin(), out.end(), t.stem) == out.end()) out.push_back(t.stem);
  }
  return out;
}

// " text " (built by append: GCC 12 warns falsely on "literal" + temporary).
std::string padded(std::string_view text) {
  std::string out(1, ' ');
  out.append(text).push_back(' ');
  return out;
}

// The stems of a history phrase, with the verb of an agent noun beside it
// ("smoker", "drinker": "smoke", "drink"), which is how risk texts name the
// habit ("smoking", "drinking"). English morphology only.
std::vector<std::string> history_stems(std::string_view text, text::Analyzer& analyzer) {
  auto out = stems(text, analyzer);
  for (const auto& t : analyzer.terms(text::fold(text))) {
    const std::string& w = t.surface;
    if (w.size() < 6 || !w.ends_with("er") || text::is_stopword(w)) continue;
    for (const std::size_t cut : {1u, 2u})
      for (const auto& s : stems(w.substr(0, w.size() - cut), analyzer))
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

bool name_says(std::string_view folded_name, std::string_view word) {
  return padded(folded_name).find(padded(word)) != std::string::npos;
}

}  // namespace

ContextQuery context_of(const Description& d, std::string_view history) {
  ContextQuery q;
  q.sudden = d.any_sudden;
  q.gradual = std::any_of(d.findings.begin(), d.findings.end(),
                          [](const Finding& f) { return f.onset == Onset::gradual; });
  q.duration_days = d.longest_duration_days;
  // What the description says of relatives is history too.
  q.history = d.family_history;
  if (history.find_first_not_of(" \t\r\n-.") != std::string_view::npos) {
    auto h = read_description(history);
    for (auto& f : h.findings) {
      if (f.negated) continue;
      const std::string folded = text::fold(f.text);
      if (folded == "none" || folded == "nil" || folded == "unremarkable") continue;
      q.history.push_back(std::move(f.text));
    }
    for (auto& f : h.family_history) q.history.push_back(std::move(f));
  }
  return q;
}

std::uint32_t ContextIndex::stem_id(const std::string& stem) {
  auto [it, fresh] = ids_.emplace(stem, static_cast<std::uint32_t>(postings_.size()));
  if (fresh) postings_.emplace_back();
  return it->second;
}

void ContextIndex::add(std::string_view name, const std::vector<const Article*>& articles) {
  const auto id = static_cast<std::uint32_t>(profiles_.size());
  Entry e;
  text::Analyzer analyzer;
  auto keep_risk = [&](const std::string& sentence, std::string_view section) {
    RiskSentence r{sentence, std::string(section), {}};
    for (const auto& s : stems(sentence, analyzer)) r.stems.push_back(stem_id(s));
    std::sort(r.stems.begin(), r.stems.end());
    r.stems.erase(std::unique(r.stems.begin(), r.stems.end()), r.stems.end());
    if (r.stems.empty()) return;
    e.risk.insert(e.risk.end(), r.stems.begin(), r.stems.end());
    e.sentences.push_back(std::move(r));
  };
  // The course: sentences of its symptom and overview text that say it
  // comes on suddenly or develops gradually; its name, when it says "acute"
  // or "chronic", counts twice.
  // [0]: any sentence with a cue; [1]: only sentences about how it begins.
  std::array<int, 2> sudden{}, gradual{};
  std::array<std::string, 2> sudden_quote, gradual_quote;
  const std::string folded_name = text::fold(name);
  for (std::size_t k = 0; k < 2; ++k) {
    if (name_says(folded_name, "acute")) sudden[k] += 2, sudden_quote[k] = std::string(name);
    if (name_says(folded_name, "chronic")) gradual[k] += 2, gradual_quote[k] = std::string(name);
  }
  auto read_course = [&](const std::string& text) {
    for (const auto& s : sentences_of(text)) {
      const std::string f = padded(text::fold(s));
      const bool su = has_cue(f, kSuddenCues), gr = has_cue(f, kGradualCues);
      if (su == gr) continue;  // neither, or a sentence that says both
      for (std::size_t k = 0; k < 2; ++k) {
        if (k == 1 && !has_cue(f, kOnsetWords)) continue;
        (su ? sudden[k] : gradual[k]) += 1;
        auto& quote = su ? sudden_quote[k] : gradual_quote[k];
        if (quote.empty()) quote = s;
      }
    }
  };
  for (const Article* art : articles) {
    if (!art->introduction.empty()) {
      read_course(art->introduction);
      // "Risk factors include ...": an overview's own risk sentences.
      for (const auto& s : sentences_of(art->introduction))
        if (text::fold(s).find("risk") != std::string::npos) keep_risk(s, "overview");
    }
    for (const auto& sec : art->sections) {
      const std::string t = section_text(sec);
      switch (sec.type) {
        case SectionType::susceptibility:
        case SectionType::causes:
          for (const auto& s : sentences_of(t)) keep_risk(s, to_string(sec.type));
          break;
        case SectionType::overview:
          read_course(t);
          for (const auto& s : sentences_of(t))
            if (text::fold(s).find("risk") != std::string::npos) keep_risk(s, "overview");
          break;
        case SectionType::symptoms:
          read_course(t);
          break;
        default:
          break;
      }
    }
  }
  std::sort(e.risk.begin(), e.risk.end());
  e.risk.erase(std::unique(e.risk.begin(), e.risk.end()), e.risk.end());
  for (const auto s : e.risk) postings_[s].push_back(id);
  for (std::size_t k = 0; k < 2; ++k) {
    if (sudden[k] > gradual[k]) e.course[k] = 1, e.course_quote[k] = std::move(sudden_quote[k]);
    if (gradual[k] > sudden[k]) e.course[k] = -1, e.course_quote[k] = std::move(gradual_quote[k]);
  }
  profiles_.push_back(std::move(e));
}

Course ContextIndex::course_of(const ContextQuery& q, const ProfileParameters& p) const {
  if (q.sudden != q.gradual) return q.sudden ? Course::acute : Course::chronic;
  if (q.duration_days && p.onset_acute_days > 0 && *q.duration_days <= p.onset_acute_days)
    return Course::acute;
  if (q.duration_days && p.onset_chronic_days > 0 && *q.duration_days >= p.onset_chronic_days)
    return Course::chronic;
  return Course::unknown;
}

std::vector<ContextIndex::Phrase> ContextIndex::phrases(const ContextQuery& q,
                                                        const std::vector<ProfileFinding>& present,
                                                        const ProfileParameters& p) const {
  std::vector<Phrase> out;
  if (p.risk_weight == 0 || profiles_.empty()) return out;
  text::Analyzer analyzer;
  // A stem that the risk text of many conditions uses ("people", "medicine",
  // "control") names no risk factor in particular.
  // (At least one: in a small knowledge base every word is in some share.)
  const double most = std::max(1.0, p.risk_share * static_cast<double>(profiles_.size()));
  auto add = [&](const std::string& text) {
    Phrase ph{text, {}};
    for (const auto& s : history_stems(text, analyzer)) {
      const auto it = ids_.find(s);
      if (it == ids_.end()) continue;
      const auto df = static_cast<double>(postings_[it->second].size());
      if (df > 0 && df <= most) ph.stems.push_back(it->second);
    }
    if (!ph.stems.empty()) out.push_back(std::move(ph));
  };
  for (const auto& h : q.history) add(h);
  if (p.risk_present > 0)
    for (const auto& f : present) add(f.text);
  return out;
}

double ContextIndex::course_fit(std::size_t profile, Course c, const ProfileParameters& p) const {
  const int stated = profiles_[profile].course[p.onset_strict > 0 ? 1 : 0];
  if (c == Course::unknown || stated == 0) return 0;
  const bool same = (c == Course::acute) == (stated > 0);
  const double w = p.onset_weight * (c == Course::acute ? p.onset_acute_scale : 1.0);
  return same ? w : -p.onset_mismatch * w;
}

std::vector<double> ContextIndex::scores(const ProfileQuery& q, const ProfileParameters& p) const {
  std::vector<double> out;
  const Course c = p.onset_weight != 0 ? course_of(q.context, p) : Course::unknown;
  const auto ph = phrases(q.context, q.present, p);
  if (c == Course::unknown && ph.empty()) return out;
  out.assign(profiles_.size(), 0.0);
  if (!ph.empty()) {
    // Per profile, how many of the person's history phrases its risk text
    // names (each phrase once, however many of its words match).
    std::vector<std::uint16_t> count(profiles_.size(), 0);
    std::vector<std::uint32_t> last(profiles_.size(), UINT32_MAX);
    for (std::uint32_t k = 0; k < ph.size(); ++k)
      for (const auto s : ph[k].stems)
        for (const auto prof : postings_[s])
          if (last[prof] != k) last[prof] = k, ++count[prof];
    const double cap = p.risk_cap > 0 ? p.risk_cap : 1e9;
    for (std::size_t i = 0; i < profiles_.size(); ++i)
      if (count[i]) out[i] += p.risk_weight * std::min<double>(count[i], cap);
  }
  if (c != Course::unknown)
    for (std::size_t i = 0; i < profiles_.size(); ++i) out[i] += course_fit(i, c, p);
  return out;
}

void ContextIndex::explain(std::size_t profile, const ProfileQuery& q, const Affected& affected,
                           const ProfileParameters& p, std::vector<ProfileEvidence>& out) const {
  auto line = [&](std::string what, std::vector<std::string> words, double contribution,
                  std::string quote, std::string section) {
    ProfileEvidence e;
    e.finding = std::move(what);
    e.overall = true;
    e.words = std::move(words);
    e.contribution = std::round(contribution * 1000) / 1000;
    e.quote = std::move(quote);
    e.section = std::move(section);
    out.push_back(std::move(e));
  };
  // Who it affects (the prior's share for age and sex).
  if (const double a = affected_prior(affected, q.age_years, q.female, p.affected_weight); a != 0) {
    const auto why = affected_reason(affected, q.age_years, q.female);
    if (!why.empty()) line(why, {}, a, "", "");
  }
  if (profile >= profiles_.size()) return;
  const Entry& e = profiles_[profile];
  // Risk factors: each history phrase its risk or cause text names, with
  // the sentence naming most of the phrase's words.
  const auto ph = phrases(q.context, q.present, p);
  const double cap = p.risk_cap > 0 ? p.risk_cap : 1e9;
  double counted = 0;
  for (const auto& x : ph) {
    if (counted >= cap) break;
    const RiskSentence* best = nullptr;
    std::size_t most = 0;
    for (const auto& s : e.sentences) {
      std::size_t n = 0;
      for (const auto t : x.stems) n += std::binary_search(s.stems.begin(), s.stems.end(), t);
      if (n > most) most = n, best = &s;
    }
    if (!best) continue;
    ++counted;
    line("in your history, something its text names as a cause or risk", {x.text}, p.risk_weight,
         best->text, best->section);
  }
  const Course c = p.onset_weight != 0 ? course_of(q.context, p) : Course::unknown;
  if (const double f = course_fit(profile, c, p); f != 0) {
    const bool acute = c == Course::acute;
    const std::size_t k = p.onset_strict > 0 ? 1 : 0;
    // Say of the person's course only what they said: how it started when
    // they said so ("suddenly"), otherwise how long it has lasted ("for 3
    // days" never said that it came on suddenly).
    const bool said = q.context.sudden != q.context.gradual;
    const std::string theirs =
        acute ? (said ? "yours came on suddenly" : "yours began only days ago")
              : (said ? "yours came on gradually" : "yours has lasted a long time");
    const bool usually_sudden = e.course[k] > 0;
    std::string what =
        usually_sudden ? "it usually comes on suddenly" : "it usually develops gradually";
    what += usually_sudden == acute ? (said ? ", as yours did" : ", and " + theirs) : "; " + theirs;
    line(std::move(what), {}, f, e.course_quote[k], "course");
  }
}

std::string affected_reason(const Affected& a, std::optional<double> age_years,
                            std::optional<bool> female) {
  // The same groups and age limits as affected_prior.
  std::vector<std::string> parts;
  if (age_years) {
    const bool child = *age_years < 16, old = *age_years >= 60;
    const std::string age = fmt::format("you are {:g}", std::floor(*age_years));
    if (a.children) parts.push_back(fmt::format("more common in children, and {}", age));
    if (a.older && (old || child))
      parts.push_back(fmt::format("more common in older adults, and {}", age));
  }
  if (female) {
    const std::string you = *female ? "you are a woman" : "you are a man";
    if (a.women) parts.push_back("more common in women, and " + you);
    if (a.men) parts.push_back("more common in men, and " + you);
  }
  if (a.pregnancy && ((female && !*female) || (age_years && (*age_years < 12 || *age_years > 55))))
    parts.push_back("about pregnancy, which does not fit your age or sex");
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : "; ") + s;
  return out;
}

}  // namespace symptomdb::checker
