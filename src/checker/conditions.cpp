#include "checker/conditions.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <unordered_set>

#include "checker/description.hpp"
#include "checker/profile_sources.hpp"
#include "checker/quantities.hpp"
#include "checker/section_sentences.hpp"
#include "text/analyzer.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {
namespace {

struct Word {
  std::string stem, surface;
  std::size_t position;  // index among all words, stop words included
};

// The forms of "be" the shared stop list leaves out (it serves the question
// reader, which keeps them): as a tense's helper they say nothing of a
// condition. "I have been cutting myself" matched "has been cut off" in a
// text about the brain's oxygen, and a vignette's "have been lumpy" won a
// near tie by its "been".
bool is_tense_helper(std::string_view w) {
  static constexpr std::array<std::string_view, 3> kTenseHelpers = {"am", "been", "being"};
  return std::find(kTenseHelpers.begin(), kTenseHelpers.end(), w) != kTenseHelpers.end();
}

// A subject and its helper written as one word ("I've", "I'm"), folded
// without the apostrophe: who, not what. The stop list has their parts
// ("i", "have", "am"); "I've been throwing up" matched "ive" nowhere useful
// and "i've" in no text, but the folded word counted as a rare one.
bool is_subject_contraction(std::string_view w) {
  static constexpr std::array<std::string_view, 7> kContractions = {
      "ive", "im", "weve", "youve", "theyve", "youre", "theyre"};
  return std::find(kContractions.begin(), kContractions.end(), w) != kContractions.end();
}

// Content words of a text, with their positions so that word pairs can
// bridge one stop word ("shortness of breath") but not more.
std::vector<Word> content_words(std::string_view text, text::Analyzer& analyzer) {
  std::vector<Word> out;
  const auto terms = analyzer.terms(text::fold(text));
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const auto& t = terms[i];
    if (text::is_stopword(t.surface) || is_tense_helper(t.surface) ||
        is_subject_contraction(t.surface) || t.stem.size() < 2)
      continue;
    // "all" before a unit of time ("all night") counts the unit as a number
    // does ("3 days", below): how long, not what.
    if (t.surface == "all" && i + 1 < terms.size() && unit_days(terms[i + 1].surface)) continue;
    // Numbers say little about a condition and much about a story.
    if (std::all_of(t.stem.begin(), t.stem.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    out.push_back({indexed_stem(t.stem), t.surface, i});
  }
  return out;
}

std::string pair_key(const std::string& a, const std::string& b) {
  return a < b ? a + ' ' + b : b + ' ' + a;
}

template <typename F>
void for_each_term(const std::vector<Word>& words, bool pairs, F&& f) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    f(words[i].stem, words[i].surface);
    if (pairs && i + 1 < words.size() && words[i + 1].position - words[i].position <= 2 &&
        words[i].stem != words[i + 1].stem)
      f(pair_key(words[i].stem, words[i + 1].stem), words[i].surface + ' ' + words[i + 1].surface);
  }
}

// Phrases in which the knowledge base states urgency. Language, not medical
// facts: what the article itself says about its condition.
constexpr std::array<std::string_view, 14> kEmergencyCues = {
    "medical emergency",    "call 911",           "call 9-1-1",       "emergency room",
    "emergency department", "life-threatening",   "life threatening", "emergency care",
    "emergency treatment",  "can be fatal",       "is an emergency",  "emergency medical",
    "call an ambulance",    "medical emergencies"};
constexpr std::array<std::string_view, 5> kUrgentCues = {
    "right away", "immediately", "as soon as possible", "urgent", "promptly"};
constexpr std::array<std::string_view, 15> kSelfLimitedCues = {
    "go away on their own",        "goes away on its own",   "go away on its own",
    "get better on their own",     "gets better on its own", "go away without treatment",
    "goes away without treatment", "clear up on their own",  "clears up on its own",
    "resolve on their own",        "self-limiting",          "go away by themselves",
    "recover on their own",        "recovers on its own",    "recover without treatment"};
constexpr std::array<std::string_view, 8> kCommonCues = {"is common",   "are common", "very common",
                                                         "most common", "a common",   "is a common",
                                                         "many people", "millions of"};
constexpr std::array<std::string_view, 6> kRareCues = {
    "is rare", "rare disease", "rare condition", "rare disorder", "very rare", "is uncommon"};

// Words that make an urgency statement one about what the condition can
// lead to, an untreated or severe course, or what to do if something happens
// ("can be life threatening", "severe attacks may need emergency care", "call
// 911 if ..."), rather than about the condition as it presents ("is a medical
// emergency", "call 911 right away"). Language, matched on the padded folded
// sentence. The conditions hold for the whole sentence; the modal and
// severity words only for the part of it that states the urgency ("can be
// fatal and are considered medical emergencies" states one outright).
constexpr std::array<std::string_view, 7> kConditionalCues = {
    " if ",     " when ",       " untreated", " not treated", " without treatment",
    " unless ", " complication"};
constexpr std::array<std::string_view, 26> kModalCues = {
    " can ",          " may ",         " could ",      " might ",         " severe ",
    " serious ",  // "Serious traumatic brain injuries need emergency treatment"
    " sometimes ",    " rarely ",      " rare ",       " in some cases ", " some ",
    " often ",        " potentially ", " risk ",       " range ",         " vary ",
    " lead to ",      " leads to ",    " leading to ", " result in ",     " results in ",
    " resulting in ", " causing ",     " caused by ",  " causes ",        " cause "};
// Words that deny the statement ("is not a life-threatening condition").
constexpr std::array<std::string_view, 4> kNegationCues = {" not ", " no ", "n't ", " never "};
constexpr std::size_t kNegationReach = 16;  // characters before the cue
// A verb that makes the part after " and " a statement of its own ("can be
// fatal and are considered medical emergencies"), not more of the same
// phrase ("serious and life-threatening infections").
constexpr std::array<std::string_view, 6> kStatementVerbs = {" is ",      " are ",   " requires ",
                                                             " require ", " needs ", " need "};

// "If you think you are having a heart attack, call 911": the person
// believes they have the condition itself, so the statement is about it.
constexpr std::array<std::string_view, 4> kBelieveCues = {" if you think ", " if you suspect ",
                                                          " if you believe ", " if someone "};

template <std::size_t N>
std::string_view first_cue(std::string_view folded, const std::array<std::string_view, N>& cues) {
  for (const auto c : cues)
    if (folded.find(c) != std::string_view::npos) return c;
  return {};
}

// Where an urgency statement (folded, padded with spaces) states its level:
// the first place of each of its cues.
std::vector<std::size_t> urgency_cues_at(std::string_view f, Urgency u) {
  std::vector<std::size_t> at;
  auto add = [&](const auto& cues) {
    for (const auto c : cues)
      if (const auto p = f.find(c); p != std::string_view::npos) at.push_back(p);
  };
  if (u == Urgency::emergency)
    add(kEmergencyCues);
  else
    add(kUrgentCues);
  return at;
}

// Whether an urgency statement is hedged: conditional anywhere, a list of
// signs to follow (it ends with ':'), or modal in each clause ("; ", " and ",
// " but ") that holds one of its cues.
bool hedged_urgency(std::string_view f, Urgency u) {
  if (!first_cue(f, kBelieveCues).empty()) return false;
  if (!first_cue(f, kConditionalCues).empty()) return true;
  const auto end = f.find_last_not_of(' ');
  if (end != std::string_view::npos && f[end] == ':') return true;
  const auto cues = urgency_cues_at(f, u);
  return std::all_of(cues.begin(), cues.end(), [&](std::size_t cue) {
    std::size_t from = 0, to = f.size();
    for (const std::string_view sep : {"; ", " and ", " but "}) {
      for (auto p = f.find(sep); p != std::string_view::npos; p = f.find(sep, p + 1)) {
        if (p + sep.size() <= cue)
          from = std::max(from, p + sep.size() - 1);
        else if (p > cue)
          to = std::min(to, p + 1);
      }
    }
    std::string_view clause = f.substr(from, to - from);
    if (first_cue(clause, kStatementVerbs).empty()) clause = f;
    return !first_cue(clause, kModalCues).empty();
  });
}

// Whether an urgency statement (folded, padded) opens with the name of a
// condition other than the one described ("Shock is an emergency" in a
// text on multiple system atrophy): the emergency is that condition's, a
// complication that may come, not the described one as it presents.
bool said_of_another(std::string_view f, const std::unordered_set<std::string>& names,
                     const std::unordered_set<std::string>& own) {
  std::size_t at = f.find_first_not_of(' ');
  if (at == std::string_view::npos) return false;
  bool article_first = false;
  for (const std::string_view article : {"a ", "an ", "the "})
    if (f.substr(at).starts_with(article)) at += article.size(), article_first = true;
  // The longest name the sentence opens with decides ("heart attack", not
  // "heart"); after an article, also after one word that says which or how
  // much of it ("a complete intestinal obstruction", "a ruptured
  // aneurysm"), when the sentence does not open with a name.
  auto opens_with = [&](std::size_t from, bool& found) {
    std::string subject;
    bool another = false;
    for (int words = 0; words < 6; ++words) {
      const auto end = f.find(' ', from);
      if (end == std::string_view::npos) break;
      if (!subject.empty()) subject.push_back(' ');
      subject.append(f.substr(from, end - from));
      if (own.contains(subject))
        another = false, found = true;
      else if (names.contains(subject))
        another = true, found = true;
      from = end + 1;
    }
    return another;
  };
  bool found = false;
  const bool another = opens_with(at, found);
  if (found || !article_first) return another;
  const auto second = f.find(' ', at);
  return second != std::string_view::npos && opens_with(second + 1, found);
}

// Whether an urgency statement is denied just before its cue ("is not a
// life-threatening condition"); a negation elsewhere ("do not drive
// yourself") leaves it standing.
// The reach goes back over an adjective the cue is coordinated with ("isn't
// a serious or life-threatening condition"): the negation denies both.
bool denied_urgency(std::string_view f, Urgency u) {
  const auto cues = urgency_cues_at(f, u);
  return !cues.empty() && std::all_of(cues.begin(), cues.end(), [&](std::size_t cue) {
    std::size_t reach = kNegationReach;
    for (const std::string_view joint : {std::string_view(" or "), std::string_view(" and ")}) {
      const auto before = f.substr(0, cue);
      if (!before.ends_with(joint)) continue;
      const auto word = before.substr(0, before.size() - joint.size()).rfind(' ');
      if (word != std::string_view::npos) reach += cue - word;
    }
    const std::size_t from = cue > reach ? cue - reach : 0;
    return !first_cue(f.substr(from, cue - from + 1), kNegationCues).empty();
  });
}

template <std::size_t N>
int count_cues(std::string_view folded, const std::array<std::string_view, N>& cues) {
  int n = 0;
  for (const auto c : cues)
    for (auto p = folded.find(c); p != std::string_view::npos; p = folded.find(c, p + c.size()))
      ++n;
  return n;
}

// "1 in 100,000" → 100000: the denominator of a stated prevalence.
int prevalence_words(std::string_view folded) {
  int net = 0;
  for (auto p = folded.find("1 in "); p != std::string_view::npos;
       p = folded.find("1 in ", p + 5)) {
    std::size_t i = p + 5;
    double n = 0;
    bool digits = false;
    while (i < folded.size() &&
           (std::isdigit(static_cast<unsigned char>(folded[i])) || folded[i] == ',')) {
      if (folded[i] != ',') n = n * 10 + (folded[i] - '0'), digits = true;
      ++i;
    }
    if (folded.substr(i, 8) == " million") n *= 1e6;
    if (!digits) continue;
    if (n >= 2000) --net;
    if (n > 1 && n <= 100) ++net;
  }
  return net;
}

}  // namespace

// A noun in -ency or -ence and the adjective in -ent it is made from are one
// word to the texts: a person's "urinary urgency" or "urinary frequency" is
// the articles' "an urgent need to urinate" or "frequent urination", "a
// persistence" of a symptom is a "persistent" one. The stemmer keeps them
// apart ("urgenc" / "urgent"); the stem of the noun is folded into the
// adjective's, on both sides of the match. English derivation, not a list.
// (The interpreter reads the other way, an adjective as the noun HPO's names
// say, Interpreter::noun_of_adjective: there only one side changes, and
// only into a word some name uses.)
// Likewise a part named by a noun in -men has its adjective in -minal
// ("abdomen", "abdominal"; "lumen", "luminal"): the stemmer keeps "abdomin"
// and "abdomen" apart, so a finding read as "Abdominal pain" never met a
// text's "pain in the abdomen". The adjective's stem is folded into the
// noun's, on both sides. English derivation, not a list.
std::string indexed_stem(std::string stem) {
  if (stem.size() >= 6 && (stem.ends_with("enc") || stem.ends_with("anc"))) stem.back() = 't';
  if (stem.size() >= 6 && stem.ends_with("min")) stem.replace(stem.size() - 3, 3, "men");
  return stem;
}

namespace {
std::vector<std::string> terms_with(std::string_view text, bool pairs, text::Analyzer& analyzer) {
  std::vector<std::string> out;
  for_each_term(content_words(text, analyzer), pairs,
                [&](const std::string& t, const std::string&) { out.push_back(t); });
  return out;
}
}  // namespace

namespace {
// What each snapshot condition is about (Focus), from its MedQuAD articles'
// semantic types and focus kinds. An entry only the site's own articles
// describe has no annotation: it takes what the annotated entries of one of
// its names are (the site's "Headache" is MedQuAD's "Headache", a sign or
// symptom), a disorder when any of them is one; with no such entry it stays
// a disorder, as the site writes about conditions.
std::vector<Focus> focus_of_conditions(const Snapshot& snapshot, text::Analyzer& analyzer) {
  const auto conditions = snapshot.conditions();
  const auto articles = snapshot.articles();
  std::vector<Focus> out(conditions.size(), Focus::disorder);
  std::vector<char> annotated(conditions.size(), 0);
  std::unordered_map<std::string, std::vector<std::size_t>> by_name;
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    std::vector<std::string> kinds;
    for (const auto a : conditions[c].articles)
      if (articles[a].provenance.format == "medquad") kinds.push_back(articles[a].condition.kind);
    out[c] = is_guide_title(conditions[c].name) ? Focus::other
                                                : focus_of(conditions[c].semantic_types, kinds);
    annotated[c] = !kinds.empty();
    if (annotated[c] && !conditions[c].semantic_types.empty())
      if (auto id = name_identity(conditions[c].name, analyzer); !id.empty())
        by_name[id].push_back(c);
  }
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    if (annotated[c]) continue;
    bool found = false, disorder = false;
    Focus other = Focus::disorder;
    for (const auto& n : condition_names(conditions[c]))
      if (auto it = by_name.find(name_identity(n, analyzer)); it != by_name.end())
        for (const auto k : it->second) {
          found = true;
          if (out[k] == Focus::disorder) disorder = true;
          other = out[k];
        }
    if (found && !disorder) out[c] = other;
  }
  return out;
}
}  // namespace

std::vector<std::string> profile_terms(std::string_view text, bool pairs) {
  text::Analyzer analyzer;
  return terms_with(text, pairs, analyzer);
}

ConditionModel ConditionModel::build(const Snapshot& snapshot, ProfileParameters p,
                                     const ProfileSources& sources) {
  ConditionModel m;
  m.params_ = p;
  text::Analyzer analyzer;
  // Annotated diseases by the identity of their names (condition_names.hpp).
  std::unordered_map<std::string, std::vector<std::size_t>> annotated;
  for (std::size_t i = 0; i < sources.annotated.size(); ++i)
    if (auto id = name_identity(sources.annotated[i].name, analyzer); !id.empty())
      annotated[id].push_back(i);
  const auto conditions = snapshot.conditions();
  const auto articles = snapshot.articles();
  m.profile_of_condition_.assign(conditions.size(), -1);
  // Other entries of the same condition: non-drug entries sharing a CUI
  // that few entries share.
  std::vector<std::vector<std::size_t>> kin(conditions.size());
  if (p.weight_kin > 0) {
    std::unordered_map<std::string, std::vector<std::size_t>> by_cui;
    for (std::size_t c = 0; c < conditions.size(); ++c)
      if (conditions[c].kind != "drug")
        for (const auto& cui : conditions[c].cuis) by_cui[cui].push_back(c);
    auto link = [&](std::size_t a, std::size_t b) {
      if (a != b && std::find(kin[a].begin(), kin[a].end(), b) == kin[a].end()) kin[a].push_back(b);
    };
    for (const auto& [cui, group] : by_cui) {
      if (group.size() < 2 || static_cast<double>(group.size()) > p.kin_max) continue;
      for (const auto a : group)
        for (const auto b : group) link(a, b);
    }
    // An entry that lists another's main name among its synonyms: the
    // sources say they are one condition even where their CUIs differ
    // (an A.D.A.M. page and a health topic of one disease under two names).
    // Only a name one entry alone is called, so a family name does not link.
    std::unordered_map<std::string, std::vector<std::size_t>> by_main_name;
    for (std::size_t c = 0; c < conditions.size(); ++c)
      if (conditions[c].kind != "drug")
        if (auto id = name_identity(conditions[c].name, analyzer); !id.empty())
          by_main_name[id].push_back(c);
    for (std::size_t c = 0; c < conditions.size(); ++c) {
      if (conditions[c].kind == "drug") continue;
      for (const auto& s : conditions[c].synonyms)
        if (auto it = by_main_name.find(name_identity(s, analyzer));
            it != by_main_name.end() && it->second.size() == 1) {
          link(c, it->second.front());
          link(it->second.front(), c);
        }
    }
  }
  const auto focus = focus_of_conditions(snapshot, analyzer);
  // Every condition's names, folded, to tell an urgency said of another
  // condition (said_of_another).
  std::unordered_set<std::string> all_names;
  for (const auto& cond : conditions) {
    if (cond.kind == "drug") continue;
    all_names.insert(text::fold(cond.name));
    for (const auto& s : cond.synonyms) all_names.insert(text::fold(s));
  }
  std::unordered_map<std::uint32_t, float> tf;
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    const auto& cond = conditions[c];
    // Not drugs; entries about no disorder and signs or symptoms as the
    // parameters say.
    if (cond.kind == "drug") continue;
    if (focus[c] == Focus::other && p.other_profiles == 0) continue;
    if (focus[c] == Focus::symptom && p.symptom_profiles == 0) continue;
    Profile prof;
    prof.condition = c;
    prof.name = cond.name;
    prof.slug = cond.slug;
    prof.also_called = cond.synonyms;
    prof.focus = focus[c];
    prof.sign = std::find(cond.semantic_types.begin(), cond.semantic_types.end(), "T184") !=
                cond.semantic_types.end();
    prof.rare = true;
    tf.clear();
    std::uint32_t length = 0;
    std::vector<Sentence> sentences;
    // What the overview and symptom sections say counts whatever its form
    // ("if you think you are having a heart attack, call 911" is about the
    // condition itself); advice sections list warning signs ("call if ..."),
    // so there only unconditional statements count.
    std::string urgency_text, advice_text, complications_text, common_text, who_text, opening;
    // Text to read into finding names once the collection is known (rare
    // collections are not read), with its section weight.
    std::vector<std::pair<std::string, double>> readable;
    auto add = [&](std::string_view text, double weight, bool counts) {
      const auto words = content_words(text, analyzer);
      for_each_term(words, true, [&](const std::string& t, const std::string&) {
        // Looked up first: emplace makes a node (a string copy) even for a
        // term already numbered, which nearly every term of a text is.
        auto it = m.term_ids_.find(t);
        if (it == m.term_ids_.end()) {
          it = m.term_ids_.emplace(t, static_cast<std::uint32_t>(m.postings_.size())).first;
          m.postings_.emplace_back();
        }
        tf[it->second] += static_cast<float>(weight);
      });
      if (counts) length += static_cast<std::uint32_t>(words.size());
    };
    auto keep_sentences = [&](const std::string& text, std::string_view section) {
      for (auto& s : sentences_of(text)) {
        Sentence sen{s, std::string(section), {}};
        for (const auto& t : terms_with(s, true, analyzer))
          if (auto it = m.term_ids_.find(t); it != m.term_ids_.end())
            sen.terms.push_back(it->second);
        std::sort(sen.terms.begin(), sen.terms.end());
        sen.terms.erase(std::unique(sen.terms.begin(), sen.terms.end()), sen.terms.end());
        if (!sen.terms.empty()) sentences.push_back(std::move(sen));
      }
    };
    std::string names = cond.name;
    for (const auto& s : cond.synonyms) names += ". " + s;
    add(names, p.weight_name, false);
    std::vector<std::string_view> encyclopedias;
    for (const auto a : cond.articles) {
      const Article& art = articles[a];
      if (!rare_collection(art.collection)) prof.rare = false;
      if (encyclopedia_collection(art.collection)) {
        prof.encyclopedia = true;
        if (std::find(encyclopedias.begin(), encyclopedias.end(), art.collection) ==
            encyclopedias.end())
          encyclopedias.push_back(art.collection);
      }
      // The site's own articles first, then general collections.
      const bool better = prof.article.empty() ||
                          (art.collection.empty() && !prof.collection.empty()) ||
                          (rare_collection(prof.collection) && !rare_collection(art.collection));
      if (better) prof.article = art.slug, prof.collection = art.collection;
      if (opening.empty()) opening = art.introduction.substr(0, 300);
      if (!art.introduction.empty()) {
        add(art.introduction, p.weight_overview, true);
        keep_sentences(art.introduction, "overview");
        if (p.read_overview > 0) readable.emplace_back(art.introduction, p.weight_overview);
        common_text += " " + art.introduction;
        urgency_text += "\n" + art.introduction;
      }
      for (const auto& s : art.sections) {
        const std::string text = section_text(s);
        switch (s.type) {
          case SectionType::symptoms:
            add(text, p.weight_symptoms, true);
            keep_sentences(text, "symptoms");
            readable.emplace_back(text, p.weight_symptoms);
            urgency_text += "\n" + text;
            break;
          case SectionType::overview:
            if (opening.empty()) opening = text.substr(0, 300);
            add(text, p.weight_overview, true);
            keep_sentences(text, "overview");
            if (p.read_overview > 0) readable.emplace_back(text, p.weight_overview);
            common_text += " " + text;
            urgency_text += "\n" + text;
            break;
          case SectionType::causes:
          case SectionType::susceptibility:
            if (s.type == SectionType::susceptibility) who_text += "\n" + text;
            add(text, p.weight_causes, true);
            keep_sentences(text, to_string(s.type));
            break;
          case SectionType::frequency:
            common_text += " " + text;
            break;
          case SectionType::exams_and_tests:
            if (p.weight_exams > 0) {
              add(text, p.weight_exams, true);
              keep_sentences(text, to_string(s.type));
            }
            break;
          case SectionType::when_to_see_a_doctor:
          case SectionType::complications: {
            const double w =
                s.type == SectionType::complications ? p.weight_complications : p.weight_when;
            if (w > 0) {
              add(text, w, true);
              keep_sentences(text, to_string(s.type));
            }
            (s.type == SectionType::complications ? complications_text : advice_text) +=
                "\n" + text;
            break;
          }
          case SectionType::outlook:
            advice_text += "\n" + text;
            break;
          default:
            break;
        }
      }
    }
    // The findings an annotation file lists for a disease of this name: a
    // profile for a condition the articles only name, more findings for one
    // they describe.
    if (!annotated.empty() && (p.annotate_described || length < 15)) {
      std::vector<std::string> labels;
      for (const auto& n : condition_names(cond))
        if (auto it = annotated.find(name_identity(n, analyzer)); it != annotated.end())
          for (const auto i : it->second)
            for (const auto& f : sources.annotated[i].findings)
              if (std::find(labels.begin(), labels.end(), f) == labels.end()) labels.push_back(f);
      if (!labels.empty()) {
        std::string text;
        for (const auto& l : labels) text += l + ".\n";
        add(text, p.weight_annotations, true);
        keep_sentences(text, sources.annotations_source);
      }
    }
    // Too little text to say what the condition looks like: no profile (an
    // answer from a name alone would be a guess).
    if (length < 15) continue;
    // Terms of its own text, before what is borrowed below.
    std::vector<std::uint32_t> own;
    own.reserve(tf.size());
    for (const auto& [t, f] : tf) own.push_back(t);
    std::sort(own.begin(), own.end());
    // The same text read as findings: the names the interpreter gives what
    // the article says, so that lay and clinical wording meet. Names only
    // (not counted as text: they restate it).
    // The names are kept too, for matching through the ontology
    // (concept_match.cpp).
    std::vector<std::string> read_labels;
    if (sources.read_findings && p.weight_readings > 0 && !prof.rare)
      for (const auto& [text, w] : readable) {
        std::string names_read;
        for (auto& label : sources.read_findings(text)) {
          names_read += label + ".\n";
          read_labels.push_back(std::move(label));
        }
        if (!names_read.empty()) add(names_read, p.weight_readings * w, false);
      }
    // What other entries of the same condition say of its symptoms: more of
    // the knowledge base's own words for a thin general summary. Not
    // counted as its text (the 15-word floor is about this entry's own).
    for (const auto k : kin[c])
      for (const auto a : conditions[k].articles) {
        const Article& art = articles[a];
        const std::string from = " (" + conditions[k].name + ")";
        if (!art.introduction.empty()) {
          add(art.introduction, p.weight_kin * p.weight_overview, false);
          keep_sentences(art.introduction, "overview" + from);
        }
        for (const auto& s : art.sections) {
          if (s.type != SectionType::symptoms && s.type != SectionType::overview) continue;
          const std::string text = section_text(s);
          add(text,
              p.weight_kin *
                  (s.type == SectionType::symptoms ? p.weight_symptoms : p.weight_overview),
              false);
          keep_sentences(text, std::string(to_string(s.type)) + from);
        }
      }
    prof.length = length;
    prof.encyclopedias = static_cast<int>(encyclopedias.size());
    prof.affected = who_is_affected(cond.name, common_text + "\n" + who_text, opening);
    {
      std::vector<const Article*> own_articles;
      for (const auto a : cond.articles) own_articles.push_back(&articles[a]);
      m.context_.add(cond.name, own_articles);
    }
    const std::string folded_common = text::fold(common_text);
    prof.common_words =
        std::clamp(count_cues(folded_common, kCommonCues) - count_cues(folded_common, kRareCues) +
                       prevalence_words(folded_common),
                   -2, 2);
    // What the article states of the condition itself, not what to do "if"
    // a warning sign appears (those are red flags, checked on the findings).
    prof.urgency = Urgency::see_doctor;
    std::unordered_set<std::string> own_names{text::fold(cond.name)};
    for (const auto& s : cond.synonyms) own_names.insert(text::fold(s));
    auto scan = [&](const std::string& text, bool unconditional_only, bool of_complications) {
      for (const auto& sentence : sentences_of(text)) {
        // Padded so that whole words are found with " word " (built by append:
        // GCC 12 warns falsely on "literal" + temporary at -O3).
        std::string f(1, ' ');
        f.append(text::fold(sentence)).push_back(' ');
        if (unconditional_only &&
            (f.find(" if ") != std::string::npos || f.find(" when ") != std::string::npos))
          continue;
        Urgency u = Urgency::none;
        if (!first_cue(f, kEmergencyCues).empty())
          u = Urgency::emergency;
        else if (!first_cue(f, kUrgentCues).empty())
          u = Urgency::urgent;
        else if (!first_cue(f, kSelfLimitedCues).empty())
          u = Urgency::self_limited;
        // An emergency said of a complication, an untreated or severe course,
        // or a sign that may come ("can be life threatening", "if it gets
        // worse") is prompt care for the condition as it presents, not an
        // emergency; an urgent one of that kind is a warning sign (read by
        // WarningSigns), not the condition's own urgency.
        if ((u == Urgency::emergency || u == Urgency::urgent) && denied_urgency(f, u)) continue;
        if ((u == Urgency::emergency || u == Urgency::urgent) && hedged_urgency(f, u))
          u = u == Urgency::emergency ? Urgency::urgent : Urgency::none;
        if (u == Urgency::emergency && said_of_another(f, all_names, own_names))
          u = Urgency::urgent;
        // A complications section names what the condition can lead to
        // ("Strangulation. ... This lack of blood supply is an emergency"):
        // its emergencies are of a complication, prompt care for the
        // condition as it presents, like a hedged one.
        if (u == Urgency::emergency && of_complications) u = Urgency::urgent;
        if (u == Urgency::none) continue;
        // The most urgent statement wins; a self-limited course only when
        // nothing more urgent is said.
        if (prof.urgency == Urgency::see_doctor || u > prof.urgency) {
          prof.urgency = u;
          prof.urgency_quote = sentence;
        }
      }
    };
    scan(urgency_text, false, false);
    scan(advice_text, true, false);
    scan(complications_text, true, true);
    const auto id = static_cast<std::uint32_t>(m.profiles_.size());
    std::vector<std::uint32_t> borrowed;
    for (const auto& [t, f] : tf)
      if (!std::binary_search(own.begin(), own.end(), t)) borrowed.push_back(t);
    std::sort(borrowed.begin(), borrowed.end());
    m.borrowed_.push_back(std::move(borrowed));
    for (const auto& [t, f] : tf) m.postings_[t].push_back({id, f});
    float len = 0;
    for (const auto& [t, f] : tf) len += f;
    m.lengths_.push_back(len);
    m.profile_of_condition_[c] = id;
    m.profiles_.push_back(std::move(prof));
    m.sentences_.push_back(std::move(sentences));
    m.read_labels_.push_back(std::move(read_labels));
  }
  double total = 0;
  for (const float l : m.lengths_) total += l;
  m.avg_length_ =
      m.lengths_.empty() ? 1 : std::max(1.0, total / static_cast<double>(m.lengths_.size()));
  const double n = static_cast<double>(m.profiles_.size());
  m.idf_.resize(m.postings_.size());
  for (std::size_t t = 0; t < m.postings_.size(); ++t) {
    const double df = static_cast<double>(m.postings_[t].size());
    m.idf_[t] = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
  }
  std::vector<std::vector<CoveredName>> covered;
  m.names_ = ConditionNames::build(snapshot, m, covered);
  for (std::size_t i = 0; i < m.profiles_.size(); ++i)
    m.profiles_[i].covers = std::move(covered[i]);
  m.prepare_ranking();
  m.prepare_main_terms();
  m.prepare_causes();
  return m;
}

std::optional<std::size_t> ConditionModel::profile_of_condition(std::size_t condition) const {
  if (condition >= profile_of_condition_.size() || profile_of_condition_[condition] < 0)
    return std::nullopt;
  return static_cast<std::size_t>(profile_of_condition_[condition]);
}

namespace {

// An abbreviated unit after a number ("95 mm hg", "10 kgs", "5 mg", "15
// hrs"): English words hold a vowel, and an abbreviation written after a
// number is what the number measures in. It says how much, never what the
// finding is, and a text that quotes numbers ("below 130/80 mm Hg") is no
// likelier the person's condition for it.
bool unit_after_number(std::string_view folded, bool after_number) {
  if (!after_number || folded.empty() || folded.size() > 4) return false;
  return std::all_of(folded.begin(), folded.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) &&
           std::string_view("aeiouy").find(c) == std::string_view::npos;
  });
}

// A verb said as not done, at the start of `words[at]`: a contracted
// negation ("won't", "doesn't", "isn't"; with or without the apostrophe),
// "cannot" or "never", or an auxiliary and "not" ("does not", "has not").
bool negated_verb_at(const std::vector<std::string>& words, std::size_t at) {
  static constexpr std::array<std::string_view, 18> kWithoutApostrophe = {
      "wont",   "dont",  "doesnt", "didnt",  "isnt",    "arent",   "wasnt",    "werent", "hasnt",
      "havent", "hadnt", "cant",   "cannot", "couldnt", "wouldnt", "shouldnt", "never",  "aint"};
  static constexpr std::array<std::string_view, 20> kAuxiliary = {
      "do",   "does", "did",  "can", "could", "will", "would", "should", "may", "might",
      "must", "has",  "have", "had", "is",    "are",  "was",   "were",   "am",  "be"};
  if (at >= words.size()) return false;
  const std::string w = text::fold(words[at]);
  if (w.ends_with("n't") || std::find(kWithoutApostrophe.begin(), kWithoutApostrophe.end(), w) !=
                                kWithoutApostrophe.end())
    return true;
  if (at + 1 >= words.size() ||
      std::find(kAuxiliary.begin(), kAuxiliary.end(), w) == kAuxiliary.end())
    return false;
  const std::string next = text::fold(words[at + 1]);
  return next == "not" || next == "never";
}

// A relative clause that says what a finding does not do ("a cough that
// won't go away", "a rash which does not heal", "pain that has not
// responded to ibuprofen") says how it goes, not what it is: its words are
// not matched against the texts, where they meet what is said of another
// finding ("bad breath that won't go away"). The clause must follow the
// finding at once with its verb: "that his bladder is not emptied" has a
// subject of its own, and says a finding.
std::string_view before_negated_relative(std::string_view text) {
  std::vector<std::string> words;
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size()) break;
    std::size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    words.emplace_back(text.substr(i, j - i));
    starts.push_back(i);
    i = j;
  }
  for (std::size_t i = 1; i + 1 < words.size(); ++i) {
    const std::string w = text::fold(words[i]);
    if ((w == "that" || w == "which") && negated_verb_at(words, i + 1))
      return text.substr(0, starts[i]);
  }
  return text;
}

// A person's words less those that only say how bad it is, how often or in
// what unit (unit_after_number), and less a relative clause of what the
// finding does not do (before_negated_relative):
// a text that says "mild" or "severe" of its own symptoms does not fit "a
// mild headache" better for it (the degree is Finding::severity). Not the
// interpreter's optional words ("very", "really": Interpreter::
// without_degree_words), which are gone already; HPO's names need
// "severe" ("Severe short stature"), the texts' matching does not.
std::string what_it_is(std::string_view text) {
  std::string out, word;
  // "every day", "each night": how often, which the texts say of anything
  // ("check your feet every day"), not what the finding is.
  bool how_often = false;
  // The word before was a number or a unit of one ("95 mm hg").
  bool after_number = false;
  auto flush = [&]() {
    const std::string folded = text::fold(word);
    const bool often = folded == "every" || folded == "each";
    const bool unit = unit_after_number(folded, after_number);
    if (!word.empty() && !degree_word(folded) && !often && !how_often && !unit) {
      if (!out.empty()) out.push_back(' ');
      out += word;
    }
    if (!word.empty()) {
      how_often = often;
      after_number = unit || std::isdigit(static_cast<unsigned char>(folded.front()));
    }
    word.clear();
  };
  for (const char c : before_negated_relative(text)) {
    if (std::isspace(static_cast<unsigned char>(c)))
      flush();
    else
      word.push_back(c);
  }
  flush();
  return out;
}

}  // namespace

namespace {

// The option of a term read that is the person's own wording of it
// (ProfileParameters::own_wording), after any of its names.
constexpr std::size_t kAsSaid = 0xFFFE;

// One run of a phrase the reader wrote in other words.
struct Rewrite {
  std::string was;     // the person's words
  std::string now;     // the words written in their place
  std::string before;  // the unchanged word before it, if any
  std::string after;   // the unchanged word after it, if any
};

// Where `now` (a phrase rewritten in other words) differs from `was` (as
// the person wrote it), word by word: each changed run, both sides
// non-empty.
std::vector<Rewrite> rewritten(std::string_view was, std::string_view now) {
  const auto a = text::tokenize(text::fold(was));
  const auto b = text::tokenize(text::fold(now));
  std::vector<Rewrite> out;
  if (a.empty() || b.empty() || a.size() * b.size() > 250000) return out;
  // Longest common subsequence of the words, from the end.
  std::vector<std::vector<std::uint16_t>> lcs(a.size() + 1,
                                              std::vector<std::uint16_t>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;)
    for (std::size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? static_cast<std::uint16_t>(lcs[i + 1][j + 1] + 1)
                               : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::string from, to;
  std::size_t first = 0;  // where `from` begins in `a`
  auto close = [&]() {
    if (!from.empty() && !to.empty()) {
      const std::size_t words =
          static_cast<std::size_t>(std::count(from.begin(), from.end(), ' ')) + 1;
      out.push_back({from, to, first > 0 ? a[first - 1] : std::string(),
                     first + words < a.size() ? a[first + words] : std::string()});
    }
    from.clear();
    to.clear();
  };
  auto append = [](std::string& into, const std::string& w) {
    into += (into.empty() ? "" : " ") + w;
  };
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      close();
      ++i, ++j;
    } else if (j == b.size() || (i < a.size() && lcs[i + 1][j] >= lcs[i][j + 1])) {
      if (from.empty()) first = i;
      append(from, a[i++]);
    } else {
      append(to, b[j++]);
    }
  }
  close();
  return out;
}

}  // namespace

ConditionModel::QueryTerms ConditionModel::terms_of(const ProfileFinding& f,
                                                    text::Analyzer& analyzer, bool story) const {
  QueryTerms q;
  // Stems of the words read as findings; with `story`, the other words of
  // the text weigh story_weight.
  std::unordered_set<std::string> read;
  for (const auto& w : f.read)
    for (const auto& t : terms_with(w, false, analyzer)) read.insert(t);
  auto is_read = [&](const std::string& t) {
    const auto space = t.find(' ');
    if (space == std::string::npos) return read.contains(t);
    return read.contains(t.substr(0, space)) && read.contains(t.substr(space + 1));
  };
  // `names` (QueryTerms::names), when given, tags each term with `tag`: a
  // term is listed once per wording, and not again in a name of a term read
  // when the person's own words hold it.
  auto add_to = [&](std::vector<std::pair<std::uint32_t, double>>& into, const std::string& said,
                    double weight, bool with_story, std::vector<std::uint32_t>* names,
                    std::uint32_t tag) {
    const std::string text = what_it_is(said);
    for (const auto& t : terms_with(text, true, analyzer)) {
      const auto it = term_ids_.find(t);
      if (it == term_ids_.end()) continue;
      double w = weight * (t.find(' ') != std::string::npos ? params_.pair_boost : 1.0);
      if (with_story && !is_read(t)) w *= params_.story_weight;
      std::size_t same = into.size();
      for (std::size_t k = 0; k < into.size() && same == into.size(); ++k) {
        if (into[k].first != it->second) continue;
        const std::uint32_t had = names ? (*names)[k] : 0;
        if (!names || had == 0 || had == tag) same = k;
      }
      if (same < into.size()) {
        if (!names || (*names)[same] == tag) into[same].second = std::max(into[same].second, w);
        continue;
      }
      into.emplace_back(it->second, w);
      if (names) names->push_back(tag);
    }
  };
  auto add = [&](const std::string& said, double weight, bool with_story, std::uint32_t tag) {
    add_to(q.terms, said, weight, with_story, &q.names, tag);
  };
  // The person's words as the texts write them (ProfileFinding::words):
  // measured on the vignettes, matching the text as written as well lost
  // top-3 and top-5 ("the runs" still met "runs in families").
  add(f.words.empty() ? f.text : f.words, 1.0, story, 0);
  // The names of the terms read, in order (tag, text, weight), for the
  // person's words a name says (below).
  struct Source {
    std::uint32_t tag;
    std::string_view text;
    double weight;
  };
  std::vector<Source> sources;
  std::vector<std::size_t> said;
  for (std::size_t k = 0; k < f.expansions.size(); ++k) {
    // A name the general texts hardly use ("odynophagia") is a rare word the
    // person did not say: it weighs as its everyday wording does ("painful
    // swallowing"), so a text that uses the clinical word gains no more than
    // one that says it in plain words.
    const bool hardly_used =
        params_.lay_weight > 0 && k < f.synonyms.size() && unsaid(f.expansions[k], analyzer);
    sources.push_back({name_tag(k, 0), f.expansions[k],
                       params_.expansion_weight * (hardly_used ? params_.lay_weight : 1.0)});
    if (params_.lay_weight > 0 && k < f.synonyms.size()) {
      if (!hardly_used)
        said.push_back(k);
      else
        for (std::size_t j = 0; j < f.synonyms[k].size(); ++j)
          sources.push_back({name_tag(k, j + 1), f.synonyms[k][j],
                             params_.expansion_weight * params_.lay_weight});
    }
  }
  if (params_.names_once > 0) {
    // The person's words that a name of a term read says ("painful
    // swallowing", as the reader writes "it hurts to swallow") are that
    // name said, and count with it, at their own weight: one finding, of
    // whose names a text counts the largest once.
    std::vector<std::vector<std::pair<std::uint32_t, double>>> of_source(sources.size());
    std::unordered_map<std::uint32_t, std::uint32_t> moved;  // own term -> its read
    for (std::size_t i = 0; i < sources.size(); ++i) {
      add_to(of_source[i], std::string(sources[i].text), sources[i].weight, false, nullptr, 0);
      for (const auto& [t, w] : of_source[i])
        if (std::find_if(q.terms.begin(), q.terms.end(),
                         [&](const auto& x) { return x.first == t; }) != q.terms.end())
          moved.emplace(t, sources[i].tag >> 16);
    }
    std::unordered_map<std::uint32_t, double> own(q.terms.begin(), q.terms.end());
    // The person's wording of what the reader wrote in the texts' words
    // ("feel sick" for "nausea"): one more name of the term read whose name
    // the rewriting says, counted once with its other names, so a text
    // saying it as the person did ("Feeling sick") meets it too.
    std::vector<std::vector<std::pair<std::uint32_t, double>>> as_said(f.expansions.size());
    if (params_.own_wording > 0 && !f.words.empty())
      for (const auto& r : rewritten(f.text, f.words)) {
        const auto now = terms_with(r.now, true, analyzer);
        std::uint32_t read = 0;  // the term read + 1
        for (const auto& t : now)
          if (const auto it = term_ids_.find(t); it != term_ids_.end())
            if (const auto m = moved.find(it->second); m != moved.end() && read == 0)
              read = m->second;
        // The stems of the names of the term read k (its label and lay names).
        auto name_stems = [&](std::size_t k) {
          std::vector<std::string> out;
          std::vector<std::string_view> names{f.expansions[k]};
          if (k < f.synonyms.size())
            for (const auto& n : f.synonyms[k]) names.emplace_back(n);
          for (const auto name : names)
            for (auto& t : terms_with(name, false, analyzer)) out.push_back(std::move(t));
          return out;
        };
        // The words written in place may come from a name of a term read
        // that is no name looked up here (a layperson synonym of a label
        // the texts use).
        for (std::size_t k = 0; read == 0 && k < f.expansions.size(); ++k) {
          const auto stems = name_stems(k);
          for (const auto& t : now)
            if (read == 0 && std::find(stems.begin(), stems.end(), t) != stems.end())
              read = static_cast<std::uint32_t>(k + 1);
        }
        if (read == 0 || read > as_said.size()) continue;
        // As a phrase only (its word pairs): its words apart ("feel",
        // "sick") say other things in every text. One word rewritten within
        // a name ("black stools" written as Melena's "Black feces") has no
        // pair of its own: the person's wording of that name is the word
        // with the unchanged words beside it that the name says too
        // ("black"), not any word beside it ("feels tired after").
        std::string phrase = r.was;
        if (r.was.find(' ') == std::string::npos) {
          const auto stems = name_stems(read - 1);
          auto of_name = [&](const std::string& w) {
            const auto t = terms_with(w, false, analyzer);
            return t.size() == 1 && std::find(stems.begin(), stems.end(), t[0]) != stems.end();
          };
          if (!r.before.empty() && of_name(r.before)) phrase = r.before + " " + phrase;
          if (!r.after.empty() && of_name(r.after)) phrase += " " + r.after;
        }
        auto& into = as_said[read - 1];
        for (const auto& t : terms_with(what_it_is(phrase), true, analyzer)) {
          if (t.find(' ') == std::string::npos) continue;
          const auto it = term_ids_.find(t);
          if (it == term_ids_.end() || (own.contains(it->second) && !moved.contains(it->second)) ||
              std::any_of(into.begin(), into.end(),
                          [&](const auto& y) { return y.first == it->second; }))
            continue;
          into.emplace_back(
              it->second, params_.pair_boost * (story && !is_read(t) ? params_.story_weight : 1.0));
        }
      }
    // An English compound in -ache is the pain of the part it names
    // ("headache" is "head pain", "earache" "ear pain"): a name of a term
    // read that is one says that word pair too, as one more name counted
    // once with the others (a text saying "throbbing head pain" meets the
    // person's "headache"). As a phrase only, like the person's wording.
    for (std::size_t k = 0; k < f.expansions.size() && k < as_said.size(); ++k) {
      std::vector<std::string_view> names{f.expansions[k]};
      if (k < f.synonyms.size())
        for (const auto& s : f.synonyms[k]) names.emplace_back(s);
      for (const auto name : names) {
        if (name.find("ache") == std::string_view::npos) continue;  // no compound in -ache
        for (const auto& word : text::tokenize(text::fold(name))) {
          const std::string_view w = word;
          std::size_t cut = 0;
          if (w.ends_with("aches"))
            cut = 5;
          else if (w.ends_with("ache"))
            cut = 4;
          if (cut == 0 || w.size() < cut + 3) continue;
          const std::string part(w.substr(0, w.size() - cut));
          const auto part_terms = terms_with(part, false, analyzer);
          if (part_terms.size() != 1 || !term_ids_.contains(part_terms.front())) continue;
          for (const auto& t : terms_with(part + " pain", true, analyzer)) {
            if (t.find(' ') == std::string::npos) continue;
            const auto it = term_ids_.find(t);
            if (it == term_ids_.end() || own.contains(it->second) ||
                std::any_of(as_said[k].begin(), as_said[k].end(),
                            [&](const auto& y) { return y.first == it->second; }))
              continue;
            as_said[k].emplace_back(it->second, params_.pair_boost);
          }
        }
      }
    }
    std::erase_if(q.terms, [&](const auto& x) { return moved.contains(x.first); });
    q.names.assign(q.terms.size(), 0);
    for (std::size_t i = 0; i < sources.size(); ++i) {
      for (auto [t, w] : of_source[i]) {
        if (const auto m = moved.find(t); m != moved.end()) {
          if (m->second != sources[i].tag >> 16) continue;  // counted with another read
          w = own.at(t);
        }
        q.terms.emplace_back(t, w);
        q.names.push_back(sources[i].tag);
      }
      // After the read's last name, the person's wording of it.
      const std::size_t read = (sources[i].tag >> 16) - 1;
      if (i + 1 < sources.size() && (sources[i + 1].tag >> 16) == (sources[i].tag >> 16)) continue;
      if (read >= as_said.size() || as_said[read].empty()) continue;
      const std::uint32_t tag = name_tag(read, kAsSaid);
      for (const auto& x : as_said[read]) {
        q.terms.push_back(x);
        q.names.push_back(tag);
      }
    }
  } else {
    for (const auto& src : sources) add(std::string(src.text), src.weight, false, 0);
  }
  if (params_.unworded_weight > 0)
    for (const auto k : said)
      for (const auto& s : f.synonyms[k])
        add_to(q.unworded, s,
               params_.expansion_weight * params_.lay_weight * params_.unworded_weight, false,
               nullptr, 0);
  std::erase_if(q.unworded, [&](const auto& u) {
    return std::any_of(q.terms.begin(), q.terms.end(),
                       [&](const auto& t) { return t.first == u.first; });
  });
  return q;
}

bool ConditionModel::unsaid(std::string_view name, text::Analyzer& analyzer) const {
  if (general_count_ == 0) return false;
  std::uint32_t most = 0;
  for (const auto& t : terms_with(name, false, analyzer))
    if (const auto it = term_ids_.find(t); it != term_ids_.end())
      most = std::max(most, general_df_[it->second]);
  return static_cast<double>(most) <= params_.lay_share * static_cast<double>(general_count_);
}

double ConditionModel::term_score(std::uint32_t term, float tf, std::uint32_t profile) const {
  const double norm = params_.k1 * (1 - params_.b + params_.b * lengths_[profile] / avg_length_);
  return idf_[term] * (tf * (params_.k1 + 1)) / (tf + norm);
}

bool ConditionModel::knows(std::string_view text) const {
  text::Analyzer analyzer;
  for (const auto& t : terms_with(text, false, analyzer))
    if (term_ids_.contains(t)) return true;
  return false;
}

std::vector<double> ConditionModel::scores(const ProfileQuery& q) const {
  return scores(q, nullptr);
}

const ConditionModel::Sentence* ConditionModel::sentence_naming_most(
    std::size_t profile, const std::vector<std::uint32_t>& terms) const {
  std::size_t best = 0;
  const Sentence* out = nullptr;
  for (const auto& s : sentences_[profile]) {
    std::size_t n = 0;
    for (const auto t : terms) n += std::binary_search(s.terms.begin(), s.terms.end(), t);
    if (n > best) best = n, out = &s;
    if (best == terms.size()) break;  // none after it can name more: the first is kept
  }
  return out;
}

std::vector<RankedProfile> ConditionModel::one_per_condition(
    std::vector<RankedProfile> ranked) const {
  std::vector<RankedProfile> out;
  for (auto& r : ranked) {
    const auto same = resolve(profiles_[r.profile].name);
    const auto into = std::find_if(out.begin(), out.end(), [&](const RankedProfile& kept) {
      return std::any_of(same.begin(), same.end(), [&](const NameMatch& m) {
        return m.link != NameLink::narrower && m.profile == kept.profile;
      });
    });
    if (into == out.end()) {
      out.push_back(std::move(r));
      continue;
    }
    // Its share is not added: the list keeps the ranking's order (by the
    // first entry's score), and summed shares would not follow it ("it burns
    // when I pee" showed 15% above 22%). Ordered by summed shares instead,
    // the dev vignettes lost top-1 0.315 -> 0.289 (bench/checker "as listed").
    into->also.push_back(r.profile);
  }
  return out;
}

std::vector<RankedProfile> ConditionModel::rank(const ProfileQuery& q) const {
  Scoring scoring;
  const auto score = scores(q, &scoring);
  const auto& hit = scoring.hit;
  const auto& delta = scoring.delta;
  const auto& contrast = scoring.contrast;
  const auto& prepared = scoring.prepared;
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < score.size(); ++i)
    if (hit[i]) order.push_back(i);
  const std::size_t k = std::min(q.limit, order.size());
  std::partial_sort(
      order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
      [&](auto a, auto b) { return score[a] > score[b] || (score[a] == score[b] && a < b); });
  order.resize(k);
  std::vector<RankedProfile> out;
  text::Analyzer analyzer;
  std::optional<MainWords> main_words_of_query;  // only if a returned one was re-ranked
  const auto concept_terms_of_query = concept_terms(prepared);
  const auto& said = scoring.said;
  // Display shares: a softmax over the returned scores.
  const double t = params_.share_temperature > 0 ? params_.share_temperature : 1.0;
  double z = 0;
  for (const auto i : order) z += std::exp((score[i] - score[order.front()]) / t);
  for (const auto i : order) {
    RankedProfile r;
    r.profile = i;
    r.score = score[i];
    r.prior = prior(i, q);
    r.probability = std::exp((score[i] - score[order.front()]) / t) / z;
    // Explained as scored: the same findings, terms and contributions.
    for (const auto& pf : prepared) {
      const ProfileFinding& f = *pf.finding;
      ProfileEvidence e;
      e.finding = f.text;
      e.absent = pf.absent;
      std::vector<std::uint32_t> hit;
      double raw = raw_in(pf, i, hit);
      if (hit.empty()) raw = raw_in(pf.unworded, i, hit);
      // What the finding adds through concepts (concept_match.cpp).
      ConceptMeet meet;
      const double by_concept =
          concept_terms_of_query.empty()
              ? 0.0
              : concept_contribution(prepared, concept_terms_of_query,
                                     static_cast<std::size_t>(&pf - prepared.data()), i, &meet);
      if (hit.empty() && by_concept == 0) continue;
      e.contribution =
          (hit.empty() ? 0.0 : finding_contribution(pf, raw) * length_factor(i)) + by_concept;
      std::sort(hit.begin(), hit.end());
      // The person's words first, then those of the names the finding was
      // read as ("urination" for "dysuria"), so a match through a name is
      // explained by the word the text holds; each stem once.
      std::unordered_set<std::string> listed;
      auto list_hits = [&](std::string_view text) {
        const auto words = content_words(text, analyzer);
        auto is_hit = [&](const std::string& term) {
          const auto it = term_ids_.find(term);
          return it != term_ids_.end() && std::binary_search(hit.begin(), hit.end(), it->second);
        };
        for (std::size_t k = 0; k < words.size(); ++k) {
          // A word alone, or one of a word pair that counted as a phrase
          // (the person's own wording, QueryTerms::names).
          const bool pair =
              (k + 1 < words.size() && is_hit(pair_key(words[k].stem, words[k + 1].stem))) ||
              (k > 0 && is_hit(pair_key(words[k - 1].stem, words[k].stem)));
          if (!pair && !is_hit(words[k].stem)) continue;
          if (listed.insert(words[k].stem).second) e.words.push_back(words[k].surface);
        }
      };
      list_hits(f.text);
      for (const auto& x : f.expansions) list_hits(x);
      for (const auto& names : f.synonyms)
        for (const auto& x : names) list_hits(x);
      // The sentence sharing most of the finding's words.
      const Sentence* quote = sentence_naming_most(i, hit);
      if (by_concept != 0) {
        // The term they meet at, as the ontology names it; quoted from the
        // sentence naming most of its words when the finding's own words
        // are not in the text.
        const std::string& label = concepts_->ontology->term(meet.term).label;
        if (std::find(e.words.begin(), e.words.end(), label) == e.words.end())
          e.words.push_back(label);
        if (!quote) {
          std::vector<std::uint32_t> label_terms;
          for (const auto& w : content_words(label, analyzer))
            if (const auto it = term_ids_.find(w.stem); it != term_ids_.end())
              label_terms.push_back(it->second);
          quote = sentence_naming_most(i, label_terms);
        }
      }
      if (quote) e.quote = quote->text, e.section = quote->section;
      e.contribution = std::round(e.contribution * 1000) / 1000;
      r.evidence.push_back(std::move(e));
    }
    if (hit[i] == 2) {
      if (!main_words_of_query) main_words_of_query = main_words(prepared);
      explain_main_fit(*main_words_of_query, i, delta[i], r.evidence);
    }
    explain_contrast(prepared, contrast, i, r.evidence);
    context_.explain(i, q, profiles_[i].affected, params_, r.evidence);
    if (!said.empty() && said[i]) {
      ProfileEvidence e;
      e.finding = "you name this condition";
      e.overall = true;
      e.words = {profiles_[i].name};
      e.contribution = std::round(params_.said_prior * 1000) / 1000;
      r.evidence.push_back(std::move(e));
    }
    if (!scoring.caused.empty()) explain_cause(scoring.caused[i], r.evidence);
    if (!scoring.about.empty() && scoring.about[i] != 0) {
      ProfileEvidence e;
      e.finding = "how much of its text is about what you describe";
      e.overall = true;
      e.contribution = std::round(scoring.about[i] * 1000) / 1000;
      r.evidence.push_back(std::move(e));
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace symptomdb::checker
