#include "store/postgresql/pg.hpp"

#include <fmt/format.h>

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>

namespace symptomdb::store::pg {
namespace {

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

Result::~Result() {
  PQclear(res_);
}

int Result::rows() const {
  return PQntuples(res_);
}

int Result::columns() const {
  return PQnfields(res_);
}

bool Result::is_null(int row, int column) const {
  return PQgetisnull(res_, row, column) != 0;
}

std::string Result::text(int row, int column) const {
  return std::string(PQgetvalue(res_, row, column),
                     static_cast<std::size_t>(PQgetlength(res_, row, column)));
}

std::int64_t Result::integer(int row, int column) const {
  const char* v = PQgetvalue(res_, row, column);
  const char* end = v + PQgetlength(res_, row, column);
  std::int64_t out = 0;
  if (v == end) return 0;  // NULL reads as 0, like sqlite3_column_int64
  if (std::from_chars(v, end, out).ec != std::errc())
    throw StoreError("column " + std::to_string(column) +
                     " is not an integer: " + std::string(v, end));
  return out;
}

std::int64_t Result::affected() const {
  const char* n = PQcmdTuples(res_);
  return n && *n ? std::stoll(n) : 0;
}

Connection::Connection(const std::string& url) {
  // A server that does not answer at all (host down, packets dropped) must
  // not hang a request for the system's TCP timeout: 5 s unless the URL
  // says otherwise (its own parameters come later, so they win).
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"5", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, 1);
  if (!conn_) throw StoreUnavailable("cannot reach PostgreSQL: out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    // The message names host and reason but not the password.
    const std::string msg = trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreUnavailable("cannot reach PostgreSQL: " + msg);
  }
  // Notices ("relation already exists, skipping") are the server talking to
  // a person at a terminal; libpq would print them on stderr.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  // Every timestamp the store writes is text it formats itself; the session
  // settings that matter are pinned so that every node behaves alike.
  exec("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
}

Connection::~Connection() {
  PQfinish(conn_);
}

bool Connection::ok() const {
  return PQstatus(conn_) == CONNECTION_OK;
}

bool Connection::idle() const {
  return PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

void Connection::fail(const std::string& what, pg_result* res) {
  std::string msg = trimmed(res ? PQresultErrorMessage(res) : nullptr);
  if (msg.empty()) msg = trimmed(PQerrorMessage(conn_));
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  PQclear(res);
  // A lost connection (server stopped or restarted, network gone), or the
  // server shutting the session down (SQLSTATE class 57, 08): the request
  // may work again later, so it is "unavailable", not a failure.
  if (PQstatus(conn_) != CONNECTION_OK || sqlstate.starts_with("08") || sqlstate.starts_with("57P"))
    throw StoreUnavailable("lost the connection to PostgreSQL: " + msg);
  throw SqlError(what + ": " + msg, sqlstate);
}

void Connection::check(pg_result* res, const std::string& what) {
  const auto status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  fail(what, res);
}

void Connection::exec(const std::string& sql) {
  ++sent_;
  pg_result* res = PQexec(conn_, sql.c_str());
  check(res, "SQL failed");
  PQclear(res);
}

Result Connection::run(const std::string& sql, std::initializer_list<Param> params) {
  return run(sql, std::vector<Param>(params));
}

Result Connection::run(const std::string& sql, const std::vector<Param>& params) {
  ++sent_;
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = fmt::format("s{}", prepared_.size() + 1);
    pg_result* res = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
    check(res, "cannot prepare statement");
    PQclear(res);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.value ? p.value->c_str() : nullptr);
  pg_result* res = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                                  values.data(), nullptr, nullptr, 0);
  check(res, "SQL failed");
  return Result(res);
}

void Connection::copy_in(const std::string& copy_sql, const std::string& data) {
  ++sent_;
  pg_result* res = PQexec(conn_, copy_sql.c_str());
  if (!res || PQresultStatus(res) != PGRES_COPY_IN) fail("cannot start COPY", res);
  PQclear(res);
  // Sent in pieces: one call with hundreds of megabytes would need as much
  // again in libpq's buffer.
  constexpr std::size_t kChunk = 1 << 20;
  for (std::size_t at = 0; at < data.size(); at += kChunk) {
    const auto n = std::min(kChunk, data.size() - at);
    if (PQputCopyData(conn_, data.data() + at, static_cast<int>(n)) != 1)
      fail("COPY failed", nullptr);
  }
  if (PQputCopyEnd(conn_, nullptr) != 1) fail("COPY failed", nullptr);
  res = PQgetResult(conn_);
  check(res, "COPY failed");
  PQclear(res);
  while ((res = PQgetResult(conn_))) PQclear(res);
}

void CopyRows::separate() {
  if (!first_) out_ += '\t';
  first_ = false;
}

CopyRows& CopyRows::field(std::string_view v) {
  separate();
  // Only these four would be read as something else than themselves.
  for (char ch : v) {
    const char* escaped = ch == '\\'   ? "\\\\"
                          : ch == '\t' ? "\\t"
                          : ch == '\n' ? "\\n"
                          : ch == '\r' ? "\\r"
                                       : nullptr;
    if (escaped)
      out_ += escaped;
    else
      out_ += ch;
  }
  return *this;
}

CopyRows& CopyRows::null() {
  separate();
  out_ += "\\N";
  return *this;
}

void CopyRows::end_row() {
  out_ += '\n';
  first_ = true;
}

Transaction::Transaction(Connection& c) : c_(c) {
  c_.exec("BEGIN");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    c_.exec("ROLLBACK");
  } catch (const StoreError&) {
    // The pool closes a connection left inside a transaction.
  }
}

void Transaction::commit() {
  c_.exec("COMMIT");
  done_ = true;
}

Pool::Pool(std::string url, std::size_t size) : url_(std::move(url)), size_(size) {}

Pool::Lease::~Lease() {
  if (c_) pool_->release(std::move(c_));
}

Pool::Lease Pool::acquire() {
  std::unique_lock lock(mutex_);
  // A caller waits for a connection rather than failing at once; a pool
  // that stays exhausted this long means the database is too slow to help.
  if (!freed_.wait_for(lock, std::chrono::seconds(10),
                       [&] { return !idle_.empty() || open_ < size_; }))
    throw StoreUnavailable("all " + std::to_string(size_) +
                           " PostgreSQL connections stayed busy for 10 s");
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(c), true);
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<Connection>(url_), false);
  } catch (...) {
    lock.lock();
    --open_;
    freed_.notify_one();
    throw;
  }
}

void Pool::discard_idle() {
  std::vector<std::unique_ptr<Connection>> dropped;
  {
    std::lock_guard lock(mutex_);
    dropped.swap(idle_);
    open_ -= dropped.size();
  }
  freed_.notify_all();
}

void Pool::release(std::unique_ptr<Connection> c) {
  const bool keep = c->ok() && c->idle();
  c->reset_count();
  if (!keep) c.reset();  // closed outside the lock
  std::lock_guard lock(mutex_);
  if (keep)
    idle_.push_back(std::move(c));
  else
    --open_;
  freed_.notify_one();
}

}  // namespace symptomdb::store::pg
