// Accounts, sessions and sign-in throttling on PostgreSQL. Sessions and
// failure counters live in the database, so they hold whichever node a
// request reaches; they do not move the change counter (no page shows them).
#include "core/user_text.hpp"
#include "core/utf8.hpp"
#include "store/common.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/util.hpp"

namespace symptomdb::store {
namespace {

// PostgreSQL text must be UTF-8, but a User-Agent is whatever bytes the
// client sent (SQLite stores them as they are): each byte that does not
// start a valid sequence becomes '?', so a hostile header cannot fail the
// sign-in.
std::string as_utf8(std::string_view bytes) {
  std::string out(bytes);
  std::size_t from = 0;
  while (const auto bad = find_invalid_utf8(std::string_view(out).substr(from))) {
    out[from + *bad] = '?';
    from += *bad + 1;
  }
  return out;
}

}  // namespace

std::int64_t PostgresStore::create_user(const User& u, const std::string& password_hash) {
  const std::string key = display_name_key(u.display_name);
  const auto name_taken = [&] {
    return NameTaken("the name '" + u.display_name + "' is taken or looks like one that is");
  };
  try {
    // A new account changes no article: community_write() takes the change
    // counter's row lock (so no other node registers in between) without
    // making every node rebuild its snapshot.
    return community_write([&](pg::Connection& c) {
      // Checked in the order the SQLite store checks them, so both stores
      // give the same answer when both are taken.
      if (!c.run("SELECT 1 FROM users WHERE lower(username) = lower($1)", {u.username}).empty())
        throw AccountExists("the username '" + u.username + "' is taken");
      if (!c.run("SELECT 1 FROM users WHERE name_key = $1", {key}).empty()) throw name_taken();
      const std::string now = utc_now();
      return c
          .run(
              "INSERT INTO users (username, display_name, password_hash, role, disabled, "
              "created_at, password_changed_at, name_key) VALUES ($1, $2, $3, $4, 0, $5, $6, $7) "
              "RETURNING id",
              {u.username, u.display_name, password_hash, to_string(u.role), now, now, key})
          .integer(0, 0);
    });
  } catch (const pg::SqlError& e) {
    // The unique indexes decide in the end, so two registrations of one
    // name at once cannot both succeed.
    if (e.sqlstate() == pg::kUniqueViolation) {
      if (std::string_view(e.what()).find("users_name_key") != std::string_view::npos)
        throw name_taken();
      throw AccountExists("the username '" + u.username + "' is taken");
    }
    throw;
  }
}

std::optional<std::pair<User, std::string>> PostgresStore::find_user(std::string_view username) {
  return with([&](pg::Connection& c) -> std::optional<std::pair<User, std::string>> {
    // Usernames compare case-insensitively, as SQLite's COLLATE NOCASE
    // column does; the unique index is on lower(username).
    return first<std::pair<User, std::string>>(
        c.run(
            std::string("SELECT ") + kUserColumns + " FROM users WHERE lower(username) = lower($1)",
            {username}),
        [](const pg::RowRef& row) {
          return std::pair{user_from(row), row.text(7)};
        });
  });
}

bool PostgresStore::set_role(std::string_view username, Role role) {
  return write([&](pg::Connection& c) {
    return c.run("UPDATE users SET role = $1 WHERE lower(username) = lower($2)",
                 {to_string(role), username})
               .affected() > 0;
  });
}

bool PostgresStore::set_disabled(std::string_view username, bool disabled) {
  return write([&](pg::Connection& c) {
    const bool changed = c.run("UPDATE users SET disabled = $1 WHERE lower(username) = lower($2)",
                               {disabled ? 1 : 0, username})
                             .affected() > 0;
    // A disabled account is signed out everywhere at once.
    if (disabled)
      c.run(
          "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE lower(username) = "
          "lower($1))",
          {username});
    return changed;
  });
}

void PostgresStore::set_password_hash(std::int64_t user_id, const std::string& hash) {
  with([&](pg::Connection& c) {
    c.run("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3",
          {hash, utc_now(), user_id});
  });
}

bool PostgresStore::link_author(std::string_view username, std::string_view author_slug) {
  return write([&](pg::Connection& c) {
    return c.run(
                "UPDATE users SET author_id = a.id FROM authors a WHERE a.slug = $1 AND "
                "lower(users.username) = lower($2)",
                {author_slug, username})
               .affected() > 0;
  });
}

std::int64_t PostgresStore::user_created_at(std::int64_t user_id) {
  return with([&](pg::Connection& c) -> std::int64_t {
    const auto st =
        c.run("SELECT EXTRACT(EPOCH FROM created_at::timestamptz)::bigint FROM users WHERE id = $1",
              {user_id});
    return st.empty() ? 0 : st.integer(0, 0);
  });
}

void PostgresStore::create_session(const std::string& id_hash, std::int64_t user_id,
                                   const std::string& csrf_token, std::int64_t expires_at,
                                   std::string_view address, std::string_view user_agent) {
  with([&](pg::Connection& c) {
    c.run(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, address, "
        "user_agent) VALUES ($1, $2, $3, EXTRACT(EPOCH FROM now())::bigint, $4, $5, $6)",
        {id_hash, user_id, csrf_token, expires_at, address, as_utf8(user_agent.substr(0, 300))});
  });
}

std::optional<Session> PostgresStore::find_session(const std::string& id_hash, std::int64_t now) {
  return with([&](pg::Connection& c) {
    return first<Session>(c.run(std::string(kSessionSelect) +
                                    "WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
                                {id_hash, now}),
                          session_from);
  });
}

void PostgresStore::delete_session(const std::string& id_hash) {
  with([&](pg::Connection& c) { c.run("DELETE FROM sessions WHERE id_hash = $1", {id_hash}); });
}

void PostgresStore::delete_sessions_of(std::int64_t user_id, const std::string& keep) {
  with([&](pg::Connection& c) {
    c.run("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2", {user_id, keep});
  });
}

int PostgresStore::failures(const std::string& key, std::int64_t now, std::int64_t window) {
  return with([&](pg::Connection& c) {
    const auto st = c.run("SELECT count FROM login_failures WHERE key = $1 AND first_at > $2",
                          {key, now - window});
    return st.empty() ? 0 : static_cast<int>(st.integer(0, 0));
  });
}

void PostgresStore::record_failure(const std::string& key, std::int64_t now, std::int64_t window) {
  with([&](pg::Connection& c) {
    pg::Transaction tx(c);
    // Windows that have passed count for nothing: drop them, so guessing
    // many usernames cannot grow the table without bound.
    c.run("DELETE FROM login_failures WHERE first_at <= $1", {now - window});
    // One statement, so failures counted on several nodes at once all add
    // up; a failure after the window has passed starts a new window.
    c.run(
        "INSERT INTO login_failures (key, count, first_at) VALUES ($1, 1, $2) "
        "ON CONFLICT (key) DO UPDATE SET "
        "count = CASE WHEN login_failures.first_at > $3 THEN login_failures.count + 1 ELSE 1 "
        "END, first_at = CASE WHEN login_failures.first_at > $3 THEN login_failures.first_at "
        "ELSE excluded.first_at END",
        {key, now, now - window});
    tx.commit();
  });
}

void PostgresStore::clear_failures(const std::string& key) {
  with([&](pg::Connection& c) { c.run("DELETE FROM login_failures WHERE key = $1", {key}); });
}

}  // namespace symptomdb::store
