-- 003: readers and authors. Accounts with roles, sessions (only a hash of
-- each session id is stored, so a copy of the database gives no session
-- away), failed-login counters for throttling, and author ratings.

CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name        TEXT NOT NULL,
  password_hash       TEXT NOT NULL,  -- argon2id, libsodium's crypto_pwhash_str format
  role                TEXT NOT NULL DEFAULT 'reader'
                        CHECK (role IN ('reader', 'author', 'editor', 'admin')),
  disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  author_id           INTEGER REFERENCES authors(id) ON DELETE SET NULL,
  created_at          TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,  -- unix seconds
  expires_at   INTEGER NOT NULL,
  address      TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
  key      TEXT PRIMARY KEY,  -- "user:<name>" or "addr:<address>"
  count    INTEGER NOT NULL,
  first_at INTEGER NOT NULL   -- unix seconds of the first failure in the window
);

CREATE TABLE author_ratings (
  author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE CASCADE,
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  stars     INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  rated_at  TEXT NOT NULL,
  PRIMARY KEY (author_id, user_id)
);

ALTER TABLE authors ADD COLUMN bio TEXT NOT NULL DEFAULT '';
