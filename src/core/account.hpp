// Readers, authors, editors and admins: the vocabulary of accounts, shared
// by the store, the web's sign-in pages and the CLI.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace symptomdb {

enum class Role { reader, author, editor, admin };

std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view s);
// Editors may do what authors may, admins what editors may.
inline bool at_least(Role have, Role need) {
  return static_cast<int>(have) >= static_cast<int>(need);
}

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::reader;
  bool disabled = false;
  std::optional<std::int64_t> author_id;  // the author profile an author account writes as
  std::string created_at;
};

struct Session {
  User user;
  std::string csrf_token;
  std::int64_t expires_at = 0;
};

struct RatingSummary {
  double average = 0;  // 0 when there are no ratings
  std::int64_t count = 0;
};

struct AuthorProfile {
  std::int64_t id = 0;
  std::string slug, name, credential, affiliation, bio;
  RatingSummary rating;
  std::optional<std::int64_t> user_id;  // the account that writes as this author, if any
};

enum class CommentStatus { published, pending, hidden, rejected };
std::string_view to_string(CommentStatus s);
std::optional<CommentStatus> comment_status_from_string(std::string_view s);

struct Comment {
  std::int64_t id = 0;
  std::string article_slug;
  std::int64_t user_id = 0;
  std::string author_name;  // the commenter's display name
  Role author_role = Role::reader;  // shown as a badge beside the name
  std::optional<std::int64_t> parent_id;
  std::string body;  // plain text as written
  CommentStatus status = CommentStatus::published;
  std::string held_reason;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> edited_at;
  std::int64_t reports = 0;
  bool deleted = false;  // a tombstone kept for its replies: no body, no author
};

// Rules for what a username and a password may be; empty when fine, else
// the message to show. A password is refused when zxcvbn estimates it
// easy to guess; `personal` are words it must not lean on (the username,
// the display name).
std::string check_username(std::string_view name);
std::string check_password(std::string_view password,
                           const std::vector<std::string>& personal = {});

}  // namespace symptomdb
