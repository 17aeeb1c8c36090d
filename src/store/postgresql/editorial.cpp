// The editorial workflow on PostgreSQL. Every step runs in a write
// transaction, which holds the change counter's row lock from its start:
// two editors approving at once on two nodes run one after the other, and
// the second finds the state already changed (StateConflict).
#include "store/common.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/util.hpp"

namespace symptomdb::store {
namespace {

void insert_revision(pg::Connection& c, const std::string& slug, std::int64_t ordinal,
                     const NewRevision& r, DraftState state, const std::string& now) {
  c.run(
      "INSERT INTO revisions (slug, ordinal, title, markdown, author_id, created_at, note, "
      "state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {slug, ordinal, r.title, r.markdown, r.author_id, now, r.note, to_string(state)});
}

// Inside a transaction: the draft's state and latest revision, if any.
std::optional<DraftHead> head(pg::Connection& c, const std::string& slug) {
  return first<DraftHead>(c.run(std::string(kDraftHeadSelect) + "WHERE d.slug = $1", {slug}),
                          draft_head_from);
}

void record_event(pg::Connection& c, const std::string& slug, std::int64_t ordinal,
                  ReviewAction action, std::int64_t user_id, const std::string& note,
                  const std::string& now) {
  c.run(
      "INSERT INTO review_events (slug, ordinal, action, user_id, note, created_at) VALUES ($1, "
      "$2, $3, $4, $5, $6)",
      {slug, ordinal, to_string(action), user_id, note, now});
}

}  // namespace

void PostgresStore::create_draft(const std::string& slug, std::int64_t owner_id,
                                 std::span<const NewRevision> revisions) {
  if (revisions.empty()) throw StoreError("a draft starts with at least one revision");
  write([&](pg::Connection& c) {
    const std::string now = utc_now();
    if (c.run("INSERT INTO drafts (slug, state, owner_id, created_at, updated_at) VALUES ($1, "
              "'draft', $2, $3, $4) ON CONFLICT (slug) DO NOTHING",
              {slug, owner_id, now, now})
            .affected() == 0)
      throw StateConflict("an article with the address '" + slug + "' is being written already");
    for (std::size_t i = 0; i < revisions.size(); ++i)
      insert_revision(c, slug, static_cast<std::int64_t>(i + 1), revisions[i], DraftState::draft,
                      now);
  });
}

std::int64_t PostgresStore::add_revision(const std::string& slug, const NewRevision& r,
                                         bool allow_in_review, std::optional<std::int64_t> base) {
  return write([&](pg::Connection& c) {
    const std::string now = utc_now();
    const auto plan = plan_revision(slug, head(c, slug), allow_in_review, base);
    insert_revision(c, slug, plan.ordinal, r, plan.state, now);
    c.run(
        "UPDATE drafts SET state = $1, updated_at = $2, owner_id = CASE WHEN $3::boolean THEN "
        "$4 ELSE owner_id END WHERE slug = $5",
        {to_string(plan.state), now, plan.new_round ? "true" : "false", r.author_id, slug});
    return plan.ordinal;
  });
}

std::optional<Draft> PostgresStore::draft(std::string_view slug) {
  return with([&](pg::Connection& c) {
    return first<Draft>(c.run(std::string(kDraftSelect) + "WHERE d.slug = $1", {slug}), draft_from);
  });
}

std::vector<Draft> PostgresStore::drafts(std::optional<std::int64_t> owner_id,
                                         std::optional<DraftState> state) {
  return with([&](pg::Connection& c) {
    return all<Draft>(
        c.run(
            std::string(kDraftSelect) +
                "WHERE ($1::bigint IS NULL OR d.owner_id = $1) AND ($2::text IS NULL OR d.state = "
                "$2) ORDER BY d.updated_at DESC, d.slug COLLATE \"C\" LIMIT 500",
            {owner_id, state ? pg::Param(to_string(*state)) : pg::Param(std::nullopt)}),
        draft_from);
  });
}

std::vector<Revision> PostgresStore::revisions(std::string_view slug) {
  return with([&](pg::Connection& c) {
    return all<Revision>(
        c.run(std::string(kRevisionSelect) + "WHERE r.slug = $1 ORDER BY r.ordinal", {slug}),
        revision_from);
  });
}

std::optional<Revision> PostgresStore::revision(std::string_view slug, std::int64_t ordinal) {
  return with([&](pg::Connection& c) {
    return first<Revision>(
        c.run(std::string(kRevisionSelect) + "WHERE r.slug = $1 AND r.ordinal = $2",
              {slug, ordinal}),
        revision_from);
  });
}

std::vector<ReviewEvent> PostgresStore::review_events(std::string_view slug) {
  return with([&](pg::Connection& c) {
    return all<ReviewEvent>(
        c.run(std::string(kReviewEventSelect) + "WHERE e.slug = $1 ORDER BY e.id", {slug}),
        review_event_from);
  });
}

void PostgresStore::change_state(const std::string& slug, DraftState from, DraftState to,
                                 ReviewAction action, std::int64_t user_id, const std::string& note,
                                 std::int64_t ordinal) {
  write([&](pg::Connection& c) {
    const std::string now = utc_now();
    expect_state(slug, head(c, slug), from, ordinal);
    c.run("UPDATE drafts SET state = $1, updated_at = $2 WHERE slug = $3",
          {to_string(to), now, slug});
    record_event(c, slug, ordinal, action, user_id, note, now);
  });
}

void PostgresStore::publish_draft(const std::string& slug, std::int64_t ordinal,
                                  const Article& article, std::int64_t reviewer_id,
                                  const std::string& note) {
  write([&](pg::Connection& c) {
    const std::string now = utc_now();
    expect_state(slug, head(c, slug), DraftState::in_review, ordinal);
    if (article.slug != slug)
      throw StoreError("article '" + article.slug + "' is not the draft '" + slug + "'");
    const Article one[] = {article};
    write_articles(c, one);
    c.run("UPDATE drafts SET state = 'published', updated_at = $1 WHERE slug = $2", {now, slug});
    record_event(c, slug, ordinal, ReviewAction::approved, reviewer_id, note, now);
  });
}

}  // namespace symptomdb::store
