// The community blocks rendered from their templates: comment text as
// paragraphs and links with everything escaped, the account links, and the
// "Rate author" block with its histogram, over a real SQLite store.
#include "web/community_views.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/stores.hpp"

namespace symptomdb {
namespace {

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(CommentHtml, ParagraphsLineBreaksAndLinks) {
  EXPECT_EQ(web::comment_html("One"), "<p>One</p>");
  EXPECT_EQ(web::comment_html("One\ntwo\n\n\nThree"), "<p>One<br>two</p><p>Three</p>");
  EXPECT_EQ(web::comment_html("See https://example.org/a?b=1&c=2."),
            "<p>See <a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">"
            "https://example.org/a?b=1&amp;c=2</a>.</p>");
  EXPECT_EQ(web::comment_html("(http://x.example)"),
            "<p>(<a href=\"http://x.example\" rel=\"nofollow ugc noopener\">http://x.example</a>)"
            "</p>");
  EXPECT_EQ(web::comment_html(""), "<p></p>");
}

TEST(CommentHtml, EscapesMarkupAndNeverLinksOtherSchemes) {
  const auto html = web::comment_html("<script>alert('x')</script> & \"q\" javascript:alert(1)");
  EXPECT_FALSE(contains(html, "<script>"));
  EXPECT_TRUE(contains(html, "&lt;script&gt;alert("));
  EXPECT_TRUE(contains(html, "&amp; &quot;q&quot;"));
  EXPECT_FALSE(contains(html, "<a"));
  // A link cannot break out of its attribute.
  const auto link = web::comment_html("https://e.example/\"onmouseover=alert(1)");
  EXPECT_TRUE(contains(link, "href=\"https://e.example/\""));
  EXPECT_TRUE(contains(link, "&quot;onmouseover=alert(1)"));
}

TEST(AccountNav, SignedOutSignedInAndByRole) {
  EXPECT_EQ(web::render_account_nav(std::nullopt),
            "<a href=\"/login\">Sign in</a> <a href=\"/register\">Create account</a>");
  Session s;
  s.user.display_name = "Reader <One>";
  EXPECT_EQ(web::render_account_nav(s), "<a href=\"/account\">Reader &lt;One&gt;</a>");
  s.user.role = Role::editor;
  const auto nav = web::render_account_nav(s);
  EXPECT_TRUE(contains(nav, "<a href=\"/write\">Write an article</a>"));
  EXPECT_TRUE(contains(nav, "<a href=\"/moderation\">Moderation</a>"));
}

class RatingBlock : public ::testing::Test {
 protected:
  void SetUp() override {
    // SQLite, or PostgreSQL in the …/PostgreSQL run (support/stores.hpp).
    SYMPTOMDB_SKIP_WITHOUT(test::site_backend());
    db_ = std::make_unique<test::TestDatabase>(test::site_backend());
    store_ = db_->open();
    slug_ = store_->put_author({"Sam <Example>", "PT", ""});
  }
  User user(const std::string& name) {
    User u;
    u.username = name;
    u.display_name = name;
    u.id = store_->create_user(u, "hash");
    return u;
  }
  std::unique_ptr<test::TestDatabase> db_;
  std::unique_ptr<store::Store> store_;
  std::string slug_;
};

TEST_F(RatingBlock, HistogramShowsEachNumberOfStarsWithItsShare) {
  const services::RatingService ratings(*store_);
  EXPECT_EQ(web::render_byline_rating(ratings, slug_), "");
  auto block = web::render_rating_block(ratings, slug_, std::nullopt, "/authors/x", true);
  EXPECT_TRUE(contains(block, "No ratings yet.")) << block;
  EXPECT_FALSE(contains(block, "<table")) << block;
  for (const char* name : {"a", "b", "c"}) ASSERT_TRUE(ratings.rate(slug_, user(name), 5).ok());
  ASSERT_TRUE(ratings.rate(slug_, user("d"), 1).ok());
  block = web::render_rating_block(ratings, slug_, std::nullopt, "/authors/x", true);
  EXPECT_TRUE(contains(block, "Average rating <strong>4.0</strong> of 5 from 4 ratings."));
  EXPECT_TRUE(contains(block, "<caption>How readers rated Sam &lt;Example&gt;</caption>"));
  // Rows from five stars down: the count, a bar as long as the share, the share.
  const auto five = block.find("<th scope=\"row\">5 stars</th><td>3</td>");
  const auto two = block.find("<th scope=\"row\">2 stars</th><td>0</td>");
  const auto one = block.find("<th scope=\"row\">1 star</th><td>1</td>");
  ASSERT_NE(five, std::string::npos) << block;
  ASSERT_NE(two, std::string::npos) << block;
  ASSERT_NE(one, std::string::npos) << block;
  EXPECT_LT(five, two);
  EXPECT_LT(two, one);
  EXPECT_TRUE(contains(block.substr(five, two - five), "class=\"bar-fit\" width=\"75\""));
  EXPECT_TRUE(contains(block.substr(five, two - five), " 75%"));
  EXPECT_TRUE(contains(block.substr(two, one - two), "class=\"bar-fit\" width=\"0\""));
  EXPECT_TRUE(contains(block.substr(one), "class=\"bar-fit\" width=\"25\""));
  // The bars are pictures of the numbers beside them: hidden from screen readers.
  EXPECT_TRUE(
      contains(block, "<svg class=\"bar\" width=\"100\" height=\"10\" aria-hidden=\"true\""));
  // Not on article pages, where the block is small.
  EXPECT_FALSE(
      contains(web::render_rating_block(ratings, slug_, std::nullopt, "/a", false), "<table"));
  EXPECT_EQ(web::render_byline_rating(ratings, slug_),
            " &middot; <span class=\"byline-rating\">rated 4.0 of 5 (4 ratings)</span>");
}

TEST_F(RatingBlock, FormForReadersSelfNoticeForTheAuthor) {
  const services::RatingService ratings(*store_);
  Session s;
  s.user = user("reader");
  s.csrf_token = "tok\"en";
  ASSERT_TRUE(ratings.rate(slug_, s.user, 4).ok());
  const auto block = web::render_rating_block(ratings, slug_, s, "/articles/a?b=1&c", false);
  EXPECT_TRUE(contains(block, "Your rating (now 4 of 5)")) << block;
  EXPECT_TRUE(contains(block, "value=\"4\" checked"));
  EXPECT_FALSE(contains(block, "value=\"3\" checked"));
  EXPECT_TRUE(contains(block, "> 1 star</label>"));
  EXPECT_TRUE(contains(block, "> 2 stars</label>"));
  EXPECT_TRUE(contains(block, "value=\"tok&quot;en\""));
  EXPECT_TRUE(contains(block, "name=\"next\" value=\"/articles/a?b=1&amp;c\""));
  ASSERT_TRUE(store_->link_author("reader", slug_));
  s.user = store_->find_user("reader")->first;
  const auto own = web::render_rating_block(ratings, slug_, s, "/authors/x", true);
  EXPECT_TRUE(contains(own, "You cannot rate yourself."));
  EXPECT_FALSE(contains(own, "rating-form"));
  EXPECT_TRUE(contains(web::render_rating_block(ratings, "nobody", s, "/", true),
                       "This author has no profile yet."));
}

}  // namespace
}  // namespace symptomdb
