// Accounts, sessions and sign-in throttling on SQLite. Passwords and
// session ids arrive hashed; the store never sees a secret.
#include <sqlite3.h>

#include "core/user_text.hpp"

#include "store/common.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace symptomdb::store {

std::int64_t SqliteStore::create_user(const User& u, const std::string& password_hash) {
  std::lock_guard lock(mutex_);
  auto exists = db_.prepare("SELECT 1 FROM users WHERE username = ?");
  exists.bind(1, u.username);
  if (exists.step()) throw AccountExists("the username '" + u.username + "' is taken");
  const std::string key = display_name_key(u.display_name);
  auto same_name = db_.prepare("SELECT 1 FROM users WHERE name_key = ?");
  same_name.bind(1, key);
  if (same_name.step())
    throw NameTaken("the name '" + u.display_name + "' is taken or looks like one that is");
  const std::string now = utc_now();
  auto st = db_.prepare(
      "INSERT INTO users (username, display_name, password_hash, role, disabled, created_at, "
      "password_changed_at, name_key) VALUES (?, ?, ?, ?, 0, ?, ?, ?)");
  st.bind(1, u.username).bind(2, u.display_name).bind(3, password_hash).bind(4, to_string(u.role));
  st.bind(5, now).bind(6, now).bind(7, key).run();
  return db_.last_insert_id();
}

std::optional<std::pair<User, std::string>> SqliteStore::find_user(std::string_view username) {
  std::lock_guard lock(mutex_);
  return first<std::pair<User, std::string>>(
      db_.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?")
          .bind(1, username),
      [](const Statement& row) {
        return std::pair{user_from(row), row.text(7)};
      });
}

bool SqliteStore::set_role(std::string_view username, Role role) {
  std::lock_guard lock(mutex_);
  db_.prepare("UPDATE users SET role = ? WHERE username = ?")
      .bind(1, to_string(role))
      .bind(2, username)
      .run();
  return sqlite3_changes(db_.handle()) > 0;
}

bool SqliteStore::set_disabled(std::string_view username, bool disabled) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  db_.prepare("UPDATE users SET disabled = ? WHERE username = ?")
      .bind(1, disabled ? 1 : 0)
      .bind(2, username)
      .run();
  const bool changed = sqlite3_changes(db_.handle()) > 0;
  // A disabled account is signed out everywhere at once.
  if (disabled)
    db_.prepare("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)")
        .bind(1, username)
        .run();
  tx.commit();
  return changed;
}

void SqliteStore::set_password_hash(std::int64_t user_id, const std::string& hash) {
  std::lock_guard lock(mutex_);
  db_.prepare("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?")
      .bind(1, hash)
      .bind(2, utc_now())
      .bind(3, user_id)
      .run();
}

bool SqliteStore::link_author(std::string_view username, std::string_view author_slug) {
  std::lock_guard lock(mutex_);
  db_.prepare(
         "UPDATE users SET author_id = (SELECT id FROM authors WHERE slug = ?) WHERE username = ? "
         "AND EXISTS (SELECT 1 FROM authors WHERE slug = ?)")
      .bind(1, author_slug)
      .bind(2, username)
      .bind(3, author_slug)
      .run();
  return sqlite3_changes(db_.handle()) > 0;
}

void SqliteStore::create_session(const std::string& id_hash, std::int64_t user_id,
                                 const std::string& csrf_token, std::int64_t expires_at,
                                 std::string_view address, std::string_view user_agent) {
  std::lock_guard lock(mutex_);
  db_.prepare(
         "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, address, "
         "user_agent) VALUES (?, ?, ?, strftime('%s', 'now'), ?, ?, ?)")
      .bind(1, id_hash)
      .bind(2, user_id)
      .bind(3, csrf_token)
      .bind(4, expires_at)
      .bind(5, address)
      .bind(6, user_agent.substr(0, 300))
      .run();
}

std::optional<Session> SqliteStore::find_session(const std::string& id_hash, std::int64_t now) {
  std::lock_guard lock(mutex_);
  return first<Session>(db_.prepare(std::string(kSessionSelect) +
                                    "WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled = 0")
                            .bind(1, id_hash)
                            .bind(2, now),
                        session_from);
}

void SqliteStore::delete_session(const std::string& id_hash) {
  std::lock_guard lock(mutex_);
  db_.prepare("DELETE FROM sessions WHERE id_hash = ?").bind(1, id_hash).run();
}

void SqliteStore::delete_sessions_of(std::int64_t user_id, const std::string& keep) {
  std::lock_guard lock(mutex_);
  db_.prepare("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?")
      .bind(1, user_id)
      .bind(2, keep)
      .run();
}

int SqliteStore::failures(const std::string& key, std::int64_t now, std::int64_t window) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare("SELECT count FROM login_failures WHERE key = ? AND first_at > ?");
  st.bind(1, key).bind(2, now - window);
  return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

void SqliteStore::record_failure(const std::string& key, std::int64_t now, std::int64_t window) {
  std::lock_guard lock(mutex_);
  // Windows that have passed count for nothing: drop them, so guessing many
  // usernames cannot grow the table without bound.
  db_.prepare("DELETE FROM login_failures WHERE first_at <= ?").bind(1, now - window).run();
  // A failure after the window has passed starts a new window.
  db_.prepare(
         "INSERT INTO login_failures (key, count, first_at) VALUES (?, 1, ?) "
         "ON CONFLICT(key) DO UPDATE SET "
         "count = CASE WHEN first_at > ? THEN count + 1 ELSE 1 END, "
         "first_at = CASE WHEN first_at > ? THEN first_at ELSE excluded.first_at END")
      .bind(1, key)
      .bind(2, now)
      .bind(3, now - window)
      .bind(4, now - window)
      .run();
}

void SqliteStore::clear_failures(const std::string& key) {
  std::lock_guard lock(mutex_);
  db_.prepare("DELETE FROM login_failures WHERE key = ?").bind(1, key).run();
}

std::int64_t SqliteStore::user_created_at(std::int64_t user_id) {
  std::lock_guard lock(mutex_);
  auto st =
      db_.prepare("SELECT CAST(strftime('%s', created_at) AS INTEGER) FROM users WHERE id = ?");
  st.bind(1, user_id);
  return st.step() ? st.integer(0) : 0;
}

}  // namespace symptomdb::store
