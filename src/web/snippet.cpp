#include "web/snippet.hpp"

#include <set>

#include "text/analyzer.hpp"
#include "text/normalize.hpp"
#include "web/http_util.hpp"

namespace symptomdb::web {
namespace {

bool word_byte(unsigned char c) {
  return std::isalnum(c) || c >= 0x80 || c == '\'';
}

}  // namespace

std::string plain_snippet(std::string_view md) {
  std::string out;
  out.reserve(md.size());
  bool line_start = true;
  for (std::size_t i = 0; i < md.size(); ++i) {
    const char c = md[i];
    if (c == '\n' || c == '\r' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      line_start = true;
      continue;
    }
    if (line_start) {
      // Block markers at the start of a line: "- ", "* ", "# ", "> ", "1. ".
      std::size_t j = i;
      while (j < md.size() && md[j] == ' ') ++j;
      if (j < md.size() && (md[j] == '#' || md[j] == '>')) {
        while (j < md.size() && (md[j] == '#' || md[j] == '>')) ++j;
      } else if (j + 1 < md.size() && (md[j] == '-' || md[j] == '*' || md[j] == '+') &&
                 md[j + 1] == ' ') {
        ++j;
      }
      while (j < md.size() && md[j] == ' ') ++j;
      line_start = false;
      if (j != i) {
        if (!out.empty() && out.back() != ' ') out.push_back(' ');
        i = j - 1;
        continue;
      }
    }
    if (c == '\\' && i + 1 < md.size() && std::ispunct(static_cast<unsigned char>(md[i + 1]))) {
      out.push_back(md[++i]);  // an escaped character is text
      continue;
    }
    if (c == '*' || c == '_' || c == '`') {
      // Emphasis and code markers; a '_' inside a word is text.
      const bool inner = c == '_' && i > 0 && i + 1 < md.size() &&
                         std::isalnum(static_cast<unsigned char>(md[i - 1])) &&
                         std::isalnum(static_cast<unsigned char>(md[i + 1]));
      if (!inner) continue;
    }
    if (c == ']' && i + 1 < md.size() && md[i + 1] == '(') {
      // "[text](url)": keep the text, drop the target.
      const auto close = md.find(')', i + 2);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    if (c == '[' || c == ']') continue;
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  const auto first = out.find_first_not_of(' ');
  return first == std::string::npos ? std::string() : out.substr(first);
}

std::string highlight_html(std::string_view plain, std::string_view query) {
  thread_local text::Analyzer analyzer;
  std::set<std::string> stems;
  for (const auto& t : analyzer.terms(text::fold(query)))
    if (!text::is_stopword(t.surface)) stems.insert(t.stem);
  std::string out;
  std::size_t i = 0;
  while (i < plain.size()) {
    if (!word_byte(static_cast<unsigned char>(plain[i]))) {
      std::size_t j = i;
      while (j < plain.size() && !word_byte(static_cast<unsigned char>(plain[j]))) ++j;
      out += html_escape(plain.substr(i, j - i));
      i = j;
      continue;
    }
    std::size_t j = i;
    while (j < plain.size() && word_byte(static_cast<unsigned char>(plain[j]))) ++j;
    const std::string_view word = plain.substr(i, j - i);
    const auto terms = analyzer.terms(text::fold(word));
    const bool hit = !terms.empty() && stems.contains(terms.front().stem);
    if (hit) out += "<mark>";
    out += html_escape(word);
    if (hit) out += "</mark>";
    i = j;
  }
  return out;
}

}  // namespace symptomdb::web
