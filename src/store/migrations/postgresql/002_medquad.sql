-- 002 (PostgreSQL): what importing MedQuAD needs; see ../002_medquad.sql.
-- SQLite rebuilds the sections table to widen its CHECK; PostgreSQL
-- replaces the constraint in place.

ALTER TABLE sections DROP CONSTRAINT sections_type_check;
ALTER TABLE sections ADD CONSTRAINT sections_type_check CHECK (type IN ('overview', 'causes',
  'symptoms', 'exams-and-tests', 'treatment', 'prevention', 'outlook', 'complications',
  'when-to-see-a-doctor', 'susceptibility', 'genetics', 'frequency', 'research', 'conclusion',
  'other'));
ALTER TABLE sections
  ADD COLUMN original_type     TEXT NOT NULL DEFAULT '',
  ADD COLUMN source_collection TEXT NOT NULL DEFAULT '',
  ADD COLUMN source_document   TEXT NOT NULL DEFAULT '',
  ADD COLUMN source_pair       TEXT NOT NULL DEFAULT '',
  ADD COLUMN source_url        TEXT NOT NULL DEFAULT '';
CREATE INDEX sections_type ON sections(type);

ALTER TABLE conditions ADD COLUMN kind TEXT NOT NULL DEFAULT 'disease';
ALTER TABLE articles
  ADD COLUMN collection  TEXT NOT NULL DEFAULT '',
  ADD COLUMN document_id TEXT NOT NULL DEFAULT '',
  ADD COLUMN url         TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_origin ON articles(collection, document_id);

CREATE TABLE article_synonyms (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  synonym    TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
);
INSERT INTO article_synonyms (article_id, position, synonym)
  SELECT a.id, s.position, s.synonym
  FROM articles a JOIN condition_synonyms s ON s.condition_id = a.condition_id;
DROP TABLE condition_synonyms;

CREATE TABLE article_cuis (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  cui        TEXT NOT NULL,
  PRIMARY KEY (article_id, cui)
);

CREATE TABLE open_questions (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  pair       TEXT NOT NULL,
  qtype      TEXT NOT NULL,
  question   TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
);
