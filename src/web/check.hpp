// The symptom checker's front end: /check (a plain form that works without
// JavaScript), POST /api/v1/check (JSON) and GET /api/v1/symptoms/suggest
// (autocomplete). Reads symptoms as HPO ids or free text, ranks conditions
// with checker::Checker, and explains each one term by term, with the HPO
// attribution, versions and an honest notice on every answer.
#pragma once

#include <optional>

#include "web/routes.hpp"

namespace symptomdb::web {

// A response for the checker's addresses; nothing for any other address.
std::optional<Response> handle_check(const App& app, const Request& request, const Site& site);

}  // namespace symptomdb::web
