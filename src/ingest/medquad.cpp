#include "ingest/medquad.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <numeric>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/error.hpp"
#include "core/slug.hpp"
#include "core/spelling.hpp"
#include "ingest/source_file.hpp"

namespace symptomdb::ingest {
namespace {

constexpr std::string_view kLicense = "CC BY 4.0";

struct Pair {
  std::string pid, qtype, question, answer;
};

struct Doc {
  std::string file;  // relative to the dataset folder
  std::string collection, id, url, focus, category;
  std::vector<std::string> synonyms, cuis;
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
  const SourceFile file = read_source_file(path);
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
  // "What is (are) Stroke ?" -> "What is (are) Stroke?"
  for (auto p = q.find(" ?"); p != std::string::npos; p = q.find(" ?")) q.erase(p, 1);
  return q;
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

  // Group documents about one condition: same name key, or one shared CUI.
  Groups groups(docs.size());
  std::unordered_map<std::string, std::size_t> by_key, by_cui;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (auto [it, fresh] = by_key.emplace(condition_key(docs[i].focus), i); !fresh)
      groups.unite(i, it->second);
    if (docs[i].cuis.size() == 1)
      if (auto [it, fresh] = by_cui.emplace(docs[i].cuis.front(), i); !fresh)
        groups.unite(i, it->second);
  }
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

  result.articles.reserve(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const Doc& d = docs[i];
    ++result.documents_by_collection[d.collection];
    Article a;
    // The file name, not the id attribute: a few CancerGov files share an id.
    a.slug = slugify(d.collection + "-" + std::filesystem::path(d.file).stem().string());
    a.title = d.focus;
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
    for (const auto& p : d.pairs) {
      std::string answer = medquad_answer_markdown(p.answer);
      if (answer.empty()) {
        a.open_questions.push_back({p.pid, p.qtype, tidy_question(p.question)});
        ++result.open_pairs;
        continue;
      }
      Section s;
      s.type = section_type_for_qtype(p.qtype);
      s.heading = tidy_question(p.question);
      s.intro = std::move(answer);
      s.original_type = p.qtype;
      s.source = {d.collection, d.id, p.pid, d.url};
      a.sections.push_back(std::move(s));
      ++result.answered_pairs;
    }
    if (auto problem = validate(a); !problem.empty())
      throw ParseError((dir / d.file).string(), 1, problem);
    result.articles.push_back(std::move(a));
  }
  return result;
}

}  // namespace symptomdb::ingest
