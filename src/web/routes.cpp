#include "web/routes.hpp"

#include <nlohmann/json.hpp>

#include "store/store.hpp"
#include "web/accounts.hpp"
#include "web/article_json.hpp"
#include "web/check.hpp"
#include "web/comments.hpp"
#include "web/editorial.hpp"
#include "web/http_util.hpp"
#include "web/pages.hpp"
#include "web/read_routes.hpp"

namespace symptomdb::web {
namespace {

// Anonymous pages kept at most; cleared when full, so a crawl of every
// article cannot grow it.
constexpr std::size_t kMaxAnonymousPages = 1000;

std::string_view reason(int status) {
  switch (status) {
    case 400:
      return "Bad request";
    case 404:
      return "Not found";
    case 405:
      return "Method not allowed";
    case 406:
      return "Not acceptable";
    case 413:
      return "Request too large";
    case 414:
      return "Request target too long";
    case 431:
      return "Request headers too large";
    case 500:
      return "Internal error";
    case 503:
      return "Service unavailable";
    default:
      return "Error";
  }
}

bool is_api(std::string_view target) {
  return target.starts_with("/api/");
}

// "Only GET and HEAD are supported here." from "GET, HEAD".
std::string not_allowed_message(const std::string& allow) {
  if (allow == "GET, HEAD") return "Only GET and HEAD are supported here.";
  if (allow == "POST") return "Only POST is supported here.";
  return "Use " + allow + " here.";
}

void drop_headers(Response& r, std::initializer_list<std::string_view> names) {
  std::erase_if(r.headers, [&](const auto& h) {
    return std::find(names.begin(), names.end(), h.first) != names.end();
  });
}

}  // namespace

Response json_response(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.content_type = std::string(kJson);
  r.body = body.dump();
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response redirect(std::string_view to) {
  Response r;
  r.status = 303;
  r.headers.emplace_back("Location", std::string(to));
  r.headers.emplace_back("Cache-Control", "no-store");
  r.body = "See " + html_escape(to);
  return r;
}

App::App(std::shared_ptr<const Site> site, HealthInfo health, const Accounts* accounts,
         const Comments* comments, const Editorial* editorial)
    : site_(std::move(site)),
      health_(std::move(health)),
      accounts_(accounts),
      comments_(comments),
      editorial_(editorial),
      table_(std::make_unique<RouteTable>()) {
  if (accounts_) sessions_ = [accounts](const Request& req) { return accounts->session_of(req); };
  add_read_routes(*table_, health_);
  if (accounts_) accounts_->add_routes(*table_);
  if (editorial_ && accounts_) editorial_->add_routes(*table_);
  if (comments_ && accounts_) comments_->add_routes(*table_);
  add_check_routes(*table_);
}

App::~App() = default;

void App::publish(std::shared_ptr<const Site> site) {
  auto old = site_.exchange(std::move(site));
  // Kept only while it is the newest site with built profiles: a site
  // replaced before its own were built never becomes the fallback.
  if (old && old->conditions_ready()) checker_fallback_.store(std::move(old));
}

std::shared_ptr<const Site> App::checker_site() const {
  auto current = site_.load();
  if (current->conditions_ready()) return current;
  if (auto previous = checker_fallback_.load()) return previous;
  return current;
}

void App::release_checker_fallback() {
  if (site_.load()->conditions_ready()) checker_fallback_.store(nullptr);
}

Response App::error(const Request& req, int status, std::string_view code,
                    std::string_view message) const {
  Response r;
  r.status = status;
  const bool api = is_api(req.target) || req.accept.find("application/json") != std::string::npos;
  if (api) {
    auto j = error_json(code, message);
    if (!req.request_id.empty()) j["error"]["request_id"] = req.request_id;
    r.content_type = std::string(kJson);
    r.body = j.dump();
  } else {
    r.content_type = std::string(kHtml);
    r.body =
        render_error_page(status, reason(status), message, status >= 500 ? req.request_id : "");
  }
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response App::handle(const Request& req) const {
  const auto site = site_.load();
  // The target is parsed once, here; handlers get it through the Exchange.
  const auto target = parse_target(req.target);
  if (!target) return error(req, 400, "bad_target", "The address is malformed.");
  if (foreign_origin(req))
    return error(req, 403, "cross_origin",
                 "This request came from a page of another site and was refused.");
  auto r = with_fragments(dispatch(req, *target, site), req, *target);
  // A matching validator saves sending the body again.
  if (r.status == 200 && !req.if_none_match.empty()) {
    for (const auto& [k, v] : r.headers) {
      if (k == "ETag" && req.if_none_match == v) {
        Response nm;
        nm.status = 304;
        nm.headers = r.headers;
        return nm;
      }
    }
  }
  return r;
}

bool App::runs_off_io_threads(const Request& req) const {
  const std::string_view raw_path = std::string_view(req.target).substr(0, req.target.find('?'));
  const auto found = table_->router().match(req.method, raw_path);
  const auto* matched = std::get_if<Router::Matched>(&found);
  return matched && table_->entry(matched->id).needs.off_io_threads;
}

Response App::dispatch(const Request& req, const Target& target,
                       const std::shared_ptr<const Site>& site) const {
  const std::string_view raw_path = std::string_view(req.target).substr(0, req.target.find('?'));
  auto found = table_->router().match(req.method, raw_path);
  if (std::holds_alternative<Router::NotFound>(found))
    return error(req, 404, "not_found", "There is no page at this address.");
  if (const auto* no = std::get_if<Router::MethodNotAllowed>(&found)) {
    auto r = error(req, 405, "method_not_allowed", not_allowed_message(no->allow));
    r.headers.emplace_back("Allow", no->allow);
    return r;
  }
  auto& matched = std::get<Router::Matched>(found);
  const RouteTable::Entry& route = table_->entry(matched.id);
  Exchange x(*this, req, target, std::move(matched.params), site);

  // A signed-out reader asking for a plain address of a page the same for
  // all of them gets it as rendered for the last such reader, unless the
  // content (ratings, comments) moved since. The per-reader parts
  // (fragments) are filled in afterwards all the same.
  const bool anonymous = route.needs.cache_anonymous && accounts_ && req.method == "GET" &&
                         req.target.find('?') == std::string::npos &&
                         req.cookie.find("sid=") == std::string::npos;
  if (!anonymous) return run_pipeline(route, x, sessions_);
  std::shared_ptr<const std::string> stale;  // rendered before the last change
  {
    std::lock_guard lock(anonymous_mutex_);
    auto it = anonymous_.find(req.target);
    if (it != anonymous_.end() && it->second.site == site &&
        it->second.generation == accounts_->generation()) {
      Response cached;
      cached.shared_body = *it->second.html;
      cached.keep_alive = it->second.html;
      cached.headers = {{"Cache-Control", "no-cache"}, {"Vary", "Cookie"}};
      return cached;
    }
    if (it != anonymous_.end()) stale = it->second.html;
  }
  const std::uint64_t generation = accounts_->generation();
  Response r;
  try {
    r = with_fragments(run_pipeline(route, x, sessions_), req, target);
  } catch (const store::StoreUnavailable&) {
    if (!stale) throw;
    // The database is down (PostgreSQL restarting): a reader is better
    // served by the page as last rendered, minus the latest comments or
    // ratings, than by a 503. The header says so; nothing may keep it.
    Response old;
    old.shared_body = *stale;
    old.keep_alive = stale;
    old.headers = {{"Cache-Control", "no-store"},
                   {"Vary", "Cookie"},
                   {"X-Symptomdb-Stale", "database unreachable; the page as last rendered"}};
    return old;
  }
  if (r.status == 200) {
    auto html = std::make_shared<const std::string>(r.payload());
    std::lock_guard lock(anonymous_mutex_);
    if (anonymous_.size() >= kMaxAnonymousPages) anonymous_.clear();
    anonymous_[req.target] = {site, generation, std::move(html)};
  }
  return r;
}

Response App::with_fragments(Response r, const Request& req, const Target& target) const {
  // Pages rendered once for everyone carry markers where per-reader parts
  // go (Fragment); fill them in for this reader.
  if (!accounts_ || !r.content_type.starts_with("text/html") || !has_fragment_markers(r.payload()))
    return r;
  // The page differs by reader: a shared cache must key it on the cookie.
  r.headers.emplace_back("Vary", "Cookie");
  const auto session = sessions_(req);
  fill_fragments(r, *table_, {req, target, session});
  if (session) {
    // A page for one reader must not be cached for another.
    drop_headers(r, {"Cache-Control", "ETag"});
    r.headers.emplace_back("Cache-Control", "private, no-store");
  }
  return r;
}

}  // namespace symptomdb::web
