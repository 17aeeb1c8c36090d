// Route-table entries for the feature modules whose handlers still sort out
// their own addresses and methods (editorial, the checker), and the
// fragment renderers of their per-reader page parts.
//
// Transitional: each feature replaces its function here by precise entries
// (RouteTable::get/post with Needs) registered from its own module, and then
// deletes its function from this file. See /work/web-core-api.md.
#pragma once

#include "web/pipeline.hpp"

namespace symptomdb::web {

class Accounts;
class Editorial;

void add_editorial_routes(RouteTable& table, const Editorial& editorial, const Accounts& accounts);

}  // namespace symptomdb::web
