#include "web/read_routes.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>

#include "core/embedded.hpp"
#include "core/slug.hpp"
#include "web/api_docs.hpp"
#include "web/article_json.hpp"
#include "web/infobutton.hpp"
#include "web/pages.hpp"
#include "web/qa_json.hpp"
#include "web/snippet.hpp"

namespace symptomdb::web {
namespace {

constexpr std::size_t kMaxQueryChars = 200;
constexpr std::size_t kDefaultLimit = 10;
constexpr std::size_t kDefaultAnswers = 5;
constexpr std::size_t kMaxLimit = 50;
constexpr std::size_t kMaxSearchDepth = 1000;  // results a search can page through

Response shared(std::shared_ptr<const void> keep, std::string_view body, std::string_view type,
                const std::string& etag) {
  Response r;
  r.content_type = std::string(type);
  r.shared_body = body;
  r.keep_alive = std::move(keep);
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

// A whole number from 1 to `max` in ?name=; the fallback when absent,
// nullopt for anything else.
std::optional<std::size_t> parse_count(const Target& t, const std::string& name,
                                       std::size_t fallback = kDefaultLimit,
                                       std::size_t max = kMaxLimit) {
  auto v = t.param(name);
  if (!v) return fallback;
  std::size_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size() || n == 0 || n > max) return std::nullopt;
  return n;
}

std::optional<std::size_t> parse_limit(const Target& t, std::size_t fallback = kDefaultLimit) {
  return parse_count(t, "limit", fallback);
}

Response health(Exchange& x, const HealthInfo& info) {
  nlohmann::json j = {{"status", "ok"},
                      {"version", info.version},
                      {"schema_version", info.schema_version},
                      {"articles", x.site().snapshot().articles().size()},
                      // The symptom checker's profiles are built on a thread of
                      // their own after start and after each content change;
                      // until then checks use the previous site's (or wait).
                      // Load balancers and benchmarks read this to know the
                      // server is warm.
                      {"checker", x.site().conditions_ready() ? "ready" : "building"}};
  auto r = owned(j.dump(), kJson);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response static_file(Exchange& x) {
  const std::string& path = x.path();
  const auto file = embedded_file("web" + path);
  Response r;
  r.content_type =
      path.ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
  r.shared_body = *file;  // embedded data lives as long as the process
  r.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return r;
}

// GET /articles/{slug} and /api/v1/articles/{slug}.
Response article(Exchange& x) {
  const bool api = x.api();
  const std::string& slug = x.param("slug");
  const Site& site = x.site();
  auto page = is_valid_slug(slug) ? site.article(slug) : nullptr;
  if (!page) return x.error(404, "article_not_found", "No article is published at this address.");
  // A document whose answers were removed is no article to read: its
  // questions are listed on its condition's page.
  if (const auto index = site.snapshot().article_index(slug);
      !api && index && !has_answers(site.snapshot().articles()[*index])) {
    Response moved =
        redirect("/conditions/" + site.snapshot().condition_of(*index).slug + "#also-asked");
    moved.status = 301;
    return moved;
  }
  // The page outlives the site only through keep_alive.
  if (api) return shared(page, page->json, kJson, page->etag);
  // Comments and ratings change without the article changing: no shared
  // caching, and the per-reader parts are fragments.
  Response r = shared(page, page->html, kHtml, "");
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.fragments.push_back({"comments", {{"slug", slug}}});
  const Article* a = site.snapshot().article(slug);
  const std::string author = a && !a->author.empty() ? a->author.slug() : "";
  r.fragments.push_back({"edit", {{"slug", slug}, {"author", author}}});
  if (!author.empty()) {
    r.fragments.push_back({"rating", {{"author", author}, {"back_to", "/articles/" + slug}}});
    r.fragments.push_back({"byline-rating", {{"author", author}}});
  }
  return r;
}

Response letter(Exchange& x) {
  const std::string letter = x.query("letter").value_or("A");
  const bool ok = letter.size() == 1 &&
                  (std::isupper(static_cast<unsigned char>(letter[0])) || letter[0] == '#');
  if (!ok) return x.error(400, "bad_letter", "letter must be one of A-Z or #.");
  return owned(render_letter_page(x.site().snapshot(), letter[0]), kHtml);
}

Response condition(Exchange& x) {
  const std::string& slug = x.param("slug");
  const auto& snapshot = x.site().snapshot();
  const ConditionEntry* c = is_valid_slug(slug) ? snapshot.condition(slug) : nullptr;
  if (!c) return x.error(404, "condition_not_found", "No condition is known by this name.");
  if (x.api()) return owned(condition_json(snapshot, *c).dump(), kJson);
  return owned(render_condition_page(snapshot, *c), kHtml);
}

Response search(Exchange& x) {
  const bool api = x.api();
  const Target& target = x.target();
  const Site& site = x.site();
  const std::string q = x.query("q").value_or("");
  if (q.size() > kMaxQueryChars)
    return x.error(400, "query_too_long", "Search text is limited to 200 characters.");
  const auto limit = parse_limit(target);
  if (!limit) return x.error(400, "bad_limit", "limit must be a whole number from 1 to 50.");
  if (api && q.empty()) return x.error(400, "missing_query", "Give the search text as ?q=...");
  qa::SearchFilters filters;
  filters.collection = x.query("collection").value_or("");
  if (auto t = x.query("type"); t && !t->empty()) {
    filters.type = section_type_from_string(*t);
    if (!filters.type) return x.error(400, "bad_type", "Unknown section type in ?type=.");
  }
  // Paging: per_page (or limit, its older name) results from page N. The
  // engine is asked for the first page * per_page and the page sliced off.
  const auto per_page = x.query("per_page") ? parse_count(target, "per_page") : limit;
  if (!per_page)
    return x.error(400, "bad_per_page", "per_page must be a whole number from 1 to 50.");
  const auto page_no = parse_count(target, "page", 1, kMaxSearchDepth);
  if (!page_no || *page_no * *per_page > kMaxSearchDepth)
    return x.error(400, "bad_page",
                   "page must be a whole number, and page * per_page at most 1000.");
  auto page = q.empty() ? qa::SearchPage{} : site.engine().search(q, filters, *page_no * *per_page);
  const std::size_t skip = std::min(page.hits.size(), (*page_no - 1) * *per_page);
  page.hits.erase(page.hits.begin(), page.hits.begin() + static_cast<std::ptrdiff_t>(skip));
  SearchPaging paging;
  paging.page = *page_no;
  paging.per_page = *per_page;
  auto page_url = [&](std::size_t n) {
    std::string u = x.path() + "?q=" + url_encode(q);
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
    auto j = search_json(site.engine(), page);
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
    if (const auto e = site.engine().emergency(q))
      j["emergency"] = {{"kind", e->kind}, {"message", e->message}, {"matched", e->matched}};
    r = owned(j.dump(), kJson);
  } else {
    r = owned(render_search_page(site.engine(), page, filters, paging), kHtml);
  }
  std::string link;
  if (!paging.next_url.empty()) link = "<" + paging.next_url + ">; rel=\"next\"";
  if (!paging.prev_url.empty())
    link += (link.empty() ? "" : ", ") + ("<" + paging.prev_url + ">; rel=\"prev\"");
  if (!link.empty()) r.headers.emplace_back("Link", link);
  return r;
}

// The limits of a question's two fields, as the GET and the POST say them.
std::optional<HttpError> question_limits(std::string_view subject, std::string_view message) {
  if (message.size() > qa::kMaxQuestionChars)
    return HttpError{
        400, "question_too_long",
        "Questions are limited to " + std::to_string(qa::kMaxQuestionChars) + " characters."};
  if (subject.size() > qa::kMaxSubjectChars)
    return HttpError{400, "subject_too_long",
                     "The subject is limited to " + std::to_string(qa::kMaxSubjectChars) +
                         " characters (apart from the message's " +
                         std::to_string(qa::kMaxQuestionChars) + ")."};
  return std::nullopt;
}

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// GET /ask and /api/v1/ask: ?q= the message, ?subject= its subject line
// (optional, given apart: the message's title for certain).
Response ask(Exchange& x) {
  const bool api = x.api();
  const auto& engine = x.site().engine();
  const std::string q = x.query("q").value_or("");
  const std::string subject = x.query("subject").value_or("");
  if (const auto e = question_limits(subject, q)) return x.error(*e);
  const auto limit = parse_limit(x.target(), kDefaultAnswers);
  if (!limit) return x.error(400, "bad_limit", "limit must be a whole number from 1 to 50.");
  if (blank(q)) {
    if (api) return x.error(400, "missing_question", "Give the question as ?q=...");
    return owned(render_ask_page(engine, nullptr), kHtml);
  }
  const auto result = engine.ask(subject, q, *limit);
  if (api) return owned(ask_json(engine, result, x.query("html") == "1").dump(), kJson);
  return owned(render_ask_page(engine, &result), kHtml);
}

// POST /api/v1/ask with {"subject": "...", "message": "...", "limit": n}:
// a long message does not fit in a URL's query as well as in a body.
Response ask_post(Exchange& x) {
  const Request& req = x.request();
  if (!req.content_type.starts_with("application/json"))
    return x.error(415, "unsupported_media_type", "Send the question as application/json.");
  const auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return x.error(400, "bad_json", "The body must be a JSON object.");
  const auto text = [&](const char* key) -> std::optional<std::string> {
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) return std::string();
    if (!it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  const auto message = text("message");
  if (!message) return x.error(400, "bad_message", "\"message\" must be a string.");
  const auto subject = text("subject");
  if (!subject) return x.error(400, "bad_subject", "\"subject\" must be a string.");
  if (const auto e = question_limits(*subject, *message)) return x.error(*e);
  std::size_t limit = kDefaultAnswers;
  if (const auto it = body.find("limit"); it != body.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1 ||
        it->get<std::int64_t>() > static_cast<std::int64_t>(kMaxLimit))
      return x.error(400, "bad_limit", "limit must be a whole number from 1 to 50.");
    limit = static_cast<std::size_t>(it->get<std::int64_t>());
  }
  if (blank(*message)) return x.error(400, "missing_question", "Give the question as \"message\".");
  const auto& engine = x.site().engine();
  return owned(ask_json(engine, engine.ask(*subject, *message, limit)).dump(), kJson);
}

Response suggest(Exchange& x) {
  const std::string prefix = x.query("prefix").value_or("");
  if (prefix.empty() || prefix.size() > 100)
    return x.error(400, "bad_prefix", "Give 1 to 100 characters as ?prefix=...");
  const auto limit = parse_limit(x.target());
  if (!limit) return x.error(400, "bad_limit", "limit must be a whole number from 1 to 50.");
  const auto& engine = x.site().engine();
  return owned(suggest_json(engine, prefix, engine.suggest(prefix, *limit)).dump(), kJson);
}

}  // namespace

void add_read_routes(RouteTable& t, const HealthInfo& info) {
  t.get("/", [](Exchange& x) {
    return shared(x.site_ptr(), x.site().home_html(), kHtml, x.site().etag());
  });
  t.get("/healthz", [info](Exchange& x) { return health(x, info); });
  for (const char* file : {"/static/style.css", "/static/suggest.js", "/static/check.js"})
    t.get(file, static_file);
  t.get("/articles/{slug}", article, {.cache_anonymous = true});
  t.get("/api/v1/articles/{slug}", article);
  t.get("/api/v1/articles", [](Exchange& x) {
    return shared(x.site_ptr(), x.site().articles_json(), kJson, x.site().etag());
  });
  t.get("/conditions", letter);
  t.get("/conditions/{slug}", condition);
  t.get("/api/v1/conditions/{slug}", condition);
  t.get("/api/v1/conditions", [](Exchange& x) {
    return shared(x.site_ptr(), x.site().conditions_json(), kJson, x.site().etag());
  });
  t.get("/search", search);
  t.get("/api/v1/search", search);
  t.get("/ask", ask);
  t.get("/api/v1/ask", ask);
  // A question sent as POST changes nothing: no CSRF token (as POST
  // /api/v1/check). The handler reads the JSON body itself.
  t.post("/api/v1/ask", ask_post, {.csrf = Csrf::none});
  t.get("/api/v1/suggest", suggest);
  t.get("/infobutton",
        [](Exchange& x) { return handle_infobutton(x.app(), x.request(), x.target(), x.site()); });
  for (const char* path : {"/api", "/api/", "/api/v1/openapi.json"})
    t.get(path, [](Exchange& x) { return *handle_api_docs(x.path()); });
}

}  // namespace symptomdb::web
