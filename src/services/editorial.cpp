#include "services/editorial.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "services/editorial_text.hpp"
#include "text/lines.hpp"

namespace symptomdb::services {
namespace {

std::string utc_today() {
  return fmt::format("{:%F}", fmt::gmtime(std::time(nullptr)));
}

EditorialError refuse(EditorialRefusal refusal, std::string message) {
  return {refusal, std::move(message)};
}

EditorialError conflict(const store::StateConflict& e) {
  return {EditorialRefusal::state_conflict, e.what()};
}

}  // namespace

std::string_view to_string(EditorialRefusal r) {
  switch (r) {
    case EditorialRefusal::authors_only:
      return "authors_only";
    case EditorialRefusal::editors_only:
      return "editors_only";
    case EditorialRefusal::draft_not_found:
      return "draft_not_found";
    case EditorialRefusal::not_yours:
      return "not_yours";
    case EditorialRefusal::own_article:
      return "own_article";
    case EditorialRefusal::own_words:
      return "own_words";
    case EditorialRefusal::bad_title:
      return "bad_title";
    case EditorialRefusal::title_without_letters:
      return "title_without_letters";
    case EditorialRefusal::article_exists:
      return "article_exists";
    case EditorialRefusal::draft_exists:
      return "draft_exists";
    case EditorialRefusal::bad_note:
      return "bad_note";
    case EditorialRefusal::note_required:
      return "note_required";
    case EditorialRefusal::article_too_large:
      return "article_too_large";
    case EditorialRefusal::invalid_markdown:
      return "invalid_markdown";
    case EditorialRefusal::state_conflict:
      return "state_conflict";
    case EditorialRefusal::nothing_to_submit:
      return "nothing_to_submit";
    case EditorialRefusal::revision_not_found:
      return "revision_not_found";
  }
  return "unknown";
}

std::string Work::title() const {
  if (draft) return draft->title;
  if (live) return live->title;
  return slug;
}

// --- Who may do what. ---

EditorialResult<Done> EditorialService::may_write(const User& user) const {
  if (!at_least(user.role, Role::author))
    return refuse(EditorialRefusal::authors_only, "Only authors and editors write articles.");
  return Done{};
}

bool EditorialService::may_edit(const User& user, const std::optional<Draft>& draft, bool live,
                                std::string_view live_author_slug) const {
  if (at_least(user.role, Role::editor)) return draft || live;
  if (!at_least(user.role, Role::author)) return false;
  // A round of work belongs to whoever started it; once published, the
  // article's byline may start the next one.
  if (draft && draft->owner_id == user.id) return true;
  if ((!draft || draft->state == DraftState::published) && live && user.author_id &&
      !live_author_slug.empty()) {
    const auto profile = articles_.author_by_id(*user.author_id);
    return profile && profile->slug == live_author_slug;
  }
  return false;
}

Permissions EditorialService::permissions(const User& user, const std::optional<Draft>& draft,
                                          const Article* live) const {
  const bool editor = at_least(user.role, Role::editor);
  const bool in_review = draft && draft->state == DraftState::in_review;
  Permissions p;
  p.edit = may_edit(user, draft, live != nullptr,
                    live && !live->author.empty() ? live->author.slug() : std::string());
  p.save = p.edit && (!in_review || editor);
  p.submit = p.save && !in_review;
  p.review = editor && in_review && draft->owner_id != user.id;
  return p;
}

bool EditorialService::may_edit_live(const User& user, std::string_view slug,
                                     std::string_view author_slug) const {
  if (!at_least(user.role, Role::author)) return false;
  if (at_least(user.role, Role::editor)) return true;
  return may_edit(user, drafts_.draft(slug), true, author_slug);
}

// --- Lists. ---

std::vector<Draft> EditorialService::own_drafts(const User& user) const {
  return drafts_.drafts(user.id, std::nullopt);
}

EditorialResult<std::vector<Draft>> EditorialService::visible_drafts(const User& user) const {
  if (auto ok = may_write(user); !ok) return ok.refusal();
  const bool editor = at_least(user.role, Role::editor);
  return drafts_.drafts(editor ? std::nullopt : std::optional(user.id), std::nullopt);
}

EditorialResult<std::vector<Draft>> EditorialService::review_queue(const User& user) const {
  if (auto ok = may_write(user); !ok) return ok.refusal();
  if (!at_least(user.role, Role::editor))
    return refuse(EditorialRefusal::editors_only, "Only editors review articles.");
  return drafts_.drafts(std::nullopt, DraftState::in_review);
}

// --- Starting an article. ---

EditorialResult<EditorialService::Started> EditorialService::start(
    const User& user, const Snapshot& published, std::string_view raw_title,
    std::string_view raw_condition) const {
  if (auto ok = may_write(user); !ok) return ok.refusal();
  const std::string title(text::trim(raw_title));
  const std::string typed_condition(text::trim(raw_condition));
  const std::string condition = typed_condition.empty() ? title : typed_condition;
  if (title.empty() || title.size() > policy_.max_title_chars || has_control(title) ||
      condition.size() > policy_.max_title_chars || has_control(condition))
    return refuse(EditorialRefusal::bad_title,
                  fmt::format("A title and a condition are one line of 1 to {} characters.",
                              policy_.max_title_chars));
  const std::string slug = slug_for_title(title);
  if (slug.empty())
    return refuse(EditorialRefusal::title_without_letters,
                  "The title needs some letters or digits.");
  if (published.article(slug))
    return refuse(EditorialRefusal::article_exists,
                  "An article is published at /articles/" + slug +
                      "; open it and choose Edit, or pick another title.");
  auto checked = check_article_markdown(starter_markdown(slug, title, condition), slug, policy_);
  if (!checked) return checked.refusal();
  const store::NewRevision first[] = {{title, checked->markdown, user.id, "Started the article"}};
  try {
    drafts_.create_draft(slug, user.id, first);
  } catch (const store::StateConflict& e) {
    return refuse(EditorialRefusal::draft_exists, e.what());
  }
  return Started{*drafts_.draft(slug), std::move(checked->markdown)};
}

// --- One article. ---

EditorialResult<Work> EditorialService::open(const User& user, const Snapshot& published,
                                             std::string_view slug) const {
  if (auto ok = may_write(user); !ok) return ok.refusal();
  Work w;
  w.user = user;
  w.slug = std::string(slug);
  w.draft = drafts_.draft(slug);
  w.live = published.article(slug);
  w.editor = at_least(user.role, Role::editor);
  w.may = permissions(user, w.draft, w.live);
  if (!w.exists())
    return refuse(EditorialRefusal::draft_not_found,
                  "No article is published or being written here.");
  if (!w.may.edit)
    return refuse(EditorialRefusal::not_yours,
                  "Only its writer and the editors work on this article.");
  return w;
}

void EditorialService::refresh(Work& work) const {
  work.draft = drafts_.draft(work.slug);
  work.may = permissions(work.user, work.draft, work.live);
}

std::string EditorialService::latest_markdown(const Work& work) const {
  if (work.draft)
    if (auto r = drafts_.revision(work.slug, work.draft->latest)) return r->markdown;
  return work.live ? editable_markdown(*work.live) : std::string();
}

EditorialResult<Note> EditorialService::note(std::string_view raw) const {
  std::string note(text::trim(raw));
  if (note.size() > policy_.max_note_chars || has_control(note))
    return refuse(
        EditorialRefusal::bad_note,
        fmt::format("A note is one line of at most {} characters.", policy_.max_note_chars));
  return Note(std::move(note));
}

EditorialResult<EditorialService::Saved> EditorialService::save(
    Work& work, std::string markdown, const Note& note, std::optional<std::int64_t> base) const {
  if (!work.exists())
    return refuse(EditorialRefusal::draft_not_found, "No article has this address.");
  if (!work.may.edit)
    return refuse(EditorialRefusal::not_yours,
                  "Only its writer and the editors edit this article.");
  auto checked = check_article_markdown(std::move(markdown), work.slug, policy_);
  if (!checked) return checked.refusal();
  const store::NewRevision rev{checked->article.title, checked->markdown, work.user.id,
                               note.text()};
  try {
    if (!work.draft) {
      // The first edit of an imported article: its live text becomes
      // revision 1, so the history shows what this edit changed.
      const std::string first = editable_markdown(*work.live);
      if (first == checked->markdown) return Saved{0, false};
      const store::NewRevision both[] = {
          {work.live->title, first, work.user.id, "As published before this edit"}, rev};
      drafts_.create_draft(work.slug, work.user.id, both);
      refresh(work);
      return Saved{2, true};
    }
    if (const auto latest = drafts_.revision(work.slug, work.draft->latest);
        latest && latest->markdown == checked->markdown && (!base || *base == work.draft->latest))
      return Saved{work.draft->latest, false};
    const auto n = drafts_.add_revision(work.slug, rev, work.editor, base);
    refresh(work);
    return Saved{n, true};
  } catch (const store::StateConflict& e) {
    return conflict(e);
  }
}

EditorialResult<Done> EditorialService::submit(Work& work) const {
  if (!work.draft)
    return refuse(EditorialRefusal::nothing_to_submit, "Save the article before submitting it.");
  if (!work.may.edit)
    return refuse(EditorialRefusal::not_yours,
                  "Only its writer and the editors edit this article.");
  try {
    drafts_.change_state(work.slug, DraftState::draft, DraftState::in_review,
                         ReviewAction::submitted, work.user.id, "", work.draft->latest);
  } catch (const store::StateConflict& e) {
    return conflict(e);
  }
  refresh(work);
  return Done{};
}

namespace {

// What approving and returning both need: an editor, a draft, and a draft
// someone else owns.
std::optional<EditorialError> review_refusal(const Work& work) {
  if (!work.editor)
    return EditorialError{EditorialRefusal::editors_only, "Only editors review articles."};
  if (!work.draft)
    return EditorialError{EditorialRefusal::draft_not_found,
                          "Nothing of this article waits for review."};
  if (work.draft->owner_id == work.user.id)
    return EditorialError{EditorialRefusal::own_article, "Another editor reviews what you wrote."};
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> EditorialService::own_revision_since_approval(
    const Work& work, std::int64_t ordinal) const {
  // Whoever saved any revision since the last approval wrote part of what
  // would be published now (revisions are immutable and the approval needs
  // `ordinal` to be the latest, so nothing can slip in between this check
  // and the publish).
  std::int64_t last_approved = 0;
  for (const auto& e : drafts_.review_events(work.slug))
    if (e.action == ReviewAction::approved && e.ordinal < ordinal)
      last_approved = std::max(last_approved, e.ordinal);
  for (const auto& r : drafts_.revisions(work.slug))
    if (r.ordinal > last_approved && r.ordinal <= ordinal && r.author_id == work.user.id)
      return r.ordinal;
  return std::nullopt;
}

void EditorialService::apply_byline(const Work& work, Article& a) const {
  if (work.live) {
    a.author = work.live->author;
    keep_source_metadata(*work.live, a);
  } else if (work.draft && work.draft->owner_author_id) {
    // A new article: its writer's author profile (none when the account
    // has no profile).
    if (const auto p = articles_.author_by_id(*work.draft->owner_author_id))
      a.author = {p->name, p->credential, p->affiliation};
  }
}

EditorialResult<Done> EditorialService::approve(Work& work, std::int64_t ordinal,
                                                const Note& note) const {
  if (auto refusal = review_refusal(work)) return *refusal;
  const auto rev = drafts_.revision(work.slug, ordinal);
  if (!rev || ordinal != work.draft->latest)
    return refuse(EditorialRefusal::state_conflict,
                  fmt::format("Revision {} is the latest; review that one.", work.draft->latest));
  if (const auto own = own_revision_since_approval(work, ordinal))
    return refuse(EditorialRefusal::own_words,
                  fmt::format("You wrote revision {} since the last approval; another editor "
                              "reviews what you wrote.",
                              *own));
  auto checked = check_article_markdown(rev->markdown, work.slug, policy_);
  if (!checked) return checked.refusal();
  Article a = std::move(checked->article);
  apply_byline(work, a);
  a.reviewed_on = utc_today();
  // "Medically reviewed" only from someone with a clinical credential.
  if (work.user.author_id)
    if (const auto p = articles_.author_by_id(*work.user.author_id); p && !p->credential.empty())
      a.reviewed_by = {p->name, p->credential};
  a.provenance = {"editorial", fmt::format("revision {}", ordinal), ""};
  // Every writer of the text being published is named on the page.
  for (const auto& r : drafts_.revisions(work.slug))
    if (r.ordinal <= ordinal && std::find(a.contributors.begin(), a.contributors.end(),
                                          r.author_name) == a.contributors.end())
      a.contributors.push_back(r.author_name);
  try {
    drafts_.publish_draft(work.slug, ordinal, a, work.user.id, note.text());
  } catch (const store::StateConflict& e) {
    return conflict(e);
  }
  // Refreshed before republishing: `work.live` points into the snapshot
  // the republish replaces.
  refresh(work);
  if (republish_) republish_();
  return Done{};
}

EditorialResult<Done> EditorialService::return_to_writer(Work& work, std::int64_t ordinal,
                                                         const Note& note) const {
  if (auto refusal = review_refusal(work)) return *refusal;
  if (note.empty())
    return refuse(EditorialRefusal::note_required, "Say what needs to change before returning it.");
  try {
    drafts_.change_state(work.slug, DraftState::in_review, DraftState::draft,
                         ReviewAction::returned, work.user.id, note.text(), ordinal);
  } catch (const store::StateConflict& e) {
    return conflict(e);
  }
  refresh(work);
  return Done{};
}

EditorialResult<Article> EditorialService::preview(const Work& work, std::string markdown) const {
  auto checked = check_article_markdown(std::move(markdown), work.slug, policy_);
  if (!checked) return checked.refusal();
  Article a = std::move(checked->article);
  apply_byline(work, a);
  return a;
}

EditorialService::History EditorialService::history(const Work& work) const {
  return {drafts_.revisions(work.slug), drafts_.review_events(work.slug)};
}

EditorialResult<EditorialService::RevisionDiff> EditorialService::diff(const Work& work,
                                                                       std::int64_t ordinal) const {
  auto revisions = drafts_.revisions(work.slug);
  if (ordinal < 1 || ordinal > static_cast<std::int64_t>(revisions.size()))
    return refuse(EditorialRefusal::revision_not_found, "There is no such revision.");
  RevisionDiff d;
  d.revision = std::move(revisions[static_cast<std::size_t>(ordinal - 1)]);
  if (ordinal > 1) d.before = std::move(revisions[static_cast<std::size_t>(ordinal - 2)].markdown);
  d.hunks = text::diff_hunks(text::diff_lines(d.before, d.revision.markdown));
  return d;
}

EditorialResult<Revision> EditorialService::revision(const Work& work, std::int64_t ordinal) const {
  auto r = drafts_.revision(work.slug, ordinal);
  if (!r) return refuse(EditorialRefusal::revision_not_found, "There is no such revision.");
  return std::move(*r);
}

}  // namespace symptomdb::services
