-- 006: the editorial workflow. An article being written or revised is a
-- draft (one per slug); every save is a revision holding the whole article
-- in the native Markdown format, with who saved it and when; submissions,
-- approvals and returns are review events. Like comments, these hang on the
-- slug rather than the article's row, which publication replaces.
-- Published articles name their medical reviewer.

CREATE TABLE drafts (
  slug       TEXT PRIMARY KEY,
  state      TEXT NOT NULL CHECK (state IN ('draft', 'in_review', 'published')),
  owner_id   INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,  -- ISO 8601 UTC
  updated_at TEXT NOT NULL
);
CREATE INDEX drafts_state ON drafts(state, updated_at);
CREATE INDEX drafts_owner ON drafts(owner_id, updated_at);

CREATE TABLE revisions (
  id         INTEGER PRIMARY KEY,
  slug       TEXT NOT NULL REFERENCES drafts(slug) ON DELETE CASCADE,
  ordinal    INTEGER NOT NULL CHECK (ordinal >= 1),
  title      TEXT NOT NULL,
  markdown   TEXT NOT NULL,
  author_id  INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  state      TEXT NOT NULL CHECK (state IN ('draft', 'in_review', 'published')),
  UNIQUE (slug, ordinal)
);

CREATE TABLE review_events (
  id         INTEGER PRIMARY KEY,
  slug       TEXT NOT NULL REFERENCES drafts(slug) ON DELETE CASCADE,
  ordinal    INTEGER NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('submitted', 'approved', 'returned')),
  user_id    INTEGER NOT NULL REFERENCES users(id),
  note       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX review_events_slug ON review_events(slug, id);

ALTER TABLE articles ADD COLUMN reviewed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN reviewer_credential TEXT NOT NULL DEFAULT '';
