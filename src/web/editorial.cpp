#include "web/editorial.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <vector>

#include "core/slug.hpp"
#include "web/accounts.hpp"
#include "web/editorial_handlers.hpp"
#include "web/http_util.hpp"
#include "web/security.hpp"

namespace symptomdb::web {

namespace editorial {

std::optional<std::string> Body::field(std::string_view key) const {
  if (is_json) {
    const auto it = json.find(key);
    if (it == json.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  }
  const auto it = form.find(std::string(key));
  if (it == form.end()) return std::nullopt;
  return it->second;
}

std::optional<std::int64_t> Body::number(std::string_view key) const {
  if (is_json) {
    const auto it = json.find(key);
    if (it == json.end() || !it->is_number_integer()) return std::nullopt;
    const auto v = it->get<std::int64_t>();
    return v > 0 ? std::optional(v) : std::nullopt;
  }
  const auto v = field(key);
  return v ? positive_integer(*v) : std::nullopt;
}

int status_of(const services::EditorialError& e) {
  using R = services::EditorialRefusal;
  switch (e.refusal) {
    case R::bad_title:
    case R::bad_note:
    case R::note_required:
      return 400;
    case R::authors_only:
    case R::editors_only:
    case R::not_yours:
    case R::own_article:
    case R::own_words:
      return 403;
    case R::draft_not_found:
    case R::revision_not_found:
      return 404;
    case R::article_exists:
    case R::draft_exists:
    case R::state_conflict:
    case R::nothing_to_submit:
      return 409;
    case R::article_too_large:
      return 413;
    case R::title_without_letters:
    case R::invalid_markdown:
      return 422;
  }
  return 400;
}

Response Call::fail(const services::EditorialError& e) const {
  // A title with no letters is a bad title too, answered 422.
  const auto code = e.refusal == services::EditorialRefusal::title_without_letters
                        ? std::string_view("bad_title")
                        : to_string(e.refusal);
  return app.error(req, status_of(e), code, e.message);
}

}  // namespace editorial

namespace {

using editorial::Call;
using Handler = Response (*)(const Call&);

// A method the editorial routes answer.
enum class Method { get, post };

struct Route {
  Method method;
  Handler handler;
};

// The editorial routes a path names, by method; `slug` and `ordinal` are
// set from the path. An empty list: not an editorial path. A refusal: an
// editorial path that names nothing (404).
struct Matched {
  std::vector<Route> routes;
  std::string slug;
  std::int64_t ordinal = 0;
  std::optional<std::pair<std::string, std::string>> not_found;  // code, message
};

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;  // after the leading '/'
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Matched match(std::string_view path) {
  namespace e = editorial;
  using enum Method;
  Matched m;
  if (path == "/write") return {{{get, e::write_form}, {post, e::write_start}}};
  if (path == "/review") return {{{get, e::review_queue}}};
  if (path == "/api/v1/drafts") return {{{get, e::api_list}, {post, e::api_start}}};
  const auto s = segments(path);
  if (s.size() >= 3 && s[0] == "articles") {
    // /articles/{slug}/(edit|review|history)[/{n}]; anything else is an
    // article page (whose slug may well contain "history").
    if (!is_valid_slug(s[1])) return m;
    m.slug = std::string(s[1]);
    if (s.size() == 3 && s[2] == "edit") m.routes = {{get, e::edit_form}, {post, e::edit_post}};
    if (s.size() == 3 && s[2] == "review") m.routes = {{post, e::review_post}};
    if (s.size() == 3 && s[2] == "history") m.routes = {{get, e::history_page}};
    if (s.size() == 4 && s[2] == "history") {
      m.routes = {{get, e::revision_page}};
      if (auto n = positive_integer(s[3]))
        m.ordinal = *n;
      else
        m.not_found = {"revision_not_found", "Revisions are numbered 1, 2, ..."};
    }
    return m;
  }
  if (s.size() < 4 || s[0] != "api" || s[1] != "v1" || s[2] != "drafts") return m;
  // /api/v1/drafts/{slug}[/...]: every such path is ours.
  m.routes = {{get, nullptr}};
  if (!is_valid_slug(s[3])) {
    m.not_found = {"draft_not_found", "No article is being written at this address."};
    return m;
  }
  m.slug = std::string(s[3]);
  m.not_found = {"not_found", "There is no such draft address."};
  if (s.size() == 4) {
    m.routes = {{get, e::api_draft}};
  } else if (s[4] == "revisions" && s.size() == 5) {
    m.routes = {{get, e::api_revisions}, {post, e::api_save}};
  } else if (s[4] == "revisions" && s.size() <= 7) {
    const auto n = positive_integer(s[5]);
    if (!n) {
      m.not_found = {"revision_not_found", "Revisions are numbered 1, 2, ..."};
      return m;
    }
    m.ordinal = *n;
    if (s.size() == 6) m.routes = {{get, e::api_revision}};
    if (s.size() == 7 && s[6] == "diff") m.routes = {{get, e::api_diff}};
    if (m.routes.front().handler == nullptr) return m;
  } else if (s.size() == 5 && s[4] == "preview") {
    m.routes = {{post, e::api_preview}};
  } else if (s.size() == 5 && s[4] == "submit") {
    m.routes = {{post, e::api_submit}};
  } else if (s.size() == 5 && s[4] == "approve") {
    m.routes = {{post, e::api_approve}};
  } else if (s.size() == 5 && s[4] == "return") {
    m.routes = {{post, e::api_return}};
  } else {
    return m;
  }
  m.not_found.reset();
  return m;
}

}  // namespace

Editorial::Editorial(store::Store& store, std::function<void()> republish, EditorialPolicy policy)
    : service_(store, store, std::move(republish),
               {policy.max_markdown_bytes, policy.max_note_chars, policy.max_title_chars}),
      max_body_bytes_(policy.max_body_bytes) {}

std::string Editorial::edit_link(const std::optional<Session>& s, std::string_view slug,
                                 std::string_view author_slug) const {
  if (!s || !service_.may_edit_live(s->user, slug, author_slug)) return "";
  return editorial::edit_link_html(slug);
}

std::optional<Response> Editorial::handle(const App& app, const Request& req, const Site& site,
                                          const Accounts& accounts) const {
  const auto target = parse_target(req.target);
  if (!target) return std::nullopt;
  const auto m = match(target->path);
  if (m.routes.empty()) return std::nullopt;
  if (m.not_found) return app.error(req, 404, m.not_found->first, m.not_found->second);

  const bool post = req.method == "POST";
  if (req.method != "GET" && req.method != "HEAD" && !post) {
    Response r = app.error(req, 405, "method_not_allowed", "Use GET to read and POST to change.");
    r.headers.emplace_back("Allow", "GET, HEAD, POST");
    return r;
  }
  const auto route = std::find_if(m.routes.begin(), m.routes.end(), [&](const Route& r) {
    return r.method == (post ? Method::post : Method::get);
  });
  if (route == m.routes.end()) {
    Response r =
        app.error(req, 405, "method_not_allowed",
                  post ? "This page can only be read." : "This step is posted from the editor.");
    r.headers.emplace_back("Allow", post ? "GET, HEAD" : "POST");
    return r;
  }

  editorial::Body body;
  if (post) {
    if (req.body.size() > max_body_bytes_)
      return app.error(req, 413, "body_too_large", "The request is too large.");
    body.is_json = req.content_type.starts_with("application/json");
    if (body.is_json) {
      body.json = nlohmann::json::parse(req.body, nullptr, false);
      if (body.json.is_discarded() || !body.json.is_object())
        return app.error(req, 400, "bad_json", "Send a JSON object (valid UTF-8).");
    } else {
      auto parsed = parse_form(req.body);
      if (!parsed) return app.error(req, 400, "bad_form", "The form could not be read.");
      body.form = std::move(*parsed);
    }
  }
  const auto session = accounts.session_of(req);
  if (!session) {
    if (!post && !target->path.starts_with("/api/"))
      return redirect("/login?next=" + url_encode(target->path));
    return app.error(req, 401, "sign_in_required", "Sign in first.");
  }
  if (post) {
    const std::string sent = body.is_json ? req.csrf_header : body.field("csrf").value_or("");
    if (sent.empty() || !same_secret(sent, session->csrf_token))
      return app.error(req, 403, "csrf",
                       "The request lacks a valid CSRF token. Reload the page and try again.");
  }
  const Call call{app, req, *target, site, *session, body, service_, m.slug, m.ordinal};
  if (auto writer = service_.may_write(session->user); !writer) return call.fail(writer.error());
  return route->handler(call);
}

}  // namespace symptomdb::web
