// One request pipeline for every route. A route declares what it needs
// (Needs); the pipeline does it, in this order, before the handler runs:
//
//   1. Origin     state-changing requests from another site's page: 403
//                 (for every request, before routing: App::handle)
//   2. route      the table's Router: 404, or 405 with Allow
//   3. body       at most Needs::max_body bytes (413), decoded as a form or
//                 JSON object by Content-Type (400 bad_form / bad_json)
//   4. session    looked up once; Needs::session == required and none:
//                 401 (or, for a page read with GET, a redirect to sign in)
//   5. CSRF       state-changing methods: the session's token (or, signed
//                 out, the double-submit cookie) in the form's "csrf" field
//                 or the X-CSRF-Token header, else 403 csrf
//   6. role       Needs::role: 403 with the route's own code and message
//   7. rate limit Needs::rate_limit: 429 with Retry-After
//
// The handler then gets an Exchange: the request, the parsed target, the
// path parameters, the site, the session and the decoded body. Refusals are
// HttpError values; App::error gives them the one error shape.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/account.hpp"
#include "web/http_message.hpp"
#include "web/http_util.hpp"
#include "web/router.hpp"

namespace symptomdb::web {

class App;
class Site;

// Forms and small JSON bodies: 16 KiB unless a route says otherwise.
inline constexpr std::size_t kDefaultMaxBody = 16 * 1024;

enum class BodyKind {
  none,          // nothing read (GET routes; POSTs whose body is ignored)
  form,          // application/x-www-form-urlencoded only
  json,          // a JSON object only
  form_or_json,  // JSON when Content-Type says application/json, else a form
};

enum class SessionNeed {
  none,      // not looked up (unless CSRF needs it)
  optional,  // looked up; the handler sees it or nullopt
  required,  // none: 401 sign_in_required (or the sign-in redirect, below)
};

enum class Csrf {
  required,        // every state-changing request (the default)
  when_signed_in,  // only with a session (signing out twice is harmless)
  none,            // reads sent as POST (POST /api/v1/check): no state changes
};

// A role a route requires, and what to say to those below it.
struct RoleNeed {
  Role role;
  std::string code = "forbidden";
  std::string message = "You may not do this.";
};

class Exchange;

struct Needs {
  BodyKind body = BodyKind::none;
  std::size_t max_body = kDefaultMaxBody;
  SessionNeed session = SessionNeed::none;
  // With SessionNeed::required: a signed-out GET of a page (not /api/) is
  // sent to /login?next=<path> instead of getting 401.
  bool sign_in_redirect = false;
  Csrf csrf = Csrf::required;
  std::optional<RoleNeed> role;  // implies SessionNeed::required
  // Checked last, with everything above known: an error (429 with
  // Retry-After, usually) when the client must slow down.
  std::function<std::optional<HttpError>(const Exchange&)> rate_limit;
  // GET pages the same for every signed-out reader (their per-reader parts
  // are Fragments): kept rendered until the site or content changes.
  bool cache_anonymous = false;
  // Slow on purpose (argon2id password hashing): the server runs the whole
  // request on its small worker pool, so the I/O threads keep answering
  // everything else (/healthz above all) meanwhile.
  bool off_io_threads = false;
};

// A decoded request body.
struct RequestBody {
  bool is_json = false;
  std::multimap<std::string, std::string> form;
  nlohmann::json json;  // an object when is_json

  // A string field of the form or the JSON object; nullopt when missing or
  // (in JSON) not a string.
  std::optional<std::string> field(std::string_view key) const;
  // A whole number >= 1: a JSON integer or a form field's digits.
  std::optional<std::int64_t> number(std::string_view key) const;
};

// What a handler works with.
class Exchange {
 public:
  Exchange(const App& app, const Request& request, const Target& target, PathParams params,
           std::shared_ptr<const Site> site)
      : app_(app),
        request_(request),
        target_(target),
        params_(std::move(params)),
        site_(std::move(site)) {}

  const Request& request() const { return request_; }
  const Target& target() const { return target_; }  // decoded path and query
  const std::string& path() const { return target_.path; }
  std::optional<std::string> query(const std::string& name) const { return target_.param(name); }
  const PathParams& params() const { return params_; }
  const std::string& param(std::string_view name) const { return params_[name]; }
  const Site& site() const { return *site_; }
  const std::shared_ptr<const Site>& site_ptr() const { return site_; }
  const App& app() const { return app_; }
  // Whether the answer is JSON (the address is under /api/).
  bool api() const { return target_.path.starts_with("/api/"); }
  bool is_post() const { return request_.method == "POST"; }

  // The reader's session (looked up by the pipeline when the route needs a
  // session or CSRF; nullopt otherwise or when signed out).
  const std::optional<Session>& session() const { return session_; }
  // Only for routes with SessionNeed::required (or a role): the session.
  const Session& signed_in() const { return *session_; }
  const RequestBody& body() const { return body_; }
  std::optional<std::string> field(std::string_view key) const { return body_.field(key); }

  // The one error shape (JSON under /api/, the error page otherwise).
  Response error(int status, std::string_view code, std::string_view message) const;
  Response error(const HttpError& e) const;

  // Set by the pipeline.
  void set_session(std::optional<Session> s) { session_ = std::move(s); }
  void set_body(RequestBody b) { body_ = std::move(b); }

 private:
  const App& app_;
  const Request& request_;
  const Target& target_;
  PathParams params_;
  std::shared_ptr<const Site> site_;
  std::optional<Session> session_;
  RequestBody body_;
};

using Handler = std::function<Response(Exchange&)>;

// What a fragment renderer knows of the reader.
struct FragmentContext {
  const Request& request;
  const Target& target;
  const std::optional<Session>& session;
};
using FragmentRenderer = std::function<std::string(const FragmentContext&, const Fragment&)>;

// Where the session comes from (web/accounts: the "sid" cookie).
using SessionSource = std::function<std::optional<Session>(const Request&)>;

// The table every feature adds its routes and fragment renderers to.
class RouteTable {
 public:
  struct Entry {
    std::string method;
    std::string pattern;
    Needs needs;
    Handler handler;
  };

  // GET also answers HEAD.
  RouteTable& get(std::string_view pattern, Handler h, Needs needs = {});
  RouteTable& post(std::string_view pattern, Handler h, Needs needs = {});
  RouteTable& add(std::string_view method, std::string_view pattern, Handler h, Needs needs = {});

  // `takes_arguments`: false for fragments every page can have without the
  // response naming them (the header's account links).
  RouteTable& fragment(std::string name, FragmentRenderer r, bool takes_arguments = true);

  const Router& router() const { return router_; }
  const Entry& entry(std::size_t id) const { return entries_[id]; }
  struct FragmentEntry {
    FragmentRenderer render;
    bool takes_arguments;
  };
  const FragmentEntry* fragment_renderer(std::string_view name) const;

 private:
  Router router_;
  std::vector<Entry> entries_;
  std::map<std::string, FragmentEntry, std::less<>> fragments_;
};

// --- The pipeline's steps, each testable on its own. ---

// Whether a state-changing request was sent by a page of another site:
// Origin must name this site (Host, or X-Forwarded-Host from a proxy).
// Requests without Origin (curl, scripts) are left to the CSRF token.
bool foreign_origin(const Request& req);

// Reads the body as the route declares; an HttpError (413, 400) otherwise.
std::variant<RequestBody, HttpError> read_body(const Request& req, const Needs& needs);

// Whether the request carries the CSRF token it must: the session's token,
// or signed out the "csrf" double-submit cookie, sent in the form's "csrf"
// field or (JSON bodies) the X-CSRF-Token header.
bool csrf_ok(const Request& req, const RequestBody& body, const std::optional<Session>& session);

// Whether the method changes state (anything but GET, HEAD, OPTIONS).
bool state_changing(std::string_view method);

// Runs steps 3-7 for a matched route and then its handler.
Response run_pipeline(const RouteTable::Entry& route, Exchange& x, const SessionSource& sessions);

// Whether a page holds any "<!--sdb:NAME-->" marker.
bool has_fragment_markers(std::string_view page);
// Fills the "<!--sdb:NAME-->" markers of an HTML response (see Fragment).
void fill_fragments(Response& r, const RouteTable& table, const FragmentContext& context);

}  // namespace symptomdb::web
