#include "web/compat_routes.hpp"

#include "web/accounts.hpp"
#include "web/check.hpp"
#include "web/comments.hpp"

namespace symptomdb::web {
namespace {

// A feature handler that may decline an address its patterns matched.
Response or_not_found(Exchange& x, std::optional<Response> r) {
  if (r) return std::move(*r);
  return x.error(404, "not_found", "There is no page at this address.");
}

}  // namespace

// --- Accounts (web-community) ----------------------------------------------

void add_account_routes(RouteTable& t, const Accounts& accounts) {
  const Handler h = [&accounts](Exchange& x) {
    return or_not_found(x, accounts.handle(x.app(), x.request(), x.site()));
  };
  for (const char* p : {"/login", "/register", "/logout", "/account", "/account/password",
                        "/authors/{rest:path}", "/api/v1/authors/{rest:path}"})
    t.any(p, h);
  t.fragment(
      "account",
      [&accounts](const FragmentContext& c, const Fragment&) {
        return accounts.account_nav(c.session);
      },
      false);
  t.fragment("rating", [&accounts](const FragmentContext& c, const Fragment& f) {
    return accounts.rating_block(c.session, f.arg("author"), f.arg("back_to"));
  });
  t.fragment("byline-rating", [&accounts](const FragmentContext&, const Fragment& f) {
    return accounts.byline_rating(f.arg("author"));
  });
}

// --- Comments (web-community) ----------------------------------------------

void add_comment_routes(RouteTable& t, const Comments& comments) {
  const Handler h = [&comments](Exchange& x) {
    return or_not_found(x, comments.handle(x.app(), x.request(), x.site(), x.session()));
  };
  // The handler reads the session itself from what the pipeline looked up.
  for (const char* p : {"/articles/{slug}/comments", "/api/v1/articles/{slug}/comments",
                        "/comments/{rest:path}", "/moderation"})
    t.add("*", p, h, {.session = SessionNeed::optional, .csrf = Csrf::none});
  t.fragment("comments", [&comments](const FragmentContext& c, const Fragment& f) {
    return comments.block(c.session, c.request, f.arg("slug"));
  });
}

// --- The symptom checker (checker-speed) -----------------------------------

void add_check_routes(RouteTable& t) {
  const Handler h = [](Exchange& x) {
    return or_not_found(x, handle_check(x.app(), x.request(), x.site()));
  };
  for (const char* p : {"/check", "/api/v1/check", "/api/v1/symptoms/suggest",
                        "/check/diseases/{id:path}", "/api/v1/diseases/{id:path}"})
    t.any(p, h);
}

}  // namespace symptomdb::web
