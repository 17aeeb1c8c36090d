// The system of record, behind one interface so that SQLite (the embedded
// default) and PostgreSQL (for several nodes, later) are interchangeable.
// Engines never read the store directly: they read a snapshot built from it.
#pragma once

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
#include "ontology/ontology.hpp"

namespace symptomdb::store {

struct WriteSummary {
  std::size_t added = 0;
  std::size_t replaced = 0;  // an article with the same slug existed
};

class Store {
 public:
  virtual ~Store() = default;

  // Writes every article in one transaction: all are stored, or none (the
  // error is thrown as StoreError). An article replaces any with its slug,
  // so importing the same files twice changes nothing but imported_at.
  virtual WriteSummary put_articles(std::span<const Article> articles) = 0;

  // Every article, ordered by slug.
  virtual std::vector<Article> load_articles() = 0;
  virtual std::optional<Article> find_article(std::string_view slug) = 0;
  virtual std::size_t count_articles() = 0;

  // Changes whenever another connection commits: the server polls it to know
  // when to rebuild its snapshot after an import from the command line.
  virtual std::uint64_t change_counter() = 0;
  virtual int schema_version() = 0;

  // --- Accounts. Passwords arrive already hashed (argon2id); session ids
  // arrive hashed too, so the store never sees a secret. ---

  // Throws AccountExists when the username is taken.
  virtual std::int64_t create_user(const User& user, const std::string& password_hash) = 0;
  // The user and their password hash.
  virtual std::optional<std::pair<User, std::string>> find_user(std::string_view username) = 0;
  virtual bool set_role(std::string_view username, Role role) = 0;
  virtual bool set_disabled(std::string_view username, bool disabled) = 0;
  virtual void set_password_hash(std::int64_t user_id, const std::string& hash) = 0;
  // Lets an author account write as (and be rated as) an author profile.
  virtual bool link_author(std::string_view username, std::string_view author_slug) = 0;

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

  // --- Authors and ratings. ---
  virtual std::optional<AuthorProfile> author(std::string_view slug) = 0;
  // One rating per reader and author: rating again replaces the earlier one.
  virtual void rate_author(std::int64_t author_id, std::int64_t user_id, int stars) = 0;
  virtual std::optional<int> rating_by(std::int64_t author_id, std::int64_t user_id) = 0;

  // --- Comments. ---
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
  virtual void delete_comment(std::int64_t id) = 0;
  // Records a report once per reader; returns the number of reports.
  virtual std::int64_t report_comment(std::int64_t id, std::int64_t user_id, std::int64_t now) = 0;
  // How many comments a user wrote since a time (for rate limits).
  virtual std::size_t comments_since(std::int64_t user_id, std::int64_t since) = 0;
  // When the account was created, unix seconds.
  virtual std::int64_t user_created_at(std::int64_t user_id) = 0;

  // --- Phenotype ontology and disease annotations (HPO). One release of
  // each is stored; records come back exactly as they were put, in order. ---

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

// A username that is already taken.
class AccountExists : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Opens (creating if needed) the store at `location` and brings its schema up
// to date. Today: a SQLite file path.
std::unique_ptr<Store> open_store(const std::string& location);

}  // namespace symptomdb::store
