// The route table's matcher, without a server.
#include <gtest/gtest.h>

#include <stdexcept>

#include "web/router.hpp"

namespace symptomdb::web {
namespace {

const Router::Matched& matched(const Router::Result& r) {
  return std::get<Router::Matched>(r);
}

TEST(Router, MatchesLiteralsAndCapturesParameters) {
  Router r;
  const auto home = r.add("GET", "/");
  const auto article = r.add("GET", "/articles/{slug}");
  const auto revision = r.add("GET", "/api/v1/drafts/{slug}/revisions/{n:int}");
  EXPECT_EQ(matched(r.match("GET", "/")).id, home);
  const auto a = r.match("GET", "/articles/shin-splints");
  EXPECT_EQ(matched(a).id, article);
  EXPECT_EQ(matched(a).params["slug"], "shin-splints");
  const auto v = r.match("GET", "/api/v1/drafts/shin-splints/revisions/12");
  EXPECT_EQ(matched(v).id, revision);
  EXPECT_EQ(matched(v).params["slug"], "shin-splints");
  EXPECT_EQ(matched(v).params.integer("n"), 12);
  EXPECT_THROW((void)matched(v).params["nope"], std::out_of_range);
}

TEST(Router, IntParametersTakeOnlyWholeNumbersFromOne) {
  Router r;
  r.add("GET", "/comments/{id:int}");
  for (const char* bad : {"/comments/0", "/comments/-1", "/comments/1x", "/comments/",
                          "/comments/+2", "/comments/99999999999999999999"})
    EXPECT_TRUE(std::holds_alternative<Router::NotFound>(r.match("GET", bad))) << bad;
  EXPECT_EQ(matched(r.match("GET", "/comments/7")).params.integer("id"), 7);
}

TEST(Router, UnknownPathsAreNotFoundAndNoPrefixMatches) {
  Router r;
  r.add("GET", "/articles/{slug}");
  for (const char* p : {"/nothing", "/articles", "/articles/a/b", "/articlesx/a", "", "x"})
    EXPECT_TRUE(std::holds_alternative<Router::NotFound>(r.match("GET", p))) << p;
}

TEST(Router, SegmentsAreDecodedAfterSplittingSoAnEncodedSlashStaysInside) {
  Router r;
  r.add("GET", "/articles/{slug}");
  const auto m = r.match("GET", "/articles/..%2F..%2Fetc");
  ASSERT_TRUE(std::holds_alternative<Router::Matched>(m));
  EXPECT_EQ(matched(m).params["slug"], "../../etc");  // the handler refuses it as a slug
  EXPECT_EQ(matched(r.match("GET", "/articles/a%20b")).params["slug"], "a b");
  EXPECT_TRUE(std::holds_alternative<Router::NotFound>(r.match("GET", "/articles/%zz")));
}

TEST(Router, WrongMethodIs405WithTheMethodsThatWouldDo) {
  Router r;
  r.add("GET", "/account");
  r.add("POST", "/account");
  r.add("POST", "/logout");
  r.add("GET", "/search");
  const auto put = r.match("PUT", "/account");
  ASSERT_TRUE(std::holds_alternative<Router::MethodNotAllowed>(put));
  EXPECT_EQ(std::get<Router::MethodNotAllowed>(put).allow, "GET, HEAD, POST");
  EXPECT_EQ(std::get<Router::MethodNotAllowed>(r.match("GET", "/logout")).allow, "POST");
  EXPECT_EQ(std::get<Router::MethodNotAllowed>(r.match("HEAD", "/logout")).allow, "POST");
  EXPECT_EQ(std::get<Router::MethodNotAllowed>(r.match("POST", "/search")).allow, "GET, HEAD");
}

TEST(Router, HeadFollowsGet) {
  Router r;
  const auto id = r.add("GET", "/healthz");
  EXPECT_EQ(matched(r.match("HEAD", "/healthz")).id, id);
}

TEST(Router, TheMostSpecificPatternWinsWhateverTheOrderOfAdding) {
  Router r;
  const auto rest = r.add("GET", "/api/v1/drafts/{rest:path}");
  const auto action = r.add("POST", "/api/v1/drafts/{slug}/{action}");
  const auto any_slug = r.add("GET", "/api/v1/drafts/{slug}/revisions");
  const auto numbered = r.add("GET", "/api/v1/drafts/{slug}/revisions/{n:int}");
  const auto named = r.add("GET", "/api/v1/drafts/{slug}/revisions/{name}");
  EXPECT_EQ(matched(r.match("GET", "/api/v1/drafts/a/revisions")).id, any_slug);
  EXPECT_EQ(matched(r.match("GET", "/api/v1/drafts/a/revisions/3")).id, numbered);
  EXPECT_EQ(matched(r.match("GET", "/api/v1/drafts/a/revisions/x")).id, named);
  // A POST to a path only GET takes falls to the pattern that takes POST.
  EXPECT_EQ(matched(r.match("POST", "/api/v1/drafts/a/revisions")).id, action);
  const auto tail = r.match("GET", "/api/v1/drafts/a/b/c/d");
  EXPECT_EQ(matched(tail).id, rest);
  EXPECT_EQ(matched(tail).params["rest"], "a/b/c/d");
}

TEST(Router, AnyMethodRoutesTakeEveryMethod) {
  Router r;
  const auto id = r.add("*", "/login");
  for (const char* m : {"GET", "HEAD", "POST", "DELETE", "TRACE"})
    EXPECT_EQ(matched(r.match(m, "/login")).id, id) << m;
}

TEST(Router, MalformedOrRepeatedPatternsAreRefusedWhenAdded) {
  Router r;
  EXPECT_THROW(r.add("GET", "articles"), std::invalid_argument);
  EXPECT_THROW(r.add("GET", "/a/{slug"), std::invalid_argument);
  EXPECT_THROW(r.add("GET", "/a/{}"), std::invalid_argument);
  EXPECT_THROW(r.add("GET", "/a/{n:float}"), std::invalid_argument);
  EXPECT_THROW(r.add("GET", "/a/{rest:path}/b"), std::invalid_argument);
  EXPECT_THROW(r.add("GET", "/a/x{y}"), std::invalid_argument);
  r.add("GET", "/a");
  EXPECT_THROW(r.add("GET", "/a"), std::invalid_argument);
  EXPECT_NO_THROW(r.add("POST", "/a"));
}

TEST(Router, AllowHeaderIsOrderedWithoutRepeats) {
  EXPECT_EQ(allow_header({"POST", "GET"}), "GET, HEAD, POST");
  EXPECT_EQ(allow_header({"DELETE", "POST", "POST"}), "POST, DELETE");
  EXPECT_EQ(allow_header({"GET", "HEAD"}), "GET, HEAD");
}

}  // namespace
}  // namespace symptomdb::web
