// Readers and authors over real HTTP: registration, sign-in and sign-out,
// session cookies and their life on the server, password change, throttling,
// disabled accounts, the `symptomdb user` commands, author profiles and
// "Rate author". Each test runs its own server over its own copy of a
// database holding the seed-like fixture (author "Sam Example, PT").
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

#include "support/accounts.hpp"

namespace symptomdb::test {
namespace {

using nlohmann::json;

class Accounts : public SiteFixture {};

// Posts a rating with the form on the author page (or with the given token).
HttpResponse rate(Client& c, const std::string& stars,
                  std::optional<std::string> csrf = std::nullopt, const std::string& next = "") {
  Form f = {{"csrf", csrf ? *csrf : session_csrf(c)}, {"stars", stars}};
  if (!next.empty()) f.emplace_back("next", next);
  return c.post_form("/authors/" + kAuthor + "/ratings", f);
}

json author_json(std::uint16_t port) {
  const auto r = http_get(port, "/api/v1/authors/" + kAuthor);
  EXPECT_EQ(r.status, 200);
  return json::parse(r.body);
}

// "Average rating <strong>4.5</strong> of 5 from 2 ratings." as the page has it.
std::string rating_line(const std::string& avg, int count) {
  return "Average rating <strong>" + avg + "</strong> of 5 from " + std::to_string(count) +
         " rating" + (count == 1 ? "" : "s") + ".";
}

// ---------------------------------------------------------------------------
// Register, sign in, sign out

TEST_F(Accounts, RegisterSignsInThenLogoutAndLoginAgain) {
  Client c = client();
  const auto form = c.get("/register");
  ASSERT_EQ(form.status, 200);
  // The signed-out form's token is the double-submit cookie's value.
  ASSERT_TRUE(c.cookie("csrf"));
  EXPECT_EQ(c.csrf(), *c.cookie("csrf"));
  EXPECT_EQ(c.csrf().size(), 43u);
  EXPECT_TRUE(contains(set_cookie_header(form, "csrf"), "HttpOnly"));

  auto r = c.post_form("/register", {{"csrf", c.csrf()},
                                     {"username", "reader1"},
                                     {"display_name", "Reader One"},
                                     {"password", kPassword},
                                     {"password2", kPassword}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/account");
  ASSERT_TRUE(c.cookie("sid"));

  r = c.get("/account");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "Signed in as <strong>Reader One</strong> (reader1, reader)"))
      << r.body;
  EXPECT_TRUE(contains(r.header("cache-control"), "no-store"));
  // The header names the reader instead of offering to sign in.
  const auto home = c.get("/");
  EXPECT_TRUE(contains(home.body, "<a href=\"/account\">Reader One</a>"));
  EXPECT_FALSE(contains(home.body, "href=\"/login\""));
  EXPECT_TRUE(contains(home.header("cache-control"), "private"));
  // Signed in, the sign-in page sends the reader to the account.
  r = c.get("/login");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/account");

  // Only a hash of the password is stored.
  const auto row =
      db("SELECT role, display_name, password_hash FROM users WHERE username = 'reader1'");
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0][0], "reader");
  EXPECT_EQ(row[0][1], "Reader One");
  EXPECT_EQ(row[0][2].rfind("$argon2id$", 0), 0u) << row[0][2];
  EXPECT_FALSE(contains(row[0][2], kPassword));

  // Sign out: the cookie is cleared and the account page asks to sign in.
  r = c.post_form("/logout", {{"csrf", session_csrf(c)}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/");
  EXPECT_TRUE(contains(set_cookie_header(r, "sid"), "Max-Age=0")) << set_cookie_header(r, "sid");
  EXPECT_FALSE(c.cookie("sid"));
  r = c.get("/account");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/login?next=/account");
  EXPECT_TRUE(contains(c.get("/").body, "href=\"/login\""));

  // And back in, landing where `next` says.
  r = login(c, "reader1", kPassword, kArticle);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), kArticle);
  EXPECT_TRUE(signed_in(c));
  // Usernames are not case-sensitive.
  Client other = client();
  EXPECT_EQ(login(other, "READER1").status, 303);
}

TEST_F(Accounts, RegistrationChecksItsInput) {
  Client c = client();
  c.get("/register");
  auto post = [&](const std::string& user, const std::string& pass, const std::string& pass2,
                  const std::string& display = "") {
    return c.post_form("/register", {{"csrf", c.csrf()},
                                     {"username", user},
                                     {"display_name", display},
                                     {"password", pass},
                                     {"password2", pass2}});
  };
  auto r = post("reader2", kPassword, kPassword + "x");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "The two passwords differ.")) << r.body;
  r = post("reader2", "short", "short");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "at least 10 characters"));
  r = post("a b", kPassword, kPassword);
  EXPECT_EQ(r.status, 400);
  r = post("ab", kPassword, kPassword);
  EXPECT_EQ(r.status, 400);
  r = post("reader2", kPassword, kPassword, std::string(81, 'n'));
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(c.cookie("sid"));
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM users"), "0");
  // The form keeps what was typed (but never the password).
  r = post("reader2", "short", "short", "Reader Two");
  EXPECT_TRUE(contains(r.body, "value=\"reader2\""));
  EXPECT_TRUE(contains(r.body, "value=\"Reader Two\""));
  EXPECT_FALSE(contains(r.body, "value=\"short\""));

  ASSERT_EQ(post("reader2", kPassword, kPassword).status, 303);
  // Taken, whatever the case.
  Client d = client();
  r = register_user(d, "Reader2");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "That username is taken."));
  EXPECT_FALSE(d.cookie("sid"));
  // No display name: the username stands in.
  Client e = client();
  ASSERT_EQ(register_user(e, "reader3").status, 303);
  EXPECT_TRUE(contains(e.get("/account").body, "Signed in as <strong>reader3</strong>"));
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM users"), "2");
}

TEST_F(Accounts, SignedOutFormsNeedTheDoubleSubmitToken) {
  Client c = client();
  c.get("/register");
  const std::string token = c.csrf();
  const Form reg = {{"username", "sneaky"}, {"password", kPassword}, {"password2", kPassword}};
  auto with = [](Form f, const std::string& t) {
    f.emplace_back("csrf", t);
    return f;
  };
  // No field, a wrong field, or the right field without its cookie.
  EXPECT_EQ(c.post_form("/register", reg).status, 403);
  EXPECT_EQ(c.post_form("/register", with(reg, std::string(43, 'A'))).status, 403);
  Client no_cookie = client();
  EXPECT_EQ(no_cookie.post_form("/register", with(reg, token)).status, 403);
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM users"), "0");

  ASSERT_EQ(cli_add_user("known", kPassword).exit_code, 0);
  const Form in = {{"username", "known"}, {"password", kPassword}};
  EXPECT_EQ(c.post_form("/login", in).status, 403);
  EXPECT_EQ(no_cookie.post_form("/login", with(in, token)).status, 403);
  EXPECT_FALSE(c.cookie("sid"));
  EXPECT_FALSE(no_cookie.cookie("sid"));
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM sessions"), "0");
  EXPECT_EQ(c.post_form("/login", with(in, token)).status, 303);
}

// ---------------------------------------------------------------------------
// Sessions

TEST_F(Accounts, SessionCookieFlags) {
  ASSERT_EQ(cli_add_user("flags", kPassword).exit_code, 0);
  Client c = client();
  const auto r = login(c, "flags");
  ASSERT_EQ(r.status, 303);
  const auto sid = set_cookie_header(r, "sid");
  static const std::regex shape(
      R"(sid=[A-Za-z0-9_-]{43}; Path=/; Max-Age=\d+; HttpOnly; SameSite=Lax)");
  EXPECT_TRUE(std::regex_match(sid, shape)) << sid;  // and no Secure over plain HTTP
  const auto csrf_cookie = set_cookie_header(client().get("/login"), "csrf");
  EXPECT_TRUE(contains(csrf_cookie, "HttpOnly")) << csrf_cookie;
  EXPECT_TRUE(contains(csrf_cookie, "SameSite=Lax")) << csrf_cookie;
  EXPECT_FALSE(contains(csrf_cookie, "Secure")) << csrf_cookie;

  // Behind a proxy that terminated TLS, both cookies are Secure.
  Client tls = client();
  const std::map<std::string, std::string> https = {{"X-Forwarded-Proto", "https"}};
  const auto page = tls.get("/login", https);
  EXPECT_TRUE(contains(set_cookie_header(page, "csrf"), "; Secure"))
      << set_cookie_header(page, "csrf");
  const auto in = tls.post_form(
      "/login",
      {{"csrf", tls.csrf()}, {"username", "flags"}, {"password", kPassword}, {"next", "/"}}, https);
  ASSERT_EQ(in.status, 303);
  const auto secure_sid = set_cookie_header(in, "sid");
  EXPECT_TRUE(contains(secure_sid, "HttpOnly"));
  EXPECT_TRUE(contains(secure_sid, "SameSite=Lax"));
  EXPECT_TRUE(contains(secure_sid, "; Secure")) << secure_sid;

  // The database holds only a hash of each session id.
  for (const auto& id : {*c.cookie("sid"), *tls.cookie("sid")}) {
    EXPECT_EQ(db_value("SELECT COUNT(*) FROM sessions WHERE id_hash = '" + id +
                       "' OR csrf_token = '" + id + "'"),
              "0");
  }
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM sessions WHERE length(id_hash) = 64"), "2");
}

TEST_F(Accounts, EverySignInGetsAFreshSessionId) {
  ASSERT_EQ(cli_add_user("victim", kPassword).exit_code, 0);
  ASSERT_EQ(cli_add_user("mallory", kPassword).exit_code, 0);

  // A made-up id planted before sign-in is replaced, and stays worthless.
  Client c = client();
  const std::string planted = std::string(43, 'F');
  c.set_cookie("sid", planted);
  ASSERT_EQ(login(c, "victim").status, 303);
  ASSERT_TRUE(c.cookie("sid"));
  EXPECT_NE(*c.cookie("sid"), planted);
  Client fixer = client();
  fixer.set_cookie("sid", planted);
  EXPECT_FALSE(signed_in(fixer));

  // An attacker's own live session planted in the victim's browser is
  // ended by the victim's sign-in; it never becomes the victim's.
  Client attacker = client();
  ASSERT_EQ(login(attacker, "mallory").status, 303);
  const std::string attackers_sid = *attacker.cookie("sid");
  Client browser = client();
  browser.set_cookie("sid", attackers_sid);
  // Signed in (as mallory), so the victim signs in with that session's token.
  const auto r = browser.post_form("/login", {{"csrf", session_csrf(browser)},
                                              {"username", "victim"},
                                              {"password", kPassword},
                                              {"next", "/"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_NE(*browser.cookie("sid"), attackers_sid);
  EXPECT_TRUE(contains(browser.get("/account").body, "(victim, reader)"));
  EXPECT_FALSE(signed_in(attacker));

  // Signing in again from the same browser rotates the id, too.
  std::set<std::string> seen = {*c.cookie("sid"), *browser.cookie("sid"), attackers_sid};
  for (int i = 0; i < 3; ++i) {
    Client again = client();
    ASSERT_EQ(login(again, "victim").status, 303);
    EXPECT_TRUE(seen.insert(*again.cookie("sid")).second) << "session id reused";
  }
}

TEST_F(Accounts, LogoutEndsTheSessionOnTheServer) {
  Client c = new_reader(port(), "leaver");
  const std::string sid = *c.cookie("sid");
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM sessions"), "1");

  // Without the session's token the sign-out is refused.
  EXPECT_EQ(c.post_form("/logout", {}).status, 403);
  EXPECT_EQ(c.post_form("/logout", {{"csrf", std::string(43, 'x')}}).status, 403);
  EXPECT_TRUE(signed_in(c));
  // Only POST signs out.
  EXPECT_EQ(c.get("/logout").status, 405);
  EXPECT_TRUE(signed_in(c));

  ASSERT_EQ(c.post_form("/logout", {{"csrf", session_csrf(c)}}).status, 303);
  // A copy of the old cookie no longer works: the session is gone.
  Client replay = client();
  replay.set_cookie("sid", sid);
  EXPECT_FALSE(signed_in(replay));
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM sessions"), "0");
  // Signing out when signed out is harmless.
  EXPECT_EQ(replay.post_form("/logout", {}).status, 303);
}

TEST_F(Accounts, ChangingThePasswordEndsOtherSessions) {
  ASSERT_EQ(cli_add_user("changer", kPassword).exit_code, 0);
  Client here = client(), there = client();
  ASSERT_EQ(login(here, "changer").status, 303);
  ASSERT_EQ(login(there, "changer").status, 303);
  const std::string old_sid = *here.cookie("sid");
  const std::string fresh = "a brand new passphrase";

  // Refused: no token, wrong current password, too short a new one.
  EXPECT_EQ(
      here.post_form("/account/password", {{"current", kPassword}, {"password", fresh}}).status,
      403);
  auto r = here.post_form(
      "/account/password",
      {{"csrf", session_csrf(here)}, {"current", "not my password"}, {"password", fresh}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "The current password is wrong."));
  r = here.post_form("/account/password",
                     {{"csrf", session_csrf(here)}, {"current", kPassword}, {"password", "short"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "at least 10 characters"));
  EXPECT_TRUE(signed_in(there));

  r = here.post_form("/account/password",
                     {{"csrf", session_csrf(here)}, {"current", kPassword}, {"password", fresh}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/account?changed=1");
  // This browser carries on with a new session; every other one is out.
  ASSERT_TRUE(here.cookie("sid"));
  EXPECT_NE(*here.cookie("sid"), old_sid);
  r = here.get("/account?changed=1");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "every other session was signed out"));
  EXPECT_FALSE(signed_in(there));
  Client replay = client();
  replay.set_cookie("sid", old_sid);
  EXPECT_FALSE(signed_in(replay));
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM sessions"), "1");

  // The old password is dead, the new one works.
  Client later = client();
  EXPECT_EQ(login(later, "changer", kPassword).status, 401);
  EXPECT_EQ(login(later, "changer", fresh).status, 303);
}

// ---------------------------------------------------------------------------
// Failed sign-ins

TEST_F(Accounts, WrongPasswordAndUnknownUserLookTheSame) {
  ASSERT_EQ(cli_add_user("known1", kPassword).exit_code, 0);
  ASSERT_EQ(cli_add_user("dormant", kPassword).exit_code, 0);
  ASSERT_EQ(cli({"user", "disable", "dormant"}).exit_code, 0);
  Client c = client();
  const auto wrong = login(c, "known1", "wrong password!");
  const auto unknown = login(c, "nobody1", "wrong password!");
  const auto disabled = login(c, "dormant", kPassword);  // right password, disabled account
  for (const auto* r : {&wrong, &unknown, &disabled}) {
    EXPECT_EQ(r->status, 401);
    EXPECT_TRUE(contains(r->body, "Wrong username or password.")) << r->body;
    EXPECT_EQ(set_cookie_header(*r, "sid"), "");
  }
  // Apart from the echoed username, the pages are the same.
  auto scrub = [](std::string body, const std::string& user) {
    const std::string v = "value=\"" + user + "\"";
    const auto at = body.find(v);
    if (at != std::string::npos) body.replace(at, v.size(), "value=\"USER\"");
    return body;
  };
  EXPECT_EQ(scrub(wrong.body, "known1"), scrub(unknown.body, "nobody1"));
  EXPECT_EQ(scrub(wrong.body, "known1"), scrub(disabled.body, "dormant"));
  EXPECT_FALSE(contains(wrong.body, "password is wrong"));
  EXPECT_FALSE(contains(unknown.body, "no such"));
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM sessions"), "0");
}

TEST_F(Accounts, FiveFailuresThrottleTheAccount) {
  ASSERT_EQ(cli_add_user("target", kPassword).exit_code, 0);
  ASSERT_EQ(cli_add_user("bystander", kPassword).exit_code, 0);
  Client c = client();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(login(c, "target", "guess number " + std::to_string(i)).status, 401);
  // Now even the right password is refused, with a generic message.
  auto r = login(c, "target", kPassword);
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(contains(r.body, "Too many attempts")) << r.body;
  EXPECT_FALSE(contains(r.body, "Wrong username or password."));
  EXPECT_FALSE(r.header("retry-after").empty());
  EXPECT_FALSE(c.cookie("sid"));
  // Changing the case of the username does not get round it.
  EXPECT_EQ(login(c, "TARGET", kPassword).status, 429);
  Client elsewhere = client();
  EXPECT_EQ(login(elsewhere, "Target", kPassword).status, 429);
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM sessions"), "0");
  // An unknown name throttles the same way, so throttling tells nothing.
  for (int i = 0; i < 5; ++i) login(c, "ghost", "guess");
  const auto ghost = login(c, "ghost", "guess");
  EXPECT_EQ(ghost.status, 429);
  EXPECT_TRUE(contains(ghost.body, "Too many attempts"));
  // Other accounts from the same address still sign in.
  EXPECT_EQ(login(c, "bystander").status, 303);
}

TEST_F(Accounts, ASuccessfulSignInResetsTheAccountsCount) {
  ASSERT_EQ(cli_add_user("forgetful", kPassword).exit_code, 0);
  for (int round = 0; round < 2; ++round) {
    Client c = client();
    for (int i = 0; i < 4; ++i) EXPECT_EQ(login(c, "forgetful", "not it").status, 401);
    EXPECT_EQ(login(c, "forgetful").status, 303) << "round " << round;
  }
}

TEST_F(Accounts, TwentyFailuresThrottleTheAddress) {
  ASSERT_EQ(cli_add_user("innocent", kPassword).exit_code, 0);
  Client c = client();
  // Four names, five tries each would throttle each account; use twenty
  // names so only the per-address limit can be what stops the next one.
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(login(c, "spray" + std::to_string(i), "guess").status, 401);
  const auto r = login(c, "innocent", kPassword);
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(contains(r.body, "Too many attempts"));
  EXPECT_FALSE(c.cookie("sid"));
}

TEST_F(Accounts, DisabledAccountCannotSignInAndItsSessionsEnd) {
  ASSERT_EQ(cli_add_user("dora", kPassword).exit_code, 0);
  Client c = client();
  ASSERT_EQ(login(c, "dora").status, 303);
  ASSERT_TRUE(signed_in(c));

  const auto off = cli({"user", "disable", "dora"});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_FALSE(signed_in(c));
  Client fresh = client();
  const auto r = login(fresh, "dora");
  EXPECT_EQ(r.status, 401);
  EXPECT_TRUE(contains(r.body, "Wrong username or password."));
  EXPECT_FALSE(fresh.cookie("sid"));

  ASSERT_EQ(cli({"user", "enable", "dora"}).exit_code, 0);
  Client back = client();
  EXPECT_EQ(login(back, "dora").status, 303);
  EXPECT_TRUE(signed_in(back));
  EXPECT_NE(cli({"user", "disable", "nobody-here"}).exit_code, 0);
}

// ---------------------------------------------------------------------------
// symptomdb user ...

TEST_F(Accounts, CliUserAdd) {
  auto r = cli_add_user("shorty", "too short");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(contains(r.err, "at least 10 characters")) << r.err;
  r = cli_add_user("emptyin", "");
  EXPECT_NE(r.exit_code, 0);
  r = cli_add_user("bad name", kPassword);
  EXPECT_NE(r.exit_code, 0);
  r = cli_add_user("rolefree", kPassword, "overlord");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(contains(r.err, "unknown role")) << r.err;
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM users"), "0");

  r = cli_add_user("writer1", kPassword, "author", "Wendy Writer");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "created author 'writer1'")) << r.out;
  EXPECT_FALSE(contains(r.out + r.err, kPassword));
  r = cli_add_user("writer1", "another long password");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(contains(r.err, "taken")) << r.err;
  EXPECT_NE(cli_add_user("WRITER1", kPassword).exit_code, 0);
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM users"), "1");

  // The account works on the web, with its role and display name.
  Client c = client();
  ASSERT_EQ(login(c, "writer1").status, 303);
  EXPECT_TRUE(contains(c.get("/account").body,
                       "Signed in as <strong>Wendy Writer</strong> (writer1, author)"));
  ASSERT_EQ(cli({"user", "role", "writer1", "editor"}).exit_code, 0);
  EXPECT_TRUE(contains(c.get("/account").body, "(writer1, editor)"));
  // The duplicate attempt did not change the password.
  Client d = client();
  EXPECT_EQ(login(d, "writer1", "another long password").status, 401);
}

// ---------------------------------------------------------------------------
// Author profiles and ratings

TEST_F(Accounts, AuthorProfilePageAndJson) {
  auto r = http_get(port(), "/authors/" + kAuthor);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, ">Sam Example, PT</h1>")) << r.body;
  EXPECT_TRUE(contains(r.body, "Example Sports Clinic, Springfield"));
  EXPECT_TRUE(contains(r.body, "href=\"/articles/shin-splints\""));
  EXPECT_TRUE(contains(r.body, "No ratings yet."));
  EXPECT_TRUE(contains(r.body, "href=\"/login?next=%2Fauthors%2Fsam-example\""));
  const auto j = author_json(port());
  EXPECT_EQ(j["slug"], kAuthor);
  EXPECT_EQ(j["name"], "Sam Example");
  EXPECT_EQ(j["credential"], "PT");
  EXPECT_EQ(j["rating"]["count"], 0);
  ASSERT_EQ(j["articles"].size(), 1u);
  EXPECT_EQ(j["articles"][0]["url"], "/articles/shin-splints");

  EXPECT_EQ(http_get(port(), "/authors/nobody-at-all").status, 404);
  r = http_get(port(), "/api/v1/authors/nobody-at-all");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "author_not_found");
  EXPECT_EQ(http_get(port(), "/authors/").status, 404);
  EXPECT_EQ(http_get(port(), "/authors/Not_A_Slug").status, 404);
}

TEST_F(Accounts, ArticleBylineLinksToTheAuthor) {
  const auto r = http_get(port(), kArticle);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(
      r.body,
      "<p class=\"byline\">By <a href=\"/authors/sam-example\" rel=\"author\">Sam Example</a>"))
      << r.body;
  // Signed out: the rating block offers to sign in and come back.
  EXPECT_TRUE(contains(r.body, "href=\"/login?next=%2Farticles%2Fshin-splints\""));
  EXPECT_FALSE(contains(r.body, "rating-form"));
  // The sign-in page keeps `next` for after.
  Client c = client();
  const auto page = c.get("/login?next=%2Farticles%2Fshin-splints");
  EXPECT_TRUE(contains(page.body, "name=\"next\" value=\"/articles/shin-splints\""));
}

TEST_F(Accounts, RatingNeedsASignedInReaderAndTheSessionsToken) {
  // Anonymous: 401, as a form or as JSON.
  Client anon = client();
  anon.get("/login");  // has a signed-out token; not good enough
  auto r =
      anon.post_form("/authors/" + kAuthor + "/ratings", {{"csrf", anon.csrf()}, {"stars", "5"}});
  EXPECT_EQ(r.status, 401);
  r = anon.post_json("/api/v1/authors/" + kAuthor + "/ratings", R"({"stars": 5})",
                     {{"X-CSRF-Token", anon.csrf()}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "sign_in_required");

  Client c = new_reader(port(), "rater");
  c.get("/login");  // nothing: already signed in
  // No token, a made-up one, or the signed-out cookie's token: 403.
  r = c.post_form("/authors/" + kAuthor + "/ratings", {{"stars", "5"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(rate(c, "5", std::string(43, 'Z')).status, 403);
  ASSERT_TRUE(c.cookie("csrf"));
  EXPECT_EQ(rate(c, "5", *c.cookie("csrf")).status, 403);
  EXPECT_EQ(rate(c, "5", std::string("")).status, 403);
  // Another session's token is not this session's.
  Client other = new_reader(port(), "other");
  EXPECT_EQ(rate(c, "5", session_csrf(other)).status, 403);
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM author_ratings"), "0");
  EXPECT_EQ(author_json(port())["rating"]["count"], 0);
}

TEST_F(Accounts, StarsMustBeOneToFive) {
  Client c = new_reader(port(), "picky");
  for (const std::string bad : {"0", "6", "x", "", "4.5", "44", "-1", " 4", "4 ", "٤"}) {
    const auto r = rate(c, bad);
    EXPECT_EQ(r.status, 400) << "stars=" << bad;
  }
  // Missing altogether.
  EXPECT_EQ(c.post_form("/authors/" + kAuthor + "/ratings", {{"csrf", session_csrf(c)}}).status,
            400);
  const std::string token = session_csrf(c);
  for (const std::string bad :
       {R"({"stars": 0})", R"({"stars": 6})", R"({"stars": "4"})", R"({"stars": 4.5})",
        R"({"stars": null})", R"({"stars": [4]})", R"({"stars": true})", R"({})", R"([4])",
        "stars=4", "", R"({"stars": -4})"}) {
    const auto r =
        c.post_json("/api/v1/authors/" + kAuthor + "/ratings", bad, {{"X-CSRF-Token", token}});
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8") << bad;
  }
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM author_ratings"), "0");
}

TEST_F(Accounts, JsonStarsOutsideIntRangeAreRefused) {
  // Found narrowed to int before the 1..5 check ({"stars": 4294967300} was
  // stored as 4 stars); a regression test now.
  Client c = new_reader(port(), "overflow");
  const std::string token = session_csrf(c);
  // 2^32 + 4 is not 4 stars, nor is -2^32 + 4, nor anything near the
  // 64-bit limits.
  for (const std::string n : {"4294967300", "-4294967292", "9223372036854775807",
                              "9223372036854775812", "-9223372036854775804", "18446744073709551615",
                              "18446744073709551620", "100000000000000000000004"}) {
    const auto r = c.post_json("/api/v1/authors/" + kAuthor + "/ratings", "{\"stars\": " + n + "}",
                               {{"X-CSRF-Token", token}});
    EXPECT_EQ(r.status, 400) << n;
  }
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM author_ratings"), "0");
}

TEST_F(Accounts, RatingAgainReplacesTheFirst) {
  Client c = new_reader(port(), "changeable");
  auto r = rate(c, "4");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/authors/" + kAuthor);
  auto j = author_json(port());
  EXPECT_EQ(j["rating"]["count"], 1);
  EXPECT_DOUBLE_EQ(j["rating"]["average"].get<double>(), 4.0);
  auto page = c.get("/authors/" + kAuthor);
  EXPECT_TRUE(contains(page.body, rating_line("4.0", 1))) << page.body;
  EXPECT_TRUE(contains(page.body, "Your rating (now 4 of 5)"));
  EXPECT_TRUE(contains(page.body, "value=\"4\" checked"));

  r = rate(c, "2", std::nullopt, kArticle);
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), kArticle);
  j = author_json(port());
  EXPECT_EQ(j["rating"]["count"], 1);
  EXPECT_DOUBLE_EQ(j["rating"]["average"].get<double>(), 2.0);
  page = c.get("/authors/" + kAuthor);
  EXPECT_TRUE(contains(page.body, rating_line("2.0", 1)));
  EXPECT_TRUE(contains(page.body, "value=\"2\" checked"));
  EXPECT_FALSE(contains(page.body, "value=\"4\" checked"));
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM author_ratings"), "1");
  // An off-site `next` lands on the site instead.
  r = rate(c, "3", std::nullopt, "https://evil.example/");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/");
}

TEST_F(Accounts, TwoReadersAverage) {
  Client a = new_reader(port(), "fan4"), b = new_reader(port(), "fan5");
  ASSERT_EQ(rate(a, "4").status, 303);
  ASSERT_EQ(rate(b, "5").status, 303);
  const auto j = author_json(port());
  EXPECT_EQ(j["rating"]["count"], 2);
  EXPECT_DOUBLE_EQ(j["rating"]["average"].get<double>(), 4.5);
  // On the author page and the article page, signed in or not.
  for (Client* who : {&a, &b}) {
    EXPECT_TRUE(contains(who->get("/authors/" + kAuthor).body, rating_line("4.5", 2)));
    EXPECT_TRUE(contains(who->get(kArticle).body, rating_line("4.5", 2)));
  }
  const auto anon_article = http_get(port(), kArticle);
  EXPECT_TRUE(contains(anon_article.body, rating_line("4.5", 2))) << anon_article.body;
  // A page that shows live ratings is not cached as if it never changed.
  EXPECT_EQ(anon_article.header("etag"), "");
  EXPECT_TRUE(contains(http_get(port(), "/authors/" + kAuthor).body, rating_line("4.5", 2)));
  // Each reader sees their own rating.
  EXPECT_TRUE(contains(a.get(kArticle).body, "Your rating (now 4 of 5)"));
  EXPECT_TRUE(contains(b.get(kArticle).body, "Your rating (now 5 of 5)"));

  // A third reader makes it 4.3 (13 / 3), one decimal.
  Client c = new_reader(port(), "fan4b");
  ASSERT_EQ(rate(c, "4").status, 303);
  EXPECT_TRUE(contains(http_get(port(), kArticle).body, rating_line("4.3", 3)));
  EXPECT_DOUBLE_EQ(author_json(port())["rating"]["average"].get<double>(), 4.3);
}

TEST_F(Accounts, BylineShowsAverageAndCount) {
  Client a = new_reader(port(), "fan4"), b = new_reader(port(), "fan5");
  ASSERT_EQ(rate(a, "4").status, 303);
  ASSERT_EQ(rate(b, "5").status, 303);
  const auto body = http_get(port(), kArticle).body;
  const auto start = body.find("<p class=\"byline\">");
  ASSERT_NE(start, std::string::npos);
  const std::string byline = body.substr(start, body.find("</p>", start) - start);
  // Found missing (only the "Rate author" block had them); now a regression test.
  EXPECT_TRUE(contains(byline, "href=\"/authors/sam-example\"")) << byline;
  EXPECT_TRUE(contains(byline, "4.5")) << byline;
  EXPECT_TRUE(contains(byline, "2 ratings")) << byline;
  // It follows a changed rating: (4 + 1) / 2.
  ASSERT_EQ(rate(b, "1").status, 303);
  const auto again = http_get(port(), kArticle).body;
  const auto s2 = again.find("<p class=\"byline\">");
  const std::string byline2 = again.substr(s2, again.find("</p>", s2) - s2);
  EXPECT_TRUE(contains(byline2, "2.5")) << byline2;
}

TEST_F(Accounts, NobodyRatesThemselves) {
  Client sam = new_reader(port(), "samuser");
  const auto link = cli({"user", "link-author", "samuser", kAuthor});
  ASSERT_EQ(link.exit_code, 0) << link.err;
  EXPECT_NE(cli({"user", "link-author", "samuser", "no-such-author"}).exit_code, 0);
  EXPECT_NE(cli({"user", "link-author", "no-such-user", kAuthor}).exit_code, 0);

  // The page offers no form, and posting anyway is refused.
  auto page = sam.get("/authors/" + kAuthor);
  EXPECT_TRUE(contains(page.body, "You cannot rate yourself."));
  EXPECT_FALSE(contains(page.body, "rating-form"));
  EXPECT_TRUE(contains(sam.get(kArticle).body, "You cannot rate yourself."));
  auto r = rate(sam, "5");
  EXPECT_EQ(r.status, 403);
  r = sam.post_json("/api/v1/authors/" + kAuthor + "/ratings", R"({"stars": 5})",
                    {{"X-CSRF-Token", session_csrf(sam)}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "self_rating");
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM author_ratings"), "0");

  // Anyone else may.
  Client reader = new_reader(port(), "someone");
  EXPECT_EQ(rate(reader, "3").status, 303);
  EXPECT_EQ(author_json(port())["rating"]["count"], 1);
}

TEST_F(Accounts, JsonRatingEndpoint) {
  Client c = new_reader(port(), "apiuser");
  const std::string url = "/api/v1/authors/" + kAuthor + "/ratings";
  auto r = c.post_json(url, R"({"stars": 3})");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "csrf");
  r = c.post_json(url, R"({"stars": 3})", {{"X-CSRF-Token", std::string(43, 'q')}});
  EXPECT_EQ(r.status, 403);
  // The token in a form field does not count for JSON.
  r = c.post_json(url, R"({"stars": 3, "csrf": ")" + session_csrf(c) + "\"}");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM author_ratings"), "0");

  r = c.post_json(url, R"({"stars": 3})", {{"X-CSRF-Token", session_csrf(c)}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  auto j = json::parse(r.body);
  EXPECT_EQ(j["author"], kAuthor);
  EXPECT_EQ(j["yours"], 3);
  EXPECT_EQ(j["count"], 1);
  EXPECT_DOUBLE_EQ(j["average"].get<double>(), 3.0);
  r = c.post_json(url, R"({"stars": 5})", {{"X-CSRF-Token", session_csrf(c)}});
  ASSERT_EQ(r.status, 200);
  j = json::parse(r.body);
  EXPECT_EQ(j["yours"], 5);
  EXPECT_EQ(j["count"], 1);
  EXPECT_DOUBLE_EQ(j["average"].get<double>(), 5.0);
  EXPECT_TRUE(contains(http_get(port(), kArticle).body, rating_line("5.0", 1)));
  // GET on the ratings address is not a way to rate.
  EXPECT_EQ(c.get(url).status, 405);
  EXPECT_EQ(c.get("/authors/" + kAuthor + "/ratings?stars=1").status, 405);
  EXPECT_EQ(db_value("SELECT stars FROM author_ratings"), "5");
}

TEST_F(Accounts, RatingFromTheArticlePageFormReturnsToTheArticle) {
  Client c = new_reader(port(), "formuser");
  const auto page = c.get(kArticle);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "action=\"/authors/sam-example/ratings\""));
  EXPECT_TRUE(contains(page.body, "name=\"next\" value=\"/articles/shin-splints\""));
  EXPECT_EQ(csrf_field(page.body), session_csrf(c));
  // A signed-in reader's page is private to them.
  EXPECT_TRUE(contains(page.header("cache-control"), "private"));
  const auto r = c.post_form(
      "/authors/sam-example/ratings",
      {{"csrf", csrf_field(page.body)}, {"next", "/articles/shin-splints"}, {"stars", "4"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), kArticle);
  const auto after = c.get(kArticle);
  EXPECT_TRUE(contains(after.body, rating_line("4.0", 1)));
  EXPECT_TRUE(contains(after.body, "Your rating (now 4 of 5)"));
}

// Issue 14: the author page shows how the ratings are spread, as bars drawn
// by the server with the numbers beside them in a table (for screen readers
// and without pictures); the article page keeps its one-line summary.
TEST_F(Accounts, AuthorPageShowsTheRatingsPerNumberOfStars) {
  const auto before = http_get(port(), "/authors/" + kAuthor).body;
  EXPECT_TRUE(contains(before, "No ratings yet."));
  EXPECT_FALSE(contains(before, "rating-histogram"));
  Client a = new_reader(port(), "hist1"), b = new_reader(port(), "hist2"),
         c = new_reader(port(), "hist3");
  ASSERT_EQ(rate(a, "5").status, 303);
  ASSERT_EQ(rate(b, "5").status, 303);
  ASSERT_EQ(rate(c, "1").status, 303);
  ASSERT_EQ(rate(c, "2").status, 303);  // replaces the 1
  for (const auto& body :
       {http_get(port(), "/authors/" + kAuthor).body, a.get("/authors/" + kAuthor).body}) {
    EXPECT_TRUE(contains(body, rating_line("4.0", 3))) << body;
    EXPECT_TRUE(contains(body, "<caption>How readers rated Sam Example</caption>")) << body;
    // One row per number of stars, most first: the count, a bar as wide as
    // the share (of 100), the share as text.
    const std::regex row(
        "<th scope=\"row\">(\\d) stars?</th><td>(\\d+)</td><td><svg class=\"bar\" width=\"100\" "
        "height=\"10\" aria-hidden=\"true\" focusable=\"false\">.*?<rect class=\"bar-fit\" "
        "width=\"(\\d+)\" height=\"10\"/></svg> (\\d+)%</td>");
    std::vector<std::string> rows;
    for (auto it = std::sregex_iterator(body.begin(), body.end(), row);
         it != std::sregex_iterator(); ++it)
      rows.push_back((*it)[1].str() + ":" + (*it)[2].str() + ":" + (*it)[3].str() + ":" +
                     (*it)[4].str());
    EXPECT_EQ(rows,
              (std::vector<std::string>{"5:2:67:67", "4:0:0:0", "3:0:0:0", "2:1:33:33", "1:0:0:0"}))
        << body;
  }
  // Article pages have the average only.
  const auto article = http_get(port(), kArticle).body;
  EXPECT_TRUE(contains(article, rating_line("4.0", 3)));
  EXPECT_FALSE(contains(article, "rating-histogram"));
}

}  // namespace
}  // namespace symptomdb::test
