#include "web/accounts.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "core/slug.hpp"
#include "services/clock.hpp"
#include "web/community_views.hpp"
#include "web/http_util.hpp"
#include "web/pages.hpp"
#include "web/routes.hpp"
#include "web/security.hpp"

namespace symptomdb::web {
namespace {

constexpr std::int64_t kSessionSeconds = 14 * 24 * 3600;

std::string cookie(std::string_view name, std::string_view value, std::int64_t max_age,
                   bool secure) {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}", name, value, max_age,
                     secure ? "; Secure" : "");
}

bool secure(const Exchange& x) {
  return x.request().forwarded_proto == "https";
}

Response html(std::string body, int status = 200) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// Only paths on this site may be redirected to after signing in.
std::string safe_next(std::string_view next) {
  // A single leading '/', then printable ASCII only: no second '/' or '\\'
  // (protocol-relative), no control characters a browser might skip
  // ("/\t/evil.example"), no backslashes at all.
  if (next.size() < 2 || next.size() >= 300 || next.front() != '/' || next[1] == '/') return "/";
  for (unsigned char c : next)
    if (c < 0x21 || c > 0x7e || c == '\\') return "/";
  return std::string(next);
}

// A page with a signed-out form: its CSRF token, also set as the
// double-submit cookie the pipeline checks the form against.
template <class Render>
Response anonymous_form(const Exchange& x, int status, Render render) {
  const auto held = cookie_value(x.request().cookie, "csrf");
  const std::string token = held && held->size() == 43 ? *held : random_token();
  Response r = html(render(token), status);
  r.headers.emplace_back("Set-Cookie", cookie("csrf", token, 3600, secure(x)));
  return r;
}

std::string field(const Exchange& x, std::string_view key) {
  return x.field(key).value_or("");
}

Response json_ok(const nlohmann::json& j) {
  Response r;
  r.content_type = std::string(kJson);
  r.body = j.dump();
  return r;
}

}  // namespace

Accounts::Accounts(store::Store& store, ContentGeneration& generation)
    : store_(store),
      generation_(generation),
      accounts_(store,
                {[](std::string_view p) { return hash_password(p); },
                 [](const std::string& h, std::string_view p) { return verify_password(h, p); }}),
      ratings_(store, [&generation] { ++generation; }) {}

std::optional<Session> Accounts::session_of(const Request& req) const {
  const auto sid = cookie_value(req.cookie, "sid");
  if (!sid || sid->size() != 43) return std::nullopt;
  return store_.find_session(token_hash(*sid), services::unix_now());
}

void Accounts::add_routes(RouteTable& t) const {
  auto to = [this](Response (Accounts::*handler)(Exchange&) const) {
    return [this, handler](Exchange& x) { return (this->*handler)(x); };
  };
  const Needs reader{.session = SessionNeed::optional};
  const Needs form{.body = BodyKind::form, .session = SessionNeed::optional};
  // Signing out twice, or the password form of an expired session, needs no
  // proof: there is nothing to protect (the latter is sent to sign in).
  const Needs own{.body = BodyKind::form_or_json,
                  .session = SessionNeed::optional,
                  .csrf = Csrf::when_signed_in};
  t.get("/login", to(&Accounts::login_page), reader);
  // Signing in, registering and changing a password hash or verify a
  // password (argon2id, slow on purpose): off the I/O threads.
  Needs hashing_form = form;
  hashing_form.off_io_threads = true;
  Needs hashing_own = own;
  hashing_own.off_io_threads = true;
  t.post("/login", to(&Accounts::login), hashing_form);
  t.get("/register", to(&Accounts::register_page), reader);
  t.post("/register", to(&Accounts::register_reader), hashing_form);
  t.post("/logout", to(&Accounts::logout), own);
  t.get("/account", to(&Accounts::account_page), reader);
  t.get("/account/password", to(&Accounts::account_page), reader);
  t.post("/account/password", to(&Accounts::change_password), hashing_own);
  for (const std::string api : {"", "/api/v1"}) {
    t.get(api + "/authors/{slug}", to(&Accounts::author), reader);
    t.post(api + "/authors/{slug}/ratings", to(&Accounts::rate),
           {.body = BodyKind::form_or_json, .session = SessionNeed::required});
  }
  t.fragment(
      "account",
      [](const FragmentContext& c, const Fragment&) { return render_account_nav(c.session); },
      false);
  t.fragment("rating", [this](const FragmentContext& c, const Fragment& f) {
    return render_rating_block(ratings_, f.arg("author"), c.session, f.arg("back_to"), false);
  });
  t.fragment("author-rating", [this](const FragmentContext& c, const Fragment& f) {
    return render_rating_block(ratings_, f.arg("author"), c.session,
                               "/authors/" + std::string(f.arg("author")), true);
  });
  t.fragment("byline-rating", [this](const FragmentContext&, const Fragment& f) {
    return render_byline_rating(ratings_, f.arg("author"));
  });
}

void Accounts::start_session(const Exchange& x, const User& user, Response& r) const {
  if (x.session())
    store_.delete_session(token_hash(cookie_value(x.request().cookie, "sid").value_or("")));
  const std::string sid = random_token();  // a fresh id on every sign-in: no fixation
  store_.create_session(token_hash(sid), user.id, random_token(),
                        services::unix_now() + kSessionSeconds, x.request().remote,
                        x.request().user_agent);
  r.headers.emplace_back("Set-Cookie", cookie("sid", sid, kSessionSeconds, secure(x)));
}

Response Accounts::login_page(Exchange& x) const {
  if (x.session()) return redirect("/account");
  return anonymous_form(x, 200, [&](const std::string& token) {
    return render_login_page("", token, safe_next(x.query("next").value_or("/")), "");
  });
}

Response Accounts::login(Exchange& x) const {
  const std::string username = field(x, "username"), next = safe_next(field(x, "next"));
  const auto user = accounts_.sign_in(username, field(x, "password"), x.request().remote);
  if (!user) {
    const auto& no = user.refusal();
    const bool throttled = no.error == services::AccountError::throttled;
    Response r = anonymous_form(x, throttled ? 429 : 401, [&](const std::string& token) {
      return render_login_page(no.message, token, next, username);
    });
    if (throttled) r.headers.emplace_back("Retry-After", std::to_string(no.retry_after));
    return r;
  }
  Response r = redirect(next);
  start_session(x, user.value(), r);
  return r;
}

Response Accounts::register_page(Exchange& x) const {
  return anonymous_form(
      x, 200, [](const std::string& token) { return render_register_page("", token, "", ""); });
}

Response Accounts::register_reader(Exchange& x) const {
  const std::string username = field(x, "username"), display = field(x, "display_name");
  const auto user =
      accounts_.register_reader(username, display, field(x, "password"), field(x, "password2"));
  if (!user)
    return anonymous_form(x, 400, [&](const std::string& token) {
      return render_register_page(user.refusal().message, token, username, display);
    });
  Response r = redirect("/account");
  start_session(x, user.value(), r);
  return r;
}

Response Accounts::logout(Exchange& x) const {
  if (x.session())
    store_.delete_session(token_hash(cookie_value(x.request().cookie, "sid").value_or("")));
  Response r = redirect("/");
  r.headers.emplace_back("Set-Cookie", cookie("sid", "", 0, secure(x)));
  return r;
}

Response Accounts::account_page(Exchange& x) const {
  if (!x.session()) return redirect("/login?next=/account");
  const bool changed = x.query("changed") == "1";
  return html(render_account_page(
      x.signed_in().user, x.signed_in().csrf_token,
      changed ? "Your password was changed; every other session was signed out." : "", ""));
}

Response Accounts::change_password(Exchange& x) const {
  if (!x.session()) return redirect("/login?next=/account");
  const Session& s = x.signed_in();
  const auto done = accounts_.change_password(s.user, field(x, "current"), field(x, "password"));
  if (!done)
    return html(render_account_page(s.user, s.csrf_token, "", done.refusal().message), 400);
  // Every session of the account has ended; this reader gets a fresh one.
  Response r = redirect("/account?changed=1");
  start_session(x, s.user, r);
  return r;
}

Response Accounts::author(Exchange& x) const {
  const std::string& slug = x.param("slug");
  const auto profile = is_valid_slug(slug) ? ratings_.author(slug) : std::nullopt;
  if (!profile) return x.error(404, "author_not_found", "No author has this address.");
  if (x.api()) {
    nlohmann::json articles = nlohmann::json::array();
    for (const auto& a : x.site().snapshot().articles())
      if (!a.author.empty() && a.author.slug() == profile->slug)
        articles.push_back({{"slug", a.slug}, {"title", a.title}, {"url", "/articles/" + a.slug}});
    return json_ok({{"slug", profile->slug},
                    {"name", profile->name},
                    {"credential", profile->credential},
                    {"affiliation", profile->affiliation},
                    {"bio", profile->bio},
                    {"rating",
                     {{"average", std::round(profile->rating.average * 10) / 10},
                      {"count", profile->rating.count}}},
                    {"articles", std::move(articles)}});
  }
  // The rating block with the histogram belongs to this page only.
  Response r = html(render_author_page(x.site().snapshot(), *profile));
  r.fragments.push_back({"author-rating", {{"author", profile->slug}}});
  return r;
}

Response Accounts::rate(Exchange& x) const {
  const std::string& slug = x.param("slug");
  const auto profile = is_valid_slug(slug) ? ratings_.author(slug) : std::nullopt;
  if (!profile) return x.error(404, "author_not_found", "No author has this address.");
  const User& reader = x.signed_in().user;
  if (auto refused = ratings_.may_rate(*profile, reader))
    return x.error(403, "self_rating", refused->message);
  // Stars as sent, wide: never narrowed before the service's range check.
  std::int64_t stars = 0;
  if (x.body().is_json) {
    const auto& j = x.body().json;
    if (!j.contains("stars") || !j["stars"].is_number_integer())
      return x.error(400, "bad_rating", "Send {\"stars\": 1..5}.");
    stars = j["stars"].get<std::int64_t>();
  } else {
    const std::string v = field(x, "stars");
    stars = v.size() == 1 && v[0] >= '1' && v[0] <= '5' ? v[0] - '0' : 0;
  }
  const auto rated = ratings_.rate(profile->slug, reader, stars);
  if (!rated) {
    const auto& no = rated.refusal();
    return no.error == services::RatingError::self_rating ? x.error(403, "self_rating", no.message)
                                                          : x.error(400, "bad_rating", no.message);
  }
  if (x.api()) {
    const auto& after = rated.value().author.rating;
    return json_ok({{"author", profile->slug},
                    {"yours", rated.value().stars},
                    {"average", std::round(after.average * 10) / 10},
                    {"count", after.count}});
  }
  const std::string next = field(x, "next");
  return redirect(safe_next(next.empty() ? "/authors/" + profile->slug : next));
}

}  // namespace symptomdb::web
