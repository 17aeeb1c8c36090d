#include "web/pipeline.hpp"

#include <cctype>

#include "web/routes.hpp"
#include "web/security.hpp"

namespace symptomdb::web {
namespace {

constexpr std::string_view kMarkerOpen = "<!--sdb:";
constexpr std::string_view kMarkerClose = "-->";

// "Example.org:443" -> "example.org": host and port as browsers compare
// them, the default ports left out.
std::string normal_host(std::string_view h) {
  std::string out;
  for (char c : h) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (std::string_view port : {":80", ":443"})
    if (out.ends_with(port)) out.resize(out.size() - port.size());
  return out;
}

}  // namespace

std::optional<std::string> RequestBody::field(std::string_view key) const {
  if (is_json) {
    const auto it = json.find(std::string(key));
    if (it == json.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  }
  const auto it = form.find(std::string(key));
  if (it == form.end()) return std::nullopt;
  return it->second;
}

std::optional<std::int64_t> RequestBody::number(std::string_view key) const {
  if (is_json) {
    const auto it = json.find(std::string(key));
    if (it == json.end() || !it->is_number_integer()) return std::nullopt;
    const auto v = it->get<std::int64_t>();
    return v > 0 ? std::optional(v) : std::nullopt;
  }
  const auto v = field(key);
  return v ? positive_integer(*v) : std::nullopt;
}

Response Exchange::error(int status, std::string_view code, std::string_view message) const {
  return app_.error(request_, status, code, message);
}

Response Exchange::error(const HttpError& e) const {
  Response r = app_.error(request_, e.status, e.code, e.message);
  for (const auto& h : e.headers) r.headers.push_back(h);
  return r;
}

RouteTable& RouteTable::add(std::string_view method, std::string_view pattern, Handler h,
                            Needs needs) {
  if (needs.role) needs.session = SessionNeed::required;
  const std::size_t id = router_.add(method, pattern);
  entries_.push_back({std::string(method), std::string(pattern), std::move(needs), std::move(h)});
  (void)id;  // ids are positions in entries_
  return *this;
}

RouteTable& RouteTable::get(std::string_view pattern, Handler h, Needs needs) {
  return add("GET", pattern, std::move(h), std::move(needs));
}

RouteTable& RouteTable::post(std::string_view pattern, Handler h, Needs needs) {
  return add("POST", pattern, std::move(h), std::move(needs));
}

RouteTable& RouteTable::fragment(std::string name, FragmentRenderer r, bool takes_arguments) {
  fragments_[std::move(name)] = {std::move(r), takes_arguments};
  return *this;
}

const RouteTable::FragmentEntry* RouteTable::fragment_renderer(std::string_view name) const {
  const auto it = fragments_.find(name);
  return it == fragments_.end() ? nullptr : &it->second;
}

bool state_changing(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
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

std::variant<RequestBody, HttpError> read_body(const Request& req, const Needs& needs) {
  RequestBody body;
  if (needs.body == BodyKind::none) return body;
  if (req.body.size() > needs.max_body)
    return HttpError{413, "body_too_large", "The request is too large."};
  const bool says_json = req.content_type.starts_with("application/json");
  const bool as_json =
      needs.body == BodyKind::json || (needs.body == BodyKind::form_or_json && says_json);
  if (needs.body == BodyKind::json && !says_json)
    return HttpError{415, "unsupported_media_type", "Send the body as application/json."};
  if (as_json) {
    body.is_json = true;
    body.json = nlohmann::json::parse(req.body, nullptr, false);
    if (body.json.is_discarded() || !body.json.is_object())
      return HttpError{400, "bad_json", "Send a JSON object (valid UTF-8)."};
    return body;
  }
  auto parsed = parse_form(req.body);
  if (!parsed) return HttpError{400, "bad_form", "The form could not be read."};
  body.form = std::move(*parsed);
  return body;
}

bool csrf_ok(const Request& req, const RequestBody& body, const std::optional<Session>& session) {
  const std::string sent = body.is_json ? req.csrf_header : body.field("csrf").value_or("");
  if (sent.empty()) return false;
  if (session) return same_secret(sent, session->csrf_token);
  const auto cookie = cookie_value(req.cookie, "csrf");
  return cookie && same_secret(sent, *cookie);
}

Response run_pipeline(const RouteTable::Entry& route, Exchange& x, const SessionSource& sessions) {
  const Needs& needs = route.needs;
  const Request& req = x.request();
  auto read = read_body(req, needs);
  if (auto* e = std::get_if<HttpError>(&read)) return x.error(*e);
  x.set_body(std::move(std::get<RequestBody>(read)));

  const bool check_csrf = state_changing(req.method) && needs.csrf != Csrf::none;
  if ((needs.session != SessionNeed::none || check_csrf) && sessions) x.set_session(sessions(req));
  if (needs.session == SessionNeed::required && !x.session()) {
    if (needs.sign_in_redirect && !x.api() && !state_changing(req.method))
      return redirect("/login?next=" + url_encode(x.path()));
    return x.error(401, "sign_in_required", "Sign in first.");
  }
  if (check_csrf && (needs.csrf == Csrf::required || x.session()) &&
      !csrf_ok(req, x.body(), x.session()))
    return x.error(403, "csrf",
                   "The request lacks a valid CSRF token. Reload the page and try again.");
  if (needs.role && !at_least(x.signed_in().user.role, needs.role->role))
    return x.error(403, needs.role->code, needs.role->message);
  if (needs.rate_limit)
    if (auto e = needs.rate_limit(x)) return x.error(*e);
  return route.handler(x);
}

bool has_fragment_markers(std::string_view page) {
  return page.find(kMarkerOpen) != std::string_view::npos;
}

void fill_fragments(Response& r, const RouteTable& table, const FragmentContext& context) {
  const std::string_view page = r.payload();
  std::string out;
  out.reserve(page.size() + 1024);
  std::size_t from = 0;
  for (;;) {
    const auto at = page.find(kMarkerOpen, from);
    if (at == std::string_view::npos) break;
    const auto name_at = at + kMarkerOpen.size();
    const auto end = page.find(kMarkerClose, name_at);
    if (end == std::string_view::npos) break;
    const std::string_view name = page.substr(name_at, end - name_at);
    out.append(page.substr(from, at - from));
    from = end + kMarkerClose.size();
    const auto* renderer = table.fragment_renderer(name);
    if (!renderer) continue;
    const Fragment* named = nullptr;
    for (const auto& f : r.fragments)
      if (f.name == name) named = &f;
    if (named)
      out += renderer->render(context, *named);
    else if (!renderer->takes_arguments)
      out += renderer->render(context, Fragment{std::string(name), {}});
  }
  out.append(page.substr(from));
  r.body = std::move(out);
  r.shared_body = {};
  r.keep_alive.reset();
}

}  // namespace symptomdb::web
