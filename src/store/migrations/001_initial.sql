-- 001: articles in typed sections, conditions with synonyms, authors, sources.
-- Every table the web reads is rebuilt into an in-memory snapshot at start-up,
-- so the schema favours clarity and integrity over read speed.

CREATE TABLE authors (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  credential  TEXT NOT NULL DEFAULT '',
  affiliation TEXT NOT NULL DEFAULT ''
);

CREATE TABLE conditions (
  id    INTEGER PRIMARY KEY,
  slug  TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL
);

CREATE TABLE condition_synonyms (
  condition_id INTEGER NOT NULL REFERENCES conditions(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  synonym      TEXT NOT NULL,
  PRIMARY KEY (condition_id, position)
);

CREATE TABLE articles (
  id           INTEGER PRIMARY KEY,
  slug         TEXT NOT NULL UNIQUE,
  title        TEXT NOT NULL,
  condition_id INTEGER NOT NULL REFERENCES conditions(id),
  author_id    INTEGER REFERENCES authors(id),
  site         TEXT NOT NULL DEFAULT '',
  introduction TEXT NOT NULL DEFAULT '',
  reviewed_on  TEXT NOT NULL DEFAULT '',
  license      TEXT NOT NULL DEFAULT '',
  is_sample    INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  format       TEXT NOT NULL,
  source_file  TEXT NOT NULL DEFAULT '',
  imported_at  TEXT NOT NULL
);
CREATE INDEX articles_condition ON articles(condition_id);
CREATE INDEX articles_author ON articles(author_id);

CREATE TABLE sections (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('overview', 'causes', 'symptoms', 'exams-and-tests',
               'treatment', 'prevention', 'outlook', 'complications', 'when-to-see-a-doctor',
               'conclusion', 'other')),
  heading    TEXT NOT NULL DEFAULT '',
  intro      TEXT NOT NULL DEFAULT '',
  UNIQUE (article_id, position)
);

CREATE TABLE items (
  id         INTEGER PRIMARY KEY,
  section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  heading    TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL,
  UNIQUE (section_id, position)
);

CREATE TABLE article_sources (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  title      TEXT NOT NULL DEFAULT '',
  url        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (article_id, position)
);
