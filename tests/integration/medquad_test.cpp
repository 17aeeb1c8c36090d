// MedQuAD end to end: the real binary imports the dataset from ../shared
// (skipped when it is absent), the server answers consumer questions from
// it, and every answer's source can be traced back to the XML it came from.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path medquad_dir() {
  return shared_dir() / "data" / "medquad";
}

// Collections whose published answers were removed: their pairs are open
// questions, never answers.
const std::set<std::string> kUnanswered = {"ADAM", "MPlusDrugs", "MPlusHerbsSupplements"};

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::size_t count_lines(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// Lower-case letters and digits only: compares texts whatever the
// whitespace, markup and entity escaping around them.
std::string letters(std::string_view s) {
  std::string out;
  for (unsigned char c : s)
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
  return out;
}

std::string xml_unescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities)
    for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + 1))
      s.replace(p, std::strlen(from), to);
  return s;
}

std::string attribute(const std::string& tag, const std::string& name) {
  const auto p = tag.find(" " + name + "=\"");
  if (p == std::string::npos) return "";
  const auto b = p + name.size() + 3;
  return tag.substr(b, tag.find('"', b) - b);
}

// One question-answer pair as the dataset has it.
struct XmlPair {
  fs::path file;
  std::string url;  // the document's url attribute
  std::string focus;
  std::string qtype;
  std::string answer;
};

// Finds the pair a source names: the file <document>.xml in the collection's
// folder (folders are named by number, so the document's source attribute
// tells which collection it belongs to).
std::optional<XmlPair> find_pair(const std::string& collection, const std::string& document,
                                 const std::string& pair) {
  for (const auto& dir : fs::directory_iterator(medquad_dir())) {
    const fs::path file = dir.path() / (document + ".xml");
    if (!fs::exists(file)) continue;
    const std::string xml = read_file(file);
    const auto doc_begin = xml.find("<Document ");
    if (doc_begin == std::string::npos) continue;
    const std::string doc_tag = xml.substr(doc_begin, xml.find('>', doc_begin) - doc_begin);
    if (attribute(doc_tag, "source") != collection) continue;
    XmlPair out;
    out.file = file;
    out.url = attribute(doc_tag, "url");
    if (auto f = xml.find("<Focus>"); f != std::string::npos)
      out.focus = xml.substr(f + 7, xml.find("</Focus>", f) - f - 7);
    const auto p = xml.find("<QAPair pid=\"" + pair + "\"");
    if (p == std::string::npos) return std::nullopt;
    const auto end = xml.find("</QAPair>", p);
    const std::string body = xml.substr(p, end - p);
    const auto q = body.find("<Question ");
    out.qtype = attribute(body.substr(q, body.find('>', q) - q), "qtype");
    const auto a = body.find("<Answer>");
    if (a != std::string::npos)
      out.answer = xml_unescape(body.substr(a + 8, body.find("</Answer>", a) - a - 8));
    return out;
  }
  return std::nullopt;
}

// MedQuAD's qtype in the site's section vocabulary (bench/qa/README.md).
std::string type_of_qtype(const std::string& qtype) {
  if (qtype == "information") return "overview";
  if (qtype == "inheritance" || qtype == "genetic changes") return "genetics";
  if (qtype == "when to contact a medical professional") return "when-to-see-a-doctor";
  std::string t = qtype;
  for (auto& c : t)
    if (c == ' ') c = '-';
  return t;
}

class MedQuad : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::is_directory(medquad_dir())) return;
    dir_ = new TempDir();
    db_ = dir_->file("medquad.db");
    first_import_ = run({binary(), "import", "medquad", medquad_dir().string(), "--db", db_});
    if (first_import_.exit_code != 0) return;
    content_import_ =
        run({binary(), "import", "markdown", (source_dir() / "content").string(), "--db", db_});
    if (content_import_.exit_code != 0) return;
    try {
      server_ = new ServerProcess({"--db", db_, "--no-sample"}, std::chrono::seconds(180));
    } catch (const std::exception& e) {
      server_error_ = e.what();
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!fs::is_directory(medquad_dir()))
      GTEST_SKIP()
          << "MedQuAD is not available at " << medquad_dir()
          << " (../shared/data/medquad beside the repository); skipping the MedQuAD tests.";
    ASSERT_EQ(first_import_.exit_code, 0) << first_import_.out << first_import_.err;
    ASSERT_EQ(content_import_.exit_code, 0) << content_import_.out << content_import_.err;
    ASSERT_NE(server_, nullptr) << "server did not start: " << server_error_;
  }
  static std::uint16_t port() { return server_->port(); }
  static json get_json(const std::string& target) {
    const auto r = http_get(port(), target);
    EXPECT_EQ(r.status, 200) << target << "\n" << r.body.substr(0, 300);
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8") << target;
    return json::parse(r.body);
  }
  static json ask(const std::string& q) { return get_json("/api/v1/ask?q=" + url_encode(q)); }
  static std::size_t article_count() {
    const auto r = run({binary(), "list", "--db", db_});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return count_lines(r.out);
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline CommandResult first_import_, content_import_;
  static inline ServerProcess* server_ = nullptr;
  static inline std::string server_error_;
};

TEST_F(MedQuad, ImportReportsTheDatasetAndItsDuration) {
  const std::string& out = first_import_.out;
  EXPECT_NE(out.find("11265 documents"), std::string::npos) << out;
  EXPECT_NE(out.find("16409 answered pairs"), std::string::npos) << out;
  // A fresh database: every document is new.
  EXPECT_NE(out.find("articles 11265 new, 0 replaced"), std::string::npos) << out;
  // The summary says how long it took, whatever the figure.
  EXPECT_TRUE(
      std::regex_search(out, std::regex(R"(imported MedQuAD into .* in [0-9]+(\.[0-9]+)? s\n)")))
      << out;
  // The bundled content went in beside it, all new.
  std::size_t md_files = 0;
  for (const auto& e : fs::directory_iterator(source_dir() / "content"))
    md_files += e.path().extension() == ".md";
  EXPECT_NE(content_import_.out.find("(" + std::to_string(md_files) + " new, 0 replaced)"),
            std::string::npos)
      << content_import_.out;
}

struct Asked {
  const char* question;
  const char* focus;
  const char* type;
};

TEST_F(MedQuad, AnswersConsumerQuestionsWithTraceableSources) {
  const Asked cases[] = {
      {"What causes a stroke?", "Stroke", "causes"},
      {"What is the outlook for someone who had a stroke?", "Stroke", "outlook"},
      {"How is glaucoma treated?", "Glaucoma", "treatment"},
      {"what are the symptoms of glaucoma", "Glaucoma", "symptoms"},
      {"How can I prevent shingles?", "Shingles", "prevention"},
      {"how do doctors diagnose shingles", "Shingles", "exams-and-tests"},
      {"Who is at risk for shingles?", "Shingles", "susceptibility"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.question);
    const json j = ask(c.question);
    EXPECT_EQ(j["question"], c.question);
    ASSERT_FALSE(j["focus"].empty());
    EXPECT_EQ(j["focus"][0]["name"], c.focus);
    EXPECT_TRUE(j["emergency"].is_null());
    ASSERT_FALSE(j["answers"].empty());
    const json& a = j["answers"][0];
    EXPECT_EQ(a["rank"], 1);
    EXPECT_EQ(a["focus"], c.focus);
    EXPECT_EQ(a["type"], c.type);
    EXPECT_TRUE(a["asked"].get<bool>());
    const json& s = a["source"];
    const std::string collection = s["collection"], document = s["document"], pair = s["pair"];
    EXPECT_FALSE(collection.empty());
    EXPECT_EQ(kUnanswered.count(collection), 0u) << collection;
    EXPECT_FALSE(document.empty());
    EXPECT_FALSE(pair.empty());
    EXPECT_EQ(s["license"], "CC BY 4.0");
    EXPECT_EQ(s["url"].get<std::string>().rfind("http", 0), 0u) << s["url"];
    ASSERT_TRUE(j.contains("attribution"));
    EXPECT_NE(j["attribution"].get<std::string>().find("MedQuAD"), std::string::npos);
    EXPECT_NE(j["attribution"].get<std::string>().find("CC BY 4.0"), std::string::npos);

    // The source names a real pair of the dataset, of the asked kind, and
    // the answer is that pair's text.
    // A question the source asks several times is one section naming every
    // pair ("10, 11"); its text starts with the first.
    const auto x = find_pair(collection, document, pair.substr(0, pair.find(',')));
    ASSERT_TRUE(x) << collection << " " << document << " pair " << pair;
    EXPECT_EQ(s["url"], x->url) << x->file;
    EXPECT_EQ(type_of_qtype(x->qtype), c.type) << x->file << " qtype " << x->qtype;
    const std::string served = letters(a["text"].get<std::string>());
    ASSERT_GE(served.size(), 60u);
    EXPECT_NE(letters(x->answer).find(served.substr(0, 60)), std::string::npos)
        << x->file << " pair " << pair;

    // And the article the answer links to is served, with that section.
    const std::string link = s["article"];
    ASSERT_EQ(link.rfind("/articles/", 0), 0u) << link;
    const auto hash = link.find('#');
    ASSERT_NE(hash, std::string::npos) << link;
    const auto page = http_get(port(), link.substr(0, hash));
    EXPECT_EQ(page.status, 200) << link;
    EXPECT_NE(page.body.find("id=\"" + link.substr(hash + 1) + "\""), std::string::npos) << link;
  }
}

TEST_F(MedQuad, OneConditionGathersArticlesFromSeveralCollections) {
  // Which collections hold a document whose focus is exactly "Stroke".
  std::set<std::string> expected;
  for (const auto& dir : fs::directory_iterator(medquad_dir())) {
    if (!dir.is_directory()) continue;  // readme.txt
    for (const auto& f : fs::directory_iterator(dir.path())) {
      if (f.path().extension() != ".xml") continue;
      const std::string xml = read_file(f.path());
      if (xml.find("<Focus>Stroke</Focus>") == std::string::npos) continue;
      const auto b = xml.find("<Document ");
      expected.insert(attribute(xml.substr(b, xml.find('>', b) - b), "source"));
    }
  }
  ASSERT_GE(expected.size(), 3u);
  const json j = get_json("/api/v1/conditions/stroke");
  EXPECT_EQ(j["name"], "Stroke");
  std::set<std::string> got;
  for (const auto& a : j["articles"]) {
    got.insert(a["collection"].get<std::string>());
    EXPECT_EQ(http_get(port(), a["api"].get<std::string>()).status, 200) << a["api"];
  }
  for (const auto& c : expected) EXPECT_EQ(got.count(c), 1u) << c;
  // Several sources answer the same kind of question: more than one
  // collection's overview is offered.
  const json ans = ask("What is a stroke?");
  std::set<std::string> overview_sources;
  for (const auto& a : ans["answers"])
    if (a["type"] == "overview" && a["focus"] == "Stroke")
      overview_sources.insert(a["source"]["collection"]);
  EXPECT_GE(overview_sources.size(), 2u) << ans.dump(1).substr(0, 2000);
}

TEST_F(MedQuad, UnansweredPairsAreOpenQuestionsNotAnswers) {
  struct Case {
    const char* question;
    const char* focus_id;
    const char* slug;  // the only article about it
    const char* file;  // under medquad_dir()
  };
  const Case cases[] = {
      {"how do I treat an earache", "earache", "adam-0001325", "10_MPlus_ADAM_QA/0001325.xml"},
      {"What are the side effects of abacavir?", "abacavir", "mplusdrugs-0000001",
       "11_MPlusDrugs_QA/0000001.xml"},
      {"What is activated charcoal used for?", "activated-charcoal",
       "mplusherbssupplements-0000001", "12_MPlusHerbsSupplements_QA/0000001.xml"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.question);
    const json j = ask(c.question);
    ASSERT_FALSE(j["focus"].empty());
    EXPECT_EQ(j["focus"][0]["id"], c.focus_id);
    for (const auto& a : j["answers"])
      EXPECT_EQ(kUnanswered.count(a["source"]["collection"]), 0u) << a.dump();
    EXPECT_FALSE(j["missing"].empty());       // what was asked is not held
    EXPECT_FALSE(j.contains("attribution"));  // no MedQuAD text was shown

    // The questions are kept with the article, as metadata.
    const std::string xml = read_file(medquad_dir() / c.file);
    // One open question per distinct question (a page may ask one twice).
    std::set<std::string> questions;
    for (auto p = xml.find("<Question "); p != std::string::npos;
         p = xml.find("<Question ", p + 1)) {
      const auto b = xml.find('>', p) + 1;
      questions.insert(xml.substr(b, xml.find("</Question>", b) - b));
    }
    const std::size_t pairs = questions.size();
    ASSERT_GT(pairs, 0u);
    const json art = get_json(std::string("/api/v1/articles/") + c.slug);
    ASSERT_TRUE(art.contains("open_questions"));
    EXPECT_EQ(art["open_questions"].size(), pairs);
    for (const auto& q : art["open_questions"]) {
      EXPECT_FALSE(q["pair"].get<std::string>().empty());
      EXPECT_FALSE(q["qtype"].get<std::string>().empty());
      EXPECT_FALSE(q["question"].get<std::string>().empty());
    }
    EXPECT_TRUE(!art.contains("sections") || art["sections"].empty()) << art["sections"].dump();
  }
  // A condition with answers elsewhere is answered from those, not from ADAM.
  const json stroke = ask("What are the treatments for stroke?");
  ASSERT_FALSE(stroke["answers"].empty());
  for (const auto& a : stroke["answers"])
    EXPECT_EQ(kUnanswered.count(a["source"]["collection"]), 0u) << a.dump();
}

TEST_F(MedQuad, AnswerlessDocumentsAreNoArticlesAndTheirQuestionsShowOnce) {
  // Earache has only an A.D.A.M. document, whose answers were removed: no
  // A-Z entry, and its address leads to the condition's list of questions.
  const auto page = http_get(port(), "/articles/adam-0001325");
  EXPECT_EQ(page.status, 301);
  EXPECT_EQ(page.header("location"), "/conditions/earache#also-asked");
  const auto e = http_get(port(), "/conditions?letter=E");
  ASSERT_EQ(e.status, 200);
  EXPECT_EQ(e.body.find("href=\"/conditions/earache\""), std::string::npos);
  const auto earache = http_get(port(), "/conditions/earache");
  EXPECT_NE(earache.body.find("Also asked, not answered here"), std::string::npos);
  EXPECT_EQ(json::parse(http_get(port(), "/api/v1/articles").body)["articles"].dump().find(
                "adam-0001325"),
            std::string::npos);

  // Gout: answered by MedlinePlus and NIHSeniorHealth, asked by A.D.A.M.
  const auto gout = http_get(port(), "/conditions/gout");
  ASSERT_EQ(gout.status, 200);
  for (const char* bad : {"(are)", "??", "Gout?"})
    EXPECT_EQ(gout.body.find(bad), std::string::npos) << bad;
  // A form of gout is related, not another name for it.
  const auto also = gout.body.find("Also called");
  ASSERT_NE(also, std::string::npos);
  const std::string also_called = gout.body.substr(also, gout.body.find("</p>", also) - also);
  EXPECT_NE(also_called.find("Gouty arthritis"), std::string::npos) << also_called;
  for (const char* form : {"Acute gout", "Gout - acute", "Chronic gout"}) {
    const std::string name(form);
    EXPECT_EQ(also_called.find(" " + name + ","), std::string::npos) << also_called;
    EXPECT_EQ(also_called.find(" " + name + "."), std::string::npos) << also_called;
  }
  auto count = [&](const std::string& s) {
    std::size_t n = 0;
    for (auto p = gout.body.find(s); p != std::string::npos; p = gout.body.find(s, p + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count(">What is gout?</a>"), 1u);
  EXPECT_EQ(count(">Who is at risk for gout?</a>"), 1u);
  EXPECT_EQ(count("Also asked, not answered here"), 1u);
  EXPECT_EQ(gout.body.find("/articles/adam-"), std::string::npos);
  EXPECT_NE(gout.body.find("https://uts.nlm.nih.gov/uts/umls/concept/C0018099"), std::string::npos);
  // The first answer to "what causes gout" says each risk factor once.
  const json ans = ask("what causes gout");
  ASSERT_FALSE(ans["answers"].empty());
  const std::string text = ans["answers"][0]["text"];
  const std::string sentence = "Many people with gout have a family history of the disease.";
  if (const auto at = text.find(sentence); at != std::string::npos) {
    EXPECT_EQ(text.find(sentence, at + 1), std::string::npos) << text;
  }
}

TEST_F(MedQuad, SearchFacetsCountSeveralCollections) {
  const json j = get_json("/api/v1/search?q=stroke&limit=50");
  ASSERT_GT(j["count"].get<int>(), 0);
  const json& facets = j["facets"]["collection"];
  EXPECT_GE(facets.size(), 3u) << facets.dump();
  for (const char* c : {"NINDS", "NHLBI", "NIHSeniorHealth"})
    EXPECT_TRUE(facets.contains(c)) << c << facets.dump();
  std::size_t sum = 0;
  for (const auto& [k, v] : facets.items()) sum += v.get<std::size_t>();
  EXPECT_EQ(sum, j["total"].get<std::size_t>());  // each matching article counted once
  for (const auto& r : j["results"])
    EXPECT_TRUE(facets.contains(r["collection"].get<std::string>())) << r.dump();
  // Filtering by one collection keeps only its articles.
  const json ninds = get_json("/api/v1/search?q=stroke&collection=NINDS&limit=50");
  ASSERT_GT(ninds["count"].get<int>(), 0);
  EXPECT_EQ(ninds["total"], facets["NINDS"]);
  for (const auto& r : ninds["results"]) EXPECT_EQ(r["collection"], "NINDS");
}

TEST_F(MedQuad, AskPageShowsSourceAndAttribution) {
  const auto r = http_get(port(), "/ask?q=" + url_encode("How is glaucoma treated?"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("Source:"), std::string::npos);
  EXPECT_NE(r.body.find("MedQuAD (Ben Abacha and Demner-Fushman, 2019"), std::string::npos);
  EXPECT_NE(r.body.find("CC BY 4.0"), std::string::npos);
  EXPECT_NE(r.body.find("NIHSeniorHealth"), std::string::npos);  // the collection it came from
}

TEST_F(MedQuad, CommonWordsAreNotTakenForConditionNames) {
  const json j = ask("how do I know if my child has a fever?");
  ASSERT_FALSE(j["focus"].empty());
  EXPECT_EQ(j["focus"][0]["id"], "fever");
  ASSERT_FALSE(j["answers"].empty());
  EXPECT_EQ(j["answers"][0]["focus"], "Fever");
}

TEST_F(MedQuad, ContagionIsAnsweredAsWhoIsAtRiskNotCauses) {
  // "Is gout contagious" asks whether it passes between people; MedQuAD
  // answers that under "Who is at risk for ...?", never under causes.
  const json j = ask("is gout contagious");
  ASSERT_FALSE(j["answers"].empty()) << j.dump().substr(0, 400);
  EXPECT_EQ(j["answers"][0]["type"], "susceptibility");
  EXPECT_EQ(j["answers"][0]["focus"], "Gout");
}

// A condition told in many sentences of the story ("heart attack", x20)
// does not outweigh the one the asking sentence names ("glaucoma").
TEST_F(MedQuad, LongMessagesAreAcceptedAndReadForWhatTheyAsk) {
  // A real-length message (well over the old 500-character limit): a story
  // naming another condition, the question, thanks and a signature.
  std::string story;
  while (story.size() < 2500)
    story +=
        "My husband had a heart attack two years ago and we look after our grandchildren "
        "most afternoons, which keeps us busy. ";
  const std::string q = "Hello. " + story +
                        "What are the symptoms of glaucoma? Thank you very much. Kind regards, Ann";
  ASSERT_GT(q.size(), 2500u);
  const json j = ask(q);
  ASSERT_FALSE(j["focus"].empty()) << j.dump().substr(0, 400);
  EXPECT_EQ(j["focus"][0]["name"], "Glaucoma");
  ASSERT_FALSE(j["answers"].empty());
  EXPECT_EQ(j["answers"][0]["type"], "symptoms");
  EXPECT_EQ(j["answers"][0]["via"], "focus");
  // A ranked list: `limit` answers when that much is held.
  const json ten = get_json("/api/v1/ask?limit=10&q=" + url_encode("what is glaucoma"));
  EXPECT_EQ(ten["answers"].size(), 10u);
  // Past 5,000 characters: a clear 400, nothing else.
  const auto r = http_get(port(), "/api/v1/ask?q=" + url_encode(std::string(5001, 'a')));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("question_too_long"), std::string::npos) << r.body;
}

// Runs last when the whole suite shares one process: it rewrites the database.
TEST_F(MedQuad, ZzReimportIsIdempotent) {
  const std::size_t before = article_count();
  EXPECT_GT(before, 11265u);  // the dataset and the bundled content
  const auto again = run({binary(), "import", "medquad", medquad_dir().string(), "--db", db_});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("11265 documents"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("16409 answered pairs"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("articles 0 new, 11265 replaced"), std::string::npos) << again.out;
  EXPECT_EQ(article_count(), before);
  // The server keeps answering the same way.
  const json j = ask("How is glaucoma treated?");
  ASSERT_FALSE(j["answers"].empty());
  EXPECT_EQ(j["answers"][0]["type"], "treatment");
}

}  // namespace
}  // namespace symptomdb::test
