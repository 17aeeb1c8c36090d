#include "web/markdown_html.hpp"

#include <md4c-html.h>

#include <regex>

namespace symptomdb::web {
namespace {

void append(const MD_CHAR* text, MD_SIZE size, void* out) {
  static_cast<std::string*>(out)->append(text, size);
}

bool safe_url(std::string_view url) {
  std::string lower;
  for (char c : url) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
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
  static const std::regex attr(R"((href|src)="([^"]*)\")");
  std::string out;
  out.reserve(html.size());
  auto it = std::sregex_iterator(html.begin(), html.end(), attr);
  std::size_t last = 0;
  for (; it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    out.append(html, last, static_cast<std::size_t>(m.position()) - last);
    if (safe_url(m[2].str()))
      out.append(m.str());
    else
      out.append(m[1].str() + "=\"#\"");
    last = static_cast<std::size_t>(m.position() + m.length());
  }
  out.append(html, last);
  return out;
}

}  // namespace symptomdb::web
