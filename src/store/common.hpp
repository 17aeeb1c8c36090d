// What both stores decide alike, written once: their timestamps, the checks
// an article and an editorial step must pass before anything is written,
// and the list of migrations. Each store runs its own SQL; the rules the
// SQL's answers are held to are here. (Row -> value is in store/rows.hpp.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.hpp"
#include "core/editorial.hpp"
#include "store/rows.hpp"

namespace symptomdb::store {

// The stores' timestamps: ISO 8601 UTC text with one-second resolution.
std::string utc_now();

// Throws StoreError naming the article when it may not be stored.
void check_article(const Article& article);

// A workflow step may go ahead only when the draft is in `from` with
// `ordinal` as its latest revision (`head` is nothing: there is no draft);
// StateConflict saying why otherwise.
void expect_state(const std::string& slug, const std::optional<DraftHead>& head, DraftState from,
                  std::int64_t ordinal);

// Where a new revision goes: its ordinal and the draft's state after it.
struct RevisionPlan {
  std::int64_t ordinal = 0;
  DraftState state = DraftState::draft;
  // Revising a published article starts a new round of review, owned by
  // whoever started it.
  bool new_round = false;
};
// StateConflict when there is no draft, it is in review and
// `allow_in_review` is false, or `base` is not the latest revision.
RevisionPlan plan_revision(const std::string& slug, const std::optional<DraftHead>& head,
                           bool allow_in_review, std::optional<std::int64_t> base);

enum class SqlDialect { sqlite, postgresql };

// The migrations built in for a dialect, in order (version n is element
// n-1): the embedded files under src/store/migrations/ (SQLite) or
// src/store/migrations/postgresql/, which CMakeLists.txt lists once for
// both. Both dialects have the same names, so a schema version means the
// same tables on either store; std::logic_error otherwise (a build mistake).
std::vector<std::string_view> migration_files(SqlDialect dialect);

struct Migration {
  int version = 0;
  std::string_view name;  // the embedded file's path
  std::string_view sql;
};
// The migrations a database at schema version `current` still needs, in
// order; StoreError when it is newer than this symptomdb.
std::vector<Migration> migrations_after(SqlDialect dialect, int current);

}  // namespace symptomdb::store
