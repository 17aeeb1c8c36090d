// Author ratings and comments on PostgreSQL. Each write is signalled to
// every node (community_write): a rating or a comment changes the page every
// node serves, but not the articles, so the nodes start their page caches
// again instead of rebuilding their snapshots.
#include "store/common.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/util.hpp"

namespace symptomdb::store {

void PostgresStore::rate_author(std::int64_t author_id, std::int64_t user_id, int stars) {
  community_write([&](pg::Connection& c) {
    c.run(
        "INSERT INTO author_ratings (author_id, user_id, stars, rated_at) VALUES ($1, $2, $3, "
        "$4) ON CONFLICT (author_id, user_id) DO UPDATE SET stars = excluded.stars, rated_at = "
        "excluded.rated_at",
        {author_id, user_id, stars, utc_now()});
  });
}

std::optional<int> PostgresStore::rating_by(std::int64_t author_id, std::int64_t user_id) {
  return with([&](pg::Connection& c) -> std::optional<int> {
    const auto st = c.run("SELECT stars FROM author_ratings WHERE author_id = $1 AND user_id = $2",
                          {author_id, user_id});
    if (st.empty()) return std::nullopt;
    return static_cast<int>(st.integer(0, 0));
  });
}

std::array<std::int64_t, 5> PostgresStore::rating_counts(std::int64_t author_id) {
  return with([&](pg::Connection& c) {
    const auto st =
        c.run("SELECT stars, COUNT(*) FROM author_ratings WHERE author_id = $1 GROUP BY stars",
              {author_id});
    std::array<std::int64_t, 5> counts{};
    for (int r = 0; r < st.rows(); ++r)
      if (const auto stars = st.integer(r, 0); stars >= 1 && stars <= 5)
        counts[stars - 1] = st.integer(r, 1);
    return counts;
  });
}

std::int64_t PostgresStore::add_comment(const Comment& cm) {
  return community_write([&](pg::Connection& c) {
    return c
        .run(
            "INSERT INTO comments (article_slug, user_id, parent_id, body, status, held_reason, "
            "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            {cm.article_slug, cm.user_id, cm.parent_id, cm.body, to_string(cm.status),
             cm.held_reason, cm.created_at})
        .integer(0, 0);
  });
}

std::optional<Comment> PostgresStore::comment(std::int64_t id) {
  return with([&](pg::Connection& c) {
    return first<Comment>(c.run(std::string(kCommentSelect) + "WHERE c.id = $1", {id}),
                          comment_from);
  });
}

std::vector<Comment> PostgresStore::comments(std::string_view slug, bool newest_first,
                                             std::size_t offset, std::size_t limit) {
  const std::string order = newest_first ? "DESC" : "ASC";
  return with([&](pg::Connection& c) {
    return all<Comment>(
        c.run(std::string(kCommentSelect) +
                  "WHERE c.article_slug = $1 AND c.parent_id IS NULL AND c.status = 'published' "
                  "ORDER BY c.created_at " +
                  order + ", c.id " + order + " LIMIT $2 OFFSET $3",
              {slug, limit, offset}),
        comment_from);
  });
}

std::size_t PostgresStore::count_comments(std::string_view slug, bool with_replies) {
  return with([&](pg::Connection& c) {
    return static_cast<std::size_t>(
        c.run(with_replies
                  ? "SELECT COUNT(*) FROM comments WHERE article_slug = $1 AND status = "
                    "'published' AND deleted_at IS NULL"
                  : "SELECT COUNT(*) FROM comments WHERE article_slug = $1 AND parent_id IS "
                    "NULL AND status = 'published'",
              {slug})
            .integer(0, 0));
  });
}

std::vector<Comment> PostgresStore::replies(std::int64_t parent_id) {
  return with([&](pg::Connection& c) {
    return all<Comment>(
        c.run(std::string(kCommentSelect) + "WHERE c.parent_id = $1 AND c.status = 'published' "
                                            "ORDER BY c.created_at, c.id",
              {parent_id}),
        comment_from);
  });
}

std::vector<Comment> PostgresStore::moderation_queue() {
  return with([&](pg::Connection& c) {
    return all<Comment>(
        c.run(std::string(kCommentSelect) + "WHERE c.status IN ('pending', 'hidden') "
                                            "ORDER BY c.created_at, c.id LIMIT 200"),
        comment_from);
  });
}

void PostgresStore::set_comment_status(std::int64_t id, CommentStatus status,
                                       std::string_view reason) {
  community_write([&](pg::Connection& c) {
    c.run("UPDATE comments SET status = $1, held_reason = $2 WHERE id = $3",
          {to_string(status), reason, id});
    // Reviewed: earlier reports no longer count towards hiding it again.
    if (status == CommentStatus::published)
      c.run("DELETE FROM comment_reports WHERE comment_id = $1", {id});
  });
}

void PostgresStore::edit_comment(std::int64_t id, const std::string& body, std::int64_t now) {
  community_write([&](pg::Connection& c) {
    c.run("UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3", {body, now, id});
  });
}

void PostgresStore::delete_comment(std::int64_t id) {
  // community_write() holds the change counter's row lock, so no reply can be added
  // on another node between the count and the delete.
  community_write([&](pg::Connection& c) {
    const auto parent = c.run("SELECT parent_id FROM comments WHERE id = $1", {id});
    std::optional<std::int64_t> parent_id;
    if (!parent.empty() && !parent.is_null(0, 0)) parent_id = parent.integer(0, 0);
    // Replies are other people's words: a comment that has any becomes a
    // tombstone instead of taking them with it (ON DELETE CASCADE would).
    if (c.run("SELECT COUNT(*) FROM comments WHERE parent_id = $1", {id}).integer(0, 0) > 0) {
      c.run(
          "UPDATE comments SET body = '', deleted_at = CAST(EXTRACT(EPOCH FROM now()) AS BIGINT) "
          "WHERE id = $1",
          {id});
      c.run("DELETE FROM comment_reports WHERE comment_id = $1", {id});
    } else {
      c.run("DELETE FROM comments WHERE id = $1", {id});
      // The last reply under a tombstone takes the tombstone with it.
      if (parent_id)
        c.run(
            "DELETE FROM comments WHERE id = $1 AND deleted_at IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM comments r WHERE r.parent_id = $1)",
            {*parent_id});
    }
  });
}

std::int64_t PostgresStore::report_comment(std::int64_t id, std::int64_t user_id,
                                           std::int64_t now) {
  return community_write([&](pg::Connection& c) {
    c.run(
        "INSERT INTO comment_reports (comment_id, user_id, reported_at) VALUES ($1, $2, $3) "
        "ON CONFLICT DO NOTHING",
        {id, user_id, now});
    return c.run("SELECT COUNT(*) FROM comment_reports WHERE comment_id = $1", {id}).integer(0, 0);
  });
}

std::size_t PostgresStore::comments_since(std::int64_t user_id, std::int64_t since) {
  return with([&](pg::Connection& c) {
    return static_cast<std::size_t>(
        c.run("SELECT COUNT(*) FROM comments WHERE user_id = $1 AND created_at >= $2",
              {user_id, since})
            .integer(0, 0));
  });
}

}  // namespace symptomdb::store
