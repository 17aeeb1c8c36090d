#include "core/slug.hpp"

#include "core/fold.hpp"

namespace symptomdb {

std::string slugify(std::string_view raw) {
  const std::string text = fold_text(raw);  // "Sjögren" -> "sjogren"
  std::string out;
  out.reserve(text.size());
  bool dash = false;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !out.empty()) out.push_back('-');
      out.push_back(static_cast<char>(c));
      dash = false;
    } else if (c >= 'A' && c <= 'Z') {
      if (dash && !out.empty()) out.push_back('-');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
      dash = false;
    } else if (c == '\'' || c >= 0x80) {
      // Apostrophes vanish ("Parkinson's" -> "parkinsons"); so do the bytes of
      // non-ASCII characters that fold_text could not map.
      continue;
    } else {
      dash = true;
    }
  }
  return out;
}

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > 200) return false;
  if (slug.front() == '-' || slug.back() == '-') return false;
  char prev = 0;
  for (char c : slug) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

}  // namespace symptomdb
