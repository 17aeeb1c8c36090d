#include "services/comments.hpp"

#include <fmt/format.h>

#include "core/user_text.hpp"
#include "text/lines.hpp"

namespace symptomdb::services {
namespace {

bool is_editor(const User& u) {
  return at_least(u.role, Role::editor);
}

Refusal<CommentError> refuse(CommentError e, std::string message) {
  return {e, std::move(message)};
}

}  // namespace

std::string comment_text(std::string_view body) {
  std::string out;
  for (char c : text::trim(body))
    if (c != '\r') out.push_back(c);
  return out;
}

bool has_link(std::string_view s) {
  return s.find("http://") != std::string_view::npos ||
         s.find("https://") != std::string_view::npos || s.find("www.") != std::string_view::npos;
}

CommentService::CommentService(store::Store& store, CommentPolicy policy,
                               std::function<void()> changed, Clock clock)
    : store_(store),
      policy_(policy),
      changed_(std::move(changed)),
      clock_(clock ? std::move(clock) : Clock(unix_now)) {}

void CommentService::changed() const {
  if (changed_) changed_();
}

CommentPage CommentService::page(std::string_view slug, bool newest_first,
                                 std::size_t page_no) const {
  if (page_no == 0) page_no = 1;
  CommentPage p;
  p.top_level = store_.count_comments(slug);
  p.with_replies = store_.count_comments(slug, true);
  for (auto& c :
       store_.comments(slug, newest_first, (page_no - 1) * policy_.page_size, policy_.page_size)) {
    auto replies = store_.replies(c.id);
    p.threads.push_back({std::move(c), std::move(replies)});
  }
  p.more = page_no * policy_.page_size < p.top_level;
  return p;
}

std::vector<CommentThread> CommentService::threads(std::string_view slug, bool newest_first) const {
  return page(slug, newest_first, 1).threads;
}

std::size_t CommentService::count(std::string_view slug) const {
  return store_.count_comments(slug);
}

CommentRights CommentService::rights(const Comment& c, const User& reader, bool is_reply) const {
  CommentRights r;
  if (c.deleted) return r;  // a tombstone offers nothing
  const bool own = c.user_id == reader.id;
  r.reply = !is_reply;
  r.edit = own && now() - c.created_at < policy_.edit_window;
  r.remove = own || is_editor(reader);
  r.report = !own;
  r.hide = is_editor(reader);
  return r;
}

CommentOutcome<std::string> CommentService::checked_text(std::string_view body) const {
  std::string text = comment_text(body);
  if (auto problem = check_user_text(text, TextShape::paragraphs); !problem.empty())
    return refuse(CommentError::bad_text, problem);
  return text;
}

CommentOutcome<Comment> CommentService::post(const User& author, std::string_view slug,
                                             std::string_view body,
                                             std::optional<std::int64_t> parent) const {
  const std::string text = comment_text(body);
  if (text.empty()) return refuse(CommentError::empty, "Write something first.");
  auto checked = checked_text(text);
  if (!checked) return checked.refusal();
  if (text.size() > policy_.max_length)
    return refuse(CommentError::too_long,
                  fmt::format("A comment has at most {} characters.", policy_.max_length));
  const std::int64_t now = this->now();
  if (store_.comments_since(author.id, now - policy_.window) >= policy_.per_window) {
    auto r = refuse(CommentError::too_fast, "You are commenting very fast; wait a few minutes.");
    // The window is sliding: after a whole window the oldest has left it.
    r.retry_after = policy_.window;
    return r;
  }
  Comment c;
  c.article_slug = std::string(slug);
  c.user_id = author.id;
  c.body = text;
  c.created_at = now;
  if (parent) {
    const auto up = *parent > 0 ? store_.comment(*parent) : std::nullopt;
    if (!up || up->article_slug != slug || up->parent_id || up->deleted ||
        up->status != CommentStatus::published)
      return refuse(CommentError::bad_parent,
                    "Replies go under a published comment of this article.");
    c.parent_id = *parent;
  }
  if (!is_editor(author) && policy_.hold_accounts_younger_than > 0 &&
      now - store_.user_created_at(author.id) < policy_.hold_accounts_younger_than) {
    c.status = CommentStatus::pending;
    c.held_reason = "new account";
  } else if (!is_editor(author) && has_link(text)) {
    c.status = CommentStatus::pending;
    c.held_reason = "contains a link";
  }
  c.author_name = author.display_name;
  c.author_role = author.role;
  c.id = store_.add_comment(c);
  changed();
  return c;
}

CommentOutcome<Comment> CommentService::existing(std::int64_t id, bool tombstone_ok) const {
  auto c = id > 0 ? store_.comment(id) : std::nullopt;
  if (!c || (c->deleted && !tombstone_ok))
    return refuse(CommentError::not_found, "No such comment.");
  return std::move(*c);
}

CommentOutcome<Comment> CommentService::edit(const User& author, std::int64_t id,
                                             std::string_view body) const {
  auto found = existing(id, false);
  if (!found) return found;
  const Comment& c = found.value();
  if (c.user_id != author.id)
    return refuse(CommentError::not_yours, "You can only edit your own comments.");
  const std::int64_t now = this->now();
  if (now - c.created_at >= policy_.edit_window)
    return refuse(CommentError::edit_window_closed,
                  fmt::format("Comments can be edited for {} minutes.", policy_.edit_window / 60));
  const std::string text = comment_text(body);
  if (text.empty() || text.size() > policy_.max_length)
    return refuse(CommentError::bad_length,
                  fmt::format("A comment has 1 to {} characters.", policy_.max_length));
  auto checked = checked_text(text);
  if (!checked) return checked.refusal();
  store_.edit_comment(id, text, now);
  // An edit that adds a link goes back to the moderators.
  if (!is_editor(author) && has_link(text) && !has_link(c.body))
    store_.set_comment_status(id, CommentStatus::pending, "contains a link");
  changed();
  return found;
}

CommentOutcome<Comment> CommentService::remove(const User& by, std::int64_t id) const {
  // Deleting a tombstone again is no error: its replies may since be gone.
  auto found = existing(id, true);
  if (!found) return found;
  if (found.value().user_id != by.id && !is_editor(by))
    return refuse(CommentError::not_yours, "You can only delete your own comments.");
  store_.delete_comment(id);
  changed();
  return found;
}

CommentOutcome<Comment> CommentService::report(const User& by, std::int64_t id) const {
  auto found = existing(id, false);
  if (!found) return found;
  const Comment& c = found.value();
  if (c.user_id == by.id)
    return refuse(CommentError::own_comment, "You cannot report your own comment.");
  const auto reports = store_.report_comment(id, by.id, now());
  if (reports >= policy_.report_threshold && c.status == CommentStatus::published)
    store_.set_comment_status(id, CommentStatus::hidden, "reported");
  changed();
  return found;
}

CommentOutcome<Comment> CommentService::moderate(const User& editor, std::int64_t id,
                                                 Moderation action) const {
  auto found = existing(id, false);
  if (!found) return found;
  if (!is_editor(editor))
    return refuse(CommentError::editors_only, "Only editors moderate comments.");
  const auto status = action == Moderation::hide     ? CommentStatus::hidden
                      : action == Moderation::reject ? CommentStatus::rejected
                                                     : CommentStatus::published;
  store_.set_comment_status(id, status, action == Moderation::hide ? "hidden by an editor" : "");
  changed();
  return found;
}

CommentOutcome<std::vector<Comment>> CommentService::queue(const User& editor) const {
  if (!is_editor(editor))
    return refuse(CommentError::editors_only, "Only editors moderate comments.");
  return store_.moderation_queue();
}

}  // namespace symptomdb::services
