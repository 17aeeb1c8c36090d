// Inside the editorial adapters (web/editorial*.cpp): what one editorial
// request carries once its route is known and its body decoded, the
// handlers of the HTML pages and of the JSON API, and the mapping of the
// service's refusals to HTTP. Each handler reads the request, calls
// services::EditorialService and renders the answer; the rules live in the
// service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/account.hpp"
#include "services/editorial.hpp"
#include "web/pipeline.hpp"
#include "web/routes.hpp"

namespace symptomdb::web::editorial {

// One editorial request, past the pipeline (signed in as an author or
// editor, CSRF checked, body decoded), with its path parameters.
struct Call {
  Call(const Exchange& exchange, const services::EditorialService& editorial,
       std::string slug_param = {}, std::int64_t ordinal_param = 0)
      : x(exchange),
        site(exchange.site()),
        target(exchange.target()),
        session(exchange.signed_in()),
        body(exchange.body()),
        service(editorial),
        slug(std::move(slug_param)),
        ordinal(ordinal_param) {}

  const Exchange& x;
  const Site& site;
  const Target& target;
  const Session& session;
  const RequestBody& body;
  const services::EditorialService& service;
  std::string slug;          // {slug}, on the routes that have one
  std::int64_t ordinal = 0;  // {n}, on the routes that have one

  const User& user() const { return session.user; }
  Response fail(int status, std::string_view code, std::string_view message) const {
    return x.error(status, code, message);
  }
  // A refusal of the service, with the status and code it has always had.
  Response fail(const services::EditorialError& e) const;
};

// The status a refusal has always been answered with.
int status_of(const services::EditorialError& e);

// --- HTML pages (web/editorial_pages.cpp). ---
Response write_form(const Call& c);     // GET /write
Response write_start(const Call& c);    // POST /write
Response review_queue(const Call& c);   // GET /review
Response edit_form(const Call& c);      // GET /articles/{slug}/edit
Response edit_post(const Call& c);      // POST /articles/{slug}/edit: preview, save, submit
Response review_post(const Call& c);    // POST /articles/{slug}/review: approve, return
Response history_page(const Call& c);   // GET /articles/{slug}/history
Response revision_page(const Call& c);  // GET /articles/{slug}/history/{n}
// The article page's Edit and History links.
std::string edit_link_html(std::string_view slug);

// --- JSON API (web/editorial_api.cpp). ---
Response api_list(const Call& c);       // GET /api/v1/drafts
Response api_start(const Call& c);      // POST /api/v1/drafts
Response api_draft(const Call& c);      // GET /api/v1/drafts/{slug}
Response api_revisions(const Call& c);  // GET /api/v1/drafts/{slug}/revisions
Response api_save(const Call& c);       // POST /api/v1/drafts/{slug}/revisions
Response api_revision(const Call& c);   // GET /api/v1/drafts/{slug}/revisions/{n}
Response api_diff(const Call& c);       // GET /api/v1/drafts/{slug}/revisions/{n}/diff
Response api_preview(const Call& c);    // POST /api/v1/drafts/{slug}/preview
Response api_submit(const Call& c);     // POST /api/v1/drafts/{slug}/submit
Response api_approve(const Call& c);    // POST /api/v1/drafts/{slug}/approve
Response api_return(const Call& c);     // POST /api/v1/drafts/{slug}/return

}  // namespace symptomdb::web::editorial
