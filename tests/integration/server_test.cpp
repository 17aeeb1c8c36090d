// The real server on a loopback port with a real SQLite file, and the same
// over PostgreSQL: JSON, HTML, errors, limits, live refresh after an import,
// and graceful shutdown.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <thread>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {
namespace {

using nlohmann::json;

// One server per store (SQLite and PostgreSQL), started by the suite's
// first test on that store and shared by the rest.
class ServerTest : public ::testing::TestWithParam<Backend> {
 protected:
  struct Site {
    std::unique_ptr<TestDatabase> db;
    std::unique_ptr<ServerProcess> server;
  };
  void SetUp() override {
    SYMPTOMDB_SKIP_WITHOUT(GetParam());
    if (!dir_) dir_ = new TempDir();
    auto& site = (*sites())[GetParam()];
    if (!site.server) {
      site.db = std::make_unique<TestDatabase>(GetParam());
      // The seed-like fixture stands in for the seed so the suite runs without ../shared.
      const auto r =
          run({binary(), "import", "seed", (source_dir() / "tests/fixtures/seed_like.txt").string(),
               "--db", site.db->location()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      site.server = std::make_unique<ServerProcess>(std::vector<std::string>{
          "--db", site.db->location(), "--content", (source_dir() / "content").string(),
          "--refresh-seconds", "0.2"});
    }
    db_ = site.db->location();
    server_ = site.server.get();
  }
  static void TearDownTestSuite() {
    sites()->clear();
    delete dir_;
    dir_ = nullptr;
  }
  static std::map<Backend, Site>* sites() {
    static std::map<Backend, Site> all;
    return &all;
  }
  std::uint16_t port() const { return server_->port(); }

  static inline TempDir* dir_ = nullptr;
  std::string db_;
  ServerProcess* server_ = nullptr;
};

INSTANTIATE_TEST_SUITE_P(Both, ServerTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

TEST_P(ServerTest, HealthzReportsOk) {
  const auto r = http_get(port(), "/healthz");
  ASSERT_EQ(r.status, 200);
  const auto j = json::parse(r.body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["schema_version"], 8);
  EXPECT_TRUE(j["checker"] == "building" || j["checker"] == "ready") << r.body;
}

// The checker's profiles are built after start on a thread of their own;
// /healthz says when that is done, so that a load balancer or a benchmark
// can wait for a warm server.
TEST_P(ServerTest, HealthzSaysWhenTheCheckerIsWarm) {
  std::string last;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto r = http_get(port(), "/healthz");
    ASSERT_EQ(r.status, 200);
    last = r.body;
    if (json::parse(r.body)["checker"] == "ready") return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL() << "the checker was not ready within 60 s; last /healthz: " << last;
}

TEST_P(ServerTest, ArticleJsonIsStructured) {
  const auto r = http_get(port(), "/api/v1/articles/shin-splints");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  const auto j = json::parse(r.body);
  EXPECT_EQ(j["title"], "How can I ease shin splints?");
  EXPECT_EQ(j["condition"]["name"], "Shin splints");
  EXPECT_EQ(j["condition"]["synonyms"][0], "medial tibial stress syndrome");
  EXPECT_EQ(j["sections"][0]["type"], "causes");
  EXPECT_EQ(j["sections"][0]["items"][1]["heading"], "Hard Surfaces");
  EXPECT_EQ(j["sections"][1]["type"], "treatment");
  EXPECT_EQ(j["author"]["name"], "Sam Example");
  EXPECT_EQ(j["author"]["credential"], "PT");
  EXPECT_FALSE(j["conclusion"].is_null());
  EXPECT_EQ(j["provenance"]["format"], "seed-text");
  EXPECT_EQ(j["provenance"]["imported_at"].get<std::string>().size(), 20u);
  EXPECT_NE(j["provenance"]["source_file"].get<std::string>().find("seed_like.txt"),
            std::string::npos);
}

TEST_P(ServerTest, ArticlePageIsLaidOutLikeTheSeed) {
  const auto r = http_get(port(), "/articles/shin-splints");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  const auto& h = r.body;
  EXPECT_EQ(h.rfind("<!doctype html>", 0), 0u);
  EXPECT_NE(h.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(h.find("name=\"viewport\""), std::string::npos);
  EXPECT_NE(h.find(">How can I ease shin splints?</h1>"), std::string::npos);
  EXPECT_NE(h.find(">Causes of Shin Splints</h2>"), std::string::npos);
  EXPECT_NE(h.find(">Hard Surfaces</h3>"), std::string::npos);
  EXPECT_NE(h.find("class=\"byline\""), std::string::npos);
  EXPECT_NE(h.find("Example Sports Clinic, Springfield"), std::string::npos);
  EXPECT_NE(h.find("Rate author"), std::string::npos);
  EXPECT_NE(h.find("Add a comment"), std::string::npos);
  EXPECT_NE(h.find("not a diagnosis"), std::string::npos);
  EXPECT_NE(h.find("<main id=\"main\""), std::string::npos);
  EXPECT_NE(h.find("\"@type\":\"MedicalWebPage\""), std::string::npos);
  EXPECT_NE(h.find("\"possibleTreatment\""), std::string::npos);
  // Usable without JavaScript: forms are plain GET forms, and the only
  // script is the optional, deferred autocomplete.
  EXPECT_NE(h.find("action=\"/search\" method=\"get\""), std::string::npos);
  std::size_t scripts = 0;
  for (auto p = h.find("<script"); p != std::string::npos; p = h.find("<script", p + 1)) {
    const auto tag = h.substr(p, h.find('>', p) - p);
    EXPECT_TRUE(tag.find("application/ld+json") != std::string::npos ||
                tag.find("src=\"/static/suggest.js\" defer") != std::string::npos)
        << tag;
    ++scripts;
  }
  EXPECT_EQ(scripts, 2u);
  EXPECT_NE(r.header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
}

TEST_P(ServerTest, SampleContentWasNotImportedIntoANonEmptyDatabase) {
  // The database had the fixture, so the sample content stays out.
  const auto j = json::parse(http_get(port(), "/api/v1/conditions").body);
  EXPECT_EQ(j["count"], 1);
}

TEST_P(ServerTest, HomeListsConditionsAndSearchFindsThem) {
  const auto home = http_get(port(), "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Conditions A&ndash;Z"), std::string::npos);
  EXPECT_NE(home.body.find("href=\"/articles/shin-splints\""), std::string::npos);
  const auto s = json::parse(http_get(port(), "/api/v1/search?q=mtss").body);
  ASSERT_EQ(s["count"], 1);
  EXPECT_EQ(s["results"][0]["slug"], "shin-splints");
  const auto page = http_get(port(), "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<script>alert(1)"), std::string::npos);  // reflected text is escaped
  EXPECT_NE(page.body.find("&lt;script&gt;alert(1)"), std::string::npos);
}

TEST_P(ServerTest, UnknownPagesAre404InTheRightFormat) {
  auto r = http_get(port(), "/api/v1/articles/no-such-thing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "article_not_found");
  r = http_get(port(), "/articles/no-such-thing");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("<h1 id=\"error-h\">404"), std::string::npos);
  r = http_get(port(), "/nothing/here", {{"Accept", "application/json"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(json::parse(r.body).contains("error"));
}

TEST_P(ServerTest, BadRequestsGet4xxAndTheServerCarriesOn) {
  EXPECT_EQ(http_request(port(), "POST", "/api/v1/articles/shin-splints", {}, "{}").status, 405);
  EXPECT_EQ(http_request(port(), "DELETE", "/").status, 405);
  EXPECT_EQ(http_get(port(), "/api/v1/search?q=%E0%A4").status, 400);
  EXPECT_EQ(http_get(port(), "/api/v1/search?q=a&limit=9999").status, 400);
  // Oversized body.
  EXPECT_EQ(http_request(port(), "POST", "/", {}, std::string(2 * 1024 * 1024, 'x')).status, 413);
  // Oversized headers and garbage on the wire, sent raw.
  const auto big = raw_exchange(
      port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n");
  EXPECT_EQ(big.rfind("HTTP/1.1 431", 0), 0u) << big.substr(0, 80);
  const auto garbage = raw_exchange(port(), "\x16\x03\x01 not http at all\r\n\r\n");
  EXPECT_EQ(garbage.rfind("HTTP/1.1 400", 0), 0u) << garbage.substr(0, 80);
  // Still serving.
  EXPECT_EQ(http_get(port(), "/healthz").status, 200);
}

TEST_P(ServerTest, HeadAndConditionalGet) {
  const auto full = http_get(port(), "/api/v1/articles/shin-splints");
  const auto head = http_request(port(), "HEAD", "/api/v1/articles/shin-splints");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("content-length"), std::to_string(full.body.size()));
  const auto etag = full.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(http_get(port(), "/api/v1/articles/shin-splints", {{"If-None-Match", etag}}).status,
            304);
}

TEST_P(ServerTest, AccessLogIsOneJsonObjectPerLine) {
  http_get(port(), "/healthz");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the log flushes each second
  http_get(port(), "/healthz");
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  std::istringstream lines(server_->log());
  std::string line;
  int access = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const auto j = json::parse(line);  // throws (fails the test) if not JSON
    if (j["type"] == "access") {
      ++access;
      EXPECT_TRUE(j.contains("status"));
      EXPECT_TRUE(j.contains("ms"));
      EXPECT_TRUE(j.contains("id"));
    }
  }
  EXPECT_GT(access, 0);
}

TEST_P(ServerTest, ZzImportWhileRunningIsServedWithoutRestart) {
  const std::string md = "---\ntitle: Is this live?\ncondition: Liveness\n---\nIntro text.\n";
  const auto path = dir_->write("live/liveness.md", md);
  ASSERT_EQ(run({binary(), "import", "markdown", path, "--db", db_}).exit_code, 0);
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = http_get(port(), "/api/v1/articles/liveness").status;
  }
  EXPECT_EQ(status, 200);
}

// On SQLite, and on PostgreSQL in the …/PostgreSQL run (support/stores.hpp).
TEST(ServerLifecycle, FirstStartFillsAnEmptyDatabaseWithSampleContent) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase db(site_backend());
  ServerProcess server({"--db", db.location(), "--content", (source_dir() / "content").string()});
  const auto j = json::parse(http_get(server.port(), "/api/v1/conditions").body);
  EXPECT_GE(j["count"].get<int>(), 12);
  const auto a = json::parse(http_get(server.port(), "/api/v1/articles/muscle-atrophy").body);
  EXPECT_TRUE(a["sample"].get<bool>());
  EXPECT_NE(http_get(server.port(), "/articles/muscle-atrophy").body.find("Sample content"),
            std::string::npos);
}

TEST(ServerLifecycle, SigtermFinishesGracefully) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase db(site_backend());
  ServerProcess server({"--db", db.location(), "--no-sample"});
  EXPECT_EQ(http_get(server.port(), "/healthz").status, 200);
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_NE(server.log().find("\"event\":\"stopped\""), std::string::npos) << server.log();
}

TEST(ServerLifecycle, BusyPortIsAClearError) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase a(site_backend()), b(site_backend());
  ServerProcess first({"--db", a.location(), "--no-sample"});
  const auto r = run({binary(), "serve", "--db", b.location(), "--no-sample", "--port",
                      std::to_string(first.port())});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("cannot listen"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace symptomdb::test
