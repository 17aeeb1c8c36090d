-- 005 (PostgreSQL): the Human Phenotype Ontology and its disease
-- annotations; see ../005_hpo.sql for why the tables look so. The store
-- fills them with COPY, since a release is several hundred thousand rows.

CREATE TABLE hpo_release (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  version     TEXT NOT NULL,
  source_file TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

CREATE TABLE hpo_terms (
  ordinal     BIGINT PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  label       TEXT NOT NULL,
  definition  TEXT NOT NULL DEFAULT '',
  comment     TEXT NOT NULL DEFAULT '',
  obsolete    INTEGER NOT NULL DEFAULT 0 CHECK (obsolete IN (0, 1)),
  replaced_by TEXT NOT NULL DEFAULT ''
);

CREATE TABLE hpo_synonyms (
  term      BIGINT NOT NULL REFERENCES hpo_terms(ordinal) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL,
  text      TEXT NOT NULL,
  scope     TEXT NOT NULL CHECK (scope IN ('exact', 'related', 'broad', 'narrow')),
  layperson INTEGER NOT NULL DEFAULT 0 CHECK (layperson IN (0, 1)),
  PRIMARY KEY (term, ordinal)
);

CREATE TABLE hpo_alt_ids (
  term    BIGINT NOT NULL REFERENCES hpo_terms(ordinal) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  alt_id  TEXT NOT NULL,
  PRIMARY KEY (term, ordinal)
);

CREATE TABLE hpo_xrefs (
  term    BIGINT NOT NULL REFERENCES hpo_terms(ordinal) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  xref    TEXT NOT NULL,
  PRIMARY KEY (term, ordinal)
);

CREATE TABLE hpo_parents (
  term    BIGINT NOT NULL REFERENCES hpo_terms(ordinal) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  parent  TEXT NOT NULL,
  PRIMARY KEY (term, ordinal)
);

CREATE TABLE hpo_annotation_release (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  version     TEXT NOT NULL,
  hpo_version TEXT NOT NULL DEFAULT '',
  source_file TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

CREATE TABLE hpo_annotations (
  ordinal      BIGINT PRIMARY KEY,
  disease_id   TEXT NOT NULL,
  disease_name TEXT NOT NULL,
  negated      INTEGER NOT NULL DEFAULT 0 CHECK (negated IN (0, 1)),
  term_id      TEXT NOT NULL,
  reference    TEXT NOT NULL DEFAULT '',
  evidence     TEXT NOT NULL DEFAULT '',
  onset        TEXT NOT NULL DEFAULT '',
  frequency    TEXT NOT NULL DEFAULT '',
  sex          TEXT NOT NULL DEFAULT '',
  modifier     TEXT NOT NULL DEFAULT '',
  aspect       TEXT NOT NULL CHECK (aspect IN ('P', 'I', 'C', 'M', 'H')),
  biocuration  TEXT NOT NULL DEFAULT ''
);
