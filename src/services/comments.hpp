// Comments under articles and their moderation, as rules over the store:
// one level of replies, editing for a while, deleting one's own (a comment
// with replies becomes a tombstone so others' replies stay), reports that
// hide a comment at a threshold, a moderation queue for editors, new
// accounts' comments and comments with links held for a moderator, and a
// rate limit per account. Who may do what is decided here once, both for
// enforcing it and for offering the matching buttons (rights()).
//
// Plain text only: what is stored is the text as written (trimmed, "\r"
// dropped); turning it into HTML is the web layer's job.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.hpp"
#include "services/clock.hpp"
#include "services/outcome.hpp"
#include "store/store.hpp"

namespace symptomdb::services {

struct CommentPolicy {
  std::int64_t hold_accounts_younger_than = 24 * 3600;  // seconds; 0 holds none
  std::size_t max_length = 2000;                        // characters (bytes of UTF-8)
  std::size_t per_window = 5;                           // comments per account...
  std::int64_t window = 10 * 60;                        // ...per this many seconds
  std::int64_t report_threshold = 3;                    // reports that hide a comment
  std::int64_t edit_window = 15 * 60;                   // seconds an author may edit
  std::size_t page_size = 20;
};

enum class CommentError {
  empty,               // nothing written
  bad_text,            // control characters, invalid UTF-8, ... (check_user_text)
  too_long,            // over max_length when posting
  bad_length,          // empty or over max_length when editing
  too_fast,            // over the rate limit; retry_after says for how long
  bad_parent,          // a reply to something that cannot be replied to
  not_found,           // no such comment (or only its tombstone)
  not_yours,           // editing or deleting someone else's comment
  edit_window_closed,  // editing after edit_window
  own_comment,         // reporting one's own comment
  editors_only,        // moderating without being an editor
};

template <class T>
using CommentOutcome = Outcome<T, CommentError>;

// What an editor may do to a comment from the queue or the article page.
enum class Moderation { hide, unhide, approve, reject };

// What a reader may do with a comment (shown as buttons, enforced by the
// operations below with the same rules).
struct CommentRights {
  bool reply = false;   // top-level comments, for anyone signed in
  bool edit = false;    // one's own, within the edit window
  bool remove = false;  // one's own, or any for editors
  bool report = false;  // anyone else's
  bool hide = false;    // editors
};

// A top-level comment with its published replies, oldest first.
struct CommentThread {
  Comment comment;
  std::vector<Comment> replies;
};

struct CommentPage {
  std::vector<CommentThread> threads;
  std::size_t top_level = 0;     // published top-level comments (what pages count)
  std::size_t with_replies = 0;  // published comments with replies (what readers count)
  bool more = false;             // a further page exists
};

class CommentService {
 public:
  // `changed` is called after every write that changes what readers see
  // (to drop cached pages); `clock` defaults to the system clock.
  CommentService(store::Store& store, CommentPolicy policy, std::function<void()> changed = {},
                 Clock clock = {});

  const CommentPolicy& policy() const { return policy_; }
  std::int64_t now() const { return clock_(); }

  // Published comments of an article, newest or oldest first, page 1, 2, ...
  CommentPage page(std::string_view article_slug, bool newest_first, std::size_t page_no) const;
  // Comments with their replies as the API lists them (the first page).
  std::vector<CommentThread> threads(std::string_view article_slug, bool newest_first) const;
  std::size_t count(std::string_view article_slug) const;

  CommentRights rights(const Comment& comment, const User& reader, bool is_reply) const;

  // A new comment, or a reply to `parent` (a published top-level comment of
  // the same article; a parent of 0 or less is no comment). The comment
  // returned says whether it was published or held, and why.
  CommentOutcome<Comment> post(const User& author, std::string_view article_slug,
                               std::string_view body,
                               std::optional<std::int64_t> parent = std::nullopt) const;
  // The comment as it was before the change (its article, for going back).
  CommentOutcome<Comment> edit(const User& author, std::int64_t id, std::string_view body) const;
  CommentOutcome<Comment> remove(const User& by, std::int64_t id) const;
  CommentOutcome<Comment> report(const User& by, std::int64_t id) const;
  CommentOutcome<Comment> moderate(const User& editor, std::int64_t id, Moderation action) const;
  // Pending and hidden comments, for editors.
  CommentOutcome<std::vector<Comment>> queue(const User& editor) const;

 private:
  // The comment, unless it is gone (a tombstone counts only when
  // `tombstone_ok`).
  CommentOutcome<Comment> existing(std::int64_t id, bool tombstone_ok) const;
  CommentOutcome<std::string> checked_text(std::string_view body) const;
  void changed() const;

  store::Store& store_;
  CommentPolicy policy_;
  std::function<void()> changed_;
  Clock clock_;
};

// A comment's text as stored: trimmed, with line ends as "\n" (browsers
// send "\r\n" from a textarea).
std::string comment_text(std::string_view body);
// Whether text holds something a browser would follow as a link.
bool has_link(std::string_view text);

}  // namespace symptomdb::services
