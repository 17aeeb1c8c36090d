// The symptom checker for a person's own words: POST /api/v1/check with
// "description" (a paragraph, up to 5,000 characters), and /check?d=... for
// the form. Reads the paragraph into findings (checker/description), ranks the
// knowledge base's condition profiles (checker/conditions), explains each
// suggestion finding by finding with its article, and puts triage first.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "web/http_util.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {

class Site;

// A relative fit as shown: a whole percentage, and "<1%" for a share too
// small to round to one (over 12,690 rare diseases the first few often
// are), rather than a row of "0%" that reads as no fit at all.
std::string fit_text(double probability);

// The answer for a JSON body (already parsed: `body`) that carries
// "description".
Response handle_description_api(const App& app, const Request& request, const Site& site,
                                const nlohmann::json& body);
// The /check page for ?d=...; nothing without d.
std::optional<Response> handle_description_page(const App& app, const Request& request,
                                                const Site& site, const Target& target);

}  // namespace symptomdb::web
