// `symptomdb import hpo` and `import hpoa` through the real binary: the mini
// fixtures (tests/fixtures/hpo), malformed input leaving the database as it
// was, and the real HPO release from ../shared/data/hpo when it is present.
// Each goes into SQLite, and into PostgreSQL with SYMPTOMDB_TEST_STORE=postgresql
// (the …/PostgreSQL run; support/stores.hpp).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <set>
#include <sstream>

#include "support/process.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {
namespace {

namespace fs = std::filesystem;

std::string hpo_fixture(const std::string& name) {
  return (source_dir() / "tests/fixtures/hpo" / name).string();
}

// Every HPO table's rows except the import time, to compare databases.
std::string dump(const TestDatabase& db) {
  std::ostringstream out;
  for (const char* sql : {
           "SELECT version, source_file FROM hpo_release",
           "SELECT * FROM hpo_terms ORDER BY ordinal",
           "SELECT * FROM hpo_synonyms ORDER BY term, ordinal",
           "SELECT * FROM hpo_alt_ids ORDER BY term, ordinal",
           "SELECT * FROM hpo_xrefs ORDER BY term, ordinal",
           "SELECT * FROM hpo_parents ORDER BY term, ordinal",
           "SELECT version, hpo_version, source_file FROM hpo_annotation_release",
           "SELECT * FROM hpo_annotations ORDER BY ordinal",
       }) {
    out << sql << "\n";
    for (const auto& row : db.query(sql)) {
      for (const auto& v : row) out << v << '\t';
      out << '\n';
    }
  }
  return out.str();
}

TEST(HpoCli, ImportsTheMiniOntologyThenItsAnnotations) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  auto r = run({binary(), "import", "hpo", hpo_fixture("mini.obo"), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("release 2026-01-08"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("16 terms (2 obsolete, 14 current), 4 alternative ids, 24 synonyms (10 "
                       "layperson), 14 is_a edges"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  EXPECT_EQ(r.err, "");  // no progress display when stderr is not a terminal
  EXPECT_EQ(store.value("SELECT COUNT(*) FROM hpo_terms"), "16");
  EXPECT_EQ(store.value("SELECT COUNT(*) FROM hpo_synonyms WHERE layperson = 1"), "10");
  EXPECT_EQ(store.value("SELECT replaced_by FROM hpo_terms WHERE id = 'HP:0001425'"), "HP:0000005");

  r = run({binary(), "import", "hpoa", hpo_fixture("mini.hpoa"), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("release 2025-05-06 (made with HPO 2025-05-06)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("11 rows, 4 diseases, 1 negated"), std::string::npos) << r.out;
  // HP:0003545 (alt id) and HP:0001425 (obsolete, replaced) are mapped;
  // HP:0003743 (obsolete, no replacement) is not.
  EXPECT_NE(r.out.find("against HPO 2026-01-08: 2 rows name a term by an alternative or obsolete "
                       "id, 1 name unknown terms"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(store.value("SELECT COUNT(*) FROM hpo_annotations WHERE negated = 1"), "1");
  EXPECT_EQ(store.value("SELECT term_id FROM hpo_annotations WHERE ordinal = 6"),
            "HP:0003545");  // stored as written
}

TEST(HpoCli, AnnotationsWithoutAnOntologySayTheyWereNotChecked) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase store(site_backend());
  const auto r =
      run({binary(), "import", "hpoa", hpo_fixture("mini.hpoa"), "--db", store.location()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("no ontology stored"), std::string::npos) << r.out;
}

TEST(HpoCli, JsonAndOboOfTheSameContentStoreTheSameRows) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase from_json(site_backend()), from_obo(site_backend());
  ASSERT_EQ(run({binary(), "import", "hpo", hpo_fixture("mini.json"), "--db", from_json.location()})
                .exit_code,
            0);
  ASSERT_EQ(run({binary(), "import", "hpo", hpo_fixture("mini.obo"), "--db", from_obo.location()})
                .exit_code,
            0);
  // The stored source file names differ, and only they.
  auto without_source = [](std::string s) {
    for (const std::string name : {"mini.json", "mini.obo"})
      for (auto p = s.find(name); p != std::string::npos; p = s.find(name))
        s.replace(p, name.size(), "<source>");
    return s;
  };
  EXPECT_EQ(without_source(dump(from_json)), without_source(dump(from_obo)));
}

TEST(HpoCli, ReimportReplacesTheRelease) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  ASSERT_EQ(run({binary(), "import", "hpo", hpo_fixture("mini.obo"), "--db", db}).exit_code, 0);
  const auto once = dump(store);
  ASSERT_EQ(run({binary(), "import", "hpo", hpo_fixture("mini.obo"), "--db", db}).exit_code, 0);
  EXPECT_EQ(dump(store), once);
}

TEST(HpoCli, MalformedAnnotationsExitNonZeroNameFileAndLineAndChangeNothing) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  ASSERT_EQ(run({binary(), "import", "hpo", hpo_fixture("mini.obo"), "--db", db}).exit_code, 0);
  ASSERT_EQ(run({binary(), "import", "hpoa", hpo_fixture("mini.hpoa"), "--db", db}).exit_code, 0);
  const auto before = dump(store);
  struct Case {
    const char* file;
    int line;
  };
  for (const auto& c :
       {Case{"bad_columns.hpoa", 8}, Case{"no_header.hpoa", 5}, Case{"bad_frequency.hpoa", 7},
        Case{"bad_aspect.hpoa", 9}, Case{"bad_hpo_id.hpoa", 6}}) {
    SCOPED_TRACE(c.file);
    const auto path = hpo_fixture(c.file);
    const auto r = run({binary(), "import", "hpoa", path, "--db", db});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find(path + ":" + std::to_string(c.line) + ": "), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(dump(store), before);
  }
  // Nor is a database created (SQLite) or migrated (PostgreSQL) for a file
  // that does not parse.
  const TestDatabase fresh(site_backend());
  EXPECT_NE(
      run({binary(), "import", "hpoa", hpo_fixture("no_header.hpoa"), "--db", fresh.location()})
          .exit_code,
      0);
  if (fresh.backend() == Backend::sqlite)
    EXPECT_FALSE(fs::exists(fresh.location()));
  else
    EXPECT_EQ(fresh.value("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                          "current_schema()"),
              "0");
}

TEST(HpoCli, MalformedOntologiesExitNonZeroAndChangeNothing) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  TempDir dir;
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  ASSERT_EQ(run({binary(), "import", "hpo", hpo_fixture("mini.json"), "--db", db}).exit_code, 0);
  const auto before = dump(store);

  const auto json = dir.write("bad.json", "{\"graphs\": [\n  {\"nodes\": [}\n]}\n");
  auto r = run({binary(), "import", "hpo", json, "--db", db});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find(json + ":2: "), std::string::npos) << r.err;

  const auto obo = dir.write("bad.obo", "ontology: hp\n\n[Term]\nid: HP:0000001\nbogus line\n");
  r = run({binary(), "import", "hpo", obo, "--db", db});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find(obo + ":5: "), std::string::npos) << r.err;

  // Well-formed, but the graph has a cycle: refused before anything is stored.
  const auto cycle = dir.write("cycle.obo",
                               "ontology: hp\n[Term]\nid: HP:0000001\n[Term]\nid: HP:0000002\n"
                               "is_a: HP:0000001\nis_a: HP:0000003\n[Term]\nid: HP:0000003\n"
                               "is_a: HP:0000002\n");
  r = run({binary(), "import", "hpo", cycle, "--db", db});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("cycle"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("HP:000000"), std::string::npos) << r.err;

  EXPECT_EQ(dump(store), before);
}

// --- The real release (../shared/data/hpo). ---

fs::path hpo_dir() {
  return shared_dir() / "data" / "hpo";
}

// Counts taken from the files themselves, independently of the importers.
struct FileCounts {
  std::size_t classes = 0, deprecated = 0, is_a = 0, rows = 0, negated = 0;
  std::size_t old_ids = 0, unknown_ids = 0;  // rows by an alt/replaced id, rows HPO cannot place
  std::set<std::string> diseases;
};

FileCounts count_files() {
  FileCounts c;
  const auto doc = nlohmann::json::parse(read_file(hpo_dir() / "hp.json"));
  const std::string purl = "http://purl.obolibrary.org/obo/HP_";
  std::set<std::string> live, old;  // CURIEs
  for (const auto& n : doc["graphs"][0]["nodes"]) {
    if (n.value("type", "") != "CLASS") continue;
    const auto iri = n["id"].get<std::string>();
    if (!iri.starts_with(purl)) continue;
    const auto id = "HP:" + iri.substr(purl.size());
    ++c.classes;
    const auto meta = n.value("meta", nlohmann::json::object());
    const bool deprecated = meta.value("deprecated", false);
    c.deprecated += deprecated ? 1 : 0;
    bool replaced = false;
    for (const auto& p : meta.value("basicPropertyValues", nlohmann::json::array())) {
      const auto pred = p["pred"].get<std::string>();
      if (pred.ends_with("#hasAlternativeId")) old.insert(p["val"].get<std::string>());
      if (pred.ends_with("/IAO_0100001")) replaced = true;
    }
    if (!deprecated)
      live.insert(id);
    else if (replaced)
      old.insert(id);
  }
  for (const auto& e : doc["graphs"][0]["edges"]) c.is_a += e["pred"] == "is_a" ? 1 : 0;
  std::istringstream in(read_file(hpo_dir() / "phenotype.hpoa"));
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.starts_with("#")) continue;
    if (header) {
      header = false;
      continue;
    }
    ++c.rows;
    const auto tab = line.find('\t');
    c.diseases.insert(line.substr(0, tab));
    if (line.find("\tNOT\t") != std::string::npos) ++c.negated;
    const auto term = line.substr(line.find("\tHP:") + 1, 10);
    if (!live.contains(term)) ++(old.contains(term) ? c.old_ids : c.unknown_ids);
  }
  return c;
}

TEST(HpoData, ImportsTheRealReleaseAndAnnotations) {
  if (!fs::exists(hpo_dir() / "hp.json") || !fs::exists(hpo_dir() / "phenotype.hpoa"))
    GTEST_SKIP() << hpo_dir() << " has no hp.json and phenotype.hpoa (the shared data is absent)";
  const auto expected = count_files();
  // The 2026-01-08 release: about 19.9k classes, 12,690 annotated diseases.
  ASSERT_GT(expected.classes, 19000u);
  ASSERT_LT(expected.classes, 21000u);

  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  const auto started = std::chrono::steady_clock::now();
  auto r = run({binary(), "import", "hpo", (hpo_dir() / "hp.json").string(), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("release 2026-01-08"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(std::to_string(expected.classes) + " terms (" +
                       std::to_string(expected.deprecated) + " obsolete"),
            std::string::npos)
      << r.out;
  r = run({binary(), "import", "hpoa", (hpo_dir() / "phenotype.hpoa").string(), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "full HPO import: " << secs << " s\n";
  EXPECT_NE(r.out.find(std::to_string(expected.rows) + " rows, " +
                       std::to_string(expected.diseases.size()) + " diseases, " +
                       std::to_string(expected.negated) + " negated"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(expected.diseases.size(), 12690u);
  // The annotations were made with an older release: a few hundred rows use
  // ids the 2026 release keeps as alternatives, a handful ids it retired.
  EXPECT_GT(expected.old_ids, 0u);
  EXPECT_LT(expected.old_ids, expected.rows / 100);
  EXPECT_NE(r.out.find("against HPO 2026-01-08: " + std::to_string(expected.old_ids) +
                       " rows name a term by an alternative or obsolete id, " +
                       std::to_string(expected.unknown_ids) + " name unknown terms"),
            std::string::npos)
      << r.out;

  EXPECT_EQ(store.value("SELECT COUNT(*) FROM hpo_terms"), std::to_string(expected.classes));
  EXPECT_EQ(store.value("SELECT COUNT(*) FROM hpo_terms WHERE obsolete = 1"),
            std::to_string(expected.deprecated));
  EXPECT_EQ(store.value("SELECT COUNT(*) FROM hpo_annotations"), std::to_string(expected.rows));
  EXPECT_EQ(store.value("SELECT COUNT(DISTINCT disease_id) FROM hpo_annotations"), "12690");
  // HP:0003202 as the file has it: layperson synonym, alternative id, UMLS xref.
  EXPECT_EQ(store.value("SELECT s.layperson FROM hpo_synonyms s JOIN hpo_terms t ON t.ordinal = "
                        "s.term WHERE t.id = 'HP:0003202' AND s.text = 'Muscle wasting'"),
            "1");
  EXPECT_EQ(store.value("SELECT t.id FROM hpo_alt_ids a JOIN hpo_terms t ON t.ordinal = a.term "
                        "WHERE a.alt_id = 'HP:0001299'"),
            "HP:0003202");
  EXPECT_EQ(store.value("SELECT COUNT(*) FROM hpo_xrefs x JOIN hpo_terms t ON t.ordinal = x.term "
                        "WHERE t.id = 'HP:0003202' AND x.xref = 'UMLS:C0234958'"),
            "1");
  EXPECT_EQ(store.value("SELECT COUNT(*) FROM hpo_parents"), std::to_string(expected.is_a));
}

}  // namespace
}  // namespace symptomdb::test
