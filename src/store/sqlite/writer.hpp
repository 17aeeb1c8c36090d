// The SQLite store's side of the shared writers (write_articles() in
// store/common.hpp, ontology_rows() and annotation_rows() in store/rows.hpp):
// runs their SQL with its values, each distinct statement prepared once per
// writer, so a batch of thousands of rows parses each statement once.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "store/rows.hpp"
#include "store/sqlite.hpp"

namespace symptomdb::store {

class SqliteWriter {
 public:
  explicit SqliteWriter(Database& db) : db_(db) {}

  // A statement RETURNING one integer: that integer.
  std::int64_t value(std::string_view sql, std::initializer_list<Value> values);
  // Any other statement: how many rows it changed.
  std::int64_t changes(std::string_view sql, std::initializer_list<Value> values);
  // One row into `table` (ontology_rows()' and annotation_rows()' add).
  void operator()(const Table& table, std::initializer_list<Value> values);

 private:
  Statement& bound(std::string_view sql, std::initializer_list<Value> values);

  Database& db_;
  std::map<std::string, Statement, std::less<>> prepared_;
};

}  // namespace symptomdb::store
