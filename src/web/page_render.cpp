// The one way a template is filled: a JSON view turned into the template
// engine's data (view_data), rendered with the engine's own HTML escaping.
// Pages, their per-reader fragments and the editorial and community blocks
// all come through here.
#include "web/page_render.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <stdexcept>

#include "core/embedded.hpp"
#include "web/pages.hpp"

namespace symptomdb::web {
namespace {

namespace mu = kainjow::mustache;

std::string template_source(std::string_view name) {
  const auto source = embedded_file("web/templates/" + std::string(name) + ".mustache");
  if (!source) throw std::logic_error("template not built in: " + std::string(name));
  return std::string(*source);
}

// Parsing a template was half of a search page's CPU: each template is
// parsed once per thread and kept. Per thread, not shared, because the
// engine's render() is not const (it records a failure in the template).
// The templates are built into the binary, so a kept one never goes stale.
using ParsedTemplates = std::map<std::string, std::unique_ptr<mu::mustache>, std::less<>>;

ParsedTemplates& parsed_templates() {
  thread_local ParsedTemplates parsed;
  return parsed;
}

mu::mustache& parsed_template(std::string_view name) {
  auto& parsed = parsed_templates();
  auto it = parsed.find(name);
  if (it == parsed.end()) {
    auto tmpl = std::make_unique<mu::mustache>(template_source(name));
    if (!tmpl->is_valid())
      throw std::logic_error("template " + std::string(name) + ": " + tmpl->error_message());
    it = parsed.emplace(std::string(name), std::move(tmpl)).first;
  }
  return *it->second;
}

std::string render_data(std::string_view name, const mu::data& data) {
  mu::mustache& tmpl = parsed_template(name);
  std::string out;
  tmpl.render(data, [&out](const std::string& piece) { out += piece; });
  // A failed render leaves its error in the template, and a template with
  // an error renders nothing: it is parsed afresh next time, as before.
  if (!tmpl.is_valid()) {
    auto& parsed = parsed_templates();
    if (auto it = parsed.find(name); it != parsed.end()) parsed.erase(it);
  }
  return out;
}

// The template engine's data from a JSON view. Empty strings, empty lists
// and objects, false and null are left out, so {{#key}} tests what a reader
// would expect; list items get "first" and "last", and every non-empty list
// K also sets "has_K". A key left out is looked up in the enclosing
// sections, so a nested view names what may be empty apart from the keys
// around it.
mu::data view_data(const nlohmann::json& j) {
  using nlohmann::json;
  switch (j.type()) {
    case json::value_t::object: {
      mu::data d;
      for (const auto& [k, v] : j.items()) {
        if (v.is_null() || (v.is_boolean() && !v.get<bool>()) ||
            (v.is_string() && v.get_ref<const std::string&>().empty()) ||
            ((v.is_array() || v.is_object()) && v.empty()))
          continue;
        if (v.is_array()) d.set("has_" + k, true);
        d.set(k, view_data(v));
      }
      return d;
    }
    case json::value_t::array: {
      mu::data list{mu::data::type::list};
      for (std::size_t i = 0; i < j.size(); ++i) {
        mu::data item = view_data(j[i]);
        if (item.is_object()) {
          // Both always set: a missing key would be looked up in the
          // enclosing item, which may well be some other list's first.
          item.set("first", i == 0);
          item.set("last", i + 1 == j.size());
        }
        list.push_back(item);
      }
      return list;
    }
    case json::value_t::string:
      return mu::data(j.get<std::string>());
    case json::value_t::boolean:
      return mu::data(j.get<bool>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return mu::data(std::to_string(j.get<long long>()));
    case json::value_t::number_float:
      return mu::data(fmt::format("{:g}", j.get<double>()));
    default:
      return mu::data(std::string());
  }
}

}  // namespace

std::string render_view(std::string_view name, const nlohmann::json& view) {
  return render_data(name, view_data(view));
}

std::string render_layout(const Layout& l, const std::string& body) {
  return render_view("layout", {{"page_title", l.page_title},
                                {"description", l.description},
                                {"canonical", l.canonical},
                                {"query", l.query},
                                {"head_extra", l.head_extra},
                                {"body", body}});
}

std::string render_fragment(std::string_view name, const nlohmann::json& view,
                            std::initializer_list<std::string_view> partials) {
  mu::data d = view_data(view);
  for (const auto partial : partials) {
    std::string text = template_source(partial);
    if (text.ends_with('\n')) text.pop_back();
    d.set(std::string(partial), mu::data(mu::partial([text] { return text; })));
  }
  std::string out = render_data(name, d);
  if (out.ends_with('\n')) out.pop_back();
  return out;
}

std::string render_view_page(std::string_view template_name, std::string_view title,
                             const nlohmann::json& view) {
  Layout l;
  l.page_title = std::string(title);
  return render_layout(l, render_view(template_name, view));
}

std::string render_plain_page(std::string_view title, const std::string& body_html) {
  Layout l;
  l.page_title = std::string(title);
  return render_layout(l, body_html);
}

}  // namespace symptomdb::web
