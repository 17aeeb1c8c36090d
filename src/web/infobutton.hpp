// GET /infobutton: the HL7 Context-Aware Knowledge Retrieval ("Infobutton")
// URL interface, answering in the shape MedlinePlus Connect does (an Atom
// feed by default, or JSON / JSONP), so an EHR configured for MedlinePlus
// Connect can point at symptomdb with no change on its side. The lookups
// themselves are infobutton::Resolver; this file reads the parameters and
// writes the feed.
#pragma once

#include "web/http_util.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {

Response handle_infobutton(const App& app, const Request& req, const Target& target,
                           const Site& site);

}  // namespace symptomdb::web
