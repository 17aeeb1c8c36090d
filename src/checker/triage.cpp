#include "checker/triage.hpp"

#include <algorithm>

namespace symptomdb::checker {
namespace {

TriageLevel level_of(Urgency u) {
  switch (u) {
    case Urgency::emergency:
      return TriageLevel::emergency;
    case Urgency::urgent:
      return TriageLevel::urgent;
    case Urgency::self_limited:
      return TriageLevel::self_care;
    default:
      return TriageLevel::routine;
  }
}

// A word that tells the story around the findings, not a finding: one of
// the words of a finding's text that its core leaves out ("i", "feel" of
// "I feel like ...", "started" of "he started shivering"), and of no
// finding's core. Whole words.
bool story_word(const Description& description, std::string_view word) {
  const auto has = [](std::string_view text, std::string_view w) {
    for (std::size_t at = text.find(w); at != std::string_view::npos; at = text.find(w, at + 1)) {
      const bool starts = at == 0 || text[at - 1] == ' ';
      const bool ends = at + w.size() == text.size() || text[at + w.size()] == ' ';
      if (starts && ends) return true;
    }
    return false;
  };
  bool in_a_story = false;
  for (const auto& f : description.findings) {
    if (has(f.core, word)) return false;
    in_a_story = in_a_story || has(f.text, word);
  }
  return in_a_story;
}

// The main-symptom line of a condition the fit weighed, none of whose main
// symptoms the person has, that nothing outranked for it: it says what the
// condition does not share, not how much it does.
bool kept_its_place_with_none(const ProfileEvidence& e) {
  return e.main_symptoms && e.words.empty() && e.contribution == 0;
}

// How much of what the person describes a ranked condition matches: the
// condition's own main symptoms the person has, when the ranking weighed
// them; otherwise the distinct words of the present findings it shares.
// Either way less the story's words (story_word), which many texts share
// with any description. A ranking without evidence says nothing of it: no
// limit then.
std::size_t words_matched(const RankedProfile& r, const Description& description) {
  if (r.evidence.empty()) return kEmergencyWords;
  const auto count = [&](const std::vector<std::string>& ws, std::vector<std::string>& into) {
    for (const auto& w : ws)
      if (std::find(into.begin(), into.end(), w) == into.end() && !story_word(description, w))
        into.push_back(w);
  };
  std::vector<std::string> words;
  for (const auto& e : r.evidence)
    if (e.main_symptoms && !kept_its_place_with_none(e)) {
      count(e.words, words);
      return words.size();
    }
  for (const auto& e : r.evidence)
    if (!e.absent && !e.overall && e.contribution > 0) count(e.words, words);
  return words.size();
}

// Whether the ranking weighed a condition's main symptoms and the person has
// none of them (its "main symptoms" line names no word of theirs: "placed
// below conditions whose main symptoms you have more of"). What it shares
// with the description is then what many conditions list besides their own
// picture ("runny nose" of a serious allergic reaction), not that picture.
bool none_of_its_main_symptoms(const RankedProfile& r, const Description& description) {
  // With several findings, a condition that kept its place by the fit kept
  // it by what else it shares; with one, it shares that one alone
  // ("a stuffy nose", listed in passing by a serious allergic reaction).
  // (This was once limited to a finding of which the condition shares at
  // most kEmergencyWords words, because the fit missed a main symptom said
  // in another form, "abdominal" for "abdomen"; the texts now fold the two,
  // indexed_stem in conditions.cpp, and no level moves without it.)
  const auto present = std::count_if(description.findings.begin(), description.findings.end(),
                                     [](const Finding& f) { return !f.negated; });
  const bool one_finding = present == 1;
  bool weighed = false;
  for (const auto& e : r.evidence) {
    if (!e.main_symptoms) continue;
    if (kept_its_place_with_none(e) && !one_finding) continue;
    weighed = true;
    for (const auto& w : e.words)
      if (!story_word(description, w)) return false;
  }
  return weighed;
}

}  // namespace

std::string_view to_string(TriageLevel level) {
  switch (level) {
    case TriageLevel::emergency:
      return "emergency";
    case TriageLevel::urgent:
      return "urgent";
    case TriageLevel::self_care:
      return "self_care";
    default:
      return "routine";
  }
}

std::string_view advice(TriageLevel level) {
  switch (level) {
    case TriageLevel::emergency:
      return "Call emergency services (911 in the US, 112 in Europe) or go to an emergency "
             "department now.";
    case TriageLevel::urgent:
      return "See a doctor today.";
    case TriageLevel::self_care:
      return "Home care is reasonable for now. See a doctor if it gets worse, lasts longer than "
             "expected, or new symptoms appear.";
    default:
      return "See a doctor within the next few days.";
  }
}

Triage triage(const Description& description, const ConditionModel& model,
              const std::vector<RankedProfile>& ranked, const TriageSignals& signals,
              const LikelyRule& likely) {
  Triage t;
  if (!signals.red_flags.empty()) {
    t.level = TriageLevel::emergency;
    t.reason = "You describe a warning sign that needs emergency care: ";
    for (std::size_t i = 0; i < signals.red_flags.size(); ++i)
      t.reason += (i ? ", " : "") + signals.red_flags[i];
    t.reason += ".";
    return t;
  }
  // Warning signs the knowledge base states, shown in the description: one
  // stated of a ranked condition, or of several conditions.
  const WarningSign* sign = nullptr;
  std::size_t stated_by = 0;
  bool sign_emergency = false;
  // Whether the i-th ranked condition is reasonably likely: the first, one
  // close to it among the first few, or one with a fair share.
  auto likely_at = [&](std::size_t i) {
    const auto& r = ranked[i];
    const bool close =
        i < likely.ranks && ranked[0].score > 0 && r.score >= likely.ratio * ranked[0].score;
    return i == 0 || r.probability >= likely.share || close;
  };
  for (const auto& f : signals.signs) {
    // A sign from a list of one condition's own symptoms ("nausea",
    // "dizziness") counts only where that condition is likely.
    const std::size_t ranks = f.sign->listed ? ranked.size() : kSignRanks;
    bool of_ranked = false;
    for (std::size_t i = 0; i < std::min(ranked.size(), ranks) && !of_ranked; ++i)
      of_ranked = model.profile(ranked[i].profile).slug == f.sign->slug &&
                  (!f.sign->listed || likely_at(i));
    if (!of_ranked && f.stated_by < kGeneralSign) continue;
    // A sign shown only by findings that are not acute asks for a doctor
    // today, as any sign that is no emergency does.
    const bool emergency = f.sign->emergency && !f.not_acute;
    if (!sign || (emergency && !sign_emergency))
      sign = f.sign, stated_by = f.stated_by, sign_emergency = emergency;
  }
  if (sign && sign_emergency) {
    t.level = TriageLevel::emergency;
    t.condition = sign->condition;
    t.quote = sign->sentence;
    t.reason = "You describe " + sign->words + ", a warning sign that needs emergency care";
    t.reason += stated_by > 1 ? " (said of " + std::to_string(stated_by) + " conditions; " +
                                    sign->condition + ": \"" + sign->sentence + "\")."
                              : " (" + sign->condition + ": \"" + sign->sentence + "\").";
    return t;
  }
  // The most urgent of the reasonably likely conditions sets the floor.
  bool all_self_limited = !ranked.empty();
  bool any = false;
  bool thin = false;  // the condition that set the level matched one word only
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const auto& r = ranked[i];
    if (!likely_at(i)) continue;
    const Profile& p = model.profile(r.profile);
    // How urgent the condition can be, as any of its profiles says it: the
    // site's short article may not say what MedlinePlus's does ("may
    // spread to the bloodstream").
    const Profile* said = &p;
    for (const auto o : model.same_named(r.profile))
      if (level_of(model.profile(o).urgency) > level_of(said->urgency)) said = &model.profile(o);
    TriageLevel l = level_of(said->urgency);
    // A condition that shares a single word with the description ("tired")
    // is not likely enough to send the person to emergency care: most
    // conditions share a word with any story. It still asks for a doctor
    // today, erring to safety.
    const bool one_word =
        l == TriageLevel::emergency && words_matched(r, description) < kEmergencyWords;
    if (one_word) l = TriageLevel::urgent;
    // A condition that can be serious but none of whose main symptoms the
    // person has raises nothing: it is one a doctor should assess, as any
    // likely condition is. With one of them it still asks for a doctor today.
    // (Its article's words on how serious it is are not quoted then.)
    const bool none_main = l > TriageLevel::routine && none_of_its_main_symptoms(r, description);
    if (none_main) l = TriageLevel::routine;
    if (l != TriageLevel::self_care) all_self_limited = false;
    if (!any || l > t.level) {
      t.level = l;
      t.condition = p.name;
      t.quote = none_main ? std::string() : said->urgency_quote;
      thin = one_word;
      any = true;
    }
  }
  if (!any) {
    t.level = TriageLevel::routine;
    t.reason =
        "We could not match your description to a condition well enough to say more; a doctor "
        "can.";
  } else if (all_self_limited) {
    t.level = TriageLevel::self_care;
    t.reason = "The likely conditions usually get better on their own";
    if (!t.quote.empty()) t.reason += " (" + t.condition + ": \"" + t.quote + "\")";
    t.reason += ".";
  } else {
    t.reason = "One of the likely conditions, " + t.condition + ", ";
    switch (t.level) {
      case TriageLevel::emergency:
        t.reason += "can be an emergency";
        break;
      case TriageLevel::urgent:
        t.reason += thin ? "can be an emergency, but it matches only one word of what you "
                           "describe, so see a doctor today"
                         : "may need prompt care";
        break;
      default:
        t.reason += "is one a doctor should assess";
        break;
    }
    if (!t.quote.empty()) t.reason += ": \"" + t.quote + "\"";
    t.reason += ".";
  }
  if (sign && t.level < TriageLevel::urgent) {
    t.level = TriageLevel::urgent;
    t.reason += " You describe " + sign->words + ", which needs a doctor today (" +
                sign->condition + ": \"" + sign->sentence + "\").";
  }
  if (!signals.red_flags_not_acute.empty() && t.level <= TriageLevel::urgent) {
    t.level = TriageLevel::urgent;
    t.reason += " You describe ";
    for (std::size_t i = 0; i < signals.red_flags_not_acute.size(); ++i)
      t.reason += (i ? ", " : "") + signals.red_flags_not_acute[i];
    t.reason +=
        ", which can be a warning sign; as you describe it (for weeks, or with effort), see a "
        "doctor today, and call emergency services if it comes on suddenly or at rest, or "
        "suddenly gets worse.";
  }
  // What the person says about the course raises the level, never lowers it.
  if (description.any_severe && t.level < TriageLevel::urgent) {
    t.level = TriageLevel::urgent;
    t.reason += " You describe it as severe, so see a doctor today.";
  } else if (description.any_sudden && t.level < TriageLevel::urgent) {
    t.level = TriageLevel::urgent;
    t.reason += " It started suddenly, so see a doctor today.";
  } else if (t.level == TriageLevel::self_care && description.longest_duration_days &&
             *description.longest_duration_days > 14) {
    t.level = TriageLevel::routine;
    t.reason += " It has lasted more than two weeks, so see a doctor.";
  }
  if (t.level == TriageLevel::self_care && signals.advice) {
    // What would change that: the likely conditions' own articles.
    for (std::size_t i = 0; i < ranked.size() && t.change.size() < 3; ++i) {
      const auto& r = ranked[i];
      if (i > 0 && r.probability < likely.share) continue;
      for (const auto& s : signals.advice->when_to_get_care(model.profile(r.profile).slug))
        if (t.change.size() < 3 && std::find(t.change.begin(), t.change.end(), s) == t.change.end())
          t.change.push_back(s);
    }
  }
  return t;
}

}  // namespace symptomdb::checker
