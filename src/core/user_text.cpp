#include "core/user_text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "core/utf8.hpp"

namespace symptomdb {
namespace {

// Decodes one code point of valid UTF-8 at `i` and moves past it.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

// Characters that reorder how text is displayed (LRE, RLE, PDF, LRO, RLO,
// LRI, RLI, FSI, PDI): "Trojan Source" tricks, never needed in a comment.
bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

struct SpoofCloser {
  void operator()(USpoofChecker* sc) const { uspoof_close(sc); }
};

// The words of `text` as their confusable skeletons, lower-case: what a
// reader sees, whichever script the letters come from.
std::vector<std::string> skeleton_words(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  std::unique_ptr<USpoofChecker, SpoofCloser> checker(uspoof_open(&status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU could not be initialised");
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString folded = fold->normalize(in, status);
  icu::UnicodeString skeleton;
  uspoof_getSkeletonUnicodeString(checker.get(), 0, folded, skeleton, &status);
  // The skeleton's prototypes may be upper-case or compatibility forms.
  const icu::UnicodeString key = fold->normalize(skeleton, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU could not fold a name");
  std::vector<std::string> words;
  icu::UnicodeString word;
  auto flush = [&] {
    if (word.isEmpty()) return;
    std::string utf8;
    word.toUTF8String(utf8);
    words.push_back(std::move(utf8));
    word.remove();
  };
  for (int32_t i = 0; i < key.length();) {
    const UChar32 cp = key.char32At(i);
    i += U16_LENGTH(cp);
    const auto mask = U_GET_GC_MASK(cp);
    if (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK))
      word.append(cp);
    else
      flush();
  }
  flush();
  return words;
}

}  // namespace

std::string check_user_text(std::string_view text, TextShape shape) {
  if (!is_valid_utf8(text)) return "The text is not valid UTF-8.";
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    const bool layout = cp == '\n' || cp == '\r' || cp == '\t';
    if (shape == TextShape::line && (layout || cp == 0x2028 || cp == 0x2029))
      return "The text must be one line, without tabs or line breaks.";
    if (!layout && (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)))
      return "The text contains a control character (such as NUL or an escape sequence).";
    if (is_bidi_control(cp))
      return "The text contains a character that reorders how text is displayed.";
  }
  return {};
}

std::vector<std::string> display_name_words(std::string_view name) {
  return skeleton_words(name);
}

std::string display_name_key(std::string_view name) {
  std::string key;
  for (const auto& w : skeleton_words(name)) key += w;
  return key;
}

std::string check_display_name(std::string_view name, bool staff) {
  if (auto problem = check_user_text(name, TextShape::line); !problem.empty()) return problem;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < name.size(); ++chars) next_code_point(name, i);
  if (chars > 80) return "A name has at most 80 characters.";
  const auto words = skeleton_words(name);
  if (words.empty()) return "A name needs at least one letter or digit.";
  if (staff) return {};
  // Compared as skeletons too, so "Ed1tor" or a Cyrillic "аdmin" is caught.
  static const std::vector<std::string> kRoles = [] {
    std::vector<std::string> out;
    for (const char* w :
         {"editor", "editors", "admin", "administrator", "moderator", "staff", "symptomdb"})
      out.push_back(display_name_key(w));
    return out;
  }();
  for (const auto& w : words)
    for (const auto& role : kRoles)
      if (w == role)
        return "A name cannot contain a role such as 'editor' or 'admin': the site shows each "
               "account's role itself.";
  return {};
}

}  // namespace symptomdb
