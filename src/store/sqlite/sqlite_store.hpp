#pragma once

#include <mutex>

#include "store/rows.hpp"
#include "store/sqlite.hpp"
#include "store/store.hpp"

namespace symptomdb::store {

// SQLite's side of the queries store/rows.hpp builds.
inline constexpr Dialect kSqliteDialect{"?", ""};

// The embedded store: one SQLite file in WAL mode with foreign keys on.
// Methods are serialised by a mutex; the web reads from snapshots, so the
// store is touched only by imports and snapshot rebuilds.
//
// One file per area, as for PostgresStore: articles.cpp, accounts.cpp,
// community.cpp, editorial.cpp, phenotype.cpp, and store.cpp for opening,
// migrations and the change counter. The method list below is the Store
// interface's (store.hpp), declared again as every implementation must,
// in the same order as PostgresStore's so the two read side by side.
class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path);

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

 private:
  void migrate();
  // put_articles' work, inside a transaction the caller holds.
  WriteSummary write_articles(std::span<const Article> articles);
  void insert_revision(const std::string& slug, std::int64_t ordinal, const NewRevision& r,
                       DraftState state, const std::string& now);
  // Inside a transaction: the draft's state and latest revision, if any.
  std::optional<DraftHead> head(const std::string& slug);
  void record_event(const std::string& slug, std::int64_t ordinal, ReviewAction action,
                    std::int64_t user_id, const std::string& note, const std::string& now);
  // store/rows.hpp's each_row(sql, f) for queries without parameters.
  auto each_row() {
    return [this](const std::string& sql, auto&& f) { db_.prepare(sql).each(f); };
  }
  // Every article, or the one with `slug`.
  std::vector<Article> load(std::optional<std::string_view> slug);

  std::mutex mutex_;
  Database db_;
};

}  // namespace symptomdb::store
