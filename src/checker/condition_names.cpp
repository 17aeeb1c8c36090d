#include "checker/condition_names.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "checker/conditions.hpp"
#include "text/lines.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {
namespace {

std::vector<std::string> split_words(const std::string& identity) {
  std::vector<std::string> out;
  std::size_t a = 0;
  while (a < identity.size()) {
    auto b = identity.find(' ', a);
    if (b == std::string::npos) b = identity.size();
    if (b > a) out.push_back(identity.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

// "Hyperuricemia" under gout is a sign, not a name.
std::vector<std::string> condition_names(const ConditionEntry& c) {
  std::vector<std::string> out;
  auto add = [&](const std::string& n) {
    if (std::find(c.findings.begin(), c.findings.end(), n) != c.findings.end()) return;
    for (auto& f : name_forms(n))
      if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(std::move(f));
  };
  add(c.name);
  for (const auto& s : c.synonyms) add(s);
  return out;
}

namespace {

std::string cui_identity(const ConditionEntry& c) {
  std::vector<std::string> cuis = c.cuis;
  std::sort(cuis.begin(), cuis.end());
  std::string out;
  for (const auto& x : cuis) out += x + ' ';
  return out;
}

void add_match(std::vector<NameMatch>& to, NameMatch m) {
  if (std::none_of(to.begin(), to.end(),
                   [&](const NameMatch& x) { return x.profile == m.profile; }))
    to.push_back(std::move(m));
}

void add_covered(std::vector<CoveredName>& to, const std::string& name, NameLink link) {
  if (std::none_of(to.begin(), to.end(), [&](const CoveredName& x) { return x.name == name; }))
    to.push_back({name, link});
}

}  // namespace

std::string_view to_string(NameLink link) {
  switch (link) {
    case NameLink::own:
      return "own";
    case NameLink::same_condition:
      return "same_condition";
    default:
      return "narrower";
  }
}

std::string name_identity(std::string_view name, text::Analyzer& analyzer) {
  std::set<std::string> words;
  const auto terms = analyzer.terms(text::fold(name));
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const auto& s = terms[i].surface;
    // A negated qualifier belongs to its word: "non allergic" is the word
    // "nonallergic" (as sources also write it), never "allergic".
    if ((s == "non" || s == "not" || s == "without") && i + 1 < terms.size()) {
      words.insert(s + terms[i + 1].stem);
      ++i;
      continue;
    }
    if (text::is_stopword(s) || terms[i].stem.empty()) continue;
    words.insert(terms[i].stem);
  }
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> name_forms(std::string_view name) {
  std::vector<std::string> out{std::string(text::trim(name))};
  auto add = [&](std::string_view s) {
    auto t = collapse_spaces(text::trim(s));
    if (t.size() > 1 && std::find(out.begin(), out.end(), t) == out.end())
      out.push_back(std::move(t));
  };
  const auto open = name.find('(');
  const auto close = name.find(')', open == std::string_view::npos ? 0 : open);
  if (open != std::string_view::npos && close != std::string_view::npos && open > 0) {
    const auto inside = name.substr(open + 1, close - open - 1);
    const auto rest = name.substr(close + 1);
    if (text::trim(rest).empty()) {
      // "Kidney Infection (Pyelonephritis)": two names of one thing.
      add(name.substr(0, open));
      add(inside);
    } else {
      // "Gum (Periodontal) Disease": the name read without its aside.
      add(std::string(name.substr(0, open)) + " " + std::string(rest));
    }
  }
  // "Pyelonephritis: Kidney Infection": the condition is what comes first
  // (what follows may be a topic: "Kidney Failure: What to Expect").
  if (const auto colon = name.find(':'); colon != std::string_view::npos && colon > 0)
    add(name.substr(0, colon));
  return out;
}

ConditionNames ConditionNames::build(const Snapshot& snapshot, const ConditionModel& model,
                                     std::vector<std::vector<CoveredName>>& covered) {
  ConditionNames n;
  text::Analyzer analyzer;
  const auto conditions = snapshot.conditions();
  covered.assign(model.size(), {});
  std::map<std::string, std::vector<std::uint32_t>> by_cuis;
  // Profiles by their main name only: a link between two entries needs one
  // side's main name (two synonyms alike are too weak: "Pelvic pain
  // syndrome" is listed under both prostatitis and interstitial cystitis).
  std::unordered_map<std::string, std::vector<std::uint32_t>> primary;
  for (std::uint32_t p = 0; p < model.size(); ++p) {
    const auto& c = conditions[model.profile(p).condition];
    if (!c.cuis.empty()) by_cuis[cui_identity(c)].push_back(p);
    for (const auto& name : name_forms(c.name)) {
      const auto id = name_identity(name, analyzer);
      if (!id.empty()) primary[id].push_back(p);
    }
    for (const auto& name : condition_names(c)) {
      const auto id = name_identity(name, analyzer);
      if (id.empty()) continue;
      auto& own = n.own_[id];
      if (std::find(own.begin(), own.end(), p) != own.end()) continue;
      own.push_back(p);
      const auto at = static_cast<std::uint32_t>(n.names_.size());
      n.names_.push_back({split_words(id), p});
      for (const auto& w : n.names_.back().words) n.by_word_[w].push_back(at);
    }
  }
  // Profiles of one condition under two entries. A main name counts only
  // when one entry alone bears it, so a family name does not link.
  n.alike_.assign(model.size(), {});
  {
    auto link = [&](std::uint32_t a, std::uint32_t b, const std::string& via) {
      if (a == b) return;
      add_match(n.alike_[a], {b, NameLink::same_condition, via});
      add_match(n.alike_[b], {a, NameLink::same_condition, via});
    };
    std::unordered_map<std::string, std::vector<std::size_t>> main_of;
    for (std::size_t c = 0; c < conditions.size(); ++c) {
      if (conditions[c].kind == "drug") continue;
      for (const auto& form : name_forms(conditions[c].name)) {
        const auto id = name_identity(form, analyzer);
        auto& list = main_of[id];
        if (!id.empty() && (list.empty() || list.back() != c)) list.push_back(c);
      }
    }
    for (std::uint32_t p = 0; p < model.size(); ++p) {
      const auto& c = conditions[model.profile(p).condition];
      for (const auto& name : condition_names(c)) {
        const auto it = main_of.find(name_identity(name, analyzer));
        if (it == main_of.end() || it->second.size() != 1) continue;
        if (const auto q = model.profile_of_condition(it->second.front()))
          link(p, static_cast<std::uint32_t>(*q), name);
      }
      // "A and B" (or "A, B and C"): every part a name of one other profile.
      const auto folded = text::fold(c.name);
      if (folded.find(" and ") == std::string::npos) continue;
      std::vector<std::string> parts;
      std::string cur;
      for (std::size_t i = 0; i < folded.size(); ++i) {
        if (folded.compare(i, 5, " and ") == 0 || folded[i] == ',') {
          parts.push_back(cur);
          cur.clear();
          i += folded[i] == ',' ? 0 : 4;
          continue;
        }
        cur.push_back(folded[i]);
      }
      parts.push_back(cur);
      std::vector<std::uint32_t> common;
      bool first = true;
      for (const auto& part : parts) {
        const auto id = name_identity(part, analyzer);
        if (id.empty()) continue;
        const auto it = n.own_.find(id);
        std::vector<std::uint32_t> here =
            it == n.own_.end() ? std::vector<std::uint32_t>{} : it->second;
        std::erase(here, p);
        std::sort(here.begin(), here.end());
        if (first) {
          common = std::move(here);
          first = false;
        } else {
          std::vector<std::uint32_t> both;
          std::set_intersection(common.begin(), common.end(), here.begin(), here.end(),
                                std::back_inserter(both));
          common = std::move(both);
        }
      }
      for (const auto q : common) link(p, q, c.name);
    }
    // Identical CUIs, where few profiles share them (a broad CUI such as
    // "Syndrome" is listed under dozens of unrelated entries).
    for (const auto& [cuis, group] : by_cuis)
      if (group.size() >= 2 && static_cast<double>(group.size()) <= model.parameters().kin_max)
        for (const auto a : group)
          for (const auto b : group) link(a, b, "UMLS " + cuis);
  }
  // Entries without a profile (a name and no text): tie them to the
  // profiled condition the sources say they are, else to the broader one
  // whose text describes them.
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    const auto& u = conditions[c];
    if (u.kind != "disease" || model.profile_of_condition(c)) continue;
    const auto names = condition_names(u);
    std::vector<NameMatch> same;
    if (!u.cuis.empty())
      if (auto it = by_cuis.find(cui_identity(u)); it != by_cuis.end())
        for (const auto p : it->second)
          add_match(same, {p, NameLink::same_condition, "UMLS " + cui_identity(u)});
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < names.size(); ++i) {
      ids.push_back(name_identity(names[i], analyzer));
      // names[0] is the entry's main name: it may meet any name of a
      // profile; its synonyms only a profile's main name.
      const auto& index = i == 0 ? n.own_ : primary;
      if (auto it = index.find(ids.back()); it != index.end())
        for (const auto p : it->second) add_match(same, {p, NameLink::same_condition, names[i]});
    }
    if (!same.empty()) {
      for (const auto& id : ids) {
        if (id.empty() || n.own_.contains(id)) continue;
        auto& to = n.same_[id];
        for (const auto& m : same) add_match(to, m);
      }
      for (const auto& m : same) add_covered(covered[m.profile], u.name, NameLink::same_condition);
      continue;
    }
    for (std::size_t i = 0; i < names.size(); ++i)
      for (const auto& m : n.narrower(names[i], split_words(ids[i]), model))
        add_covered(covered[m.profile], names[i], NameLink::narrower);
  }
  return n;
}

std::vector<NameMatch> ConditionNames::resolve(std::string_view name,
                                               const ConditionModel& model) const {
  text::Analyzer analyzer;
  std::vector<NameMatch> out;
  for (const auto& form : name_forms(name)) {
    const auto id = name_identity(form, analyzer);
    if (id.empty()) continue;
    if (auto it = own_.find(id); it != own_.end())
      for (const auto p : it->second) add_match(out, {p, NameLink::own, form});
  }
  // The other profiles of the same condition, one step from those found.
  auto with_alike = [&]() {
    const std::size_t found = out.size();
    for (std::size_t i = 0; i < found && !alike_.empty(); ++i)
      for (const auto& m : alike_[out[i].profile]) add_match(out, m);
    return out;
  };
  if (!out.empty()) return with_alike();
  for (const auto& form : name_forms(name))
    if (auto it = same_.find(name_identity(form, analyzer)); it != same_.end())
      for (const auto& m : it->second) add_match(out, m);
  if (!out.empty()) return with_alike();
  for (const auto& form : name_forms(name))
    for (auto& m : narrower(form, split_words(name_identity(form, analyzer)), model))
      add_match(out, std::move(m));
  return out;
}

std::vector<NameMatch> ConditionNames::narrower(std::string_view name,
                                                const std::vector<std::string>& words,
                                                const ConditionModel& model) const {
  // Names all of whose words are words of this one (and fewer of them).
  std::unordered_map<std::uint32_t, std::size_t> shared;
  for (const auto& w : words)
    if (auto it = by_word_.find(w); it != by_word_.end())
      for (const auto i : it->second) ++shared[i];
  std::map<std::size_t, std::vector<std::uint32_t>, std::greater<>> by_size;
  for (const auto& [i, k] : shared)
    if (k == names_[i].words.size() && k < words.size()) by_size[k].push_back(i);
  // The most specific whose own text uses the name as a phrase; failing
  // that, the most specific whose text uses each word the name adds
  // ("ruptured" in the ectopic pregnancy article): a word the text never
  // uses is a form the article does not describe.
  std::vector<NameMatch> out;
  for (const bool phrase : {true, false}) {
    for (auto& [size, list] : by_size) {
      std::sort(list.begin(), list.end());
      for (const auto i : list) {
        const auto p = names_[i].profile;
        bool uses = phrase ? model.mentions(p, name) : true;
        if (!phrase)
          for (const auto& w : words)
            if (!std::binary_search(names_[i].words.begin(), names_[i].words.end(), w))
              uses = uses && model.has_term(p, w);
        if (uses) add_match(out, {p, NameLink::narrower, model.profile(p).name});
      }
      if (!out.empty()) return out;
    }
  }
  return out;
}

bool ConditionModel::has_term(std::size_t profile, const std::string& term) const {
  const auto it = term_ids_.find(term);
  if (it == term_ids_.end()) return false;
  if (profile < borrowed_.size() &&
      std::binary_search(borrowed_[profile].begin(), borrowed_[profile].end(), it->second))
    return false;
  const auto& posts = postings_[it->second];
  const auto at = std::lower_bound(
      posts.begin(), posts.end(), profile,
      [](const Posting& p, std::size_t v) { return static_cast<std::size_t>(p.profile) < v; });
  return at != posts.end() && at->profile == profile;
}

bool ConditionModel::mentions(std::size_t profile, std::string_view phrase) const {
  const auto terms = profile_terms(phrase, true);
  return !terms.empty() && std::all_of(terms.begin(), terms.end(),
                                       [&](const std::string& t) { return has_term(profile, t); });
}

std::vector<NameMatch> ConditionModel::resolve(std::string_view name) const {
  return names_.resolve(name, *this);
}

}  // namespace symptomdb::checker
