// The comment and moderation rules of services::CommentService, over a real
// SQLite store in a temporary file; no server. The clock is the test's, so
// edit windows, rate-limit windows and the new-account hold are exact.
#include "services/comments.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "support/stores.hpp"

namespace symptomdb {
namespace {

using services::CommentError;
using services::CommentPolicy;
using services::CommentService;
using services::Moderation;

class CommentRules : public ::testing::Test {
 protected:
  void SetUp() override {
    // SQLite, or PostgreSQL in the …/PostgreSQL run (support/stores.hpp).
    SYMPTOMDB_SKIP_WITHOUT(test::site_backend());
    db_ = std::make_unique<test::TestDatabase>(test::site_backend());
    store_ = db_->open();
    // The store dates accounts by the system clock; the test's clock starts
    // there and moves only when a test says so.
    now_ = std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count();
    alice_ = user("alice", Role::reader);
    bob_ = user("bob", Role::reader);
    carol_ = user("carol", Role::reader);
    dave_ = user("dave", Role::reader);
    ed_ = user("ed", Role::editor);
  }
  User user(const std::string& name, Role role) {
    User u;
    u.username = name;
    u.display_name = "Display " + name;
    u.role = role;
    u.id = store_->create_user(u, "hash-of-" + name);
    return u;
  }
  // A service with the given policy (by default nothing is held: accounts
  // are not new, so each rule can be tried alone).
  CommentService service(CommentPolicy policy = no_hold()) {
    return CommentService(
        *store_, policy, [this] { ++changes_; }, [this] { return now_; });
  }
  static CommentPolicy no_hold() {
    CommentPolicy p;
    p.hold_accounts_younger_than = 0;
    return p;
  }
  Comment posted(const CommentService& s, const User& who, std::string_view body,
                 std::optional<std::int64_t> parent = std::nullopt,
                 std::string_view slug = "shin-splints") {
    auto r = s.post(who, slug, body, parent);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.refusal().message);
    return r.ok() ? r.value() : Comment{};
  }
  template <class T>
  static CommentError error_of(const services::CommentOutcome<T>& r) {
    EXPECT_FALSE(r.ok());
    return r.ok() ? CommentError::not_found : r.refusal().error;
  }

  std::unique_ptr<test::TestDatabase> db_;
  std::unique_ptr<store::Store> store_;
  std::int64_t now_ = 0;
  int changes_ = 0;
  User alice_, bob_, carol_, dave_, ed_;
};

TEST_F(CommentRules, PostsTrimmedTextAndCountsIt) {
  const auto s = service();
  const auto c = posted(s, alice_, "  Ice helped me.\r\nTwice.  \n");
  EXPECT_GT(c.id, 0);
  EXPECT_EQ(c.status, CommentStatus::published);
  EXPECT_EQ(c.author_name, "Display alice");
  EXPECT_EQ(store_->comment(c.id)->body, "Ice helped me.\nTwice.");
  EXPECT_EQ(s.count("shin-splints"), 1u);
  EXPECT_EQ(s.count("other-article"), 0u);
  EXPECT_EQ(changes_, 1);
}

TEST_F(CommentRules, RefusesEmptyControlCharactersAndTooLongText) {
  CommentPolicy p = no_hold();
  p.max_length = 10;
  const auto s = service(p);
  EXPECT_EQ(error_of(s.post(alice_, "shin-splints", " \r\n\t ")), CommentError::empty);
  EXPECT_EQ(error_of(s.post(alice_, "shin-splints", "red \x1b[31m")), CommentError::bad_text);
  EXPECT_EQ(error_of(s.post(alice_, "shin-splints", "\xff\xfe")), CommentError::bad_text);
  const auto long_one = s.post(alice_, "shin-splints", std::string(11, 'x'));
  EXPECT_EQ(error_of(long_one), CommentError::too_long);
  EXPECT_EQ(long_one.refusal().message, "A comment has at most 10 characters.");
  EXPECT_TRUE(s.post(alice_, "shin-splints", std::string(10, 'x')).ok());
  EXPECT_EQ(s.count("shin-splints"), 1u);
  EXPECT_EQ(changes_, 1);  // refusals change nothing
}

TEST_F(CommentRules, HoldsNewAccountsAndLinksButNotEditors) {
  CommentPolicy p;
  p.hold_accounts_younger_than = 24 * 3600;
  const auto s = service(p);
  auto c = posted(s, alice_, "New here.");
  EXPECT_EQ(c.status, CommentStatus::pending);
  EXPECT_EQ(c.held_reason, "new account");
  EXPECT_EQ(posted(s, ed_, "Editors are trusted, https://example.org too.").status,
            CommentStatus::published);
  now_ += 24 * 3600 + 1;  // a day later the account is no longer new
  EXPECT_EQ(posted(s, alice_, "Plain words.").status, CommentStatus::published);
  for (const char* link :
       {"see http://example.org", "see https://example.org", "www.example.org"}) {
    c = posted(s, alice_, link);
    EXPECT_EQ(c.status, CommentStatus::pending) << link;
    EXPECT_EQ(c.held_reason, "contains a link") << link;
  }
  // Held comments are not shown or counted; the queue has them.
  EXPECT_EQ(s.count("shin-splints"), 2u);
  const auto queue = s.queue(ed_);
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ(queue.value().size(), 4u);
}

TEST_F(CommentRules, LimitsCommentsPerAccountPerWindow) {
  CommentPolicy p = no_hold();
  p.per_window = 2;
  p.window = 600;
  const auto s = service(p);
  posted(s, alice_, "One");
  now_ += 10;
  posted(s, alice_, "Two");
  const auto third = s.post(alice_, "shin-splints", "Three");
  EXPECT_EQ(error_of(third), CommentError::too_fast);
  EXPECT_EQ(third.refusal().retry_after, 600);
  // Others are not limited by alice's comments.
  EXPECT_TRUE(s.post(bob_, "shin-splints", "Bob's").ok());
  // The window slides: once the first has left it, one more is allowed.
  now_ += 591;
  EXPECT_TRUE(s.post(alice_, "shin-splints", "Three, later").ok());
  EXPECT_EQ(error_of(s.post(alice_, "shin-splints", "Four")), CommentError::too_fast);
}

TEST_F(CommentRules, RepliesGoOneLevelUnderPublishedCommentsOfTheSameArticle) {
  const auto s = service();
  const auto top = posted(s, alice_, "Question?");
  const auto reply = posted(s, bob_, "Answer.", top.id);
  EXPECT_EQ(reply.parent_id, top.id);
  EXPECT_EQ(error_of(s.post(carol_, "shin-splints", "Nested?", reply.id)),
            CommentError::bad_parent);
  EXPECT_EQ(error_of(s.post(carol_, "other-article", "Elsewhere?", top.id)),
            CommentError::bad_parent);
  EXPECT_EQ(error_of(s.post(carol_, "shin-splints", "Nothing?", 0)), CommentError::bad_parent);
  EXPECT_EQ(error_of(s.post(carol_, "shin-splints", "Missing?", 9999)), CommentError::bad_parent);
  const auto held = posted(s, carol_, "Held: https://example.org");
  EXPECT_EQ(error_of(s.post(bob_, "shin-splints", "Under held?", held.id)),
            CommentError::bad_parent);
  const auto page = s.page("shin-splints", true, 1);
  ASSERT_EQ(page.threads.size(), 1u);
  EXPECT_EQ(page.top_level, 1u);
  EXPECT_EQ(page.with_replies, 2u);
  ASSERT_EQ(page.threads[0].replies.size(), 1u);
  EXPECT_EQ(page.threads[0].replies[0].body, "Answer.");
}

TEST_F(CommentRules, AuthorsEditTheirOwnWithinTheWindow) {
  const auto s = service();
  const auto c = posted(s, alice_, "Frist");
  EXPECT_EQ(error_of(s.edit(bob_, c.id, "Mine now")), CommentError::not_yours);
  EXPECT_EQ(error_of(s.edit(ed_, c.id, "Editors neither")), CommentError::not_yours);
  EXPECT_EQ(error_of(s.edit(alice_, c.id, "  ")), CommentError::bad_length);
  EXPECT_EQ(error_of(s.edit(alice_, c.id, std::string(2001, 'x'))), CommentError::bad_length);
  EXPECT_EQ(error_of(s.edit(alice_, c.id, "bad \x07 bell")), CommentError::bad_text);
  now_ += 60;
  ASSERT_TRUE(s.edit(alice_, c.id, "First").ok());
  const auto edited = store_->comment(c.id);
  EXPECT_EQ(edited->body, "First");
  EXPECT_EQ(edited->edited_at, now_);
  EXPECT_EQ(edited->status, CommentStatus::published);
  // An edit that adds a link goes back to the moderators.
  ASSERT_TRUE(s.edit(alice_, c.id, "First, see https://example.org").ok());
  EXPECT_EQ(store_->comment(c.id)->status, CommentStatus::pending);
  EXPECT_EQ(store_->comment(c.id)->held_reason, "contains a link");
  // After the window, no more edits.
  now_ = c.created_at + 15 * 60;
  const auto late = s.edit(alice_, c.id, "Too late");
  EXPECT_EQ(error_of(late), CommentError::edit_window_closed);
  EXPECT_EQ(late.refusal().message, "Comments can be edited for 15 minutes.");
  EXPECT_EQ(error_of(s.edit(alice_, 9999, "Nothing")), CommentError::not_found);
}

TEST_F(CommentRules, DeletingKeepsOthersRepliesUnderATombstone) {
  const auto s = service();
  const auto top = posted(s, alice_, "Does ice help?");
  const auto reply = posted(s, bob_, "Yes.", top.id);
  EXPECT_EQ(error_of(s.remove(bob_, top.id)), CommentError::not_yours);
  ASSERT_TRUE(s.remove(alice_, top.id).ok());
  auto page = s.page("shin-splints", true, 1);
  ASSERT_EQ(page.threads.size(), 1u);
  EXPECT_TRUE(page.threads[0].comment.deleted);
  EXPECT_EQ(page.threads[0].comment.body, "");
  ASSERT_EQ(page.threads[0].replies.size(), 1u);
  EXPECT_EQ(page.threads[0].replies[0].id, reply.id);
  // A tombstone can be neither replied to, edited nor reported.
  EXPECT_EQ(error_of(s.post(carol_, "shin-splints", "Another?", top.id)), CommentError::bad_parent);
  EXPECT_EQ(error_of(s.report(carol_, top.id)), CommentError::not_found);
  EXPECT_EQ(error_of(s.edit(alice_, top.id, "Back")), CommentError::not_found);
  EXPECT_FALSE(s.rights(page.threads[0].comment, ed_, false).remove);
  // The tombstone goes with its last reply.
  ASSERT_TRUE(s.remove(bob_, reply.id).ok());
  EXPECT_TRUE(s.page("shin-splints", true, 1).threads.empty());
  EXPECT_FALSE(store_->comment(top.id));
  // Editors delete anyone's.
  const auto other = posted(s, carol_, "Spam");
  EXPECT_TRUE(s.remove(ed_, other.id).ok());
  EXPECT_FALSE(store_->comment(other.id));
}

TEST_F(CommentRules, ReportsHideAtTheThresholdOncePerReader) {
  CommentPolicy p = no_hold();
  p.report_threshold = 2;
  const auto s = service(p);
  const auto c = posted(s, alice_, "Rude words");
  EXPECT_EQ(error_of(s.report(alice_, c.id)), CommentError::own_comment);
  ASSERT_TRUE(s.report(bob_, c.id).ok());
  ASSERT_TRUE(s.report(bob_, c.id).ok());  // the same reader twice counts once
  EXPECT_EQ(store_->comment(c.id)->status, CommentStatus::published);
  ASSERT_TRUE(s.report(carol_, c.id).ok());
  EXPECT_EQ(store_->comment(c.id)->status, CommentStatus::hidden);
  EXPECT_EQ(store_->comment(c.id)->held_reason, "reported");
  EXPECT_EQ(s.count("shin-splints"), 0u);
  // An editor's approval publishes it again.
  ASSERT_TRUE(s.moderate(ed_, c.id, Moderation::approve).ok());
  EXPECT_EQ(store_->comment(c.id)->status, CommentStatus::published);
}

TEST_F(CommentRules, OnlyEditorsModerate) {
  CommentPolicy p;
  p.hold_accounts_younger_than = 3600;
  const auto s = service(p);
  const auto held = posted(s, alice_, "Held");
  const auto other = posted(s, bob_, "Also held");
  EXPECT_EQ(error_of(s.queue(alice_)), CommentError::editors_only);
  EXPECT_EQ(error_of(s.moderate(bob_, held.id, Moderation::approve)), CommentError::editors_only);
  EXPECT_EQ(error_of(s.moderate(ed_, 9999, Moderation::approve)), CommentError::not_found);
  ASSERT_EQ(s.queue(ed_).value().size(), 2u);
  ASSERT_TRUE(s.moderate(ed_, held.id, Moderation::approve).ok());
  ASSERT_TRUE(s.moderate(ed_, other.id, Moderation::reject).ok());
  EXPECT_EQ(store_->comment(other.id)->status, CommentStatus::rejected);
  EXPECT_TRUE(s.queue(ed_).value().empty());
  ASSERT_TRUE(s.moderate(ed_, held.id, Moderation::hide).ok());
  EXPECT_EQ(store_->comment(held.id)->held_reason, "hidden by an editor");
  ASSERT_EQ(s.queue(ed_).value().size(), 1u);
  ASSERT_TRUE(s.moderate(ed_, held.id, Moderation::unhide).ok());
  EXPECT_EQ(store_->comment(held.id)->status, CommentStatus::published);
}

TEST_F(CommentRules, RightsOfferWhatTheRulesAllow) {
  const auto s = service();
  const auto c = posted(s, alice_, "Mine");
  const auto reply = posted(s, bob_, "Reply", c.id);
  auto own = s.rights(c, alice_, false);
  EXPECT_TRUE(own.reply && own.edit && own.remove);
  EXPECT_FALSE(own.report || own.hide);
  const auto other = s.rights(c, bob_, false);
  EXPECT_TRUE(other.reply && other.report);
  EXPECT_FALSE(other.edit || other.remove || other.hide);
  const auto editor = s.rights(c, ed_, false);
  EXPECT_TRUE(editor.remove && editor.hide && editor.report);
  EXPECT_FALSE(editor.edit);
  EXPECT_FALSE(s.rights(reply, alice_, true).reply);  // one level only
  now_ += 15 * 60;
  own = s.rights(c, alice_, false);
  EXPECT_FALSE(own.edit);
  EXPECT_TRUE(own.remove);
}

TEST_F(CommentRules, PagesCountTopLevelCommentsInEitherOrder) {
  CommentPolicy p = no_hold();
  p.page_size = 2;
  p.per_window = 100;
  const auto s = service(p);
  for (int i = 1; i <= 3; ++i) {
    posted(s, alice_, "Comment " + std::to_string(i));
    now_ += 1;
  }
  auto first = s.page("shin-splints", true, 1);
  ASSERT_EQ(first.threads.size(), 2u);
  EXPECT_EQ(first.threads[0].comment.body, "Comment 3");
  EXPECT_TRUE(first.more);
  auto second = s.page("shin-splints", true, 2);
  ASSERT_EQ(second.threads.size(), 1u);
  EXPECT_EQ(second.threads[0].comment.body, "Comment 1");
  EXPECT_FALSE(second.more);
  EXPECT_EQ(s.page("shin-splints", false, 1).threads[0].comment.body, "Comment 1");
}

}  // namespace
}  // namespace symptomdb
