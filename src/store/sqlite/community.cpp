// What readers add on SQLite: author ratings and comments (with
// tombstones, reports and the moderation queue).
#include "store/common.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace symptomdb::store {

void SqliteStore::rate_author(std::int64_t author_id, std::int64_t user_id, int stars) {
  std::lock_guard lock(mutex_);
  db_.prepare(
         "INSERT INTO author_ratings (author_id, user_id, stars, rated_at) VALUES (?, ?, ?, ?) "
         "ON CONFLICT(author_id, user_id) DO UPDATE SET stars = excluded.stars, rated_at = "
         "excluded.rated_at")
      .bind(1, author_id)
      .bind(2, user_id)
      .bind(3, stars)
      .bind(4, utc_now())
      .run();
}

std::optional<int> SqliteStore::rating_by(std::int64_t author_id, std::int64_t user_id) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare("SELECT stars FROM author_ratings WHERE author_id = ? AND user_id = ?");
  st.bind(1, author_id).bind(2, user_id);
  if (!st.step()) return std::nullopt;
  return static_cast<int>(st.integer(0));
}

std::array<std::int64_t, 5> SqliteStore::rating_counts(std::int64_t author_id) {
  std::lock_guard lock(mutex_);
  auto st =
      db_.prepare("SELECT stars, COUNT(*) FROM author_ratings WHERE author_id = ? GROUP BY stars");
  st.bind(1, author_id);
  std::array<std::int64_t, 5> counts{};
  while (st.step())
    if (const auto stars = st.integer(0); stars >= 1 && stars <= 5)
      counts[stars - 1] = st.integer(1);
  return counts;
}

std::int64_t SqliteStore::add_comment(const Comment& c) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(
      "INSERT INTO comments (article_slug, user_id, parent_id, body, status, held_reason, "
      "created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, c.article_slug).bind(2, c.user_id);
  if (c.parent_id)
    st.bind(3, *c.parent_id);
  else
    st.bind_null(3);
  st.bind(4, c.body)
      .bind(5, to_string(c.status))
      .bind(6, c.held_reason)
      .bind(7, c.created_at)
      .run();
  return db_.last_insert_id();
}

std::optional<Comment> SqliteStore::comment(std::int64_t id) {
  std::lock_guard lock(mutex_);
  return first<Comment>(db_.prepare(std::string(kCommentSelect) + "WHERE c.id = ?").bind(1, id),
                        comment_from);
}

std::vector<Comment> SqliteStore::comments(std::string_view slug, bool newest_first,
                                           std::size_t offset, std::size_t limit) {
  std::lock_guard lock(mutex_);
  auto st =
      db_.prepare(std::string(kCommentSelect) +
                  "WHERE c.article_slug = ? AND c.parent_id IS NULL AND c.status = 'published' "
                  "ORDER BY c.created_at " +
                  (newest_first ? "DESC" : "ASC") + ", c.id " + (newest_first ? "DESC" : "ASC") +
                  " LIMIT ? OFFSET ?");
  st.bind(1, slug)
      .bind(2, static_cast<std::int64_t>(limit))
      .bind(3, static_cast<std::int64_t>(offset));
  return all<Comment>(st, comment_from);
}

std::size_t SqliteStore::count_comments(std::string_view slug, bool with_replies) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(
      with_replies
          ? "SELECT COUNT(*) FROM comments WHERE article_slug = ? AND status = 'published' AND "
            "deleted_at IS NULL"
          : "SELECT COUNT(*) FROM comments WHERE article_slug = ? AND parent_id IS NULL AND "
            "status = 'published'");
  st.bind(1, slug);
  st.step();
  return static_cast<std::size_t>(st.integer(0));
}

std::vector<Comment> SqliteStore::replies(std::int64_t parent_id) {
  std::lock_guard lock(mutex_);
  auto st =
      db_.prepare(std::string(kCommentSelect) +
                  "WHERE c.parent_id = ? AND c.status = 'published' ORDER BY c.created_at, c.id");
  st.bind(1, parent_id);
  return all<Comment>(st, comment_from);
}

std::vector<Comment> SqliteStore::moderation_queue() {
  std::lock_guard lock(mutex_);
  auto st =
      db_.prepare(std::string(kCommentSelect) +
                  "WHERE c.status IN ('pending', 'hidden') ORDER BY c.created_at, c.id LIMIT 200");
  return all<Comment>(st, comment_from);
}

void SqliteStore::set_comment_status(std::int64_t id, CommentStatus status,
                                     std::string_view reason) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  db_.prepare("UPDATE comments SET status = ?, held_reason = ? WHERE id = ?")
      .bind(1, to_string(status))
      .bind(2, reason)
      .bind(3, id)
      .run();
  // Reviewed: earlier reports no longer count towards hiding it again.
  if (status == CommentStatus::published)
    db_.prepare("DELETE FROM comment_reports WHERE comment_id = ?").bind(1, id).run();
  tx.commit();
}

void SqliteStore::edit_comment(std::int64_t id, const std::string& body, std::int64_t now) {
  std::lock_guard lock(mutex_);
  db_.prepare("UPDATE comments SET body = ?, edited_at = ? WHERE id = ?")
      .bind(1, body)
      .bind(2, now)
      .bind(3, id)
      .run();
}

void SqliteStore::delete_comment(std::int64_t id) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  auto parent = db_.prepare("SELECT parent_id FROM comments WHERE id = ?");
  parent.bind(1, id);
  std::optional<std::int64_t> parent_id;
  if (parent.step() && !parent.is_null(0)) parent_id = parent.integer(0);
  // Replies are other people's words: a comment that has any becomes a
  // tombstone instead of taking them with it (ON DELETE CASCADE would).
  auto replies = db_.prepare("SELECT COUNT(*) FROM comments WHERE parent_id = ?");
  replies.bind(1, id);
  replies.step();
  if (replies.integer(0) > 0) {
    db_.prepare(
           "UPDATE comments SET body = '', deleted_at = CAST(strftime('%s', 'now') AS INTEGER) "
           "WHERE id = ?")
        .bind(1, id)
        .run();
    db_.prepare("DELETE FROM comment_reports WHERE comment_id = ?").bind(1, id).run();
  } else {
    db_.prepare("DELETE FROM comments WHERE id = ?").bind(1, id).run();
    // The last reply under a tombstone takes the tombstone with it.
    if (parent_id)
      db_.prepare(
             "DELETE FROM comments WHERE id = ? AND deleted_at IS NOT NULL AND NOT EXISTS "
             "(SELECT 1 FROM comments r WHERE r.parent_id = ?)")
          .bind(1, *parent_id)
          .bind(2, *parent_id)
          .run();
  }
  tx.commit();
}

std::int64_t SqliteStore::report_comment(std::int64_t id, std::int64_t user_id, std::int64_t now) {
  std::lock_guard lock(mutex_);
  db_.prepare(
         "INSERT OR IGNORE INTO comment_reports (comment_id, user_id, reported_at) VALUES (?, ?, "
         "?)")
      .bind(1, id)
      .bind(2, user_id)
      .bind(3, now)
      .run();
  auto st = db_.prepare("SELECT COUNT(*) FROM comment_reports WHERE comment_id = ?");
  st.bind(1, id);
  st.step();
  return st.integer(0);
}

std::size_t SqliteStore::comments_since(std::int64_t user_id, std::int64_t since) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare("SELECT COUNT(*) FROM comments WHERE user_id = ? AND created_at >= ?");
  st.bind(1, user_id).bind(2, since);
  st.step();
  return static_cast<std::size_t>(st.integer(0));
}

}  // namespace symptomdb::store
