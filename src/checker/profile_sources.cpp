#include "checker/profile_sources.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "checker/checker.hpp"
#include "checker/interpret.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {

bool rare_collection(std::string_view c) {
  return c == "GARD" || c == "GHR";
}

bool encyclopedia_collection(std::string_view c) {
  return c.empty() || c == "MPlusHealthTopics" || c == "ADAM" || c == "NIHSeniorHealth";
}

namespace {

// Words of language, not medical facts: how a text says "mostly" and names
// a group of people.
constexpr std::array<std::string_view, 16> kHowOften = {
    "more common in", "most common in", "more common among", "most common among",
    "more likely",    "most likely",    "more often",        "most often",
    "mostly affect",  "mainly affect",  "usually affect",    "often affect",
    "higher risk",    "greater risk",   "at risk",           "affects more"};
constexpr std::array<std::string_view, 9> kChildren = {" child", " infant",  " babies",
                                                       " baby ", " toddler", " newborn",
                                                       " kids ", " teen",    " adolescen"};
constexpr std::array<std::string_view, 7> kOlder = {" older adult", " older people", " older men",
                                                    " older women", " elderly",      " over age 6",
                                                    " older than 6"};
// Words of kinship: in a sentence that names one, "children" (and
// "babies") are someone's offspring, not an age group: "Parents,
// siblings, or children of a person who has had colorectal cancer are more
// likely to develop it", "Babies born to mothers who had gestational
// diabetes are more likely to develop obesity". English, no condition.
constexpr std::array<std::string_view, 9> kKin = {" parent",   " sibling",   " brother",
                                                  " sister",   " mother",    " father",
                                                  " relative", " offspring", " family member"};
constexpr std::array<std::string_view, 3> kWomen = {" women", " woman", " female"};
constexpr std::array<std::string_view, 3> kMen = {" men ", " men,", " males"};

template <std::size_t N>
bool has_any(std::string_view s, const std::array<std::string_view, N>& cues) {
  for (const auto c : cues)
    if (s.find(c) != std::string_view::npos) return true;
  return false;
}

// A sentence without its comparison groups: "more common in men than in
// women and more common in adults than in children" names women and
// children as the ones less affected. Each " than ..." is cut up to the
// next " and ", comma or semicolon. A number after "than" is an age or a
// count ("older than 65"), not a group, and stays.
std::string without_comparisons(std::string_view s) {
  std::string out;
  std::size_t from = 0;
  for (auto at = s.find(" than "); at != std::string_view::npos;
       at = s.find(" than ", std::max(from, at + 6))) {
    if (at + 6 < s.size() && std::isdigit(static_cast<unsigned char>(s[at + 6]))) continue;
    std::size_t end = s.size();
    for (const std::string_view stop : {" and ", ",", ";"})
      if (const auto e = s.find(stop, at + 6); e != std::string_view::npos) end = std::min(end, e);
    out.append(s.substr(from, at - from));
    from = end;
  }
  out.append(s.substr(from));
  out.push_back(' ');  // the cues look for a word's end
  return out;
}

}  // namespace

Affected who_is_affected(std::string_view name, std::string_view text, std::string_view opening) {
  Affected a;
  const std::string folded_name = text::fold(name);
  const std::string folded_opening = text::fold(opening);
  a.pregnancy = folded_name.find("pregnan") != std::string::npos ||
                folded_opening.find("pregnan") != std::string::npos;
  // Sentence by sentence: the group must be named where the frequency is.
  std::string sentence(1, ' ');
  auto judge = [&]() {
    sentence.push_back(' ');
    sentence = without_comparisons(sentence);
    if (has_any(sentence, kHowOften)) {
      a.children = a.children || (has_any(sentence, kChildren) && !has_any(sentence, kKin));
      a.older = a.older || has_any(sentence, kOlder);
      const bool w = has_any(sentence, kWomen), m = has_any(sentence, kMen);
      if (w != m) (w ? a.women : a.men) = true;
    }
    sentence.assign(1, ' ');
  };
  for (const char c : text::fold(text)) {
    if (c == '.' || c == '\n' || c == '!' || c == '?')
      judge();
    else
      sentence.push_back(c);
  }
  judge();
  // A statement for both sexes says nothing about either.
  if (a.women && a.men) a.women = a.men = false;
  return a;
}

double affected_prior(const Affected& a, std::optional<double> age_years,
                      std::optional<bool> female, double weight) {
  if (weight == 0 || !a.any()) return 0;
  double out = 0;
  if (age_years) {
    const bool child = *age_years < 16, old = *age_years >= 60;
    if (a.children) out += child ? weight : -weight;
    if (a.older) out += old ? weight : (child ? -weight : 0.0);
  }
  if (female) {
    if (a.women) out += *female ? weight : -weight;
    if (a.men) out += *female ? -weight : weight;
  }
  if (a.pregnancy && ((female && !*female) || (age_years && (*age_years < 12 || *age_years > 55))))
    out -= 3 * weight;
  return out;
}

ProfileSources hpo_profile_sources(const Checker& checker) {
  ProfileSources out;
  out.annotations_source = "HPO annotations";
  const auto& onto = checker.ontology();
  out.annotated.reserve(checker.disease_count());
  for (DiseaseIndex d = 0; d < checker.disease_count(); ++d) {
    const Disease& disease = checker.disease(d);
    AnnotatedCondition a;
    a.name = disease.name;
    for (const auto& t : disease.present) a.findings.push_back(onto.term(t.term).label);
    if (!a.findings.empty()) out.annotated.push_back(std::move(a));
  }
  return out;
}

std::function<std::vector<std::string>(std::string_view)> interpreter_reader(
    const Interpreter& interpreter, double min_confidence) {
  return [&interpreter, min_confidence](std::string_view text) {
    std::vector<std::string> out;
    for (auto& t : interpreter.interpret(text).terms)
      if (t.confidence >= min_confidence && std::find(out.begin(), out.end(), t.label) == out.end())
        out.push_back(std::move(t.label));
    return out;
  };
}

std::string_view to_string(Focus f) {
  switch (f) {
    case Focus::disorder:
      return "disorder";
    case Focus::symptom:
      return "symptom";
    case Focus::finding:
      return "finding";
    case Focus::other:
      return "other";
  }
  return "disorder";
}

bool is_guide_title(std::string_view name) {
  const std::string f = text::fold(name);
  const auto end = f.find_first_of(" ?:");
  const std::string_view first = std::string_view(f).substr(0, end);
  // Question words and the reader addressed; "a guide to", "tips for".
  for (const std::string_view w : {"what", "how", "why", "when", "your", "tips"})
    if (first == w) return true;
  return f.starts_with("a guide to ") || f.starts_with("guide to ");
}

Focus focus_of(const std::vector<std::string>& types, const std::vector<std::string>& kinds) {
  if (!types.empty()) {
    // Any type besides the two of what a person reports or a doctor finds
    // ("Disease or Syndrome", "Neoplastic Process", "Injury or Poisoning",
    // an organism): the sources say it is a disorder.
    bool symptom = false;
    for (const auto& t : types) {
      if (t == "T184")
        symptom = true;
      else if (t != "T033")
        return Focus::disorder;
    }
    return symptom ? Focus::symptom : Focus::finding;
  }
  // No type: only a topic every annotating source files as "other" is not a
  // disorder; without a source that says so (the site's articles, CDC's
  // unannotated documents) it stays one.
  if (kinds.empty()) return Focus::disorder;
  for (const auto& k : kinds)
    if (k != "other") return Focus::disorder;
  return Focus::other;
}

}  // namespace symptomdb::checker
