// What the page families (pages.cpp, pages_article.cpp, pages_browse.cpp,
// pages_ask.cpp) share to render a template: internal to web/, not an
// interface for handlers (they call the render_*_page functions of
// web/pages.hpp).
//
// There is one way to build what a template shows: a JSON view
// (nlohmann::json), turned into the template engine's data by the rules
// written at render_view_page in web/pages.hpp (web/page_render.cpp). So a
// page's view can be unit-tested, logged or compared as JSON, and every
// string in it is escaped by the template engine.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/article.hpp"
#include "engine/snapshot.hpp"

namespace symptomdb::web {

// web/templates/<name>.mustache (compiled in) from a JSON view, with its
// final newline: the body of a page.
std::string render_view(std::string_view name, const nlohmann::json& view);

struct Layout {
  std::string page_title;
  std::string description;
  std::string canonical;
  std::string query;
  std::string head_extra;  // trusted HTML
};

// A page body inside the site's layout.
std::string render_layout(const Layout& l, const std::string& body);

// The first letter in lower case ("Gout" -> "gout").
std::string text_lower(std::string s);
// A short plain-text description for <meta name="description">.
std::string first_sentence(std::string_view text, std::size_t max = 200);
// The words of a name, folded, for whole-word comparisons.
std::vector<std::string> name_words(std::string_view name);
// The letter a condition is listed under (A-Z, or '#').
char letter_of(std::string_view name);
std::string publisher_of(const Article& a);
// The names and identifiers block shared by the condition and article pages
// (has_synonyms, synonyms_text, related_names, cuis), added to `view`.
void add_names(nlohmann::json& view, const Snapshot& snap, const ConditionEntry& c);

}  // namespace symptomdb::web
