-- 004: comments on articles, one level of replies, moderation. Comments
-- hang on the article's slug rather than its row id, because re-importing
-- an article replaces its row but not the conversation under it.

CREATE TABLE comments (
  id           INTEGER PRIMARY KEY,
  article_slug TEXT NOT NULL,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  parent_id    INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  body         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('published', 'pending', 'hidden', 'rejected')),
  held_reason  TEXT NOT NULL DEFAULT '',  -- why it waits: new account, links, reports
  created_at   INTEGER NOT NULL,          -- unix seconds
  edited_at    INTEGER
);
CREATE INDEX comments_article ON comments(article_slug, status, created_at);
CREATE INDEX comments_user ON comments(user_id, created_at);

CREATE TABLE comment_reports (
  comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reported_at INTEGER NOT NULL,
  PRIMARY KEY (comment_id, user_id)
);
