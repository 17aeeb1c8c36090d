// The SQLite store as a whole: opening the file, migrations, the change
// counter. The areas are in articles.cpp, accounts.cpp, community.cpp,
// editorial.cpp and phenotype.cpp, as for the PostgreSQL store, so that each
// file has one job and the two stores can be read side by side.
#include "core/error.hpp"
#include "core/user_text.hpp"

#include "store/common.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace symptomdb::store {

SqliteStore::SqliteStore(const std::string& path) : db_(path) {
  db_.exec("PRAGMA foreign_keys = ON");
  {
    auto st = db_.prepare("PRAGMA journal_mode = WAL");
    st.step();
  }
  db_.exec("PRAGMA synchronous = NORMAL");
  migrate();
  // Accounts made before display names had a key get one; of two look-alike
  // names the older keeps it (OR IGNORE), the newer stays unkeyed.
  auto unkeyed = db_.prepare("SELECT id, display_name FROM users WHERE name_key IS NULL");
  std::vector<std::pair<std::int64_t, std::string>> rows;
  while (unkeyed.step()) rows.emplace_back(unkeyed.integer(0), unkeyed.text(1));
  if (!rows.empty()) {
    Transaction tx(db_);
    auto set = db_.prepare("UPDATE OR IGNORE users SET name_key = ? WHERE id = ?");
    for (const auto& [id, name] : rows) set.bind(1, display_name_key(name)).bind(2, id).run();
    tx.commit();
  }
}

void SqliteStore::migrate() {
  db_.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  // Each migration runs once, in its own transaction, and is recorded in
  // schema_migrations.
  const auto pending = migrations_after(SqlDialect::sqlite, schema_version());
  if (pending.empty()) return;
  // Table rebuilds inside migrations need foreign keys off (a no-op inside
  // a transaction, so it is set here); they are checked before going on.
  db_.exec("PRAGMA foreign_keys = OFF");
  for (const auto& m : pending) {
    Transaction tx(db_);
    db_.exec(std::string(m.sql));
    db_.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
        .bind(1, m.version)
        .bind(2, m.name)
        .bind(3, utc_now())
        .run();
    auto check = db_.prepare("PRAGMA foreign_key_check");
    if (check.step())
      throw StoreError("migration " + std::string(m.name) + " left a broken reference in table " +
                       check.text(0));
    tx.commit();
  }
  db_.exec("PRAGMA foreign_keys = ON");
}

int SqliteStore::schema_version() {
  auto st = db_.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  st.step();
  return static_cast<int>(st.integer(0));
}

std::uint64_t SqliteStore::change_counter() {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare("PRAGMA data_version");
  st.step();
  return static_cast<std::uint64_t>(st.integer(0));
}

}  // namespace symptomdb::store
