// The server's parts assembled and torn down without a network listener:
// sample content imported into an empty database, the site built, the
// refresher picking up a write made by another connection, and a failure
// half-way through construction releasing what was built. On SQLite, and on
// PostgreSQL in the …/PostgreSQL run (support/stores.hpp), where the refresher
// hears of the other connection's write through LISTEN/NOTIFY.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "app/server_assembly.hpp"
#include "core/error.hpp"
#include "ingest/collect.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::app {
namespace {

web::Response get(web::App& app, const std::string& target) {
  web::Request r;
  r.method = "GET";
  r.target = target;
  return app.handle(r);
}

std::size_t articles_served(web::App& app) {
  return nlohmann::json::parse(get(app, "/healthz").payload())["articles"].get<std::size_t>();
}

ServerConfig config_in(const test::TempDir& dir, const test::TestDatabase& db) {
  ServerConfig c;
  c.db = db.location();
  c.access_log = dir.file("access.log");
  c.refresh_seconds = 0.05;
  c.version = "test";
  return c;
}

TEST(ServerAssembly, ImportsTheSampleIntoAnEmptyDatabaseAndServesIt) {
  SYMPTOMDB_SKIP_WITHOUT(test::site_backend());
  test::TempDir dir;
  const test::TestDatabase db(test::site_backend());
  auto config = config_in(dir, db);
  config.sample_content_dir = std::string(SYMPTOMDB_SOURCE_DIR) + "/content";
  const auto sample = ingest::collect_files({config.sample_content_dir}, ".md").size();
  ASSERT_GT(sample, 0u);
  {
    ServerAssembly server(config);
    EXPECT_EQ(server.store().count_articles(), sample);
    EXPECT_EQ(articles_served(server.app()), sample);
    EXPECT_EQ(get(server.app(), "/login").status, 200);  // the features are wired in
  }
  // Destroyed: the log was flushed and closed, and names what happened.
  EXPECT_NE(test::read_file(dir.file("access.log")).find("sample-content"), std::string::npos);
  // A database that has articles is left alone the next time.
  ServerAssembly again(config);
  EXPECT_EQ(again.store().count_articles(), sample);
}

TEST(ServerAssembly, TheRefresherPublishesWhatAnotherConnectionWrote) {
  SYMPTOMDB_SKIP_WITHOUT(test::site_backend());
  test::TempDir dir;
  const test::TestDatabase db(test::site_backend());
  auto config = config_in(dir, db);
  ServerAssembly server(config);
  EXPECT_EQ(articles_served(server.app()), 0u);
  // Another process (an import) writes to the same database.
  const auto files = ingest::collect_files({std::string(SYMPTOMDB_SOURCE_DIR) + "/content"}, ".md");
  ASSERT_FALSE(files.empty());
  store::open_store(config.db)->put_articles(
      ingest::parse_files({files.front()}, ingest::Format::markdown));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (articles_served(server.app()) == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(articles_served(server.app()), 1u);
}

TEST(ServerAssembly, AFailureHalfWayReleasesWhatWasBuilt) {
  SYMPTOMDB_SKIP_WITHOUT(test::site_backend());
  test::TempDir dir;
  const test::TestDatabase db(test::site_backend());
  auto config = config_in(dir, db);
  config.sample_content_dir = dir.file("bad");
  dir.write("bad/broken.md", "---\ntitle: [unclosed\n---\n");
  EXPECT_THROW(ServerAssembly{config}, ParseError);
  // The database and the log file are closed again: both can be opened and
  // removed, and nothing was imported.
  EXPECT_EQ(store::open_store(config.db)->count_articles(), 0u);
  config.access_log = dir.file("nowhere/access.log");  // a directory that does not exist
  config.sample_content_dir.clear();
  EXPECT_THROW(ServerAssembly{config}, std::runtime_error);
}

web::Response check_description(web::App& app, const std::string& text) {
  web::Request r;
  r.method = "POST";
  r.target = "/api/v1/check";
  r.content_type = "application/json";
  r.body = nlohmann::json{{"description", text}}.dump();
  return app.handle(r);
}

std::vector<Article> sample_articles() {
  return ingest::parse_files(
      ingest::collect_files({std::string(SYMPTOMDB_SOURCE_DIR) + "/content"}, ".md"),
      ingest::Format::markdown);
}

bool wait_for(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!done() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return done();
}

// The profiles are built when a site is published, without a check asking,
// and a check right after start gets a full answer.
TEST(ServerAssembly, BuildsTheConditionProfilesWhenASiteIsPublished) {
  SYMPTOMDB_SKIP_WITHOUT(test::site_backend());
  test::TempDir dir;
  const test::TestDatabase db(test::site_backend());
  auto config = config_in(dir, db);
  config.sample_content_dir = std::string(SYMPTOMDB_SOURCE_DIR) + "/content";
  ServerAssembly server(config);
  const auto r = check_description(server.app(), "sore throat, runny nose");
  ASSERT_EQ(r.status, 200) << r.payload();
  const auto j = nlohmann::json::parse(r.payload());
  ASSERT_FALSE(j["conditions"].empty());
  EXPECT_FALSE(j["triage"]["level"].get<std::string>().empty());
  // A second site, published by a write from another connection, gets its
  // profiles with no check at all.
  const auto first = server.app().site();
  auto one = sample_articles();
  one.resize(1);
  store::open_store(config.db)->put_articles(one);
  ASSERT_TRUE(wait_for([&] { return server.app().site() != first; }));
  EXPECT_TRUE(wait_for([&] { return server.app().site()->conditions_ready(); }));
  EXPECT_EQ(server.app().checker_site(), server.app().site());
}

// While the current site's profiles are being built, checks are answered
// from the last site whose profiles were ready, whole (its articles and
// profiles belong together); the fallback is let go once the current is
// ready. Before any site was ready, the current one answers (and waits).
TEST(App, ChecksUseTheLastSiteWithBuiltProfilesWhileTheNewOneIsBuilt) {
  auto a = std::make_shared<const web::Site>(sample_articles());
  web::App app(a, web::HealthInfo{"test", 0});
  EXPECT_EQ(app.checker_site(), a);  // nothing ready: the current one
  a->conditions();
  ASSERT_TRUE(a->conditions_ready());
  auto b = std::make_shared<const web::Site>(sample_articles());
  app.publish(b);
  EXPECT_EQ(app.checker_site(), a);
  EXPECT_FALSE(b->conditions_ready());  // the check above did not build it
  // A third site published before the second was ready: still the first.
  auto c = std::make_shared<const web::Site>(sample_articles());
  app.publish(c);
  EXPECT_EQ(app.checker_site(), a);
  c->conditions();
  EXPECT_EQ(app.checker_site(), c);
  std::weak_ptr<const web::Site> old = a;
  a.reset();
  app.release_checker_fallback();
  EXPECT_TRUE(old.expired());
  // A check through the App answers from the ready site.
  EXPECT_EQ(check_description(app, "sore throat, runny nose").status, 200);
}

}  // namespace
}  // namespace symptomdb::app
