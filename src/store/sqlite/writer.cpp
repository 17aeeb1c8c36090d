#include "store/sqlite/writer.hpp"

#include <sqlite3.h>

#include <type_traits>
#include <variant>

#include "core/error.hpp"

namespace symptomdb::store {

Statement& SqliteWriter::bound(std::string_view sql, std::initializer_list<Value> values) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) it = prepared_.emplace(std::string(sql), db_.prepare(sql)).first;
  Statement& st = it->second;
  int column = 1;
  for (const auto& v : values)
    std::visit(
        [&](auto x) {
          if constexpr (std::is_same_v<decltype(x), std::nullptr_t>)
            st.bind_null(column++);
          else
            st.bind(column++, x);
        },
        v);
  return st;
}

std::int64_t SqliteWriter::value(std::string_view sql, std::initializer_list<Value> values) {
  Statement& st = bound(sql, values);
  if (!st.step()) throw StoreError("no value from: " + std::string(sql));
  const auto out = st.integer(0);
  st.reset();
  return out;
}

std::int64_t SqliteWriter::changes(std::string_view sql, std::initializer_list<Value> values) {
  bound(sql, values).run();
  return sqlite3_changes(db_.handle());
}

void SqliteWriter::operator()(const Table& table, std::initializer_list<Value> values) {
  std::string marks;
  for (std::size_t i = 0; i < values.size(); ++i) marks += i ? ", ?" : "?";
  changes(
      std::string("INSERT INTO ") + table.name + " (" + table.columns + ") VALUES (" + marks + ")",
      values);
}

}  // namespace symptomdb::store
