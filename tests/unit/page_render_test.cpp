// The one way pages and fragments are filled (web/page_render.cpp): a JSON
// view through a compiled-in template, escaped by the template engine.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/snapshot.hpp"
#include "web/community_views.hpp"
#include "web/pages.hpp"

namespace symptomdb::web {
namespace {

using nlohmann::json;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(PageRender, FragmentEscapesUserTextWithTheTemplateEngine) {
  // editorial_edit_link writes its slug into an attribute and a path.
  const std::string html =
      render_fragment("editorial_edit_link", {{"slug", "<a href=\"x\">'&'</a>"}});
  EXPECT_NE(html.find("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"), std::string::npos)
      << html;
  EXPECT_EQ(html.find("<a href=\"x\">"), std::string::npos) << html;
  EXPECT_EQ(html.find("'&'"), std::string::npos) << html;
  EXPECT_FALSE(html.ends_with('\n')) << "a fragment is inserted inline";
}

TEST(PageRender, CommentTextIsEscapedInItsFragment) {
  const std::string html = comment_html("1 < 2 & \"quoted\" it's <script>x()</script>");
  EXPECT_NE(html.find("1 &lt; 2 &amp; &quot;quoted&quot; it&apos;s &lt;script&gt;"),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
}

TEST(PageRender, PageEscapesItsViewAndTitle) {
  const std::string html = render_view_page(
      "error", "T<i>'",
      {{"status", 418}, {"title", "<b>\"x\"</b>"}, {"message", "a & b"}, {"request_id", ""}});
  EXPECT_NE(html.find("<title>T&lt;i&gt;&apos; · symptomdb</title>"), std::string::npos) << html;
  EXPECT_NE(html.find("418 &mdash; &lt;b&gt;&quot;x&quot;&lt;/b&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("<p>a &amp; b</p>"), std::string::npos) << html;
  // An empty string is left out, so its section does not show.
  EXPECT_EQ(html.find("Request id"), std::string::npos) << html;
}

TEST(PageRender, EmptySectionIntroDoesNotFallBackToTheArticles) {
  // A key left out is looked up in the sections around it: a section with
  // no introduction must not show the article's introduction instead.
  Article a;
  a.slug = "a-topic";
  a.title = "A topic";
  a.condition.name = "A topic";
  a.introduction = "ARTICLE-INTRODUCTION";
  for (const char* heading : {"First", "Second"}) {
    Section s;
    s.heading = heading;
    s.items.push_back({"", std::string("Text of ") + heading});
    a.sections.push_back(s);
  }
  a.sections[1].intro = "SECTION-INTRODUCTION";
  const std::string html = render_article_preview(a);
  EXPECT_EQ(count(html, "ARTICLE-INTRODUCTION"), 1u) << html;
  EXPECT_EQ(count(html, "SECTION-INTRODUCTION"), 1u) << html;
  EXPECT_NE(html.find("Text of First"), std::string::npos) << html;
  // An item without a heading gets none, not its section's.
  EXPECT_EQ(count(html, ">First</h3>"), 0u) << html;
}

}  // namespace
}  // namespace symptomdb::web
