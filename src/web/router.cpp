#include "web/router.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "web/http_util.hpp"

namespace symptomdb::web {
namespace {

// "/a/b/" -> {"a", "b", ""}: the leading '/' dropped, then split on '/'.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  path.remove_prefix(1);
  for (std::size_t start = 0;;) {
    const auto end = path.find('/', start);
    out.push_back(path.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

bool method_fits(std::string_view route_method, std::string_view method) {
  return route_method == "*" || route_method == method ||
         (route_method == "GET" && method == "HEAD");
}

}  // namespace

void PathParams::add(std::string name, std::string value) {
  values_.emplace_back(std::move(name), std::move(value));
}

const std::string& PathParams::operator[](std::string_view name) const {
  for (const auto& [k, v] : values_)
    if (k == name) return v;
  throw std::out_of_range("no path parameter {" + std::string(name) + "} in this route");
}

std::int64_t PathParams::integer(std::string_view name) const {
  const auto n = positive_integer((*this)[name]);
  if (!n) throw std::out_of_range("path parameter {" + std::string(name) + "} is not an int");
  return *n;
}

std::size_t Router::add(std::string_view method, std::string_view pattern) {
  if (method.empty() || pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument("route pattern must start with '/': " + std::string(pattern));
  Route route{std::string(method), {}, std::string(pattern)};
  const auto parts = split_path(pattern);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    if (!part.starts_with('{')) {
      if (part.find_first_of("{}") != std::string_view::npos)
        throw std::invalid_argument("braces inside a literal segment: " + std::string(pattern));
      route.segments.push_back({Kind::literal, std::string(part)});
      continue;
    }
    if (!part.ends_with('}') || part.size() < 3)
      throw std::invalid_argument("unclosed parameter in " + std::string(pattern));
    const std::string_view inner = part.substr(1, part.size() - 2);
    const auto colon = inner.find(':');
    const std::string_view name = inner.substr(0, colon);
    const std::string_view type =
        colon == std::string_view::npos ? std::string_view() : inner.substr(colon + 1);
    Kind kind = Kind::text;
    if (type == "int")
      kind = Kind::integer;
    else if (type == "path")
      kind = Kind::rest;
    else if (!type.empty())
      throw std::invalid_argument("unknown parameter type '" + std::string(type) + "' in " +
                                  std::string(pattern));
    if (name.empty()) throw std::invalid_argument("unnamed parameter in " + std::string(pattern));
    if (kind == Kind::rest && i + 1 != parts.size())
      throw std::invalid_argument("{name:path} must be last in " + std::string(pattern));
    route.segments.push_back({kind, std::string(name)});
  }
  for (const auto& r : routes_)
    if (r.method == route.method && r.pattern == route.pattern)
      throw std::invalid_argument("route added twice: " + route.method + " " + route.pattern);
  routes_.push_back(std::move(route));
  return routes_.size() - 1;
}

Router::Result Router::match(std::string_view method, std::string_view path) const {
  if (path.empty() || path.front() != '/') return NotFound{};
  const auto raw = split_path(path);
  std::vector<std::string> segments;
  segments.reserve(raw.size());
  for (const auto s : raw) {
    auto decoded = percent_decode(s, false);
    if (!decoded) return NotFound{};
    segments.push_back(std::move(*decoded));
  }

  // Every request scans the whole table, so a route that does not match is
  // ruled out without building anything (params, ranks); only the winner's
  // parameters are collected. In a profile of article JSON requests this
  // function, allocating for every route it tried, came first among the
  // server's own (bench/README.md, "Throughput with 1, 2 and 3 nodes").
  const auto fits = [&](const Route& r) {
    for (std::size_t i = 0; i < r.segments.size(); ++i) {
      const Segment& seg = r.segments[i];
      if (i >= segments.size()) return false;
      if (seg.kind == Kind::rest) return true;  // always last: takes what is left
      if (seg.kind == Kind::literal && segments[i] != seg.text) return false;
      if (seg.kind == Kind::integer && !positive_integer(segments[i])) return false;
    }
    return r.segments.size() == segments.size();
  };
  // The more specific route, segment by segment (literal, then integer,
  // then text, then the rest of the path); an earlier route wins a tie.
  const auto more_specific = [](const Route& a, const Route& b) {
    return std::lexicographical_compare(
        a.segments.begin(), a.segments.end(), b.segments.begin(), b.segments.end(),
        [](const Segment& x, const Segment& y) { return x.kind < y.kind; });
  };
  std::optional<std::size_t> best;
  std::vector<std::string> allowed;
  for (std::size_t id = 0; id < routes_.size(); ++id) {
    const Route& r = routes_[id];
    if (!fits(r)) continue;
    if (!method_fits(r.method, method)) {
      allowed.push_back(r.method);
      continue;
    }
    if (!best || more_specific(r, routes_[*best])) best = id;
  }
  if (best) {
    const Route& r = routes_[*best];
    PathParams params;
    for (std::size_t i = 0; i < r.segments.size(); ++i) {
      const Segment& seg = r.segments[i];
      if (seg.kind == Kind::literal) continue;
      if (seg.kind != Kind::rest) {
        params.add(seg.text, segments[i]);
        continue;
      }
      std::string rest = segments[i];
      for (std::size_t j = i + 1; j < segments.size(); ++j) rest += "/" + segments[j];
      params.add(seg.text, std::move(rest));
    }
    return Matched{*best, std::move(params)};
  }
  if (!allowed.empty()) return MethodNotAllowed{allow_header(std::move(allowed))};
  return NotFound{};
}

std::string allow_header(std::vector<std::string> methods) {
  static constexpr std::array<std::string_view, 7> kOrder = {"GET",   "HEAD",   "POST",   "PUT",
                                                             "PATCH", "DELETE", "OPTIONS"};
  if (std::find(methods.begin(), methods.end(), "GET") != methods.end()) methods.push_back("HEAD");
  std::vector<std::string_view> ordered;
  auto append = [&](std::string_view m) {
    if (std::find(ordered.begin(), ordered.end(), m) == ordered.end()) ordered.push_back(m);
  };
  for (const auto m : kOrder)
    if (std::find(methods.begin(), methods.end(), m) != methods.end()) append(m);
  for (const auto& m : methods)
    if (std::find(kOrder.begin(), kOrder.end(), m) == kOrder.end()) append(m);
  std::string out;
  for (const auto m : ordered) out += (out.empty() ? "" : ", ") + std::string(m);
  return out;
}

}  // namespace symptomdb::web
