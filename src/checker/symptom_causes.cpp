// What a symptom page names as the causes of its symptom
// (ProfileParameters::cause_prior). A page about a sign or symptom the
// person reports ("Sore Throat", "Cough", "Chest Pain") is no explanation of
// it, but its text says what explains it ("Often, colds and flu cause sore
// throats. Other causes can include: ..."): the site's own sources' list of
// what to think of first. The conditions each page names are read once when
// the profiles are built (by their names, as named_in reads a person's
// text); a query looks up the pages of its findings and raises what they
// name, each raise explained with the sentence that names it. Everyday
// one-finding descriptions otherwise rank first whichever short text lists
// the finding, often a rare or serious one.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>

#include "checker/conditions.hpp"
#include "core/section_type.hpp"
#include "text/analyzer.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {
namespace {

// English words by which a sentence says that what it names is frequent
// ("Often, colds and flu cause sore throats", "The most common type of
// headache is ..."), matched as whole words on the folded sentence.
constexpr std::array<std::string_view, 6> kFrequentCues = {
    " often ", " most common ", " common cause ", " common causes ", " commonly ", " usually "};

bool says_frequent(std::string_view sentence) {
  std::string padded = " ";
  for (const auto& w : text::tokenize(text::fold(sentence))) padded.append(w).push_back(' ');
  return std::any_of(kFrequentCues.begin(), kFrequentCues.end(),
                     [&](std::string_view cue) { return padded.find(cue) != std::string::npos; });
}

// The page's own text: what other entries of the condition say (kin, whose
// section names carry the entry's name) and annotation lists are not its
// word on what causes its symptom.
bool own_text(std::string_view section) {
  return section == "overview" || section == "symptoms" ||
         section == to_string(SectionType::causes) ||
         section == to_string(SectionType::susceptibility);
}

// Whether one folded word is a form of the name as written, or its plural
// (either way round: "allergies" and "Allergy", "flu" and "Flu").
bool written_as(std::string_view name, std::string_view word) {
  for (const auto& form : name_forms(name)) {
    const std::string f = text::fold(form);
    auto plural = [](std::string_view a, std::string_view b) {
      if (b.ends_with('y') && a.size() == b.size() + 2 && a.ends_with("ies") &&
          a.substr(0, b.size() - 1) == b.substr(0, b.size() - 1))
        return true;
      return a.size() > b.size() && a.substr(0, b.size()) == b &&
             (a.substr(b.size()) == "s" || a.substr(b.size()) == "es");
    };
    if (f == word || plural(f, word) || plural(word, f)) return true;
  }
  return false;
}

}  // namespace

void ConditionModel::prepare_causes() {
  causes_.assign(profiles_.size(), {});
  // A page: an entry some source files as a sign or symptom, from a general
  // collection (a rare-disease text lists a syndrome's features, not the
  // causes of a symptom).
  auto page = [&](std::size_t p) { return profiles_[p].sign && !profiles_[p].rare; };
  for (std::size_t i = 0; i < profiles_.size(); ++i) {
    if (!page(i)) continue;
    auto& causes = causes_[i];
    const auto& same = same_named_[i];
    for (std::uint32_t s = 0; s < sentences_[i].size(); ++s) {
      const auto& sentence = sentences_[i][s];
      if (!own_text(sentence.section)) continue;
      const bool frequent = says_frequent(sentence.text);
      auto add = [&](std::uint32_t p) {
        // Not the page itself, another page about a symptom only (one
        // filed as a disorder too, "Depression", is a cause), or an entry
        // about no disorder (a medicine, a test).
        if (p == i || profiles_[p].focus == Focus::symptom || profiles_[p].focus == Focus::other ||
            std::find(same.begin(), same.end(), p) != same.end())
          return;
        const auto it = std::find_if(causes.begin(), causes.end(),
                                     [&](const Cause& c) { return c.profile == p; });
        if (it == causes.end())
          causes.push_back({p, s, frequent});
        else if (frequent && !it->common)
          it->sentence = s, it->common = true;
      };
      // Every run of words that is a condition's name as people write it
      // (by the names of the profiles themselves, as named_in reads them:
      // the synonym lists hold words of every kind, "type", "symptoms"),
      // and the other profiles the sources say are that condition (resolve:
      // "Flu" is the "Influenza" article too). A one-word name must be the
      // word as written, or its plural: by stems alone "burning" would name
      // "Burns" and "sweating" "Sweat".
      for (const auto& r : named_runs(sentence.text)) {
        if (r.words == 1 && !written_as(profiles_[r.profile].name, r.run)) continue;
        add(r.profile);
        for (const auto& m : resolve(profiles_[r.profile].name))
          if (m.link != NameLink::narrower) add(static_cast<std::uint32_t>(m.profile));
      }
    }
  }
}

std::vector<std::uint32_t> ConditionModel::cause_pages(const ProfileQuery& q) const {
  std::vector<std::uint32_t> out;
  text::Analyzer analyzer;
  auto add = [&](std::uint32_t p) {
    if (p < causes_.size() && !causes_[p].empty() &&
        std::find(out.begin(), out.end(), p) == out.end())
      out.push_back(p);
  };
  for (const auto& f : q.present) {
    if (params_.cause_scope > 0 && !f.chief) continue;
    // A page the person's words name ("I have a sore throat and it hurts
    // to swallow": Sore Throat), or the whole name of a term it was read as.
    // A one-word name only as the whole finding: within a longer phrase it
    // is the general symptom the phrase narrows ("pain" of "shoulder
    // pain"), whose page lists causes of pain anywhere.
    const auto whole = by_name_identity_.find(name_identity(f.text, analyzer));
    for (const auto p : named_in(f.text)) {
      const bool one_word = text::tokenize(text::fold(profiles_[p].name)).size() == 1;
      if (!one_word ||
          (whole != by_name_identity_.end() &&
           std::find(whole->second.begin(), whole->second.end(), p) != whole->second.end()))
        add(p);
    }
    if (params_.cause_words > 0) continue;
    for (const auto& e : f.expansions)
      if (const auto it = by_name_identity_.find(name_identity(e, analyzer));
          it != by_name_identity_.end())
        for (const auto p : it->second) add(p);
  }
  return out;
}

std::vector<ConditionModel::CauseNamed> ConditionModel::caused_by(const ProfileQuery& q) const {
  std::vector<CauseNamed> out;
  if ((params_.cause_prior == 0 && params_.cause_common == 0) || causes_.size() != profiles_.size())
    return out;
  const auto pages = cause_pages(q);
  if (pages.empty()) return out;
  out.assign(profiles_.size(), {});
  const double scale =
      params_.cause_dilution > 0 && q.present.size() > 1
          ? std::pow(1.0 / static_cast<double>(q.present.size()), params_.cause_dilution)
          : 1.0;
  // Named by several pages, a condition counts once, at its largest.
  for (const auto page : pages)
    for (const auto& c : causes_[page]) {
      const double bonus = scale * (params_.cause_prior + (c.common ? params_.cause_common : 0.0));
      auto& into = out[c.profile];
      if (into.page == 0 || bonus > into.bonus) into = {page + 1, c.sentence, bonus, c.common};
    }
  return out;
}

void ConditionModel::explain_cause(const CauseNamed& c,
                                   std::vector<ProfileEvidence>& evidence) const {
  if (c.page == 0 || c.bonus == 0) return;
  const std::size_t page = c.page - 1;
  ProfileEvidence e;
  e.overall = true;
  e.finding = "the article on " + profiles_[page].name + " names it as " +
              (c.common ? "a common cause" : "a cause");
  e.words = {profiles_[page].name};
  e.contribution = std::round(c.bonus * 1000) / 1000;
  const auto& sentence = sentences_[page][c.sentence];
  e.quote = sentence.text;
  e.section = sentence.section;
  evidence.push_back(std::move(e));
}

}  // namespace symptomdb::checker
