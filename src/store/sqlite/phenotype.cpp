// The phenotype ontology and disease annotations (HPO) on SQLite: one
// release of each, replaced whole in one transaction, read back in order.

#include "store/common.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/writer.hpp"

namespace symptomdb::store {

namespace {

// Empties the tables, children first: deleting terms would otherwise
// cascade row by row.
template <std::size_t N>
void empty(Database& db, const Table* const (&tables)[N]) {
  for (std::size_t i = N; i-- > 0;) db.exec(std::string("DELETE FROM ") + tables[i]->name);
}

}  // namespace

void SqliteStore::put_ontology(const ontology::OntologyRecords& records) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  empty(db_, kOntologyTables);
  ontology_rows(records, utc_now(), SqliteWriter(db_));
  tx.commit();
}

std::optional<ontology::OntologyRecords> SqliteStore::load_ontology() {
  std::lock_guard lock(mutex_);
  return read_ontology(each_row());
}

void SqliteStore::put_annotations(const ontology::AnnotationRecords& records) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  empty(db_, kAnnotationTables);
  annotation_rows(records, utc_now(), SqliteWriter(db_));
  tx.commit();
}

std::string SqliteStore::phenotype_stamp() {
  std::lock_guard lock(mutex_);
  auto st = db_.prepare(kPhenotypeStampSql);
  st.step();
  return st.text(0);
}

std::optional<ontology::AnnotationRecords> SqliteStore::load_annotations() {
  std::lock_guard lock(mutex_);
  return read_annotations(each_row());
}

}  // namespace symptomdb::store
