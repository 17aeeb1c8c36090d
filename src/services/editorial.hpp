// The editorial workflow as a service: who may do what with an article, and
// the steps (start, save, submit, approve, return, publish, preview,
// history and diff) over the store. Authors write and revise articles;
// editors approve (publish) or return them; every save is a revision.
//
// Plain C++ with no HTTP in it: each step returns a typed result or a typed
// refusal (EditorialRefusal, status-neutral) with the message a person
// reads. The web adapters (web/editorial*.cpp) map refusals to statuses and
// render pages; the unit tests (tests/unit/editorial_service_test.cpp) drive
// the rules directly over a real store. Store failures (StoreError) are not
// refusals and propagate as exceptions.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/account.hpp"
#include "core/article.hpp"
#include "core/editorial.hpp"
#include "engine/snapshot.hpp"
#include "services/outcome.hpp"
#include "store/store.hpp"
#include "text/line_diff.hpp"

namespace symptomdb::services {

struct EditorialPolicy {
  std::size_t max_markdown_bytes = 256 * 1024;  // one article, as UTF-8
  std::size_t max_note_chars = 300;
  std::size_t max_title_chars = 200;
};

// Why a step was refused. The names say what went wrong, not how a protocol
// reports it; to_string() gives the stable snake_case code.
enum class EditorialRefusal {
  authors_only,           // the account is a reader's
  editors_only,           // reviewing needs an editor
  draft_not_found,        // nothing published or being written at the slug
  not_yours,              // an author who is neither the draft's owner nor the byline
  own_article,            // an editor reviewing a draft they own
  own_words,              // four eyes: the editor saved a revision since the last approval
  bad_title,              // empty, too long or not one line
  title_without_letters,  // no slug can be made from it
  article_exists,         // an article is already published at the title's slug
  draft_exists,           // a draft is already being written at the title's slug
  bad_note,               // not one line of at most max_note_chars
  note_required,          // returning needs a note
  article_too_large,      // more than max_markdown_bytes
  invalid_markdown,       // not a valid article in the native format (message: FILE:LINE)
  state_conflict,         // the draft moved on (a newer revision, another review)
  nothing_to_submit,      // no draft yet
  revision_not_found,
};
std::string_view to_string(EditorialRefusal refusal);

// A refusal: `error` names the rule, `message` is what a person reads. The
// same Outcome and Refusal as the community services (services/outcome.hpp).
using EditorialError = Refusal<EditorialRefusal>;

// The value of a step, or why it was refused. A step that only changes
// something succeeds with Done.
template <class T>
using EditorialResult = Outcome<T, EditorialRefusal>;

// What one user may do with one article. permissions() is the only place
// these rules are written; the pages show buttons from it and the steps
// check it.
struct Permissions {
  bool edit = false;    // open the editor, preview, read the history
  bool save = false;    // store a revision now (an author waits while it is in review)
  bool submit = false;  // send it for review (offered while it is not in review)
  bool review = false;  // approve or return: an editor other than the owner, while in review
};

// An article at a slug as one user finds it: its draft (if one is being
// worked on), the live copy (if published) and what the user may do.
struct Work {
  User user;
  std::string slug;
  std::optional<Draft> draft;
  const Article* live = nullptr;  // points into the snapshot given to open()
  Permissions may;
  bool editor = false;

  bool exists() const { return draft || live; }
  // The draft's title, else the live article's, else the slug.
  std::string title() const;
};

// A checked note for the history or the writer: one line, trimmed, at most
// max_note_chars. Only EditorialService::note() makes one.
class Note {
 public:
  const std::string& text() const { return text_; }
  bool empty() const { return text_.empty(); }

 private:
  friend class EditorialService;
  explicit Note(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

class EditorialService {
 public:
  // `republish` rebuilds the site from the store and swaps it in: called
  // after an approval so that the new article is served at once.
  EditorialService(store::EditorialStore& drafts, store::ArticleStore& articles,
                   std::function<void()> republish, EditorialPolicy policy = {})
      : drafts_(drafts), articles_(articles), republish_(std::move(republish)), policy_(policy) {}

  const EditorialPolicy& policy() const { return policy_; }

  // --- Who may do what. ---
  // Only authors and editors write (authors_only otherwise).
  EditorialResult<Done> may_write(const User& user) const;
  Permissions permissions(const User& user, const std::optional<Draft>& draft,
                          const Article* live) const;
  // May `user` edit the live article at `slug` whose byline's slug is
  // `author_slug` (empty without a byline)? The article page's Edit link.
  bool may_edit_live(const User& user, std::string_view slug, std::string_view author_slug) const;

  // --- Lists. ---
  std::vector<Draft> own_drafts(const User& user) const;
  // Editors see every draft, authors their own (authors_only for readers).
  EditorialResult<std::vector<Draft>> visible_drafts(const User& user) const;
  // What waits for review: editors only (authors_only, editors_only).
  EditorialResult<std::vector<Draft>> review_queue(const User& user) const;

  // --- Starting an article. ---
  struct Started {
    Draft draft;
    std::string markdown;  // its first revision
  };
  // A new draft from a title (and the condition, which defaults to the
  // title), owned by `user`, at the title's slug; `published` is the live
  // site, where no article may already be.
  EditorialResult<Started> start(const User& user, const Snapshot& published,
                                 std::string_view title, std::string_view condition) const;

  // --- One article. ---
  // The article at `slug` for `user`: draft_not_found when nothing is
  // published or being written there, not_yours when they may not edit it.
  EditorialResult<Work> open(const User& user, const Snapshot& published,
                             std::string_view slug) const;
  // What the editor starts from: the latest revision, or the live text
  // without the fields symptomdb fills in.
  std::string latest_markdown(const Work& work) const;
  EditorialResult<Note> note(std::string_view raw) const;

  struct Saved {
    std::int64_t ordinal = 0;  // the latest revision after the save; 0 when there is none
    bool changed = false;      // false: the text was the latest's, nothing was stored
  };
  // Saves `markdown` as the next revision (based on revision `base`, when
  // given: state_conflict if another was saved since).
  EditorialResult<Saved> save(Work& work, std::string markdown, const Note& note,
                              std::optional<std::int64_t> base) const;
  EditorialResult<Done> submit(Work& work) const;
  // Approval publishes revision `ordinal` (the latest) with the byline and
  // review lines filled in, then republishes the site.
  EditorialResult<Done> approve(Work& work, std::int64_t ordinal, const Note& note) const;
  EditorialResult<Done> return_to_writer(Work& work, std::int64_t ordinal, const Note& note) const;
  // The article as it would be published (byline included), not stored.
  EditorialResult<Article> preview(const Work& work, std::string markdown) const;

  struct History {
    std::vector<Revision> revisions;  // oldest first
    std::vector<ReviewEvent> reviews;
  };
  History history(const Work& work) const;
  struct RevisionDiff {
    Revision revision;
    std::string before;  // the previous revision's text; empty for the first
    std::vector<text::DiffHunk> hunks;
  };
  // Revision `ordinal` and what changed from the one before.
  EditorialResult<RevisionDiff> diff(const Work& work, std::int64_t ordinal) const;
  EditorialResult<Revision> revision(const Work& work, std::int64_t ordinal) const;

 private:
  bool may_edit(const User& user, const std::optional<Draft>& draft, bool live,
                std::string_view live_author_slug) const;
  // The byline the article would be published with: an edited article
  // keeps its own, a new one is its writer's author profile.
  void apply_byline(const Work& work, Article& article) const;
  // Four eyes: the first revision `user` saved since the last approval, up
  // to `ordinal`.
  std::optional<std::int64_t> own_revision_since_approval(const Work& work,
                                                          std::int64_t ordinal) const;
  void refresh(Work& work) const;

  store::EditorialStore& drafts_;
  store::ArticleStore& articles_;
  std::function<void()> republish_;
  EditorialPolicy policy_;
};

}  // namespace symptomdb::services
