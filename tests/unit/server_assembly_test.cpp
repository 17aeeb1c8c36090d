// The server's parts assembled and torn down without a network listener:
// sample content imported into an empty database, the site built, the
// refresher picking up a write made by another connection, and a failure
// half-way through construction releasing what was built. On SQLite, and on
// PostgreSQL in the …/PostgreSQL run (support/stores.hpp), where the refresher
// hears of the other connection's write through LISTEN/NOTIFY.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
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

}  // namespace
}  // namespace symptomdb::app
