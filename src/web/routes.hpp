// The application: maps a request to a response using the current Site.
// Independent of the network code, so it can be exercised directly in tests
// and driven by the Beast server in production.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "web/site.hpp"

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

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;                        // owned body, or...
  std::string_view shared_body;            // ...a view into memory that outlives the write:
  std::shared_ptr<const void> keep_alive;  // the Site it points into (or embedded data)
  std::vector<std::pair<std::string, std::string>> headers;
  // For article pages: whose "Rate author" block to fill in, and where its
  // form returns to.
  std::string rating_author, rating_back_to;
  std::string comments_of;  // article slug whose comments fill the page's marker
  // For article pages: whose "Edit" link to offer (the slug and the live
  // article's author, who may edit it).
  std::string edit_of, edit_author;

  std::string_view payload() const {
    return shared_body.data() ? shared_body : std::string_view(body);
  }
};

struct HealthInfo {
  std::string version;
  int schema_version = 0;
};

// A JSON body with the status given, never cached (API answers that depend
// on the request or the reader).
// The content type of every JSON answer.
inline constexpr std::string_view kJson = "application/json; charset=utf-8";

Response json_response(int status, const nlohmann::json& body);
// 303 See Other to a path on this site (after a form's POST), never cached.
Response redirect(std::string_view to);

class Accounts;
class Comments;
class Editorial;

class App {
 public:
  // `accounts`, `comments` and `editorial` may be null (a read-only site:
  // tests, benchmarks).
  App(std::shared_ptr<const Site> site, HealthInfo health, const Accounts* accounts = nullptr,
      const Comments* comments = nullptr, const Editorial* editorial = nullptr);

  Response handle(const Request& request) const;
  // An error response in the form the client asked for (JSON under /api/).
  Response error(const Request& request, int status, std::string_view code,
                 std::string_view message) const;

  // Swaps in a newly built site; requests already running keep the old one.
  void publish(std::shared_ptr<const Site> site);
  std::shared_ptr<const Site> site() const { return site_.load(); }

 private:
  Response route(const Request& request, const std::shared_ptr<const Site>& site) const;
  Response with_account_nav(Response r, const Request& request) const;

  std::atomic<std::shared_ptr<const Site>> site_;
  HealthInfo health_;
  const Accounts* accounts_;
  const Comments* comments_;
  const Editorial* editorial_;
  // Article pages as a signed-out reader sees them, valid while neither the
  // site nor the content generation (ratings, comments) has changed.
  struct AnonymousPage {
    std::shared_ptr<const Site> site;
    std::uint64_t generation = 0;
    std::shared_ptr<const std::string> html;
  };
  mutable std::mutex anonymous_mutex_;
  mutable std::unordered_map<std::string, AnonymousPage> anonymous_;
};

}  // namespace symptomdb::web
