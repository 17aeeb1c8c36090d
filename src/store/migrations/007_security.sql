-- 007: fixes from the security review.
-- A deleted comment that others replied to stays as a tombstone ("comment
-- deleted": body emptied, author no longer shown) so the replies survive.
ALTER TABLE comments ADD COLUMN deleted_at INTEGER;
-- Display names are unique under a folded key (case, Unicode compatibility
-- forms and confusable letters; see core/user_text.hpp), computed by
-- symptomdb: accounts made before this migration get theirs when the store
-- is opened, the first of any look-alike names keeping it.
ALTER TABLE users ADD COLUMN name_key TEXT;
CREATE UNIQUE INDEX users_name_key ON users(name_key) WHERE name_key IS NOT NULL;
-- Everyone who wrote a revision of an article published through the
-- editorial workflow, in order of their first revision, one name per line.
ALTER TABLE articles ADD COLUMN contributors TEXT NOT NULL DEFAULT '';
