// The PostgreSQL store's own parts, against the throwaway test cluster: the
// change watch's catch-up after it lost its LISTEN connection (a missed
// notification must not leave a node stale), statements prepared once per
// connection, and the pool's bound on connections. Each test names its
// connections (application_name) so that it looks only at its own: other
// tests share the server and run at the same time.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "store/postgresql/pg.hpp"
#include "store/store.hpp"
#include "support/stores.hpp"

namespace symptomdb {
namespace {

using Clock = std::chrono::steady_clock;

std::string unique_name(const std::string& prefix) {
  return prefix + "_" + std::to_string(std::random_device{}());
}

// Server processes serving connections named `name`.
std::int64_t backends_named(const test::TestDatabase& db, const std::string& name) {
  return store::pg::Connection(db.location())
      .run("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1", {name})
      .integer(0, 0);
}

TEST(PostgresStore, AWatchThatLostItsConnectionReportsAChangeWhenItIsBack) {
  SYMPTOMDB_SKIP_WITHOUT(test::Backend::postgresql);
  test::TestDatabase db(test::Backend::postgresql);
  auto writer = db.open();
  User u;
  u.username = "writer";
  u.display_name = "Writer";
  const auto id = writer->create_user(u, "h");

  const auto name = unique_name("watch");
  auto watched =
      store::open_store(test::with_url_option(db.location(), "application_name=" + name));
  auto watch = watched->watch_changes();
  ASSERT_TRUE(watch);
  ASSERT_TRUE(watch->wait(std::chrono::milliseconds(2000)));  // connecting is a change
  while (watch->wait(std::chrono::milliseconds(100))) {
  }  // nothing else pending

  // The LISTEN connection ends (a server restart, a network cut), and is
  // surely gone before the write: its notification reaches nobody here.
  store::pg::Connection admin(db.location());
  admin.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
            {name});
  for (int i = 0; i < 100 && backends_named(db, name) > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(backends_named(db, name), 0);
  Comment c;
  c.article_slug = "a";
  c.user_id = id;
  c.body = "made while nobody listened";
  writer->add_comment(c);

  // The watch notices its loss, connects again and reports a change, since
  // it cannot know what it missed: the node starts its caches again.
  const auto start = Clock::now();
  bool changed = false;
  while (!changed && Clock::now() - start < std::chrono::seconds(5))
    changed = watch->wait(std::chrono::milliseconds(200));
  EXPECT_TRUE(changed) << "a write made while the watch was disconnected was never reported";
  EXPECT_EQ(backends_named(db, name), 1) << "the watch did not connect again";
  // And it listens again: the next write is signalled as usual.
  while (watch->wait(std::chrono::milliseconds(100))) {
  }
  c.body = "made while it listened";
  writer->add_comment(c);
  EXPECT_TRUE(watch->wait(std::chrono::milliseconds(2000)));
}

TEST(PostgresStore, AStatementIsPreparedOnceAndReusedOnItsConnection) {
  SYMPTOMDB_SKIP_WITHOUT(test::Backend::postgresql);
  test::TestDatabase db(test::Backend::postgresql);
  store::pg::Connection c(db.location());
  const std::string sql = "SELECT $1::bigint + 1";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.run(sql, {i}).integer(0, 0), i + 1);
  // pg_prepared_statements lists this session's statements only.
  const auto prepared =
      c.run("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement = $1", {sql});
  EXPECT_EQ(prepared.integer(0, 0), 1);
}

TEST(PostgresStore, ThePoolOpensNoMoreConnectionsThanItsSizeAndReusesThem) {
  SYMPTOMDB_SKIP_WITHOUT(test::Backend::postgresql);
  test::TestDatabase db(test::Backend::postgresql);
  const auto name = unique_name("pool");
  constexpr std::size_t kSize = 3;
  store::pg::Pool pool(test::with_url_option(db.location(), "application_name=" + name), kSize);
  // Twelve callers at once, each holding its connection for a moment.
  std::atomic<int> busy = 0, most_busy = 0, reused = 0;
  std::vector<std::thread> callers;
  for (int t = 0; t < 12; ++t)
    callers.emplace_back([&] {
      for (int i = 0; i < 3; ++i) {
        auto lease = pool.acquire();
        const int now = ++busy;
        for (int seen = most_busy; now > seen && !most_busy.compare_exchange_weak(seen, now);) {
        }
        if (lease.reused()) ++reused;
        lease->run("SELECT pg_sleep(0.02)");
        --busy;
      }
    });
  for (auto& t : callers) t.join();
  EXPECT_LE(most_busy, static_cast<int>(kSize));
  // Those opened are kept open, idle, for the next callers.
  EXPECT_GE(backends_named(db, name), 1);
  EXPECT_LE(backends_named(db, name), static_cast<std::int64_t>(kSize));
  EXPECT_GE(reused, 36 - static_cast<int>(kSize));
}

}  // namespace
}  // namespace symptomdb
