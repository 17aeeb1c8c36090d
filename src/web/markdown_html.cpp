#include "web/markdown_html.hpp"

#include <md4c-html.h>

namespace symptomdb::web {
namespace {

void append(const MD_CHAR* text, MD_SIZE size, void* out) {
  static_cast<std::string*>(out)->append(text, size);
}

bool safe_url(std::string_view url) {
  std::string lower;
  for (char c : url)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower.starts_with("https://") || lower.starts_with("http://") ||
      lower.starts_with("mailto:") || lower.starts_with("#") ||
      (lower.starts_with("/") && !lower.starts_with("//")))
    return true;
  // Anything else must be a plain relative path: no scheme, and no entity
  // that a browser could decode into one ("javascript&#58;...").
  return lower.find(':') == std::string::npos && lower.find('&') == std::string::npos;
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  std::string html;
  html.reserve(markdown.size() + markdown.size() / 4);
  const unsigned parser_flags = MD_DIALECT_COMMONMARK | MD_FLAG_NOHTML;
  md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), append, &html, parser_flags, 0);
  // Neutralise unsafe link and image targets. md4c writes every attribute
  // value double-quoted and escaped, so scanning for href="..." and
  // src="..." finds them all.
  if (html.find("href=\"") == std::string::npos && html.find("src=\"") == std::string::npos)
    return html;
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    const std::size_t h = html.find("href=\"", i), sr = html.find("src=\"", i);
    const std::size_t at = std::min(h, sr);
    if (at == std::string::npos) break;
    const std::size_t value = at + (at == h ? 6 : 5);
    const std::size_t end = html.find('"', value);
    if (end == std::string::npos) break;
    out.append(html, i, value - i);
    const std::string_view url(html.data() + value, end - value);
    if (safe_url(url))
      out.append(url);
    else
      out.push_back('#');
    i = end;
  }
  out.append(html, i);
  return out;
}

}  // namespace symptomdb::web
