#include "store/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "ingest/collect.hpp"
#include "ingest/seed_text.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

Article fixture_article() {
  return ingest::parse_seed_text(
      ingest::read_source_file(test::source_dir() / "tests/fixtures/seed_like.txt"));
}

std::vector<Article> bundled() {
  return ingest::parse_files(
      ingest::collect_files({(test::source_dir() / "content").string()}, ".md"),
      ingest::Format::markdown);
}

std::string pragma(const std::string& db, const std::string& name) {
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, ("PRAGMA " + name).c_str(), -1, &st, nullptr);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW)
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

TEST(SqliteStore, RoundTripsArticlesExactly) {
  test::TempDir dir;
  const auto db = dir.file("t.db");
  auto articles = bundled();
  articles.push_back(fixture_article());
  {
    auto store = store::open_store(db);
    const auto summary = store->put_articles(articles);
    EXPECT_EQ(summary.added, articles.size());
    EXPECT_EQ(summary.replaced, 0u);
  }
  // A new connection sees exactly what was written.
  auto store = store::open_store(db);
  auto loaded = store->load_articles();
  ASSERT_EQ(loaded.size(), articles.size());
  std::sort(articles.begin(), articles.end(),
            [](const Article& a, const Article& b) { return a.slug < b.slug; });
  for (std::size_t i = 0; i < loaded.size(); ++i) {
    SCOPED_TRACE(articles[i].slug);
    EXPECT_EQ(loaded[i].provenance.imported_at.size(), 20u);  // 2026-12-01T07:16:52Z
    loaded[i].provenance.imported_at = articles[i].provenance.imported_at;
    EXPECT_EQ(loaded[i], articles[i]);
  }
  auto one = store->find_article("shin-splints");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->author.affiliation, "Example Sports Clinic, Springfield");
  EXPECT_FALSE(store->find_article("no-such-article"));
}

TEST(SqliteStore, ReimportReplacesInsteadOfDuplicating) {
  test::TempDir dir;
  auto store = store::open_store(dir.file("t.db"));
  const std::vector<Article> one = {fixture_article()};
  store->put_articles(one);
  const auto again = store->put_articles(one);
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.replaced, 1u);
  EXPECT_EQ(store->count_articles(), 1u);
}

TEST(SqliteStore, AFailedWriteChangesNothing) {
  test::TempDir dir;
  auto store = store::open_store(dir.file("t.db"));
  const std::vector<Article> first = {fixture_article()};
  store->put_articles(first);

  auto changed = fixture_article();
  changed.title = "A changed title?";
  Article broken = fixture_article();
  broken.slug = "broken";
  broken.title.clear();  // invalid: caught inside the transaction
  const std::vector<Article> batch = {changed, broken};
  EXPECT_THROW(store->put_articles(batch), StoreError);
  EXPECT_EQ(store->count_articles(), 1u);
  EXPECT_EQ(store->find_article("shin-splints")->title, "How can I ease shin splints?");
}

TEST(SqliteStore, UsesWalForeignKeysAndVersionedMigrations) {
  test::TempDir dir;
  const auto db = dir.file("t.db");
  {
    auto store = store::open_store(db);
    EXPECT_EQ(store->schema_version(), 6);
  }
  EXPECT_EQ(pragma(db, "journal_mode"), "wal");
  // Opening again does not re-run migrations.
  auto store = store::open_store(db);
  EXPECT_EQ(store->schema_version(), 6);
}

TEST(SqliteStore, ChangeCounterMovesWhenAnotherConnectionCommits) {
  test::TempDir dir;
  const auto db = dir.file("t.db");
  auto reader = store::open_store(db);
  const auto before = reader->change_counter();
  EXPECT_EQ(reader->change_counter(), before);
  auto writer = store::open_store(db);
  const std::vector<Article> one = {fixture_article()};
  writer->put_articles(one);
  EXPECT_NE(reader->change_counter(), before);
}

TEST(SqliteStore, RefusesAFileThatIsNotADatabase) {
  test::TempDir dir;
  const auto path = dir.write("junk.db", std::string(4096, 'x'));
  EXPECT_THROW(store::open_store(path), StoreError);
}

}  // namespace
}  // namespace symptomdb

namespace symptomdb {
namespace {

// A database written by the first schema comes through migration 002 with
// its articles and synonyms intact.
TEST(SqliteStore, MigratesAVersionOneDatabase) {
  test::TempDir dir;
  const auto db = dir.file("v1.db");
  {
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
    const std::string v1(*embedded_file("src/store/migrations/001_initial.sql"));
    const std::string setup =
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL);" +
        v1 +
        "INSERT INTO schema_migrations VALUES (1, '001', '2026-01-01T00:00:00Z');"
        "INSERT INTO conditions (id, slug, name) VALUES (1, 'old-condition', 'Old condition');"
        "INSERT INTO condition_synonyms VALUES (1, 0, 'former name');"
        "INSERT INTO articles (id, slug, title, condition_id, introduction, format, imported_at) "
        "VALUES (1, 'old-condition', 'What is it?', 1, 'Intro.', 'markdown', "
        "'2026-01-01T00:00:00Z');"
        "INSERT INTO sections (id, article_id, position, type, heading, intro) "
        "VALUES (1, 1, 0, 'causes', '', 'Because.');"
        "INSERT INTO items (section_id, position, heading, body) VALUES (1, 0, 'One', 'Text.');";
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(h, setup.c_str(), nullptr, nullptr, &err), SQLITE_OK) << err;
    sqlite3_close(h);
  }
  auto store = store::open_store(db);
  EXPECT_EQ(store->schema_version(), 6);
  const auto a = store->find_article("old-condition");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->condition.synonyms, std::vector<std::string>{"former name"});
  ASSERT_EQ(a->sections.size(), 1u);
  EXPECT_EQ(a->sections[0].type, SectionType::causes);
  ASSERT_EQ(a->sections[0].items.size(), 1u);
  EXPECT_EQ(a->sections[0].items[0].text, "Text.");
  EXPECT_EQ(pragma(db, "foreign_key_check"), "");
}

}  // namespace
}  // namespace symptomdb
