// HPO records through the store (SQLite and PostgreSQL): exact round trips, whole-release
// replacement, and a failed put leaving the previous release in place.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "ingest/hpo_json.hpp"
#include "ingest/hpoa.hpp"
#include "store/store.hpp"
#include "support/db.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

ontology::OntologyRecords mini_ontology() {
  return ingest::parse_obographs_json(
      test::read_file(test::source_dir() / "tests/fixtures/hpo/mini.json"), "mini.json");
}

ontology::AnnotationRecords mini_annotations() {
  return ingest::parse_hpoa(test::read_file(test::source_dir() / "tests/fixtures/hpo/mini.hpoa"),
                            "mini.hpoa");
}

void expect_same(const ontology::OntologyRecords& a, const ontology::OntologyRecords& b) {
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.source, b.source);
  ASSERT_EQ(a.terms.size(), b.terms.size());
  for (std::size_t i = 0; i < a.terms.size(); ++i) EXPECT_EQ(a.terms[i], b.terms[i]) << i;
}

void expect_same(const ontology::AnnotationRecords& a, const ontology::AnnotationRecords& b) {
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.hpo_version, b.hpo_version);
  EXPECT_EQ(a.source, b.source);
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) EXPECT_EQ(a.rows[i], b.rows[i]) << i;
}

class HpoStore : public ::testing::TestWithParam<test::Backend> {
 protected:
  void SetUp() override {
    SYMPTOMDB_SKIP_WITHOUT(GetParam());
    db_ = std::make_unique<test::TestDatabase>(GetParam());
  }
  std::unique_ptr<store::Store> open() const { return db_->open(); }
  std::unique_ptr<test::TestDatabase> db_;
};

INSTANTIATE_TEST_SUITE_P(Both, HpoStore,
                         ::testing::Values(test::Backend::sqlite, test::Backend::postgresql),
                         test::backend_name);

TEST_P(HpoStore, NothingImportedLoadsNothing) {
  auto store = open();
  EXPECT_EQ(store->load_ontology(), std::nullopt);
  EXPECT_EQ(store->load_annotations(), std::nullopt);
}

TEST_P(HpoStore, OntologyRoundTripsExactly) {
  const auto records = mini_ontology();
  ASSERT_FALSE(records.terms.empty());
  open()->put_ontology(records);
  // A new connection reads back what was written, in file order.
  auto loaded = open()->load_ontology();
  ASSERT_TRUE(loaded);
  expect_same(*loaded, records);
  const auto meta = db_->query("SELECT version, source_file, imported_at FROM hpo_release");
  ASSERT_EQ(meta.size(), 1u);
  EXPECT_EQ(meta[0][0], "2026-01-08");
  EXPECT_EQ(meta[0][2].size(), 20u);  // 2026-12-01T07:16:52Z
}

TEST_P(HpoStore, AnnotationsRoundTripExactly) {
  const auto records = mini_annotations();
  open()->put_annotations(records);
  auto loaded = open()->load_annotations();
  ASSERT_TRUE(loaded);
  expect_same(*loaded, records);
  // Annotations do not need an ontology to be stored.
  EXPECT_EQ(open()->load_ontology(), std::nullopt);
}

TEST_P(HpoStore, EmptyStringsAndEveryScopeRoundTrip) {
  ontology::OntologyRecords r;
  r.version = "v";
  r.source = "s";
  ontology::TermRecord t;
  t.id = "X:1";
  t.synonyms = {{"a", ontology::SynonymScope::exact, true},
                {"b", ontology::SynonymScope::related, false},
                {"c", ontology::SynonymScope::broad, true},
                {"d", ontology::SynonymScope::narrow, false}};
  r.terms = {t};
  r.terms.push_back({.id = "X:2", .obsolete = true, .replaced_by = "X:1"});
  auto store = open();
  store->put_ontology(r);
  expect_same(*store->load_ontology(), r);
}

TEST_P(HpoStore, PutReplacesTheWholeRelease) {
  auto store = open();
  store->put_ontology(mini_ontology());
  store->put_annotations(mini_annotations());
  ontology::OntologyRecords smaller{
      "2027-01-01", "next.obo", {{.id = "HP:0000001", .label = "All"}}};
  ontology::AnnotationRecords fewer{"2027-01-02", "2027-01-01", "next.hpoa", {}};
  fewer.rows.push_back({.disease_id = "OMIM:1", .term_id = "HP:0000001", .aspect = 'H'});
  store->put_ontology(smaller);
  store->put_annotations(fewer);
  expect_same(*store->load_ontology(), smaller);
  expect_same(*store->load_annotations(), fewer);
}

TEST_P(HpoStore, FailedPutLeavesThePreviousRelease) {
  auto store = open();
  const auto ontology = mini_ontology();
  const auto annotations = mini_annotations();
  store->put_ontology(ontology);
  store->put_annotations(annotations);

  // The last term repeats an id: the constraint fails after every other row
  // of the new release has been written.
  auto broken = ontology;
  broken.version = "broken";
  broken.terms.push_back(broken.terms.front());
  EXPECT_THROW(store->put_ontology(broken), StoreError);
  auto bad_rows = annotations;
  bad_rows.version = "broken";
  bad_rows.rows.back().aspect = 'Z';
  EXPECT_THROW(store->put_annotations(bad_rows), StoreError);

  expect_same(*store->load_ontology(), ontology);
  expect_same(*store->load_annotations(), annotations);
  // And through another connection: nothing of the failed puts was committed.
  EXPECT_EQ(db_->query("SELECT version FROM hpo_release"), (test::Rows{{"2026-01-08"}}));
  EXPECT_EQ(db_->query("SELECT COUNT(*) FROM hpo_annotations"), (test::Rows{{"11"}}));
}

}  // namespace
}  // namespace symptomdb
