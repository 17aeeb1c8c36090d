// What the page families (pages.cpp, pages_browse.cpp, pages_ask.cpp) share
// to render a template: internal to web/, not an interface for handlers
// (they call the render_*_page functions of web/pages.hpp).
#pragma once

#include <kainjow/mustache.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/article.hpp"
#include "engine/snapshot.hpp"

namespace symptomdb::web {

namespace mu = kainjow::mustache;

// Sets a template value only when there is one: the template engine treats
// any string, even an empty one, as true in {{#section}} tests.
void set_if(mu::data& d, const std::string& key, const std::string& value);

// web/templates/<name>.mustache (compiled in) with this data.
std::string render_template(std::string_view name, const mu::data& data);

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
// The names and identifiers block shared by the condition and article pages.
void set_names(mu::data& d, const Snapshot& snap, const ConditionEntry& c);

}  // namespace symptomdb::web
