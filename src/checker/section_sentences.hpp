// A section's text as one string, and a text's sentences: how profile
// building (conditions.cpp) and the context fit (context_fit.cpp) read the
// knowledge base's sections, kept in one place so both quote the same
// sentences.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/article.hpp"

namespace symptomdb::checker {

// The intro, then each item as "heading." and its text, one per line.
inline std::string section_text(const Section& s) {
  std::string out = s.intro;
  for (const auto& item : s.items) {
    if (!item.heading.empty()) out += "\n" + item.heading + ".";
    out += "\n" + item.text;
  }
  return out;
}

// Sentences of a text: split at . ! ? followed by a space or the end, and at
// line breaks; list bullets and heading marks are trimmed, scraps of three
// characters or fewer dropped.
inline std::vector<std::string> sentences_of(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&]() {
    const auto a = cur.find_first_not_of(" \t-*#");
    if (a != std::string::npos && cur.size() - a > 3) out.push_back(cur.substr(a));
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      flush();
      continue;
    }
    cur.push_back(c);
    if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ')) flush();
  }
  flush();
  return out;
}

}  // namespace symptomdb::checker
