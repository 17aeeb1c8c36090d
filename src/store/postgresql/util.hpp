// Small helpers shared by the PostgreSQL store's area files.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "store/postgresql/pg.hpp"
#include "store/rows.hpp"

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

// The PostgreSQL store's side of write_articles() (store/common.hpp): runs
// its SQL, written with ? for each parameter, as $1, $2, ... on `c`.
class Writer {
 public:
  explicit Writer(Connection& c) : c_(c) {}
  std::int64_t value(std::string_view sql, std::initializer_list<Value> values) {
    return c_.run(numbered(sql), params(values)).integer(0, 0);
  }
  std::int64_t changes(std::string_view sql, std::initializer_list<Value> values) {
    return c_.run(numbered(sql), params(values)).affected();
  }

 private:
  // The shared SQL has no ? inside its string literals, so each ? is a
  // parameter.
  static std::string numbered(std::string_view sql) {
    std::string out;
    int n = 0;
    for (char ch : sql) {
      // Appended piece by piece: `"$" + std::to_string(n)` trips GCC 12's
      // false -Wrestrict in Release builds.
      if (ch == '?') {
        out += '$';
        out += std::to_string(++n);
      } else {
        out += ch;
      }
    }
    return out;
  }
  static std::vector<Param> params(std::initializer_list<Value> values) {
    std::vector<Param> out;
    for (const auto& v : values)
      std::visit(
          [&](auto x) {
            if constexpr (std::is_same_v<decltype(x), std::nullptr_t>)
              out.emplace_back(std::nullopt);
            else
              out.emplace_back(x);
          },
          v);
    return out;
  }

  Connection& c_;
};

// store/rows.hpp's each_row(sql, f) on `c`, for queries without parameters.
inline auto each_row(Connection& c) {
  return [&c](const std::string& sql, auto&& f) { c.run(sql).each(f); };
}

}  // namespace symptomdb::store::pg
