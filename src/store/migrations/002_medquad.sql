-- 002: what importing MedQuAD needs.
--  * more section types (who is at risk, genetics, how common, research);
--  * provenance per section (collection, document, QA pair, URL) and the
--    source's own type name, since each MedQuAD pair is its own section;
--  * synonyms and UMLS CUIs per article: a condition's synonyms are the
--    union over all articles about it, so one source cannot erase another's;
--  * a focus kind (disease, drug, other) and document-level origin;
--  * questions a source asks but does not answer, kept as metadata only.
-- Runs with foreign keys off (the store's migrate() does that), as SQLite's
-- documented way to rebuild a table that others reference.

CREATE TABLE sections_new (
  id                INTEGER PRIMARY KEY,
  article_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position          INTEGER NOT NULL,
  type              TEXT NOT NULL CHECK (type IN ('overview', 'causes', 'symptoms',
                      'exams-and-tests', 'treatment', 'prevention', 'outlook', 'complications',
                      'when-to-see-a-doctor', 'susceptibility', 'genetics', 'frequency',
                      'research', 'conclusion', 'other')),
  heading           TEXT NOT NULL DEFAULT '',
  intro             TEXT NOT NULL DEFAULT '',
  original_type     TEXT NOT NULL DEFAULT '',
  source_collection TEXT NOT NULL DEFAULT '',
  source_document   TEXT NOT NULL DEFAULT '',
  source_pair       TEXT NOT NULL DEFAULT '',
  source_url        TEXT NOT NULL DEFAULT '',
  UNIQUE (article_id, position)
);
INSERT INTO sections_new (id, article_id, position, type, heading, intro)
  SELECT id, article_id, position, type, heading, intro FROM sections;
DROP TABLE sections;
ALTER TABLE sections_new RENAME TO sections;
CREATE INDEX sections_type ON sections(type);

ALTER TABLE conditions ADD COLUMN kind TEXT NOT NULL DEFAULT 'disease';
ALTER TABLE articles ADD COLUMN collection TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN document_id TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN url TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_origin ON articles(collection, document_id);

CREATE TABLE article_synonyms (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  synonym    TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
);
INSERT INTO article_synonyms (article_id, position, synonym)
  SELECT a.id, s.position, s.synonym
  FROM articles a JOIN condition_synonyms s ON s.condition_id = a.condition_id;
DROP TABLE condition_synonyms;

CREATE TABLE article_cuis (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  cui        TEXT NOT NULL,
  PRIMARY KEY (article_id, cui)
);

CREATE TABLE open_questions (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  pair       TEXT NOT NULL,
  qtype      TEXT NOT NULL,
  question   TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
);
