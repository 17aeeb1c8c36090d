#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/seed_text.hpp"
#include "support/temp_dir.hpp"
#include "web/article_json.hpp"
#include "web/check_description.hpp"
#include "web/http_util.hpp"
#include "web/markdown_html.hpp"
#include "web/pages.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {
namespace {

Article fixture_article() {
  return ingest::parse_seed_text(
      text::read_source_file(test::source_dir() / "tests/fixtures/seed_like.txt"));
}

// A relative fit too small to round to one percent reads "<1%", not "0%"
// (the rare-disease ranking spreads over 12,690 diseases); none at all is 0%.
TEST(CheckPage, ARelativeFitTooSmallToRoundIsUnderOnePercent) {
  EXPECT_EQ(fit_text(0.004), "<1%");
  EXPECT_EQ(fit_text(0.0), "0%");
  EXPECT_EQ(fit_text(0.006), "1%");
  EXPECT_EQ(fit_text(0.972), "97%");
}

TEST(HttpUtil, ParsesTargetsAndRejectsMalformedEscapes) {
  auto t = parse_target("/search?q=muscle+wasting&limit=5&q=second&empty=");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/search");
  EXPECT_EQ(t->param("q"), "muscle wasting");
  EXPECT_EQ(t->param("limit"), "5");
  EXPECT_EQ(t->param("empty"), "");
  EXPECT_FALSE(t->param("missing"));
  EXPECT_EQ(parse_target("/a%20b")->path, "/a b");
  EXPECT_FALSE(parse_target("/bad%zz"));
  EXPECT_FALSE(parse_target("/trunc%4"));
  EXPECT_FALSE(parse_target("/x?q=%ff"));  // not UTF-8
  EXPECT_FALSE(parse_target("/x?q=%00"));  // NUL
  EXPECT_FALSE(parse_target("no-slash"));
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(url_encode("a b/é"), "a%20b%2F%C3%A9");
}

TEST(MarkdownHtml, EscapesRawHtmlAndNeutralisesScriptLinks) {
  const auto html = markdown_to_html(
      "Hi <script>alert(1)</script> [x](javascript:alert(1)) "
      "[y](https://example.org) ![i](data:text/html,boom) [z](/articles/a)");
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("data:text"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"https://example.org\""), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"/articles/a\""), std::string::npos) << html;
  EXPECT_EQ(markdown_to_html("[e](JaVaScRiPt&#58;alert(1))").find("alert(1)\""), std::string::npos);
}

TEST(Pages, ArticlePageEscapesEverythingFromTheArticle) {
  Article a = fixture_article();
  a.title = "<script>alert('t')</script>?";
  a.condition.synonyms.push_back("\"><img src=x onerror=alert(1)>");
  a.author.name = "<b>Bold</b>";
  a.sections[0].items[1].heading = "</h3><script>x()</script>";
  const Snapshot snap(std::vector<Article>{a});
  const std::string html = render_article_page(snap, 0);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_EQ(html.find("<b>Bold"), std::string::npos);
  EXPECT_EQ(html.find("<script>x()"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert"), std::string::npos);
  // The JSON-LD block cannot be closed early by article text.
  const auto ld_start = html.find("application/ld+json");
  ASSERT_NE(ld_start, std::string::npos);
  const auto ld_end = html.find("</script>", ld_start);
  const std::string ld =
      html.substr(html.find('>', ld_start) + 1, ld_end - html.find('>', ld_start) - 1);
  EXPECT_TRUE(nlohmann::json::accept(ld)) << ld;
}

TEST(Pages, MedicalReviewerIsNamedOnlyWhenThereIsOne) {
  Article a = fixture_article();
  a.reviewed_on = "2026-11-30";
  const Snapshot plain(std::vector<Article>{a});
  auto html = render_article_page(plain, 0);
  EXPECT_NE(html.find("Last reviewed <time datetime=\"2026-11-30\">"), std::string::npos);
  EXPECT_EQ(html.find("Medically reviewed"), std::string::npos);
  // The per-reader Edit link's place, filled in per request.
  EXPECT_NE(html.find("<!--sdb:edit-->"), std::string::npos);

  a.reviewed_by = {"Dr <b>Roe</b>", "MD"};
  const Snapshot reviewed(std::vector<Article>{a});
  html = render_article_page(reviewed, 0);
  EXPECT_NE(html.find("Medically reviewed by <strong>Dr &lt;b&gt;Roe&lt;/b&gt;</strong>, MD on "
                      "<time datetime=\"2026-11-30\">2026-11-30</time>"),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("Last reviewed"), std::string::npos);
  const auto ld = nlohmann::json::parse(article_json_ld(a));
  EXPECT_EQ(ld["reviewedBy"]["name"], "Dr <b>Roe</b>");
  EXPECT_EQ(ld["reviewedBy"]["honorificSuffix"], "MD");
  EXPECT_EQ(article_json(a)["reviewed_by"]["name"], "Dr <b>Roe</b>");
  EXPECT_TRUE(article_json(fixture_article())["reviewed_by"].is_null());

  // The editor's preview: the article without the per-reader parts.
  const auto preview = render_article_preview(a);
  EXPECT_NE(preview.find("Medically reviewed by"), std::string::npos);
  EXPECT_EQ(preview.find("<!--sdb:"), std::string::npos);
  EXPECT_EQ(preview.find("id=\"comments\""), std::string::npos);
  EXPECT_EQ(preview.find("<html"), std::string::npos);
}

TEST(Pages, JsonLdDescribesTheConditionCausesAndTreatments) {
  const auto ld = nlohmann::json::parse(article_json_ld(fixture_article()));
  EXPECT_EQ(ld["@type"], "MedicalWebPage");
  EXPECT_EQ(ld["about"]["@type"], "MedicalCondition");
  EXPECT_EQ(ld["about"]["name"], "Shin splints");
  EXPECT_EQ(ld["about"]["alternateName"][1], "MTSS");
  ASSERT_EQ(ld["about"]["cause"].size(), 3u);
  EXPECT_EQ(ld["about"]["cause"][1]["name"], "Hard Surfaces");
  EXPECT_EQ(ld["about"]["cause"][1]["@type"], "MedicalCause");
  ASSERT_EQ(ld["about"]["possibleTreatment"].size(), 3u);
  EXPECT_EQ(ld["about"]["possibleTreatment"][0]["name"], "Rest");
  EXPECT_EQ(ld["author"]["name"], "Sam Example");
  EXPECT_EQ(ld["author"]["affiliation"]["name"], "Example Sports Clinic, Springfield");
}

TEST(ArticleJson, CarriesStructureAndProvenance) {
  const auto j = article_json(fixture_article());
  EXPECT_EQ(j["condition"]["synonyms"].size(), 2u);
  EXPECT_EQ(j["sections"][0]["type"], "causes");
  EXPECT_TRUE(j["sections"][0]["items"][0]["heading"].is_null());
  EXPECT_EQ(j["sections"][0]["items"][1]["heading"], "Hard Surfaces");
  EXPECT_EQ(j["sections"][2]["type"], "conclusion");
  EXPECT_EQ(j["sections"][2]["heading"], "Conclusion");
  EXPECT_FALSE(j["sections"][2]["heading_in_source"]);
  EXPECT_TRUE(j["conclusion"].get<std::string>().starts_with("Shin splints are common"));
  EXPECT_EQ(j["author"]["credential"], "PT");
  EXPECT_EQ(j["provenance"]["format"], "seed-text");
}

class AppTest : public ::testing::Test {
 protected:
  App app{std::make_shared<const Site>(std::vector<Article>{fixture_article()}), {"test", 1}};
  Response get(const std::string& target, const std::string& accept = "") {
    Request r;
    r.method = "GET";
    r.target = target;
    r.accept = accept;
    return app.handle(r);
  }
};

TEST_F(AppTest, RoutesAndErrors) {
  EXPECT_EQ(get("/").status, 200);
  EXPECT_EQ(get("/articles/shin-splints").status, 200);
  auto missing = get("/api/v1/articles/none");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(nlohmann::json::parse(missing.payload())["error"]["code"], "article_not_found");
  EXPECT_EQ(get("/articles/none").content_type.rfind("text/html", 0), 0u);
  EXPECT_EQ(get("/articles/..%2f..%2fetc").status, 404);
  EXPECT_EQ(get("/api/v1/search?q=%zz").status, 400);
  EXPECT_EQ(get("/api/v1/search?q=rest&limit=0").status, 400);
  EXPECT_EQ(get("/api/v1/search?q=rest&limit=abc").status, 400);
  EXPECT_EQ(get("/api/v1/search?q=" + std::string(201, 'a')).status, 400);
  EXPECT_EQ(get("/api/v1/search").status, 400);
  Request post;
  post.method = "POST";
  post.target = "/api/v1/articles/shin-splints";
  const auto r = app.handle(post);
  EXPECT_EQ(r.status, 405);
}

TEST_F(AppTest, ETagsAnswerNotModified) {
  const auto first = get("/api/v1/articles/shin-splints");
  std::string etag;
  for (const auto& [k, v] : first.headers)
    if (k == "ETag") etag = v;
  ASSERT_FALSE(etag.empty());
  Request again;
  again.method = "GET";
  again.target = "/api/v1/articles/shin-splints";
  again.if_none_match = etag;
  EXPECT_EQ(app.handle(again).status, 304);
  again.if_none_match = "\"other\"";
  EXPECT_EQ(app.handle(again).status, 200);
}

TEST_F(AppTest, PublishSwapsTheSiteForNewRequestsOnly) {
  const auto held = get("/api/v1/articles/shin-splints");  // keeps the old site alive
  app.publish(std::make_shared<const Site>(std::vector<Article>{}));
  EXPECT_EQ(get("/api/v1/articles/shin-splints").status, 404);
  EXPECT_NE(std::string(held.payload()).find("Shin splints"), std::string::npos);
}

}  // namespace
}  // namespace symptomdb::web
