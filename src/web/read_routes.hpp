// The read-only routes: home, health, static files, articles, conditions,
// search, ask, suggest, the Infobutton and the API description. Each is an
// entry of the route table; the handlers below are what they run.
#pragma once

#include "web/pipeline.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {

void add_read_routes(RouteTable& table, const HealthInfo& health);

}  // namespace symptomdb::web
