// Issue 14 against the real server on the sample content: gzip with Vary
// and its own validators, search paging with Link headers, the crisis
// notice on search, breadcrumbs and review lines on articles. On SQLite, and
// on PostgreSQL with SYMPTOMDB_TEST_STORE=postgresql (support/stores.hpp).
#include <gtest/gtest.h>
#include <zlib.h>
#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/site_server.hpp"
#include "support/stores.hpp"

namespace symptomdb::test {
namespace {

using nlohmann::json;

std::string gunzip(const std::string& gz) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return "<inflateInit2 failed>";
  std::string out;
  char buf[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : "<not a complete gzip stream>";
}

class ReaderTest : public SiteServerSuite<ReaderTest> {};

TEST_F(ReaderTest, GzipWhenAskedWithVaryAndItsOwnValidator) {
  for (const char* target : {"/", "/articles/muscle-atrophy", "/api/v1/articles/muscle-atrophy",
                             "/static/style.css", "/search?q=muscle", "/api/v1/conditions"}) {
    SCOPED_TRACE(target);
    const auto plain = http_get(port(), target);
    ASSERT_EQ(plain.status, 200);
    EXPECT_EQ(plain.header("content-encoding"), "");
    EXPECT_NE(plain.header("vary").find("Accept-Encoding"), std::string::npos)
        << plain.header("vary");
    const auto gz = http_get(port(), target, {{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_EQ(gz.status, 200);
    EXPECT_EQ(gz.header("content-encoding"), "gzip");
    EXPECT_NE(gz.header("vary").find("Accept-Encoding"), std::string::npos);
    EXPECT_LT(gz.body.size(), plain.body.size());
    EXPECT_EQ(gz.header("content-length"), std::to_string(gz.body.size()));
    EXPECT_EQ(gunzip(gz.body), plain.body);
    // Refused explicitly: no gzip.
    const auto no = http_get(port(), target, {{"Accept-Encoding", "gzip;q=0, identity"}});
    EXPECT_EQ(no.header("content-encoding"), "");
    EXPECT_EQ(no.body, plain.body);
  }
  // A strong validator per representation; either one revalidates.
  const auto plain = http_get(port(), "/api/v1/articles/muscle-atrophy");
  const auto gz =
      http_get(port(), "/api/v1/articles/muscle-atrophy", {{"Accept-Encoding", "gzip"}});
  ASSERT_FALSE(plain.header("etag").empty());
  EXPECT_NE(plain.header("etag"), gz.header("etag"));
  const auto again = http_get(port(), "/api/v1/articles/muscle-atrophy",
                              {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz.header("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(ReaderTest, SearchPagesWithNextAndLink) {
  const auto first = http_get(port(), "/api/v1/search?q=muscle&per_page=1");
  ASSERT_EQ(first.status, 200);
  const json j = json::parse(first.body);
  ASSERT_GT(j["total"].get<int>(), 1);
  EXPECT_EQ(j["count"], 1);
  EXPECT_EQ(j["page"], 1);
  EXPECT_EQ(j["per_page"], 1);
  EXPECT_TRUE(j["prev"].is_null());
  ASSERT_EQ(j["next"], "/api/v1/search?q=muscle&per_page=1&page=2");
  EXPECT_EQ(first.header("link"), "</api/v1/search?q=muscle&per_page=1&page=2>; rel=\"next\"");
  // Snippets are plain text, with an HTML form that marks the match.
  for (const auto& r : j["results"]) {
    EXPECT_EQ(r["snippet"].get<std::string>().find("**"), std::string::npos) << r["snippet"];
    EXPECT_NE(r["snippet_html"].get<std::string>().find("<mark>"), std::string::npos);
  }
  const json second = json::parse(http_get(port(), j["next"].get<std::string>()).body);
  EXPECT_EQ(second["page"], 2);
  ASSERT_EQ(second["results"].size(), 1u);
  EXPECT_NE(second["results"][0]["slug"], j["results"][0]["slug"]);
  EXPECT_EQ(second["prev"], "/api/v1/search?q=muscle&per_page=1");
  // Every result exactly once over all pages.
  const std::size_t total = j["total"];
  std::set<std::string> seen;
  for (std::size_t p = 1; p <= total; ++p) {
    const json page = json::parse(
        http_get(port(), "/api/v1/search?q=muscle&per_page=1&page=" + std::to_string(p)).body);
    ASSERT_EQ(page["results"].size(), 1u) << p;
    EXPECT_TRUE(seen.insert(page["results"][0]["slug"]).second) << p;
  }
  const json past = json::parse(
      http_get(port(), "/api/v1/search?q=muscle&per_page=1&page=" + std::to_string(total + 1))
          .body);
  EXPECT_TRUE(past["results"].empty());
  EXPECT_TRUE(past["next"].is_null());
  // The HTML page has the same pager.
  const auto html = http_get(port(), "/search?q=muscle&per_page=1&page=2");
  EXPECT_NE(html.body.find("rel=\"prev\" href=\"/search?q=muscle&amp;per_page=1\""),
            std::string::npos);
  EXPECT_NE(html.body.find("Results 2&ndash;2 of"), std::string::npos);
  for (const char* bad : {"page=0", "page=x", "per_page=51", "per_page=50&page=21"})
    EXPECT_EQ(http_get(port(), std::string("/api/v1/search?q=muscle&") + bad).status, 400) << bad;
}

TEST_F(ReaderTest, SearchShowsTheCrisisNoticeForSelfHarmWords) {
  const auto html = http_get(port(), "/search?q=" + url_encode("I want to kill myself"));
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("class=\"emergency\" role=\"alert\""), std::string::npos);
  const json j =
      json::parse(http_get(port(), "/api/v1/search?q=" + url_encode("suicidal thoughts")).body);
  ASSERT_TRUE(j.contains("emergency"));
  EXPECT_FALSE(j["emergency"]["message"].get<std::string>().empty());
  const auto calm = http_get(port(), "/search?q=muscle");
  EXPECT_EQ(calm.body.find("role=\"alert\""), std::string::npos);
}

TEST_F(ReaderTest, ArticlesHaveBreadcrumbsAndAFooterIntoTheAZ) {
  const auto r = http_get(port(), "/articles/muscle-atrophy");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("aria-label=\"Breadcrumb\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/conditions/muscle-atrophy\""), std::string::npos);
  EXPECT_NE(r.body.find("<a href=\"/conditions?letter=A\">Conditions A&ndash;Z</a>"),
            std::string::npos);
  EXPECT_NE(r.body.find("class=\"print-only\""), std::string::npos);
  const auto reg = http_get(port(), "/register");
  EXPECT_EQ(reg.body.find("soon"), std::string::npos);
}

}  // namespace
}  // namespace symptomdb::test
