#include "web/api_docs.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/embedded.hpp"
#include "web/pages.hpp"

namespace symptomdb::web {
namespace {

using nlohmann::json;

constexpr std::string_view kDocument = "docs/openapi.json";
constexpr const char* kMethods[] = {"get", "post", "put", "patch", "delete"};

// "#/components/schemas/Article" -> "Article".
std::string ref_name(const json& schema) {
  if (!schema.is_object()) return "";
  if (auto r = schema.find("$ref"); r != schema.end() && r->is_string()) {
    const auto& s = r->get_ref<const std::string&>();
    return s.substr(s.rfind('/') + 1);
  }
  return "";
}

// A schema in a few words: its name, or its type with the useful limits.
std::string describe(const json& schema) {
  if (auto name = ref_name(schema); !name.empty()) return name;
  if (!schema.is_object()) return "";
  std::string out;
  if (auto t = schema.find("type"); t != schema.end())
    out = t->is_string() ? t->get<std::string>() : t->dump();
  if (out == "array" && schema.contains("items")) out = "array of " + describe(schema["items"]);
  if (auto e = schema.find("enum"); e != schema.end()) {
    std::string values;
    for (const auto& v : *e) values += (values.empty() ? "" : ", ") + v.dump();
    // Appended piecewise here and below: GCC 12 at -O3 warns falsely
    // (-Wrestrict) on "literal" + temporary.
    out.append(" (one of ").append(values).push_back(')');
  }
  if (schema.contains("minimum") && schema.contains("maximum"))
    out.append(" ")
        .append(schema["minimum"].dump())
        .append(" to ")
        .append(schema["maximum"].dump());
  if (schema.contains("maxLength"))
    out.append(", up to ").append(schema["maxLength"].dump()).append(" characters");
  return out;
}

json resolve(const json& doc, const json& node) {
  const auto name = ref_name(node);
  if (name.empty()) return node;
  // Only local references to components are used in the document.
  const auto& s = node["$ref"].get_ref<const std::string&>();
  json::json_pointer ptr(s.substr(1));
  return doc.contains(ptr) ? doc.at(ptr) : node;
}

// Keys are unique across nesting levels: mustache looks a key an item lacks
// up in the enclosing items, so an operation without a description would
// otherwise show the document's.
json page_view(const json& doc) {
  json tags = json::array();
  for (const auto& tag : doc["tags"]) {
    const std::string tag_name = tag["name"];
    json ops = json::array();
    for (const auto& [path, item] : doc["paths"].items()) {
      for (const char* method : kMethods) {
        if (!item.contains(method)) continue;
        const auto& op = item[method];
        if (!op.contains("tags") || op["tags"][0] != tag_name) continue;
        json params = json::array();
        for (const auto& raw : op.value("parameters", json::array())) {
          const auto p = resolve(doc, raw);
          params.push_back({{"name", p.value("name", "")},
                            {"in", p.value("in", "")},
                            {"param_required", p.value("required", false)},
                            {"schema", describe(p.value("schema", json::object()))},
                            {"param_description", p.value("description", "")}});
        }
        json body = nullptr;
        // value() returns a copy: keep it alive while iterating its items.
        const json request_content = op.contains("requestBody")
                                         ? op["requestBody"].value("content", json::object())
                                         : json::object();
        for (const auto& [type, media] : request_content.items())
          body = {{"type", type}, {"schema", describe(media.value("schema", json::object()))}};
        json responses = json::array();
        for (const auto& [status, raw] : op["responses"].items()) {
          const auto r = resolve(doc, raw);
          std::string schemas;
          const json content = r.value("content", json::object());
          for (const auto& [type, media] : content.items())
            schemas += (schemas.empty() ? "" : "; ") + type + ": " +
                       describe(media.value("schema", json::object()));
          responses.push_back({{"status", status},
                               {"response_description", r.value("description", "")},
                               {"content", schemas}});
        }
        std::string upper = method;
        for (auto& c : upper) c = static_cast<char>(c - 'a' + 'A');
        ops.push_back({{"method", upper},
                       {"path", path},
                       {"anchor", op.value("operationId", "")},
                       {"summary", op.value("summary", "")},
                       {"op_description", op.value("description", "")},
                       {"signed_in", op.contains("security")},
                       {"parameters", params},
                       {"body", body},
                       {"responses", responses}});
      }
    }
    std::string id = tag_name;
    for (auto& c : id)
      c = c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!ops.empty()) tags.push_back({{"name", tag_name}, {"id", id}, {"operations", ops}});
  }
  json schemas = json::array();
  for (const auto& [name, schema] : doc["components"]["schemas"].items()) {
    json props = json::array();
    const auto required = schema.value("required", json::array());
    const json properties = schema.value("properties", json::object());
    for (const auto& [pname, p] : properties.items())
      props.push_back(
          {{"name", pname},
           {"schema", describe(p)},
           {"prop_required", std::find(required.begin(), required.end(), pname) != required.end()},
           {"prop_description", p.is_object() ? p.value("description", "") : ""}});
    schemas.push_back({{"name", name},
                       {"schema_description", schema.value("description", "")},
                       {"properties", props}});
  }
  return {{"title", doc["info"]["title"]},
          {"version", doc["info"]["version"]},
          {"openapi", doc["openapi"]},
          {"intro", doc["info"].value("description", "")},
          {"tags", tags},
          {"schemas", schemas}};
}

}  // namespace

std::optional<Response> handle_api_docs(std::string_view path) {
  if (path != "/api/v1/openapi.json" && path != "/api" && path != "/api/") return std::nullopt;
  const auto file = embedded_file(kDocument);
  if (!file) throw std::logic_error("docs/openapi.json is not built in");
  Response r;
  r.headers.emplace_back("Cache-Control", "public, max-age=3600");
  if (path == "/api/v1/openapi.json") {
    r.content_type = std::string(kJson);
    r.shared_body = *file;  // embedded data lives as long as the process
    r.headers.emplace_back("Access-Control-Allow-Origin", "*");
    return r;
  }
  r.body = render_api_page(page_view(json::parse(*file)));
  return r;
}

}  // namespace symptomdb::web
