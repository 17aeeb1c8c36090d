// HTML pages, rendered from the mustache templates in web/templates (built
// into the binary). Every value is escaped by the template engine; the only
// unescaped inserts are HTML we produced ourselves (Markdown rendered with raw
// HTML disabled, and JSON-LD with "</" escaped).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.hpp"
#include "core/article.hpp"
#include "engine/snapshot.hpp"
#include "qa/engine.hpp"

namespace symptomdb::web {

// A way from an article into the symptom checker: the article's condition is
// also a phenotype term (a symptom article such as "Muscle atrophy").
struct CheckerEntry {
  std::string id;     // "HP:0003202"
  std::string label;  // the term's label
  std::string url;    // /check with the term filled in
};

// An article with something to read: an introduction or an answered
// section. MedQuAD documents whose answers the publisher removed are not
// (only their questions are left): they are never listed as articles, A-Z
// entries or an author's work; their questions show on the condition's page.
bool has_answers(const Article& article);
// A condition at least one of whose articles has answers: an A-Z entry.
bool has_answers(const Snapshot& snapshot, const ConditionEntry& condition);

// A condition's other names, told apart: what it is also called, and
// related names (another condition the site has, or a narrower form of this
// one: "Acute gout" for gout) that are not other names for it.
struct RelatedName {
  std::string name;
  std::string slug;  // the condition's page when the site has one
};
struct ConditionNames {
  std::vector<std::string> also_called;
  std::vector<RelatedName> related;
};
ConditionNames split_names(const Snapshot& snapshot, const ConditionEntry& condition);

// The page of the article at `index` in the snapshot (which also supplies
// the other articles about the same condition).
std::string render_article_page(const Snapshot& snapshot, std::size_t index,
                                const std::vector<CheckerEntry>& checker = {});
// The article as it would be published, without the page around it, the
// per-reader parts (rating, comments, edit link) or the provenance line: the
// editor's preview.
std::string render_article_preview(const Article& article);
std::string render_home_page(const Snapshot& snapshot);
std::string render_condition_page(const Snapshot& snapshot, const ConditionEntry& condition);
// Conditions whose name starts with `letter` ('#' for digits and symbols).
std::string render_letter_page(const Snapshot& snapshot, char letter);
// Which slice of the results a search page shows (`page.hits` holds just
// that slice; `page.total` counts them all).
struct SearchPaging {
  std::size_t page = 1;
  std::size_t per_page = 10;
  std::string prev_url, next_url;  // empty when there is none
};
std::string render_search_page(const qa::Engine& engine, const qa::SearchPage& page,
                               const qa::SearchFilters& filters, const SearchPaging& paging = {});
// The answers page; `question` empty shows just the form.
std::string render_ask_page(const qa::Engine& engine, const qa::Result* result);
std::string render_error_page(int status, std::string_view title, std::string_view message,
                              std::string_view request_id);

// Account pages. `csrf` goes into each form's hidden field.
std::string render_login_page(std::string_view error, std::string_view csrf, std::string_view next,
                              std::string_view username);
std::string render_register_page(std::string_view error, std::string_view csrf,
                                 std::string_view username, std::string_view display_name);
std::string render_account_page(const User& user, std::string_view csrf, std::string_view message,
                                std::string_view error);
// The author's profile; the rating block (with the histogram) is the
// "<!--sdb:author-rating-->" fragment, filled per reader.
std::string render_author_page(const Snapshot& snapshot, const AuthorProfile& profile);

// The symptom checker page from its view: the /api/v1/check answer plus the
// form's state (see web/check.cpp); every string in it is escaped.
std::string render_check_page(const nlohmann::json& view);
// One disease as the HPO annotations describe it (web/check.cpp builds the view).
std::string render_disease_page(const nlohmann::json& view);

// /api: the operations of docs/openapi.json (view built in web/api_docs.cpp).
std::string render_api_page(const nlohmann::json& view);

// A page in the site's layout around web/templates/{template_name}.mustache
// rendered from a JSON view: the one way every page and fragment is filled
// (web/page_render.cpp). Every string in the view is escaped by the template
// engine. Empty strings, empty lists and objects, false and null are left
// out, so {{#key}} tests what a reader expects; list items get "first" and
// "last"; every non-empty list K also sets has_K. A key left out is looked
// up in the sections around it, so a nested view names what may be empty
// apart from the keys around it.
std::string render_view_page(std::string_view template_name, std::string_view title,
                             const nlohmann::json& view);

// A page in the site's layout around HTML we built and escaped ourselves.
std::string render_plain_page(std::string_view title, const std::string& body_html);

// A part of a page (a block filled per reader, a comment, a marker's
// content) from a template of web/templates and a JSON view, by the rules of
// render_view_page. `partials` are other templates it includes as
// {{> name}}. The file's final newline is not part of the fragment, which is
// often inserted inline.
std::string render_fragment(std::string_view name, const nlohmann::json& view,
                            std::initializer_list<std::string_view> partials = {});

// schema.org MedicalWebPage JSON-LD for an article (exposed for tests).
std::string article_json_ld(const Article& article);

}  // namespace symptomdb::web
