#include "qa/red_flags.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>
#include <utility>

#include "core/embedded.hpp"

namespace symptomdb::qa {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? p : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

// A phrase of a sign is said when its words come in its order in one
// sentence, with up to kBetween other words among them: people put a verb,
// a possessive or an article between the words of a sign ("my tongue is
// swelling" says "tongue swelling", "my lips are turning blue" "lips turning
// blue", "pain in my chest" "pain in chest"), and a sign missed is worse than
// a notice too many. Another order is another phrase of the table ("bleeding
// won't stop" beside "won't stop bleeding"): in any order, "my life will end"
// would say "end my life".
constexpr std::size_t kBetween = 2;

bool says_phrase(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i < hay.size(); ++i) {
    if (hay[i] != needle.front()) continue;
    std::size_t k = 1, extra = 0;
    for (std::size_t j = i + 1; j < hay.size() && k < needle.size() && extra <= kBetween; ++j)
      if (hay[j] == needle[k])
        ++k;
      else
        ++extra;
    if (k == needle.size() && extra <= kBetween) return true;
  }
  return false;
}

// The sentences of a text (at . ! ? ; and line breaks): the words of a sign
// are said in one.
std::vector<std::string_view> sentences(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || text[i] == '.' || text[i] == '!' || text[i] == '?' || text[i] == ';' ||
        text[i] == '\n') {
      if (i > start) out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// The folded words of a text as written, unstemmed.
std::vector<std::string> words_as_written(std::string_view text, text::Analyzer& analyzer) {
  std::vector<std::string> out;
  for (auto& t : analyzer.terms(text)) out.push_back(std::move(t.surface));
  return out;
}

}  // namespace

std::string_view emergency_message(std::string_view kind) {
  // Standard first-aid guidance, stated conservatively: when in doubt, call.
  if (kind == "cardiac")
    return "Chest pain or pressure with shortness of breath, sweating, nausea, or pain spreading "
           "to "
           "the arm or jaw can be a heart attack. Call your local emergency number now (911 in the "
           "US, 999 in the UK, 112 in the EU).";
  if (kind == "stroke")
    return "Face drooping, weakness or numbness on one side, or trouble speaking can be signs of a "
           "stroke. Call your local emergency number now and note the time the symptoms started.";
  if (kind == "breathing")
    return "Severe trouble breathing is an emergency. Call your local emergency number now.";
  if (kind == "suicide")
    return "If you are thinking about suicide or about harming yourself, help is available right "
           "now: in the US call or text 988 (Suicide & Crisis Lifeline); in the UK and Ireland "
           "call "
           "Samaritans on 116 123; anywhere, call your local emergency number.";
  if (kind == "bleeding")
    return "Heavy bleeding that will not stop, or coughing up or vomiting blood, needs emergency "
           "care. Call your local emergency number now.";
  if (kind == "allergy")
    return "Swelling of the throat or tongue can be a severe allergic reaction (anaphylaxis). Use "
           "an adrenaline auto-injector if you have one and call your local emergency number now.";
  if (kind == "consciousness")
    return "Someone who is unconscious or cannot be woken needs emergency care. Call your local "
           "emergency number now.";
  if (kind == "poisoning")
    return "For a possible overdose or poisoning, call your local emergency number now (in the US "
           "you can also call Poison Control at 1-800-222-1222).";
  if (kind == "head")
    return "A sudden, severe headache, or a head injury followed by vomiting, confusion or "
           "drowsiness, needs emergency care. Call your local emergency number now.";
  if (kind == "meningitis")
    return "A stiff neck with fever, headache or a rash can be meningitis. Get emergency care now.";
  if (kind == "seizure")
    return "A seizure that lasts more than five minutes, repeated seizures, or a first seizure "
           "need "
           "emergency care. Call your local emergency number.";
  if (kind == "pregnancy")
    return "Heavy bleeding, severe abdominal pain, or a baby that has stopped moving during "
           "pregnancy needs urgent care. Call your maternity unit or local emergency number now.";
  return "This may be an emergency. Call your local emergency number now.";
}

namespace {
constexpr std::string_view kTable = "src/qa/data/red_flags.tsv";
}  // namespace

RedFlags::RedFlags(text::Analyzer& analyzer) : RedFlags(embedded_table(kTable), analyzer) {}

RedFlags::RedFlags(const std::vector<std::vector<std::string_view>>& table,
                   text::Analyzer& analyzer) {
  for (const auto& cols : table) {
    if (cols.size() < 2) continue;
    Rule rule{std::string(cols[0]), {}};
    // A phrase in braces is said by a name read; one in double quotes, by
    // the question's words as written. A brace or quote anywhere else is a
    // slip in the table, and such a rule would never fire: the build's own
    // table is wrong, so say so at start-up rather than stay silent.
    struct Parsed {
      std::string_view text;
      bool of_a_name, quoted;
    };
    std::vector<std::vector<Parsed>> parsed;
    for (std::size_t c = 1; c < cols.size(); ++c) {
      auto& alts = parsed.emplace_back();
      for (auto alt : split(cols[c], '|')) {
        const bool of_a_name = alt.size() > 2 && alt.front() == '{' && alt.back() == '}';
        const bool quoted = alt.size() > 2 && alt.front() == '"' && alt.back() == '"';
        if (of_a_name || quoted) alt = alt.substr(1, alt.size() - 2);
        if (alt.find_first_of("{}\"") != std::string_view::npos)
          throw std::invalid_argument(std::string(kTable) + ": rule '" + rule.kind +
                                      "': a brace or quote that does not enclose a whole " +
                                      "phrase: '" + std::string(alt) + "'");
        if (!alt.empty()) alts.push_back({alt, of_a_name, quoted});
        rule.needs_names = rule.needs_names || of_a_name;
      }
    }
    // A rule that says a name's word takes its other words as written, not
    // stemmed: "swallowed" is something done, "easier to swallow" is not.
    for (const auto& alts : parsed) {
      std::vector<Phrase> group;
      for (const auto& a : alts) {
        const bool as_written = a.quoted || (rule.needs_names && !a.of_a_name);
        group.push_back({as_written ? words_as_written(a.text, analyzer) : analyzer.stems(a.text),
                         std::string(a.text), a.of_a_name, as_written});
      }
      if (!group.empty()) rule.groups.push_back(std::move(group));
    }
    rules_.push_back(std::move(rule));
  }
}

std::optional<Emergency> RedFlags::check(std::string_view question,
                                         text::Analyzer& analyzer) const {
  Said said;
  for (const auto sentence : sentences(question)) said.add(analyzer.terms(sentence));
  return first_said(said, {}, {});
}

std::optional<Emergency> RedFlags::check(std::string_view question,
                                         const std::vector<NameRead>& names_read,
                                         text::Analyzer& analyzer) const {
  // Most questions name nothing a rule's name phrase says: they are done
  // before any sentence of a long message is read again.
  std::vector<std::vector<std::string>> names, words;
  bool any = false;
  for (const auto& n : names_read) {
    names.push_back(analyzer.stems(n.name));
    words.push_back(analyzer.stems(n.words));
    for (const auto& rule : rules_)
      for (const auto& group : rule.groups)
        for (const auto& p : group)
          any = any || (p.of_a_name && says_phrase(names.back(), p.stems));
  }
  if (!any) return std::nullopt;
  // Sentence by sentence: what is done is said of what the sentence names.
  for (const auto sentence : sentences(question)) {
    // One reading of the sentence gives both: its stems find the names'
    // words, its words as written what is done.
    Said said;
    said.add(analyzer.terms(sentence));
    std::vector<std::vector<std::string>> here;
    std::vector<std::string_view> here_names;
    for (std::size_t n = 0; n < names_read.size(); ++n)
      if (says_phrase(said.stems.front(), words[n])) {
        here.push_back(names[n]);
        here_names.push_back(names_read[n].name);
      }
    if (here.empty()) continue;
    if (auto e = first_said(said, here, here_names)) return e;
  }
  return std::nullopt;
}

void RedFlags::Said::add(std::vector<text::Term> terms) {
  auto& s = stems.emplace_back();
  auto& w = written.emplace_back();
  for (auto& t : terms) {
    s.push_back(std::move(t.stem));
    w.push_back(std::move(t.surface));
  }
}

std::optional<Emergency> RedFlags::first_said(
    const Said& said, const std::vector<std::vector<std::string>>& names,
    const std::vector<std::string_view>& names_read) const {
  const bool with_names = !names_read.empty();
  // A phrase can only be there if its first word is: one hash lookup rules
  // out most phrases before any scan of a long message.
  std::unordered_set<std::string_view> present, present_written;
  for (const auto& stems : said.stems) present.insert(stems.begin(), stems.end());
  // Few phrases are as written: their words are gathered at the first.
  auto written = [&]() -> const std::unordered_set<std::string_view>& {
    if (present_written.empty())
      for (const auto& words : said.written) present_written.insert(words.begin(), words.end());
    return present_written;
  };
  auto says = [&](const Phrase& p) {
    if (p.stems.empty()) return false;
    if (p.of_a_name)
      return std::any_of(names.begin(), names.end(),
                         [&](const auto& stems) { return says_phrase(stems, p.stems); });
    const auto& in = p.as_written ? said.written : said.stems;
    return (p.as_written ? written() : present).count(p.stems.front()) &&
           std::any_of(in.begin(), in.end(),
                       [&](const auto& words) { return says_phrase(words, p.stems); });
  };
  for (const auto& rule : rules_) {
    // Each rule is asked once: by the question alone when it says no name's
    // word, else only once the names read are known.
    if (rule.needs_names != with_names) continue;
    std::string matched;
    std::vector<const Phrase*> shown;
    bool all = true;
    for (const auto& group : rule.groups) {
      const auto hit = std::find_if(group.begin(), group.end(), says);
      if (hit == group.end()) {
        all = false;
        break;
      }
      // A qualifier inside a phrase already shown ("worst" of "worst
      // headache") adds no word for the reader.
      if (!hit->of_a_name && std::any_of(shown.begin(), shown.end(), [&](const Phrase* p) {
            return !p->of_a_name && says_phrase(p->stems, hit->stems);
          }))
        continue;
      shown.push_back(&*hit);
      if (!matched.empty()) matched += " + ";
      if (!hit->of_a_name) {
        matched += hit->text;
        continue;
      }
      // Not the question's words: the name read that says it.
      for (std::size_t n = 0; n < names.size(); ++n)
        if (says_phrase(names[n], hit->stems)) {
          matched += names_read[n];
          break;
        }
    }
    if (all) return Emergency{rule.kind, std::string(emergency_message(rule.kind)), matched};
  }
  return std::nullopt;
}

}  // namespace symptomdb::qa
