-- 005: the Human Phenotype Ontology and its disease annotations (issue 5).
--  * one ontology release and one annotation release at a time: an import
--    replaces the previous one whole, so each has a single-row meta table;
--  * everything as the files say it (HPO's terms of use forbid altering the
--    content): obsolete terms, alternative ids, ids an annotation names by an
--    old id; mapping onto current terms happens when the graph is built;
--  * "ordinal" columns keep file order, so a load gives back exactly the
--    records that were put (term indices in the graph follow file order);
--  * child rows refer to a term by its ordinal, not its CURIE: smaller rows
--    for the ~90k synonyms, xrefs, alt ids and edges of a release.
-- No indexes beyond the keys: engines read whole tables into memory.

CREATE TABLE hpo_release (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  version     TEXT NOT NULL,
  source_file TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

CREATE TABLE hpo_terms (
  ordinal     INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  label       TEXT NOT NULL,
  definition  TEXT NOT NULL DEFAULT '',
  comment     TEXT NOT NULL DEFAULT '',
  obsolete    INTEGER NOT NULL DEFAULT 0 CHECK (obsolete IN (0, 1)),
  replaced_by TEXT NOT NULL DEFAULT ''
);

CREATE TABLE hpo_synonyms (
  term      INTEGER NOT NULL REFERENCES hpo_terms(ordinal) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL,
  text      TEXT NOT NULL,
  scope     TEXT NOT NULL CHECK (scope IN ('exact', 'related', 'broad', 'narrow')),
  layperson INTEGER NOT NULL DEFAULT 0 CHECK (layperson IN (0, 1)),
  PRIMARY KEY (term, ordinal)
) WITHOUT ROWID;

CREATE TABLE hpo_alt_ids (
  term    INTEGER NOT NULL REFERENCES hpo_terms(ordinal) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  alt_id  TEXT NOT NULL,
  PRIMARY KEY (term, ordinal)
) WITHOUT ROWID;

CREATE TABLE hpo_xrefs (
  term    INTEGER NOT NULL REFERENCES hpo_terms(ordinal) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  xref    TEXT NOT NULL,
  PRIMARY KEY (term, ordinal)
) WITHOUT ROWID;

-- is_a edges. The parent is a CURIE, not a reference: the file may name a
-- parent by an alternative id, and Ontology::build is what validates it.
CREATE TABLE hpo_parents (
  term    INTEGER NOT NULL REFERENCES hpo_terms(ordinal) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  parent  TEXT NOT NULL,
  PRIMARY KEY (term, ordinal)
) WITHOUT ROWID;

CREATE TABLE hpo_annotation_release (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  version     TEXT NOT NULL,
  hpo_version TEXT NOT NULL DEFAULT '',
  source_file TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

-- One row of phenotype.hpoa each; term_id is kept as written (it may be an
-- alternative or obsolete id, resolved through the ontology at read time).
CREATE TABLE hpo_annotations (
  ordinal      INTEGER PRIMARY KEY,
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
