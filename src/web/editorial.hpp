// The editorial workflow on the web: authors write and revise articles in a
// Markdown editor with a preview, submit them for review, and editors
// approve (publish) or return them. The rules and steps are
// services::EditorialService; this module is its HTTP adapter: the routes
// with what each needs of the pipeline (web/pipeline.hpp: session, role,
// CSRF, body), the handlers in web/editorial_pages.cpp (HTML from
// templates) and web/editorial_api.cpp (JSON), and the article page's Edit
// link (the "edit" fragment).
//
// HTML:  /write, /review, /articles/{slug}/edit, /articles/{slug}/review,
//        /articles/{slug}/history, /articles/{slug}/history/{n}
// JSON:  /api/v1/drafts, /api/v1/drafts/{slug}[/revisions[/{n}[/diff]]],
//        /api/v1/drafts/{slug}/{preview,submit,approve,return}
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/account.hpp"
#include "services/editorial.hpp"
#include "store/store.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {

struct EditorialPolicy {
  std::size_t max_markdown_bytes = 256 * 1024;  // one article, as UTF-8
  std::size_t max_body_bytes = 1024 * 1024;     // the request (form encoding triples it)
  std::size_t max_note_chars = 300;
  std::size_t max_title_chars = 200;
};

class RouteTable;

class Editorial {
 public:
  // `republish` rebuilds the site from the store and swaps it in: called
  // after an approval so that the new article is served at once.
  Editorial(store::Store& store, std::function<void()> republish, EditorialPolicy policy = {});

  // Registers the editorial routes and the "edit" fragment.
  void add_routes(RouteTable& table) const;
  // The "Edit" link of an article page for this reader; empty when they may
  // not edit it. `author_slug` is the live article's byline.
  std::string edit_link(const std::optional<Session>& session, std::string_view slug,
                        std::string_view author_slug) const;

 private:
  services::EditorialService service_;
  std::size_t max_body_bytes_;
};

}  // namespace symptomdb::web
