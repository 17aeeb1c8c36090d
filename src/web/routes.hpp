// The application: maps a request to a response using the current Site.
// Independent of the network code, so it can be exercised directly in tests
// and driven by the Beast server in production. Its routes are a table
// (web/pipeline.hpp, web/router.hpp); the read-only ones are in
// web/read_routes.cpp, each feature adds its own.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "web/http_message.hpp"
#include "web/pipeline.hpp"
#include "web/site.hpp"

namespace symptomdb::web {

struct HealthInfo {
  std::string version;
  int schema_version = 0;
};

// A JSON body with the status given, never cached (API answers that depend
// on the request or the reader).
Response json_response(int status, const nlohmann::json& body);
// 303 See Other to a path on this site (after a form's POST), never cached.
Response redirect(std::string_view to);

class Accounts;
class Comments;
class Editorial;

// The application: the route table (web/pipeline.hpp) over the current
// Site. Every request goes App::handle -> Origin check -> Router -> the
// route's pipeline (body, session, CSRF, role, rate limit) -> handler ->
// per-reader fragments -> conditional GET.
class App {
 public:
  // `accounts`, `comments` and `editorial` may be null (a read-only site:
  // tests, benchmarks).
  App(std::shared_ptr<const Site> site, HealthInfo health, const Accounts* accounts = nullptr,
      const Comments* comments = nullptr, const Editorial* editorial = nullptr);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  Response handle(const Request& request) const;
  // Whether the request's route asks to run off the I/O threads
  // (Needs::off_io_threads): the server then hands it to its worker pool.
  bool runs_off_io_threads(const Request& request) const;
  // An error response in the form the client asked for (JSON under /api/).
  Response error(const Request& request, int status, std::string_view code,
                 std::string_view message) const;

  // Swaps in a newly built site; requests already running keep the old one.
  void publish(std::shared_ptr<const Site> site);
  std::shared_ptr<const Site> site() const { return site_.load(); }
  // The site the description checker answers from: the current one when
  // its condition profiles are built; while they are being built after a
  // content change, the last site whose profiles were ready (its articles,
  // profiles and links belong together, and its answer comes at once
  // instead of after seconds of profile building); the current one when no
  // site was ready yet (just after start: the check waits for the build).
  std::shared_ptr<const Site> checker_site() const;
  // Lets go of the site kept for checks once the current one is ready (call
  // after building its profiles, so the old site is freed on that thread).
  void release_checker_fallback();

  const RouteTable& routes() const { return *table_; }

 private:
  Response dispatch(const Request& req, const Target& target,
                    const std::shared_ptr<const Site>& site) const;
  Response with_fragments(Response r, const Request& req, const Target& target) const;

  std::atomic<std::shared_ptr<const Site>> site_;
  // The last published site whose condition profiles were built when it was
  // replaced (see checker_site); null when the current one is ready.
  std::atomic<std::shared_ptr<const Site>> checker_fallback_;
  HealthInfo health_;
  const Accounts* accounts_;
  const Comments* comments_;
  const Editorial* editorial_;
  std::unique_ptr<RouteTable> table_;
  SessionSource sessions_;
  // Pages as a signed-out reader sees them (routes with
  // Needs::cache_anonymous), valid while neither the site nor the content
  // generation (ratings, comments) has changed.
  struct AnonymousPage {
    std::shared_ptr<const Site> site;
    std::uint64_t generation = 0;
    std::shared_ptr<const std::string> html;
  };
  mutable std::mutex anonymous_mutex_;
  mutable std::unordered_map<std::string, AnonymousPage> anonymous_;
};

}  // namespace symptomdb::web
