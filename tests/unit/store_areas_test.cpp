// Accounts, sessions, throttling, ratings and comments through the store,
// against SQLite and PostgreSQL alike; and what only PostgreSQL has: a clear
// StoreUnavailable when the server cannot be reached, and recovery when the
// server drops the store's connections.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <random>
#include <thread>

#include "core/error.hpp"
#include "store/store.hpp"
#include "support/stores.hpp"

namespace symptomdb {
namespace {

class StoreAreas : public ::testing::TestWithParam<test::Backend> {
 protected:
  void SetUp() override {
    SYMPTOMDB_SKIP_WITHOUT(GetParam());
    db_ = std::make_unique<test::TestDatabase>(GetParam());
    store_ = db_->open();
  }
  std::int64_t user(const std::string& name, Role role = Role::reader) {
    User u;
    u.username = name;
    u.display_name = "Display " + name;
    u.role = role;
    return store_->create_user(u, "hash-of-" + name);
  }
  std::int64_t user_named(const std::string& name, const std::string& display_name) {
    User u;
    u.username = name;
    u.display_name = display_name;
    return store_->create_user(u, "hash-of-" + name);
  }
  // A statement through a writable connection of its own (the test
  // database's query() is read-only on SQLite).
  void exec(const std::string& sql) const {
    if (GetParam() == test::Backend::postgresql) {
      store::pg::Connection(db_->location()).exec(sql);
      return;
    }
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db_->location().c_str(), &h), SQLITE_OK);
    sqlite3_busy_timeout(h, 5000);
    char* error = nullptr;
    const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(h);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }
  std::unique_ptr<test::TestDatabase> db_;
  std::unique_ptr<store::Store> store_;
};

INSTANTIATE_TEST_SUITE_P(Both, StoreAreas,
                         ::testing::Values(test::Backend::sqlite, test::Backend::postgresql),
                         test::backend_name);

TEST_P(StoreAreas, SchemaIsAtTheLatestVersionAndReopeningKeepsIt) {
  EXPECT_EQ(store_->schema_version(), 8);
  EXPECT_EQ(db_->open()->schema_version(), 8);
  EXPECT_EQ(db_->query("SELECT COUNT(*) FROM schema_migrations"), (test::Rows{{"8"}}));
}

TEST_P(StoreAreas, UsernamesAreUniqueWhateverTheirCase) {
  const auto id = user("Alice");
  EXPECT_GT(id, 0);
  EXPECT_THROW(user("alice"), store::AccountExists);
  EXPECT_THROW(user("ALICE"), store::AccountExists);
  const auto found = store_->find_user("aLiCe");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->first.id, id);
  EXPECT_EQ(found->first.username, "Alice");
  EXPECT_EQ(found->first.display_name, "Display Alice");
  EXPECT_EQ(found->second, "hash-of-Alice");
  EXPECT_EQ(found->first.created_at.size(), 20u);
  EXPECT_FALSE(store_->find_user("bob"));
  EXPECT_TRUE(store_->set_role("alice", Role::editor));
  EXPECT_EQ(store_->find_user("Alice")->first.role, Role::editor);
  EXPECT_FALSE(store_->set_role("nobody", Role::editor));
  store_->set_password_hash(id, "new-hash");
  EXPECT_EQ(store_->find_user("Alice")->second, "new-hash");
  // created_at as unix seconds: within a minute of now.
  EXPECT_NEAR(static_cast<double>(store_->user_created_at(id)),
              static_cast<double>(std::time(nullptr)), 60.0);
  EXPECT_EQ(store_->user_created_at(9999), 0);
}

TEST_P(StoreAreas, DisplayNamesThatLookAlikeAreTaken) {
  user_named("erin", "Erin Roe, MD");
  // Case, spacing and punctuation do not make a name different...
  EXPECT_THROW(user_named("erin2", "erin  ROE md"), store::NameTaken);
  // ...nor does a Cyrillic letter that looks like a Latin one.
  EXPECT_THROW(user_named("erin3", "\xd0\x95rin Roe MD"), store::NameTaken);
  EXPECT_FALSE(store_->find_user("erin2"));
  EXPECT_FALSE(store_->find_user("erin3"));
  // A taken username is reported as such even when the name is taken too.
  EXPECT_THROW(user_named("ERIN", "Erin Roe MD"), store::AccountExists);
  EXPECT_GT(user_named("erin4", "Erin Rowe"), 0);
}

TEST_P(StoreAreas, AccountsWithoutANameKeyGetOneWhenOpenedTheOlderFirst) {
  // As after migration 007: names chosen before keys existed, two of them
  // look-alikes.
  user_named("first", "Jo Smith");
  user_named("second", "Someone Else");
  user_named("third", "Pat Lee");
  store_.reset();
  exec("UPDATE users SET display_name = 'JO  smith' WHERE username = 'second'");
  exec("UPDATE users SET name_key = NULL");
  store_ = db_->open();
  EXPECT_EQ(db_->query("SELECT username FROM users WHERE name_key IS NOT NULL ORDER BY username"),
            (test::Rows{{"first"}, {"third"}}));
  // The keys now taken are checked like any other.
  EXPECT_THROW(user_named("fourth", "jo smith"), store::NameTaken);
  EXPECT_THROW(user_named("fifth", "PAT LEE"), store::NameTaken);
}

TEST_P(StoreAreas, SessionsExpireAndEndWithTheAccount) {
  const auto alice = user("alice");
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  store_->create_session("h1", alice, "csrf1", now + 3600, "127.0.0.1", "test agent");
  store_->create_session("h2", alice, "csrf2", now + 3600, "127.0.0.1", "test agent");
  store_->create_session("old", alice, "csrf3", now - 1, "127.0.0.1", "test agent");
  const auto s = store_->find_session("h1", now);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user.id, alice);
  EXPECT_EQ(s->csrf_token, "csrf1");
  EXPECT_EQ(s->expires_at, now + 3600);
  EXPECT_FALSE(store_->find_session("old", now));
  EXPECT_FALSE(store_->find_session("nope", now));
  // A password change ends every other session.
  store_->delete_sessions_of(alice, "h1");
  EXPECT_TRUE(store_->find_session("h1", now));
  EXPECT_FALSE(store_->find_session("h2", now));
  store_->delete_session("h1");
  EXPECT_FALSE(store_->find_session("h1", now));
  // Disabling signs the account out everywhere.
  store_->create_session("h3", alice, "csrf", now + 3600, "", "");
  EXPECT_TRUE(store_->set_disabled("alice", true));
  EXPECT_FALSE(store_->find_session("h3", now));
  EXPECT_EQ(db_->query("SELECT COUNT(*) FROM sessions"), (test::Rows{{"0"}}));
  EXPECT_TRUE(store_->find_user("alice")->first.disabled);
}

TEST_P(StoreAreas, FailedSignInsCountWithinTheirWindow) {
  const std::int64_t t = 1'000'000;
  EXPECT_EQ(store_->failures("user:alice", t, 900), 0);
  store_->record_failure("user:alice", t, 900);
  store_->record_failure("user:alice", t + 10, 900);
  store_->record_failure("addr:1.2.3.4", t + 10, 900);
  EXPECT_EQ(store_->failures("user:alice", t + 20, 900), 2);
  EXPECT_EQ(store_->failures("addr:1.2.3.4", t + 20, 900), 1);
  // After the window the count starts again.
  EXPECT_EQ(store_->failures("user:alice", t + 901, 900), 0);
  store_->record_failure("user:alice", t + 901, 900);
  EXPECT_EQ(store_->failures("user:alice", t + 902, 900), 1);
  store_->clear_failures("user:alice");
  EXPECT_EQ(store_->failures("user:alice", t + 903, 900), 0);
}

TEST_P(StoreAreas, RatingsReplaceTheReadersEarlierOneAndAverage) {
  const auto slug = store_->put_author({"Dr Jo Smith", "MD", "Example Clinic"});
  const auto profile = store_->author(slug);
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->name, "Dr Jo Smith");
  EXPECT_EQ(profile->rating.count, 0);
  EXPECT_EQ(store_->author_by_id(profile->id)->slug, slug);
  const auto a = user("a"), b = user("b");
  store_->rate_author(profile->id, a, 2);
  store_->rate_author(profile->id, a, 4);  // replaces
  store_->rate_author(profile->id, b, 5);
  const auto rated = store_->author(slug);
  EXPECT_EQ(rated->rating.count, 2);
  EXPECT_DOUBLE_EQ(rated->rating.average, 4.5);
  EXPECT_EQ(store_->rating_by(profile->id, a), 4);
  EXPECT_FALSE(store_->rating_by(profile->id, 9999));
  // Per number of stars, a's replaced 2 no longer counted.
  EXPECT_EQ(store_->rating_counts(profile->id), (std::array<std::int64_t, 5>{0, 0, 0, 1, 1}));
  EXPECT_EQ(store_->rating_counts(9999), (std::array<std::int64_t, 5>{}));
  EXPECT_FALSE(store_->author("no-such-author"));
  // Linking an account makes it the profile's.
  EXPECT_TRUE(store_->link_author("A", slug));
  EXPECT_FALSE(store_->link_author("a", "no-such-author"));
  EXPECT_EQ(store_->author(slug)->user_id, a);
  EXPECT_EQ(store_->find_user("a")->first.author_id, profile->id);
}

TEST_P(StoreAreas, CommentsRepliesModerationAndReports) {
  const auto a = user("a"), b = user("b");
  Comment c;
  c.article_slug = "shin-splints";
  c.user_id = a;
  c.body = "First";
  c.created_at = 100;
  const auto first = store_->add_comment(c);
  c.body = "Second";
  c.created_at = 200;
  const auto second = store_->add_comment(c);
  c.body = "Held";
  c.status = CommentStatus::pending;
  c.held_reason = "new account";
  const auto held = store_->add_comment(c);
  Comment reply;
  reply.article_slug = "shin-splints";
  reply.user_id = b;
  reply.parent_id = first;
  reply.body = "A reply";
  reply.created_at = 150;
  const auto reply_id = store_->add_comment(reply);

  EXPECT_EQ(store_->count_comments("shin-splints"), 2u);
  EXPECT_EQ(store_->count_comments("shin-splints", true), 3u);
  const auto oldest = store_->comments("shin-splints", false, 0, 10);
  ASSERT_EQ(oldest.size(), 2u);
  EXPECT_EQ(oldest[0].id, first);
  EXPECT_EQ(oldest[0].author_name, "Display a");
  EXPECT_FALSE(oldest[0].parent_id);
  const auto newest = store_->comments("shin-splints", true, 0, 1);
  ASSERT_EQ(newest.size(), 1u);
  EXPECT_EQ(newest[0].id, second);
  EXPECT_EQ(store_->comments("shin-splints", true, 1, 10).front().id, first);
  const auto replies = store_->replies(first);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].id, reply_id);
  EXPECT_EQ(replies[0].parent_id, first);

  const auto queue = store_->moderation_queue();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].id, held);
  EXPECT_EQ(queue[0].held_reason, "new account");
  store_->set_comment_status(held, CommentStatus::published, "");
  EXPECT_TRUE(store_->moderation_queue().empty());
  EXPECT_EQ(store_->count_comments("shin-splints"), 3u);

  // One report per reader; publishing again clears them.
  EXPECT_EQ(store_->report_comment(second, b, 300), 1);
  EXPECT_EQ(store_->report_comment(second, b, 301), 1);
  EXPECT_EQ(store_->report_comment(second, a, 302), 2);
  EXPECT_EQ(store_->comment(second)->reports, 2);
  store_->set_comment_status(second, CommentStatus::published, "");
  EXPECT_EQ(store_->comment(second)->reports, 0);

  store_->edit_comment(second, "Second, edited", 400);
  const auto edited = store_->comment(second);
  EXPECT_EQ(edited->body, "Second, edited");
  EXPECT_EQ(edited->edited_at, 400);
  EXPECT_FALSE(store_->comment(first)->edited_at);
  EXPECT_EQ(store_->comments_since(a, 150), 2u);
  EXPECT_EQ(store_->comments_since(b, 0), 1u);
  EXPECT_EQ(store_->comment(reply_id)->author_role, Role::reader);
  EXPECT_FALSE(store_->comment(first)->deleted);

  // A comment with a reply becomes a tombstone: the reply stays, the
  // deleted words and their author are not handed out, its reports go.
  EXPECT_EQ(store_->report_comment(first, b, 500), 1);
  EXPECT_EQ(store_->count_comments("shin-splints", true), 4u);
  store_->delete_comment(first);
  const auto tombstone = store_->comment(first);
  ASSERT_TRUE(tombstone);
  EXPECT_TRUE(tombstone->deleted);
  EXPECT_EQ(tombstone->body, "");
  EXPECT_EQ(tombstone->author_name, "");
  EXPECT_EQ(tombstone->reports, 0);
  EXPECT_EQ(db_->query("SELECT body FROM comments WHERE id = " + std::to_string(first)),
            (test::Rows{{""}}));
  const auto kept = store_->replies(first);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].id, reply_id);
  EXPECT_EQ(kept[0].body, "A reply");
  EXPECT_FALSE(kept[0].deleted);
  EXPECT_EQ(store_->count_comments("shin-splints", true), 3u);
  // A comment without replies goes at once.
  store_->delete_comment(second);
  EXPECT_FALSE(store_->comment(second));
  // The last reply under a tombstone takes the tombstone with it.
  store_->delete_comment(reply_id);
  EXPECT_FALSE(store_->comment(reply_id));
  EXPECT_FALSE(store_->comment(first));
  EXPECT_EQ(store_->count_comments("shin-splints", true), 1u);
}

TEST_P(StoreAreas, AnAuthorsCommentCarriesTheirRole) {
  const auto author = user("writer", Role::author);
  Comment c;
  c.article_slug = "x";
  c.user_id = author;
  c.body = "From the author";
  EXPECT_EQ(store_->comment(store_->add_comment(c))->author_role, Role::author);
}

// What another node learns of each write. Changes to the articles move the
// change counter (every server rebuilds its snapshot). On PostgreSQL,
// accounts, comments and ratings leave the counter alone and are only
// signalled through watch_changes(), where a server starts its page caches
// again: the articles did not change, so a rebuild would be wasted. SQLite
// has no signal; its counter (data_version) moves for any other connection's
// write.
TEST_P(StoreAreas, WritesReachOtherNodesAsRebuildsOrSignals) {
  auto other = db_->open();
  const bool pg = GetParam() == test::Backend::postgresql;
  auto watch = other->watch_changes();
  ASSERT_EQ(watch != nullptr, pg);
  // Connecting counts as a signal (nothing is known of what came before).
  if (watch) {
    EXPECT_TRUE(watch->wait(std::chrono::milliseconds(2000)));
  }
  const auto signalled = [&] {
    // A commit's notification arrives promptly; nothing else is pending.
    bool any = false;
    while (watch->wait(std::chrono::milliseconds(any ? 50 : 2000))) any = true;
    return any;
  };
  auto before = other->change_counter();
  const auto a = user("a");
  if (pg) {
    EXPECT_TRUE(signalled());
    EXPECT_EQ(other->change_counter(), before);
  }
  before = other->change_counter();
  Comment c;
  c.article_slug = "x";
  c.user_id = a;
  c.body = "hello";
  store_->add_comment(c);
  if (pg) {
    EXPECT_TRUE(signalled());
    EXPECT_EQ(other->change_counter(), before) << "a comment made every node rebuild";
  } else {
    EXPECT_NE(other->change_counter(), before);
  }
  before = other->change_counter();
  const auto slug = store_->put_author({"Dr Jo Smith", "", ""});
  EXPECT_NE(other->change_counter(), before);
  if (pg) {
    EXPECT_TRUE(signalled());
  }
  before = other->change_counter();
  store_->rate_author(store_->author(slug)->id, a, 3);
  if (pg) {
    EXPECT_TRUE(signalled());
    EXPECT_EQ(other->change_counter(), before) << "a rating made every node rebuild";
  } else {
    EXPECT_NE(other->change_counter(), before);
  }
}

// --- PostgreSQL only. ---

TEST(PostgresStore, AnUnreachableServerIsStoreUnavailable) {
  // A socket directory with no server in it: refused at once.
  test::TempDir dir;
  const auto url = "postgresql://symptomdb@/symptomdb?host=" + dir.path().string() + "&port=1";
  try {
    store::open_store(url);
    FAIL() << "opened a store with no server";
  } catch (const store::StoreUnavailable& e) {
    EXPECT_NE(std::string(e.what()).find("cannot reach PostgreSQL"), std::string::npos) << e.what();
  }
  // postgres:// is PostgreSQL too, never a SQLite file of that name.
  EXPECT_THROW(store::open_store("postgres://symptomdb@/x?host=" + dir.path().string()),
               store::StoreUnavailable);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(PostgresStore, RecoversWhenTheServerDropsItsConnections) {
  SYMPTOMDB_SKIP_WITHOUT(test::Backend::postgresql);
  test::TestDatabase db(test::Backend::postgresql);
  // Named, so that only this store's connections are ended below: other
  // tests share the server and run at the same time.
  const std::string name = "recover_" + std::to_string(std::random_device{}());
  auto store = store::open_store(test::with_url_option(db.location(), "application_name=" + name));
  store->put_author({"Dr Jo Smith", "", ""});
  EXPECT_TRUE(store->author("dr-jo-smith"));
  // What a server restart does to open connections: ended from the server
  // side. The pooled connection is then broken; the store notices on its
  // first statement and carries on with a new one.
  store::pg::Connection admin(db.location());
  const auto ended = admin.run(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", {name});
  EXPECT_GE(ended.rows(), 1);
  EXPECT_TRUE(store->author("dr-jo-smith"));
  EXPECT_EQ(store->schema_version(), 8);
}

TEST(PostgresStore, ConcurrentWritersFromSeveralStoresAllLand) {
  SYMPTOMDB_SKIP_WITHOUT(test::Backend::postgresql);
  test::TestDatabase db(test::Backend::postgresql);
  auto setup = db.open();
  User u;
  u.username = "writer";
  u.display_name = "Writer";
  const auto id = setup->create_user(u, "h");
  const auto start = setup->change_counter();
  // Two "nodes", four threads each, one comment and one author per round.
  constexpr int kThreads = 8, kEach = 25;
  std::vector<std::unique_ptr<store::Store>> nodes;
  nodes.push_back(db.open());
  nodes.push_back(db.open());
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto& node = *nodes[static_cast<std::size_t>(t % 2)];
      for (int i = 0; i < kEach; ++i) {
        Comment c;
        c.article_slug = "a";
        c.user_id = id;
        c.body = std::to_string(t) + "/" + std::to_string(i);
        node.add_comment(c);
        node.put_author({"Author " + c.body, "", ""});
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(setup->count_comments("a"), static_cast<std::size_t>(kThreads * kEach));
  // Every author moved the counter once: none was lost to a race (comments
  // do not move it).
  EXPECT_EQ(setup->change_counter(), start + kThreads * kEach);
}

}  // namespace
}  // namespace symptomdb

namespace symptomdb {
namespace {

TEST(StoreLocation, PasswordsStayOutOfMessages) {
  EXPECT_EQ(store::describe_location("postgresql://sdb:s3cret@db.example/sdb"),
            "postgresql://sdb:***@db.example/sdb");
  EXPECT_EQ(store::describe_location("postgres://sdb@db/sdb?password=s3cret&sslmode=require"),
            "postgres://sdb@db/sdb?password=***&sslmode=require");
  EXPECT_EQ(store::describe_location("postgresql:///sdb?host=/run/postgresql"),
            "postgresql:///sdb?host=/run/postgresql");
  EXPECT_EQ(store::describe_location("data/site:1@x.db"), "data/site:1@x.db");
}

}  // namespace
}  // namespace symptomdb
