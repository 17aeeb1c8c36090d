// The rating rules of services::RatingService over a real SQLite store in a
// temporary file; no server.
#include "services/ratings.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/stores.hpp"

namespace symptomdb {
namespace {

using services::RatingError;
using services::RatingService;

class RatingRules : public ::testing::Test {
 protected:
  void SetUp() override {
    // SQLite, or PostgreSQL in the …/PostgreSQL run (support/stores.hpp).
    SYMPTOMDB_SKIP_WITHOUT(test::site_backend());
    db_ = std::make_unique<test::TestDatabase>(test::site_backend());
    store_ = db_->open();
    slug_ = store_->put_author({"Sam Example", "PT", "Example Sports Clinic"});
  }
  User user(const std::string& name) {
    User u;
    u.username = name;
    u.display_name = "Display " + name;
    u.id = store_->create_user(u, "hash-of-" + name);
    return u;
  }
  RatingService service() {
    return RatingService(*store_, [this] { ++changes_; });
  }

  std::unique_ptr<test::TestDatabase> db_;
  std::unique_ptr<store::Store> store_;
  std::string slug_;
  int changes_ = 0;
};

TEST_F(RatingRules, OneRatingPerReaderTheLatestCounts) {
  const auto s = service();
  const auto a = user("a"), b = user("b");
  auto r = s.rate(slug_, a, 2);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().stars, 2);
  EXPECT_EQ(r.value().author.rating.count, 1);
  r = s.rate(slug_, a, 4);  // replaces the 2
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().author.rating.count, 1);
  r = s.rate(slug_, b, 5);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().author.rating.count, 2);
  EXPECT_DOUBLE_EQ(r.value().author.rating.average, 4.5);
  const auto profile = s.author(slug_);
  ASSERT_TRUE(profile);
  EXPECT_EQ(s.rating_by(*profile, a), 4);
  EXPECT_EQ(s.rating_by(*profile, user("c")), std::nullopt);
  EXPECT_EQ(changes_, 3);
}

TEST_F(RatingRules, DistributionCountsReadersPerNumberOfStars) {
  const auto s = service();
  ASSERT_TRUE(s.rate(slug_, user("a"), 5).ok());
  ASSERT_TRUE(s.rate(slug_, user("b"), 5).ok());
  const auto c = user("c");
  ASSERT_TRUE(s.rate(slug_, c, 1).ok());
  ASSERT_TRUE(s.rate(slug_, c, 3).ok());  // c changes their mind: 1 -> 3
  const auto d = s.distribution(*s.author(slug_));
  EXPECT_EQ(d.by_stars, (std::array<std::int64_t, 5>{0, 0, 1, 0, 2}));
  EXPECT_EQ(d.total(), 3);
  EXPECT_EQ(d.total(), s.author(slug_)->rating.count);
  // Another author's ratings are their own.
  const auto other = store_->put_author({"Jo Other", "MD", ""});
  EXPECT_EQ(s.distribution(*s.author(other)).total(), 0);
}

TEST_F(RatingRules, StarsAreAWholeNumberFromOneToFive) {
  const auto s = service();
  const auto a = user("a");
  for (std::int64_t bad : {std::int64_t{0}, std::int64_t{6}, std::int64_t{-4},
                           (std::int64_t{1} << 32) + 4, -(std::int64_t{1} << 32) + 4}) {
    const auto r = s.rate(slug_, a, bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.refusal().error, RatingError::bad_stars) << bad;
    EXPECT_EQ(r.refusal().message, "A rating is 1 to 5 stars.");
  }
  EXPECT_EQ(s.author(slug_)->rating.count, 0);
  EXPECT_EQ(changes_, 0);
}

TEST_F(RatingRules, NobodyRatesThemselvesOrNobody) {
  const auto s = service();
  const auto sam = user("sam");
  ASSERT_TRUE(store_->link_author("sam", slug_));
  const auto linked = store_->find_user("sam")->first;
  const auto profile = s.author(slug_);
  ASSERT_TRUE(s.may_rate(*profile, linked));
  EXPECT_EQ(s.may_rate(*profile, linked)->error, RatingError::self_rating);
  const auto r = s.rate(slug_, linked, 5);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.refusal().error, RatingError::self_rating);
  EXPECT_EQ(r.refusal().message, "You cannot rate yourself.");
  // Self-rating is checked before the stars: even a bad number says why.
  EXPECT_EQ(s.rate(slug_, linked, 9).refusal().error, RatingError::self_rating);
  EXPECT_FALSE(s.may_rate(*profile, user("reader")));
  const auto missing = s.rate("no-such-author", sam, 5);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.refusal().error, RatingError::author_not_found);
  EXPECT_EQ(s.author(slug_)->rating.count, 0);
}

}  // namespace
}  // namespace symptomdb
