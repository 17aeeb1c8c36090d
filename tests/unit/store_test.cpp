#include "store/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "ingest/collect.hpp"
#include "ingest/seed_text.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

Article fixture_article() {
  return ingest::parse_seed_text(
      text::read_source_file(test::source_dir() / "tests/fixtures/seed_like.txt"));
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

// The store behaviour every implementation shares: each test runs against
// SQLite and against PostgreSQL (skipped, with the reason, without a server).
class Stores : public ::testing::TestWithParam<test::Backend> {
 protected:
  void SetUp() override {
    SYMPTOMDB_SKIP_WITHOUT(GetParam());
    db_ = std::make_unique<test::TestDatabase>(GetParam());
  }
  std::unique_ptr<store::Store> open() const { return db_->open(); }
  std::unique_ptr<test::TestDatabase> db_;
};

INSTANTIATE_TEST_SUITE_P(Both, Stores,
                         ::testing::Values(test::Backend::sqlite, test::Backend::postgresql),
                         test::backend_name);

TEST_P(Stores, RoundTripsArticlesExactly) {
  auto articles = bundled();
  articles.push_back(fixture_article());
  {
    auto store = open();
    const auto summary = store->put_articles(articles);
    EXPECT_EQ(summary.added, articles.size());
    EXPECT_EQ(summary.replaced, 0u);
  }
  // A new connection sees exactly what was written.
  auto store = open();
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

TEST_P(Stores, ContributorsRoundTripInOrder) {
  auto store = open();
  Article with = fixture_article();
  with.contributors = {"Erin Editor", "Jo Author", "A. N. Other"};
  Article without = fixture_article();
  without.slug = "no-contributors";
  const std::vector<Article> both = {with, without};
  store->put_articles(both);
  EXPECT_EQ(store->find_article("shin-splints")->contributors, with.contributors);
  EXPECT_TRUE(store->find_article("no-contributors")->contributors.empty());
  // Through the bulk load as well as the single one.
  const auto all = store->load_articles();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].slug, "no-contributors");
  EXPECT_TRUE(all[0].contributors.empty());
  EXPECT_EQ(all[1].contributors, with.contributors);
}

TEST_P(Stores, ReimportReplacesInsteadOfDuplicating) {
  auto store = open();
  const std::vector<Article> one = {fixture_article()};
  store->put_articles(one);
  const auto again = store->put_articles(one);
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.replaced, 1u);
  EXPECT_EQ(store->count_articles(), 1u);
}

TEST_P(Stores, AFailedWriteChangesNothing) {
  auto store = open();
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
    EXPECT_EQ(store->schema_version(), 8);
  }
  EXPECT_EQ(pragma(db, "journal_mode"), "wal");
  // Opening again does not re-run migrations.
  auto store = store::open_store(db);
  EXPECT_EQ(store->schema_version(), 8);
}

TEST_P(Stores, ChangeCounterMovesWhenAnotherConnectionCommits) {
  auto reader = open();
  const auto before = reader->change_counter();
  EXPECT_EQ(reader->change_counter(), before);
  auto writer = open();
  const std::vector<Article> one = {fixture_article()};
  writer->put_articles(one);
  EXPECT_NE(reader->change_counter(), before);
}

// --- The editorial workflow's storage. ---

class EditorialStore : public ::testing::TestWithParam<test::Backend> {
 protected:
  void SetUp() override {
    SYMPTOMDB_SKIP_WITHOUT(GetParam());
    db_ = std::make_unique<test::TestDatabase>(GetParam());
    store_ = db_->open();
    User u;
    u.username = "writer";
    u.display_name = "Wanda Writer";
    u.role = Role::author;
    writer_ = store_->create_user(u, "hash");
    u.username = "editor";
    u.display_name = "Ed Itor";
    u.role = Role::editor;
    editor_ = store_->create_user(u, "hash");
  }
  store::NewRevision rev(const std::string& md, const std::string& note = "") const {
    return {"How can I ease shin splints?", md, writer_, note};
  }
  std::unique_ptr<test::TestDatabase> db_;
  std::unique_ptr<store::Store> store_;
  std::int64_t writer_ = 0, editor_ = 0;
};

INSTANTIATE_TEST_SUITE_P(Both, EditorialStore,
                         ::testing::Values(test::Backend::sqlite, test::Backend::postgresql),
                         test::backend_name);

TEST_P(EditorialStore, RevisionsAreNumberedInOrderWithAuthorAndTime) {
  const store::NewRevision first[] = {rev("one", "start")};
  store_->create_draft("shin-splints", writer_, first);
  EXPECT_THROW(store_->create_draft("shin-splints", editor_, first), store::StateConflict);
  EXPECT_EQ(store_->add_revision("shin-splints", rev("two"), false), 2);
  EXPECT_EQ(store_->add_revision("shin-splints", rev("three", "third"), false, 2), 3);
  // Based on an older revision: a lost update, refused.
  EXPECT_THROW(store_->add_revision("shin-splints", rev("stale"), false, 2), store::StateConflict);
  EXPECT_THROW(store_->add_revision("no-draft", rev("x"), false), store::StateConflict);
  const auto all = store_->revisions("shin-splints");
  ASSERT_EQ(all.size(), 3u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].ordinal, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(all[i].author_name, "Wanda Writer");
    EXPECT_EQ(all[i].created_at.size(), 20u);
  }
  EXPECT_EQ(all[2].markdown, "three");
  EXPECT_EQ(all[2].note, "third");
  const auto d = store_->draft("shin-splints");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->latest, 3);
  EXPECT_EQ(d->state, DraftState::draft);
  EXPECT_EQ(d->owner_name, "Wanda Writer");
  EXPECT_EQ(store_->revision("shin-splints", 2)->markdown, "two");
  EXPECT_FALSE(store_->revision("shin-splints", 4));
}

TEST_P(EditorialStore, StateChangesAreCheckedAgainstStateAndRevision) {
  const store::NewRevision first[] = {rev("one")};
  store_->create_draft("shin-splints", writer_, first);
  EXPECT_THROW(store_->change_state("shin-splints", DraftState::draft, DraftState::in_review,
                                    ReviewAction::submitted, writer_, "", 2),
               store::StateConflict);
  store_->change_state("shin-splints", DraftState::draft, DraftState::in_review,
                       ReviewAction::submitted, writer_, "", 1);
  EXPECT_THROW(store_->change_state("shin-splints", DraftState::draft, DraftState::in_review,
                                    ReviewAction::submitted, writer_, "", 1),
               store::StateConflict);
  EXPECT_THROW(store_->add_revision("shin-splints", rev("two"), false), store::StateConflict);
  EXPECT_EQ(store_->add_revision("shin-splints", rev("two"), true), 2);  // an editor's fix
  EXPECT_EQ(store_->drafts(std::nullopt, DraftState::in_review).size(), 1u);
  EXPECT_EQ(store_->drafts(editor_, std::nullopt).size(), 0u);
  EXPECT_EQ(store_->review_events("shin-splints").size(), 1u);
}

TEST_P(EditorialStore, PublishingWritesTheArticleStateAndReviewTogether) {
  const store::NewRevision first[] = {rev("one")};
  store_->create_draft("shin-splints", writer_, first);
  store_->change_state("shin-splints", DraftState::draft, DraftState::in_review,
                       ReviewAction::submitted, writer_, "", 1);
  Article a = fixture_article();
  a.reviewed_on = "2026-12-01";
  a.reviewed_by = {"Erin Editor", "MD"};

  // A failure at the last step (the review record names no user) leaves
  // nothing half-written: no article, still in review, no approval.
  EXPECT_THROW(store_->publish_draft("shin-splints", 1, a, 9999, ""), StoreError);
  EXPECT_FALSE(store_->find_article("shin-splints"));
  EXPECT_EQ(store_->draft("shin-splints")->state, DraftState::in_review);
  EXPECT_EQ(store_->review_events("shin-splints").size(), 1u);
  // An invalid article is refused the same way.
  Article bad = a;
  bad.title.clear();
  EXPECT_THROW(store_->publish_draft("shin-splints", 1, bad, editor_, ""), StoreError);
  EXPECT_FALSE(store_->find_article("shin-splints"));
  // Not the latest revision: a conflict, nothing written.
  EXPECT_THROW(store_->publish_draft("shin-splints", 2, a, editor_, ""), store::StateConflict);

  store_->publish_draft("shin-splints", 1, a, editor_, "fine");
  const auto live = store_->find_article("shin-splints");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->reviewed_by, (Reviewer{"Erin Editor", "MD"}));
  EXPECT_EQ(store_->draft("shin-splints")->state, DraftState::published);
  const auto events = store_->review_events("shin-splints");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].action, ReviewAction::approved);
  EXPECT_EQ(events[1].user_name, "Ed Itor");
  EXPECT_EQ(events[1].note, "fine");
  // Publishing twice is a conflict; a new revision starts a new round.
  EXPECT_THROW(store_->publish_draft("shin-splints", 1, a, editor_, ""), store::StateConflict);
  store::NewRevision by_editor = rev("two");
  by_editor.author_id = editor_;
  EXPECT_EQ(store_->add_revision("shin-splints", by_editor, false), 2);
  EXPECT_EQ(store_->draft("shin-splints")->state, DraftState::draft);
  EXPECT_EQ(store_->revision("shin-splints", 2)->state, DraftState::draft);
  // The new round is the editor's; the live copy is the approved one.
  EXPECT_EQ(store_->draft("shin-splints")->owner_id, editor_);
  EXPECT_EQ(store_->find_article("shin-splints")->reviewed_by.name, "Erin Editor");
  // Later revisions in the round do not change the owner.
  EXPECT_EQ(store_->add_revision("shin-splints", rev("three"), false), 3);
  EXPECT_EQ(store_->draft("shin-splints")->owner_id, editor_);
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
  EXPECT_EQ(store->schema_version(), 8);
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
