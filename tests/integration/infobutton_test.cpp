// The HL7 Infobutton endpoint (GET /infobutton) through the real server:
// every supported code system (UMLS CUI, SNOMED CT and UMLS through HPO's
// cross-references, HPO, OMIM, Orphanet), unsupported systems, unknown codes
// with and without a display name, every response type (Atom parsed as XML
// with pugixml, JSON, JSONP) and bad parameters. Uses the project's own
// fixtures (tests/fixtures/infobutton: HPO terms with their real
// cross-references, invented diseases and two invented MedQuAD-layout
// documents) plus the sample articles in content/, so it needs no ../shared.
// The last suite runs the scenario on the real MedQuAD and HPO data
// when ../shared has them. On SQLite, and on PostgreSQL with
// SYMPTOMDB_TEST_STORE=postgresql (support/stores.hpp).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <set>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kUmls = "2.16.840.1.113883.6.86";
constexpr const char* kSnomed = "2.16.840.1.113883.6.96";
constexpr const char* kHpo = "2.16.840.1.113883.6.339";
constexpr const char* kOmim = "2.16.840.1.113883.6.174";
constexpr const char* kOrphanet = "1.3.6.1.4.1.12559.11.10.1.3.1.44.5";
constexpr const char* kIcd10Cm = "2.16.840.1.113883.6.90";
constexpr const char* kAtomNs = "http://www.w3.org/2005/Atom";

std::string fixture(const std::string& name) {
  return (source_dir() / "tests/fixtures/infobutton" / name).string();
}

// Two invented topics in MedQuAD's XML layout (a collection folder of
// documents), written at test time so that the repository holds no
// MedQuAD-shaped files: one under an invented CUI with a synonym, one filed
// under a real CUI that HPO cross-references for skeletal muscle atrophy.
// The texts say they are not medical information.
struct InventedDocument {
  std::string id, focus, cui, synonym;
  std::vector<std::pair<std::string, std::string>> pairs;  // qtype, question
};

std::string medquad_document(const InventedDocument& d) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document id=\"" + d.id +
                    "\" source=\"NINDS\" url=\"https://example.org/fixture/" + d.id +
                    "\">\n<Focus>" + d.focus + "</Focus>\n<FocusAnnotations>\n<UMLS><CUIs><CUI>" +
                    d.cui + "</CUI></CUIs><SemanticGroup>Disorders</SemanticGroup></UMLS>\n";
  if (!d.synonym.empty()) xml += "<Synonyms><Synonym>" + d.synonym + "</Synonym></Synonyms>\n";
  xml += "</FocusAnnotations>\n<QAPairs>\n";
  for (std::size_t i = 0; i < d.pairs.size(); ++i) {
    const auto pid = std::to_string(i + 1);
    xml += "<QAPair pid=\"" + pid + "\"><Question qid=\"" + d.id + "-" + pid + "\" qtype=\"" +
           d.pairs[i].first + "\">" + d.pairs[i].second + "</Question><Answer>Fixture " +
           d.pairs[i].first + " text for the " + d.focus +
           ", written for symptomdb's tests. It is not medical information.</Answer></QAPair>\n";
  }
  return xml + "</QAPairs>\n</Document>\n";
}

// Writes the invented collection under `dir` and returns its root.
std::string invented_medquad(const TempDir& dir) {
  const std::vector<InventedDocument> docs = {
      {"0999001",
       "Example twitching disorder",
       "C9999901",
       "Example twitch syndrome",
       {{"information", "What is (are) Example twitching disorder ?"},
        {"treatment", "What are the treatments for Example twitching disorder ?"}}},
      {"0999002",
       "Example wasting topic",
       "C0541794",
       "",
       {{"information", "What is (are) Example wasting topic ?"}}},
  };
  for (const auto& d : docs) dir.write("medquad/6_NINDS_QA/" + d.id + ".xml", medquad_document(d));
  return dir.file("medquad");
}

std::string query(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string q = "/infobutton";
  char sep = '?';
  for (const auto& [k, v] : params) {
    q += sep + k + "=" + url_encode(v);
    sep = '&';
  }
  return q;
}

std::string coded(const std::string& cs, const std::string& code, const std::string& extra = "") {
  return query({{"mainSearchCriteria.v.cs", cs}, {"mainSearchCriteria.v.c", code}}) + extra;
}

struct AtomEntry {
  std::string title, link, id, updated, summary, kind, rights, author;
};

struct AtomFeed {
  std::string title, subtitle, id, updated;
  std::vector<std::pair<std::string, std::string>> categories;
  std::vector<AtomEntry> entries;
};

bool rfc3339(const std::string& s) {
  return s.size() == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
         s[16] == ':' && s[19] == 'Z';
}

// Parses an Atom document with pugixml and checks what RFC 4287 requires of
// a feed and its entries: the namespace, one id, title and updated each, an
// author for the feed, an alternate link per entry, dates in RFC 3339.
AtomFeed parse_atom(const std::string& body) {
  AtomFeed f;
  pugi::xml_document doc;
  const auto ok = doc.load_buffer(body.data(), body.size());
  EXPECT_TRUE(ok) << ok.description() << " at " << ok.offset << "\n" << body.substr(0, 400);
  if (!ok) return f;
  const auto feed = doc.document_element();
  EXPECT_STREQ(feed.name(), "feed");
  EXPECT_STREQ(feed.attribute("xmlns").value(), kAtomNs);
  auto one = [](pugi::xml_node parent, const char* name) {
    std::size_t n = 0;
    for (auto c = parent.child(name); c; c = c.next_sibling(name)) ++n;
    EXPECT_EQ(n, 1u) << "<" << parent.name() << "> needs exactly one <" << name << ">";
    return std::string(parent.child(name).text().get());
  };
  f.title = one(feed, "title");
  f.id = one(feed, "id");
  f.updated = one(feed, "updated");
  EXPECT_TRUE(rfc3339(f.updated)) << f.updated;
  f.subtitle = feed.child("subtitle").text().get();
  EXPECT_FALSE(std::string(feed.child("author").child("name").text().get()).empty());
  for (auto c : feed.children("category"))
    f.categories.emplace_back(c.attribute("scheme").value(), c.attribute("term").value());
  for (auto e : feed.children("entry")) {
    AtomEntry a;
    a.title = one(e, "title");
    a.id = one(e, "id");
    a.updated = one(e, "updated");
    EXPECT_TRUE(rfc3339(a.updated)) << a.updated;
    for (auto l : e.children("link"))
      if (std::string(l.attribute("rel").value()) == "alternate")
        a.link = l.attribute("href").value();
    EXPECT_FALSE(a.link.empty()) << a.title;
    EXPECT_STREQ(e.child("summary").attribute("type").value(), "html");
    a.summary = e.child("summary").text().get();
    a.rights = e.child("rights").text().get();
    a.author = e.child("author").child("name").text().get();
    for (auto c : e.children("category")) a.kind = c.attribute("term").value();
    f.entries.push_back(std::move(a));
  }
  return f;
}

class Infobutton : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!TestDatabase::skip_reason(site_backend()).empty()) return;  // each test skips
    dir_ = new TempDir();
    store_ = new TestDatabase(site_backend());
    db_ = store_->location();
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"import", "hpo", fixture("hp.obo")},
             {"import", "hpoa", fixture("phenotype.hpoa")},
             {"import", "medquad", invented_medquad(*dir_)},
             {"import", "markdown", (source_dir() / "content").string()}}) {
      auto argv = args;
      argv.insert(argv.begin(), binary());
      argv.push_back("--db");
      argv.push_back(db_);
      const auto r = run(argv);
      if (r.exit_code != 0) {
        setup_error_ = args[1] + ": " + r.out + r.err;
        return;
      }
    }
    server_ = new ServerProcess({"--db", db_, "--no-sample"});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete store_;
    store_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    SYMPTOMDB_SKIP_WITHOUT(site_backend());
    ASSERT_TRUE(setup_error_.empty()) << setup_error_;
    ASSERT_NE(server_, nullptr);
  }
  static std::uint16_t port() { return server_->port(); }
  static std::string host() { return "127.0.0.1:" + std::to_string(port()); }

  static AtomFeed atom(const std::string& target) {
    const auto r = http_get(port(), target, {{"Host", host()}});
    EXPECT_EQ(r.status, 200) << target << "\n" << r.body.substr(0, 300);
    EXPECT_EQ(r.header("content-type"), "text/xml; charset=utf-8") << target;
    return parse_atom(r.body);
  }
  // With symptomdb's extension keys unless `extensions` is false.
  static json feed_json(const std::string& target, bool extensions = true) {
    const auto r = http_get(
        port(),
        target + "&knowledgeResponseType=application%2Fjson" + (extensions ? "&extensions=1" : ""),
        {{"Host", host()}});
    EXPECT_EQ(r.status, 200) << target << "\n" << r.body.substr(0, 300);
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8") << target;
    EXPECT_EQ(r.header("access-control-allow-origin"), "*");
    return json::parse(r.body);
  }
  static std::vector<std::string> titles(const AtomFeed& f) {
    std::vector<std::string> out;
    for (const auto& e : f.entries) out.push_back(e.title);
    return out;
  }
  static const AtomEntry* entry_linking(const AtomFeed& f, const std::string& path) {
    for (const auto& e : f.entries)
      if (e.link == "http://" + host() + path) return &e;
    return nullptr;
  }
  // The path of an entry's absolute link, which must answer 200 on this server.
  static void expect_link_works(const AtomEntry& e) {
    const std::string prefix = "http://" + host();
    ASSERT_TRUE(e.link.starts_with(prefix)) << e.link;
    const auto r = http_get(port(), e.link.substr(prefix.size()));
    EXPECT_EQ(r.status, 200) << e.link;
  }

  static inline TempDir* dir_ = nullptr;  // the invented MedQuAD files
  static inline TestDatabase* store_ = nullptr;
  static inline std::string db_, setup_error_;
  static inline ServerProcess* server_ = nullptr;
};

// MedQuAD documents list UMLS CUIs for their focus; a CUI finds the article.
TEST_F(Infobutton, UmlsCuiOfAMedquadDocumentGivesItsArticle) {
  const auto f = atom(coded(kUmls, "C9999901"));
  ASSERT_EQ(f.entries.size(), 1u) << ::testing::PrintToString(titles(f));
  const auto& e = f.entries[0];
  EXPECT_EQ(e.kind, "article");
  EXPECT_NE(e.title.find("Example twitching disorder"), std::string::npos) << e.title;
  // The overview section as HTML, "also called" and the attribution in the
  // paragraphs MedlinePlus Connect clients pick out.
  EXPECT_NE(e.summary.find("<p>Fixture information text for the Example twitching disorder"),
            std::string::npos)
      << e.summary;
  EXPECT_TRUE(e.summary.starts_with("<p class=\"NLMalsoCalled\">")) << e.summary;
  EXPECT_EQ(e.summary.find("Fixture treatment text"), std::string::npos) << "overview only";
  EXPECT_NE(e.summary.find("<p class=\"NLMalsoCalled\">Also called: Example twitch syndrome</p>"),
            std::string::npos)
      << e.summary;
  EXPECT_NE(e.summary.find("class=\"NLMattribution\""), std::string::npos);
  EXPECT_NE(e.author.find("NINDS"), std::string::npos) << e.author;
  EXPECT_EQ(e.rights, "CC BY 4.0");
  expect_link_works(e);
  // Lower case and the "UMLS:" prefix are the same code.
  EXPECT_EQ(titles(atom(coded(kUmls, "umls:c9999901"))), titles(f));
  // The request is echoed as categories, as MedlinePlus Connect does.
  EXPECT_NE(std::find(f.categories.begin(), f.categories.end(),
                      std::pair<std::string, std::string>("mainSearchCriteria.v.c", "C9999901")),
            f.categories.end());
}

// A CUI that HPO cross-references: the articles filed under it and the
// phenotype term, which links into the symptom checker.
TEST_F(Infobutton, UmlsCuiReachesHpoTermsThroughTheirCrossReferences) {
  const auto f = atom(coded(kUmls, "C0541794"));
  const auto* wasting = entry_linking(f, "/articles/" + std::string("example-wasting-topic"));
  const AtomEntry* article = nullptr;
  for (const auto& e : f.entries)
    if (e.title.find("Example wasting topic") != std::string::npos) article = &e;
  ASSERT_NE(article, nullptr) << ::testing::PrintToString(titles(f));
  (void)wasting;
  const auto* term = entry_linking(f, "/check?s=HP%3A0003202");
  ASSERT_NE(term, nullptr) << ::testing::PrintToString(titles(f));
  EXPECT_EQ(term->title, "Skeletal muscle atrophy");
  EXPECT_EQ(term->kind, "phenotype");
  EXPECT_NE(term->summary.find("Also called: Muscle wasting, Muscle atrophy"), std::string::npos)
      << term->summary;
  EXPECT_NE(term->author.find("Human Phenotype Ontology"), std::string::npos);
  expect_link_works(*term);
  // Articles come before the term.
  EXPECT_EQ(f.entries.back().kind, "phenotype");
}

// The scenario: a SNOMED CT code of a condition we hold, in Atom and
// in JSON. SNOMED CT 74035001 is HP:0003202's cross-reference; the term's
// label and synonyms name the sample article's condition (Muscle atrophy) and
// its UMLS cross-reference names the fixture MedQuAD topic.
TEST_F(Infobutton, SnomedCtCodeReachesArticlesThroughHpo) {
  const auto f = atom(coded(kSnomed, "74035001"));
  const auto* sample = entry_linking(f, "/articles/muscle-atrophy");
  ASSERT_NE(sample, nullptr) << ::testing::PrintToString(titles(f));
  EXPECT_EQ(sample->kind, "article");
  EXPECT_NE(sample->summary.find("muscle wasting"), std::string::npos) << sample->summary;
  EXPECT_NE(sample->summary.find("not clinically reviewed"), std::string::npos);
  expect_link_works(*sample);
  EXPECT_NE(entry_linking(f, "/check?s=HP%3A0003202"), nullptr);
  bool medquad = false;
  for (const auto& e : f.entries)
    medquad |= e.title.find("Example wasting topic") != std::string::npos;
  EXPECT_TRUE(medquad) << ::testing::PrintToString(titles(f));

  const auto j = feed_json(coded(kSnomed, "74035001"));
  const auto& entries = j["feed"]["entry"];
  ASSERT_EQ(entries.size(), f.entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i]["title"]["_value"], f.entries[i].title);
    EXPECT_EQ(entries[i]["link"][0]["href"], f.entries[i].link);
    EXPECT_EQ(entries[i]["link"][0]["rel"], "alternate");
    EXPECT_EQ(entries[i]["summary"]["type"], "html");
    EXPECT_EQ(entries[i]["summary"]["_value"], f.entries[i].summary);
    EXPECT_FALSE(entries[i]["matched_by"].get<std::string>().empty());
  }
  // By default only MedlinePlus Connect's keys, for clients that map the
  // JSON onto fixed classes and refuse unknown keys.
  const auto plain = feed_json(coded(kSnomed, "74035001"), false);
  std::set<std::string> keys, entry_keys;
  for (const auto& [k, v] : plain["feed"].items()) keys.insert(k);
  for (const auto& e : plain["feed"]["entry"])
    for (const auto& [k, v] : e.items()) entry_keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"xsi", "base", "lang", "title", "subtitle", "author",
                                         "updated", "category", "id", "entry"}));
  EXPECT_EQ(entry_keys,
            (std::set<std::string>{"lang", "title", "link", "id", "updated", "summary"}));
  EXPECT_EQ(plain["feed"]["entry"].size(), entries.size());
  EXPECT_EQ(j["feed"]["code_system"]["name"], "SNOMED CT");
  EXPECT_EQ(j["feed"]["code_system"]["supported"], true);
  EXPECT_EQ(j["feed"]["by_display_name"], false);
  // The FHIR URI of SNOMED CT is the same system.
  EXPECT_EQ(titles(atom(coded("http://snomed.info/sct", "74035001"))), titles(f));
}

TEST_F(Infobutton, HpoTermIdsIncludingAlternativeIds) {
  const auto f = atom(coded(kHpo, "HP:0002380"));
  const auto* term = entry_linking(f, "/check?s=HP%3A0002380");
  ASSERT_NE(term, nullptr) << ::testing::PrintToString(titles(f));
  EXPECT_EQ(term->title, "Fasciculations");
  EXPECT_NE(term->summary.find("Also called: Muscle twitch"), std::string::npos);
  // HP:0007248 is an alternative id of HP:0003202.
  const auto alt = atom(coded(kHpo, "HP_0007248"));
  EXPECT_NE(entry_linking(alt, "/check?s=HP%3A0003202"), nullptr)
      << ::testing::PrintToString(titles(alt));
}

// OMIM and Orphanet ids lead to the checker's disease pages, and to articles
// about the same condition.
TEST_F(Infobutton, OmimAndOrphanetIdsGiveDiseasePages) {
  const auto omim = atom(coded(kOmim, "999901"));
  const auto* page = entry_linking(omim, "/check/diseases/OMIM:999901");
  ASSERT_NE(page, nullptr) << ::testing::PrintToString(titles(omim));
  EXPECT_EQ(page->title, "Example twitching disorder");
  EXPECT_EQ(page->kind, "disease");
  EXPECT_NE(page->summary.find("2 annotated findings"), std::string::npos) << page->summary;
  EXPECT_NE(page->summary.find("Fasciculations"), std::string::npos);
  expect_link_works(*page);
  // The MedQuAD article about the same condition comes first.
  ASSERT_GE(omim.entries.size(), 2u);
  EXPECT_EQ(omim.entries[0].kind, "article");
  EXPECT_NE(omim.entries[0].title.find("Example twitching disorder"), std::string::npos);

  const auto orpha = atom(coded(kOrphanet, "ORPHA:990011"));
  ASSERT_EQ(orpha.entries.size(), 1u) << ::testing::PrintToString(titles(orpha));
  EXPECT_EQ(orpha.entries[0].title, "Example cramp syndrome");
  expect_link_works(orpha.entries[0]);
  EXPECT_EQ(titles(atom(coded("https://www.orpha.net", "990011"))), titles(orpha));
}

TEST_F(Infobutton, UnsupportedCodeSystemGivesAnEmptyFeedSayingSo) {
  const auto f = atom(coded(kIcd10Cm, "E11.9"));
  EXPECT_TRUE(f.entries.empty());
  EXPECT_NE(f.subtitle.find("ICD-10-CM is not supported"), std::string::npos) << f.subtitle;
  const auto j = feed_json(coded(kIcd10Cm, "E11.9"));
  EXPECT_TRUE(j["feed"]["entry"].empty());
  EXPECT_EQ(j["feed"]["code_system"]["known"], true);
  EXPECT_EQ(j["feed"]["code_system"]["supported"], false);
  ASSERT_FALSE(j["feed"]["notes"].empty());
  // A system nobody knows is named as given.
  const auto unknown = atom(coded("1.2.3.4.5", "X1"));
  EXPECT_TRUE(unknown.entries.empty());
  EXPECT_NE(unknown.subtitle.find("1.2.3.4.5 is not supported"), std::string::npos)
      << unknown.subtitle;
}

// A code that leads nowhere (or a system we do not hold) with a display name:
// the name is read by the question engine's focus finder.
TEST_F(Infobutton, UnknownCodesFallBackToTheDisplayName) {
  const auto nothing = atom(coded(kSnomed, "999999999"));
  EXPECT_TRUE(nothing.entries.empty());
  EXPECT_NE(nothing.subtitle.find("Nothing is held for SNOMED CT 999999999"), std::string::npos)
      << nothing.subtitle;

  const auto named = atom(coded(kSnomed, "999999999", "&mainSearchCriteria.v.dn=Muscle+atrophy"));
  EXPECT_NE(entry_linking(named, "/articles/muscle-atrophy"), nullptr)
      << ::testing::PrintToString(titles(named));
  EXPECT_NE(named.subtitle.find("display name"), std::string::npos) << named.subtitle;

  const auto icd = feed_json(coded(kIcd10Cm, "G72.9", "&mainSearchCriteria.v.dn=muscle%20wasting"));
  ASSERT_FALSE(icd["feed"]["entry"].empty());
  EXPECT_EQ(icd["feed"]["entry"][0]["link"][0]["href"],
            "http://" + host() + "/articles/muscle-atrophy");
  EXPECT_EQ(icd["feed"]["by_display_name"], true);

  // The name alone is a request too.
  const auto bare = atom(query({{"mainSearchCriteria.v.dn", "example twitching disorder"}}));
  ASSERT_FALSE(bare.entries.empty());
  EXPECT_NE(bare.entries[0].title.find("Example twitching disorder"), std::string::npos);
  // A name we hold nothing about: an empty feed, not an error.
  const auto none = atom(query({{"mainSearchCriteria.v.dn", "qwertyuiop zxcvbnm"}}));
  EXPECT_TRUE(none.entries.empty());
}

// A request as an EHR configured for MedlinePlus Connect sends it, patient
// context and all: accepted, the context ignored.
TEST_F(Infobutton, MedlinePlusConnectStyleRequestsWorkUnchanged) {
  const std::string target =
      "/infobutton?mainSearchCriteria.v.cs=2.16.840.1.113883.6.96&mainSearchCriteria.v.c=74035001"
      "&mainSearchCriteria.v.dn=Skeletal%20muscle%20atrophy"
      "&informationRecipient.languageCode.c=en&informationRecipient=PAT"
      "&patientPerson.administrativeGenderCode.c=F&age.v.v=45&age.v.u=a"
      "&taskContext.c.c=PROBLISTREV&performer=PROV";
  const auto f = atom(target);
  EXPECT_NE(entry_linking(f, "/articles/muscle-atrophy"), nullptr);
  const auto j = feed_json(target);
  EXPECT_EQ(j["feed"]["entry"].size(), f.entries.size());
  // Another language: English content, and a note that says so.
  const auto es = feed_json(coded(kSnomed, "74035001", "&informationRecipient.languageCode.c=es"));
  EXPECT_EQ(es["feed"]["entry"].size(), f.entries.size());
  EXPECT_NE(es["feed"]["notes"].dump().find("Only English"), std::string::npos);
}

TEST_F(Infobutton, JsonpWrapsTheJsonInAValidatedCallback) {
  const auto r = http_get(port(), coded(kUmls, "C9999901") +
                                      "&knowledgeResponseType=application%2Fjavascript"
                                      "&callback=ehr.showInfo");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/javascript; charset=utf-8");
  const std::string head = "/**/ehr.showInfo(";
  ASSERT_TRUE(r.body.starts_with(head)) << r.body.substr(0, 80);
  ASSERT_TRUE(r.body.ends_with(");"));
  const auto j = json::parse(r.body.substr(head.size(), r.body.size() - head.size() - 2));
  EXPECT_EQ(j["feed"]["entry"].size(), 1u);

  for (const std::string& bad :
       std::vector<std::string>{"alert(1)//", "a b", "1abc", "a..b", "x;y", std::string(65, 'a')}) {
    const auto e = http_get(port(), coded(kUmls, "C9999901") +
                                        "&knowledgeResponseType=application%2Fjavascript"
                                        "&callback=" +
                                        url_encode(bad));
    EXPECT_EQ(e.status, 400) << bad;
    EXPECT_EQ(e.header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(json::parse(e.body)["error"]["code"], "bad_callback") << bad;
  }
  const auto missing = http_get(
      port(), coded(kUmls, "C9999901") + "&knowledgeResponseType=application%2Fjavascript");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(json::parse(missing.body)["error"]["code"], "missing_callback");
}

TEST_F(Infobutton, BadParametersAre400WithAClearMessage) {
  struct Case {
    std::string target, code, words;
  };
  const std::vector<Case> cases = {
      {"/infobutton", "missing_search_criteria", "mainSearchCriteria.v.c"},
      {query({{"mainSearchCriteria.v.c", "74035001"}}), "missing_code_system",
       "mainSearchCriteria.v.cs"},
      {coded("not an oid", "1"), "bad_code_system", "OID"},
      {coded(kSnomed, "abc"), "bad_code", "SNOMED CT"},
      {coded(kUmls, "C123"), "bad_code", "UMLS CUI"},
      {coded(kHpo, "HP:12"), "bad_code", "HPO"},
      {coded(kOmim, "12"), "bad_code", "OMIM"},
      {coded(kSnomed, "74035001", "&knowledgeResponseType=text%2Fhtml"), "bad_response_type",
       "knowledgeResponseType"},
      {coded(kSnomed, "74035001", "&informationRecipient.languageCode.c=e"), "bad_language",
       "language"},
      {query({{"mainSearchCriteria.v.dn", std::string(201, 'a')}}), "display_name_too_long", "200"},
  };
  for (const auto& c : cases) {
    // JSON when JSON was asked for...
    const auto j =
        http_get(port(), c.target + (c.target.find('?') == std::string::npos ? "?" : "&") +
                             "knowledgeResponseType=application%2Fjson");
    if (c.code != "bad_response_type") {
      EXPECT_EQ(j.status, 400) << c.target;
      ASSERT_EQ(j.header("content-type"), "application/json; charset=utf-8") << c.target;
      const auto body = json::parse(j.body);
      EXPECT_EQ(body["error"]["code"], c.code) << c.target;
      EXPECT_NE(body["error"]["message"].get<std::string>().find(c.words), std::string::npos)
          << body.dump();
    }
    // ...and an error page otherwise (JSON again by Accept).
    const auto html = http_get(port(), c.target);
    EXPECT_EQ(html.status, 400) << c.target;
    EXPECT_TRUE(html.header("content-type").starts_with("text/html")) << c.target;
    const auto accept = http_get(port(), c.target, {{"Accept", "application/json"}});
    EXPECT_EQ(accept.status, 400);
    EXPECT_EQ(json::parse(accept.body)["error"]["code"], c.code) << c.target;
  }
}

// Whatever the display name holds, the feed stays well-formed XML and the
// name comes back as text.
TEST_F(Infobutton, MarkupInParametersStaysText) {
  const std::string name = "<script>alert(\"x\")</script> & ]]> muscle atrophy";
  const auto f = atom(query({{"mainSearchCriteria.v.dn", name}}));
  EXPECT_NE(f.subtitle.find(name), std::string::npos) << f.subtitle;
  bool echoed = false;
  for (const auto& [scheme, term] : f.categories) echoed |= term == name;
  EXPECT_TRUE(echoed);
  // A Host header that is not a host name gives relative links, never markup.
  const auto r = http_get(port(), coded(kUmls, "C9999901"), {{"Host", "evil\"><x"}});
  ASSERT_EQ(r.status, 200);
  const auto g = parse_atom(r.body);
  ASSERT_EQ(g.entries.size(), 1u);
  EXPECT_TRUE(g.entries[0].link.starts_with("/articles/")) << g.entries[0].link;
}

TEST_F(Infobutton, OpenApiDocumentAndApiPageAreServed) {
  const auto r = http_get(port(), "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  const auto doc = json::parse(r.body);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  // It is the file kept in the repository.
  EXPECT_EQ(doc, json::parse(read_file(source_dir() / "docs/openapi.json")));
  for (const char* path : {"/infobutton", "/api/v1/check", "/api/v1/ask", "/api/v1/articles/{slug}",
                           "/api/v1/diseases/{id}", "/api/v1/drafts/{slug}/revisions"})
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  const auto page = http_get(port(), "/api");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.header("content-type").starts_with("text/html"));
  // The document's introduction once, not again under operations that have
  // no description of their own.
  const std::string intro = doc["info"]["description"].get<std::string>().substr(0, 40);
  std::size_t seen = 0;
  for (auto at = page.body.find(intro); at != std::string::npos; at = page.body.find(intro, at + 1))
    ++seen;
  EXPECT_EQ(seen, 1u);
  // Generated from the document: every operation is on the page.
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      EXPECT_NE(page.body.find("<code>" + upper + " " + path + "</code>"), std::string::npos)
          << upper << " " << path;
    }
}

// Without HPO data the coded routes through HPO find nothing, but nothing
// fails: CUIs still reach MedQuAD articles.
TEST(InfobuttonWithoutHpo, CodesThroughHpoFindNothingAndSaySo) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  TempDir dir;
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  const auto imported = run({binary(), "import", "medquad", invented_medquad(dir), "--db", db});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  ServerProcess server({"--db", db, "--no-sample"});
  for (const auto& [cs, code] : std::vector<std::pair<std::string, std::string>>{
           {kSnomed, "74035001"}, {kHpo, "HP:0003202"}, {kOmim, "999901"}}) {
    const auto r = http_get(server.port(), coded(cs, code));
    ASSERT_EQ(r.status, 200) << cs;
    const auto f = parse_atom(r.body);
    EXPECT_TRUE(f.entries.empty()) << cs;
    EXPECT_NE(f.subtitle.find("Nothing is held"), std::string::npos) << f.subtitle;
  }
  const auto cui = parse_atom(http_get(server.port(), coded(kUmls, "C9999901")).body);
  EXPECT_EQ(cui.entries.size(), 1u);
}

// The "done when" on the real data: MedQuAD and the HPO release from
// ../shared. A SNOMED CT code HPO cross-references to a term whose UMLS CUI
// a MedQuAD document lists must return that document's article. Which code
// is read from the data, not written here.
TEST(InfobuttonRealData, SnomedCodeOfAConditionMedquadCoversReturnsItsArticle) {
  const auto medquad = shared_dir() / "data" / "medquad";
  const auto hpo = shared_dir() / "data" / "hpo";
  if (!fs::is_directory(medquad) || !fs::exists(hpo / "hp.json"))
    GTEST_SKIP() << "MedQuAD or HPO is not in " << shared_dir() << "/data; skipping.";
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {binary(), "import", "medquad", medquad.string(), "--db", db},
           {binary(), "import", "hpo", (hpo / "hp.json").string(), "--db", db},
           {binary(), "import", "hpoa", (hpo / "phenotype.hpoa").string(), "--db", db}}) {
    const auto r = run(args);
    ASSERT_EQ(r.exit_code, 0) << args[2] << ": " << r.err;
  }
  ServerProcess server({"--db", db, "--no-sample"}, std::chrono::seconds(180));
  // Hypertension in HPO (HP:0000822) is cross-referenced to SNOMED CT
  // 38341003 and UMLS C0020538; find them in the file rather than trust this.
  const auto hp = json::parse(read_file(hpo / "hp.json"));
  std::set<std::string> cuis;
  std::string snomed, label;
  for (const auto& node : hp["graphs"][0]["nodes"]) {
    if (node.value("id", "") != "http://purl.obolibrary.org/obo/HP_0000822") continue;
    label = node.value("lbl", "");
    for (const auto& x : node["meta"]["xrefs"]) {
      const std::string v = x["val"];
      if (v.starts_with("UMLS:")) cuis.insert(v.substr(5));
      if (v.starts_with("SNOMEDCT_US:") && snomed.empty()) snomed = v.substr(12);
    }
  }
  ASSERT_FALSE(snomed.empty());
  ASSERT_FALSE(cuis.empty());
  const auto target = coded(kSnomed, snomed);
  const auto r = http_get(server.port(), target);
  ASSERT_EQ(r.status, 200);
  const auto f = parse_atom(r.body);
  std::size_t articles = 0;
  for (const auto& e : f.entries) {
    if (e.kind != "article") continue;
    ++articles;
    const auto slug = e.link.substr(e.link.rfind('/') + 1);
    const auto a = json::parse(http_get(server.port(), "/api/v1/articles/" + slug).body);
    bool shares = false;
    for (const auto& c : a["condition"]["cuis"]) shares |= cuis.count(c.get<std::string>()) > 0;
    const bool named =
        a["condition"]["name"].get<std::string>().find("ypertension") != std::string::npos;
    EXPECT_TRUE(shares || named) << slug << " " << a["condition"].dump();
    EXPECT_NE(e.summary.find("MedQuAD"), std::string::npos);
    EXPECT_EQ(e.rights, "CC BY 4.0");
  }
  EXPECT_GE(articles, 1u) << r.body.substr(0, 2000);
  // However many articles there are, the HPO term itself keeps its place.
  EXPECT_LE(f.entries.size(), 10u);
  ASSERT_FALSE(f.entries.empty());
  EXPECT_EQ(f.entries.back().kind, "phenotype");
  EXPECT_EQ(f.entries.back().title, label);
  const auto j = json::parse(
      http_get(server.port(), target + "&knowledgeResponseType=application%2Fjson").body);
  EXPECT_EQ(j["feed"]["entry"].size(), f.entries.size());
}

}  // namespace
}  // namespace symptomdb::test
