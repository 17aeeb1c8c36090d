// One real server per test suite, on a fresh site database with the bundled
// articles (content/): the store the suite runs against (site_backend():
// SQLite, or PostgreSQL with SYMPTOMDB_TEST_STORE=postgresql). Starting a
// server costs a second or two, so the tests of a suite share one; each test
// skips with the reason when the backend is not available.
//
//   class ReaderTest : public SiteServerSuite<ReaderTest> {};
//
// A suite that needs more in its database before the server starts (the
// checker's HPO fixture) defines a public `static void prepare(const std::string& db)`.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {

template <class Suite>
class SiteServerSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!TestDatabase::skip_reason(site_backend()).empty()) return;  // each test skips
    db_ = std::make_unique<TestDatabase>(site_backend());
    Suite::prepare(db_->location());
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--db", db_->location(), "--content", (source_dir() / "content").string()});
  }
  static void TearDownTestSuite() {
    server_.reset();  // stopped before its database goes
    db_.reset();
  }
  void SetUp() override { SYMPTOMDB_SKIP_WITHOUT(site_backend()); }

  // Nothing more than the schema by default.
  static void prepare(const std::string& /*db*/) {}
  static std::uint16_t port() { return server_->port(); }

 private:
  static inline std::unique_ptr<TestDatabase> db_;
  static inline std::unique_ptr<ServerProcess> server_;
};

}  // namespace symptomdb::test
