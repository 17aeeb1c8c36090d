// The `symptomdb` command as a user runs it: imports, show, list, export,
// and what happens to the database when an input is bad. On SQLite files, and
// with SYMPTOMDB_TEST_STORE=postgresql on --db postgresql://... URLs (each
// database a schema of its own; support/stores.hpp).
#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {
namespace {

std::string content_dir() {
  return (source_dir() / "content").string();
}
std::string fixture() {
  return (source_dir() / "tests/fixtures/seed_like.txt").string();
}

TEST(Cli, ImportSeedThenShowAndList) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  auto r = run({binary(), "import", "seed", fixture(), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("imported 1 article"), std::string::npos) << r.out;
  r = run({binary(), "show", "shin-splints", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("How can I ease shin splints?"), std::string::npos);
  EXPECT_NE(r.out.find("Hard Surfaces"), std::string::npos);
  EXPECT_NE(r.out.find("By Sam Example, PT - Example Sports Clinic, Springfield"),
            std::string::npos);
  EXPECT_NE(r.out.find("(no heading in source)"), std::string::npos);
  r = run({binary(), "show", "shin-splints", "--db", db, "--json"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("\"type\": \"causes\""), std::string::npos);
  r = run({binary(), "list", "--db", db});
  EXPECT_EQ(r.out.rfind("shin-splints\tShin splints\t", 0), 0u) << r.out;
  r = run({binary(), "show", "missing", "--db", db});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no article 'missing'"), std::string::npos);
}

TEST(Cli, AMedicallyReviewedArticleSaysSoAndExportsItsReviewer) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  TempDir dir;
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  const auto md = dir.write("gout.md",
                            "---\ntitle: How is gout treated?\ncondition: Gout\nreviewed: "
                            "2026-11-30\nreviewed_by: Erin Roe\nreviewer_credential: MD\n---\n"
                            "Gout is a painful arthritis.\n");
  auto r = run({binary(), "import", "markdown", md, "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({binary(), "show", "gout", "--db", db});
  EXPECT_NE(r.out.find("Medically reviewed by Erin Roe, MD on 2026-11-30"), std::string::npos)
      << r.out;
  r = run({binary(), "export", "--out", dir.file("out"), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto exported = read_file(dir.path() / "out" / "gout.md");
  EXPECT_NE(exported.find("reviewed_by: Erin Roe\nreviewer_credential: MD\n"), std::string::npos)
      << exported;
}

TEST(Cli, AuthorSetMakesOrUpdatesAProfile) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  auto r = run({binary(), "author", "set", "Erin Roe", "--credential", "MD", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("author profile 'erin-roe': Erin Roe, MD"), std::string::npos) << r.out;
  r = run({binary(), "author", "set", "Erin Roe", "--credential", "MD, PhD", "--affiliation",
           "Example Clinic", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Erin Roe, MD, PhD"), std::string::npos) << r.out;
  r = run({binary(), "author", "set", "!!!", "--db", db});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("letters or digits"), std::string::npos) << r.err;
}

TEST(Cli, ImportsTheModelSeed) {
  if (!std::filesystem::exists(seed_file())) GTEST_SKIP() << "../shared not present";
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  auto r = run({binary(), "import", "seed", seed_file().string(), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({binary(), "show", "muscle-atrophy", "--db", db});
  EXPECT_NE(r.out.find("Injury or Immobilization"), std::string::npos);
  EXPECT_NE(r.out.find("Haroon Rashid, MD"), std::string::npos);
}

TEST(Cli, ABadFileInAFolderImportsNothingAndNamesFileAndLine) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  TempDir dir;
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  ASSERT_EQ(run({binary(), "import", "markdown", content_dir(), "--db", db}).exit_code, 0);
  const auto before = run({binary(), "list", "--db", db}).out;

  dir.write("in/a-good.md", "---\ntitle: Good?\ncondition: Goodness\n---\nFine text.\n");
  const auto bad =
      dir.write("in/b-bad.md", "---\ntitle: Bad?\ncondition: Badness\nreviewed: soon\n---\nText\n");
  const auto r = run({binary(), "import", "markdown", dir.file("in"), "--db", db});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find(bad + ":4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was imported"), std::string::npos) << r.err;
  EXPECT_EQ(run({binary(), "list", "--db", db}).out,
            before);  // the good file was not written either
}

TEST(Cli, MissingPathsAndDatabasesAreClearErrors) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  TempDir dir;
  const TestDatabase store(site_backend());
  auto r = run({binary(), "import", "seed", dir.file("nope.txt"), "--db", store.location()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no such file"), std::string::npos) << r.err;
  if (store.backend() == Backend::postgresql) {
    // A database the server does not have, and a server that is not there:
    // clear errors naming what was asked for (without a password).
    std::string why;
    const std::string url = postgresql_test_url(why);
    const auto path = url.find('/', url.find("://") + 3);
    const auto query = url.find('?', path);
    const std::string none = url.substr(0, path) + "/symptomdb_no_such_database" +
                             (query == std::string::npos ? "" : url.substr(query));
    r = run({binary(), "show", "x", "--db", none});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("symptomdb_no_such_database"), std::string::npos) << r.err;
    r = run({binary(), "import", "seed", fixture(), "--db",
             "postgresql://someone:secret@/x?host=" + dir.file("no-server")});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("symptomdb:"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("secret"), std::string::npos) << r.err;
    return;
  }
  r = run({binary(), "show", "x", "--db", dir.file("none.db")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(dir.file("none.db")));  // show never creates a database
  const auto junk = dir.write("junk.db", std::string(8192, 'j'));
  r = run({binary(), "import", "seed", fixture(), "--db", junk});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("symptomdb:"), std::string::npos);
}

TEST(Cli, ExportImportExportIsStable) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  TempDir dir;
  const TestDatabase one(site_backend()), two(site_backend());
  const auto &db1 = one.location(), &db2 = two.location();
  ASSERT_EQ(run({binary(), "import", "markdown", content_dir(), "--db", db1}).exit_code, 0);
  ASSERT_EQ(run({binary(), "import", "seed", fixture(), "--db", db1}).exit_code, 0);
  auto r = run({binary(), "export", "--db", db1, "--out", dir.file("out1")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(run({binary(), "import", "markdown", dir.file("out1"), "--db", db2}).exit_code, 0);
  ASSERT_EQ(run({binary(), "export", "--db", db2, "--out", dir.file("out2")}).exit_code, 0);
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.file("out1"))) {
    ++files;
    const auto twin = std::filesystem::path(dir.file("out2")) / e.path().filename();
    EXPECT_EQ(read_file(e.path()), read_file(twin)) << e.path();
  }
  EXPECT_GE(files, 13u);
  // The re-imported article reads the same; only its provenance differs.
  auto body = [](const std::string& shown) { return shown.substr(0, shown.find("\nSource: ")); };
  EXPECT_EQ(body(run({binary(), "show", "shin-splints", "--db", db2}).out),
            body(run({binary(), "show", "shin-splints", "--db", db1}).out));
}

}  // namespace
}  // namespace symptomdb::test
