// The symptom checker's front end: /check (a plain form that works without
// JavaScript), POST /api/v1/check (JSON) and GET /api/v1/symptoms/suggest
// (autocomplete). Reads symptoms as HPO ids or free text, ranks conditions
// with checker::Checker, and explains each one term by term, with the HPO
// attribution, versions and an honest notice on every answer.
#pragma once

#include "web/pipeline.hpp"

namespace symptomdb::web {

// Registers the checker's addresses: /check, /check/diseases/{id},
// POST /api/v1/check, /api/v1/diseases/{id}, /api/v1/symptoms/suggest.
void add_check_routes(RouteTable& table);

}  // namespace symptomdb::web
