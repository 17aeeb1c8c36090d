-- 008 (PostgreSQL): the UMLS semantic types (space-separated) and group of
-- an article's focus; see ../008_semantic_types.sql.

ALTER TABLE articles ADD COLUMN semantic_types TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN semantic_group TEXT NOT NULL DEFAULT '';
