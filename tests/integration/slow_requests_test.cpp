// Signing in verifies an argon2id hash, slow on purpose (a good part of a
// second of CPU under load). Those requests run on the server's small worker
// pool, not on the I/O threads, so a burst of sign-ins cannot starve
// /healthz: in the failover bench, sign-ups on a node made haproxy's health
// checks time out and take the node out. On SQLite, and on PostgreSQL with
// SYMPTOMDB_TEST_STORE=postgresql (support/stores.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "support/accounts.hpp"

namespace symptomdb::test {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::duration;

TEST(SlowRequests, HealthzAnswersWhileSignInsAreVerified) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const auto store = seeded_database();
  ASSERT_EQ(run({binary(), "user", "add", "alice", "--db", store->location()}, kPassword + "\n")
                .exit_code,
            0);
  // Two I/O threads whatever the machine, as on the 2-core nodes measured.
  ServerProcess server({"--db", store->location(), "--no-sample", "--threads", "2"});

  // Every client has its sign-in form first, so that the burst is only the
  // POSTs that verify a password.
  constexpr int kSignIns = 12;
  std::vector<Client> clients;
  for (int i = 0; i < kSignIns; ++i) {
    clients.emplace_back(server.port());
    ASSERT_EQ(clients.back().get("/login").status, 200);
  }
  std::atomic<bool> go{false};
  std::atomic<int> done{0};
  std::vector<int> statuses(kSignIns, 0);
  std::vector<std::thread> signing;
  for (int i = 0; i < kSignIns; ++i) {
    signing.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      Client& c = clients[static_cast<std::size_t>(i)];
      statuses[static_cast<std::size_t>(i)] =
          c.post_form("/login",
                      {{"csrf", c.csrf()}, {"username", "alice"}, {"password", kPassword}})
              .status;
      ++done;
    });
  }

  const auto started = Clock::now();
  go = true;
  // Probe /healthz as haproxy does, for as long as sign-ins are being verified.
  std::vector<double> during;  // seconds each probe sent during the burst took
  while (done < kSignIns) {
    const auto sent = Clock::now();
    const auto r = http_get(server.port(), "/healthz");
    during.push_back(duration<double>(Clock::now() - sent).count());
    EXPECT_EQ(r.status, 200) << r.body;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const double burst = duration<double>(Clock::now() - started).count();
  for (auto& t : signing) t.join();
  for (int s : statuses) EXPECT_EQ(s, 303);

  ASSERT_FALSE(during.empty());
  const double worst = *std::max_element(during.begin(), during.end());
  std::cout << kSignIns << " sign-ins in " << burst << " s; " << during.size()
            << " /healthz probes meanwhile, the slowest " << worst * 1000 << " ms\n";
  // Were the hashes computed on the I/O threads, a probe would wait behind
  // the sign-ins queued on its thread, about half the burst each; on the
  // pool it waits for none of them.
  EXPECT_LT(worst, burst / 4) << "a /healthz probe waited behind password hashing";
}

}  // namespace
}  // namespace symptomdb::test
