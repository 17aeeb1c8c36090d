// Small helpers shared by the PostgreSQL store's area files.
#pragma once

#include <string>

#include "store/postgresql/pg.hpp"

namespace symptomdb::store::pg {

// SQLState of a unique-constraint violation.
inline constexpr const char* kUniqueViolation = "23505";

// f() with every query it runs on `c` seeing one snapshot of the database:
// a read of several tables cannot see half of a concurrent import.
template <class F>
auto in_one_snapshot(Connection& c, F&& f) {
  Transaction tx(c);
  c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
  auto out = f();
  tx.commit();
  return out;
}

// store/rows.hpp's each_row(sql, f) on `c`, for queries without parameters.
inline auto each_row(Connection& c) {
  return [&c](const std::string& sql, auto&& f) { c.run(sql).each(f); };
}

}  // namespace symptomdb::store::pg
