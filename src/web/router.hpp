// The route table's matcher: method + path pattern -> route id, with typed
// path parameters. It knows nothing of handlers or HTTP messages, so it is
// tested on its own (tests/unit/router_test.cpp); web/pipeline.hpp puts
// handlers and their declared needs on top of it.
//
// Patterns are '/'-separated segments:
//   literal        "articles"        matches exactly
//   {name}         any one segment (percent-decoded, may hold '/' as %2F)
//   {name:int}     a whole number >= 1 (positive_integer)
//   {name:path}    last segment only: the rest of the path, slashes and all
// When several patterns match one path the most specific wins, segment by
// segment: literal before {name:int} before {name} before {name:path}.
// GET routes answer HEAD too. A path that some pattern matches, but not for
// this method, is "method not allowed" with the methods that would do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace symptomdb::web {

// The values a pattern's {parameters} captured, by name.
class PathParams {
 public:
  void add(std::string name, std::string value);
  // The value of a declared parameter; throws std::out_of_range for a name
  // the pattern does not declare (a programming error, found by any test
  // that reaches the handler).
  const std::string& operator[](std::string_view name) const;
  // A {name:int} parameter as its number.
  std::int64_t integer(std::string_view name) const;
  bool empty() const { return values_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

class Router {
 public:
  struct Matched {
    std::size_t id;  // what add() returned
    PathParams params;
  };
  struct NotFound {};
  struct MethodNotAllowed {
    std::string allow;  // "GET, HEAD, POST": the Allow header
  };
  using Result = std::variant<Matched, NotFound, MethodNotAllowed>;

  // Adds a route and returns its id (0, 1, 2, ... in order of adding).
  // `method` is "GET", "POST", ... or "*" for any method (a route that sorts
  // out methods itself). Throws std::invalid_argument for a malformed
  // pattern or one that repeats an earlier (method, pattern).
  std::size_t add(std::string_view method, std::string_view pattern);

  // `path` is the raw path of the request target (before '?', still
  // percent-encoded); segments are decoded after splitting, so an encoded
  // '/' stays inside its segment.
  Result match(std::string_view method, std::string_view path) const;

 private:
  enum class Kind { literal, integer, text, rest };
  struct Segment {
    Kind kind;
    std::string text;  // the literal, or the parameter's name
  };
  struct Route {
    std::string method;
    std::vector<Segment> segments;
    std::string pattern;
  };
  std::vector<Route> routes_;
};

// "GET, HEAD, POST" from a list of methods: GET implies HEAD, the usual
// order, no repeats.
std::string allow_header(std::vector<std::string> methods);

}  // namespace symptomdb::web
