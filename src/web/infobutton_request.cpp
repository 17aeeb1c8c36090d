// GET /infobutton, reading the request: the HL7 URL parameters
// (mainSearchCriteria, knowledgeResponseType, informationRecipient, ...) and
// the host the feed's links are made absolute with.
#include <algorithm>
#include <cctype>

#include "web/infobutton_feed.hpp"

namespace symptomdb::web::infobutton_feed {
namespace {

constexpr std::size_t kMaxDisplayName = 200;

// A JavaScript identifier path ("cb", "app.infobutton.show"): anything else
// in a JSONP callback would let the caller put script into our response.
bool valid_callback(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  bool start = true;
  for (char c : s) {
    const bool alpha = std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
    if (c == '.') {
      if (start) return false;
      start = true;
    } else if (start) {
      if (!alpha) return false;
      start = false;
    } else if (!alpha && !std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return !start;
}

// BCP 47 in the simple form EHRs send: "en", "es", "en-US".
bool valid_language(std::string_view s) {
  if (s.size() < 2 || s.size() > 35) return false;
  std::size_t run = 0, part = 0;
  for (char c : s) {
    if (c == '-' || c == '_') {
      if (run == 0) return false;
      run = 0;
      ++part;
      continue;
    }
    const bool ok = part == 0 ? std::isalpha(static_cast<unsigned char>(c))
                              : std::isalnum(static_cast<unsigned char>(c));
    if (!ok || ++run > 8) return false;
  }
  return run > 0;
}

std::optional<std::string> param(const Target& t, const std::string& name) {
  return t.param(name);
}

}  // namespace

// The scheme and host links in the feed are made absolute with: an EHR shows
// them outside this site. The Host header is checked to be a host name (or
// address) and port, nothing that could break out of an attribute or URL.
std::string base_url(const Request& req) {
  const std::string& host = req.host;
  const bool ok =
      !host.empty() && host.size() <= 255 &&
      std::all_of(host.begin(), host.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
      });
  if (!ok) return "";
  return (req.forwarded_proto == "https" ? "https://" : "http://") + host;
}

std::variant<Params, BadParameter> read_params(const Target& t) {
  Params p;
  if (auto v = param(t, "knowledgeResponseType"); v && !v->empty()) {
    if (*v == "text/xml" || *v == "application/xml" || *v == "application/atom+xml")
      p.format = Format::atom;
    else if (*v == "application/json")
      p.format = Format::json;
    else if (*v == "application/javascript" || *v == "text/javascript")
      p.format = Format::jsonp;
    else
      return BadParameter{"bad_response_type",
                          "knowledgeResponseType must be text/xml (the default, an Atom feed), "
                          "application/json or application/javascript (JSONP, with callback=)."};
  }
  if (p.format == Format::jsonp) {
    p.callback = param(t, "callback").value_or("");
    if (p.callback.empty())
      return BadParameter{"missing_callback",
                          "knowledgeResponseType=application/javascript needs callback=NAME."};
    if (!valid_callback(p.callback))
      return BadParameter{"bad_callback",
                          "callback must be a JavaScript name such as handleInfobutton or "
                          "app.show (letters, digits, _ and $, dot-separated; 64 characters "
                          "at most)."};
  }
  p.cs = param(t, "mainSearchCriteria.v.cs").value_or("");
  p.code = param(t, "mainSearchCriteria.v.c").value_or("");
  p.display_name = param(t, "mainSearchCriteria.v.dn").value_or("");
  if (p.display_name.size() > kMaxDisplayName)
    return BadParameter{"display_name_too_long",
                        "mainSearchCriteria.v.dn is limited to 200 characters."};
  if (p.code.empty() && p.display_name.find_first_not_of(' ') == std::string::npos)
    return BadParameter{"missing_search_criteria",
                        "Give a coded problem as mainSearchCriteria.v.cs (the code system's "
                        "OID) and mainSearchCriteria.v.c (the code), and/or its name as "
                        "mainSearchCriteria.v.dn."};
  if (!p.code.empty()) {
    if (p.cs.empty())
      return BadParameter{"missing_code_system",
                          "mainSearchCriteria.v.c needs mainSearchCriteria.v.cs, the code "
                          "system's OID (e.g. 2.16.840.1.113883.6.96 for SNOMED CT)."};
    p.system = infobutton::identify(p.cs);
    if (!p.system)
      return BadParameter{"bad_code_system",
                          "mainSearchCriteria.v.cs must be a code system OID such as "
                          "2.16.840.1.113883.6.96 (or its URI), without spaces."};
    if (p.system->supported()) {
      auto n = infobutton::normalise_code(p.system->lookup, p.code);
      if (!n)
        return BadParameter{
            "bad_code",
            "mainSearchCriteria.v.c \"" + p.code.substr(0, 40) + "\" is not a " + p.system->name +
                " code: " + std::string(infobutton::code_shape(p.system->lookup)) + "."};
      p.normalised = *n;
    } else if (p.code.size() > 100) {
      return BadParameter{"bad_code", "mainSearchCriteria.v.c is limited to 100 characters."};
    }
  } else if (!p.cs.empty()) {
    p.system = infobutton::identify(p.cs);
    if (!p.system)
      return BadParameter{"bad_code_system",
                          "mainSearchCriteria.v.cs must be a code system OID such as "
                          "2.16.840.1.113883.6.96 (or its URI), without spaces."};
  }
  if (auto v = param(t, "informationRecipient.languageCode.c"); v && !v->empty()) {
    if (!valid_language(*v))
      return BadParameter{"bad_language",
                          "informationRecipient.languageCode.c must be a language code such as "
                          "en or es."};
    p.language = *v;
  }
  if (auto v = param(t, "extensions"); v && !v->empty()) {
    if (*v != "0" && *v != "1")
      return BadParameter{"bad_extensions",
                          "extensions must be 1 (add symptomdb's own JSON fields) or 0."};
    p.extensions = *v == "1";
  }
  if (auto v = param(t, "informationRecipient"); v && !v->empty()) {
    if (v->size() > 20 ||
        !std::all_of(v->begin(), v->end(), [](unsigned char c) { return std::isalnum(c) != 0; }))
      return BadParameter{"bad_recipient",
                          "informationRecipient must be a role code such as PAT or PROV."};
    p.recipient = *v;
  }
  return p;
}

}  // namespace symptomdb::web::infobutton_feed
