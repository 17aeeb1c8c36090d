// The store on a PostgreSQL server, for sites that run several symptomdb
// nodes over one database. Same behaviour as SqliteStore (the same tests run
// against both); one file per area: articles.cpp, accounts.cpp,
// community.cpp, editorial.cpp, phenotype.cpp, and store.cpp for the
// connection pool, migrations and the change counter.
//
// Concurrency: every method takes a connection from the pool for its own
// use, so requests run in parallel. Writes that may change a page increment
// the one-row store_changes table first; that row's lock serialises them
// across every node (as BEGIN IMMEDIATE does for SQLite), so read-check-write
// steps such as the editorial state changes cannot interleave.
#pragma once

#include <type_traits>

#include "store/postgresql/pg.hpp"
#include "store/rows.hpp"
#include "store/store.hpp"

namespace symptomdb::store {

// The notification channel a committed write signals, with the new change
// counter as payload, or kCommunityChange for a write that changes only what
// pages show around the articles (comments, ratings): listeners refresh
// their page caches for every notification and rebuild their snapshot only
// when the counter moved.
inline constexpr const char* kChangeChannel = "symptomdb_changes";
inline constexpr const char* kCommunityChange = "community";

// PostgreSQL's side of the queries store/rows.hpp builds: slugs and codes
// are ordered byte-wise, as SQLite orders them, whatever the database's own
// collation.
inline constexpr Dialect kPostgresDialect{"$1", " COLLATE \"C\""};

// The method list below is the Store interface's (store.hpp), declared
// again as every implementation must, in the same order as SqliteStore's.
class PostgresStore final : public Store {
 public:
  // `url`: a libpq connection URL (postgresql://user@host:port/dbname?...).
  // Throws StoreUnavailable when the server cannot be reached.
  explicit PostgresStore(const std::string& url, std::size_t connections = 8);

  WriteSummary put_articles(std::span<const Article> articles) override;
  std::vector<Article> load_articles() override;
  std::optional<Article> find_article(std::string_view slug) override;
  std::size_t count_articles() override;
  std::optional<AuthorProfile> author(std::string_view slug) override;
  std::optional<AuthorProfile> author_by_id(std::int64_t id) override;
  std::string put_author(const Author& author) override;

  std::int64_t create_user(const User& user, const std::string& password_hash) override;
  std::optional<std::pair<User, std::string>> find_user(std::string_view username) override;
  bool set_role(std::string_view username, Role role) override;
  bool set_disabled(std::string_view username, bool disabled) override;
  void set_password_hash(std::int64_t user_id, const std::string& hash) override;
  bool link_author(std::string_view username, std::string_view author_slug) override;
  std::int64_t user_created_at(std::int64_t user_id) override;
  void create_session(const std::string& id_hash, std::int64_t user_id,
                      const std::string& csrf_token, std::int64_t expires_at,
                      std::string_view address, std::string_view user_agent) override;
  std::optional<Session> find_session(const std::string& id_hash, std::int64_t now) override;
  void delete_session(const std::string& id_hash) override;
  void delete_sessions_of(std::int64_t user_id, const std::string& keep) override;
  int failures(const std::string& key, std::int64_t now, std::int64_t window) override;
  void record_failure(const std::string& key, std::int64_t now, std::int64_t window) override;
  void clear_failures(const std::string& key) override;

  void rate_author(std::int64_t author_id, std::int64_t user_id, int stars) override;
  std::optional<int> rating_by(std::int64_t author_id, std::int64_t user_id) override;
  std::array<std::int64_t, 5> rating_counts(std::int64_t author_id) override;
  std::int64_t add_comment(const Comment& comment) override;
  std::optional<Comment> comment(std::int64_t id) override;
  std::vector<Comment> comments(std::string_view article_slug, bool newest_first,
                                std::size_t offset, std::size_t limit) override;
  std::size_t count_comments(std::string_view article_slug, bool with_replies = false) override;
  std::vector<Comment> replies(std::int64_t parent_id) override;
  std::vector<Comment> moderation_queue() override;
  void set_comment_status(std::int64_t id, CommentStatus status, std::string_view reason) override;
  void edit_comment(std::int64_t id, const std::string& body, std::int64_t now) override;
  void delete_comment(std::int64_t id) override;
  std::int64_t report_comment(std::int64_t id, std::int64_t user_id, std::int64_t now) override;
  std::size_t comments_since(std::int64_t user_id, std::int64_t since) override;

  void create_draft(const std::string& slug, std::int64_t owner_id,
                    std::span<const NewRevision> revisions) override;
  std::int64_t add_revision(const std::string& slug, const NewRevision& revision,
                            bool allow_in_review,
                            std::optional<std::int64_t> base = std::nullopt) override;
  std::optional<Draft> draft(std::string_view slug) override;
  std::vector<Draft> drafts(std::optional<std::int64_t> owner_id,
                            std::optional<DraftState> state) override;
  std::vector<Revision> revisions(std::string_view slug) override;
  std::optional<Revision> revision(std::string_view slug, std::int64_t ordinal) override;
  std::vector<ReviewEvent> review_events(std::string_view slug) override;
  void change_state(const std::string& slug, DraftState from, DraftState to, ReviewAction action,
                    std::int64_t user_id, const std::string& note, std::int64_t ordinal) override;
  void publish_draft(const std::string& slug, std::int64_t ordinal, const Article& article,
                     std::int64_t reviewer_id, const std::string& note) override;

  void put_ontology(const ontology::OntologyRecords& records) override;
  std::optional<ontology::OntologyRecords> load_ontology() override;
  void put_annotations(const ontology::AnnotationRecords& records) override;
  std::optional<ontology::AnnotationRecords> load_annotations() override;
  std::string phenotype_stamp() override;

  std::uint64_t change_counter() override;
  int schema_version() override;
  // LISTEN on kChangeChannel over a connection of its own (not the pool's),
  // reconnecting by itself after the server restarts.
  std::unique_ptr<ChangeWatch> watch_changes() override;

 private:
  // Runs `f` with a pooled connection. A connection kept from before a
  // server restart fails on its first statement, which therefore never ran:
  // that case alone is retried, once, on a fresh connection.
  template <class F>
  auto with(F&& f) -> std::invoke_result_t<F&, pg::Connection&> {
    for (int attempt = 0;; ++attempt) {
      auto c = pool_.acquire();
      try {
        return f(*c);
      } catch (const StoreUnavailable&) {
        pool_.discard_idle();
        if (attempt > 0 || !c.reused() || c->sent() > 1) throw;
      }
    }
  }
  // `f` inside a transaction that first increments the change counter (and
  // so waits for any other such write to commit).
  template <class F>
  auto write(F&& f) -> std::invoke_result_t<F&, pg::Connection&> {
    return in_transaction(bump, f);
  }
  // `f` inside a transaction for a comment or rating: the same row lock as
  // write() (so read-check-write steps such as delete_comment's still cannot
  // interleave across nodes) and a notification, but the counter stays: no
  // node rebuilds its snapshot of the articles for a comment.
  template <class F>
  auto community_write(F&& f) -> std::invoke_result_t<F&, pg::Connection&> {
    return in_transaction(notify_community, f);
  }
  // `f` on a pooled connection inside a transaction that `signal` starts.
  template <class F>
  auto in_transaction(void (*signal)(pg::Connection&), F& f)
      -> std::invoke_result_t<F&, pg::Connection&> {
    return with([&](pg::Connection& c) {
      pg::Transaction tx(c);
      signal(c);
      if constexpr (std::is_void_v<std::invoke_result_t<F&, pg::Connection&>>) {
        f(c);
        tx.commit();
      } else {
        auto result = f(c);
        tx.commit();
        return result;
      }
    });
  }
  static void bump(pg::Connection& c);
  static void notify_community(pg::Connection& c);
  void migrate();

  // put_articles' work, inside a transaction the caller holds.
  static WriteSummary write_articles(pg::Connection& c, std::span<const Article> articles);
  // Every article, or the one with `slug`, in one snapshot.
  static std::vector<Article> load(pg::Connection& c, std::optional<std::string_view> slug);

  pg::Pool pool_;
};

// Whether `location` names a PostgreSQL database rather than a SQLite file.
bool is_postgresql_url(std::string_view location);

}  // namespace symptomdb::store
