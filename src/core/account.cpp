#include "core/account.hpp"

#include <zxcvbn.h>

#include <cctype>
#include <cmath>
#include <memory>

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

namespace {

// zxcvbn's "safely unguessable" level: 10^8 guesses (its score 3), about
// 26.6 bits. With argon2id and throttled sign-ins that resists online
// guessing and slows an offline attack on a stolen database.
constexpr double kMinPasswordBits = 26.6;

// Why zxcvbn found a password easy, from the longest pattern it matched.
std::string_view weakness(const ZxcMatch_t* info) {
  const ZxcMatch_t* longest = nullptr;
  for (const ZxcMatch_t* m = info; m; m = m->Next)
    if (m->Type != BRUTE_MATCH && (!longest || m->Length > longest->Length)) longest = m;
  if (!longest) return "it is too short for the characters it uses";
  switch (static_cast<int>(longest->Type) & ~MULTIPLE_MATCH) {
    case DICTIONARY_MATCH:
    case DICT_LEET_MATCH:
      return "it is built on a common password or word";
    case USER_MATCH:
    case USER_LEET_MATCH:
      return "it contains your username or name";
    case REPEATS_MATCH:
      return "it repeats characters";
    case SEQUENCE_MATCH:
      return "it is a sequence such as 1234 or abcd";
    case SPATIAL_MATCH:
      return "it is a keyboard pattern such as qwerty";
    case DATE_MATCH:
    case YEAR_MATCH:
      return "dates and years are easy to guess";
    default:
      return "it follows a common pattern";
  }
}

}  // namespace

std::string check_password(std::string_view password, const std::vector<std::string>& personal) {
  // NIST SP 800-63B: a minimum length and a check against what attackers
  // try first (common passwords, words, sequences, the user's own names);
  // no composition rules.
  if (password.size() < 10) return "A password needs at least 10 characters.";
  if (password.size() > 256) return "A password has at most 256 characters.";
  if (!is_valid_utf8(password)) return "A password must be valid text.";
  // zxcvbn compares lower-case.
  std::vector<std::string> lowered;
  for (const auto& w : personal) {
    if (w.empty()) continue;
    std::string l = w;
    for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    lowered.push_back(std::move(l));
  }
  std::vector<const char*> words;
  for (const auto& w : lowered) words.push_back(w.c_str());
  words.push_back("symptomdb");
  words.push_back(nullptr);
  const std::string text(password);
  ZxcMatch_t* info = nullptr;
  const double bits = ZxcvbnMatch(text.c_str(), words.data(), &info);
  const std::unique_ptr<ZxcMatch_t, void (*)(ZxcMatch_t*)> owned(info, ZxcvbnFreeInfo);
  if (bits < kMinPasswordBits)
    return "This password is too easy to guess: " + std::string(weakness(info)) +
           ". A few unrelated words make a strong one that is easy to remember.";
  return {};
}

}  // namespace symptomdb
