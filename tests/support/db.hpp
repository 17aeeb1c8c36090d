// Read-only look into a symptomdb database from tests, to check what a
// request did (or did not) store. Opens the file read-only, so a running
// server keeps sole ownership of writes.
#pragma once

#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace symptomdb::test {

using Rows = std::vector<std::vector<std::string>>;

// Every row of `sql`, each column as text ("NULL" for NULL).
inline Rows query_db(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    const std::string msg = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error("bad test query '" + sql + "': " + msg);
  }
  Rows rows;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const auto* t = sqlite3_column_text(st, i);
      row.emplace_back(t ? reinterpret_cast<const char*>(t) : "NULL");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  if (rc != SQLITE_DONE) throw std::runtime_error("test query '" + sql + "' failed");
  return rows;
}

// The single value of a one-row, one-column query.
inline std::string query_value(const std::string& path, const std::string& sql) {
  const auto rows = query_db(path, sql);
  if (rows.size() != 1 || rows[0].size() != 1)
    throw std::runtime_error("test query '" + sql + "' gave " + std::to_string(rows.size()) +
                             " rows");
  return rows[0][0];
}

}  // namespace symptomdb::test
