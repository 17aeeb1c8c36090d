#include "web/compat_routes.hpp"

#include "web/accounts.hpp"
#include "web/editorial.hpp"

namespace symptomdb::web {
namespace {

// A feature handler that may decline an address its patterns matched.
Response or_not_found(Exchange& x, std::optional<Response> r) {
  if (r) return std::move(*r);
  return x.error(404, "not_found", "There is no page at this address.");
}

}  // namespace

// --- Editorial (web-editorial) ---------------------------------------------

void add_editorial_routes(RouteTable& t, const Editorial& editorial, const Accounts& accounts) {
  const Handler h = [&editorial, &accounts](Exchange& x) {
    return or_not_found(x, editorial.handle(x.app(), x.request(), x.site(), accounts));
  };
  for (const char* p : {"/write", "/review", "/api/v1/drafts", "/api/v1/drafts/{rest:path}",
                        "/articles/{slug}/edit", "/articles/{slug}/review",
                        "/articles/{slug}/history", "/articles/{slug}/history/{n}"})
    t.any(p, h);
  t.fragment("edit", [&editorial](const FragmentContext& c, const Fragment& f) {
    return editorial.edit_link(c.session, f.arg("slug"), f.arg("author"));
  });
}

}  // namespace symptomdb::web
