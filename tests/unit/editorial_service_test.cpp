// The editorial workflow's rules, driven through services::EditorialService
// over a real SQLite store in a temporary directory: no server, no HTTP.
// Who may edit, save, submit, approve and return; the four-eyes rule; the
// byline from the writer's profile; the checks on the text; the history.
#include "services/editorial.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "article_format/markdown_article.hpp"
#include "engine/snapshot.hpp"
#include "support/stores.hpp"
#include "text/source_file.hpp"

namespace symptomdb {
namespace {

using services::EditorialRefusal;
using services::EditorialResult;

// A complete article in the native format at `slug`.
std::string article_md(const std::string& slug, const std::string& title,
                       const std::string& intro) {
  return "---\ntitle: \"" + title + "\"\ncondition: Gout\nslug: " + slug + "\n---\n" + intro +
         "\n\n## Treatment\n\n### Medicines\n\nAnti-inflammatory medicines ease an attack.\n";
}

template <class T>
EditorialRefusal refusal(const EditorialResult<T>& r) {
  EXPECT_FALSE(r.ok()) << "expected a refusal";
  return r.ok() ? EditorialRefusal::state_conflict : r.refusal().error;
}

class EditorialRules : public ::testing::Test {
 protected:
  void SetUp() override {
    // SQLite, or PostgreSQL in the …/PostgreSQL run (support/stores.hpp).
    SYMPTOMDB_SKIP_WITHOUT(test::site_backend());
    db_ = std::make_unique<test::TestDatabase>(test::site_backend());
    store_ = db_->open();
    service_ = std::make_unique<services::EditorialService>(*store_, *store_, [this] {
      ++republished_;
      publish();
    });
    publish();
    writer_ = account("wanda", Role::author, "Wanda Writer", "RN");
    other_writer_ = account("otto", Role::author);
    editor_ = account("ed", Role::editor, "Ed Itor", "MD");
    second_editor_ = account("erin", Role::editor);
    reader_ = account("rita", Role::reader);
  }

  // Every snapshot built is kept: a Work's `live` points into the one it was
  // opened with, as a request holds the site it started with.
  void publish() {
    snapshots_.push_back(std::make_shared<const Snapshot>(store_->load_articles()));
  }
  const Snapshot& live() const { return *snapshots_.back(); }

  // An account; with `profile`, an author profile of that name linked to it.
  User account(const std::string& username, Role role, const std::string& profile = "",
               const std::string& credential = "") {
    User u;
    u.username = username;
    u.display_name = profile.empty() ? "Display " + username : profile;
    u.role = role;
    store_->create_user(u, "hash");
    if (!profile.empty()) {
      const auto slug = store_->put_author({profile, credential, ""});
      EXPECT_TRUE(store_->link_author(username, slug));
    }
    return store_->find_user(username)->first;
  }

  // A live article at `slug` with a byline, as an import would store it.
  void put_live(const std::string& slug, const std::string& author) {
    Article a = article_format::parse_markdown_article(text::source_from_text(
        slug + ".md", article_md(slug, "How can I ease shin splints?", "Rest helps.")));
    a.author = {author, "PT", ""};
    store_->put_articles(std::vector<Article>{a});
    publish();
  }

  services::Work open(const User& u, const std::string& slug) {
    auto w = service_->open(u, live(), slug);
    EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.refusal().message);
    return std::move(*w);
  }
  services::Note note(const std::string& text = "") { return *service_->note(text); }

  // A new article by the writer, as it is after `start`.
  std::string started(const User& u, const std::string& title = "How is gout treated?") {
    auto s = service_->start(u, live(), title, "Gout");
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.refusal().message);
    return s.ok() ? s->draft.slug : "";
  }
  // The writer saves a text of their own and submits it.
  void save_and_submit(const User& u, const std::string& slug, const std::string& intro) {
    auto w = open(u, slug);
    auto saved =
        service_->save(w, article_md(slug, "How is gout treated?", intro), note(), std::nullopt);
    ASSERT_TRUE(saved.ok()) << saved.refusal().message;
    ASSERT_TRUE(service_->submit(w).ok());
  }

  std::unique_ptr<test::TestDatabase> db_;
  std::unique_ptr<store::Store> store_;
  std::vector<std::shared_ptr<const Snapshot>> snapshots_;
  std::unique_ptr<services::EditorialService> service_;
  int republished_ = 0;
  User writer_, other_writer_, editor_, second_editor_, reader_;
};

TEST_F(EditorialRules, OnlyAuthorsAndEditorsWrite) {
  EXPECT_EQ(refusal(service_->may_write(reader_)), EditorialRefusal::authors_only);
  EXPECT_TRUE(service_->may_write(writer_).ok());
  EXPECT_TRUE(service_->may_write(editor_).ok());
  EXPECT_EQ(refusal(service_->start(reader_, live(), "Gout", "")), EditorialRefusal::authors_only);
  const auto slug = started(writer_);
  EXPECT_EQ(refusal(service_->open(reader_, live(), slug)), EditorialRefusal::authors_only);
  EXPECT_EQ(refusal(service_->review_queue(reader_)), EditorialRefusal::authors_only);
  EXPECT_EQ(refusal(service_->review_queue(writer_)), EditorialRefusal::editors_only);
  EXPECT_EQ(refusal(service_->visible_drafts(reader_)), EditorialRefusal::authors_only);
}

TEST_F(EditorialRules, StartingMakesADraftAtTheTitlesSlug) {
  auto s = service_->start(writer_, live(), "  How is gout treated?  ", "");
  ASSERT_TRUE(s.ok()) << s.refusal().message;
  EXPECT_EQ(s->draft.slug, "how-is-gout-treated");
  EXPECT_EQ(s->draft.title, "How is gout treated?");
  EXPECT_EQ(s->draft.latest, 1);
  EXPECT_EQ(s->draft.state, DraftState::draft);
  EXPECT_NE(s->markdown.find("slug: how-is-gout-treated"), std::string::npos);
  // The condition defaults to the title.
  EXPECT_NE(s->markdown.find("condition: How is gout treated?"), std::string::npos);
  EXPECT_EQ(store_->revision("how-is-gout-treated", 1)->markdown, s->markdown);

  EXPECT_EQ(refusal(service_->start(writer_, live(), "How is gout treated?", "Gout")),
            EditorialRefusal::draft_exists);
  EXPECT_EQ(refusal(service_->start(writer_, live(), "   ", "Gout")), EditorialRefusal::bad_title);
  EXPECT_EQ(refusal(service_->start(writer_, live(), "Two\nlines", "Gout")),
            EditorialRefusal::bad_title);
  EXPECT_EQ(refusal(service_->start(writer_, live(), std::string(201, 'a'), "Gout")),
            EditorialRefusal::bad_title);
  EXPECT_EQ(refusal(service_->start(writer_, live(), "Gout", std::string(201, 'a'))),
            EditorialRefusal::bad_title);
  EXPECT_EQ(refusal(service_->start(writer_, live(), "?!", "Gout")),
            EditorialRefusal::title_without_letters);
  put_live("how-can-i-ease-shin-splints", "Sam Example");
  const auto exists = service_->start(writer_, live(), "How can I ease shin splints?", "");
  EXPECT_EQ(refusal(exists), EditorialRefusal::article_exists);
  EXPECT_NE(exists.refusal().message.find("/articles/how-can-i-ease-shin-splints"),
            std::string::npos);
}

TEST_F(EditorialRules, ADraftIsItsWritersAndTheEditors) {
  const auto slug = started(writer_);
  EXPECT_EQ(refusal(service_->open(writer_, live(), "no-such-article")),
            EditorialRefusal::draft_not_found);
  EXPECT_EQ(refusal(service_->open(other_writer_, live(), slug)), EditorialRefusal::not_yours);
  EXPECT_TRUE(service_->open(editor_, live(), slug).ok());

  auto w = open(writer_, slug);
  EXPECT_TRUE(w.may.edit);
  EXPECT_TRUE(w.may.save);
  EXPECT_TRUE(w.may.submit);
  EXPECT_FALSE(w.may.review);
  EXPECT_EQ(service_->own_drafts(writer_).size(), 1u);
  EXPECT_EQ(service_->visible_drafts(writer_)->size(), 1u);
  EXPECT_EQ(service_->visible_drafts(other_writer_)->size(), 0u);
  EXPECT_EQ(service_->visible_drafts(editor_)->size(), 1u);
}

TEST_F(EditorialRules, InReviewTheWriterWaitsAndAnotherEditorReviews) {
  const auto slug = started(writer_);
  save_and_submit(writer_, slug, "Gout is a painful arthritis.");
  EXPECT_EQ(service_->review_queue(editor_)->size(), 1u);

  auto w = open(writer_, slug);
  EXPECT_TRUE(w.may.edit);
  EXPECT_FALSE(w.may.save);
  EXPECT_FALSE(w.may.submit);
  EXPECT_FALSE(w.may.review);
  // The store refuses an author's save while it is in review.
  EXPECT_EQ(refusal(service_->save(w, article_md(slug, "How is gout treated?", "Changed."), note(),
                                   std::nullopt)),
            EditorialRefusal::state_conflict);
  EXPECT_EQ(refusal(service_->submit(w)), EditorialRefusal::state_conflict);

  auto e = open(editor_, slug);
  EXPECT_TRUE(e.may.save);
  EXPECT_FALSE(e.may.submit);
  EXPECT_TRUE(e.may.review);

  // An editor does not review a draft they own.
  const auto own = started(second_editor_, "Can gout come back?");
  save_and_submit(second_editor_, own, "Yes.");
  auto mine = open(second_editor_, own);
  EXPECT_FALSE(mine.may.review);
  EXPECT_EQ(refusal(service_->approve(mine, 2, note())), EditorialRefusal::own_article);
  EXPECT_EQ(refusal(service_->return_to_writer(mine, 2, note("No."))),
            EditorialRefusal::own_article);
  EXPECT_EQ(refusal(service_->approve(w, 2, note())), EditorialRefusal::editors_only);
}

TEST_F(EditorialRules, SavingStoresOnlyChangesAndRefusesLostUpdates) {
  const auto slug = started(writer_);
  auto w = open(writer_, slug);
  const std::string text = article_md(slug, "How is gout treated?", "First.");
  auto saved = service_->save(w, text, note("first"), 1);
  ASSERT_TRUE(saved.ok()) << saved.refusal().message;
  EXPECT_TRUE(saved->changed);
  EXPECT_EQ(saved->ordinal, 2);
  EXPECT_EQ(w.draft->latest, 2) << "the work follows the save";
  // The same text again stores nothing.
  auto again = service_->save(w, text, note(), 2);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->changed);
  EXPECT_EQ(store_->revisions(slug).size(), 2u);
  // Based on revision 1 while 2 is the latest: a lost update.
  EXPECT_EQ(
      refusal(service_->save(w, article_md(slug, "How is gout treated?", "Other."), note(), 1)),
      EditorialRefusal::state_conflict);
  EXPECT_EQ(service_->latest_markdown(w), text);
  EXPECT_EQ(store_->revision(slug, 2)->note, "first");
}

TEST_F(EditorialRules, TheTextIsCheckedAsTheArticleItWouldPublish) {
  const auto slug = started(writer_);
  auto w = open(writer_, slug);
  auto save = [&](const std::string& md) { return service_->save(w, md, note(), std::nullopt); };
  const std::string good = article_md(slug, "How is gout treated?", "Text.");

  // Fields symptomdb fills in itself are refused, naming the line.
  std::string with_author = good;
  with_author.insert(with_author.find("slug:"), "author: Someone Else\n");
  const auto managed = save(with_author);
  EXPECT_EQ(refusal(managed), EditorialRefusal::invalid_markdown);
  EXPECT_EQ(managed.refusal().message.rfind("how-is-gout-treated.md:4: 'author'", 0), 0u)
      << managed.refusal().message;
  // The address is fixed.
  const auto moved = save(article_md("elsewhere", "How is gout treated?", "Text."));
  EXPECT_EQ(refusal(moved), EditorialRefusal::invalid_markdown);
  EXPECT_NE(moved.refusal().message.find("must be 'how-is-gout-treated'"), std::string::npos);
  // Not the format at all, and text a user may not type.
  EXPECT_EQ(refusal(save("No front matter.")), EditorialRefusal::invalid_markdown);
  EXPECT_EQ(refusal(save(good + "\x1b[31m")), EditorialRefusal::invalid_markdown);
  EXPECT_EQ(refusal(save(article_md(slug, std::string(201, 'T'), "Text."))),
            EditorialRefusal::invalid_markdown);
  EXPECT_EQ(refusal(save(good + std::string(256 * 1024, 'x'))),
            EditorialRefusal::article_too_large);
  EXPECT_EQ(store_->revisions(slug).size(), 1u) << "nothing refused was stored";
  EXPECT_TRUE(save(good).ok());
}

TEST_F(EditorialRules, NotesAreOneShortLine) {
  EXPECT_EQ(service_->note("  fixed a typo \t")->text(), "fixed a typo");
  EXPECT_TRUE(service_->note("")->empty());
  EXPECT_EQ(refusal(service_->note(std::string(301, 'n'))), EditorialRefusal::bad_note);
  EXPECT_EQ(refusal(service_->note("two\nlines")), EditorialRefusal::bad_note);
}

TEST_F(EditorialRules, ReturningNeedsANoteAndGivesTheDraftBack) {
  const auto slug = started(writer_);
  save_and_submit(writer_, slug, "Short.");
  auto e = open(editor_, slug);
  EXPECT_EQ(refusal(service_->return_to_writer(e, 2, note())), EditorialRefusal::note_required);
  EXPECT_EQ(refusal(service_->return_to_writer(e, 1, note("Say more"))),
            EditorialRefusal::state_conflict)
      << "only the latest revision is reviewed";
  ASSERT_TRUE(service_->return_to_writer(e, 2, note("Say more about diet")).ok());
  EXPECT_EQ(e.draft->state, DraftState::draft);
  EXPECT_EQ(e.draft->last_note, "Say more about diet");
  auto w = open(writer_, slug);
  EXPECT_TRUE(w.may.save);
  EXPECT_TRUE(w.may.submit);
}

TEST_F(EditorialRules, ApprovalPublishesWithBylineReviewAndContributors) {
  const auto slug = started(writer_);
  save_and_submit(writer_, slug, "Gout is a painful arthritis.");
  auto e = open(second_editor_, slug);
  // An editor's fix during the review: the same editor may not approve it.
  const auto fixed = service_->save(
      e, article_md(slug, "How is gout treated?", "Gout is a painful arthritis, often in a toe."),
      note("toe"), 2);
  ASSERT_TRUE(fixed.ok()) << fixed.refusal().message;
  EXPECT_EQ(e.draft->state, DraftState::in_review) << "an editor's save keeps it in review";
  EXPECT_EQ(refusal(service_->approve(e, 2, note())), EditorialRefusal::state_conflict)
      << "revision 3 is the latest";
  const auto own = service_->approve(e, 3, note());
  EXPECT_EQ(refusal(own), EditorialRefusal::own_words);
  EXPECT_NE(own.refusal().message.find("revision 3"), std::string::npos);
  EXPECT_EQ(republished_, 0);

  auto other = open(editor_, slug);
  ASSERT_TRUE(service_->approve(other, 3, note("Good")).ok());
  EXPECT_EQ(republished_, 1);
  EXPECT_EQ(other.draft->state, DraftState::published);
  const Article* a = live().article(slug);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->author.name, "Wanda Writer") << "the byline is the writer's profile";
  EXPECT_EQ(a->author.credential, "RN");
  EXPECT_EQ(a->reviewed_by.name, "Ed Itor");
  EXPECT_EQ(a->reviewed_by.credential, "MD");
  EXPECT_EQ(a->reviewed_on.size(), 10u);
  EXPECT_EQ(a->provenance.format, "editorial");
  EXPECT_EQ(a->provenance.source_file, "revision 3");
  EXPECT_EQ(a->contributors, (std::vector<std::string>{"Wanda Writer", "Display erin"}));
  EXPECT_EQ(a->introduction, "Gout is a painful arthritis, often in a toe.");
  // Approving again: nothing is in review any more.
  EXPECT_EQ(refusal(service_->approve(other, 3, note())), EditorialRefusal::state_conflict);
}

TEST_F(EditorialRules, FourEyesLooksOnlyAtRevisionsSinceTheLastApproval) {
  const auto slug = started(writer_);
  save_and_submit(writer_, slug, "One.");
  auto fixer = open(second_editor_, slug);
  ASSERT_TRUE(service_
                  ->save(fixer, article_md(slug, "How is gout treated?", "One, fixed."), note(),
                         std::nullopt)
                  .ok());
  auto approver = open(editor_, slug);
  ASSERT_TRUE(service_->approve(approver, 3, note()).ok());

  // The next round: only the writer's words since the approval.
  save_and_submit(writer_, slug, "Two.");
  auto e = open(second_editor_, slug);
  EXPECT_TRUE(e.may.review);
  EXPECT_TRUE(service_->approve(e, 4, note()).ok())
      << "revision 3 was approved by someone else before";
}

TEST_F(EditorialRules, TheBylineMayStartTheNextRoundOfAPublishedArticle) {
  const std::string slug = "how-can-i-ease-shin-splints";
  put_live(slug, "Sam Example");
  const User sam = account("sam", Role::author, "Sam Example", "PT");
  EXPECT_TRUE(service_->may_edit_live(sam, slug, "sam-example"));
  EXPECT_TRUE(service_->may_edit_live(editor_, slug, "sam-example"));
  EXPECT_FALSE(service_->may_edit_live(writer_, slug, "sam-example"));
  EXPECT_FALSE(service_->may_edit_live(reader_, slug, "sam-example"));
  EXPECT_EQ(refusal(service_->open(writer_, live(), slug)), EditorialRefusal::not_yours);

  auto w = open(sam, slug);
  EXPECT_FALSE(w.draft);
  EXPECT_EQ(w.title(), "How can I ease shin splints?");
  const std::string start = service_->latest_markdown(w);
  EXPECT_EQ(start.find("author:"), std::string::npos) << "the byline is not edited as text";
  EXPECT_EQ(refusal(service_->submit(w)), EditorialRefusal::nothing_to_submit);
  // Saving the live text unchanged starts nothing.
  auto same = service_->save(w, start, note(), std::nullopt);
  ASSERT_TRUE(same.ok()) << same.refusal().message;
  EXPECT_FALSE(same->changed);
  EXPECT_FALSE(store_->draft(slug));
  // A change: revision 1 is the live text, 2 the edit.
  std::string changed = start;
  changed.replace(changed.find("Rest helps."), 11, "Rest and ice help.");
  auto saved = service_->save(w, changed, note("ice"), std::nullopt);
  ASSERT_TRUE(saved.ok()) << saved.refusal().message;
  EXPECT_EQ(saved->ordinal, 2);
  EXPECT_EQ(store_->revision(slug, 1)->markdown, start);

  auto preview = service_->preview(w, changed);
  ASSERT_TRUE(preview.ok()) << preview.refusal().message;
  EXPECT_EQ(preview->author.name, "Sam Example") << "an edited article keeps its byline";
  EXPECT_EQ(preview->introduction, "Rest and ice help.");
}

TEST_F(EditorialRules, AnotherAuthorsOpenRoundShutsTheBylineOut) {
  const std::string slug = "how-can-i-ease-shin-splints";
  put_live(slug, "Sam Example");
  const User sam = account("sam", Role::author, "Sam Example", "PT");
  auto e = open(editor_, slug);
  std::string changed = service_->latest_markdown(e);
  changed.replace(changed.find("Rest helps."), 11, "Rest helps a lot.");
  ASSERT_TRUE(service_->save(e, changed, note(), std::nullopt).ok());
  EXPECT_FALSE(service_->may_edit_live(sam, slug, "sam-example"))
      << "the editor's round is the editor's until it is published";
  EXPECT_EQ(refusal(service_->open(sam, live(), slug)), EditorialRefusal::not_yours);
}

TEST_F(EditorialRules, PreviewShowsTheWritersProfileAsByline) {
  const auto slug = started(writer_);
  auto w = open(writer_, slug);
  auto p = service_->preview(w, article_md(slug, "How is gout treated?", "A preview only."));
  ASSERT_TRUE(p.ok()) << p.refusal().message;
  EXPECT_EQ(p->author.name, "Wanda Writer");
  EXPECT_EQ(p->author.credential, "RN");
  EXPECT_EQ(store_->revisions(slug).size(), 1u) << "a preview stores nothing";
  EXPECT_EQ(refusal(service_->preview(w, "---\ntitle: x\n")), EditorialRefusal::invalid_markdown);

  const auto anonymous = started(other_writer_, "Can gout come back?");
  auto o = open(other_writer_, anonymous);
  auto q = service_->preview(o, article_md(anonymous, "Can gout come back?", "Yes."));
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q->author.empty()) << "no profile, no byline";
}

TEST_F(EditorialRules, HistoryAndDiffShowEachRevision) {
  const auto slug = started(writer_);
  save_and_submit(writer_, slug, "First line.");
  auto w = open(editor_, slug);
  ASSERT_TRUE(
      service_->save(w, article_md(slug, "How is gout treated?", "Second line."), note("s"), 2)
          .ok());
  const auto h = service_->history(w);
  ASSERT_EQ(h.revisions.size(), 3u);
  EXPECT_EQ(h.revisions[2].note, "s");
  ASSERT_EQ(h.reviews.size(), 1u);
  EXPECT_EQ(h.reviews[0].action, ReviewAction::submitted);

  const auto d = service_->diff(w, 3);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->revision.ordinal, 3);
  EXPECT_NE(d->before.find("First line."), std::string::npos);
  ASSERT_EQ(d->hunks.size(), 1u);
  std::vector<std::string> changed;
  for (const auto& l : d->hunks[0].lines)
    if (l.op != text::DiffOp::same) changed.push_back(l.text);
  EXPECT_EQ(changed, (std::vector<std::string>{"First line.", "Second line."}));
  EXPECT_TRUE(service_->diff(w, 1)->before.empty());
  EXPECT_EQ(refusal(service_->diff(w, 4)), EditorialRefusal::revision_not_found);
  EXPECT_EQ(refusal(service_->diff(w, 0)), EditorialRefusal::revision_not_found);
  EXPECT_EQ(refusal(service_->revision(w, 9)), EditorialRefusal::revision_not_found);
  EXPECT_EQ(service_->revision(w, 2)->markdown,
            article_md(slug, "How is gout treated?", "First line."));
}

TEST_F(EditorialRules, RefusalsHaveStableCodes) {
  EXPECT_EQ(services::to_string(EditorialRefusal::own_words), "own_words");
  EXPECT_EQ(services::to_string(EditorialRefusal::article_too_large), "article_too_large");
  EXPECT_EQ(services::to_string(EditorialRefusal::title_without_letters), "title_without_letters");
}

}  // namespace
}  // namespace symptomdb
