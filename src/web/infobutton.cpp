// GET /infobutton: the request read (web/infobutton_request.cpp), the feed
// built (web/infobutton_feed.cpp), and here its three encodings (Atom, JSON,
// JSONP) and the handler.
#include "web/infobutton.hpp"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <sstream>
#include <variant>

#include "web/article_json.hpp"
#include "web/infobutton_feed.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {
namespace {

using nlohmann::json;
using namespace infobutton_feed;

std::string atom(const Feed& f) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto feed = doc.append_child("feed");
  feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
  if (!f.base.empty()) feed.append_attribute("xml:base") = (f.base + "/").c_str();
  feed.append_attribute("xml:lang") = "en";
  auto text = [](pugi::xml_node parent, const char* name, const std::string& value,
                 const char* type = nullptr) {
    auto n = parent.append_child(name);
    if (type) n.append_attribute("type") = type;
    n.text().set(value.c_str());
    return n;
  };
  text(feed, "title", f.title, "text");
  text(feed, "subtitle", f.subtitle, "text");
  auto author = feed.append_child("author");
  text(author, "name", "symptomdb");
  if (!f.base.empty()) text(author, "uri", f.base + "/");
  text(feed, "updated", f.updated);
  text(feed, "id", f.id);
  for (const auto& [scheme, term] : f.categories) {
    auto c = feed.append_child("category");
    c.append_attribute("scheme") = scheme.c_str();
    c.append_attribute("term") = term.c_str();
  }
  for (const auto& e : f.entries) {
    auto entry = feed.append_child("entry");
    entry.append_attribute("xml:lang") = "en";
    text(entry, "title", e.title, "text");
    auto link = entry.append_child("link");
    link.append_attribute("href") = e.link.c_str();
    link.append_attribute("rel") = "alternate";
    link.append_attribute("type") = "text/html";
    text(entry, "id", e.id);
    text(entry, "updated", e.updated);
    auto a = entry.append_child("author");
    text(a, "name", e.source);
    if (!e.source_url.empty()) text(a, "uri", e.source_url);
    if (!e.license.empty()) text(entry, "rights", e.license, "text");
    auto kind = entry.append_child("category");
    kind.append_attribute("scheme") = "https://symptomdb.invalid/infobutton/kind";
    kind.append_attribute("term") = e.kind.c_str();
    text(entry, "summary", e.summary, "html");
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

json value(const std::string& v) {
  return {{"_value", v}};
}
json typed(const std::string& v, const char* type) {
  return {{"_value", v}, {"type", type}};
}

// MedlinePlus Connect's JSON: the Atom feed with text in "_value". Only its
// keys by default, since clients that map it onto fixed classes (Jackson's
// default, for one) refuse keys they do not know; extensions=1 adds
// symptomdb's own (kind, also_called, source, license, matched_by per
// entry; code_system, by_display_name, notes, notice on the feed).
json feed_json(const Feed& f, const Params& p) {
  json entries = json::array();
  for (const auto& e : f.entries) {
    json entry = {
        {"lang", "en"},
        {"title", typed(e.title, "text")},
        {"link",
         json::array(
             {{{"title", e.title}, {"rel", "alternate"}, {"type", "html"}, {"href", e.link}}})},
        {"id", value(e.id)},
        {"updated", value(e.updated)},
        {"summary", typed(e.summary, "html")}};
    if (p.extensions) {
      entry["kind"] = e.kind;
      entry["also_called"] = e.also_called;
      entry["source"] = e.source;
      entry["source_url"] = e.source_url;
      entry["license"] = e.license;
      entry["matched_by"] = e.matched_by;
    }
    entries.push_back(std::move(entry));
  }
  json categories = json::array();
  for (const auto& [scheme, term] : f.categories)
    categories.push_back({{"scheme", scheme}, {"term", term}});
  json author = {{"name", value("symptomdb")}};
  if (!f.base.empty()) author["uri"] = value(f.base + "/");
  json feed = {{"xsi", "http://www.w3.org/2001/XMLSchema-instance"},
               {"base", f.base.empty() ? "" : f.base + "/"},
               {"lang", "en"},
               {"title", typed(f.title, "text")},
               {"subtitle", typed(f.subtitle, "text")},
               {"author", author},
               {"updated", value(f.updated)},
               {"category", categories},
               {"id", value(f.id)},
               {"entry", entries}};
  if (p.extensions) {
    json code_system = nullptr;
    if (p.system)
      code_system = {{"name", p.system->name},
                     {"oid", p.system->oid},
                     {"known", p.system->known},
                     {"supported", p.system->supported()}};
    feed["code_system"] = code_system;
    feed["by_display_name"] = f.by_name;
    feed["notes"] = f.notes;
    feed["notice"] = kNotice;
  }
  return {{"feed", feed}};
}

}  // namespace

Response handle_infobutton(const App& app, const Request& req, const Target& target,
                           const Site& site) {
  auto parsed = read_params(target);
  if (auto* bad = std::get_if<BadParameter>(&parsed)) {
    // A client that asked for JSON gets the API's JSON error; others the
    // page (or JSON, by Accept) every other address gives.
    const auto type = target.param("knowledgeResponseType").value_or("");
    if (type == "application/json" || type == "application/javascript" || type == "text/javascript")
      return json_response(400, error_json(bad->code, bad->message));
    return app.error(req, 400, bad->code, bad->message);
  }
  const Params& p = std::get<Params>(parsed);
  const Feed feed = build_feed(p, site, req);
  Response r;
  switch (p.format) {
    case Format::atom:
      // text/xml unless Atom's own type is asked for: what MedlinePlus
      // Connect clients expect by default.
      r.content_type = target.param("knowledgeResponseType") == "application/atom+xml"
                           ? "application/atom+xml; charset=utf-8"
                           : "text/xml; charset=utf-8";
      r.body = atom(feed);
      break;
    case Format::json:
      r.content_type = std::string(kJson);
      r.body = feed_json(feed, p).dump();
      break;
    case Format::jsonp:
      r.content_type = "application/javascript; charset=utf-8";
      // The leading comment keeps the body from being read as anything but
      // script whatever the callback's first bytes.
      r.body = "/**/" + p.callback + "(" + feed_json(feed, p).dump() + ");";
      break;
  }
  // Public, read-only and cookie-free: any EHR page may fetch it.
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace symptomdb::web
