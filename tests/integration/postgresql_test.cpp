// Several symptomdb servers over one PostgreSQL database, as nodes behind a
// load balancer would be: a write on one node reaches the others' pages
// within a second (LISTEN/NOTIFY), sessions and sign-in throttling hold on
// every node; and a database outage is a 503 that ends by itself.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "support/accounts.hpp"
#include "support/editorial.hpp"
#include "support/process.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

void import_fixture(const std::string& db) {
  const auto r = run({binary(), "import", "seed",
                      (source_dir() / "tests/fixtures/seed_like.txt").string(), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

// A node: polling slowed to once a minute, so that only the notification
// can make a write elsewhere visible within the tests' deadlines.
std::unique_ptr<ServerProcess> node(const std::string& db) {
  return std::make_unique<ServerProcess>(std::vector<std::string>{
      "--db", db, "--no-sample", "--refresh-seconds", "60", "--comment-hold-hours", "0"});
}

// Seconds until `ok()` holds, polling every 20 ms; -1 after `limit`.
template <class F>
double seconds_until(F ok, double limit) {
  const auto start = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - start).count() < limit) {
    if (ok()) return std::chrono::duration<double>(Clock::now() - start).count();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

class TwoNodes : public ::testing::Test {
 protected:
  void SetUp() override {
    SYMPTOMDB_SKIP_WITHOUT(Backend::postgresql);
    db_ = std::make_unique<TestDatabase>(Backend::postgresql);
    import_fixture(db_->location());
    a_ = node(db_->location());
    b_ = node(db_->location());
  }
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> a_, b_;
};

TEST_F(TwoNodes, ACommentOnOneNodeIsOnTheOthersPageWithinASecond) {
  // B renders (and caches) the page for signed-out readers first.
  ASSERT_EQ(http_get(b_->port(), kArticle).status, 200);
  Client reader = new_reader(a_->port(), "reader1");
  const std::string text = "Ice helped me within two days";
  const auto posted =
      reader.post_form(kArticle + "/comments", {{"csrf", session_csrf(reader)}, {"body", text}});
  ASSERT_EQ(posted.status, 303) << posted.body;
  const double took =
      seconds_until([&] { return contains(http_get(b_->port(), kArticle).body, text); }, 5.0);
  EXPECT_GE(took, 0) << "the comment never reached node B";
  EXPECT_LT(took, 1.0);
  RecordProperty("propagation_seconds", std::to_string(took));
}

TEST_F(TwoNodes, ARatingOnOneNodeChangesTheBylineOnTheOtherWithinASecond) {
  // B has the signed-out page cached without any rating.
  const auto page = http_get(b_->port(), kArticle);
  ASSERT_EQ(page.status, 200);
  ASSERT_FALSE(contains(page.body, "byline-rating"));
  Client reader = new_reader(a_->port(), "rater1");
  const auto rated = reader.post_json("/api/v1/authors/" + kAuthor + "/ratings", R"({"stars": 4})",
                                      {{"X-CSRF-Token", session_csrf(reader)}});
  ASSERT_EQ(rated.status, 200) << rated.body;
  const double took = seconds_until(
      [&] { return contains(http_get(b_->port(), kArticle).body, "rated 4.0 of 5 (1 rating)"); },
      5.0);
  EXPECT_GE(took, 0) << "the rating never reached node B's page";
  EXPECT_LT(took, 1.0);
}

TEST_F(TwoNodes, AnImportReachesEveryNode) {
  TempDir dir;
  const auto md = dir.write("liveness.md",
                            "---\ntitle: Is this live?\ncondition: Liveness\n---\nIntro text.\n");
  ASSERT_EQ(run({binary(), "import", "markdown", md, "--db", db_->location()}).exit_code, 0);
  for (const auto* n : {a_.get(), b_.get()}) {
    const double took = seconds_until(
        [&] { return http_get(n->port(), "/api/v1/articles/liveness").status == 200; }, 5.0);
    EXPECT_GE(took, 0);
    EXPECT_LT(took, 1.0);
  }
}

// The editorial workflow on B (one editor submits, another approves): the
// published article is answered by /api/v1/ask on A within a second.
TEST_F(TwoNodes, AnArticlePublishedOnOneNodeIsAnsweredByAskOnTheOther) {
  for (const std::string name : {"editor1", "editor2"})
    ASSERT_EQ(run({binary(), "user", "add", name, "--role", "editor", "--db", db_->location()},
                  kPassword + "\n")
                  .exit_code,
              0);
  Client writer(b_->port()), approver(b_->port());
  ASSERT_EQ(login(writer, "editor1").status, 303);
  ASSERT_EQ(login(approver, "editor2").status, 303);
  const std::string title = "Can gout come back after an attack?";
  const std::string slug = "can-gout-come-back-after-an-attack";
  const std::string ask =
      "/api/v1/ask?q=" + url_encode("can gout come back after an attack") + "&limit=3";
  ASSERT_FALSE(contains(http_get(a_->port(), ask).body, slug));
  ASSERT_EQ(
      writer
          .post_form("/write",
                     {{"csrf", session_csrf(writer)}, {"title", title}, {"condition", "Gout"}})
          .status,
      303);
  ASSERT_EQ(
      writer
          .post_form("/articles/" + slug + "/edit",
                     {{"csrf", session_csrf(writer)},
                      {"action", "submit"},
                      {"markdown",
                       article_md(slug, title, "Gout often comes back after a first attack.")}})
          .status,
      303);
  const auto approved = approver.post_form(
      "/articles/" + slug + "/review",
      {{"csrf", session_csrf(approver)}, {"action", "approve"}, {"revision", "2"}, {"note", ""}});
  ASSERT_EQ(approved.status, 303) << approved.body;
  const double took =
      seconds_until([&] { return contains(http_get(a_->port(), ask).body, slug); }, 5.0);
  EXPECT_GE(took, 0) << "node A never answered with the article published on B";
  EXPECT_LT(took, 1.0);
}

TEST_F(TwoNodes, SessionsHoldOnEveryNode) {
  Client on_a = new_reader(a_->port(), "reader2");
  Client on_b(b_->port());
  on_b.set_cookie("sid", *on_a.cookie("sid"));
  EXPECT_TRUE(signed_in(on_b));
  // The CSRF token A's page carried is good on B (it is stored with the
  // session), and signing out on B ends the session on A too.
  const auto token = session_csrf(on_a);
  const auto out = on_b.post_form("/logout", {{"csrf", token}});
  EXPECT_LT(out.status, 400) << out.body;
  EXPECT_FALSE(signed_in(on_a));
}

TEST_F(TwoNodes, FailedSignInsCountAcrossNodes) {
  { Client r = new_reader(a_->port(), "reader3"); }
  // Five wrong passwords, alternating between the nodes, lock the account
  // on both: the counters are in the database, not in either process.
  for (int i = 0; i < 5; ++i) {
    Client c(i % 2 ? b_->port() : a_->port());
    EXPECT_EQ(login(c, "reader3", "wrong password " + std::to_string(i)).status, 401);
  }
  for (const auto* n : {a_.get(), b_.get()}) {
    Client c(n->port());
    EXPECT_EQ(login(c, "reader3").status, 429);
  }
}

// A cluster of this test's own, since it is stopped half way.
class Outage : public ::testing::Test {
 protected:
  void SetUp() override {
    SYMPTOMDB_SKIP_WITHOUT(Backend::postgresql);
    state_ = dir_.file("pg.state");
    const auto r = run({script(), "start", state_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string why;
    url_ = url_from_state(state_, why);
    if (url_.empty()) GTEST_SKIP() << why;
  }
  void TearDown() override { run({script(), "stop", state_}); }
  static std::string script() { return (source_dir() / "scripts/pg-temp-cluster.sh").string(); }

  TempDir dir_;
  std::string state_, url_;
};

TEST_F(Outage, RequestsGet503WhileTheDatabaseIsDownAndRecoverWithin5s) {
  import_fixture(url_);
  auto server = node(url_);
  const std::string comments = "/api/v1/articles/shin-splints/comments";
  ASSERT_EQ(http_get(server->port(), comments).status, 200);

  ASSERT_EQ(run({script(), "pause", state_}).exit_code, 0);
  const auto down = http_get(server->port(), comments);
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_EQ(json::parse(down.body)["error"]["code"], "store_unavailable");
  EXPECT_EQ(down.header("retry-after"), "5");
  // What the snapshot holds is still served.
  EXPECT_EQ(http_get(server->port(), "/api/v1/articles/shin-splints").status, 200);
  EXPECT_EQ(http_get(server->port(), "/healthz").status, 200);

  ASSERT_EQ(run({script(), "resume", state_}).exit_code, 0);
  const double took =
      seconds_until([&] { return http_get(server->port(), comments).status == 200; }, 10.0);
  EXPECT_GE(took, 0) << "no recovery after the database came back";
  EXPECT_LT(took, 5.0);
  // And writes work again: a new reader can register.
  Client c = new_reader(server->port(), "afteroutage");
  EXPECT_TRUE(signed_in(c));
}

// An article page a signed-out reader was given before the database went
// down is served as last rendered, saying so, even after a rating changed it
// (its byline would need the database); the API and signed-in readers get the
// honest 503.
TEST_F(Outage, SignedOutPagesAlreadyRenderedAreServedStaleWhileTheDatabaseIsDown) {
  import_fixture(url_);
  auto server = node(url_);
  const std::string page = "/articles/shin-splints";
  const auto before = http_get(server->port(), page);
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.header("x-symptomdb-stale"), "");
  // A rating moves the content on: the rendered page is out of date.
  Client reader = new_reader(server->port(), "rater");
  ASSERT_EQ(reader
                .post_form("/authors/" + kAuthor + "/ratings",
                           {{"csrf", session_csrf(reader)}, {"stars", "4"}})
                .status,
            303);

  ASSERT_EQ(run({script(), "pause", state_}).exit_code, 0);
  const auto down = http_get(server->port(), page);
  EXPECT_EQ(down.status, 200) << down.body.substr(0, 300);
  EXPECT_NE(down.header("x-symptomdb-stale"), "");
  EXPECT_EQ(down.header("cache-control"), "no-store");
  EXPECT_EQ(down.body, before.body);
  // The API stays honest, and so do pages for a signed-in reader.
  const auto api = http_get(server->port(), "/api/v1/articles/shin-splints/comments");
  EXPECT_EQ(api.status, 503);
  EXPECT_EQ(reader.get(page).status, 503);

  ASSERT_EQ(run({script(), "resume", state_}).exit_code, 0);
  const double took = seconds_until(
      [&] {
        const auto r = http_get(server->port(), page);
        return r.status == 200 && r.header("x-symptomdb-stale").empty();
      },
      10.0);
  EXPECT_GE(took, 0) << "the page stayed stale after the database came back";
  EXPECT_NE(http_get(server->port(), page).body, before.body);  // now with the rating
}

TEST(Migrate, CopiesASqliteSiteIntoAnEmptyDatabaseAndRefusesAFullOne) {
  SYMPTOMDB_SKIP_WITHOUT(Backend::postgresql);
  TempDir dir;
  const auto sqlite = dir.file("site.db");
  import_fixture(sqlite);
  ASSERT_EQ(run({binary(), "user", "add", "editor1", "--role", "editor", "--db", sqlite},
                kPassword + "\n")
                .exit_code,
            0);
  ASSERT_EQ(run({binary(), "import", "hpo",
                 (source_dir() / "tests/fixtures/hpo/mini.json").string(), "--db", sqlite})
                .exit_code,
            0);
  ASSERT_EQ(run({binary(), "import", "hpoa",
                 (source_dir() / "tests/fixtures/hpo/mini.hpoa").string(), "--db", sqlite})
                .exit_code,
            0);
  // What a live site holds besides its articles: a reader's session, a
  // comment and a report of it, a rating, a failed sign-in, an editor's draft
  // and its first revision, all made through the web on the SQLite site.
  std::string reader_sid;
  {
    auto site = node(sqlite);
    Client reader = new_reader(site->port(), "movedreader");
    reader_sid = reader.cookie("sid").value_or("");
    ASSERT_EQ(reader
                  .post_form(kArticle + "/comments",
                             {{"csrf", session_csrf(reader)}, {"body", "Rest helped me"}})
                  .status,
              303);
    ASSERT_EQ(reader
                  .post_json("/api/v1/authors/" + kAuthor + "/ratings", R"({"stars": 4})",
                             {{"X-CSRF-Token", session_csrf(reader)}})
                  .status,
              200);
    Client other = new_reader(site->port(), "reporter");
    const auto comment = query_value(sqlite, "SELECT id FROM comments");
    ASSERT_EQ(
        other.post_form("/comments/" + comment + "/report", {{"csrf", session_csrf(other)}}).status,
        303);
    Client wrong(site->port());
    EXPECT_NE(login(wrong, "editor1", "not the password at all").status, 303);
    Client editor(site->port());
    ASSERT_EQ(login(editor, "editor1").status, 303);
    ASSERT_EQ(editor
                  .post_form("/write", {{"csrf", session_csrf(editor)},
                                        {"title", "Does it move along?"},
                                        {"condition", "Gout"}})
                  .status,
              303);
  }
  TestDatabase pg(Backend::postgresql);
  const auto r = run({binary(), "migrate", "--from", sqlite, "--to", pg.location()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "verified")) << r.out;
  for (const std::string table :
       {"articles", "sections", "items", "users", "hpo_terms", "hpo_synonyms", "hpo_annotations",
        "authors", "sessions", "comments", "comment_reports", "author_ratings", "login_failures",
        "drafts", "revisions"}) {
    const auto q = "SELECT COUNT(*) FROM " + table;
    EXPECT_EQ(pg.query(q), query_db(sqlite, q)) << table;
    EXPECT_NE(pg.query(q)[0][0], "0") << table;
  }
  for (const std::string sql : {"SELECT id, username, password_hash, role FROM users ORDER BY id",
                                "SELECT id, article_slug, user_id, body FROM comments ORDER BY id",
                                "SELECT user_id, stars FROM author_ratings ORDER BY user_id",
                                "SELECT slug, state FROM drafts ORDER BY slug"})
    EXPECT_EQ(pg.query(sql), query_db(sqlite, sql)) << sql;
  // A second migration into the same database is refused, changing nothing.
  const auto again = run({binary(), "migrate", "--from", sqlite, "--to", pg.location()});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_TRUE(contains(again.err, "not empty")) << again.err;
  EXPECT_EQ(pg.query("SELECT COUNT(*) FROM users"), (Rows{{"3"}}));
  // The moved site works: its account signs in, new rows get new ids.
  auto server = node(pg.location());
  Client c(server->port());
  EXPECT_EQ(login(c, "editor1").status, 303);
  EXPECT_EQ(http_get(server->port(), "/api/v1/articles/shin-splints").status, 200);
  // The reader stays signed in across the move, and the comment is shown.
  Client moved(server->port());
  moved.set_cookie("sid", reader_sid);
  EXPECT_TRUE(signed_in(moved));
  EXPECT_TRUE(contains(http_get(server->port(), kArticle).body, "Rest helped me"));
  Client r2 = new_reader(server->port(), "aftermove");
  EXPECT_TRUE(signed_in(r2));
  EXPECT_EQ(pg.query("SELECT COUNT(DISTINCT id) FROM users"), (Rows{{"4"}}));
}

}  // namespace
}  // namespace symptomdb::test
