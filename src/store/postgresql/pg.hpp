// Thin RAII handles over libpq, PostgreSQL's own C client library: a
// connection that prepares each distinct statement once and reuses it, a
// result, a transaction guard and a small connection pool.
//
// Why libpq rather than libpqxx: the SQLite side is already a thin wrapper
// over a C API (store/sqlite.hpp), and libpq keeps the two alike; Debian 12's
// libpqxx is 6.4, an older API than today's 7.x, and its headers are heavy to
// compile on small build machines; what we need from it (parameters, prepared
// statements, COPY, notifications) is a few libpq calls.
#pragma once

#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/store.hpp"

struct pg_conn;
struct pg_result;

namespace symptomdb::store::pg {

// A statement failed on a live connection; carries the SQLSTATE so callers
// can tell a unique violation (23505) from other errors.
class SqlError : public StoreError {
 public:
  SqlError(const std::string& message, std::string sqlstate)
      : StoreError(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// One statement parameter, sent as text; nullopt is SQL NULL.
struct Param {
  std::optional<std::string> value;
  Param(std::nullopt_t) {}
  Param(std::string_view v) : value(std::string(v)) {}
  Param(const std::string& v) : value(v) {}
  Param(const char* v) : value(std::string(v)) {}
  template <std::integral T>
  requires(!std::same_as<T, char>) Param(T v) : value(std::to_string(v)) {}
  Param(std::optional<std::int64_t> v) {
    if (v) value = std::to_string(*v);
  }
};

class Result;

// One row of a result, read like SQLite's Statement (store/rows.hpp reads
// rows of either through text(), integer() and is_null()).
class RowRef {
 public:
  RowRef(const Result& result, int row) : result_(&result), row_(row) {}
  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  const Result* result_;
  int row_;
};

class Result {
 public:
  explicit Result(pg_result* res) : res_(res) {}
  ~Result();
  Result(Result&& other) noexcept : res_(other.res_) { other.res_ = nullptr; }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  Result& operator=(Result&&) = delete;

  int rows() const;
  int columns() const;
  bool empty() const { return rows() == 0; }
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  RowRef row(int r) const { return {*this, r}; }
  // Calls f(row) for each row, as Statement::each does on SQLite.
  template <class F>
  void each(F&& f) const {
    for (int r = 0; r < rows(); ++r) f(row(r));
  }
  // Rows changed by an INSERT, UPDATE or DELETE.
  std::int64_t affected() const;

 private:
  pg_result* res_;
};

class Connection {
 public:
  // Throws StoreUnavailable when the server cannot be reached.
  explicit Connection(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without parameters (BEGIN, migrations).
  void exec(const std::string& sql);
  // Runs a statement with $1, $2, ... parameters, prepared on first use on
  // this connection and reused afterwards.
  Result run(const std::string& sql, std::initializer_list<Param> params = {});
  Result run(const std::string& sql, const std::vector<Param>& params);
  // COPY ... FROM STDIN with rows already in COPY's text format.
  void copy_in(const std::string& copy_sql, const std::string& data);

  // False once the connection is known to be broken.
  bool ok() const;
  // True when no transaction is open (safe to hand to another caller).
  bool idle() const;
  // Statements sent since the last reset_count(): a failure on the first
  // one after a server restart can be retried on a fresh connection.
  int sent() const { return sent_; }
  void reset_count() { sent_ = 0; }
  pg_conn* handle() const { return conn_; }

 private:
  [[noreturn]] void fail(const std::string& what, pg_result* res);
  void check(pg_result* res, const std::string& what);

  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  int sent_ = 0;
};

// Rows in COPY's text format, for Connection::copy_in: tab-separated,
// newline-terminated, with backslash escapes for the characters that would
// end a field or a row, and \N for NULL.
class CopyRows {
 public:
  CopyRows& field(std::string_view v);
  CopyRows& field(std::int64_t v) { return field(std::string_view(std::to_string(v))); }
  CopyRows& null();
  void end_row();
  const std::string& data() const { return out_; }

 private:
  void separate();

  std::string out_;
  bool first_ = true;
};

// BEGIN on construction, ROLLBACK on destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Connection& c);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& c_;
  bool done_ = false;
};

// At most `size` connections, opened on demand and kept for reuse. A broken
// connection, or one returned inside a transaction, is closed instead of
// being reused, so the pool heals itself after a server restart.
class Pool {
 public:
  Pool(std::string url, std::size_t size);

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> c, bool reused)
        : pool_(&pool), c_(std::move(c)), reused_(reused) {}
    ~Lease();
    Lease(Lease&& other) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    Connection& operator*() const { return *c_; }
    Connection* operator->() const { return c_.get(); }
    // Whether the connection had served an earlier caller.
    bool reused() const { return reused_; }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> c_;
    bool reused_;
  };

  // Waits for a free connection, up to a few seconds (StoreUnavailable then).
  Lease acquire();
  // Closes every idle connection: after one was found broken, the others
  // (to the same server) most likely are too.
  void discard_idle();
  const std::string& url() const { return url_; }

 private:
  void release(std::unique_ptr<Connection> c);

  std::string url_;
  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
};

inline std::string RowRef::text(int column) const {
  return result_->text(row_, column);
}
inline std::int64_t RowRef::integer(int column) const {
  return result_->integer(row_, column);
}
inline bool RowRef::is_null(int column) const {
  return result_->is_null(row_, column);
}

}  // namespace symptomdb::store::pg
