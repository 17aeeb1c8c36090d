// The request and response as the application sees them, independent of
// the network code (web/server.cpp fills a Request from Beast and writes a
// Response back), plus the one error value every layer of the web code
// hands to the boundary (App::error renders it as JSON or HTML).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace symptomdb::web {

struct Request {
  std::string method;  // "GET", "HEAD", ...
  std::string target;  // raw request target
  std::string accept;
  std::string if_none_match;
  std::string request_id;
  std::string cookie;  // the Cookie header
  std::string content_type;
  std::string body;
  std::string csrf_header;      // X-CSRF-Token, for JSON API writes
  std::string forwarded_proto;  // X-Forwarded-Proto from a proxy that terminates TLS
  std::string origin;           // Origin, checked on state-changing requests
  std::string host;             // Host (the Origin check; absolute links in feeds)
  std::string forwarded_host;   // X-Forwarded-Host from a proxy
  std::string remote;           // peer address
  std::string user_agent;
};

// A per-reader part of a page that is otherwise the same for everyone (and
// so rendered once and cached): the page holds the marker "<!--sdb:NAME-->"
// and the response names the fragment with its arguments; the renderer
// registered under NAME (RouteTable::fragment) fills it in for each reader.
// Markers the response does not name are filled by their renderer with no
// arguments if it takes none (the header's account links), else removed.
struct Fragment {
  std::string name;
  std::vector<std::pair<std::string, std::string>> args;

  // The argument's value; empty when not given.
  std::string_view arg(std::string_view key) const {
    for (const auto& [k, v] : args)
      if (k == key) return v;
    return {};
  }
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;                        // owned body, or...
  std::string_view shared_body;            // ...a view into memory that outlives the write:
  std::shared_ptr<const void> keep_alive;  // the Site it points into (or embedded data)
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<Fragment> fragments;  // per-reader parts to fill in (see Fragment)

  std::string_view payload() const {
    return shared_body.data() ? shared_body : std::string_view(body);
  }
};

// The content type of every JSON answer.
inline constexpr std::string_view kJson = "application/json; charset=utf-8";
inline constexpr std::string_view kHtml = "text/html; charset=utf-8";

// A refusal: what went wrong, for the client. The request pipeline's steps
// and handlers return it; App::error turns it into the one error shape
// ({"error": {"code", "message", "request_id"}} under /api/ or for JSON
// clients, the error page otherwise).
struct HttpError {
  int status = 400;
  std::string code;
  std::string message;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Retry-After
};

}  // namespace symptomdb::web
