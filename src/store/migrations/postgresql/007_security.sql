-- 007 (PostgreSQL): fixes from the security review; see ../007_security.sql.
-- Tombstones for deleted comments that have replies (unix seconds, as
-- created_at), the folded display-name key computed by symptomdb (accounts
-- made before this get theirs when the store is opened), and the
-- contributors of an editorially published article, one name per line.

ALTER TABLE comments ADD COLUMN deleted_at BIGINT;

ALTER TABLE users ADD COLUMN name_key TEXT;
CREATE UNIQUE INDEX users_name_key ON users (name_key) WHERE name_key IS NOT NULL;

ALTER TABLE articles ADD COLUMN contributors TEXT NOT NULL DEFAULT '';
