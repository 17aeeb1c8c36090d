// The editorial workflow on SQLite: drafts, revisions and review events.
// Every state change is checked and made inside one BEGIN IMMEDIATE
// transaction, so two editors acting at once cannot both succeed.
#include "core/error.hpp"

#include "store/common.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace symptomdb::store {

void SqliteStore::insert_revision(const std::string& slug, std::int64_t ordinal,
                                  const NewRevision& r, DraftState state, const std::string& now) {
  db_.prepare(
         "INSERT INTO revisions (slug, ordinal, title, markdown, author_id, created_at, note, "
         "state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, slug)
      .bind(2, ordinal)
      .bind(3, r.title)
      .bind(4, r.markdown)
      .bind(5, r.author_id)
      .bind(6, now)
      .bind(7, r.note)
      .bind(8, to_string(state))
      .run();
}

void SqliteStore::create_draft(const std::string& slug, std::int64_t owner_id,
                               std::span<const NewRevision> revisions) {
  std::lock_guard lock(mutex_);
  if (revisions.empty()) throw StoreError("a draft starts with at least one revision");
  const std::string now = utc_now();
  Transaction tx(db_);
  auto exists = db_.prepare("SELECT 1 FROM drafts WHERE slug = ?");
  exists.bind(1, slug);
  if (exists.step())
    throw StateConflict("an article with the address '" + slug + "' is being written already");
  db_.prepare(
         "INSERT INTO drafts (slug, state, owner_id, created_at, updated_at) VALUES (?, 'draft', "
         "?, ?, ?)")
      .bind(1, slug)
      .bind(2, owner_id)
      .bind(3, now)
      .bind(4, now)
      .run();
  for (std::size_t i = 0; i < revisions.size(); ++i)
    insert_revision(slug, static_cast<std::int64_t>(i + 1), revisions[i], DraftState::draft, now);
  tx.commit();
}

std::int64_t SqliteStore::add_revision(const std::string& slug, const NewRevision& r,
                                       bool allow_in_review, std::optional<std::int64_t> base) {
  std::lock_guard lock(mutex_);
  const std::string now = utc_now();
  Transaction tx(db_);
  const auto plan = plan_revision(slug, head(slug), allow_in_review, base);
  insert_revision(slug, plan.ordinal, r, plan.state, now);
  db_.prepare(
         "UPDATE drafts SET state = ?, updated_at = ?, owner_id = CASE WHEN ? THEN ? ELSE "
         "owner_id END WHERE slug = ?")
      .bind(1, to_string(plan.state))
      .bind(2, now)
      .bind(3, plan.new_round ? 1 : 0)
      .bind(4, r.author_id)
      .bind(5, slug)
      .run();
  tx.commit();
  return plan.ordinal;
}

std::optional<Draft> SqliteStore::draft(std::string_view slug) {
  std::lock_guard lock(mutex_);
  return first<Draft>(db_.prepare(std::string(kDraftSelect) + "WHERE d.slug = ?").bind(1, slug),
                      draft_from);
}

std::vector<Draft> SqliteStore::drafts(std::optional<std::int64_t> owner_id,
                                       std::optional<DraftState> state) {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(std::string(kDraftSelect) +
                        "WHERE (?1 IS NULL OR d.owner_id = ?1) AND (?2 IS NULL OR d.state = ?2) "
                        "ORDER BY d.updated_at DESC, d.slug LIMIT 500");
  if (owner_id)
    st.bind(1, *owner_id);
  else
    st.bind_null(1);
  if (state)
    st.bind(2, to_string(*state));
  else
    st.bind_null(2);
  return all<Draft>(st, draft_from);
}

std::vector<Revision> SqliteStore::revisions(std::string_view slug) {
  std::lock_guard lock(mutex_);
  return all<Revision>(
      db_.prepare(std::string(kRevisionSelect) + "WHERE r.slug = ? ORDER BY r.ordinal")
          .bind(1, slug),
      revision_from);
}

std::optional<Revision> SqliteStore::revision(std::string_view slug, std::int64_t ordinal) {
  std::lock_guard lock(mutex_);
  return first<Revision>(
      db_.prepare(std::string(kRevisionSelect) + "WHERE r.slug = ? AND r.ordinal = ?")
          .bind(1, slug)
          .bind(2, ordinal),
      revision_from);
}

std::vector<ReviewEvent> SqliteStore::review_events(std::string_view slug) {
  std::lock_guard lock(mutex_);
  return all<ReviewEvent>(
      db_.prepare(std::string(kReviewEventSelect) + "WHERE e.slug = ? ORDER BY e.id").bind(1, slug),
      review_event_from);
}

std::optional<DraftHead> SqliteStore::head(const std::string& slug) {
  return first<DraftHead>(
      db_.prepare(std::string(kDraftHeadSelect) + "WHERE d.slug = ?").bind(1, slug),
      draft_head_from);
}

void SqliteStore::record_event(const std::string& slug, std::int64_t ordinal, ReviewAction action,
                               std::int64_t user_id, const std::string& note,
                               const std::string& now) {
  db_.prepare(
         "INSERT INTO review_events (slug, ordinal, action, user_id, note, created_at) VALUES (?, "
         "?, ?, ?, ?, ?)")
      .bind(1, slug)
      .bind(2, ordinal)
      .bind(3, to_string(action))
      .bind(4, user_id)
      .bind(5, note)
      .bind(6, now)
      .run();
}

void SqliteStore::change_state(const std::string& slug, DraftState from, DraftState to,
                               ReviewAction action, std::int64_t user_id, const std::string& note,
                               std::int64_t ordinal) {
  std::lock_guard lock(mutex_);
  const std::string now = utc_now();
  Transaction tx(db_);
  expect_state(slug, head(slug), from, ordinal);
  db_.prepare("UPDATE drafts SET state = ?, updated_at = ? WHERE slug = ?")
      .bind(1, to_string(to))
      .bind(2, now)
      .bind(3, slug)
      .run();
  record_event(slug, ordinal, action, user_id, note, now);
  tx.commit();
}

void SqliteStore::publish_draft(const std::string& slug, std::int64_t ordinal,
                                const Article& article, std::int64_t reviewer_id,
                                const std::string& note) {
  std::lock_guard lock(mutex_);
  const std::string now = utc_now();
  Transaction tx(db_);
  expect_state(slug, head(slug), DraftState::in_review, ordinal);
  if (article.slug != slug)
    throw StoreError("article '" + article.slug + "' is not the draft '" + slug + "'");
  const Article one[] = {article};
  write_articles(one);
  db_.prepare("UPDATE drafts SET state = 'published', updated_at = ? WHERE slug = ?")
      .bind(1, now)
      .bind(2, slug)
      .run();
  record_event(slug, ordinal, ReviewAction::approved, reviewer_id, note, now);
  tx.commit();
}

}  // namespace symptomdb::store
