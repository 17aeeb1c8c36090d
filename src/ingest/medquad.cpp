#include "ingest/medquad.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <numeric>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/error.hpp"
#include "core/page_title.hpp"
#include "core/slug.hpp"
#include "core/spelling.hpp"
#include "text/source_file.hpp"

namespace symptomdb::ingest {
namespace {

constexpr std::string_view kLicense = "CC BY 4.0";

struct Pair {
  std::string pid, qtype, question, answer;
};

struct Doc {
  std::string file;  // relative to the dataset folder
  std::string collection, id, url, focus, category;
  std::vector<std::string> synonyms, cuis, semantic_types;
  std::string semantic_group;
  std::vector<Pair> pairs;
};

std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

int line_of_offset(const std::string& text, std::ptrdiff_t offset) {
  if (offset < 0) return 1;
  const auto end =
      text.begin() + std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size()));
  return 1 + static_cast<int>(std::count(text.begin(), end, '\n'));
}

// Line of a node: pugixml keeps offsets only when asked (parse_default does
// not), so this is computed from the node's offset into the source text.
int line_of(const std::string& text, const pugi::xml_node& node) {
  return line_of_offset(text, node.offset_debug());
}

Doc parse_doc(const std::filesystem::path& path, const std::string& rel) {
  const text::SourceFile file = text::read_source_file(path);
  pugi::xml_document xml;
  const auto ok = xml.load_buffer(file.text.data(), file.text.size(),
                                  pugi::parse_default | pugi::parse_wnorm_attribute);
  if (!ok)
    throw ParseError(file.name, line_of_offset(file.text, ok.offset),
                     std::string("malformed XML: ") + ok.description());
  // Three layouts occur: <Document> (most files), <DiseaseFile> (some CDC
  // files) and a lower-case <doc> (a few NINDS files). Read all by name.
  const auto root = xml.document_element();
  const std::string root_name = root.name();
  if (root_name != "Document" && root_name != "DiseaseFile" && root_name != "doc")
    throw ParseError(file.name, 1, "expected a <Document> element, found <" + root_name + ">");
  auto attr = [&](std::initializer_list<const char*> names) {
    for (auto n : names)
      if (auto a = root.attribute(n)) return std::string(a.value());
    return std::string();
  };
  auto child = [](const pugi::xml_node& n, std::initializer_list<const char*> names) {
    for (auto name : names)
      if (auto c = n.child(name)) return c;
    return pugi::xml_node();
  };
  Doc d;
  d.file = rel;
  d.collection = attr({"source", "corpus"});
  d.id = attr({"id", "fid", "docid"});
  d.url = attr({"url"});
  d.focus = squeeze(child(root, {"Focus", "doctitle-focus"}).text().get());
  if (d.collection.empty() || d.id.empty())
    throw ParseError(file.name, line_of(file.text, root), "the document needs 'source' and 'id'");
  for (auto n : root.select_nodes(".//Category")) d.category = squeeze(n.node().text().get());
  for (auto n : root.select_nodes(".//Synonym")) {
    auto v = squeeze(n.node().text().get());
    if (!v.empty()) d.synonyms.push_back(std::move(v));
  }
  for (auto n : root.select_nodes(".//CUI | .//cui")) {
    auto v = squeeze(n.node().text().get());
    if (!v.empty()) d.cuis.push_back(std::move(v));
  }
  std::sort(d.cuis.begin(), d.cuis.end());
  d.cuis.erase(std::unique(d.cuis.begin(), d.cuis.end()), d.cuis.end());
  // The focus's UMLS semantic types and group (empty elements, as CDC's
  // documents have, mean "not annotated").
  for (auto n : root.select_nodes(".//SemanticType")) {
    auto v = squeeze(n.node().text().get());
    if (!v.empty() &&
        std::find(d.semantic_types.begin(), d.semantic_types.end(), v) == d.semantic_types.end())
      d.semantic_types.push_back(std::move(v));
  }
  for (auto n : root.select_nodes(".//SemanticGroup"))
    if (auto v = squeeze(n.node().text().get()); !v.empty() && d.semantic_group.empty())
      d.semantic_group = std::move(v);
  for (auto n : root.select_nodes(".//QAPair | .//pair")) {
    const auto p = n.node();
    Pair pair;
    pair.pid = p.attribute("pid").value();
    const auto q = child(p, {"Question", "question"});
    pair.qtype = q.attribute("qtype").value();
    pair.question = squeeze(q.text().get());
    pair.answer = child(p, {"Answer", "answer"}).text().get();
    if (pair.question.empty())
      throw ParseError(file.name, line_of(file.text, p), "QA pair has no question");
    d.pairs.push_back(std::move(pair));
  }
  return d;
}

// Minimal union-find over document indexes, to group documents that are
// about the same condition.
class Groups {
 public:
  explicit Groups(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

// Which collection's spelling of a focus name to prefer when several name
// one condition: consumer-facing sites first.
int collection_rank(std::string_view c) {
  static constexpr std::array<std::string_view, 12> kOrder = {"MPlusHealthTopics",
                                                              "NIHSeniorHealth",
                                                              "NINDS",
                                                              "NHLBI",
                                                              "NIDDK",
                                                              "CancerGov",
                                                              "CDC",
                                                              "GARD",
                                                              "GHR",
                                                              "ADAM",
                                                              "MPlusDrugs",
                                                              "MPlusHerbsSupplements"};
  const auto it = std::find(kOrder.begin(), kOrder.end(), c);
  return static_cast<int>(it - kOrder.begin());
}

std::string tidy_question(std::string q) {
  // "What is (are) Stroke ?" -> "What is (are) Stroke?"; "for Gout? ?" -> "for Gout?"
  for (auto p = q.find(" ?"); p != std::string::npos; p = q.find(" ?")) q.erase(p, 1);
  for (auto p = q.find("??"); p != std::string::npos; p = q.find("??")) q.erase(p, 1);
  return q;
}

bool is_lower_word(std::string_view w) {
  return !w.empty() &&
         std::all_of(w.begin(), w.end(), [](unsigned char c) { return !std::isupper(c); });
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

// The words of a name key ("renal-cell-cancer").
std::vector<std::string> key_words(std::string_view key) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= key.size()) {
    auto e = key.find('-', b);
    if (e == std::string_view::npos) e = key.size();
    if (e > b) out.emplace_back(key.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// Group documents about one condition. Same name key always; a shared CUI
// only where the names agree. MedQuAD gives many documents one broad CUI
// ("Syndrome", "Poisoning", "Test", "Cancer"), and a union over those chained
// unrelated conditions into one, whose majority name then became every
// member's condition ("Cell phones and cancer" under liver cancer). So a
// document's only CUI unites it with another's only when one lists the
// other's name (a name few documents list) or one name's words are all in
// the other's ("Chiari malformation" / "Chiari malformation type 3").
// Pages about a condition and synonym listings join as said below.
Groups group_documents(const std::vector<Doc>& docs) {
  const std::size_t n = docs.size();
  Groups groups(n);
  std::vector<std::string> keys(n);
  std::vector<std::set<std::string>> names(n), words(n);
  std::unordered_map<std::string, std::size_t> by_key;
  std::unordered_map<std::string, std::vector<std::size_t>> docs_of_key;
  for (std::size_t i = 0; i < n; ++i) {
    keys[i] = condition_key(docs[i].focus);
    names[i].insert(keys[i]);
    for (const auto& s : docs[i].synonyms) names[i].insert(condition_key(s));
    for (auto& w : key_words(keys[i])) {
      if (std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isdigit(c); }))
        continue;
      if (w.size() > 3 && w.back() == 's') w.pop_back();  // "encephaloceles"
      words[i].insert(std::move(w));
    }
    if (auto [it, fresh] = by_key.emplace(keys[i], i); !fresh) groups.unite(i, it->second);
    docs_of_key[keys[i]].push_back(i);
  }
  constexpr std::size_t kMaxNamesPerCui = 3;  // more: a broad concept, not one condition
  // Which distinct focus names list each name (focus or synonym): a name
  // many list ("Noonan syndrome" in each numbered type's list, a shared
  // "dysautonomia") names a family, not one condition.
  std::unordered_map<std::string, std::set<std::string>> listed_by;
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& s : names[i]) listed_by[s].insert(keys[i]);
  auto narrow = [&](const std::string& name) { return listed_by[name].size() <= kMaxNamesPerCui; };
  auto intersects = [&](std::size_t a, std::size_t b) {
    for (const auto& x : names[a])
      if (names[b].count(x) && narrow(x)) return true;
    return false;
  };
  // One name's words all among the other's: "Chiari malformation" and
  // "Chiari malformation type 3", "Encephalocele" and "Encephaloceles".
  auto contained = [&](std::size_t a, std::size_t b) {
    if (words[a].size() > words[b].size()) std::swap(a, b);
    return !words[a].empty() && std::all_of(words[a].begin(), words[a].end(),
                                            [&](const auto& w) { return words[b].count(w); });
  };
  auto agree = [&](std::size_t a, std::size_t b) { return intersects(a, b) || contained(a, b); };
  // A page about a condition joins the condition's own documents: "What I
  // need to know about Kidney Stones" and "Stroke - discharge" are read as
  // the condition they are about (the key must be a focus of its own).
  for (std::size_t i = 0; i < n; ++i) {
    const auto subject = title_subject(docs[i].focus);
    if (subject.empty()) continue;
    if (auto it = by_key.find(condition_key(subject)); it != by_key.end())
      groups.unite(i, it->second);
  }
  // A document that lists another's name among its synonyms is about the
  // same condition ("Erection problems" lists "Erectile dysfunction"),
  // unless many distinct documents list that name: GARD lists the parent
  // disease as a synonym of each numbered type ("Noonan syndrome 6"). When
  // a second source agrees (a shared CUI, or each lists the other) the
  // link is firm; a listing alone joins two groups only once: synonym lists
  // also name related conditions ("Orthostatic hypotension" in a
  // dysautonomia's), and followed from group to group they chain whole
  // families into one.
  // Only a narrow CUI confirms: a broad one ("Diabetes mellitus" beside
  // "Type 1 diabetes") is shared by the types of a family too.
  std::unordered_map<std::string, std::set<std::string>> names_of_cui;
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& c : docs[i].cuis) names_of_cui[c].insert(keys[i]);
  auto share_cui = [&](std::size_t a, std::size_t b) {
    for (const auto& c : docs[a].cuis)
      if (names_of_cui[c].size() <= kMaxNamesPerCui &&
          std::binary_search(docs[b].cuis.begin(), docs[b].cuis.end(), c))
        return true;
    return false;
  };
  std::vector<std::pair<std::size_t, std::size_t>> loose;
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& s : names[i]) {
      if (s == keys[i] || !narrow(s)) continue;
      const auto it = docs_of_key.find(s);
      if (it == docs_of_key.end()) continue;
      for (std::size_t j : it->second) {
        if (share_cui(i, j) || names[j].count(keys[i]))
          groups.unite(i, j);
        else
          loose.emplace_back(i, j);
      }
    }
  std::map<std::string, std::vector<std::size_t>> by_cui;
  for (std::size_t i = 0; i < n; ++i)
    if (docs[i].cuis.size() == 1) by_cui[docs[i].cuis.front()].push_back(i);
  for (const auto& [cui, list] : by_cui) {
    std::set<std::string> distinct;
    for (auto i : list) distinct.insert(keys[i]);
    if (distinct.size() < 2) continue;
    for (std::size_t x = 0; x < list.size(); ++x)
      for (std::size_t y = x + 1; y < list.size(); ++y) {
        const auto a = list[x], b = list[y];
        if (keys[a] != keys[b] && agree(a, b)) groups.unite(a, b);
      }
  }
  // Last, once all firm links are made.
  std::set<std::size_t> loosely_joined;  // group roots (after the firm links)
  for (auto [i, j] : loose) {
    const auto a = groups.find(i), b = groups.find(j);
    if (a == b || loosely_joined.count(a) || loosely_joined.count(b)) continue;
    groups.unite(a, b);
    loosely_joined.insert(groups.find(a));
  }
  return groups;
}

}  // namespace

// How each capitalised word of a focus is written inside running text
// ("Gout" -> "gout", "Parkinson's" stays): the sources title-case their
// focus names, but their own sentences show which words are proper names.
FocusCase::FocusCase(std::string_view text) : text_(text) {
  std::transform(text_.begin(), text_.end(), text_.begin(),
                 [](unsigned char ch) { return std::tolower(ch); });
  std::size_t i = 0;
  const std::size_t n = text.size();
  char before = '.';  // the last non-space character before the word
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (!std::isalpha(c)) {
      if (!std::isspace(c)) before = static_cast<char>(c);
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n &&
           (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '\'' || text[j] == '-'))
      ++j;
    const std::string word(text.substr(i, j - i));
    // Only mid-sentence uses count: a capital after a full stop says nothing.
    if (before != '.' && before != '!' && before != '?' && before != ':' && before != '-') {
      std::string key = word;
      std::transform(key.begin(), key.end(), key.begin(),
                     [](unsigned char ch) { return std::tolower(ch); });
      auto& v = votes_[key];
      if (is_lower_word(word))
        ++v.first;
      else if (std::isupper(static_cast<unsigned char>(word[0])))
        ++v.second;
    }
    before = text[j - 1];
    i = j;
  }
}

std::string FocusCase::in_text(std::string_view focus) const {
  std::string out;
  std::size_t i = 0;
  while (i < focus.size()) {
    std::size_t j = i;
    while (j < focus.size() && focus[j] != ' ') ++j;
    std::string word(focus.substr(i, j - i));
    // Title-cased words only ("Gout", "Disease"): acronyms and mixed case
    // ("HIV", "McArdle") are names whatever the text does.
    const bool title_case = word.size() > 1 && std::isupper(static_cast<unsigned char>(word[0])) &&
                            is_lower_word(std::string_view(word).substr(1));
    if (title_case) {
      std::string key = word;
      std::transform(key.begin(), key.end(), key.begin(),
                     [](unsigned char ch) { return std::tolower(ch); });
      const auto it = votes_.find(key);
      if (it != votes_.end() && it->second.first > it->second.second) word = key;
    }
    out += word;
    if (j < focus.size()) out += ' ';
    i = j + 1;
  }
  return out;
}

bool FocusCase::plural(std::string_view focus) const {
  std::string key(focus);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char ch) { return std::tolower(ch); });
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto p = text_.find(needle); p != std::string::npos; p = text_.find(needle, p + 1)) ++n;
    return n;
  };
  return count(key + " are ") > count(key + " is ");
}

std::string natural_question(std::string_view raw, std::string_view focus, const FocusCase& words) {
  std::string q = tidy_question(squeeze(raw));
  auto finish = [](std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    while (!s.empty() && (s.back() == ' ' || s.back() == '?')) s.pop_back();
    return s + "?";
  };
  const auto at = focus.empty() ? std::string::npos : q.find(focus);
  if (at == std::string::npos) return finish(q);
  std::string before = q.substr(0, at);
  std::string after = q.substr(at + focus.size());
  while (!after.empty() && (after.back() == '?' || after.back() == ' ')) after.pop_back();
  while (!before.empty() && before.back() == ' ') before.pop_back();
  // A focus that is itself a heading of the source's ("What I need to know
  // about Gas", "Causes of Diabetes") names its topic after the lead words.
  std::string topic(focus);
  for (std::string_view lead : {"What I need to know about "})
    if (starts_with_ci(topic, lead)) topic = topic.substr(lead.size());
  // A subtitle ("Diabetic Neuropathies: the nerve damage of diabetes") is
  // not part of the name a question uses.
  if (const auto colon = topic.find(": "); colon != std::string::npos && colon > 0)
    topic = topic.substr(0, colon);
  for (std::string_view lead : {"Causes of ", "Symptoms of ", "Treatments for ", "Treatment for ",
                                "Treatment of ", "Diagnosis of ", "Prevention of "}) {
    const std::string head(lead.substr(0, lead.find(' ')));
    std::string lower_before = before;
    std::transform(lower_before.begin(), lower_before.end(), lower_before.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
    std::string lower_head = head;
    std::transform(lower_head.begin(), lower_head.end(), lower_head.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
    // Only when the template already says it: "What causes Causes of X".
    if (starts_with_ci(topic, lead) &&
        lower_before.find(lower_head.substr(0, std::min<std::size_t>(5, lower_head.size()))) !=
            std::string::npos)
      topic = topic.substr(lead.size());
  }
  const std::string x = words.in_text(topic);
  // Plural when the sources write "X are": "Kidney stones are ...".
  const bool plural = words.plural(topic);
  const std::string be = plural ? "are" : "is";
  std::string lower_before = before;
  std::transform(lower_before.begin(), lower_before.end(), lower_before.begin(),
                 [](unsigned char ch) { return std::tolower(ch); });
  if (after.empty()) {
    if (lower_before == "what is (are)" || lower_before == "what is")
      return finish("What " + be + " " + x);
    if (lower_before == "do you have information about")
      return finish("What should I know about " + x);
    if (lower_before == "how to diagnose") return finish("How " + be + " " + x + " diagnosed");
    if (lower_before == "how to prevent") return finish("How can " + x + " be prevented");
    if (lower_before == "what to do for") return finish("What can be done for " + x);
    if (lower_before == "what research (or clinical trials) is being done for" ||
        lower_before == "what research is being done for")
      return finish("What research is being done on " + x);
    if (lower_before == "where to find support for people with")
      return finish("Where can people with " + x + " find support");
    if (lower_before == "is there any treatment for")
      return finish("How " + be + " " + x + " treated");
    if (lower_before == "what is the prognosis for") return finish("What is the outlook for " + x);
    return finish(before + " " + x);
  }
  if (lower_before == "is" && after == " inherited") return finish(be + " " + x + " inherited");
  // Templates with words after the focus ("for X? ?" leaves "?" only; CDC's
  // "what is yersiniosis for X" keep the source's own question).
  if (after.find_first_not_of(" ?") == std::string::npos) return finish(before + " " + x);
  return finish(before + " " + x + after);
}

namespace {

// Appends the paragraphs and list items of `add` to `to`, leaving out those
// `seen` already holds (compared on their letters and digits only).
void append_unique_blocks(std::string& to, const std::string& add, std::set<std::string>& seen) {
  auto key_of = [](std::string_view line) {
    std::string k;
    for (unsigned char c : line)
      if (std::isalnum(c)) k.push_back(static_cast<char>(std::tolower(c)));
    return k;
  };
  std::string kept;
  std::size_t start = 0;
  while (start <= add.size()) {
    auto end = add.find('\n', start);
    if (end == std::string::npos) end = add.size();
    const std::string_view line(add.data() + start, end - start);
    const std::string key = key_of(line);
    // Blank lines are kept as they come; a repeated one is dropped with its text.
    if (key.empty() || seen.insert(key).second) {
      if (!(key.empty() && (kept.empty() || kept.ends_with("\n\n")))) {
        kept += line;
        kept += '\n';
      }
    }
    start = end + 1;
  }
  while (!kept.empty() && kept.back() == '\n') kept.pop_back();
  if (kept.empty()) return;
  if (!to.empty()) to += "\n\n";
  to += kept;
}

// Drops every sentence the text has already said (some pages came out of the
// dataset with each list item's text twice: "- Genetics. Many people ...
// Genetics. Many people ..."). Line structure and list markers stay; a line
// left empty goes. Sentences with fewer than three letters are kept.
std::string drop_repeated_sentences(const std::string& text) {
  std::set<std::string> seen;
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    std::string kept;
    bool had_text = false;
    std::size_t i = 0;
    while (i < line.size()) {
      // One sentence: up to and including . ! ? followed by a space or the end.
      std::size_t j = i;
      while (j < line.size()) {
        const char c = line[j++];
        if ((c == '.' || c == '!' || c == '?') && (j == line.size() || line[j] == ' ')) break;
      }
      while (j < line.size() && line[j] == ' ') ++j;
      const std::string sentence = line.substr(i, j - i);
      std::string key;
      for (unsigned char c : sentence)
        if (std::isalnum(c)) key.push_back(static_cast<char>(std::tolower(c)));
      if (!key.empty()) had_text = true;
      if (key.size() < 3 || seen.insert(key).second) kept += sentence;
      i = j;
    }
    while (!kept.empty() && kept.back() == ' ') kept.pop_back();
    const bool emptied = had_text && (kept.empty() || kept == "-");
    if (!emptied) {
      out += kept;
      if (end < text.size()) out += '\n';
    }
    start = end + 1;
  }
  // Removed lines may leave three or more newlines in a row.
  for (auto p = out.find("\n\n\n"); p != std::string::npos; p = out.find("\n\n\n")) out.erase(p, 1);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace

SectionType section_type_for_qtype(std::string_view qtype) {
  static const std::unordered_map<std::string_view, SectionType> kMap = {
      {"information", SectionType::overview},
      {"symptoms", SectionType::symptoms},
      {"treatment", SectionType::treatment},
      {"causes", SectionType::causes},
      {"outlook", SectionType::outlook},
      {"exams and tests", SectionType::exams_and_tests},
      {"when to contact a medical professional", SectionType::when_to_see_a_doctor},
      {"inheritance", SectionType::genetics},
      {"genetic changes", SectionType::genetics},
      {"prevention", SectionType::prevention},
      {"frequency", SectionType::frequency},
      {"complications", SectionType::complications},
      {"susceptibility", SectionType::susceptibility},
      {"research", SectionType::research},
  };
  auto it = kMap.find(qtype);
  return it == kMap.end() ? SectionType::other : it->second;
}

std::string publisher_of(std::string_view c) {
  static const std::unordered_map<std::string_view, std::string_view> kNames = {
      {"CancerGov", "National Cancer Institute (NCI)"},
      {"GARD", "Genetic and Rare Diseases Information Center (GARD)"},
      {"GHR", "Genetics Home Reference, U.S. National Library of Medicine"},
      {"MPlusHealthTopics", "MedlinePlus, U.S. National Library of Medicine"},
      {"NIDDK", "National Institute of Diabetes and Digestive and Kidney Diseases (NIDDK)"},
      {"NINDS", "National Institute of Neurological Disorders and Stroke (NINDS)"},
      {"NIHSeniorHealth", "NIHSeniorHealth, National Institutes of Health"},
      {"NHLBI", "National Heart, Lung, and Blood Institute (NHLBI)"},
      {"CDC", "Centers for Disease Control and Prevention (CDC)"},
      {"ADAM", "A.D.A.M. Medical Encyclopedia (via MedlinePlus)"},
      {"MPlusDrugs", "MedlinePlus Drug Information"},
      {"MPlusHerbsSupplements", "MedlinePlus Herbs and Supplements"},
  };
  auto it = kNames.find(c);
  return it == kNames.end() ? std::string(c) : std::string(it->second);
}

std::string medquad_answer_markdown(std::string_view answer) {
  // MedQuAD flattened its pages: list items appear as "   - item" and
  // paragraph breaks as long runs of spaces. Give them their lines back.
  std::string out;
  std::size_t i = 0;
  const std::size_t n = answer.size();
  auto at_line_start = [&] { return out.empty() || out.back() == '\n'; };
  while (i < n) {
    const char c = answer[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      std::size_t j = i;
      bool newline = false;
      while (j < n &&
             (answer[j] == ' ' || answer[j] == '\t' || answer[j] == '\n' || answer[j] == '\r')) {
        newline = newline || answer[j] == '\n';
        ++j;
      }
      const std::size_t run = j - i;
      if (j >= n) break;
      const bool item =
          j + 1 < n && answer[j] == '-' && answer[j + 1] == ' ' && (run >= 2 || newline);
      if (out.empty()) {
      } else if (item) {
        out += "\n";
      } else if (run >= 4 || newline) {
        out += "\n\n";
      } else {
        out += ' ';
      }
      i = j;
      continue;
    }
    if (c == '-' && i + 1 < n && answer[i + 1] == ' ' && at_line_start()) {
      out += "- ";
      i += 2;
      continue;
    }
    // Escape what Markdown would read as markup; the source is plain text.
    if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '\\' || c == '<' ||
        ((c == '#' || c == '>' || c == '+') && at_line_start()))
      out.push_back('\\');
    out.push_back(c);
    ++i;
  }
  // A blank line before a list that follows a paragraph.
  std::string fixed;
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (out[k] == '\n' && k + 2 < out.size() && out[k + 1] == '-' && out[k + 2] == ' ' && k > 0 &&
        out[k - 1] != '\n') {
      const auto prev_line = out.rfind('\n', k - 1);
      const bool prev_is_item =
          out.compare(prev_line == std::string::npos ? 0 : prev_line + 1, 2, "- ") == 0;
      fixed += prev_is_item ? "\n" : "\n\n";
      continue;
    }
    fixed.push_back(out[k]);
  }
  return fixed;
}

MedquadImport read_medquad(const std::filesystem::path& dir,
                           const std::function<void(std::size_t, std::size_t)>& progress) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw ParseError(dir.string(), 0, "not a folder");
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".xml") files.push_back(it->path());
  if (ec) throw ParseError(dir.string(), 0, "cannot read folder: " + ec.message());
  if (files.empty()) throw ParseError(dir.string(), 0, "no .xml files found");
  std::sort(files.begin(), files.end());

  // Parse on every core: the files are independent. The first error (in
  // file order) is the one reported.
  std::vector<Doc> docs(files.size());
  std::vector<std::exception_ptr> errors(files.size());
  std::atomic<std::size_t> next{0}, done{0};
  const unsigned workers = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < workers; ++w)
    pool.emplace_back([&] {
      for (std::size_t i; (i = next++) < files.size();) {
        try {
          docs[i] = parse_doc(files[i], fs::relative(files[i], dir).string());
        } catch (...) {
          errors[i] = std::current_exception();
        }
        ++done;
      }
    });
  while (progress && done < files.size()) {
    progress(done, files.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (auto& t : pool) t.join();
  if (progress) progress(files.size(), files.size());
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);

  // A document with an empty <Focus> (three CDC pages) cannot be attached to
  // any condition; it is skipped and reported rather than given an invented name.
  std::vector<Doc> kept;
  kept.reserve(docs.size());
  MedquadImport result;
  for (auto& d : docs) {
    if (d.focus.empty())
      result.skipped.push_back(d.file + ": document has no <Focus>");
    else if (d.pairs.empty())
      result.skipped.push_back(d.file + ": document has no question-answer pairs");
    else
      kept.push_back(std::move(d));
  }
  docs = std::move(kept);

  Groups groups = group_documents(docs);
  std::unordered_map<std::size_t, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < docs.size(); ++i) members[groups.find(i)].push_back(i);

  result.documents = docs.size();
  result.conditions = members.size();
  std::vector<std::string> canonical(docs.size());
  for (auto& [root, list] : members) {
    // The most common spelling wins; ties go to the consumer-facing source.
    std::map<std::string, std::pair<int, int>> votes;  // name -> (count, best rank)
    for (auto i : list) {
      auto& v = votes.try_emplace(docs[i].focus, 0, 1000).first->second;
      ++v.first;
      v.second = std::min(v.second, collection_rank(docs[i].collection));
    }
    const auto best =
        std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
          if (a.second.first != b.second.first) return a.second.first < b.second.first;
          return a.second.second > b.second.second;
        });
    for (auto i : list) canonical[i] = best->first;
  }

  // How each condition's sources write its name, from all their answers.
  std::unordered_map<std::size_t, std::shared_ptr<const FocusCase>> words_of_group;
  for (const auto& [root, list] : members) {
    std::string text;
    for (auto i : list)
      for (const auto& p : docs[i].pairs) {
        text += p.answer;
        text += '\n';
      }
    words_of_group.emplace(root, std::make_shared<const FocusCase>(text));
  }

  result.articles.reserve(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const Doc& d = docs[i];
    const FocusCase& words = *words_of_group.at(groups.find(i));
    ++result.documents_by_collection[d.collection];
    Article a;
    // The file name, not the id attribute: a few CancerGov files share an id.
    a.slug = slugify(d.collection + "-" + std::filesystem::path(d.file).stem().string());
    a.title = words.in_text(d.focus);
    if (!a.title.empty())
      a.title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(a.title[0])));
    a.condition.name = canonical[i];
    std::set<std::string> seen = {condition_key(canonical[i])};
    auto add_synonym = [&](const std::string& s) {
      if (seen.insert(condition_key(s)).second) a.condition.synonyms.push_back(s);
    };
    add_synonym(d.focus);
    for (const auto& s : d.synonyms) add_synonym(s);
    std::string kind = d.category.empty() ? "disease" : d.category;
    std::transform(kind.begin(), kind.end(), kind.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    a.condition.kind = kind;
    a.condition.cuis = d.cuis;
    a.condition.semantic_types = d.semantic_types;
    a.condition.semantic_group = d.semantic_group;
    a.site = publisher_of(d.collection);
    a.author.name = a.site;
    a.license = std::string(kLicense);
    a.collection = d.collection;
    a.document_id = d.id;
    a.url = d.url;
    a.sources = {
        {"MedQuAD: A Question-Entailment Approach to Question Answering (Ben Abacha and "
         "Demner-Fushman, 2019), CC BY 4.0",
         "https://github.com/abachaa/MedQuAD"}};
    if (!d.url.empty()) a.sources.push_back({a.site, d.url});
    a.provenance.format = "medquad";
    a.provenance.source_file = d.file;
    // One section per question: a source that asks the same question
    // several times (NIHSeniorHealth does, one page part each) gets one
    // section with the parts in order and no paragraph or list item twice.
    std::unordered_map<std::string, std::size_t> section_of_question;
    std::vector<std::set<std::string>> seen_blocks;
    std::set<std::string> open_seen;
    for (const auto& p : d.pairs) {
      std::string answer = medquad_answer_markdown(p.answer);
      std::string question = natural_question(p.question, d.focus, words);
      if (answer.empty()) {
        if (open_seen.insert(condition_key(question)).second)
          a.open_questions.push_back({p.pid, p.qtype, std::move(question)});
        ++result.open_pairs;
        continue;
      }
      ++result.answered_pairs;
      auto [at, fresh] =
          section_of_question.try_emplace(condition_key(question), a.sections.size());
      if (fresh) {
        Section s;
        s.type = section_type_for_qtype(p.qtype);
        s.heading = std::move(question);
        s.original_type = p.qtype;
        s.source = {d.collection, d.id, p.pid, d.url};
        a.sections.push_back(std::move(s));
        seen_blocks.emplace_back();
      } else {
        a.sections[at->second].source.pair += ", " + p.pid;
      }
      append_unique_blocks(a.sections[at->second].intro, answer, seen_blocks[at->second]);
    }
    for (auto& s : a.sections) s.intro = drop_repeated_sentences(s.intro);
    // A question also answered stays out of the unanswered list.
    std::erase_if(a.open_questions, [&](const OpenQuestion& q) {
      return section_of_question.contains(condition_key(q.text));
    });
    if (auto problem = validate(a); !problem.empty())
      throw ParseError((dir / d.file).string(), 1, problem);
    result.articles.push_back(std::move(a));
  }
  return result;
}

}  // namespace symptomdb::ingest
