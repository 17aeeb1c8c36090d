// The system of record, behind one interface so that SQLite (the embedded
// default) and PostgreSQL (for several nodes) are interchangeable.
// Engines never read the store directly: they read a snapshot built from it.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.hpp"
#include "core/article.hpp"
#include "core/editorial.hpp"
#include "core/error.hpp"
#include "ontology/ontology.hpp"

namespace symptomdb::store {

struct WriteSummary {
  std::size_t added = 0;
  std::size_t replaced = 0;  // an article with the same slug existed
};

// One revision to be stored: the whole article in the native format.
struct NewRevision {
  std::string title;
  std::string markdown;
  std::int64_t author_id = 0;
  std::string note;
};

// The store is split by area so that each implementation file has one job
// and a caller can ask for only the part it uses. `Store` is all of them:
// what open_store() returns and what existing code holds.

// Articles, the conditions they are about and their authors' profiles.
class ArticleStore {
 public:
  virtual ~ArticleStore() = default;

  // Writes every article in one transaction: all are stored, or none (the
  // error is thrown as StoreError). An article replaces any with its slug,
  // so importing the same files twice changes nothing but imported_at.
  virtual WriteSummary put_articles(std::span<const Article> articles) = 0;

  // Every article, ordered by slug.
  virtual std::vector<Article> load_articles() = 0;
  virtual std::optional<Article> find_article(std::string_view slug) = 0;
  virtual std::size_t count_articles() = 0;

  // --- Authors as profiles. ---
  virtual std::optional<AuthorProfile> author(std::string_view slug) = 0;
  virtual std::optional<AuthorProfile> author_by_id(std::int64_t id) = 0;
  // Creates or updates the profile with the name's slug; returns the slug.
  virtual std::string put_author(const Author& author) = 0;
};

// Accounts, sessions and sign-in throttling. Passwords arrive already
// hashed (argon2id); session ids arrive hashed too, so the store never sees
// a secret.
class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Throws AccountExists when the username is taken, NameTaken when the
  // display name looks like another account's (display_name_key()).
  virtual std::int64_t create_user(const User& user, const std::string& password_hash) = 0;
  // The user and their password hash.
  virtual std::optional<std::pair<User, std::string>> find_user(std::string_view username) = 0;
  virtual bool set_role(std::string_view username, Role role) = 0;
  virtual bool set_disabled(std::string_view username, bool disabled) = 0;
  virtual void set_password_hash(std::int64_t user_id, const std::string& hash) = 0;
  // Lets an author account write as (and be rated as) an author profile.
  virtual bool link_author(std::string_view username, std::string_view author_slug) = 0;
  // When the account was created, unix seconds.
  virtual std::int64_t user_created_at(std::int64_t user_id) = 0;

  virtual void create_session(const std::string& id_hash, std::int64_t user_id,
                              const std::string& csrf_token, std::int64_t expires_at,
                              std::string_view address, std::string_view user_agent) = 0;
  // A live session of an enabled user, or nothing.
  virtual std::optional<Session> find_session(const std::string& id_hash, std::int64_t now) = 0;
  virtual void delete_session(const std::string& id_hash) = 0;
  // Ends every session of a user but `keep` (after a password change).
  virtual void delete_sessions_of(std::int64_t user_id, const std::string& keep) = 0;

  // Failed sign-ins per key ("user:x", "addr:y") within a window; old
  // windows expire by themselves.
  virtual int failures(const std::string& key, std::int64_t now, std::int64_t window) = 0;
  virtual void record_failure(const std::string& key, std::int64_t now, std::int64_t window) = 0;
  virtual void clear_failures(const std::string& key) = 0;
};

// What readers add: author ratings and comments.
class CommunityStore {
 public:
  virtual ~CommunityStore() = default;

  // One rating per reader and author: rating again replaces the earlier one.
  virtual void rate_author(std::int64_t author_id, std::int64_t user_id, int stars) = 0;
  virtual std::optional<int> rating_by(std::int64_t author_id, std::int64_t user_id) = 0;
  // How many readers gave the author 1, 2, ... 5 stars ([0] is one star).
  virtual std::array<std::int64_t, 5> rating_counts(std::int64_t author_id) = 0;

  virtual std::int64_t add_comment(const Comment& comment) = 0;
  virtual std::optional<Comment> comment(std::int64_t id) = 0;
  // Comments of an article with one of the given statuses, oldest or newest
  // first, `limit` from `offset` (top-level ones; replies come with them).
  virtual std::vector<Comment> comments(std::string_view article_slug, bool newest_first,
                                        std::size_t offset, std::size_t limit) = 0;
  // Published comments: top-level ones (for paging), or all with replies.
  virtual std::size_t count_comments(std::string_view article_slug, bool with_replies = false) = 0;
  virtual std::vector<Comment> replies(std::int64_t parent_id) = 0;  // published, oldest first
  virtual std::vector<Comment> moderation_queue() = 0;               // pending and hidden
  virtual void set_comment_status(std::int64_t id, CommentStatus status,
                                  std::string_view reason) = 0;
  virtual void edit_comment(std::int64_t id, const std::string& body, std::int64_t now) = 0;
  // Deletes a comment; one that has replies becomes a tombstone (body and
  // author gone, `deleted` set) so the replies of others are kept, and a
  // tombstone goes once its last reply does.
  virtual void delete_comment(std::int64_t id) = 0;
  // Records a report once per reader; returns the number of reports.
  virtual std::int64_t report_comment(std::int64_t id, std::int64_t user_id, std::int64_t now) = 0;
  // How many comments a user wrote since a time (for rate limits).
  virtual std::size_t comments_since(std::int64_t user_id, std::int64_t since) = 0;
};

// The editorial workflow. State changes are checked and made in one
// transaction, so two editors acting at once cannot both succeed: the loser
// gets StateConflict and nothing is changed.
class EditorialStore {
 public:
  virtual ~EditorialStore() = default;

  // A new draft owned by `owner_id` with its first revisions (in order).
  // StateConflict when the slug already has a draft.
  virtual void create_draft(const std::string& slug, std::int64_t owner_id,
                            std::span<const NewRevision> revisions) = 0;
  // Appends a revision; a published draft goes back to draft, owned now by
  // the revision's author (who started the new round). StateConflict
  // when there is no draft, it is in review and `allow_in_review` is false,
  // or `base` is given and is not the latest revision (a lost update).
  // Returns the new revision's ordinal.
  virtual std::int64_t add_revision(const std::string& slug, const NewRevision& revision,
                                    bool allow_in_review,
                                    std::optional<std::int64_t> base = std::nullopt) = 0;
  virtual std::optional<Draft> draft(std::string_view slug) = 0;
  // Drafts, most recently changed first; only `owner_id`'s, and only in
  // `state`, when given.
  virtual std::vector<Draft> drafts(std::optional<std::int64_t> owner_id,
                                    std::optional<DraftState> state) = 0;
  virtual std::vector<Revision> revisions(std::string_view slug) = 0;  // oldest first
  virtual std::optional<Revision> revision(std::string_view slug, std::int64_t ordinal) = 0;
  virtual std::vector<ReviewEvent> review_events(std::string_view slug) = 0;  // oldest first
  // Moves the draft from `from` to `to` and records the event, if it is in
  // `from` and its latest revision is `ordinal`; StateConflict otherwise.
  virtual void change_state(const std::string& slug, DraftState from, DraftState to,
                            ReviewAction action, std::int64_t user_id, const std::string& note,
                            std::int64_t ordinal) = 0;
  // Approval: writes `article` (replacing the live one), marks the draft
  // published and records the approval, all in one transaction. Needs the
  // draft in review with `ordinal` as its latest revision (StateConflict).
  virtual void publish_draft(const std::string& slug, std::int64_t ordinal, const Article& article,
                             std::int64_t reviewer_id, const std::string& note) = 0;
};

// The phenotype ontology and disease annotations (HPO). One release of each
// is stored; records come back exactly as they were put, in order.
class PhenotypeStore {
 public:
  virtual ~PhenotypeStore() = default;

  // Replaces the stored ontology in one transaction (StoreError on failure,
  // leaving the previous one).
  virtual void put_ontology(const ontology::OntologyRecords& records) = 0;
  // Nothing when no ontology was imported.
  virtual std::optional<ontology::OntologyRecords> load_ontology() = 0;
  // Replaces all stored annotations in one transaction, like put_ontology.
  virtual void put_annotations(const ontology::AnnotationRecords& records) = 0;
  virtual std::optional<ontology::AnnotationRecords> load_annotations() = 0;
  // Changes whenever either is imported again (empty when neither is), so a
  // server rebuilds its symptom checker only when the HPO data moved.
  virtual std::string phenotype_stamp() = 0;
};

// Waits for writes committed elsewhere (another node, an import), so a
// server can rebuild its snapshot at once instead of at its next poll.
class ChangeWatch {
 public:
  virtual ~ChangeWatch() = default;
  // Waits up to `timeout`; true when something may have changed: a write
  // was signalled, or the watch reconnected after losing its connection
  // (signals sent meanwhile are lost, so the caller must compare
  // change_counter() with what it has, which catches up either way).
  virtual bool wait(std::chrono::milliseconds timeout) = 0;
};

// All areas, plus what concerns the database as a whole.
class Store : public ArticleStore,
              public AccountStore,
              public CommunityStore,
              public EditorialStore,
              public PhenotypeStore {
 public:
  ~Store() override = default;

  // Changes whenever a write that may change what pages show is committed
  // (by another connection, for SQLite; by any node, for PostgreSQL): the
  // server polls it to know when to rebuild its snapshot. On PostgreSQL,
  // writes that leave the articles alone (new accounts, comments, ratings)
  // are only signalled to watch_changes(), where a server starts its page
  // caches again without a rebuild.
  virtual std::uint64_t change_counter() = 0;
  virtual int schema_version() = 0;
  // A watch on its own connection, or nothing when the store has no way to
  // be told (SQLite: polling change_counter() is all there is).
  virtual std::unique_ptr<ChangeWatch> watch_changes() { return nullptr; }
};

// A workflow step that does not fit the draft's state (already in review,
// a newer revision was saved, ...). Nothing was changed.
class StateConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A display name that looks like another account's.
class NameTaken : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A username that is already taken.
class AccountExists : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database server cannot be reached (down, restarting, refusing
// connections). Nothing was changed; the same request may succeed once it is
// back, so the web layer answers 503 rather than 500.
class StoreUnavailable : public StoreError {
 public:
  using StoreError::StoreError;
};

// Opens (creating if needed) the store at `location` and brings its schema up
// to date: a PostgreSQL connection URL (postgresql://... or postgres://...)
// or else a SQLite file path.
std::unique_ptr<Store> open_store(const std::string& location);

// `location` fit for logs and messages: a PostgreSQL URL loses its password.
std::string describe_location(const std::string& location);

}  // namespace symptomdb::store
