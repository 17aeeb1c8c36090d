#include "core/account.hpp"

#include <cctype>

#include "core/utf8.hpp"

namespace symptomdb {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::reader:
      return "reader";
    case Role::author:
      return "author";
    case Role::editor:
      return "editor";
    case Role::admin:
      return "admin";
  }
  return "reader";
}

std::optional<Role> role_from_string(std::string_view s) {
  for (auto r : {Role::reader, Role::author, Role::editor, Role::admin})
    if (to_string(r) == s) return r;
  return std::nullopt;
}

std::string_view to_string(CommentStatus s) {
  switch (s) {
    case CommentStatus::published:
      return "published";
    case CommentStatus::pending:
      return "pending";
    case CommentStatus::hidden:
      return "hidden";
    case CommentStatus::rejected:
      return "rejected";
  }
  return "pending";
}

std::optional<CommentStatus> comment_status_from_string(std::string_view s) {
  for (auto c : {CommentStatus::published, CommentStatus::pending, CommentStatus::hidden,
                 CommentStatus::rejected})
    if (to_string(c) == s) return c;
  return std::nullopt;
}

std::string check_username(std::string_view name) {
  if (name.size() < 3 || name.size() > 32) return "A username has 3 to 32 characters.";
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '_' && c != '-' && c != '.')
      return "A username uses letters, digits, '.', '-' and '_' only.";
  return {};
}

std::string check_password(std::string_view password) {
  // Length is what matters (NIST SP 800-63B); no composition rules.
  if (password.size() < 10) return "A password needs at least 10 characters.";
  if (password.size() > 256) return "A password has at most 256 characters.";
  if (!is_valid_utf8(password)) return "A password must be valid text.";
  return {};
}

}  // namespace symptomdb
