// The API's description: docs/openapi.json (compiled in, served as is at
// /api/v1/openapi.json) and the /api page generated from it, so the page a
// person reads and the document a tool reads cannot disagree.
#pragma once

#include <optional>

#include "web/routes.hpp"

namespace symptomdb::web {

// GET /api/v1/openapi.json and GET /api; nullopt for any other path.
std::optional<Response> handle_api_docs(std::string_view path);

}  // namespace symptomdb::web
