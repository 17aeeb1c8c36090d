// The rules both stores share (store/common.hpp) and the row mapping they
// share (store/rows.hpp), without a database: the store suites run the same
// code on SQLite and PostgreSQL; these pin down the rules themselves.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/embedded.hpp"
#include "store/common.hpp"
#include "store/rows.hpp"
#include "store/store.hpp"

namespace symptomdb {
namespace {

using store::DraftHead;
using store::SqlDialect;
using store::StateConflict;

std::string file_name(std::string_view path) {
  return std::string(path.substr(path.rfind('/') + 1));
}

TEST(StoreMigrations, BothDialectsHaveTheSameNumberedMigrations) {
  const auto sqlite = store::migration_files(SqlDialect::sqlite);
  const auto postgresql = store::migration_files(SqlDialect::postgresql);
  ASSERT_FALSE(sqlite.empty());
  ASSERT_EQ(sqlite.size(), postgresql.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(file_name(sqlite[i]), file_name(postgresql[i]));
    EXPECT_TRUE(sqlite[i].starts_with("src/store/migrations/")) << sqlite[i];
    EXPECT_TRUE(postgresql[i].starts_with("src/store/migrations/postgresql/")) << postgresql[i];
    EXPECT_EQ(file_name(sqlite[i]).substr(0, 3), (i < 9 ? "00" : "0") + std::to_string(i + 1));
  }
  // The PostgreSQL folder's files are not taken for SQLite migrations.
  for (const auto& m : sqlite) EXPECT_EQ(m.find("postgresql"), std::string_view::npos) << m;
}

TEST(StoreMigrations, PendingOnesFollowTheCurrentVersion) {
  const auto all = store::migration_files(SqlDialect::sqlite);
  const int known = static_cast<int>(all.size());
  const auto pending = store::migrations_after(SqlDialect::sqlite, known - 2);
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].version, known - 1);
  EXPECT_EQ(pending[1].version, known);
  EXPECT_EQ(pending[1].name, all.back());
  EXPECT_EQ(pending[1].sql, *embedded_file(all.back()));
  EXPECT_TRUE(store::migrations_after(SqlDialect::postgresql, known).empty());
  EXPECT_EQ(store::migrations_after(SqlDialect::postgresql, 0).size(), all.size());
  try {
    store::migrations_after(SqlDialect::sqlite, known + 1);
    FAIL() << "a newer database was accepted";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("newer than this symptomdb"), std::string::npos);
  }
}

TEST(StoreRules, AStepNeedsTheDraftInItsStateAtItsLatestRevision) {
  EXPECT_NO_THROW(
      store::expect_state("a", DraftHead{DraftState::in_review, 3}, DraftState::in_review, 3));
  EXPECT_THROW(store::expect_state("a", std::nullopt, DraftState::draft, 1), StateConflict);
  try {
    store::expect_state("a", DraftHead{DraftState::published, 3}, DraftState::in_review, 3);
    FAIL() << "a published draft was taken for one in review";
  } catch (const StateConflict& e) {
    EXPECT_STREQ(e.what(), "the article is Published, not In review");
  }
  try {
    store::expect_state("a", DraftHead{DraftState::in_review, 4}, DraftState::in_review, 3);
    FAIL() << "an older revision was approved";
  } catch (const StateConflict& e) {
    EXPECT_STREQ(e.what(), "revision 4 is the latest now; look at it first");
  }
}

TEST(StoreRules, ARevisionFollowsTheLatestAndMayStartANewRound) {
  const auto plan = store::plan_revision("a", DraftHead{DraftState::draft, 2}, false, 2);
  EXPECT_EQ(plan.ordinal, 3);
  EXPECT_EQ(plan.state, DraftState::draft);
  EXPECT_FALSE(plan.new_round);

  const auto again = store::plan_revision("a", DraftHead{DraftState::published, 5}, false, {});
  EXPECT_EQ(again.ordinal, 6);
  EXPECT_EQ(again.state, DraftState::draft);
  EXPECT_TRUE(again.new_round);

  // In review: only when the caller allows it (an editor's fix), and the
  // state stays.
  EXPECT_THROW(store::plan_revision("a", DraftHead{DraftState::in_review, 2}, false, {}),
               StateConflict);
  const auto fix = store::plan_revision("a", DraftHead{DraftState::in_review, 2}, true, {});
  EXPECT_EQ(fix.state, DraftState::in_review);
  EXPECT_FALSE(fix.new_round);

  // A text based on an older revision is a lost update.
  EXPECT_THROW(store::plan_revision("a", DraftHead{DraftState::draft, 3}, false, 2), StateConflict);
  EXPECT_THROW(store::plan_revision("a", std::nullopt, true, {}), StateConflict);
}

// A row as both stores hand them: text by column, NULL apart.
struct FakeRow {
  std::vector<std::optional<std::string>> values;
  std::string text(int c) const { return values.at(static_cast<std::size_t>(c)).value_or(""); }
  std::int64_t integer(int c) const {
    const auto& v = values.at(static_cast<std::size_t>(c));
    return v ? std::stoll(*v) : 0;
  }
  bool is_null(int c) const { return !values.at(static_cast<std::size_t>(c)); }
};
static_assert(store::Row<FakeRow>);

TEST(StoreRows, ADeletedCommentHandsOutNoBodyOrAuthor) {
  const FakeRow live{{"7", "shin-splints", "3", "Wanda", std::nullopt, "Thanks", "published", "",
                      "1700000000", "1700000100", "2", "editor", "0"}};
  const auto c = store::comment_from(live);
  EXPECT_EQ(c.id, 7);
  EXPECT_FALSE(c.parent_id);
  EXPECT_EQ(c.edited_at, 1700000100);
  EXPECT_EQ(c.body, "Thanks");
  EXPECT_EQ(c.author_name, "Wanda");
  EXPECT_EQ(c.author_role, Role::editor);
  EXPECT_EQ(c.reports, 2);

  FakeRow gone = live;
  gone.values[12] = "1";
  const auto t = store::comment_from(gone);
  EXPECT_TRUE(t.deleted);
  EXPECT_EQ(t.body, "");
  EXPECT_EQ(t.author_name, "");
  EXPECT_EQ(t.author_role, Role::reader);
}

TEST(StoreRows, AnAuthorWithoutRatingsHasNoAverage) {
  FakeRow row{{"1", "ann-lee", "Ann Lee", "MD", "Clinic", "", std::nullopt, "0", std::nullopt}};
  auto p = store::author_from(row);
  EXPECT_EQ(p.rating.count, 0);
  EXPECT_EQ(p.rating.average, 0);
  EXPECT_FALSE(p.user_id);
  // PostgreSQL's AVG is NUMERIC text, SQLite's REAL text: both are read.
  row.values[6] = "4.5000000000000000";
  row.values[7] = "2";
  row.values[8] = "9";
  p = store::author_from(row);
  EXPECT_DOUBLE_EQ(p.rating.average, 4.5);
  EXPECT_EQ(p.user_id, 9);
}

// read_articles() assembles an article from the rows of each table, as a
// store's each_row() hands them; children of other articles are left out.
TEST(StoreRows, ArticlesAreAssembledFromTheRowsOfEachTable) {
  std::map<std::string, std::vector<FakeRow>> tables;
  std::vector<FakeRow> main{
      {{"10",   "b-slug",   "B?",        "B cond",     "1",     "",  "",
        "",     "site",     "intro",     "2026-01-01", "CC BY", "0", "markdown",
        "b.md", "now",      "kind",      "",           "",      "",  "",
        "",     "Ann\nBob", "T047 T184", "Disorders"}}};
  tables["article_synonyms"] = {{{"10", "bee"}}, {{"11", "other article's"}}};
  tables["article_cuis"] = {{{"10", "C1"}}};
  tables["open_questions"] = {};
  tables["article_sources"] = {{{"10", "Src", "https://example.org"}}};
  tables["sections"] = {{{"10", "100", "causes", "Why", "", "", "", "", "", ""}},
                        {{"10", "101", "treatment", "How", "", "", "", "", "", ""}}};
  tables["items"] = {{{"101", "Rest", "Rest it."}}, {{"100", "Running", "Too much."}}};
  std::vector<std::string> queries;
  auto each_row = [&](const std::string& sql, auto&& f) {
    queries.push_back(sql);
    if (sql.find("FROM articles a JOIN") != std::string::npos) {
      for (const auto& r : main) f(r);
      return;
    }
    for (const auto& [table, rows] : tables)
      if (sql.find("FROM " + table) != std::string::npos)
        for (const auto& r : rows) f(r);
  };
  const auto articles = store::read_articles(each_row, store::Dialect{"?", ""}, true);
  ASSERT_EQ(articles.size(), 1u);
  const auto& a = articles[0];
  EXPECT_EQ(a.slug, "b-slug");
  EXPECT_EQ(a.contributors, (std::vector<std::string>{"Ann", "Bob"}));
  EXPECT_EQ(a.condition.synonyms, std::vector<std::string>{"bee"});
  EXPECT_EQ(a.condition.cuis, std::vector<std::string>{"C1"});
  EXPECT_EQ(a.condition.semantic_types, (std::vector<std::string>{"T047", "T184"}));
  EXPECT_EQ(a.condition.semantic_group, "Disorders");
  ASSERT_EQ(a.sections.size(), 2u);
  EXPECT_EQ(a.sections[0].items.size(), 1u);
  EXPECT_EQ(a.sections[0].items[0].heading, "Running");
  EXPECT_EQ(a.sections[1].items[0].heading, "Rest");
  ASSERT_EQ(a.sources.size(), 1u);
  // One article: every query is limited to it.
  for (const auto& q : queries) EXPECT_NE(q.find("slug = ?"), std::string::npos) << q;
}

}  // namespace
}  // namespace symptomdb
