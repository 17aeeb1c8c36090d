#include "web/accounts.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>

#include "core/fold.hpp"
#include "core/slug.hpp"
#include "core/user_text.hpp"
#include "web/community_views.hpp"
#include "web/http_util.hpp"
#include "web/pages.hpp"
#include "web/security.hpp"

namespace symptomdb::web {
namespace {

constexpr std::int64_t kSessionSeconds = 14 * 24 * 3600;
constexpr std::int64_t kThrottleWindow = 15 * 60;
constexpr int kMaxFailuresPerAccount = 5;
constexpr int kMaxFailuresPerAddress = 20;
constexpr std::size_t kMaxFormBytes = 16 * 1024;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string cookie(std::string_view name, std::string_view value, std::int64_t max_age,
                   bool secure) {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}", name, value, max_age,
                     secure ? "; Secure" : "");
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

std::string form_value(const std::multimap<std::string, std::string>& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? std::string() : it->second;
}

// Whether a name reads as the byline of one of the site's authors ("Erin
// Roe, MD" for author "Erin Roe"): its first words, as typed or as their
// look-alike skeletons, are an author profile's name.
bool names_an_author(store::Store& store, std::string_view name) {
  std::vector<std::string> typed;
  for (std::size_t i = 0; i < name.size();) {
    const auto end = std::min(name.find(' ', i), name.size());
    if (end > i) typed.emplace_back(name.substr(i, end - i));
    i = end + 1;
  }
  auto leads_with_author = [&](const std::vector<std::string>& words) {
    std::string joined;
    for (const auto& w : words) {
      joined += (joined.empty() ? "" : " ") + w;
      const std::string slug = slugify(joined);
      if (!slug.empty() && store.author(slug)) return true;
    }
    return false;
  };
  return leads_with_author(typed) || leads_with_author(display_name_words(name));
}

}  // namespace

std::optional<Session> Accounts::session_of(const Request& req) const {
  const auto sid = cookie_value(req.cookie, "sid");
  if (!sid || sid->size() != 43) return std::nullopt;
  return store_.find_session(token_hash(*sid), now_seconds());
}

std::string Accounts::account_nav(const std::optional<Session>& s) const {
  return render_account_nav(s);
}

std::string Accounts::byline_rating(std::string_view author_slug) const {
  return render_byline_rating(ratings_, author_slug);
}

std::string Accounts::rating_block(const std::optional<Session>& s, std::string_view author_slug,
                                   std::string_view back_to) const {
  return render_rating_block(ratings_, author_slug, s, back_to, false);
}

std::optional<Response> Accounts::handle(const App& app, const Request& req,
                                         const Site& site) const {
  auto not_allowed = [&](std::string_view message, std::string_view allow) {
    Response r = app.error(req, 405, "method_not_allowed", message);
    r.headers.emplace_back("Allow", std::string(allow));
    return r;
  };
  const auto target = parse_target(req.target);
  if (!target) return std::nullopt;
  const std::string& path = target->path;
  const bool post = req.method == "POST";
  const bool secure = req.forwarded_proto == "https";
  const bool is_account_path = path == "/login" || path == "/register" || path == "/logout" ||
                               path == "/account" || path == "/account/password" ||
                               path.starts_with("/authors/") ||
                               path.starts_with("/api/v1/authors/");
  if (!is_account_path) return std::nullopt;
  if (req.method != "GET" && req.method != "HEAD" && req.method != "POST")
    return not_allowed("Use GET to read and POST to send forms here.", "GET, HEAD, POST");

  if (post && req.body.size() > kMaxFormBytes)
    return app.error(req, 413, "body_too_large", "The form is too large.");
  const bool json_body = req.content_type.starts_with("application/json");
  std::multimap<std::string, std::string> form;
  if (post && !json_body) {
    auto parsed = parse_form(req.body);
    if (!parsed) return app.error(req, 400, "bad_form", "The form could not be read.");
    form = std::move(*parsed);
  }
  const auto session = session_of(req);
  const auto anon_csrf = cookie_value(req.cookie, "csrf");
  // Every state-changing request proves it came from our own page: a
  // session's token, or for signed-out forms the double-submit cookie.
  auto csrf_ok = [&] {
    const std::string sent = json_body ? req.csrf_header : form_value(form, "csrf");
    if (sent.empty()) return false;
    if (session) return same_secret(sent, session->csrf_token);
    return anon_csrf && same_secret(sent, *anon_csrf);
  };
  // A token for a signed-out form, set as a cookie alongside it.
  auto anon_form_token = [&](Response& r) {
    std::string token = anon_csrf && anon_csrf->size() == 43 ? *anon_csrf : random_token();
    r.headers.emplace_back("Set-Cookie", cookie("csrf", token, 3600, secure));
    return token;
  };
  auto start_session = [&](const User& user, Response& r) {
    if (session) store_.delete_session(token_hash(cookie_value(req.cookie, "sid").value_or("")));
    const std::string sid = random_token();  // a fresh id on every sign-in: no fixation
    store_.create_session(token_hash(sid), user.id, random_token(), now_seconds() + kSessionSeconds,
                          req.remote, req.user_agent);
    r.headers.emplace_back("Set-Cookie", cookie("sid", sid, kSessionSeconds, secure));
  };

  if (path == "/login") {
    if (!post) {
      if (session) return redirect("/account");
      Response r = html("");
      const auto token = anon_form_token(r);
      r.body = render_login_page("", token, safe_next(target->param("next").value_or("/")), "");
      return r;
    }
    if (!csrf_ok())
      return app.error(req, 403, "csrf", "The form expired. Reload the page and try again.");
    const std::string username = form_value(form, "username"),
                      password = form_value(form, "password");
    const std::string next = safe_next(form_value(form, "next"));
    const std::int64_t now = now_seconds();
    const std::string user_key = "user:" + fold_text(username), addr_key = "addr:" + req.remote;
    if (store_.failures(user_key, now, kThrottleWindow) >= kMaxFailuresPerAccount ||
        store_.failures(addr_key, now, kThrottleWindow) >= kMaxFailuresPerAddress) {
      Response r = html("", 429);
      const auto token = anon_form_token(r);
      r.body = render_login_page("Too many attempts. Wait 15 minutes and try again.", token, next,
                                 username);
      r.headers.emplace_back("Retry-After", std::to_string(kThrottleWindow));
      return r;
    }
    const auto found = username.size() <= 64 ? store_.find_user(username) : std::nullopt;
    // The same message whether the account exists, is disabled or the
    // password is wrong; a dummy verification keeps the timing alike.
    static const std::string dummy = hash_password("not a password of anyone's");
    const bool password_ok = verify_password(found ? found->second : dummy, password);
    if (!found || !password_ok || found->first.disabled) {
      store_.record_failure(user_key, now, kThrottleWindow);
      store_.record_failure(addr_key, now, kThrottleWindow);
      Response r = html("", 401);
      const auto token = anon_form_token(r);
      r.body = render_login_page("Wrong username or password.", token, next, username);
      return r;
    }
    store_.clear_failures(user_key);
    Response r = redirect(next);
    start_session(found->first, r);
    return r;
  }

  if (path == "/register") {
    if (!post) {
      Response r = html("");
      const auto token = anon_form_token(r);
      r.body = render_register_page("", token, "", "");
      return r;
    }
    if (!csrf_ok())
      return app.error(req, 403, "csrf", "The form expired. Reload the page and try again.");
    const std::string username = form_value(form, "username");
    std::string display = form_value(form, "display_name");
    const std::string password = form_value(form, "password"),
                      again = form_value(form, "password2");
    const std::string shown = display.empty() ? username : display;
    std::string problem = check_username(username);
    if (problem.empty()) problem = check_display_name(shown);
    if (problem.empty() && names_an_author(store_, shown))
      problem = "That name is an author's on this site. Choose another.";
    if (problem.empty()) problem = check_password(password, {username, shown});
    if (problem.empty() && password != again) problem = "The two passwords differ.";
    User u;
    u.username = username;
    u.display_name = shown;
    u.role = Role::reader;
    if (problem.empty()) {
      try {
        u.id = store_.create_user(u, hash_password(password));
      } catch (const store::AccountExists&) {
        problem = "That username is taken.";
      } catch (const store::NameTaken&) {
        problem = "That name is taken, or looks too much like one that is. Choose another.";
      }
    }
    if (!problem.empty()) {
      Response r = html("", 400);
      const auto token = anon_form_token(r);
      r.body = render_register_page(problem, token, username, display);
      return r;
    }
    Response r = redirect("/account");
    start_session(u, r);
    return r;
  }

  if (path == "/logout") {
    if (!post) return not_allowed("Sign out with the button on your account page.", "POST");
    if (session && !csrf_ok())
      return app.error(req, 403, "csrf", "The form expired. Reload the page and try again.");
    if (session) store_.delete_session(token_hash(cookie_value(req.cookie, "sid").value_or("")));
    Response r = redirect("/");
    r.headers.emplace_back("Set-Cookie", cookie("sid", "", 0, secure));
    return r;
  }

  if (path == "/account" || path == "/account/password") {
    if (!session) return redirect("/login?next=/account");
    if (!post) {
      const bool changed = target->param("changed") == "1";
      return html(render_account_page(
          session->user, session->csrf_token,
          changed ? "Your password was changed; every other session was signed out." : "", ""));
    }
    if (path != "/account/password") return not_allowed("Nothing to post here.", "GET, HEAD");
    if (!csrf_ok())
      return app.error(req, 403, "csrf", "The form expired. Reload the page and try again.");
    const auto found = store_.find_user(session->user.username);
    const std::string current = form_value(form, "current"), fresh = form_value(form, "password");
    std::string problem;
    if (!found || !verify_password(found->second, current))
      problem = "The current password is wrong.";
    if (problem.empty())
      problem = check_password(fresh, {session->user.username, session->user.display_name});
    if (!problem.empty())
      return html(render_account_page(session->user, session->csrf_token, "", problem), 400);
    store_.set_password_hash(session->user.id, hash_password(fresh));
    // Every session of the account ends; this reader gets a fresh one.
    store_.delete_sessions_of(session->user.id, "");
    Response r = redirect("/account?changed=1");
    start_session(session->user, r);
    return r;
  }

  // /authors/{slug}, /authors/{slug}/ratings, /api/v1/authors/{slug}[/ratings]
  const bool api = path.starts_with("/api/");
  std::string_view rest = std::string_view(path).substr(api ? 16 : 9);
  const bool ratings = rest.ends_with("/ratings");
  if (ratings) rest.remove_suffix(8);
  if (!is_valid_slug(rest))
    return app.error(req, 404, "author_not_found", "No author has this address.");
  const auto profile = store_.author(rest);
  if (!profile) return app.error(req, 404, "author_not_found", "No author has this address.");
  if (!ratings) {
    if (post) return not_allowed("Ratings are posted to .../ratings.", "GET, HEAD");
    if (api) {
      nlohmann::json articles = nlohmann::json::array();
      for (const auto& a : site.snapshot().articles())
        if (!a.author.empty() && a.author.slug() == profile->slug)
          articles.push_back(
              {{"slug", a.slug}, {"title", a.title}, {"url", "/articles/" + a.slug}});
      Response r;
      r.content_type = "application/json; charset=utf-8";
      r.body = nlohmann::json{{"slug", profile->slug},
                              {"name", profile->name},
                              {"credential", profile->credential},
                              {"affiliation", profile->affiliation},
                              {"bio", profile->bio},
                              {"rating",
                               {{"average", std::round(profile->rating.average * 10) / 10},
                                {"count", profile->rating.count}}},
                              {"articles", std::move(articles)}}
                   .dump();
      return r;
    }
    std::string page = render_author_page(site.snapshot(), *profile);
    const auto at = page.find("<!--sdb:rating-->");
    if (at != std::string::npos)
      page.replace(at, 17,
                   render_rating_block(ratings_, profile->slug, session,
                                       "/authors/" + profile->slug, true));
    return html(std::move(page));
  }
  if (!post) return not_allowed("Post a rating of 1 to 5 stars.", "POST");
  if (!session) return app.error(req, 401, "sign_in_required", "Sign in to rate an author.");
  if (!csrf_ok()) return app.error(req, 403, "csrf", "The request lacks a valid CSRF token.");
  if (auto refused = ratings_.may_rate(*profile, session->user))
    return app.error(req, 403, "self_rating", refused->message);
  // Stars as sent, wide: never narrowed before the service's range check.
  std::int64_t stars = 0;
  if (json_body) {
    const auto j = nlohmann::json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("stars") ||
        !j["stars"].is_number_integer())
      return app.error(req, 400, "bad_rating", "Send {\"stars\": 1..5}.");
    stars = j["stars"].get<std::int64_t>();
  } else {
    const std::string v = form_value(form, "stars");
    stars = v.size() == 1 && v[0] >= '1' && v[0] <= '5' ? v[0] - '0' : 0;
  }
  const auto rated = ratings_.rate(profile->slug, session->user, stars);
  if (!rated) {
    const auto& no = rated.refusal();
    return no.error == services::RatingError::self_rating
               ? app.error(req, 403, "self_rating", no.message)
           : no.error == services::RatingError::author_not_found
               ? app.error(req, 404, "author_not_found", no.message)
               : app.error(req, 400, "bad_rating", no.message);
  }
  if (api) {
    const auto& after = rated.value().author;
    Response r;
    r.content_type = "application/json; charset=utf-8";
    r.body = nlohmann::json{{"author", profile->slug},
                            {"yours", rated.value().stars},
                            {"average", std::round(after.rating.average * 10) / 10},
                            {"count", after.rating.count}}
                 .dump();
    return r;
  }
  return redirect(safe_next(form_value(form, "next").empty() ? "/authors/" + profile->slug
                                                             : form_value(form, "next")));
}

}  // namespace symptomdb::web
