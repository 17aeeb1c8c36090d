// Shared pieces of the account, security and editorial suites: a server
// over a fresh database holding the seed-like fixture, and the steps a reader
// takes (register, sign in, sign out) done the way a browser does them.
//
// One test suite, two stores: the database is a SQLite file, or with
// SYMPTOMDB_TEST_STORE=postgresql a PostgreSQL schema of its own (CTest runs
// these suites both ways; the PostgreSQL run's names end in /PostgreSQL and
// skip, saying why, when there is no PostgreSQL).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "support/db.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {

inline const std::string kPassword = "correct horse battery";  // 21 characters
inline const std::string kAuthor = "sam-example";              // the fixture's author
inline const std::string kArticle = "/articles/shin-splints";

// A database with tests/fixtures/seed_like.txt imported, made once per test
// process; each test gets its own copy.
inline const std::string& template_db() {
  // A static initialised by a throwing lambda is tried again on the next call.
  static const std::string path = [] {
    static TempDir dir;  // removed when the process ends
    const std::string p = dir.file("template.db");
    std::filesystem::remove(p);
    const auto r = run({binary(), "import", "seed",
                        (source_dir() / "tests/fixtures/seed_like.txt").string(), "--db", p});
    if (r.exit_code != 0) throw std::runtime_error("import of the fixture failed: " + r.err);
    return p;
  }();
  return path;
}

// A fresh database of the store under test holding the same fixture: a copy of
// template_db() on SQLite, a schema of its own imported into on PostgreSQL.
// Call SYMPTOMDB_SKIP_WITHOUT(site_backend()) first.
inline std::unique_ptr<TestDatabase> seeded_database() {
  auto db = std::make_unique<TestDatabase>(site_backend());
  if (db->backend() == Backend::sqlite) {
    std::filesystem::copy_file(template_db(), db->location());
    return db;
  }
  const auto r =
      run({binary(), "import", "seed", (source_dir() / "tests/fixtures/seed_like.txt").string(),
           "--db", db->location()});
  if (r.exit_code != 0) throw std::runtime_error("import of the fixture failed: " + r.err);
  return db;
}

// One server, its own database, for one test.
class SiteFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    SYMPTOMDB_SKIP_WITHOUT(site_backend());
    if (site_backend() == Backend::sqlite) {
      db_ = dir_.file("site.db");
      std::filesystem::copy_file(template_db(), db_);
    } else {
      pg_ = std::make_unique<TestDatabase>(Backend::postgresql);
      db_ = pg_->location();
      const auto r = run({binary(), "import", "seed",
                          (source_dir() / "tests/fixtures/seed_like.txt").string(), "--db", db_});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", db_, "--no-sample"});
  }
  bool on_postgresql() const { return pg_ != nullptr; }
  std::uint16_t port() const { return server_->port(); }
  Client client() const { return Client(port()); }

  // `symptomdb user add` with the password on stdin.
  CommandResult cli_add_user(const std::string& username, const std::string& password,
                             const std::string& role = "reader", const std::string& display = "") {
    std::vector<std::string> argv = {binary(), "user", "add",  username,
                                     "--role", role,   "--db", db_};
    if (!display.empty()) argv.insert(argv.end(), {"--display-name", display});
    return run(argv, password + "\n");
  }
  CommandResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), binary());
    args.insert(args.end(), {"--db", db_});
    return run(args);
  }

  // Rows of a query on the server's database (SQL both stores understand,
  // or a branch on on_postgresql()).
  Rows db(const std::string& sql) const { return pg_ ? pg_->query(sql) : query_db(db_, sql); }
  std::string db_value(const std::string& sql) const {
    if (!pg_) return query_value(db_, sql);
    const auto rows = pg_->query(sql);
    if (rows.size() != 1 || rows[0].size() != 1)
      throw std::runtime_error("test query '" + sql + "' gave " + std::to_string(rows.size()) +
                               " rows");
    return rows[0][0];
  }

  TempDir dir_;
  std::string db_;  // the file or the PostgreSQL URL: what --db takes
  // Declared before the server, so that the server stops before its schema
  // is dropped.
  std::unique_ptr<TestDatabase> pg_;
  std::unique_ptr<ServerProcess> server_;
};

// Registers through /register as a browser would; returns the POST's answer.
inline HttpResponse register_user(Client& c, const std::string& username,
                                  const std::string& password = kPassword,
                                  const std::string& display = "") {
  const auto page = c.get("/register");
  EXPECT_EQ(page.status, 200);
  return c.post_form("/register", {{"csrf", c.csrf()},
                                   {"username", username},
                                   {"display_name", display},
                                   {"password", password},
                                   {"password2", password}});
}

// Signs in through /login as a browser would; returns the POST's answer.
inline HttpResponse login(Client& c, const std::string& username,
                          const std::string& password = kPassword, const std::string& next = "/") {
  const auto page = c.get("/login");
  EXPECT_EQ(page.status, 200) << "GET /login (already signed in?)";
  return c.post_form(
      "/login",
      {{"csrf", c.csrf()}, {"username", username}, {"password", password}, {"next", next}});
}

// Whether the client's cookie is a live session: /account shows the account
// to a signed-in reader and redirects anyone else to sign in.
inline bool signed_in(Client& c) {
  return c.get("/account").status == 200;
}

// The session's CSRF token, from the account page.
inline std::string session_csrf(Client& c) {
  const auto r = c.get("/account");
  EXPECT_EQ(r.status, 200) << "not signed in";
  return csrf_field(r.body);
}

// A signed-in reader, registered through the web.
inline Client new_reader(std::uint16_t port, const std::string& username,
                         const std::string& display = "") {
  Client c(port);
  const auto r = register_user(c, username, kPassword, display);
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_TRUE(c.cookie("sid")) << "registration did not sign " << username << " in";
  return c;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace symptomdb::test
