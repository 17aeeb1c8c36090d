#include "web/routes.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>

#include "core/embedded.hpp"
#include "core/slug.hpp"
#include "web/accounts.hpp"
#include "web/api_docs.hpp"
#include "web/article_json.hpp"
#include "web/check.hpp"
#include "web/comments.hpp"
#include "web/editorial.hpp"
#include "web/http_util.hpp"
#include "web/infobutton.hpp"
#include "web/pages.hpp"
#include "web/qa_json.hpp"
#include "web/snippet.hpp"

namespace symptomdb::web {
namespace {

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::size_t kMaxQueryChars = 200;
constexpr std::size_t kDefaultLimit = 10;
constexpr std::size_t kDefaultAnswers = 5;
constexpr std::size_t kMaxLimit = 50;
constexpr std::size_t kMaxSearchDepth = 1000;  // results a search can page through

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

bool is_api(std::string_view path) {
  return path.starts_with("/api/");
}

Response shared(std::shared_ptr<const Site> site, const std::string& body, std::string_view type,
                const std::string& etag) {
  Response r;
  r.content_type = std::string(type);
  r.shared_body = body;
  r.keep_alive = std::move(site);
  if (!etag.empty()) {
    r.headers.emplace_back("ETag", etag);
    r.headers.emplace_back("Cache-Control", "public, max-age=60");
  }
  return r;
}

Response owned(std::string body, std::string_view type) {
  Response r;
  r.content_type = std::string(type);
  r.body = std::move(body);
  return r;
}

// Parses ?limit=N; nullopt for anything but a whole number in range.
std::optional<std::size_t> parse_limit(const Target& t, std::size_t fallback = kDefaultLimit) {
  auto v = t.param("limit");
  if (!v) return fallback;
  std::size_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size() || n == 0 || n > kMaxLimit)
    return std::nullopt;
  return n;
}

// "Example.org:443" -> "example.org": host and port as browsers compare
// them, the default ports left out.
std::string normal_host(std::string_view h) {
  std::string out;
  for (char c : h) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (std::string_view port : {":80", ":443"})
    if (out.ends_with(port)) out.resize(out.size() - port.size());
  return out;
}

// A state-changing request sent by a page of another site. Browsers send
// Origin with every POST; it must name this site (the Host, or the
// X-Forwarded-Host a proxy passes on). This holds even with a valid CSRF
// token, so a token that leaked cannot be used from elsewhere. Clients
// that send no Origin (curl, scripts) are left to the token.
bool foreign_origin(const Request& req) {
  if (req.method == "GET" || req.method == "HEAD" || req.origin.empty()) return false;
  const auto scheme = req.origin.find("://");
  if (scheme == std::string::npos) return true;  // "null" (sandboxed, file:) and garbage
  const std::string from = normal_host(std::string_view(req.origin).substr(scheme + 3));
  const std::string_view forwarded =
      std::string_view(req.forwarded_host).substr(0, req.forwarded_host.find(','));
  return from != normal_host(req.host) && (forwarded.empty() || from != normal_host(forwarded));
}

// Parses ?NAME=N as a whole number from 1 to `max`; nullopt otherwise.
std::optional<std::size_t> parse_count(const Target& t, const char* name,
                                       std::size_t fallback = kDefaultLimit,
                                       std::size_t max = kMaxLimit) {
  auto v = t.param(name);
  if (!v) return fallback;
  std::size_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size() || n == 0 || n > max) return std::nullopt;
  return n;
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
      editorial_(editorial) {}

void App::publish(std::shared_ptr<const Site> site) {
  site_.store(std::move(site));
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
  if (!parse_target(req.target)) return error(req, 400, "bad_target", "The address is malformed.");
  if (foreign_origin(req))
    return error(req, 403, "cross_origin",
                 "This request came from a page of another site and was refused.");
  if (accounts_)
    if (auto r = accounts_->handle(*this, req, *site)) return with_account_nav(std::move(*r), req);
  if (editorial_ && accounts_)
    if (auto r = editorial_->handle(*this, req, *site, *accounts_))
      return with_account_nav(std::move(*r), req);
  if (comments_ && accounts_ &&
      (req.target.starts_with("/comments/") || req.target.starts_with("/moderation") ||
       ((req.target.starts_with("/articles/") || req.target.starts_with("/api/v1/articles/")) &&
        req.target.find("/comments") != std::string::npos)))
    if (auto r = comments_->handle(*this, req, *site, accounts_->session_of(req)))
      return with_account_nav(std::move(*r), req);
  if (auto r = handle_check(*this, req, *site)) return with_account_nav(std::move(*r), req);
  if (req.method != "GET" && req.method != "HEAD") {
    auto r = error(req, 405, "method_not_allowed", "Only GET and HEAD are supported here.");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  // A signed-out reader asking for a plain article address gets the page
  // as rendered for the last such reader, unless ratings or comments moved.
  const bool anonymous_article = accounts_ && req.target.starts_with("/articles/") &&
                                 req.target.find('?') == std::string::npos &&
                                 req.cookie.find("sid=") == std::string::npos &&
                                 req.method == "GET";
  if (anonymous_article) {
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
  }
  const std::uint64_t generation = accounts_ ? accounts_->generation() : 0;
  auto r = with_account_nav(route(req, site), req);
  if (anonymous_article && r.status == 200) {
    auto html = std::make_shared<const std::string>(r.payload());
    std::lock_guard lock(anonymous_mutex_);
    // Bounded: cleared when full, so a crawl of every article cannot grow it.
    if (anonymous_.size() >= 1000) anonymous_.clear();
    anonymous_[req.target] = {site, generation, std::move(html)};
  }
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

Response App::with_account_nav(Response r, const Request& req) const {
  // Cached pages carry markers where per-reader parts go: the header's
  // account links and, on article pages, the "Rate author" block.
  if (!accounts_ || !r.content_type.starts_with("text/html")) return r;
  const std::string_view body = r.payload();
  const auto nav = body.find("<!--sdb:account-->");
  const auto rating = body.find("<!--sdb:rating-->");
  const auto talk = body.find("<!--sdb:comments-->");
  const auto edit = body.find("<!--sdb:edit-->");
  if (nav == std::string_view::npos && rating == std::string_view::npos &&
      talk == std::string_view::npos && edit == std::string_view::npos)
    return r;
  // The page differs by reader: a shared cache must key it on the cookie.
  r.headers.emplace_back("Vary", "Cookie");
  const auto session = accounts_->session_of(req);
  std::string out(body);
  if (talk != std::string_view::npos && comments_ && !r.comments_of.empty()) {
    const auto at = out.find("<!--sdb:comments-->");
    out.replace(at, 19, comments_->block(session, req, r.comments_of));
  }
  if (rating != std::string_view::npos && !r.rating_author.empty()) {
    const auto at = out.find("<!--sdb:rating-->");
    out.replace(at, 17, accounts_->rating_block(session, r.rating_author, r.rating_back_to));
    if (const auto by = out.find("<!--sdb:byline-rating-->"); by != std::string::npos)
      out.replace(by, 24, accounts_->byline_rating(r.rating_author));
  }
  if (const auto at = out.find("<!--sdb:edit-->"); at != std::string::npos)
    out.replace(at, 15,
                editorial_ && !r.edit_of.empty()
                    ? editorial_->edit_link(session, r.edit_of, r.edit_author)
                    : std::string());
  if (const auto at = out.find("<!--sdb:account-->"); at != std::string::npos)
    out.replace(at, 18, accounts_->account_nav(session));
  r.body = std::move(out);
  r.shared_body = {};
  r.keep_alive.reset();
  if (session) {
    // A page for one reader must not be cached for another.
    std::erase_if(r.headers,
                  [](const auto& h) { return h.first == "Cache-Control" || h.first == "ETag"; });
    r.headers.emplace_back("Cache-Control", "private, no-store");
  }
  return r;
}

Response App::route(const Request& req, const std::shared_ptr<const Site>& site) const {
  const auto target = parse_target(req.target);
  if (!target) return error(req, 400, "bad_target", "The address is malformed.");
  const std::string& path = target->path;

  if (path == "/") return shared(site, site->home_html(), kHtml, site->etag());
  if (path == "/healthz") {
    nlohmann::json j = {{"status", "ok"},
                        {"version", health_.version},
                        {"schema_version", health_.schema_version},
                        {"articles", site->snapshot().articles().size()}};
    auto r = owned(j.dump(), kJson);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  }
  if (path == "/static/style.css" || path == "/static/suggest.js" || path == "/static/check.js") {
    const auto file = embedded_file("web" + path);
    Response r;
    r.content_type =
        path.ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    r.shared_body = *file;  // embedded data lives as long as the process
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return r;
  }
  if (path.starts_with("/articles/") || path.starts_with("/api/v1/articles/")) {
    const bool api = path.starts_with("/api/");
    const std::string_view slug = std::string_view(path).substr(api ? 17 : 10);
    auto page = is_valid_slug(slug) ? site->article(slug) : nullptr;
    if (!page)
      return error(req, 404, "article_not_found", "No article is published at this address.");
    // A document whose answers were removed is no article to read: its
    // questions are listed on its condition's page.
    if (const auto index = site->snapshot().article_index(slug);
        !api && index && !has_answers(site->snapshot().articles()[*index])) {
      Response moved =
          redirect("/conditions/" + site->snapshot().condition_of(*index).slug + "#also-asked");
      moved.status = 301;
      return moved;
    }
    const std::string& body = api ? page->json : page->html;
    auto r = shared(site, body, api ? kJson : kHtml, page->etag);
    r.keep_alive = page;  // the page outlives the site only through this
    if (!api) {
      r.comments_of = std::string(slug);
      r.edit_of = std::string(slug);
      // Comments change without the article changing: no shared caching.
      std::erase_if(r.headers,
                    [](const auto& h) { return h.first == "Cache-Control" || h.first == "ETag"; });
      r.headers.emplace_back("Cache-Control", "no-cache");
      if (const Article* a = site->snapshot().article(slug); a && !a->author.empty()) {
        r.edit_author = a->author.slug();
        r.rating_author = a->author.slug();
        r.rating_back_to = "/articles/" + a->slug;
        // Ratings change without the article changing: no shared caching.
        std::erase_if(r.headers, [](const auto& h) {
          return h.first == "Cache-Control" || h.first == "ETag";
        });
        r.headers.emplace_back("Cache-Control", "no-cache");
      }
    }
    return r;
  }
  if (path == "/conditions") {
    const std::string letter = target->param("letter").value_or("A");
    const bool ok = letter.size() == 1 &&
                    (std::isupper(static_cast<unsigned char>(letter[0])) || letter[0] == '#');
    if (!ok) return error(req, 400, "bad_letter", "letter must be one of A-Z or #.");
    return owned(render_letter_page(site->snapshot(), letter[0]), kHtml);
  }
  if (path.starts_with("/conditions/") || path.starts_with("/api/v1/conditions/")) {
    const bool api = path.starts_with("/api/");
    const std::string_view slug = std::string_view(path).substr(api ? 19 : 12);
    const ConditionEntry* c = is_valid_slug(slug) ? site->snapshot().condition(slug) : nullptr;
    if (!c) return error(req, 404, "condition_not_found", "No condition is known by this name.");
    if (api) return owned(condition_json(site->snapshot(), *c).dump(), kJson);
    return owned(render_condition_page(site->snapshot(), *c), kHtml);
  }
  if (auto r = handle_api_docs(path)) return std::move(*r);
  if (path == "/infobutton") return handle_infobutton(*this, req, *target, *site);
  if (path == "/api/v1/articles") return shared(site, site->articles_json(), kJson, site->etag());
  if (path == "/api/v1/conditions")
    return shared(site, site->conditions_json(), kJson, site->etag());
  if (path == "/api/v1/search" || path == "/search") {
    const bool api = path == "/api/v1/search";
    const std::string q = target->param("q").value_or("");
    if (q.size() > kMaxQueryChars)
      return error(req, 400, "query_too_long", "Search text is limited to 200 characters.");
    const auto limit = parse_limit(*target);
    if (!limit) return error(req, 400, "bad_limit", "limit must be a whole number from 1 to 50.");
    if (api && q.empty()) return error(req, 400, "missing_query", "Give the search text as ?q=...");
    qa::SearchFilters filters;
    filters.collection = target->param("collection").value_or("");
    if (auto t = target->param("type"); t && !t->empty()) {
      filters.type = section_type_from_string(*t);
      if (!filters.type) return error(req, 400, "bad_type", "Unknown section type in ?type=.");
    }
    // Paging: per_page (or limit, its older name) results from page N. The
    // engine is asked for the first page * per_page and the page sliced off.
    const auto per_page = target->param("per_page") ? parse_count(*target, "per_page") : limit;
    if (!per_page)
      return error(req, 400, "bad_per_page", "per_page must be a whole number from 1 to 50.");
    const auto page_no = parse_count(*target, "page", 1, kMaxSearchDepth);
    if (!page_no || *page_no * *per_page > kMaxSearchDepth)
      return error(req, 400, "bad_page",
                   "page must be a whole number, and page * per_page at most 1000.");
    auto page =
        q.empty() ? qa::SearchPage{} : site->engine().search(q, filters, *page_no * *per_page);
    const std::size_t skip = std::min(page.hits.size(), (*page_no - 1) * *per_page);
    page.hits.erase(page.hits.begin(), page.hits.begin() + static_cast<std::ptrdiff_t>(skip));
    SearchPaging paging;
    paging.page = *page_no;
    paging.per_page = *per_page;
    auto page_url = [&](std::size_t n) {
      std::string u = std::string(path) + "?q=" + url_encode(q);
      if (!filters.collection.empty()) u += "&collection=" + url_encode(filters.collection);
      if (filters.type) u += "&type=" + std::string(to_string(*filters.type));
      if (*per_page != kDefaultLimit) u += "&per_page=" + std::to_string(*per_page);
      if (n > 1) u += "&page=" + std::to_string(n);
      return u;
    };
    if (*page_no > 1 && page.total > 0)
      paging.prev_url = page_url(std::min(*page_no - 1, (page.total + *per_page - 1) / *per_page));
    if (*page_no * *per_page < page.total && (*page_no + 1) * *per_page <= kMaxSearchDepth)
      paging.next_url = page_url(*page_no + 1);
    Response r;
    if (api) {
      auto j = search_json(site->engine(), page);
      for (auto& hit : j["results"]) {
        // Plain text for clients; the same with the matches marked, as HTML.
        const std::string plain = plain_snippet(hit["snippet"].get<std::string>());
        hit["snippet_html"] = highlight_html(plain, q);
        hit["snippet"] = plain;
      }
      j["page"] = paging.page;
      j["per_page"] = paging.per_page;
      j["next"] = paging.next_url.empty() ? nlohmann::json() : nlohmann::json(paging.next_url);
      j["prev"] = paging.prev_url.empty() ? nlohmann::json() : nlohmann::json(paging.prev_url);
      if (const auto e = site->engine().emergency(q))
        j["emergency"] = {{"kind", e->kind}, {"message", e->message}, {"matched", e->matched}};
      r = owned(j.dump(), kJson);
    } else {
      r = owned(render_search_page(site->engine(), page, filters, paging), kHtml);
    }
    std::string link;
    if (!paging.next_url.empty()) link = "<" + paging.next_url + ">; rel=\"next\"";
    if (!paging.prev_url.empty())
      link += (link.empty() ? "" : ", ") + ("<" + paging.prev_url + ">; rel=\"prev\"");
    if (!link.empty()) r.headers.emplace_back("Link", link);
    return r;
  }
  if (path == "/api/v1/ask" || path == "/ask") {
    const bool api = path == "/api/v1/ask";
    const std::string q = target->param("q").value_or("");
    if (q.size() > qa::kMaxQuestionChars)
      return error(
          req, 400, "question_too_long",
          "Questions are limited to " + std::to_string(qa::kMaxQuestionChars) + " characters.");
    const auto limit = parse_limit(*target, kDefaultAnswers);
    if (!limit) return error(req, 400, "bad_limit", "limit must be a whole number from 1 to 50.");
    if (q.find_first_not_of(" \t") == std::string::npos) {
      if (api) return error(req, 400, "missing_question", "Give the question as ?q=...");
      return owned(render_ask_page(site->engine(), nullptr), kHtml);
    }
    const auto result = site->engine().ask(q, *limit);
    if (api)
      return owned(ask_json(site->engine(), result, target->param("html") == "1").dump(), kJson);
    return owned(render_ask_page(site->engine(), &result), kHtml);
  }
  if (path == "/api/v1/suggest") {
    const std::string prefix = target->param("prefix").value_or("");
    if (prefix.empty() || prefix.size() > 100)
      return error(req, 400, "bad_prefix", "Give 1 to 100 characters as ?prefix=...");
    const auto limit = parse_limit(*target);
    if (!limit) return error(req, 400, "bad_limit", "limit must be a whole number from 1 to 50.");
    return owned(
        suggest_json(site->engine(), prefix, site->engine().suggest(prefix, *limit)).dump(), kJson);
  }
  return error(req, 404, "not_found", "There is no page at this address.");
}

}  // namespace symptomdb::web
