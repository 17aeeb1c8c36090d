// The editorial workflow on PostgreSQL. Every step runs in a write
// transaction, which holds the change counter's row lock from its start:
// two editors approving at once on two nodes run one after the other, and
// the second finds the state already changed (StateConflict).
#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/util.hpp"

namespace symptomdb::store {
namespace {

constexpr const char* kDraftSelect =
    "SELECT d.slug, d.state, d.owner_id, u.display_name, d.created_at, d.updated_at, "
    "(SELECT MAX(ordinal) FROM revisions r WHERE r.slug = d.slug), "
    "(SELECT title FROM revisions r WHERE r.slug = d.slug ORDER BY ordinal DESC LIMIT 1), "
    "(SELECT note FROM review_events e WHERE e.slug = d.slug AND e.action <> 'submitted' "
    "ORDER BY e.id DESC LIMIT 1), u.author_id "
    "FROM drafts d JOIN users u ON u.id = d.owner_id ";

Draft draft_from(const pg::Result& st, int r) {
  Draft d;
  d.slug = st.text(r, 0);
  d.state = draft_state_from_string(st.text(r, 1)).value_or(DraftState::draft);
  d.owner_id = st.integer(r, 2);
  d.owner_name = st.text(r, 3);
  d.created_at = st.text(r, 4);
  d.updated_at = st.text(r, 5);
  d.latest = st.integer(r, 6);
  d.title = st.text(r, 7);
  d.last_note = st.text(r, 8);
  if (!st.is_null(r, 9)) d.owner_author_id = st.integer(r, 9);
  return d;
}

constexpr const char* kRevisionSelect =
    "SELECT r.id, r.slug, r.ordinal, r.markdown, r.author_id, u.display_name, r.created_at, "
    "r.note, r.state FROM revisions r JOIN users u ON u.id = r.author_id ";

Revision revision_from(const pg::Result& st, int row) {
  Revision r;
  r.id = st.integer(row, 0);
  r.slug = st.text(row, 1);
  r.ordinal = st.integer(row, 2);
  r.markdown = st.text(row, 3);
  r.author_id = st.integer(row, 4);
  r.author_name = st.text(row, 5);
  r.created_at = st.text(row, 6);
  r.note = st.text(row, 7);
  r.state = draft_state_from_string(st.text(row, 8)).value_or(DraftState::draft);
  return r;
}

void insert_revision(pg::Connection& c, const std::string& slug, std::int64_t ordinal,
                     const NewRevision& r, DraftState state, const std::string& now) {
  c.run(
      "INSERT INTO revisions (slug, ordinal, title, markdown, author_id, created_at, note, "
      "state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {slug, ordinal, r.title, r.markdown, r.author_id, now, r.note, to_string(state)});
}

// Inside a transaction: the draft must be in `from` with `ordinal` as its
// latest revision.
void expect_state(pg::Connection& c, const std::string& slug, DraftState from,
                  std::int64_t ordinal) {
  const auto st = c.run(
      "SELECT d.state, (SELECT MAX(ordinal) FROM revisions r WHERE r.slug = d.slug) FROM drafts "
      "d WHERE d.slug = $1",
      {slug});
  if (st.empty()) throw StateConflict("there is no draft of '" + slug + "'");
  if (st.text(0, 0) != to_string(from))
    throw StateConflict("the article is " +
                        std::string(state_label(
                            draft_state_from_string(st.text(0, 0)).value_or(DraftState::draft))) +
                        ", not " + std::string(state_label(from)));
  if (st.integer(0, 1) != ordinal)
    throw StateConflict("revision " + std::to_string(st.integer(0, 1)) +
                        " is the latest now; look at it first");
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
    const std::string now = pg::utc_now();
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
    const std::string now = pg::utc_now();
    const auto st = c.run(
        "SELECT d.state, (SELECT MAX(ordinal) FROM revisions r WHERE r.slug = d.slug) FROM "
        "drafts d WHERE d.slug = $1",
        {slug});
    if (st.empty()) throw StateConflict("there is no draft of '" + slug + "'");
    auto state = draft_state_from_string(st.text(0, 0)).value_or(DraftState::draft);
    const std::int64_t ordinal = st.integer(0, 1) + 1;
    if (base && *base != ordinal - 1)
      throw StateConflict("revision " + std::to_string(ordinal - 1) +
                          " was saved after the one this text is based on (" +
                          std::to_string(*base) + "); look at the history and merge the changes");
    if (state == DraftState::in_review && !allow_in_review)
      throw StateConflict(
          "the article is in review; it can be changed again once an editor returns it");
    // Revising a published article starts a new round of review, owned by
    // whoever started it; the live copy is untouched until it is approved.
    const bool new_round = state == DraftState::published;
    if (new_round) state = DraftState::draft;
    insert_revision(c, slug, ordinal, r, state, now);
    c.run(
        "UPDATE drafts SET state = $1, updated_at = $2, owner_id = CASE WHEN $3::boolean THEN "
        "$4 ELSE owner_id END WHERE slug = $5",
        {to_string(state), now, new_round ? "true" : "false", r.author_id, slug});
    return ordinal;
  });
}

std::optional<Draft> PostgresStore::draft(std::string_view slug) {
  return with([&](pg::Connection& c) -> std::optional<Draft> {
    const auto st = c.run(std::string(kDraftSelect) + "WHERE d.slug = $1", {slug});
    if (st.empty()) return std::nullopt;
    return draft_from(st, 0);
  });
}

std::vector<Draft> PostgresStore::drafts(std::optional<std::int64_t> owner_id,
                                         std::optional<DraftState> state) {
  return with([&](pg::Connection& c) {
    const auto st = c.run(
        std::string(kDraftSelect) +
            "WHERE ($1::bigint IS NULL OR d.owner_id = $1) AND ($2::text IS NULL OR d.state = "
            "$2) ORDER BY d.updated_at DESC, d.slug COLLATE \"C\" LIMIT 500",
        {owner_id, state ? pg::Param(to_string(*state)) : pg::Param(std::nullopt)});
    std::vector<Draft> out;
    for (int r = 0; r < st.rows(); ++r) out.push_back(draft_from(st, r));
    return out;
  });
}

std::vector<Revision> PostgresStore::revisions(std::string_view slug) {
  return with([&](pg::Connection& c) {
    const auto st =
        c.run(std::string(kRevisionSelect) + "WHERE r.slug = $1 ORDER BY r.ordinal", {slug});
    std::vector<Revision> out;
    for (int r = 0; r < st.rows(); ++r) out.push_back(revision_from(st, r));
    return out;
  });
}

std::optional<Revision> PostgresStore::revision(std::string_view slug, std::int64_t ordinal) {
  return with([&](pg::Connection& c) -> std::optional<Revision> {
    const auto st = c.run(std::string(kRevisionSelect) + "WHERE r.slug = $1 AND r.ordinal = $2",
                          {slug, ordinal});
    if (st.empty()) return std::nullopt;
    return revision_from(st, 0);
  });
}

std::vector<ReviewEvent> PostgresStore::review_events(std::string_view slug) {
  return with([&](pg::Connection& c) {
    const auto st = c.run(
        "SELECT e.id, e.slug, e.ordinal, e.action, e.user_id, u.display_name, e.note, "
        "e.created_at FROM review_events e JOIN users u ON u.id = e.user_id WHERE e.slug = $1 "
        "ORDER BY e.id",
        {slug});
    std::vector<ReviewEvent> out;
    for (int r = 0; r < st.rows(); ++r) {
      ReviewEvent e;
      e.id = st.integer(r, 0);
      e.slug = st.text(r, 1);
      e.ordinal = st.integer(r, 2);
      const auto action = st.text(r, 3);
      e.action = action == "approved"   ? ReviewAction::approved
                 : action == "returned" ? ReviewAction::returned
                                        : ReviewAction::submitted;
      e.user_id = st.integer(r, 4);
      e.user_name = st.text(r, 5);
      e.note = st.text(r, 6);
      e.created_at = st.text(r, 7);
      out.push_back(std::move(e));
    }
    return out;
  });
}

void PostgresStore::change_state(const std::string& slug, DraftState from, DraftState to,
                                 ReviewAction action, std::int64_t user_id, const std::string& note,
                                 std::int64_t ordinal) {
  write([&](pg::Connection& c) {
    const std::string now = pg::utc_now();
    expect_state(c, slug, from, ordinal);
    c.run("UPDATE drafts SET state = $1, updated_at = $2 WHERE slug = $3",
          {to_string(to), now, slug});
    record_event(c, slug, ordinal, action, user_id, note, now);
  });
}

void PostgresStore::publish_draft(const std::string& slug, std::int64_t ordinal,
                                  const Article& article, std::int64_t reviewer_id,
                                  const std::string& note) {
  write([&](pg::Connection& c) {
    const std::string now = pg::utc_now();
    expect_state(c, slug, DraftState::in_review, ordinal);
    if (article.slug != slug)
      throw StoreError("article '" + article.slug + "' is not the draft '" + slug + "'");
    const Article one[] = {article};
    write_articles(c, one);
    c.run("UPDATE drafts SET state = 'published', updated_at = $1 WHERE slug = $2", {now, slug});
    record_event(c, slug, ordinal, ReviewAction::approved, reviewer_id, note, now);
  });
}

}  // namespace symptomdb::store
