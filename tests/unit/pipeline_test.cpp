// The request pipeline's steps and the fragments of cached pages, without
// a server: an App over an empty site, a session source that reads a
// made-up cookie.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/seed_text.hpp"
#include "support/temp_dir.hpp"
#include "text/source_file.hpp"
#include "web/pipeline.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {
namespace {

Request post(std::string body, std::string content_type = "application/x-www-form-urlencoded") {
  Request r;
  r.method = "POST";
  r.target = "/things";
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

Session session_with(Role role, std::string token = "tok") {
  Session s;
  s.user.id = 1;
  s.user.role = role;
  s.user.display_name = "Pat";
  s.csrf_token = std::move(token);
  return s;
}

TEST(Pipeline, BodyIsReadAsTheRouteDeclares) {
  Needs form{.body = BodyKind::form};
  auto ok = read_body(post("a=1&b=two+words"), form);
  ASSERT_TRUE(std::holds_alternative<RequestBody>(ok));
  EXPECT_EQ(std::get<RequestBody>(ok).field("b"), "two words");
  EXPECT_FALSE(std::get<RequestBody>(ok).field("c"));

  auto bad_form = read_body(post("a=%zz"), form);
  EXPECT_EQ(std::get<HttpError>(bad_form).status, 400);
  EXPECT_EQ(std::get<HttpError>(bad_form).code, "bad_form");

  Needs small{.body = BodyKind::form, .max_body = 4};
  auto big = read_body(post("a=12345"), small);
  EXPECT_EQ(std::get<HttpError>(big).status, 413);
  EXPECT_EQ(std::get<HttpError>(big).code, "body_too_large");

  Needs either{.body = BodyKind::form_or_json};
  auto j = read_body(post(R"({"b": "x", "n": 3, "z": 0})", "application/json"), either);
  ASSERT_TRUE(std::holds_alternative<RequestBody>(j));
  const auto& body = std::get<RequestBody>(j);
  EXPECT_TRUE(body.is_json);
  EXPECT_EQ(body.field("b"), "x");
  EXPECT_FALSE(body.field("n"));  // not a string
  EXPECT_EQ(body.number("n"), 3);
  EXPECT_FALSE(body.number("z"));  // numbers are >= 1
  for (const char* broken : {"[1]", "{", "\"s\""}) {
    auto e = read_body(post(broken, "application/json"), either);
    EXPECT_EQ(std::get<HttpError>(e).code, "bad_json") << broken;
  }
  Needs json_only{.body = BodyKind::json};
  EXPECT_EQ(std::get<HttpError>(read_body(post("a=1"), json_only)).status, 415);
  // No body declared: nothing read, however large.
  EXPECT_TRUE(std::holds_alternative<RequestBody>(read_body(post(std::string(1 << 20, 'x')), {})));
}

TEST(Pipeline, CsrfTokenComesFromTheFormOrTheHeaderAndMustMatch) {
  const auto s = session_with(Role::reader, "secret-token");
  RequestBody form;
  form.form = {{"csrf", "secret-token"}};
  EXPECT_TRUE(csrf_ok(post(""), form, s));
  form.form = {{"csrf", "other"}};
  EXPECT_FALSE(csrf_ok(post(""), form, s));
  form.form = {};
  EXPECT_FALSE(csrf_ok(post(""), form, s));

  RequestBody json;
  json.is_json = true;
  json.json = {{"csrf", "secret-token"}};  // JSON bodies: the header, not a field
  auto req = post("{}", "application/json");
  EXPECT_FALSE(csrf_ok(req, json, s));
  req.csrf_header = "secret-token";
  EXPECT_TRUE(csrf_ok(req, json, s));

  // Signed out: the double-submit cookie.
  auto anon = post("");
  anon.cookie = "x=1; csrf=cookie-token";
  form.form = {{"csrf", "cookie-token"}};
  EXPECT_TRUE(csrf_ok(anon, form, std::nullopt));
  form.form = {{"csrf", "forged"}};
  EXPECT_FALSE(csrf_ok(anon, form, std::nullopt));
  anon.cookie.clear();
  form.form = {{"csrf", ""}};
  EXPECT_FALSE(csrf_ok(anon, form, std::nullopt));
}

TEST(Pipeline, OriginMustNameThisSiteOnStateChangingRequests) {
  Request r = post("");
  r.host = "example.org";
  EXPECT_FALSE(foreign_origin(r));  // no Origin: left to the token
  r.origin = "https://example.org";
  EXPECT_FALSE(foreign_origin(r));
  r.origin = "https://EXAMPLE.org:443";
  EXPECT_FALSE(foreign_origin(r));
  r.origin = "https://evil.example";
  EXPECT_TRUE(foreign_origin(r));
  r.origin = "null";
  EXPECT_TRUE(foreign_origin(r));
  r.forwarded_host = "evil.example, proxy";
  r.origin = "https://evil.example";
  EXPECT_FALSE(foreign_origin(r));  // the host a trusted proxy passes on
  r.method = "GET";
  r.forwarded_host.clear();
  EXPECT_FALSE(foreign_origin(r));
}

// A table with one route, run through App::handle with a fake session source
// standing in for accounts.
class PipelineRun : public ::testing::Test {
 protected:
  App app{std::make_shared<const Site>(std::vector<Article>{}), {"test", 1}};
  std::optional<Session> current;
  SessionSource sessions = [this](const Request&) { return current; };
  int handled = 0;

  Response run(const Needs& needs, Request req) {
    RouteTable t;
    t.add(
        req.method == "HEAD" ? "GET" : req.method, "/things/{id:int}",
        [this](Exchange& x) {
          ++handled;
          Response r;
          r.body = x.param("id") + ":" + x.field("v").value_or("-");
          return r;
        },
        needs);
    const auto found = t.router().match(req.method, req.target);
    auto m = std::get<Router::Matched>(found);
    const auto target = parse_target(req.target);
    Exchange x(app, req, *target, m.params, app.site());
    return run_pipeline(t.entry(m.id), x, sessions);
  }
};

TEST_F(PipelineRun, SignedOutIs401OrTheSignInPageForAPageRead) {
  Request r = post("v=1&csrf=tok");
  r.target = "/things/3";
  EXPECT_EQ(run({.body = BodyKind::form, .session = SessionNeed::required}, r).status, 401);
  Request get;
  get.method = "GET";
  get.target = "/things/3";
  const auto to_login = run({.session = SessionNeed::required, .sign_in_redirect = true}, get);
  EXPECT_EQ(to_login.status, 303);
  EXPECT_EQ(to_login.headers.front().second, "/login?next=%2Fthings%2F3");
  EXPECT_EQ(handled, 0);
}

TEST_F(PipelineRun, CsrfThenRoleThenRateLimitThenTheHandler) {
  Request r = post("v=hello&csrf=wrong");
  r.target = "/things/3";
  r.accept = "application/json";  // errors as JSON
  current = session_with(Role::reader, "tok");
  const Needs editors{.body = BodyKind::form,
                      .role = RoleNeed{Role::editor, "editors_only", "Only editors."}};
  EXPECT_EQ(run(editors, r).status, 403);
  EXPECT_EQ(nlohmann::json::parse(run(editors, r).body)["error"]["code"], "csrf");
  r.body = "v=hello&csrf=tok";
  const auto refused = run(editors, r);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(nlohmann::json::parse(refused.body)["error"]["code"], "editors_only");
  current = session_with(Role::editor, "tok");
  EXPECT_EQ(run(editors, r).body, "3:hello");
  Needs limited = editors;
  limited.rate_limit = [](const Exchange& x) -> std::optional<HttpError> {
    if (x.signed_in().user.id == 1)
      return HttpError{429, "slow_down", "Wait.", {{"Retry-After", "60"}}};
    return std::nullopt;
  };
  const auto slow = run(limited, r);
  EXPECT_EQ(slow.status, 429);
  bool retry_after = false;
  for (const auto& [k, v] : slow.headers) retry_after |= k == "Retry-After" && v == "60";
  EXPECT_TRUE(retry_after);
  EXPECT_EQ(handled, 1);
}

TEST_F(PipelineRun, SignOutStyleCsrfIsCheckedOnlyWithASession) {
  Request r = post("");
  r.target = "/things/1";
  const Needs logout{.csrf = Csrf::when_signed_in};
  EXPECT_EQ(run(logout, r).status, 200);
  current = session_with(Role::reader);
  EXPECT_EQ(run(logout, r).status, 403);
  EXPECT_EQ(run({.csrf = Csrf::none}, r).status, 200);
}

TEST(Fragments, MarkersAreFilledPerReaderFromTheRenderersNamed) {
  RouteTable t;
  t.fragment(
      "account",
      [](const FragmentContext& c, const Fragment&) {
        return c.session ? "<a>" + c.session->user.display_name + "</a>" : std::string("Sign in");
      },
      false);
  t.fragment("rating", [](const FragmentContext&, const Fragment& f) {
    return "[" + std::string(f.arg("author")) + "]";
  });
  Response r;
  const std::string page =
      "<nav><!--sdb:account--></nav><!--sdb:rating--><!--sdb:unknown--><p>x</p>";
  r.shared_body = page;
  r.fragments.push_back({"rating", {{"author", "erin-roe"}}});
  EXPECT_TRUE(has_fragment_markers(r.payload()));
  Request req;
  const Target target{"/", {}};
  const std::optional<Session> s = session_with(Role::reader);
  fill_fragments(r, t, {req, target, s});
  EXPECT_EQ(r.payload(), "<nav><a>Pat</a></nav>[erin-roe]<p>x</p>");
  EXPECT_FALSE(has_fragment_markers(r.payload()));

  // Not named by the response: a renderer that needs arguments leaves its
  // marker empty.
  Response bare;
  bare.body = "<!--sdb:rating-->|<!--sdb:account-->";
  fill_fragments(bare, t, {req, target, std::nullopt});
  EXPECT_EQ(bare.body, "|Sign in");
}

TEST(Fragments, WhatARendererInsertsIsNotScannedAgain) {
  RouteTable t;
  t.fragment("comments", [](const FragmentContext&, const Fragment&) {
    return std::string("<!--sdb:account-->");  // as if a reader had written it unescaped
  });
  t.fragment(
      "account", [](const FragmentContext&, const Fragment&) { return std::string("NAV"); }, false);
  Response r;
  r.body = "<!--sdb:comments--><!--sdb:account-->";
  r.fragments.push_back({"comments", {}});
  fill_fragments(r, t, {Request{}, Target{}, std::nullopt});
  EXPECT_EQ(r.body, "<!--sdb:account-->NAV");
}

TEST(AppRoutes, TheTableAnswers404And405WithAllow) {
  App app{std::make_shared<const Site>(std::vector<Article>{}), {"test", 1}};
  Request r;
  r.method = "POST";
  r.target = "/search";
  auto res = app.handle(r);
  EXPECT_EQ(res.status, 405);
  std::string allow;
  for (const auto& [k, v] : res.headers)
    if (k == "Allow") allow = v;
  EXPECT_EQ(allow, "GET, HEAD");
  r.method = "GET";
  r.target = "/no/such/page";
  EXPECT_EQ(app.handle(r).status, 404);
  r.target = "/api/v1/nothing";
  res = app.handle(r);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["code"], "not_found");
  r.method = "HEAD";
  r.target = "/healthz";
  EXPECT_EQ(app.handle(r).status, 200);
  // A method on an address nothing answers is still "not found".
  r.method = "POST";
  r.target = "/no/such/page";
  EXPECT_EQ(app.handle(r).status, 404);
}

TEST(AppRoutes, AnArticlePageNamesItsPerReaderFragmentsInsteadOfFillingThem) {
  Article a = ingest::parse_seed_text(
      text::read_source_file(test::source_dir() / "tests/fixtures/seed_like.txt"));
  a.author.name = "Erin Roe";
  const std::string slug = a.slug;
  App app{std::make_shared<const Site>(std::vector<Article>{a}), {"test", 1}};
  Request r;
  r.method = "GET";
  r.target = "/articles/" + slug;
  const auto page = app.handle(r);
  ASSERT_EQ(page.status, 200);
  auto named = [&](std::string_view name) -> const Fragment* {
    for (const auto& f : page.fragments)
      if (f.name == name) return &f;
    return nullptr;
  };
  ASSERT_TRUE(named("comments"));
  EXPECT_EQ(named("comments")->arg("slug"), slug);
  ASSERT_TRUE(named("rating"));
  EXPECT_EQ(named("rating")->arg("author"), a.author.slug());
  EXPECT_EQ(named("rating")->arg("back_to"), "/articles/" + slug);
  EXPECT_EQ(named("edit")->arg("author"), a.author.slug());
  // Without accounts nothing fills them: the markers are still there.
  EXPECT_NE(page.payload().find("<!--sdb:comments-->"), std::string::npos);
  // The JSON form has no per-reader parts.
  r.target = "/api/v1/articles/" + slug;
  EXPECT_TRUE(app.handle(r).fragments.empty());
}

}  // namespace
}  // namespace symptomdb::web
