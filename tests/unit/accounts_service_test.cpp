// The account rules of services::AccountService over a real SQLite store in
// a temporary file; no server. Hashing is a stand-in (the rules, not
// argon2id, are under test) and the clock is the test's.
#include "services/accounts.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "support/stores.hpp"

namespace symptomdb {
namespace {

using services::AccountError;
using services::AccountService;

constexpr const char* kGood = "correct horse battery staple";

class AccountRules : public ::testing::Test {
 protected:
  void SetUp() override {
    // SQLite, or PostgreSQL in the …/PostgreSQL run (support/stores.hpp).
    SYMPTOMDB_SKIP_WITHOUT(test::site_backend());
    db_ = std::make_unique<test::TestDatabase>(test::site_backend());
    store_ = db_->open();
    now_ = std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count();
  }
  AccountService service() {
    services::PasswordHashing h{[](std::string_view p) { return "hashed:" + std::string(p); },
                                [](const std::string& hash, std::string_view p) {
                                  return hash == "hashed:" + std::string(p);
                                }};
    return AccountService(*store_, h, {}, [this] { return now_; });
  }
  template <class T>
  static AccountError error_of(const services::AccountOutcome<T>& r) {
    EXPECT_FALSE(r.ok());
    return r.ok() ? AccountError::invalid : r.refusal().error;
  }
  std::unique_ptr<test::TestDatabase> db_;
  std::unique_ptr<store::Store> store_;
  std::int64_t now_ = 0;
};

TEST_F(AccountRules, RegistersReadersByTheNameAndPasswordRules) {
  const auto s = service();
  const auto made = s.register_reader("reader2", "Reader Two", kGood, kGood);
  ASSERT_TRUE(made.ok()) << made.refusal().message;
  EXPECT_EQ(made.value().role, Role::reader);
  EXPECT_EQ(store_->find_user("READER2")->first.display_name, "Reader Two");
  EXPECT_EQ(store_->find_user("reader2")->second, std::string("hashed:") + kGood);
  // Without a display name the username is shown.
  ASSERT_TRUE(s.register_reader("reader3", "", kGood, kGood).ok());
  EXPECT_EQ(store_->find_user("reader3")->first.display_name, "reader3");

  auto message = [&](std::string_view user, std::string_view name, std::string_view pw,
                     std::string_view again) {
    const auto r = s.register_reader(user, name, pw, again);
    EXPECT_EQ(error_of(r), AccountError::invalid);
    return r.ok() ? std::string() : r.refusal().message;
  };
  EXPECT_EQ(message("reader4", "", kGood, "something else entirely"), "The two passwords differ.");
  EXPECT_NE(message("reader4", "", "short", "short").find("at least 10 characters"),
            std::string::npos);
  EXPECT_EQ(message("Reader2", "", kGood, kGood), "That username is taken.");
  EXPECT_NE(message("reader5", "Reader  TWO", kGood, kGood).find("That name is taken"),
            std::string::npos);
  EXPECT_NE(message("reader6", "Site Editor", kGood, kGood), "");
  // No name that reads as an author's byline.
  store_->put_author({"Sam Example", "PT", ""});
  EXPECT_EQ(message("reader7", "Sam Example, PT", kGood, kGood),
            "That name is an author's on this site. Choose another.");
  EXPECT_FALSE(store_->find_user("reader7"));
}

TEST_F(AccountRules, SignInSaysTheSameForEveryFailure) {
  const auto s = service();
  ASSERT_TRUE(s.register_reader("alice", "", kGood, kGood).ok());
  ASSERT_TRUE(s.register_reader("dora", "", kGood, kGood).ok());
  ASSERT_TRUE(store_->set_disabled("dora", true));
  const auto ok = s.sign_in("ALICE", kGood, "10.0.0.1");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().username, "alice");
  for (const auto& [user, pw] : {std::pair<std::string, std::string>{"alice", "wrong"},
                                 {"nobody", kGood},
                                 {"dora", kGood},
                                 {std::string(65, 'a'), kGood}}) {
    const auto r = s.sign_in(user, pw, "10.0.0.1");
    EXPECT_EQ(error_of(r), AccountError::wrong_credentials) << user;
    EXPECT_EQ(r.refusal().message, "Wrong username or password.");
  }
}

TEST_F(AccountRules, ThrottlesPerAccountAndPerAddress) {
  const auto s = service();
  ASSERT_TRUE(s.register_reader("alice", "", kGood, kGood).ok());
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(s.sign_in("alice", "wrong", "10.0.0.1").ok());
  // Now even the right password waits, from any address.
  const auto held = s.sign_in("alice", kGood, "10.0.0.2");
  EXPECT_EQ(error_of(held), AccountError::throttled);
  EXPECT_EQ(held.refusal().retry_after, 15 * 60);
  now_ += 15 * 60 + 1;
  ASSERT_TRUE(s.sign_in("alice", kGood, "10.0.0.2").ok());
  // One address trying many accounts is stopped too.
  for (int i = 0; i < 20; ++i)
    EXPECT_FALSE(s.sign_in("u" + std::to_string(i), "x", "10.9.9.9").ok());
  EXPECT_EQ(error_of(s.sign_in("alice", kGood, "10.9.9.9")), AccountError::throttled);
  EXPECT_TRUE(s.sign_in("alice", kGood, "10.0.0.3").ok());
}

TEST_F(AccountRules, ChangingThePasswordEndsEverySession) {
  const auto s = service();
  const auto alice = s.register_reader("alice", "", kGood, kGood).value();
  store_->create_session("sid-hash", alice.id, "csrf", now_ + 3600, "10.0.0.1", "test");
  ASSERT_TRUE(store_->find_session("sid-hash", now_));
  EXPECT_EQ(error_of(s.change_password(alice, "wrong", "another good passphrase")),
            AccountError::wrong_password);
  EXPECT_EQ(error_of(s.change_password(alice, kGood, "short")), AccountError::invalid);
  EXPECT_TRUE(store_->find_session("sid-hash", now_));
  ASSERT_TRUE(s.change_password(alice, kGood, "another good passphrase").ok());
  EXPECT_FALSE(store_->find_session("sid-hash", now_));
  EXPECT_FALSE(s.sign_in("alice", kGood, "10.0.0.1").ok());
  EXPECT_TRUE(s.sign_in("alice", "another good passphrase", "10.0.0.1").ok());
}

}  // namespace
}  // namespace symptomdb
