#include "qa/engine.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/spelling.hpp"
#include "qa/message.hpp"
#include "text/normalize.hpp"

namespace symptomdb::qa {
namespace {

// Does the text use any of the space-separated words, as whole words
// whatever their case ("There is no cure" uses "cure", "secure" does not)?
bool uses_any_word(std::string_view text, std::string_view words) {
  std::string folded(text);
  for (auto& ch : folded) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto letter = [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)) != 0; };
  std::size_t from = 0;
  while (from < words.size()) {
    std::size_t to = words.find(' ', from);
    if (to == std::string_view::npos) to = words.size();
    const std::string_view word = words.substr(from, to - from);
    from = to + 1;
    if (word.empty()) continue;
    for (std::size_t at = folded.find(word); at != std::string::npos;
         at = folded.find(word, at + 1)) {
      const bool starts = at == 0 || !letter(folded[at - 1]);
      const bool ends = at + word.size() == folded.size() || !letter(folded[at + word.size()]);
      if (starts && ends) return true;
    }
  }
  return false;
}

constexpr double kHeadingWeight = 2.0;
constexpr double kBodyWeight = 1.0;
// Below this score a name read in an asking sentence is too weak (a common
// word: "pain", "falls") to outrank a condition the rest of the message names.
constexpr double kAskedFocusFloor = 0.25;
// A condition read at least this share of the focus's score is as much
// what is asked as the focus: its answers of the kind asked come before the
// focus's answers of other kinds.
constexpr double kOtherFocusShare = 0.8;

// A reading through one ordinary English word that is not the condition's
// own name (a lay word: "cold", "runs", "hydropic") is not as much what is
// asked as the focus, however strong: as it does not take the focus's place
// for holding the kind asked (see the main focus in Engine::ask), its
// answers of that kind do not come before the focus's own answers of other
// kinds either. (A drug's name as a synonym, "Reclast", is no lay word.)
bool lay_reading(const FocusMatch& m, const std::vector<text::Term>& terms,
                 const std::function<bool(std::string_view)>& english_word) {
  if (!is_lay_word(m, terms)) return false;
  for (std::size_t k = m.begin; k < m.end && k < terms.size(); ++k)
    if (!text::is_stopword(terms[k].surface)) return english_word(terms[k].surface);
  return false;
}

// New treatments asked for ("what new treatments are there for X?") where
// the focus holds no research: the treatments it does hold answer first,
// before its most general answer, as they say what there is to treat it
// with. Only when the treatment is not asked for itself (it then has its own
// place) and only for the cue "new treatments": studies, trials and research
// asked for in other words are not treatments.
bool treatments_stand_for_new_ones(const std::vector<SectionType>& wanted,
                                   const std::vector<Intent>& intents) {
  return std::find(wanted.begin(), wanted.end(), SectionType::treatment) == wanted.end() &&
         std::any_of(intents.begin(), intents.end(), [](const Intent& i) {
           return i.type == SectionType::research && i.cue == "new treatments";
         });
}

// English prepositions and determiners (closed classes of words): after a
// word that may describe the next, one of these says the next word is no
// thing described.
bool function_word(std::string_view w) {
  static constexpr std::string_view kFunctionWords[] = {
      "above",   "across",  "after",  "against", "all",    "along",   "among",   "another",
      "any",     "around",  "before", "behind",  "below",  "beneath", "beside",  "between",
      "beyond",  "during",  "each",   "every",   "except", "few",     "inside",  "like",
      "many",    "more",    "most",   "much",    "near",   "off",     "onto",    "other",
      "out",     "outside", "over",   "past",    "since",  "some",    "through", "toward",
      "towards", "under",   "until",  "upon",    "via",    "within",  "without"};
  return std::find(std::begin(kFunctionWords), std::end(kFunctionWords), w) !=
         std::end(kFunctionWords);
}

bool is_native(const Article& a) {
  return a.provenance.format != "medquad";
}

// Which source to show first when several answer the same question: the
// site's own articles, then consumer-facing NIH sites, then the more
// technical ones. (Only ordering; every source is shown.)
double source_preference(const Article& a) {
  if (is_native(a)) return 3.0;
  const std::string& c = a.collection;
  // MedlinePlus is the general consumer library; NIHSeniorHealth writes
  // for older adults; Genetics Home Reference for the public about genetic
  // conditions, where GARD's answers are often quoted from other sources.
  // A strict order, so that two wordings of one question get one source.
  if (c == "MPlusHealthTopics") return 2.0;
  if (c == "NIHSeniorHealth") return 1.9;
  if (c == "NHLBI" || c == "NINDS" || c == "NIDDK") return 1.5;
  if (c == "CancerGov" || c == "CDC") return 1.2;
  if (c == "GHR") return 1.1;
  return 1.0;
}

// MedQuAD holds some documents twice under two ids (NINDS's Machado-Joseph
// disease is 0000187 and 0000188: one collection, one title, one heading):
// that is one answer, not two to choose between by the question's other
// words, which differ most between two wordings of one question (a message
// and its summary then got different copies). Copies rank as the first.
bool same_document_twice(const Article& a, const Article& b, std::string_view heading_a,
                         std::string_view heading_b) {
  return a.collection == b.collection && a.title == b.title && heading_a == heading_b;
}

std::string trim_to(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t cut = s.rfind(' ', max);
  if (cut == std::string::npos || cut < max / 2) cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

// Marks the words of the sentence that asks: the last one ending in '?', or
// the last sentence. Empty when the question is a single sentence.
std::vector<bool> asking_sentence(std::string_view question, const std::vector<text::Term>& terms) {
  const std::string folded = text::fold(question);
  std::vector<std::size_t> ends;  // byte offsets just past each sentence
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    if ((c == '.' || c == '?' || c == '!') && (i + 1 == folded.size() || folded[i + 1] == ' '))
      ends.push_back(i + 1);
  }
  if (ends.empty() || ends.back() != folded.size()) ends.push_back(folded.size());
  if (ends.size() < 2) return {};
  std::size_t pick = ends.size() - 1;
  for (std::size_t s = ends.size(); s-- > 0;)
    if (folded[ends[s] - 1] == '?') {
      pick = s;
      break;
    }
  const std::size_t begin = pick == 0 ? 0 : ends[pick - 1], end = ends[pick];
  std::vector<bool> mask(terms.size(), false);
  for (std::size_t k = 0; k < terms.size(); ++k)
    mask[k] = terms[k].offset >= begin && terms[k].offset < end;
  return mask;
}

// Which words of a name it writes as an abbreviation, in capitals ("PET",
// "HIV" in "HIV-associated nephropathy"): two capitals or more and no small
// letter (looks_like_abbreviation). Not in a name of several words written
// in capitals throughout ("CHARCOT-MARIE-TOOTH DISEASE, AXONAL"): there the
// capitals say nothing. `terms` are the name's, read from `folded`.
std::vector<bool> abbreviation_words(const std::string& name, const std::string& folded,
                                     const std::vector<text::Term>& terms) {
  std::vector<bool> out(terms.size(), false);
  if (folded.size() != name.size()) return out;
  const bool small =
      std::any_of(name.begin(), name.end(), [](unsigned char ch) { return std::islower(ch) != 0; });
  if (!small && terms.size() > 2) return out;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const auto& t = terms[i];
    if (t.offset + t.surface.size() > name.size()) continue;
    out[i] = looks_like_abbreviation(std::string_view(name).substr(t.offset, t.surface.size()));
  }
  return out;
}

}  // namespace

Engine::Engine(std::shared_ptr<const Snapshot> snapshot) : snapshot_(std::move(snapshot)) {
  text::Analyzer analyzer;
  const auto articles = snapshot_->articles();
  condition_units_.resize(snapshot_->conditions().size());
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const Article& a = articles[i];
    const auto cond =
        static_cast<std::uint32_t>(&snapshot_->condition_of(i) - snapshot_->conditions().data());
    const ArticleAnchors anchors = anchors_of(a);
    if (is_native(a) && !a.introduction.empty()) {
      units_.push_back({static_cast<std::uint32_t>(i), -1, SectionType::overview, cond});
      anchors_.push_back("");
    }
    for (std::size_t s = 0; s < a.sections.size(); ++s) {
      if (a.sections[s].type == SectionType::conclusion) continue;  // a summary, not an answer
      units_.push_back(
          {static_cast<std::uint32_t>(i), static_cast<std::int32_t>(s), a.sections[s].type, cond});
      anchors_.push_back(anchors.sections[s]);
    }
  }
  for (std::size_t u = 0; u < units_.size(); ++u) {
    const std::string heading = unit_heading(u), body = unit_text(u);
    const search::Field fields[] = {{heading, kHeadingWeight}, {body, kBodyWeight}};
    index_.add(fields, analyzer);
    condition_units_[units_[u].condition].push_back(u);
  }
  index_.finish();
  // Each article's title as content stems: which document is exactly about
  // what is asked (see title_fit).
  // (With the unit's own heading: "Treatment: diet for gout" in an article
  // about gout is about diet.)
  title_stems_.reserve(units_.size());
  for (std::size_t u = 0; u < units_.size(); ++u) {
    std::vector<std::string> stems;
    for (const auto& part : {articles[units_[u].article].title, unit_heading(u)})
      for (const auto& t : analyzer.terms(part))
        if (!text::is_stopword(t.surface)) stems.push_back(t.stem);
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    title_stems_.push_back(std::move(stems));
  }

  // Each article's collection as a small number, for the search facets.
  {
    std::unordered_map<std::string, std::uint16_t> ids;
    for (const auto& a : articles) {
      const std::string name = is_native(a) ? "symptomdb" : a.collection;
      auto [it, fresh] =
          ids.try_emplace(name, static_cast<std::uint16_t>(collection_names_.size()));
      if (fresh) collection_names_.push_back(name);
      article_collection_.push_back(it->second);
    }
  }
  english_ = EnglishWords::installed();
  for (std::size_t c = 0; c < snapshot_->conditions().size(); ++c) {
    const auto& cond = snapshot_->conditions()[c];
    std::vector<std::string> names = {cond.name};
    names.insert(names.end(), cond.synonyms.begin(), cond.synonyms.end());
    {
      const auto own = analyzer.terms(cond.name);
      name_last_stem_.push_back(own.empty() ? std::string() : own.back().stem);
    }
    auto& stems_of_names = name_term_stems_.emplace_back();
    auto& ends_of_names = name_phrase_ends_.emplace_back();
    auto& caps_of_names = name_term_caps_.emplace_back();
    for (const auto& n : names) {
      auto& stems = stems_of_names.emplace_back();
      auto& ends = ends_of_names.emplace_back();
      auto& caps = caps_of_names.emplace_back();
      const auto ts = analyzer.terms(n);
      const std::string folded = text::fold(n);
      const auto written_caps = abbreviation_words(n, folded, ts);
      for (std::size_t i = 0; i < ts.size(); ++i) {
        stems.push_back(ts[i].stem);
        caps.push_back(written_caps[i]);
        bool end = i + 1 == ts.size() || text::is_stopword(ts[i + 1].surface);
        if (!end) {
          // What stands between this word and the next: a hyphen joins
          // ("exercise-induced"), a spaced dash, comma or bracket parts.
          const std::size_t from = std::min(ts[i].offset + ts[i].surface.size(), folded.size());
          const std::size_t to = std::min(ts[i + 1].offset, folded.size());
          const std::string_view gap(folded.data() + from, to > from ? to - from : 0);
          for (std::size_t k = 0; k < gap.size() && !end; ++k) {
            const char ch = gap[k];
            if (ch == '-')
              end = (k > 0 && gap[k - 1] == ' ') || (k + 1 < gap.size() && gap[k + 1] == ' ');
            else if (ch != ' ' && ch != '\'' && ch != '.')
              end = true;
          }
        }
        ends.push_back(end);
      }
    }
    for (std::size_t n = 0; n < names.size(); ++n) {
      const auto ts = analyzer.terms(names[n]);
      for (std::size_t i = 0; i < ts.size(); ++i) {
        const auto& t = ts[i];
        if (text::is_stopword(t.surface)) continue;
        auto& list = name_stems_[t.stem];
        if (list.empty() || list.back() != c) list.push_back(static_cast<std::uint32_t>(c));
        if (i < name_term_caps_[c][n].size() && name_term_caps_[c][n][i]) continue;
        auto& plain = name_stems_plain_[t.stem];
        if (plain.empty() || plain.back() != c) plain.push_back(static_cast<std::uint32_t>(c));
      }
    }
  }

  // Broader conditions, from the names alone: the condition whose own name
  // is the head words of another's (see broader_).
  {
    const auto conditions = snapshot_->conditions();
    auto key = [](const std::vector<text::Term>& ts, std::size_t from) {
      std::string k;
      for (std::size_t i = from; i < ts.size(); ++i) (k += ts[i].stem) += ' ';
      return k;
    };
    std::unordered_map<std::string, std::uint32_t> by_name;  // stems of an own name
    for (std::size_t c = 0; c < conditions.size(); ++c)
      if (const auto ts = analyzer.terms(conditions[c].name); !ts.empty())
        by_name.try_emplace(key(ts, 0), static_cast<std::uint32_t>(c));
    for (const auto& [k, c] : by_name)
      if (conditions[c].kind == "disease") own_name_keys_.insert(k);
    broader_.resize(conditions.size());
    for (std::size_t c = 0; c < conditions.size(); ++c) {
      std::string name = conditions[c].name;
      if (auto open = name.find(" ("); open != std::string::npos) name.resize(open);
      std::vector<std::string> heads;
      if (auto dash = name.find(" - "); dash != std::string::npos) {
        if (const auto ts = analyzer.terms(name.substr(0, dash)); !ts.empty())
          heads.push_back(key(ts, 0));
      } else {
        // The head of "X in Y", "X and Y" is not what it ends with.
        const auto ts = analyzer.terms(name);
        if (std::none_of(ts.begin(), ts.end(),
                         [](const text::Term& t) { return text::is_stopword(t.surface); }))
          for (std::size_t from = 1; from < ts.size(); ++from) heads.push_back(key(ts, from));
      }
      // A condition (MedQuAD's focus category "disease"), not a topic such
      // as a procedure ("Surgery" for "Knee microfracture surgery"), whose
      // general page says nothing of the one asked about.
      for (const auto& h : heads)
        if (auto it = by_name.find(h); it != by_name.end() && it->second != c &&
                                       !condition_units_[it->second].empty() &&
                                       conditions[it->second].kind == "disease")
          broader_[c].push_back(it->second);
    }
  }

  red_flags_ = std::make_unique<RedFlags>(analyzer);
  intents_ = std::make_unique<IntentDetector>(analyzer);
  CorpusStats stats;
  stats.known_word = [this](std::string_view stem) {
    const auto t = index_.term(stem);
    return t && index_.collection_frequency(*t) >= 3;
  };
  stats.weight = [this](std::size_t c) { return static_cast<double>(condition_units_[c].size()); };
  stats.specificity = [this](std::string_view stem) {
    // Inverse document frequency over the answer units, scaled so that a
    // word in fewer than about 1 in 400 units counts fully.
    const auto t = index_.term(stem);
    if (!t) return 1.0;
    const double idf =
        std::log(static_cast<double>(index_.size()) / static_cast<double>(index_.df(*t)));
    return std::clamp(idf / 6.0, 0.3, 1.0);
  };
  stats.phrase_specificity = [this](const std::vector<std::string>& stems) {
    // The same scale over the units that hold the phrase. A phrase is no
    // more common than its rarest word, so only one of common words is
    // looked for.
    std::vector<search::TermId> ids, content;
    for (const auto& s : stems) {
      const auto t = index_.term(s);
      if (!t) return 1.0;
      ids.push_back(*t);
      if (!text::is_stopword(s)) content.push_back(*t);
    }
    if (content.empty()) return 1.0;
    std::sort(content.begin(), content.end(),
              [this](search::TermId a, search::TermId b) { return index_.df(a) < index_.df(b); });
    const double units = static_cast<double>(index_.size());
    if (static_cast<double>(index_.df(content.front())) * std::exp(6.0) < units) return 1.0;
    // The units that hold every word, then those that hold them in order.
    auto candidates = index_.docs(content.front());
    for (std::size_t i = 1; i < content.size() && !candidates.empty(); ++i) {
      const auto other = index_.docs(content[i]);
      std::vector<search::DocId> both;
      std::set_intersection(candidates.begin(), candidates.end(), other.begin(), other.end(),
                            std::back_inserter(both));
      candidates = std::move(both);
    }
    std::size_t holding = 0;
    for (auto d : candidates) holding += index_.find_phrase(d, ids) ? 1 : 0;
    if (holding == 0) return 1.0;
    return std::clamp(std::log(units / static_cast<double>(holding)) / 6.0, 0.3, 1.0);
  };
  stats.has_answers = [this](std::size_t c) { return !condition_units_[c].empty(); };
  stats.english_word = [this](std::string_view w) { return english_.contains(w); };
  stats.proper_name = [this](std::string_view w) { return english_.contains_name(w); };
  // How each abbreviation-like name word is written in the corpus: mostly
  // in lower case ("child", "all") means an ordinary word.
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>>
      cases;  // word -> (lower, other)
  for (const auto& c : snapshot_->conditions()) {
    auto consider = [&](const std::string& n) {
      if (n.find(' ') == std::string::npos && looks_like_abbreviation(n))
        cases.emplace(text::fold(n), std::pair{0, 0});
    };
    consider(c.name);
    for (const auto& s : c.synonyms) consider(s);
  }
  for (const auto& [a, full] : built_in_abbreviations())
    if (looks_like_abbreviation(a)) cases.emplace(text::fold(a), std::pair{0, 0});
  for (std::size_t u = 0; u < units_.size() && !cases.empty(); ++u) {
    const std::string body = unit_heading(u) + "\n" + unit_text(u);
    std::size_t i = 0;
    while (i < body.size()) {
      while (i < body.size() && !std::isalnum(static_cast<unsigned char>(body[i]))) ++i;
      const std::size_t start = i;
      while (i < body.size() && std::isalnum(static_cast<unsigned char>(body[i]))) ++i;
      if (i == start) continue;
      const std::string_view word(body.data() + start, i - start);
      auto it = cases.find(text::fold(word));
      if (it == cases.end()) continue;
      (looks_like_abbreviation(word) ? it->second.second : it->second.first)++;
    }
  }
  stats.mostly_lowercase = [cases = std::move(cases)](std::string_view w) {
    auto it = cases.find(std::string(w));
    return it == cases.end() || it->second.first > it->second.second;
  };
  stats.follows = [this](std::string_view a, std::string_view b) {
    const auto ta = index_.term(a), tb = index_.term(b);
    if (!ta || !tb || index_.df(*ta) > 300) return false;
    std::size_t total = 0, followed = 0;
    for (auto d : index_.docs(*ta)) {
      const auto toks = index_.tokens(d);
      for (std::size_t k = 0; k < toks.size(); ++k) {
        if (toks[k] != *ta) continue;
        ++total;
        if (k + 1 < toks.size() && toks[k + 1] == *tb) ++followed;
      }
    }
    return total >= 3 && followed * 2 >= total;
  };
  focus_ = std::make_unique<FocusDictionary>(*snapshot_, analyzer, std::move(stats));

  // Autocomplete: every name and synonym, findable from the start of any word.
  const auto conditions = snapshot_->conditions();
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    std::vector<std::string> labels = {conditions[c].name};
    labels.insert(labels.end(), conditions[c].synonyms.begin(), conditions[c].synonyms.end());
    for (const auto& label : labels) {
      const std::string folded = text::fold(label);
      for (std::size_t k = 0; k < folded.size(); ++k) {
        const bool word_start =
            k == 0 ||
            (!std::isalnum(static_cast<unsigned char>(folded[k - 1])) && folded[k - 1] != '\'');
        if (word_start && std::isalnum(static_cast<unsigned char>(folded[k])))
          names_.push_back(
              {folded, static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(k), label});
      }
    }
  }
  std::sort(names_.begin(), names_.end(), [](const Name& x, const Name& y) {
    return std::string_view(x.folded).substr(x.offset) <
           std::string_view(y.folded).substr(y.offset);
  });
}

std::string Engine::unit_heading(std::size_t u) const {
  const Unit& unit = units_[u];
  const Article& a = snapshot_->articles()[unit.article];
  if (unit.section < 0) return a.title;
  return a.sections[static_cast<std::size_t>(unit.section)].display_heading();
}

std::string Engine::unit_text(std::size_t u) const {
  const Unit& unit = units_[u];
  const Article& a = snapshot_->articles()[unit.article];
  if (unit.section < 0) return a.introduction;
  const Section& s = a.sections[static_cast<std::size_t>(unit.section)];
  std::string out = s.intro;
  for (const auto& item : s.items) {
    if (!out.empty()) out += "\n\n";
    if (!item.heading.empty()) out += "**" + item.heading + ".** ";
    out += item.text;
  }
  return out;
}

Source Engine::unit_source(std::size_t u) const {
  const Unit& unit = units_[u];
  const Article& a = snapshot_->articles()[unit.article];
  Source src;
  src.article = a.slug;
  src.anchor = anchors_[u];
  src.license = a.license;
  src.author = a.author.name;
  if (unit.section >= 0) {
    const Section& s = a.sections[static_cast<std::size_t>(unit.section)];
    if (!s.source.empty()) {
      src.collection = s.source.collection;
      src.document = s.source.document;
      src.pair = s.source.pair;
      src.url = s.source.url;
      return src;
    }
  }
  src.collection =
      a.collection.empty() ? (a.sample ? "symptomdb sample content" : "symptomdb") : a.collection;
  src.document = a.document_id.empty() ? a.slug : a.document_id;
  src.url =
      a.url.empty() ? "/articles/" + a.slug + (src.anchor.empty() ? "" : "#" + src.anchor) : a.url;
  return src;
}

std::vector<std::size_t> Engine::units_of(std::size_t condition, SectionType type) const {
  std::vector<std::size_t> out;
  for (auto u : condition_units_[condition])
    if (units_[u].type == type) out.push_back(u);
  return out;
}

double Engine::answer_score(std::size_t u, const std::vector<search::TermId>& terms) const {
  // Among answers of the right type about the right condition: prefer the
  // one that shares the question's other words, then the preferred source.
  double overlap = 0;
  const auto toks = index_.tokens(static_cast<search::DocId>(u));
  for (auto t : terms)
    if (std::find(toks.begin(), toks.end(), t) != toks.end()) overlap += index_.idf(t);
  return source_preference(snapshot_->articles()[units_[u].article]) + 0.3 * overlap;
}

Engine::TitleFit Engine::title_fit(std::size_t unit,
                                   const std::vector<std::string>& asked_stems) const {
  const auto& title = title_stems_[unit];
  TitleFit fit;
  if (title.empty()) return fit;
  for (const auto& t : title)
    if (std::binary_search(asked_stems.begin(), asked_stems.end(), t)) ++fit.covered;
  fit.share = static_cast<double>(fit.covered) / static_cast<double>(title.size());
  return fit;
}

std::string Engine::best_sentence(std::size_t u, const std::vector<std::string>& stems,
                                  text::Analyzer& analyzer) const {
  const std::string text = unit_text(u);
  // The query's distinct stems, sorted, and which of them a sentence holds.
  std::vector<std::string> wanted(stems);
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::vector<char> seen(wanted.size());
  std::string_view best;
  std::size_t best_hits = 0;
  bool any = false;
  // Sentences split at ". ", "? ", "! " and line breaks, as views and one at a time:
  // the first sentence holding every query word cannot be beaten (a later
  // one must hold more to win), so a search request stops there rather than
  // split and stem the rest of a long answer.
  std::size_t start = 0;
  auto consider = [&](std::size_t end) {  // the sentence text[start, end)
    const std::string_view sentence(text.data() + start, end - start);
    if (!any) best = sentence, any = true;
    std::fill(seen.begin(), seen.end(), 0);
    std::size_t hits = 0;
    for (const auto& st : analyzer.stems(sentence)) {
      const auto it = std::lower_bound(wanted.begin(), wanted.end(), st);
      if (it == wanted.end() || *it != st) continue;
      char& flag = seen[static_cast<std::size_t>(it - wanted.begin())];
      if (!flag) flag = 1, ++hits;
    }
    if (hits > best_hits) best = sentence, best_hits = hits;
  };
  for (std::size_t i = 0; i < text.size() && (best_hits < wanted.size() || !any); ++i) {
    const char c = text[i];
    if (c == '\n') {
      if (i > start) consider(i);
      start = i + 1;
    } else if ((c == '.' || c == '?' || c == '!') && i + 1 < text.size() && text[i + 1] == ' ') {
      consider(i + 1);
      start = i + 2;
      ++i;
    }
  }
  if ((best_hits < wanted.size() || !any) && start < text.size()) consider(text.size());
  return any ? trim_to(std::string(best), 300) : std::string();
}

std::optional<Emergency> Engine::emergency(std::string_view text) const {
  thread_local text::Analyzer analyzer;  // per thread, as in ask()
  return red_flags_->check(text, analyzer);
}

bool Engine::other_sense_of_a_word(const FocusMatch& m,
                                   const std::vector<text::Term>& terms) const {
  if (!is_lay_word(m, terms) || condition_units_[m.condition].empty()) return false;
  // The one word the name was read from, as the asker wrote it (or as
  // corrected), and the name of one word.
  const text::Term* word = nullptr;
  for (std::size_t k = m.begin; k < m.end && k < terms.size(); ++k)
    if (!text::is_stopword(terms[k].surface)) word = &terms[k];
  if (word == nullptr || word->stem.size() < 3 || !english_.contains(word->surface)) return false;
  // (A name written as an abbreviation, "PAD", is read only as written.)
  if (m.name.find_first_of(" -,/(") != std::string::npos || looks_like_abbreviation(m.name))
    return false;
  // A word the knowledge base's answers never use at all ("piles") has no
  // other sense there: the other name is all it says of the word.
  const auto used_anywhere = index_.term(word->stem);
  if (!used_anywhere || index_.df(*used_anywhere) == 0) return false;
  // A word of the condition's own name is its own word ("Goiter" of
  // "Goiter - simple").
  const auto& own = name_term_stems_[m.condition].front();
  if (std::find(own.begin(), own.end(), word->stem) != own.end()) return false;
  // Used by the condition's own answers: a word of its own vocabulary.
  return !used_by_own_answers(m.condition, word->stem);
}

bool Engine::used_by_own_answers(std::size_t condition, const std::string& stem) const {
  // In any form sharing the stem's beginning ("menses" in a text on
  // menstruation, "rehab" in one on rehabilitation).
  const std::string prefix = stem.substr(0, std::max<std::size_t>(4, stem.size() - 2));
  for (auto u : condition_units_[condition])
    for (auto t : index_.tokens(static_cast<search::DocId>(u)))
      if (t < index_.term_count() && index_.term_text(t).starts_with(prefix)) return true;
  return false;
}

bool Engine::other_sense_said_the_other_way(const FocusMatch& m,
                                            const std::vector<text::Term>& terms,
                                            text::Analyzer& analyzer) const {
  if (m.kind == NameKind::name || m.kind == NameKind::abbreviation ||
      condition_units_[m.condition].empty())
    return false;
  std::vector<std::string> said, named;
  for (std::size_t k = m.begin; k < m.end && k < terms.size(); ++k)
    if (!text::is_stopword(terms[k].surface)) said.push_back(terms[k].stem);
  for (const auto& t : analyzer.terms(m.name))
    if (!text::is_stopword(t.surface)) named.push_back(t.stem);
  // Only a name read from the asker's words in another order ("patches on
  // my skin" as "Skin patch"; see reordered_compound_keys).
  if (said.size() < 2 || named.size() != said.size() || said == named) return false;
  const auto& own = name_term_stems_[m.condition].front();
  for (const auto& stem : named) {
    if (stem.size() < 3 || std::find(own.begin(), own.end(), stem) != own.end()) continue;
    const auto used_anywhere = index_.term(stem);
    if (used_anywhere && index_.df(*used_anywhere) > 0 && !used_by_own_answers(m.condition, stem))
      return true;
  }
  return false;
}

bool Engine::word_that_describes_the_next(const FocusMatch& m, std::string_view question,
                                          const std::vector<text::Term>& terms) const {
  if (m.kind == NameKind::abbreviation || condition_units_[m.condition].empty()) return false;
  // The one word the name was read from.
  std::size_t k = terms.size(), words = 0;
  for (std::size_t j = m.begin; j < m.end && j < terms.size(); ++j)
    if (!text::is_stopword(terms[j].surface)) {
      k = j;
      ++words;
    }
  if (words != 1 || k + 1 >= terms.size()) return false;
  // Only a word that is not the condition's whole name as written: a word
  // of its own longer name, read alone through another name ("Cold" of
  // "Common cold": the case other_sense_of_a_word leaves as its own word),
  // or its one-word name in another form ("burning" for Burns, "fall" for
  // Falls). The name itself, as written ("sodium intake"), is the name.
  const auto& own = name_term_stems_[m.condition].front();
  const bool part_of_own_name = is_lay_word(m, terms) && own.size() >= 2 &&
                                std::find(own.begin(), own.end(), terms[k].stem) != own.end();
  const bool name_in_another_form =
      m.kind == NameKind::name && own.size() == 1 && text::fold(m.name) != terms[k].surface;
  if (!part_of_own_name && !name_in_another_form) return false;
  // A name of an act ("Vomiting") is said by its verb, which takes the next
  // word as what it acts on ("vomit bile", "vomiting bile", "falling
  // asleep"): the act the condition is named for is still said.
  if (terms[k].surface.ends_with("ing") || text::fold(m.name).ends_with("ing")) return false;
  // The next word, in the same phrase as written: only spaces between; and
  // a word a name can describe, not a preposition or a determiner ("a rash
  // across her cheeks" is a rash, "painful any time" is pain).
  const text::Term& next = terms[k + 1];
  if (text::is_stopword(next.surface) || next.stem.size() < 3 || function_word(next.surface))
    return false;
  if (next.offset <= terms[k].offset || next.offset > question.size()) return false;
  std::size_t i = terms[k].offset;
  while (i < next.offset &&
         (std::isalnum(static_cast<unsigned char>(question[i])) || question[i] == '\'' ||
          static_cast<unsigned char>(question[i]) >= 0x80))
    ++i;
  for (; i < next.offset; ++i)
    if (question[i] != ' ') return false;
  // The condition's answers never use the next word, and other answers
  // say the two words together: "weather" is no word of Common cold's,
  // "cold weather" is Raynaud's and hypothermia's.
  if (used_by_own_answers(m.condition, next.stem)) return false;
  const auto a = index_.term(terms[k].stem), b = index_.term(next.stem);
  if (!a || !b) return false;
  const std::array<search::TermId, 2> phrase{*a, *b};
  const auto& units = condition_units_[m.condition];
  return index_.any_phrase(phrase, [&](search::DocId d) {
    return std::find(units.begin(), units.end(), static_cast<std::size_t>(d)) == units.end();
  });
}

std::vector<FocusMatch> Engine::find_focus(std::string_view text) const {
  thread_local text::Analyzer analyzer;  // per thread, as in ask()
  return focus_->read(text, analyzer).matches;
}

Result Engine::ask(std::string_view question, std::size_t limit) const {
  return ask_text(question, 0, limit);
}

Result Engine::ask(std::string_view subject, std::string_view message, std::size_t limit) const {
  while (!subject.empty() && std::isspace(static_cast<unsigned char>(subject.front())))
    subject.remove_prefix(1);
  while (!subject.empty() && std::isspace(static_cast<unsigned char>(subject.back())))
    subject.remove_suffix(1);
  if (subject.empty()) return ask_text(message, 0, limit);
  // One text, the subject first: the message is read as it is when sent
  // in one piece ("Subject. Message"), except that its title is known.
  std::string text;
  text.reserve(subject.size() + 2 + message.size());
  text.append(subject).append(". ").append(message);
  Result r = ask_text(text, subject.size(), limit);
  r.question = std::string(message);
  r.subject = std::string(subject);
  return r;
}

Result Engine::ask_text(std::string_view question, std::size_t subject_end,
                        std::size_t limit) const {
  Result r;
  r.question = std::string(question);
  // One analyzer per thread: a Snowball stemmer is not thread-safe, and its
  // word cache makes repeated words cheap.
  thread_local text::Analyzer analyzer;
  r.emergency = red_flags_->check(question, analyzer);
  // Words that ask (cues) are found first, so that names can leave them be.
  std::vector<bool> cue_tokens;
  // Long messages: which sentences ask, which tell the story around them.
  std::vector<Sentence> sentences;
  std::vector<SentenceRole> role;
  std::vector<bool> plainly;  // token in a sentence that asks in so many words
  std::vector<double> token_weight;
  bool any_asks = false;
  {
    const auto raw = analyzer.terms(question);
    cue_tokens.assign(raw.size(), false);
    intents_->detect(raw, std::string::npos, {}, &cue_tokens);
    sentences = read_message(question, raw, subject_end);
    role.assign(raw.size(), SentenceRole::ask);
    plainly.assign(raw.size(), false);
    if (sentences.size() > 1)
      for (const auto& s : sentences)
        for (std::size_t k = s.first; k < s.last; ++k) {
          role[k] = s.role;
          // (A question put as a courtesy, "Sir, what can I do?", asks too.)
          plainly[k] =
              s.plainly_asks && (s.role == SentenceRole::ask || s.role == SentenceRole::formality);
        }
    any_asks = sentences.size() > 1 &&
               std::any_of(sentences.begin(), sentences.end(),
                           [](const Sentence& s) { return s.role == SentenceRole::ask; });
    // A condition named only in the story (or a greeting, a signature) is
    // a candidate, not what is asked: it counts less than one named where
    // the asker asks, and is read where it counts most.
    if (sentences.size() > 1) {
      token_weight.resize(raw.size());
      for (std::size_t k = 0; k < raw.size(); ++k) token_weight[k] = role_weight(role[k]);
    }
  }
  auto reading = focus_->read(question, analyzer, cue_tokens, token_weight);
  r.corrections = reading.corrections;
  // A sign said partly by what the message names ("he swallowed some of my
  // bleach" names Sodium hypochlorite poisoning): asked once the names are
  // read, from every reading, the story's too.
  if (!r.emergency && !reading.matches.empty()) {
    std::vector<RedFlags::NameRead> names;
    names.reserve(reading.matches.size());
    for (const auto& m : reading.matches)
      names.push_back({snapshot_->conditions()[m.condition].name, m.matched});
    r.emergency = red_flags_->check(question, names, analyzer);
  }
  // An ordinary word read as another name of a condition whose own answers
  // never use it ("my toddler swallowed a battery" as Child Abuse through
  // its other name "Battery") is not read: the word is meant otherwise.
  // Nor is a word of a condition's name said of the word after it ("cold
  // weather" is no Common cold), nor another name read from words said the
  // other way round ("patches on my skin" is no Birth Control through
  // "Skin patch"): see word_that_describes_the_next and
  // other_sense_said_the_other_way.
  std::erase_if(reading.matches, [&](const FocusMatch& m) {
    return other_sense_of_a_word(m, reading.terms) ||
           word_that_describes_the_next(m, question, reading.terms) ||
           other_sense_said_the_other_way(m, reading.terms, analyzer);
  });
  const auto& terms = reading.terms;
  cue_tokens.resize(terms.size(), false);
  role.resize(terms.size(), SentenceRole::ask);
  plainly.resize(terms.size(), false);

  std::vector<bool> asking = asking_sentence(question, terms);
  // How plainly each word's sentence asks, for the kinds of answer asked:
  // a sentence with a question mark or "I want to know" (2) over one that
  // only opens like a question, or the subject line (1), over the story (0).
  std::vector<std::uint8_t> ask_rank;
  if (sentences.size() > 1) {
    // The cues that count are those of the asking sentences (and of a
    // subject line, which names what is asked about); with no sentence
    // that asks, the old rule (the last question, or the last sentence).
    if (any_asks) {
      asking.assign(terms.size(), false);
      for (std::size_t k = 0; k < terms.size(); ++k)
        asking[k] = role[k] == SentenceRole::ask || role[k] == SentenceRole::subject;
    }
    ask_rank.assign(terms.size(), 0);
    for (std::size_t k = 0; k < terms.size() && k < asking.size(); ++k)
      ask_rank[k] = static_cast<std::uint8_t>(plainly[k] ? 2 : asking[k] ? 1 : 0);
    // What the asking sentences name outranks what the story names, however
    // often the story repeats it ("my husband had a heart attack... what
    // are the symptoms of glaucoma?"). A weak reading of a common word there
    // does not.
    // Nor does a name read only by taking a real word for a slip ("eye
    // injections" as "eye infections"): that is a guess, not what was asked.
    // A clipped name read in full ("Hep C" as Hepatitis C: the rest of the
    // name follows as written) is no slip, though "hep" is a word.
    std::vector<bool> real_word_slip(terms.size(), false);
    for (const auto& c : reading.corrections)
      if (c.token < terms.size() && english_.contains(c.from) && !c.to.starts_with(c.from))
        real_word_slip[c.token] = true;
    // With no sentence that asks in so many words, the subject line names
    // what is asked as much as the last sentence does.
    std::vector<bool> about = asking;
    if (!any_asks)
      for (std::size_t k = 0; k < terms.size() && k < about.size(); ++k)
        about[k] = about[k] || role[k] == SentenceRole::subject;
    for (auto& m : reading.matches) {
      bool in_asking = false, guessed = false;
      for (std::size_t k = m.begin; k < m.end && k < about.size(); ++k) {
        in_asking = in_asking || about[k];
        guessed = guessed || real_word_slip[k];
      }
      m.asked = in_asking && !guessed && m.score >= kAskedFocusFloor;
    }
    if (!token_weight.empty())
      read_short_names_in_full(reading.matches, terms, token_weight,
                               [this](std::size_t c) { return !condition_units_[c].empty(); });
    prefer_subject_names(reading.matches, terms, role);
    std::stable_sort(reading.matches.begin(), reading.matches.end(),
                     [](const FocusMatch& a, const FocusMatch& b) {
                       if (a.asked != b.asked) return a.asked;
                       return a.score > b.score;
                     });
  }
  // A condition named as the topic asked about ("a question about botox")
  // comes before the others asked as plainly.
  prefer_named_topics(reading.matches, reading.terms);
  // A condition named as the asker's guess at a cause ("Could this be
  // anxiety?") comes after what "this" points back to.
  put_guessed_causes_after(reading.matches, reading.terms);
  // A group's name said with a lay head ("heart problems", "a genetic
  // problem", "mental disease") is the broadest reading there is: any
  // condition the message names is more nearly what is asked ("a
  // miscarriage ... genetic problems"), so it comes after every other
  // reading. Where one of those is named where the asker asks and the
  // knowledge base holds nothing about it ("a physician who can treat this
  // medical/mental disease"), the group's name is not read at all: its
  // answers would stand in for what was asked, which is not covered.
  {
    const auto groups_last =
        std::stable_partition(reading.matches.begin(), reading.matches.end(),
                              [&](const FocusMatch& m) { return !focus_->other_head_name(m); });
    if (groups_last != reading.matches.begin() && reading.matches.front().asked &&
        condition_units_[reading.matches.front().condition].empty())
      reading.matches.erase(groups_last, reading.matches.end());
  }
  // A condition read from an adjective that says who is asked about
  // ("postmenopausal women") comes after what is asked about them.
  put_descriptions_of_people_after(reading.matches, reading.terms);
  // "bleach poisoning": the poisoning "bleach" names, not Poisoning.
  put_the_kind_named_before_its_head_first(reading.matches, reading.terms, [this](std::size_t c) {
    return c < name_last_stem_.size() ? name_last_stem_[c] : std::string();
  });
  // A product the asker asks about that the knowledge base does not hold
  // ("can daytrana be prescribed ...?", "their Klor-Con M20 Tabs"), where
  // every reading is of the story (or "side effects"): what is read is not
  // what is asked, and the reply is "not covered". Unknown: no name's word,
  // no word of the corpus, no English word or proper name, not corrected.
  if (!role.empty()) {
    std::vector<bool> corrected(terms.size(), false);
    for (const auto& c : reading.corrections)
      if (c.token < terms.size()) corrected[c.token] = true;
    auto unknown = [&](std::size_t k) {
      const auto& w = terms[k].surface;
      if (corrected[k] || w.size() < 4 || text::is_stopword(w)) return false;
      if (!std::all_of(w.begin(), w.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; }))
        return false;
      if (english_.contains(w) || english_.contains_name(w)) return false;
      // A word of a name ("glucosamine" of "Glucosamine sulfate") is known.
      if (name_stems_.count(terms[k].stem)) return false;
      const auto t = index_.term(terms[k].stem);
      return !t || index_.collection_frequency(*t) < 3;
    };
    // The same for a condition so named ("CPTII deficiency"; see
    // asks_about_an_unknown_condition).
    auto asked = asks_about_an_unknown_product(terms, role, reading.matches, unknown);
    if (!asked)
      asked = asks_about_an_unknown_condition(terms, role, reading.matches, [&](std::size_t k) {
        // Nor a slip of a name's word ("dry maculare tetinal degeneration"),
        // which the story may name as written.
        return unknown(k) && focus_->near(terms[k].surface, 1).empty();
      });
    if (asked) {
      // The reply names what is not covered, as the asker wrote it.
      r.not_covered.push_back(terms[*asked].surface);
      // What the story names is covered, and may be what the asker wants
      // next ("... for my son, who has ADHD"): offered as a suggestion, not
      // given as the answer to what was asked.
      for (const auto& m : reading.matches)
        if (std::find(r.suggestions.begin(), r.suggestions.end(), m.condition) ==
            r.suggestions.end())
          r.suggestions.push_back(m.condition);
      reading.matches.clear();
    }
  }
  // A name that lists conditions the message also names comes before them.
  {
    const auto conds = snapshot_->conditions();
    prefer_names_that_list(reading.matches,
                           [&](std::size_t c) -> std::string_view { return conds[c].name; });
  }
  // A "condition" made only of words that ask the question ("Treatment",
  // "Symptoms" are MedlinePlus topics) is the question, not its focus.
  if (reading.matches.size() > 1)
    std::erase_if(reading.matches, [&](const FocusMatch& m) {
      for (std::size_t k = m.begin; k < m.end; ++k)
        if (!cue_tokens[k]) return false;
      return true;
    });
  // The words of what is asked about are not cues ("genetic testing" as a
  // topic asks nothing about genes). Only those of the main reading and of
  // readings nearly as strong: a weak reading of asking words ("inheritance
  // pattern" as the topic Genetics, beside a condition read four times as
  // strongly) leaves them to say what is asked.
  std::vector<bool> skip(terms.size(), false);
  for (const auto& m : reading.matches) {
    const auto& front = reading.matches.front();
    if (&m != &front && (m.asked != front.asked || m.score < kOtherFocusShare * front.score))
      continue;
    for (std::size_t k = m.begin; k < m.end; ++k) skip[k] = true;
    // Nor is the adjective that says the condition is inherited, written
    // right before its name ("hereditary cerebellar ataxia", "genetic
    // beriberi"): it names which form of the condition, as "chronic" does,
    // and asks nothing about inheritance ("is it hereditary?" still does).
    if (m.begin > 0) {
      const auto& before = terms[m.begin - 1].surface;
      if (before == "hereditary" || before == "genetic" || before == "inherited")
        skip[m.begin - 1] = true;
    }
  }
  const std::size_t focus_begin =
      reading.matches.empty() ? std::string::npos : reading.matches.front().begin;
  if (ask_rank.empty() && !asking.empty())
    for (bool a : asking) ask_rank.push_back(a ? 1 : 0);
  r.intents = intents_->detect(terms, focus_begin, skip, nullptr, ask_rank);
  std::vector<SectionType> wanted;
  for (const auto& i : r.intents) wanted.push_back(i.type);
  std::vector<const Intent*> either;  // intents another kind may answer
  for (const auto& i : r.intents)
    if (i.alternative != SectionType::other) either.push_back(&i);
  if (wanted.empty()) wanted.push_back(SectionType::overview);

  // "What can cause muscle weakness", "conditions with joint pain and fever".
  std::optional<std::size_t> reverse_from;
  for (std::size_t k = 0; k + 2 < terms.size() && !reverse_from; ++k) {
    const auto& w = terms[k].surface;
    const auto& next = terms[k + 1].surface;
    if (w == "what" &&
        (next == "can" || next == "could" || next == "might" || next == "may" || next == "would" ||
         next == "else") &&
        terms[k + 2].stem == "caus")
      reverse_from = k + 3;
  }
  for (std::size_t k = 0; k + 1 < terms.size() && !reverse_from; ++k) {
    const auto& s = terms[k].stem;
    const bool group =
        s == "condit" || s == "diseas" || s == "ill" || s == "disord" || s == "problem";
    const auto& next = terms[k + 1].stem;
    if (group && (next == "with" || next == "caus" || next == "involv" || next == "associ" ||
                  next == "link" || next == "that" || next == "where" || next == "have"))
      reverse_from = k + 1;
  }
  if (!reverse_from) {
    // "What causes X" where X names no condition we know.
    for (std::size_t k = 0; k + 1 < terms.size(); ++k)
      if (terms[k].surface == "what" && terms[k + 1].stem == "caus" &&
          std::none_of(reading.matches.begin(), reading.matches.end(),
                       [&](const FocusMatch& m) { return m.begin > k; }))
        reverse_from = k + 2;
  }
  if (reverse_from && *reverse_from < terms.size()) {
    // The findings are those of the sentence that asks, not the whole message.
    std::size_t end = terms.size();
    for (const auto& s : sentences)
      if (s.first <= *reverse_from && *reverse_from < s.last) end = s.last;
    const std::vector<text::Term> asked(terms.begin(),
                                        terms.begin() + static_cast<std::ptrdiff_t>(end));
    reverse_lookup(r, asked, *reverse_from, analyzer);
  }

  // The main focus: the best match, unless another reading of the same
  // words (or one nearly as good) holds what was asked.
  auto matches = std::move(reading.matches);
  // But words that are a condition's own name mean that condition: another
  // that only lists the same words among its other names (MEN 2A's
  // "Pheochromocytoma", nephrogenic diabetes insipidus's "Diabetes
  // insipidus") is not the focus for holding the kind asked. Its answer of
  // that kind comes right after the focus's own (see below).
  std::optional<std::size_t> same_words_other;
  auto other_name_of_own_words = [&](std::size_t i) {
    const FocusMatch& front = matches.front();
    if (!(matches[i].begin == front.begin && matches[i].end == front.end &&
          front.kind == NameKind::name && matches[i].kind != NameKind::name))
      return false;
    if (!same_words_other && !units_of(matches[i].condition, wanted.front()).empty())
      same_words_other = matches[i].condition;
    return true;
  };
  if (matches.size() > 1 && units_of(matches.front().condition, wanted.front()).empty()) {
    for (std::size_t i = 1; i < matches.size(); ++i) {
      const bool same_words =
          matches[i].begin == matches.front().begin && matches[i].end == matches.front().end;
      if (other_name_of_own_words(i)) continue;
      if (same_words && !units_of(matches[i].condition, wanted.front()).empty()) {
        std::rotate(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(i),
                    matches.begin() + static_cast<std::ptrdiff_t>(i + 1));
        break;
      }
    }
  }
  // (A condition named as the topic asked about stays the focus: its answers
  // of other kinds, and the others' of the kind asked, follow.)
  if (matches.size() > 1 && !named_as_topic(matches.front(), matches, terms)) {
    const double top = matches.front().score;
    for (std::size_t i = 1; i < matches.size(); ++i) {
      if (matches[i].score < 0.8 * top || matches[i].asked != matches.front().asked) break;
      // Not for a lay word ("cold", "runs"): having answers of the kind
      // asked does not make one ordinary word what the message is about.
      if (is_lay_word(matches[i], terms)) continue;
      // Nor for the asker's guess at a cause ("Could this be anxiety?"): it
      // was put after what "this" points back to, which is asked about
      // whatever the knowledge base holds of it (see
      // put_guessed_causes_after).
      if (named_as_a_guessed_cause(matches[i], terms)) continue;
      // Nor for an adjective that says who is asked about ("postmenopausal
      // women"; see put_descriptions_of_people_after).
      if (describes_the_people_asked_about(matches[i], terms)) continue;
      if (other_name_of_own_words(i)) continue;
      const bool front_has = !units_of(matches.front().condition, wanted.front()).empty();
      if (!front_has && !units_of(matches[i].condition, wanted.front()).empty()) {
        std::rotate(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(i),
                    matches.begin() + static_cast<std::ptrdiff_t>(i + 1));
        break;
      }
    }
  }
  r.focus = matches;
  if (r.focus.empty()) {
    // Honest "no answer", with conditions whose names are near the words
    // used; but not beside a "not covered" reply, whose suggestions are what
    // the message names ("tried" is near Carney triad, which nobody named).
    if (!r.not_covered.empty()) return r;
    for (const auto& t : terms) {
      if (t.surface.size() < 4 || text::is_stopword(t.surface)) continue;
      for (auto c : focus_->near(t.surface, 3))
        if (std::find(r.suggestions.begin(), r.suggestions.end(), c) == r.suggestions.end())
          r.suggestions.push_back(c);
      if (r.suggestions.size() >= 5) break;
    }
    if (r.suggestions.size() > 5) r.suggestions.resize(5);
    return r;
  }

  const std::size_t primary = r.focus.front().condition;
  for (auto t : all_section_types())
    if (!units_of(primary, t).empty()) r.available.push_back(t);

  // The question's own words beyond the focus and the cues: they pick the
  // best of several answers of the same kind.
  std::vector<search::TermId> extra;
  std::vector<std::string> question_stems;  // the same words as stems (titles need not be indexed)
  // In a long message, only those of the sentences that ask: the story
  // around them would pull in answers about everything it mentions.
  for (std::size_t k = 0; k < terms.size(); ++k) {
    if (skip[k] || text::is_stopword(terms[k].surface)) continue;
    if (!asking.empty() && !asking[k]) continue;
    question_stems.push_back(terms[k].stem);
    if (auto id = index_.term(terms[k].stem)) extra.push_back(*id);
  }
  // A second condition asked about with the first ("X after Y", "X and Y")
  // says which of the first's answers is wanted: the one that speaks of it.
  for (std::size_t f = 1; f < r.focus.size(); ++f) {
    if (!r.focus[f].asked) continue;
    for (std::size_t k = r.focus[f].begin; k < r.focus[f].end; ++k) {
      if (text::is_stopword(terms[k].surface)) continue;
      question_stems.push_back(terms[k].stem);
      if (auto id = index_.term(terms[k].stem)) extra.push_back(*id);
    }
  }
  std::sort(extra.begin(), extra.end());
  extra.erase(std::unique(extra.begin(), extra.end()), extra.end());
  // Several answers of one kind about one condition (MedQuAD's collections
  // often answer the same question): the choice follows a fixed order, so
  // that a long message and a one-line summary of it get the same answer.
  // First the document about exactly what is asked (its title is the
  // focus's name, or the focus and words the question asks with it), then
  // the more specific of those, then the preferred source (the site's own,
  // then consumer-facing collections), and only then the question's other
  // words, which differ most between two wordings of one question.
  const auto conditions = snapshot_->conditions();
  auto rank_units = [&](std::size_t condition, SectionType type) {
    std::vector<std::string> asked_stems = question_stems;
    auto add_name = [&](const std::string& n) {
      for (const auto& t : analyzer.terms(n))
        if (!text::is_stopword(t.surface)) asked_stems.push_back(t.stem);
    };
    add_name(conditions[condition].name);
    for (const auto& f : r.focus)
      if (f.condition == condition) add_name(f.name);
    std::sort(asked_stems.begin(), asked_stems.end());
    asked_stems.erase(std::unique(asked_stems.begin(), asked_stems.end()), asked_stems.end());
    struct Candidate {
      TitleFit fit;
      double preference, score;
      std::size_t unit;
    };
    std::vector<Candidate> cands;
    for (auto u : units_of(condition, type)) {
      const auto article = units_[u].article;
      cands.push_back({title_fit(u, asked_stems), source_preference(snapshot_->articles()[article]),
                       answer_score(u, extra), u});
    }
    // (See same_document_twice: a copy takes the first copy's score.)
    for (std::size_t i = 1; i < cands.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (same_document_twice(snapshot_->articles()[units_[cands[i].unit].article],
                                snapshot_->articles()[units_[cands[j].unit].article],
                                unit_heading(cands[i].unit), unit_heading(cands[j].unit))) {
          cands[i].score = cands[j].score;
          break;
        }
    std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
      if (a.fit.share != b.fit.share) return a.fit.share > b.fit.share;
      if (a.fit.covered != b.fit.covered) return a.fit.covered > b.fit.covered;
      if (a.preference != b.preference) return a.preference > b.preference;
      if (a.score != b.score) return a.score > b.score;
      return a.unit < b.unit;
    });
    std::vector<std::pair<double, std::size_t>> scored;
    for (const auto& c : cands) scored.emplace_back(c.score + 2.0 * c.fit.share, c.unit);
    return scored;
  };
  // The same (condition, kind) is ranked again and again below (for each
  // kind asked, for the kinds offered instead, for the narrower conditions)
  // from inputs fixed by now: each is ranked once.
  std::map<std::pair<std::size_t, SectionType>, std::vector<std::pair<double, std::size_t>>>
      ranked_memo;
  auto ranked = [&](std::size_t condition, SectionType type) {
    auto [it, fresh] = ranked_memo.try_emplace({condition, type});
    if (fresh) it->second = rank_units(condition, type);
    return it->second;
  };
  std::set<std::size_t> taken;
  auto push = [&](std::size_t u, double score, bool asked, Answer::Via via = Answer::Via::focus) {
    if (!taken.insert(u).second) return;
    Answer a;
    a.unit = u;
    a.score = score;
    a.type = units_[u].type;
    a.condition = units_[u].condition;
    a.heading = unit_heading(u);
    a.text = unit_text(u);
    a.source = unit_source(u);
    a.asked = asked;
    a.via = via;
    r.answers.push_back(std::move(a));
  };
  const double focus_score = r.focus.front().score;
  // The best answer for each intent first, in the order asked...
  // A kind two sections may hold is answered from the one whose answer for
  // the focus says it (uses the intent's words), when only the other does.
  for (const Intent* i : either) {
    auto says = [&](SectionType t) {
      const auto list = ranked(primary, t);
      return !list.empty() && uses_any_word(unit_text(list.front().second), i->evidence);
    };
    if (says(i->type) || !says(i->alternative)) continue;
    auto at = std::find(wanted.begin(), wanted.end(), i->type);
    if (at == wanted.end()) continue;
    if (std::find(wanted.begin(), wanted.end(), i->alternative) == wanted.end())
      *at = i->alternative;
    else
      wanted.erase(at);
  }
  std::vector<std::vector<std::pair<double, std::size_t>>> per_type;
  for (auto t : wanted) {
    per_type.push_back(ranked(primary, t));
    if (per_type.back().empty()) {
      r.missing.push_back(t);
      // (See treatments_stand_for_new_ones.)
      if (t == SectionType::research && treatments_stand_for_new_ones(wanted, r.intents)) {
        const auto list = ranked(primary, SectionType::treatment);
        if (!list.empty()) push(list.front().second, 10 * focus_score + list.front().first, false);
      }
      continue;
    }
    push(per_type.back().front().second, 10 * focus_score + per_type.back().front().first, true);
  }
  // ...then the other sources for the same intents...
  for (const auto& list : per_type)
    for (std::size_t k = 1; k < list.size(); ++k)
      push(list[k].second, 5 * focus_score + list[k].first, true);
  // ...then other conditions the question names as strongly as the focus
  // (two readings nearly as good, "X and Y" asked together)...
  std::vector<bool> other_done(r.focus.size(), false);
  auto other_focus = [&](std::size_t f) {
    other_done[f] = true;
    for (auto t : wanted) {
      auto list = ranked(r.focus[f].condition, t);
      if (!list.empty()) push(list.front().second, 3 * r.focus[f].score + list.front().first, true);
    }
  };
  // When the focus holds nothing (a drug MedQuAD only lists), only another
  // condition the asking sentences name is answered: one the story mentions
  // is context, and the reply about the focus stays "not covered".
  const bool focus_held = !condition_units_[primary].empty();
  // The first answer of each kind asked that the focus does not hold, from
  // another condition that holds it, placed as the focus's asked ones are.
  const auto missing_kinds_from = [&](std::size_t c, Answer::Via via) {
    for (auto t : r.missing) {
      auto list = ranked(c, t);
      if (!list.empty()) push(list.front().second, 2 * focus_score + list.front().first, true, via);
    }
  };
  const auto english = [this](std::string_view w) { return english_.contains(w); };
  for (std::size_t f = 1; f < r.focus.size(); ++f)
    if (r.focus[f].score >= kOtherFocusShare * focus_score && (focus_held || r.focus[f].asked) &&
        !(focus_held && lay_reading(r.focus[f], terms, english)))
      other_focus(f);
  // A kind the focus does not hold, held by the condition that lists the
  // focus's own name among its other names (see the main focus above).
  if (same_words_other) missing_kinds_from(*same_words_other, Answer::Via::focus);
  // A kind of answer the focus does not hold may be held for its narrower
  // conditions ("is dementia inherited?": familial forms of dementia say
  // so): those answers come next, marked as about a narrower condition.
  if (!r.missing.empty() && r.answers.size() < limit) {
    const auto& m = r.focus.front();
    const bool next_is_word = m.end < terms.size() && !text::is_stopword(terms[m.end].surface);
    const auto narrow =
        narrower(primary, m.name, analyzer, next_is_word ? terms[m.end].stem : std::string());
    // A narrower condition named with a word the question puts right
    // before or after the focus's words ("what causes high cholesterol?":
    // "High Blood Cholesterol" for "Cholesterol"; "hereditary angioedema")
    // is what was asked about: it comes before the focus's general answer.
    std::vector<std::string> beside;
    if (m.begin > 0 && !text::is_stopword(terms[m.begin - 1].surface))
      beside.push_back(terms[m.begin - 1].stem);
    if (m.end < terms.size() && !text::is_stopword(terms[m.end].surface))
      beside.push_back(terms[m.end].stem);
    auto named_in_question = [&](std::size_t c) {
      if (beside.empty()) return false;
      std::vector<std::string> names = {conditions[c].name};
      names.insert(names.end(), conditions[c].synonyms.begin(), conditions[c].synonyms.end());
      for (const auto& n : names)
        for (const auto& t : analyzer.terms(n))
          if (std::find(beside.begin(), beside.end(), t.stem) != beside.end()) return true;
      return false;
    };
    auto from_narrower = [&](bool named) {
      for (auto c : narrow) {
        if (named_in_question(c) != named) continue;
        missing_kinds_from(c, Answer::Via::narrower);
        if (r.answers.size() >= limit) break;
      }
    };
    from_narrower(true);
    // Otherwise the focus's own most general answer first: a name shared by
    // narrower conditions ("fever" in "familial Mediterranean fever") does
    // not make them what was asked about.
    if (r.answers.empty())
      for (auto t : {SectionType::overview, SectionType::symptoms, SectionType::causes,
                     SectionType::treatment}) {
        auto list = ranked(primary, t);
        if (!list.empty()) {
          push(list.front().second, list.front().first, false);
          break;
        }
      }
    if (r.answers.size() < limit) from_narrower(false);
  }
  // A kind the focus does not hold may be held by a broader condition
  // ("bleach poisoning": Sodium hypochlorite poisoning holds nothing,
  // Poisoning does): its answers come next, marked as about the broader
  // condition. When the focus holds nothing at all, the nearest broader one
  // that holds anything stands in for it, its other kinds offered instead.
  // Not when the words read are only the part after a dash ("pneumococcal"
  // of "Meningitis - pneumococcal"): the head was not named.
  const auto read_only_the_part = [&] {
    const std::string& own = conditions[primary].name;
    const auto dash = own.find(" - ");
    return dash != std::string::npos &&
           text::fold(r.focus.front().name) == text::fold(own.substr(dash + 3));
  };
  if (!r.missing.empty() && r.answers.size() < limit && !broader_[primary].empty() &&
      !read_only_the_part()) {
    for (auto b : broader_[primary]) {
      missing_kinds_from(b, Answer::Via::broader);
      if (r.answers.size() >= limit) break;
    }
    if (!focus_held && r.answers.size() < limit) {
      const auto b = broader_[primary].front();
      for (auto t : {SectionType::overview, SectionType::symptoms, SectionType::causes,
                     SectionType::treatment}) {
        auto list = ranked(b, t);
        if (!list.empty())
          push(list.front().second, list.front().first, false, Answer::Via::broader);
        if (r.answers.size() >= limit) break;
      }
    }
  }
  // The condition read first holds no answer at all, and another the
  // question names nearly as strongly (kOtherFocusShare of its score or
  // more, the share at which two readings count as asked together above),
  // and as plainly (both where the asker asks, or both only in the story),
  // holds answers: its answers are given, of the kind asked first, then its
  // most general ones offered instead, each marked as about that other
  // condition (the reply names both). The nearest such reading only. Not
  // when the first is a drug (a product the knowledge base only lists: the
  // reply about it stays "not covered", and the other names are the
  // story's), and only a disease (MedQuAD's focus category) stands in, not
  // a topic or product the message mentions ("antibiotics").
  if (!focus_held && r.answers.empty() && conditions[primary].kind != "drug")
    for (std::size_t f = 1; f < r.focus.size(); ++f) {
      const FocusMatch& m = r.focus[f];
      if (m.score < kOtherFocusShare * focus_score || m.asked != r.focus.front().asked ||
          conditions[m.condition].kind != "disease" || condition_units_[m.condition].empty())
        continue;
      for (auto t : wanted) {
        auto list = ranked(m.condition, t);
        if (!list.empty())
          push(list.front().second, 3 * m.score + list.front().first, true,
               Answer::Via::other_named);
      }
      for (auto t : {SectionType::overview, SectionType::symptoms, SectionType::causes,
                     SectionType::treatment}) {
        if (r.answers.size() >= limit) break;
        auto list = ranked(m.condition, t);
        if (!list.empty())
          push(list.front().second, list.front().first, false, Answer::Via::other_named);
      }
      break;
    }
  // ...then the other conditions the question asks about, read less
  // strongly. Not before the focus's own answers: "what can I do about the
  // edema? (I take a diuretic)" is answered about edema even when edema
  // holds no answer of the kind asked, not about diabetes (the misspelt
  // diuretic). A condition only the story names is context; and when the
  // focus is a name the knowledge base holds nothing about (a drug MedQuAD
  // only lists), the reply stays "not covered" rather than answer about
  // another condition the message happens to mention.
  if (focus_held)
    for (std::size_t f = 1; f < r.focus.size(); ++f)
      if (!other_done[f] && r.focus[f].asked) other_focus(f);
  // Then what is held about the focus of other kinds, marked as offered
  // instead, the most general kinds first...
  if (r.answers.size() < limit) {
    for (auto t : {SectionType::overview, SectionType::symptoms, SectionType::causes,
                   SectionType::treatment}) {
      auto list = ranked(primary, t);
      if (!list.empty()) push(list.front().second, list.front().first, false);
      if (r.answers.size() >= limit) break;
    }
    for (auto u : condition_units_[primary]) {
      if (r.answers.size() >= limit) break;
      push(u, 0, false);
    }
  }
  // ...and last, the answers anywhere that share most of the question's
  // words (never an answer made up: a passage that exists, marked as found
  // by searching). Only once a focus is held: a question about what the
  // knowledge base does not cover stays "not covered".
  if (r.answers.size() < limit && !condition_units_[primary].empty()) {
    std::vector<search::TermId> words = extra;
    for (const auto& f : r.focus)
      for (std::size_t k = f.begin; k < f.end; ++k)
        if (auto id = index_.term(terms[k].stem); id && !text::is_stopword(terms[k].surface))
          words.push_back(*id);
    // The most specific words only: the work per question stays bounded
    // however long the message.
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    std::sort(words.begin(), words.end(),
              [&](search::TermId a, search::TermId b) { return index_.idf(a) > index_.idf(b); });
    if (words.size() > 12) words.resize(12);
    for (const auto& hit : index_.rank(words, limit * 2)) {
      if (r.answers.size() >= limit) break;
      push(hit.doc, 0.01 * hit.score, false, Answer::Via::search);
    }
  }
  if (r.answers.size() > limit) r.answers.resize(limit);
  return r;
}

void Engine::reverse_lookup(Result& r, const std::vector<text::Term>& terms, std::size_t from,
                            text::Analyzer& analyzer) const {
  // Findings are the phrases after the trigger, split at "and", "or", "with", "plus".
  std::vector<std::vector<text::Term>> findings(1);
  for (std::size_t k = from; k < terms.size(); ++k) {
    const auto& w = terms[k].surface;
    if (w == "and" || w == "or" || w == "with" || w == "plus" || w == "also") {
      if (!findings.back().empty()) findings.emplace_back();
      continue;
    }
    if (text::is_stopword(w) || w == "symptoms" || w == "symptom" || w == "signs" || w == "like" ||
        w == "such" || w == "having" || w == "cause" || w == "causes")
      continue;
    findings.back().push_back(terms[k]);
  }
  if (findings.back().empty()) findings.pop_back();
  if (findings.empty()) return;
  r.reverse = true;
  struct Acc {
    double score = 0;
    std::set<std::size_t> found;
    std::size_t unit = 0;
    double best_unit = -1;
  };
  std::unordered_map<std::size_t, Acc> by_condition;
  std::vector<std::string> all_stems;
  for (std::size_t f = 0; f < findings.size(); ++f) {
    std::string label;
    std::vector<search::TermId> ids;
    for (const auto& t : findings[f]) {
      if (!label.empty()) label.push_back(' ');
      label += t.surface;
      all_stems.push_back(t.stem);
      if (auto id = index_.term(t.stem)) ids.push_back(*id);
    }
    r.findings.push_back(label);
    if (ids.size() != findings[f].size()) continue;  // a word no article uses
    auto keep = [this](search::DocId d) {
      const auto t = units_[d].type;
      return t == SectionType::symptoms || t == SectionType::causes || t == SectionType::overview;
    };
    // Only a hit that holds the whole phrase counts: none anywhere, no rank.
    if (!index_.any_phrase(ids, keep)) continue;
    for (const auto& hit : index_.rank(ids, 400, keep)) {
      double match = 0;
      if (index_.find_phrase(hit.doc, ids))
        match = 1.0;
      else
        continue;  // scattered words are not a mention of the finding
      const auto type = units_[hit.doc].type;
      const double type_weight = type == SectionType::symptoms ? 1.0
                                 : type == SectionType::causes ? 0.8
                                                               : 0.6;
      auto& acc = by_condition[units_[hit.doc].condition];
      const double s = match * type_weight * hit.score;
      acc.found.insert(f);
      acc.score += s;
      if (s > acc.best_unit) {
        acc.best_unit = s;
        acc.unit = hit.doc;
      }
    }
  }
  std::vector<ReverseHit> hits;
  for (auto& [c, acc] : by_condition) {
    ReverseHit h;
    h.condition = c;
    h.score = static_cast<double>(acc.found.size()) * 100 + acc.score;
    for (auto f : acc.found) h.findings.push_back(r.findings[f]);
    h.unit = acc.unit;
    hits.push_back(std::move(h));
  }
  std::sort(hits.begin(), hits.end(), [&](const ReverseHit& a, const ReverseHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return snapshot_->conditions()[a.condition].name < snapshot_->conditions()[b.condition].name;
  });
  if (hits.size() > 10) hits.resize(10);
  for (auto& h : hits) h.passage = best_sentence(h.unit, all_stems, analyzer);
  r.conditions = std::move(hits);
}

std::vector<std::size_t> Engine::narrower(std::size_t condition, const std::string& name,
                                          text::Analyzer& analyzer, const std::string& next) const {
  // Conditions named (by name or synonym) with every content word of the
  // focus's name, those with most answers first: "CHMP2B-related
  // frontotemporal dementia" is narrower than "dementia".
  // A word of another name written as an abbreviation, in capitals
  // ("PET"), is met only by the focus's word written in capitals too:
  // "pets" is no positron emission tomography, nor a patulous Eustachian
  // tube (name_stems_plain_).
  const std::string folded_name = text::fold(name);
  const auto name_terms = analyzer.terms(name);
  const auto focus_caps = abbreviation_words(name, folded_name, name_terms);
  std::vector<std::uint32_t> common;
  bool first = true;
  for (std::size_t k = 0; k < name_terms.size(); ++k) {
    const auto& t = name_terms[k];
    if (text::is_stopword(t.surface)) continue;
    const auto& index = focus_caps[k] ? name_stems_ : name_stems_plain_;
    auto it = index.find(t.stem);
    if (it == index.end()) return {};
    if (first) {
      common = it->second;
      first = false;
      continue;
    }
    std::vector<std::uint32_t> both;
    std::set_intersection(common.begin(), common.end(), it->second.begin(), it->second.end(),
                          std::back_inserter(both));
    common = std::move(both);
  }
  std::vector<std::size_t> out;
  for (auto c : common)
    if (c != condition) out.push_back(c);
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    return condition_units_[a].size() > condition_units_[b].size();
  });
  // A kind of the focus only when, in some name of it, the focus's words
  // are not followed by the own name of another condition (a disease, not
  // a topic such as "Acute"): "small intestine cancer" is a cancer and
  // "exercise-induced asthma" an asthma, "Candida - endocarditis" an
  // endocarditis, not kinds of the small intestine, exercise or Candida;
  // "Kidney injury - acute" and "lichen planus pigmentosus" are kinds.
  std::vector<std::string> focus;
  std::vector<bool> focus_in_caps;
  for (std::size_t k = 0; k < name_terms.size(); ++k)
    if (!text::is_stopword(name_terms[k].surface)) {
      focus.push_back(name_terms[k].stem);
      focus_in_caps.push_back(focus_caps[k]);
    }
  auto of_another = [&](const std::vector<std::string>& ts) {
    std::size_t last = ts.size(), seen = 0;
    for (std::size_t i = 0; i < ts.size(); ++i)
      if (std::find(focus.begin(), focus.end(), ts[i]) != focus.end()) {
        last = i;
        ++seen;
      }
    if (seen < focus.size() || last + 1 >= ts.size()) return false;
    for (std::size_t from = last + 1; from < ts.size(); ++from) {
      std::string k;
      for (std::size_t i = from; i < ts.size(); ++i) (k += ts[i]) += ' ';
      if (own_name_keys_.contains(k)) return true;
    }
    return false;
  };
  std::vector<std::size_t> kinds;
  for (auto c : out) {
    if (kinds.size() >= 20) break;
    // Kept when no name holds all the focus's words (they are spread over
    // its names, as before) or when one that holds them is a kind of it.
    // The names' stems were read once, at start (name_term_stems_).
    bool holds = false, kind = false;
    for (std::size_t n = 0; n < name_term_stems_[c].size(); ++n) {
      const auto& ts = name_term_stems_[c][n];
      const auto& caps = name_term_caps_[c][n];
      bool all = true;
      for (std::size_t f = 0; f < focus.size() && all; ++f) {
        bool met = false;
        for (std::size_t i = 0; i < ts.size() && !met; ++i)
          met = ts[i] == focus[f] && (focus_in_caps[f] || i >= caps.size() || !caps[i]);
        all = met;
      }
      if (!all) continue;
      holds = true;
      if (of_another(ts)) continue;
      // Another name (a synonym) is a kind of the focus only when the
      // focus's words end a phrase of it, its head: "low serum HDL
      // cholesterol", "curvature of the penis"; not when they qualify the
      // word after them ("low blood pressure" is no kind of blood,
      // "chromosome 5q deletion" none of chromosome), unless the question
      // puts that same word after them ("trouble falling asleep" for
      // "Difficulty falling asleep"): then the name is what was asked.
      if (n > 0) {
        std::size_t last = ts.size();
        for (std::size_t i = 0; i < ts.size(); ++i)
          if (std::find(focus.begin(), focus.end(), ts[i]) != focus.end()) last = i;
        if (last < ts.size() && !name_phrase_ends_[c][n][last] &&
            (next.empty() || ts[last + 1] != next)) {
          continue;
        }
      }
      kind = true;
      break;
    }
    if (!holds || kind) kinds.push_back(c);
  }
  return kinds;
}

std::vector<Suggestion> Engine::suggest(std::string_view prefix, std::size_t limit) const {
  std::vector<Suggestion> out;
  std::string p = text::fold(prefix);
  while (!p.empty() && p.front() == ' ') p.erase(0, 1);
  if (p.empty()) return out;
  auto key = [](const Name& n) { return std::string_view(n.folded).substr(n.offset); };
  auto it = std::lower_bound(names_.begin(), names_.end(), p,
                             [&](const Name& n, const std::string& v) { return key(n) < v; });
  struct Cand {
    const Name* name;
    double rank;
  };
  std::vector<Cand> cands;
  for (; it != names_.end() && key(*it).starts_with(p) && cands.size() < 2000; ++it) {
    const double popularity =
        std::log1p(static_cast<double>(condition_units_[it->condition].size()));
    const double rank =
        (it->offset == 0 ? 10.0 : 0.0) + popularity - 0.01 * static_cast<double>(it->folded.size());
    cands.push_back({&*it, rank});
  }
  std::stable_sort(cands.begin(), cands.end(),
                   [](const Cand& a, const Cand& b) { return a.rank > b.rank; });
  std::set<std::size_t> seen;
  for (const auto& c : cands) {
    if (!seen.insert(c.name->condition).second) continue;
    out.push_back({c.name->condition, c.name->label});
    if (out.size() >= limit) break;
  }
  return out;
}

SearchPage Engine::search(std::string_view query, const SearchFilters& filters,
                          std::size_t limit) const {
  SearchPage page;
  page.query = std::string(query);
  thread_local text::Analyzer analyzer;
  auto reading = focus_->read(query, analyzer);
  page.corrections = reading.corrections;
  std::vector<search::TermId> ids;
  std::vector<std::string> stems;
  for (const auto& t : reading.terms) {
    if (text::is_stopword(t.surface)) continue;
    stems.push_back(t.stem);
    if (auto id = index_.term(t.stem)) ids.push_back(*id);
  }
  if (stems.empty())
    for (const auto& t : reading.terms) {
      stems.push_back(t.stem);
      if (auto id = index_.term(t.stem)) ids.push_back(*id);
    }
  // A query naming a condition (or a synonym of it) finds its articles
  // even when their text uses another name.
  std::vector<std::size_t> named;
  for (std::size_t m = 0; m < reading.matches.size() && m < 3; ++m) named.push_back(m);
  auto kept = [&](std::size_t u) {
    const Unit& unit = units_[u];
    const Article& a = snapshot_->articles()[unit.article];
    return (filters.collection.empty() ||
            (filters.collection == "symptomdb" ? is_native(a)
                                               : a.collection == filters.collection)) &&
           (!filters.type || unit.type == *filters.type);
  };

  // Counts (facets, total) over every match, without scoring any: one
  // pass over the postings with a mark per unit and per article.
  thread_local std::vector<std::uint32_t> unit_mark, article_mark, kept_mark;
  thread_local std::uint32_t epoch = 0;
  const std::size_t n_articles = snapshot_->articles().size();
  if (unit_mark.size() != units_.size() || article_mark.size() != n_articles || ++epoch == 0) {
    unit_mark.assign(units_.size(), 0);
    article_mark.assign(n_articles, 0);
    kept_mark.assign(n_articles, 0);
    epoch = 1;
  }
  std::vector<std::size_t> per_collection(collection_names_.size(), 0);
  auto count = [&](std::size_t u) {
    if (unit_mark[u] == epoch) return;
    unit_mark[u] = epoch;
    const Unit& unit = units_[u];
    ++page.types[unit.type];
    if (article_mark[unit.article] != epoch) {
      article_mark[unit.article] = epoch;
      ++per_collection[article_collection_[unit.article]];
    }
    if (kept_mark[unit.article] != epoch && kept(u)) {
      kept_mark[unit.article] = epoch;
      ++page.total;
    }
  };
  index_.for_each_match(ids, count);
  for (auto m : named)
    for (auto u : condition_units_[reading.matches[m].condition]) count(u);
  for (std::size_t c = 0; c < per_collection.size(); ++c)
    if (per_collection[c]) page.collections[collection_names_[c]] = per_collection[c];

  // Ranking: only the best units are scored (enough to fill the page with
  // articles, each of which may have several matching units).
  std::unordered_map<std::size_t, double> score;  // unit -> score
  const std::size_t depth = 8 * limit + 40;
  for (const auto& hit : index_.rank(ids, depth, [&](search::DocId d) { return kept(d); }))
    score[hit.doc] = hit.score;
  for (auto m : named)
    for (auto u : condition_units_[reading.matches[m].condition])
      if (kept(u)) score[u] += 4.0 * reading.matches[m].score;

  struct Best {
    std::size_t unit;
    double score;
  };
  std::unordered_map<std::size_t, Best> by_article;
  for (auto [u, s] : score) {
    const Unit& unit = units_[u];
    auto [it, fresh] = by_article.try_emplace(unit.article, Best{u, s});
    if (!fresh) {
      if (s > it->second.score) it->second.unit = u;
      it->second.score = std::max(it->second.score, s) + 0.1 * std::min(s, it->second.score);
    }
  }
  std::vector<std::pair<std::size_t, Best>> ordered(by_article.begin(), by_article.end());
  std::sort(ordered.begin(), ordered.end(), [&](const auto& x, const auto& y) {
    if (x.second.score != y.second.score) return x.second.score > y.second.score;
    return x.first < y.first;
  });
  for (std::size_t i = 0; i < ordered.size() && i < limit; ++i)
    page.hits.push_back({ordered[i].first, ordered[i].second.unit, ordered[i].second.score,
                         best_sentence(ordered[i].second.unit, stems, analyzer)});
  return page;
}

}  // namespace symptomdb::qa
