// The PostgreSQL store as a whole: connecting, migrations, the change counter.
#include "core/user_text.hpp"
#include "store/common.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/util.hpp"

namespace symptomdb::store {
namespace {

// Held while migrating, so that nodes starting together do not migrate the
// same database at once (an arbitrary constant, the same on every node).
constexpr std::int64_t kMigrationLock = 0x73796d7074646201;

}  // namespace

bool is_postgresql_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

PostgresStore::PostgresStore(const std::string& url, std::size_t connections)
    : pool_(url, connections) {
  migrate();
}

void PostgresStore::migrate() {
  auto c = pool_.acquire();
  c->run("SELECT pg_advisory_lock($1)", {kMigrationLock});
  struct Unlock {
    pg::Connection& c;
    ~Unlock() {
      try {
        c.run("SELECT pg_advisory_unlock($1)", {kMigrationLock});
      } catch (const StoreError&) {
        // Session locks end with the connection anyway.
      }
    }
  } unlock{*c};
  c->exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const int current = static_cast<int>(
      c->run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").integer(0, 0));
  // Numbered like the SQLite ones: a schema version means the same tables
  // on both stores. PostgreSQL's DDL is transactional: a migration that
  // fails half way leaves nothing behind.
  for (const auto& m : migrations_after(SqlDialect::postgresql, current)) {
    pg::Transaction tx(*c);
    c->exec(std::string(m.sql));
    c->run("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
           {m.version, m.name, utc_now()});
    tx.commit();
  }

  // Accounts made before display names had a key get one, still under the
  // migration lock so that nodes starting together do it once. Of two
  // look-alike names the older keeps the key and the newer stays unkeyed,
  // as on SQLite. The change counter's row lock (taken only when there is
  // work) keeps create_user() on other nodes from taking a key between the
  // check and the update.
  const char* unkeyed_sql = "SELECT id, display_name FROM users WHERE name_key IS NULL ORDER BY id";
  if (c->run(unkeyed_sql).empty()) return;
  pg::Transaction tx(*c);
  c->run("SELECT counter FROM store_changes WHERE id = 1 FOR UPDATE");
  const auto unkeyed = c->run(unkeyed_sql);
  for (int r = 0; r < unkeyed.rows(); ++r)
    c->run(
        "UPDATE users SET name_key = $1 WHERE id = $2 AND NOT EXISTS "
        "(SELECT 1 FROM users WHERE name_key = $1)",
        {display_name_key(unkeyed.text(r, 1)), unkeyed.integer(r, 0)});
  tx.commit();
}

int PostgresStore::schema_version() {
  return with([](pg::Connection& c) {
    return static_cast<int>(
        c.run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").integer(0, 0));
  });
}

std::uint64_t PostgresStore::change_counter() {
  return with([](pg::Connection& c) {
    return static_cast<std::uint64_t>(
        c.run("SELECT counter FROM store_changes WHERE id = 1").integer(0, 0));
  });
}

void PostgresStore::bump(pg::Connection& c) {
  // The notification is delivered when (and only if) the transaction commits.
  c.run(std::string("WITH b AS (UPDATE store_changes SET counter = counter + 1 WHERE id = 1 "
                    "RETURNING counter) SELECT pg_notify('") +
        kChangeChannel + "', counter::text) FROM b");
}

void PostgresStore::notify_community(pg::Connection& c) {
  c.run(std::string("SELECT counter FROM store_changes WHERE id = 1 FOR UPDATE"));
  c.run(std::string("SELECT pg_notify('") + kChangeChannel + "', '" + kCommunityChange + "')");
}

}  // namespace symptomdb::store
