// What text typed by a user may contain, checked the same way on every path
// (HTML forms, JSON, the command line) before anything is stored: comments,
// display names, titles, notes and article Markdown. Also the key under
// which display names must be unique.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace symptomdb {

enum class TextShape {
  line,       // one line: names, titles, notes (no line breaks, no tabs)
  paragraphs  // comments and Markdown: line breaks and tabs allowed
};

// Empty when `text` is acceptable, else why not (for a 400 or 422 message).
// Refused: invalid UTF-8; C0 and C1 control characters and DEL (NUL, ANSI
// escape sequences, ...) apart from tab and line breaks in paragraphs;
// the bidirectional overrides and isolates that make text display in an
// order other than the one it is stored in; for lines, also line and
// paragraph separators.
std::string check_user_text(std::string_view text, TextShape shape);

// The key two display names collide under: Unicode-normalised (NFKC) and
// case-folded, mapped to the Unicode confusables skeleton (UTS #39, so a
// Cyrillic "\xd0\xb5" counts as a Latin "e"), with spaces, punctuation and
// invisible characters dropped. "Erin Roe, MD" and "erin  ROE md" share one.
std::string display_name_key(std::string_view name);

// The words of a name as display_name_key() sees them (folded skeletons).
std::vector<std::string> display_name_words(std::string_view name);

// Empty when `name` may be a display name, else why not: one line of 1 to
// 80 characters with at least one letter or digit, and no role the site
// shows itself ("editor", "admin", ...): roles are badges, never typed.
// `staff` lifts the last rule, for editor and admin accounts an operator
// makes on the command line ("Site admin").
std::string check_display_name(std::string_view name, bool staff = false);

}  // namespace symptomdb
