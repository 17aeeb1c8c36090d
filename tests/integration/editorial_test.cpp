// The editorial workflow over real HTTP, against a server with its own copy
// of the fixture database: authors write and revise articles in the browser
// editor and through the JSON API, submit them, editors approve (publish) or
// return them, and every save is a revision with a diff in the history.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/editorial.hpp"

namespace symptomdb::test {
namespace {

using nlohmann::json;

class Editorial : public EditorialFixture {};

const std::string kSlug = "how-is-gout-treated";
const std::string kTitle = "How is gout treated?";

TEST_F(Editorial, AnAuthorWritesAndRevisesAnArticleThatAnEditorPublishes) {
  Client writer = account("writer1", "author", "Wanda Writer");
  profile("writer1", "Wanda Writer", "RN");
  Client editor = account("editor1", "editor", "Ed Itor");
  profile("editor1", "Erin Editor", "MD");

  // The account menu offers writing to authors, reviewing to editors.
  EXPECT_TRUE(contains(writer.get("/").body, "href=\"/write\">Write an article</a>"));
  EXPECT_FALSE(contains(writer.get("/").body, "href=\"/review\""));
  EXPECT_TRUE(contains(editor.get("/").body, "href=\"/review\">Review</a>"));

  auto r = writer.get("/write");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "<label for=\"title\">"));
  r = start(writer, kTitle);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/articles/" + kSlug + "/edit");
  EXPECT_EQ(revisions_of(kSlug), "1");
  EXPECT_EQ(state_of(kSlug), "draft");
  r = writer.get("/articles/" + kSlug + "/edit");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "<textarea id=\"markdown\" name=\"markdown\""));
  EXPECT_TRUE(contains(r.body, "slug: " + kSlug));
  EXPECT_TRUE(contains(r.body, "value=\"preview\">Preview</button>"));
  EXPECT_TRUE(contains(r.body, "value=\"submit\">Submit for review</button>"));

  // Two saves: revisions 2 and 3.
  r = edit(writer, kSlug, "save", article_md(kSlug, kTitle, "Gout is a painful arthritis."),
           "First draft");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/articles/" + kSlug + "/edit?saved=2");
  EXPECT_TRUE(contains(writer.get(r.header("location")).body, "Saved as revision 2."));
  const std::string final_md =
      article_md(kSlug, kTitle, "Gout is a painful arthritis caused by uric acid crystals.");
  r = edit(writer, kSlug, "save", final_md, "Say what causes it");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(revisions_of(kSlug), "3");
  // Saving the same text again stores nothing.
  r = edit(writer, kSlug, "save", final_md);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "Nothing changed"));
  EXPECT_EQ(revisions_of(kSlug), "3");

  // Preview renders the article as it would be published, saves nothing.
  r = edit(writer, kSlug, "preview", article_md(kSlug, kTitle, "A *preview* only."));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "Preview (not saved)"));
  EXPECT_TRUE(contains(r.body, "A <em>preview</em> only."));
  EXPECT_TRUE(contains(r.body, "<h1 id=\"article-title\">How is gout treated?</h1>"));
  EXPECT_TRUE(contains(r.body, "rel=\"author\">Wanda Writer</a>, RN")) << "byline from the profile";
  EXPECT_EQ(revisions_of(kSlug), "3");

  // Invalid Markdown: 422 with FILE:LINE next to the editor, nothing stored,
  // the text kept for fixing.
  const std::string broken = "---\ncondition: Gout\nslug: " + kSlug + "\n---\nNo title.\n";
  r = edit(writer, kSlug, "save", broken, "broken");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body,
                       "id=\"markdown-error\">how-is-gout-treated.md:2: front matter has "
                       "no &apos;title&apos;"))
      << r.body;
  EXPECT_TRUE(contains(r.body, "aria-invalid=\"true\""));
  EXPECT_TRUE(contains(r.body, "No title."));
  EXPECT_EQ(revisions_of(kSlug), "3");
  r = edit(writer, kSlug, "preview", broken);
  EXPECT_EQ(r.status, 422);

  // Not public until published.
  EXPECT_EQ(http_get(port(), "/articles/" + kSlug).status, 404);

  r = edit(writer, kSlug, "submit", final_md);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(state_of(kSlug), "in_review");
  EXPECT_EQ(revisions_of(kSlug), "3");
  // In review, the writer waits: saving is a conflict, nothing stored.
  r = edit(writer, kSlug, "save", article_md(kSlug, kTitle, "Sneaky change."));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(revisions_of(kSlug), "3");
  EXPECT_EQ(edit(writer, kSlug, "submit", final_md).status, 409);

  // Another author, and a reader, may not touch it.
  Client other = account("writer2", "author");
  EXPECT_EQ(other.get("/articles/" + kSlug + "/edit").status, 403);
  EXPECT_EQ(edit(other, kSlug, "save", article_md(kSlug, kTitle, "Mine now.")).status, 403);
  EXPECT_EQ(other.get("/articles/" + kSlug + "/history").status, 403);
  EXPECT_EQ(review(other, kSlug, "approve", "3").status, 403);
  Client reader = new_reader(port(), "reader1");
  EXPECT_EQ(reader.get("/articles/" + kSlug + "/edit").status, 403);
  EXPECT_EQ(reader.get("/write").status, 403);
  EXPECT_EQ(reader.get("/review").status, 403);
  EXPECT_EQ(revisions_of(kSlug), "3");
  EXPECT_EQ(state_of(kSlug), "in_review");

  // The editor's queue lists it; approving publishes it at once.
  r = editor.get("/review");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(
      contains(r.body, "<a href=\"/articles/" + kSlug + "/edit\">How is gout treated?</a>"));
  EXPECT_TRUE(contains(r.body, "by Wanda Writer"));
  r = editor.get("/articles/" + kSlug + "/edit");
  EXPECT_TRUE(contains(r.body, "value=\"approve\">Approve and publish</button>"));
  r = review(editor, kSlug, "approve", "3", "Clear and correct");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/articles/" + kSlug);
  EXPECT_EQ(state_of(kSlug), "published");

  const std::string today = utc_today();
  r = http_get(port(), "/articles/" + kSlug);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "uric acid crystals"));
  EXPECT_TRUE(contains(r.body,
                       "Medically reviewed by <strong>Erin Editor</strong>, MD on <time "
                       "datetime=\"" +
                           today + "\">" + today + "</time>"))
      << r.body;
  EXPECT_TRUE(contains(r.body, "rel=\"author\">Wanda Writer</a>, RN"));
  EXPECT_TRUE(contains(r.body, "Written and reviewed on symptomdb (revision 3)"));
  EXPECT_FALSE(contains(r.body, "/edit\"")) << "no Edit link for a signed-out reader";
  const auto j = json::parse(http_get(port(), "/api/v1/articles/" + kSlug).body);
  EXPECT_EQ(j["reviewed_by"]["name"], "Erin Editor");
  EXPECT_EQ(j["reviewed_by"]["credential"], "MD");
  EXPECT_EQ(j["reviewed_on"], today);
  EXPECT_EQ(j["author"]["name"], "Wanda Writer");
  EXPECT_EQ(j["provenance"]["format"], "editorial");
  EXPECT_EQ(
      db_value("SELECT reviewed_by || ', ' || reviewer_credential FROM articles WHERE slug = '" +
               kSlug + "'"),
      "Erin Editor, MD");
  EXPECT_EQ(db("SELECT action FROM review_events WHERE slug = '" + kSlug + "' ORDER BY id"),
            (Rows{{"submitted"}, {"approved"}}));

  // The history: every revision with its author, time and note; a diff each.
  r = writer.get("/articles/" + kSlug + "/history");
  ASSERT_EQ(r.status, 200);
  for (const std::string n : {"1", "2", "3"})
    EXPECT_TRUE(
        contains(r.body, "<tr id=\"revision-" + n + "\"><td>" + n + "</td><td>Wanda Writer</td>"))
        << n;
  EXPECT_TRUE(contains(r.body, "<td>Say what causes it</td>"));
  EXPECT_TRUE(contains(r.body, " UTC</time>"));
  EXPECT_TRUE(contains(r.body, "Ed Itor approved revision 3"));
  r = writer.get("/articles/" + kSlug + "/history/3");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "- Gout is a painful arthritis.</del>")) << r.body;
  EXPECT_TRUE(
      contains(r.body, "+ Gout is a painful arthritis caused by uric acid crystals.</ins>"));
  EXPECT_TRUE(contains(r.body, "Say what causes it"));
  EXPECT_EQ(writer.get("/articles/" + kSlug + "/history/4").status, 404);
  EXPECT_EQ(writer.get("/articles/" + kSlug + "/history/0").status, 404);
  // The writer (not the reader) gets an Edit link on the page.
  EXPECT_TRUE(contains(writer.get("/articles/" + kSlug).body,
                       "<a href=\"/articles/" + kSlug + "/edit\">Edit</a>"));
  EXPECT_FALSE(contains(reader.get("/articles/" + kSlug).body, "/edit\">Edit</a>"));
  EXPECT_FALSE(contains(other.get("/articles/" + kSlug).body, "/edit\">Edit</a>"));
}

TEST_F(Editorial, EditingAPublishedArticleKeepsTheLiveOneUntilTheNewRevisionIsPublished) {
  // The fixture's article is by Sam Example, PT; this account writes as him.
  Client sam = account("samuser", "author", "Sam Example");
  ASSERT_EQ(cli({"user", "link-author", "samuser", kAuthor}).exit_code, 0);
  Client editor = account("editor1", "editor", "Ed Itor");
  Client stranger = account("writer2", "author");
  const std::string slug = "shin-splints";

  // Edit links: for the byline's account and editors only; never cached
  // into the signed-out page.
  const std::string link = "<a href=\"/articles/shin-splints/edit\">Edit</a>";
  EXPECT_TRUE(contains(sam.get(kArticle).body, link));
  EXPECT_TRUE(contains(editor.get(kArticle).body, link));
  EXPECT_FALSE(contains(stranger.get(kArticle).body, link));
  for (int i = 0; i < 2; ++i) EXPECT_FALSE(contains(http_get(port(), kArticle).body, "/edit\""));

  auto r = sam.get("/articles/shin-splints/edit");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "no draft yet"));
  EXPECT_TRUE(contains(r.body, "title: How can I ease shin splints?"));
  EXPECT_FALSE(contains(r.body, "author: Sam Example")) << "the byline is not edited as text";
  EXPECT_EQ(stranger.get("/articles/shin-splints/edit").status, 403);

  // The live text, changed in one line.
  std::string md = r.body.substr(r.body.find("<textarea"));
  md = md.substr(md.find('>') + 1);
  md = md.substr(0, md.find("</textarea>"));
  // Undo the page's escaping of what the fixture holds.
  for (auto [from, to] : {std::pair<std::string, std::string>{"&quot;", "\""},
                          {"&apos;", "'"},
                          {"&lt;", "<"},
                          {"&gt;", ">"},
                          {"&amp;", "&"}}) {
    for (auto at = md.find(from); at != std::string::npos; at = md.find(from, at + to.size()))
      md.replace(at, from.size(), to);
  }
  const std::string old_line = "Running on hard or sloping ground adds strain with every step.";
  ASSERT_TRUE(contains(md, old_line));
  std::string changed = md;
  changed.replace(changed.find(old_line), old_line.size(),
                  "Running on hard or sloping ground adds strain with every stride.");
  r = edit(sam, slug, "save", changed, "Wording");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(revisions_of(slug), "2");
  EXPECT_EQ(db_value("SELECT note FROM revisions WHERE slug = 'shin-splints' AND ordinal = 1"),
            "As published before this edit");
  // Still the old text for everyone.
  r = http_get(port(), kArticle);
  EXPECT_TRUE(contains(r.body, "with every step."));
  EXPECT_FALSE(contains(r.body, "with every stride."));

  r = edit(sam, slug, "submit", changed);
  ASSERT_EQ(r.status, 303) << r.body;
  r = review(editor, slug, "approve", "2");
  ASSERT_EQ(r.status, 303) << r.body;
  r = http_get(port(), kArticle);
  EXPECT_TRUE(contains(r.body, "with every stride."));
  EXPECT_FALSE(contains(r.body, "with every step."));
  // The byline stays the article's; an editor without a credential reviews
  // it but does not make it "medically reviewed".
  EXPECT_TRUE(contains(r.body, "rel=\"author\">Sam Example</a>, PT"));
  EXPECT_FALSE(contains(r.body, "Medically reviewed"));
  EXPECT_TRUE(contains(r.body, "Last reviewed <time datetime=\"" + utc_today() + "\">"));
  const auto j = json::parse(http_get(port(), "/api/v1/articles/shin-splints").body);
  EXPECT_TRUE(j["reviewed_by"].is_null());

  // Editing it again starts a new round; the live copy stays.
  r = edit(sam, slug, "save", md, "Back to step");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(state_of(slug), "draft");
  EXPECT_TRUE(contains(http_get(port(), kArticle).body, "with every stride."));
}

TEST_F(Editorial, ARoundOfWorkBelongsToWhoeverStartedIt) {
  Client sam = account("samuser", "author", "Sam Example");
  ASSERT_EQ(cli({"user", "link-author", "samuser", kAuthor}).exit_code, 0);
  Client editor = account("editor1", "editor", "Ed Itor");
  Client editor2 = account("editor2", "editor", "Otto Other");
  const std::string slug = "shin-splints";
  const auto md =
      json::parse(editor.get("/api/v1/drafts/" + slug).body)["markdown"].get<std::string>();
  const std::string link = "<a href=\"/articles/shin-splints/edit\">Edit</a>";

  // An editor's round: the byline's author waits until it is published.
  ASSERT_EQ(edit(editor, slug, "submit", md + "\nAn addition by the editor.\n").status, 303);
  EXPECT_EQ(sam.get("/articles/shin-splints/edit").status, 403);
  EXPECT_EQ(edit(sam, slug, "save", md + "\nAn addition by Sam.\n").status, 403);
  EXPECT_FALSE(contains(sam.get(kArticle).body, link));
  ASSERT_EQ(review(editor2, slug, "approve", "2").status, 303);
  EXPECT_TRUE(contains(http_get(port(), kArticle).body, "An addition by the editor."));

  // Published: the author may start the next round, which is then his.
  EXPECT_TRUE(contains(sam.get(kArticle).body, link));
  ASSERT_EQ(edit(sam, slug, "submit", md + "\nAn addition by Sam.\n").status, 303);
  EXPECT_EQ(db_value("SELECT u.username FROM drafts d JOIN users u ON u.id = d.owner_id"),
            "samuser");
  EXPECT_EQ(review(editor, slug, "approve", "3").status, 303) << "not the editor's round now";
  EXPECT_TRUE(contains(http_get(port(), kArticle).body, "An addition by Sam."));
}

TEST_F(Editorial, EditorsReturnWithANoteAndNeverApproveTheirOwn) {
  Client writer = account("writer1", "author", "Wanda Writer");
  Client editor = account("editor1", "editor", "Ed Itor");
  Client editor2 = account("editor2", "editor", "Otto Other");
  ASSERT_EQ(start(writer, kTitle).status, 303);
  ASSERT_EQ(edit(writer, kSlug, "submit", article_md(kSlug, kTitle, "Short.")).status, 303);
  EXPECT_EQ(revisions_of(kSlug), "2");

  // Returning needs a note; an old revision number is a conflict.
  EXPECT_EQ(review(editor, kSlug, "return", "2").status, 400);
  EXPECT_EQ(review(editor, kSlug, "approve", "1").status, 409);
  EXPECT_EQ(state_of(kSlug), "in_review");
  auto r = review(editor, kSlug, "return", "2", "Say more about diet");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(state_of(kSlug), "draft");
  EXPECT_EQ(review(editor, kSlug, "approve", "2").status, 409) << "not in review any more";
  r = writer.get("/articles/" + kSlug + "/edit");
  EXPECT_TRUE(contains(r.body, "Returned by the editor: Say more about diet"));
  EXPECT_EQ(http_get(port(), "/articles/" + kSlug).status, 404);

  // A stale editor page (based on revision 2) cannot overwrite revision 3.
  ASSERT_EQ(edit(writer, kSlug, "save", article_md(kSlug, kTitle, "Longer."), "", "2").status, 303);
  r = edit(writer, kSlug, "save", article_md(kSlug, kTitle, "Stale."), "", "2");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(revisions_of(kSlug), "3");

  // An editor's own article goes to another editor.
  ASSERT_EQ(start(editor, "Can gout come back?").status, 303);
  const std::string own = "can-gout-come-back";
  ASSERT_EQ(edit(editor, own, "submit", article_md(own, "Can gout come back?", "Yes.")).status,
            303);
  EXPECT_EQ(review(editor, own, "approve", "2").status, 403);
  EXPECT_EQ(state_of(own), "in_review");
  EXPECT_EQ(review(editor2, own, "approve", "2").status, 303);
  EXPECT_EQ(http_get(port(), "/articles/" + own).status, 200);

  // A new article's address may not take a published one's.
  r = start(writer, "Can gout come back?");
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(contains(r.body, "An article is published at /articles/can-gout-come-back"));
  EXPECT_TRUE(contains(r.body, "value=\"Can gout come back?\"")) << "the form keeps the title";
  r = start(writer, "How is gout treated?");
  EXPECT_EQ(r.status, 409) << "a draft has that address";
  EXPECT_EQ(start(writer, "???").status, 422);
  EXPECT_EQ(start(writer, "").status, 400);
}

TEST_F(Editorial, FieldsSymptomdbFillsInCannotBeTyped) {
  Client writer = account("writer1", "author");
  ASSERT_EQ(start(writer, kTitle).status, 303);
  for (const std::string line :
       {"reviewed_by: Dr. House", "reviewed: 2026-01-01", "author: Someone Famous",
        "credential: MD", "reviewer_credential: MD"}) {
    const std::string md =
        "---\ntitle: x\ncondition: Gout\nslug: " + kSlug + "\n" + line + "\n---\nText.\n";
    const auto r = edit(writer, kSlug, "save", md);
    EXPECT_EQ(r.status, 422) << line;
    EXPECT_TRUE(contains(r.body, "how-is-gout-treated.md:5: &apos;")) << line << r.body;
  }
  // The address is fixed.
  auto r = edit(writer, kSlug, "save", article_md("another-slug", kTitle, "Moved."));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "must be &apos;how-is-gout-treated&apos;"));
  EXPECT_EQ(revisions_of(kSlug), "1");
}

TEST_F(Editorial, JsonApi) {
  Client writer = account("writer1", "author", "Wanda Writer");
  Client editor = account("editor1", "editor", "Ed Itor");
  profile("editor1", "Erin Editor", "MD");
  const std::string token = session_csrf(writer);
  const std::map<std::string, std::string> h = {{"X-CSRF-Token", token}};

  // Signed out 401, no token 403, bad JSON 400: nothing stored.
  auto r = http_request(port(), "POST", "/api/v1/drafts", {{"Content-Type", "application/json"}},
                        R"({"title": "How is gout treated?"})");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "sign_in_required");
  r = writer.post_json("/api/v1/drafts", R"({"title": "How is gout treated?"})");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "csrf");
  r = writer.post_json("/api/v1/drafts", R"({"title": )", h);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "bad_json");
  EXPECT_EQ(db_value("SELECT COUNT(*) FROM drafts"), "0");

  r = writer.post_json("/api/v1/drafts",
                       R"({"title": "How is gout treated?", "condition": "Gout"})", h);
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["slug"], kSlug);
  EXPECT_EQ(j["state"], "draft");
  EXPECT_EQ(j["latest_revision"], 1);
  EXPECT_EQ(j["owner"]["name"], "Wanda Writer");

  const std::string url = "/api/v1/drafts/" + kSlug;
  json save = {{"markdown", article_md(kSlug, kTitle, "First.")}, {"note", "one"}};
  r = writer.post_json(url + "/revisions", save.dump(), h);
  ASSERT_EQ(r.status, 201) << r.body;
  j = json::parse(r.body);
  EXPECT_EQ(j["latest_revision"], 2);
  EXPECT_TRUE(j["saved"].get<bool>());
  save = {{"markdown", article_md(kSlug, kTitle, "Second.")}, {"note", "two"}};
  r = writer.post_json(url + "/revisions", save.dump(), h);
  ASSERT_EQ(r.status, 201);
  // Invalid: 422 with the line; too large: 413; neither stored.
  save = {{"markdown", "---\ntitle: x\n---\n"}};
  r = writer.post_json(url + "/revisions", save.dump(), h);
  EXPECT_EQ(r.status, 422);
  j = json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "invalid_markdown");
  EXPECT_TRUE(contains(j["error"]["message"], "how-is-gout-treated.md:")) << r.body;
  save = {{"markdown", article_md(kSlug, kTitle, std::string(300 * 1024, 'a'))}};
  r = writer.post_json(url + "/revisions", save.dump(), h);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "article_too_large");
  r = writer.post_json(url + "/revisions", R"({"note": "no markdown"})", h);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(revisions_of(kSlug), "3");

  // Reading: the draft, a revision, a diff; preview saves nothing.
  j = json::parse(writer.get(url).body);
  EXPECT_EQ(j["revisions"].size(), 3u);
  EXPECT_EQ(j["revisions"][2]["note"], "two");
  EXPECT_EQ(j["revisions"][2]["author"]["name"], "Wanda Writer");
  EXPECT_TRUE(contains(j["markdown"], "Second."));
  j = json::parse(writer.get(url + "/revisions/2").body);
  EXPECT_TRUE(contains(j["markdown"], "First."));
  r = writer.get(url + "/revisions/3/diff");
  ASSERT_EQ(r.status, 200);
  j = json::parse(r.body);
  EXPECT_EQ(j["from"], 2);
  EXPECT_TRUE(contains(j["unified"], "\n-First.\n+Second.\n")) << j["unified"];
  ASSERT_EQ(j["hunks"].size(), 1u);
  EXPECT_EQ(writer.get(url + "/revisions/9").status, 404);
  r = writer.post_json(url + "/preview",
                       json{{"markdown", article_md(kSlug, kTitle, "**Bold**")}}.dump(), h);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(json::parse(r.body)["html"], "<strong>Bold</strong>"));
  EXPECT_EQ(revisions_of(kSlug), "3");

  // Submit, approve with the editor's own token.
  r = writer.post_json(url + "/submit", "{}", h);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["state"], "in_review");
  EXPECT_EQ(writer.post_json(url + "/submit", "{}", h).status, 409);
  EXPECT_EQ(writer.post_json(url + "/approve", R"({"revision": 3})", h).status, 403);
  const std::map<std::string, std::string> eh = {{"X-CSRF-Token", session_csrf(editor)}};
  EXPECT_EQ(editor.post_json(url + "/approve", R"({"revision": 3})", h).status, 403)
      << "another user's token";
  r = editor.post_json(url + "/approve", R"({"revision": 3, "note": "ok"})", eh);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["state"], "published");
  j = json::parse(http_get(port(), "/api/v1/articles/" + kSlug).body);
  EXPECT_EQ(j["introduction"], "Second.");
  EXPECT_EQ(j["reviewed_by"]["name"], "Erin Editor");
  // The list: each author their own; editors all.
  EXPECT_EQ(json::parse(writer.get("/api/v1/drafts").body)["count"], 1);
  Client other = account("writer2", "author");
  EXPECT_EQ(json::parse(other.get("/api/v1/drafts").body)["count"], 0);
  EXPECT_EQ(other.get(url).status, 403);
  EXPECT_EQ(json::parse(editor.get("/api/v1/drafts").body)["count"], 1);
  EXPECT_EQ(writer.get("/api/v1/drafts/no-such-draft").status, 404);
  EXPECT_EQ(writer.get(url + "/submit").status, 405);
  for (const std::string tail : {"/draft", "/revision", "/revisions/2/patch", "/nothing", "/"})
    EXPECT_EQ(writer.get(url + tail).status, 404) << tail;
}

// What the route table and pipeline answer for the editorial addresses:
// every status, code and Allow header the editorial module once gave itself.
TEST_F(Editorial, AddressesMethodsAndNeedsKeepTheirAnswers) {
  Client writer = account("writer1", "author", "Wanda Writer");
  Client reader = account("reader1", "reader", "Rita Reader");
  ASSERT_EQ(start(writer, kTitle).status, 303);
  const std::string api = "/api/v1/drafts/" + kSlug;
  auto code = [](const HttpResponse& r) {
    const auto j = json::parse(r.body, nullptr, false);
    return j.is_object() ? j["error"]["code"].get<std::string>() : std::string("(not JSON)");
  };

  // Signed out: pages send to sign in, the API says 401.
  auto r = http_get(port(), "/write");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/login?next=%2Fwrite");
  r = http_get(port(), "/articles/" + kSlug + "/history");
  EXPECT_EQ(r.status, 303);
  r = http_get(port(), "/api/v1/drafts");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(code(r), "sign_in_required");

  // A reader is no writer, on pages and in the API.
  EXPECT_EQ(reader.get("/write").status, 403);
  r = reader.get("/api/v1/drafts");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(code(r), "authors_only");
  EXPECT_EQ(writer.get("/review").status, 403) << "editors only";

  // Revision numbers that are none, and slugs that are no slug.
  for (const std::string n : {"abc", "0", "-1"}) {
    r = writer.get(api + "/revisions/" + n);
    EXPECT_EQ(r.status, 404) << n;
    EXPECT_EQ(code(r), "revision_not_found") << n;
    EXPECT_EQ(writer.get(api + "/revisions/" + n + "/diff").status, 404) << n;
    EXPECT_EQ(writer.get("/articles/" + kSlug + "/history/" + n).status, 404) << n;
  }
  EXPECT_EQ(writer.get(api + "/revisions/9").status, 404);
  r = writer.get("/api/v1/drafts/Not_A_Slug");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(code(r), "draft_not_found");
  EXPECT_EQ(writer.get("/articles/Not_A_Slug/edit").status, 404);

  // Methods: each address names the ones it takes.
  r = writer.request("PUT", "/articles/" + kSlug + "/edit");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, HEAD, POST");
  r = writer.get("/articles/" + kSlug + "/review");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "POST");
  r = writer.post_form("/articles/" + kSlug + "/history", {{"csrf", session_csrf(writer)}});
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, HEAD");
  EXPECT_EQ(writer.request("HEAD", "/articles/" + kSlug + "/history").status, 200);

  // A body over the limit (1 MiB) is refused before anything is read.
  r = writer.post_json(api + "/revisions",
                       R"({"markdown": ")" + std::string(1024 * 1024, 'x') + R"("})",
                       {{"X-CSRF-Token", session_csrf(writer)}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(code(r), "body_too_large");
  // A form's "action" that is no button.
  r = writer.post_form("/articles/" + kSlug + "/edit",
                       {{"csrf", session_csrf(writer)}, {"action", "publish"}, {"markdown", "x"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(revisions_of(kSlug), "1") << "nothing refused was stored";
}

}  // namespace
}  // namespace symptomdb::test
