// The parts of GET /infobutton (web/infobutton.cpp) shared by its three
// files: the request's parameters as read from the URL
// (web/infobutton_request.cpp), the feed built from the resolver's matches
// (web/infobutton_feed.cpp), and its encodings in web/infobutton.cpp.
// Internal to web/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "infobutton/code_system.hpp"
#include "web/http_message.hpp"
#include "web/http_util.hpp"
#include "web/site.hpp"

namespace symptomdb::web::infobutton_feed {

inline constexpr std::string_view kNotice =
    "Health information, not a diagnosis. In an emergency call your local emergency number.";

enum class Format { atom, json, jsonp };

struct BadParameter {
  std::string code, message;
};

struct Params {
  std::string cs, code, display_name;
  std::optional<infobutton::CodeSystem> system;
  std::string normalised;  // the code as the data writes it
  std::string language = "en";
  std::string recipient;
  Format format = Format::atom;
  std::string callback;
  bool extensions = false;  // symptomdb's own JSON keys besides MedlinePlus Connect's
};

struct Entry {
  std::string kind;  // article, disease, phenotype
  std::string id, title, link, updated, summary;
  std::vector<std::string> also_called;
  std::string source, source_url, license, matched_by;
};

struct Feed {
  std::string base, id, updated, title, subtitle;
  std::vector<std::pair<std::string, std::string>> categories;
  std::vector<std::string> notes;
  std::vector<Entry> entries;
  bool supported = false, by_name = false;
};

// The HL7 URL parameters, or the first one that is wrong.
std::variant<Params, BadParameter> read_params(const Target& t);

// The scheme and host links in the feed are made absolute with.
std::string base_url(const Request& req);

// What the feed says for these parameters.
Feed build_feed(const Params& p, const Site& site, const Request& req);

}  // namespace symptomdb::web::infobutton_feed
