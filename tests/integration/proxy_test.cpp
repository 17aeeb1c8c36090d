// Behind a load balancer every request comes from its address. With
// --trusted-proxy, sign-in throttling counts the address the proxy saw
// (X-Forwarded-For), so one visitor's failures no longer lock out everyone;
// without it, the header is not believed at all. On SQLite, and on PostgreSQL
// with SYMPTOMDB_TEST_STORE=postgresql (support/stores.hpp), where the
// throttling counts live in the shared database.
#include <gtest/gtest.h>

#include "support/accounts.hpp"
#include "support/process.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {
namespace {

// A sign-in attempt as forwarded by a proxy for `client`.
int login_from(std::uint16_t port, const std::string& client, const std::string& username,
               const std::string& password) {
  Client c(port);
  const std::map<std::string, std::string> fwd = {{"X-Forwarded-For", client}};
  EXPECT_EQ(c.get("/login", fwd).status, 200);
  return c
      .post_form("/login", {{"csrf", c.csrf()}, {"username", username}, {"password", password}},
                 fwd)
      .status;
}

class Proxied : public ::testing::Test {
 protected:
  void SetUp() override { SYMPTOMDB_SKIP_WITHOUT(site_backend()); }
  void start(std::vector<std::string> extra) {
    store_ = seeded_database();
    db_ = store_->location();
    ASSERT_EQ(run({binary(), "user", "add", "alice", "--db", db_}, kPassword + "\n").exit_code, 0);
    extra.insert(extra.begin(), {"--db", db_, "--no-sample"});
    server_ = std::make_unique<ServerProcess>(extra);
  }
  // 20 failures (the per-address limit) from one visitor, each for another
  // username so the per-account limit stays out of it.
  void fail_twenty_times(const std::string& client) {
    for (int i = 0; i < 20; ++i)
      EXPECT_EQ(login_from(server_->port(), client, "nobody" + std::to_string(i), "wrong"), 401);
  }
  // Declared before the server, so that the server stops before its
  // database goes.
  std::unique_ptr<TestDatabase> store_;
  std::string db_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(Proxied, ThrottlingCountsTheForwardedClientFromATrustedProxy) {
  start({"--trusted-proxy", "127.0.0.0/8"});
  fail_twenty_times("198.51.100.1");
  EXPECT_EQ(login_from(server_->port(), "198.51.100.1", "alice", kPassword), 429);
  // Another visitor behind the same proxy is not locked out.
  EXPECT_EQ(login_from(server_->port(), "198.51.100.2", "alice", kPassword), 303);
}

TEST_F(Proxied, ForwardedForIsIgnoredWithoutTrustedProxies) {
  start({});
  // Varying the header does not escape the limit: it is not believed.
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(login_from(server_->port(), "198.51.100." + std::to_string(i),
                         "nobody" + std::to_string(i), "wrong"),
              401);
  EXPECT_EQ(login_from(server_->port(), "203.0.113.50", "alice", kPassword), 429);
}

// Refused while reading the options, before any database is opened: it
// needs no store, so it runs once.
TEST(TrustedProxyOption, ABadNetworkIsAClearError) {
  TempDir dir;
  const auto r = run({binary(), "serve", "--db", dir.file("x.db"), "--no-sample", "--port", "0",
                      "--trusted-proxy", "10.0.0.0/99"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("10.0.0.0/99"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace symptomdb::test
