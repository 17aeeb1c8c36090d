// One test suite, two stores: a fresh, empty database of either kind for
// store tests parameterized over Backend.
//
// PostgreSQL comes from the throwaway cluster CTest starts before these tests
// (scripts/pg-temp-cluster.sh, fixture "postgresql"), whose state file names
// its URL; SYMPTOMDB_TEST_POSTGRESQL_URL overrides it with any server the
// tests may create schemas in. Each database is a schema of its own, dropped
// afterwards. Without a server the PostgreSQL cases skip with the reason.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <string_view>

#include "store/postgresql/pg.hpp"
#include "store/store.hpp"
#include "support/db.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {

enum class Backend { sqlite, postgresql };

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

// The URL in a scripts/pg-temp-cluster.sh state file, or empty with the
// reason in `why`.
inline std::string url_from_state(const std::string& path, std::string& why) {
  std::ifstream in(path);
  if (!in) {
    why =
        "no PostgreSQL test cluster: run the tests with ctest (which starts one), or set "
        "SYMPTOMDB_TEST_POSTGRESQL_URL";
    return "";
  }
  std::string line;
  while (std::getline(in, line)) {
    auto value = [&](std::string_view key) -> std::optional<std::string> {
      if (!line.starts_with(key)) return std::nullopt;
      std::string v = line.substr(key.size());
      if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') v = v.substr(1, v.size() - 2);
      return v;
    };
    if (auto v = value("URL=")) return *v;
    if (auto v = value("SKIP=")) why = *v;
  }
  if (why.empty()) why = "the PostgreSQL test cluster did not start (see the ctest log)";
  return "";
}

// The URL of a server to test against, or why there is none (in `why`).
inline std::string postgresql_test_url(std::string& why) {
  if (const char* url = std::getenv("SYMPTOMDB_TEST_POSTGRESQL_URL"); url && *url) return url;
  return url_from_state(SYMPTOMDB_TEST_PG_STATE, why);
}

// Appends a libpq parameter to a URL (which may already have a query).
inline std::string with_url_option(const std::string& url, const std::string& option) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + option;
}

class TestDatabase {
 public:
  // Call skip_reason() first for PostgreSQL: constructing one without a
  // server throws.
  explicit TestDatabase(Backend backend) : backend_(backend) {
    if (backend == Backend::sqlite) {
      location_ = dir_.file("t.db");
      return;
    }
    std::string why;
    admin_url_ = postgresql_test_url(why);
    std::random_device rd;
    schema_ = "t_" + std::to_string(rd()) + std::to_string(rd());
    store::pg::Connection(admin_url_).exec("CREATE SCHEMA " + schema_);
    // search_path makes the schema the store's (percent-encoded '=').
    location_ = with_url_option(admin_url_, "options=-csearch_path%3D" + schema_);
  }
  ~TestDatabase() {
    if (schema_.empty()) return;
    try {
      store::pg::Connection(admin_url_).exec("DROP SCHEMA " + schema_ + " CASCADE");
    } catch (const std::exception&) {
      // The cluster is deleted after the run anyway.
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // Why PostgreSQL tests cannot run here, or empty when they can.
  static std::string skip_reason(Backend backend) {
    if (backend == Backend::sqlite) return "";
    std::string why;
    return postgresql_test_url(why).empty() ? why : "";
  }

  Backend backend() const { return backend_; }
  const std::string& location() const { return location_; }
  std::unique_ptr<store::Store> open() const { return store::open_store(location_); }

  // Rows of a query through a connection of its own, each column as text
  // ("NULL" for NULL): what another process would see.
  Rows query(const std::string& sql) const {
    if (backend_ == Backend::sqlite) return query_db(location_, sql);
    store::pg::Connection c(location_);
    const auto res = c.run(sql);
    Rows rows;
    for (int r = 0; r < res.rows(); ++r) {
      std::vector<std::string> row;
      for (int col = 0; col < res.columns(); ++col)
        row.push_back(res.is_null(r, col) ? "NULL" : res.text(r, col));
      rows.push_back(std::move(row));
    }
    return rows;
  }
  // The single value of a one-row, one-column query.
  std::string value(const std::string& sql) const {
    const auto rows = query(sql);
    if (rows.size() != 1 || rows[0].size() != 1)
      throw std::runtime_error("test query '" + sql + "' gave " + std::to_string(rows.size()) +
                               " rows");
    return rows[0][0];
  }

 private:
  Backend backend_;
  TempDir dir_;
  std::string admin_url_, schema_, location_;
};

// The store of the suites that run once per store as a whole (accounts,
// security, editorial, checker): SQLite, or PostgreSQL when
// SYMPTOMDB_TEST_STORE=postgresql (CTest runs them both ways, the PostgreSQL
// run's names ending in /PostgreSQL).
inline Backend site_backend() {
  const char* store = std::getenv("SYMPTOMDB_TEST_STORE");
  return store && std::string_view(store) == "postgresql" ? Backend::postgresql : Backend::sqlite;
}

// Skips the current test when its backend is not available.
#define SYMPTOMDB_SKIP_WITHOUT(backend)                                                       \
  do {                                                                                        \
    if (const auto why = ::symptomdb::test::TestDatabase::skip_reason(backend); !why.empty()) \
      GTEST_SKIP() << why;                                                                    \
  } while (0)

}  // namespace symptomdb::test
