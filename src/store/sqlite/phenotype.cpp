// The phenotype ontology and disease annotations (HPO) on SQLite: one
// release of each, replaced whole in one transaction, read back in order.
#include "core/error.hpp"

#include "store/common.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace symptomdb::store {

void SqliteStore::put_ontology(const ontology::OntologyRecords& records) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  // Children first: deleting terms would otherwise cascade row by row.
  for (const char* table :
       {"hpo_synonyms", "hpo_alt_ids", "hpo_xrefs", "hpo_parents", "hpo_terms", "hpo_release"})
    db_.exec(std::string("DELETE FROM ") + table);
  db_.prepare("INSERT INTO hpo_release (id, version, source_file, imported_at) VALUES (1, ?, ?, ?)")
      .bind(1, records.version)
      .bind(2, records.source)
      .bind(3, utc_now())
      .run();
  auto add_term = db_.prepare(
      "INSERT INTO hpo_terms (ordinal, id, label, definition, comment, obsolete, replaced_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  auto add_synonym = db_.prepare(
      "INSERT INTO hpo_synonyms (term, ordinal, text, scope, layperson) VALUES (?, ?, ?, ?, ?)");
  auto add_alt = db_.prepare("INSERT INTO hpo_alt_ids (term, ordinal, alt_id) VALUES (?, ?, ?)");
  auto add_xref = db_.prepare("INSERT INTO hpo_xrefs (term, ordinal, xref) VALUES (?, ?, ?)");
  auto add_parent = db_.prepare("INSERT INTO hpo_parents (term, ordinal, parent) VALUES (?, ?, ?)");
  auto add_list = [](Statement& st, std::int64_t term, const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
      st.bind(1, term).bind(2, static_cast<std::int64_t>(i)).bind(3, values[i]).run();
  };
  for (std::size_t ti = 0; ti < records.terms.size(); ++ti) {
    const auto& t = records.terms[ti];
    const auto term = static_cast<std::int64_t>(ti);
    add_term.bind(1, term)
        .bind(2, t.id)
        .bind(3, t.label)
        .bind(4, t.definition)
        .bind(5, t.comment)
        .bind(6, t.obsolete ? 1 : 0)
        .bind(7, t.replaced_by)
        .run();
    for (std::size_t i = 0; i < t.synonyms.size(); ++i)
      add_synonym.bind(1, term)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, t.synonyms[i].text)
          .bind(4, ontology::to_string(t.synonyms[i].scope))
          .bind(5, t.synonyms[i].layperson ? 1 : 0)
          .run();
    add_list(add_alt, term, t.alt_ids);
    add_list(add_xref, term, t.xrefs);
    add_list(add_parent, term, t.parents);
  }
  tx.commit();
}

std::optional<ontology::OntologyRecords> SqliteStore::load_ontology() {
  std::lock_guard lock(mutex_);
  return read_ontology(each_row());
}

void SqliteStore::put_annotations(const ontology::AnnotationRecords& records) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  db_.exec("DELETE FROM hpo_annotations");
  db_.exec("DELETE FROM hpo_annotation_release");
  db_.prepare(
         "INSERT INTO hpo_annotation_release (id, version, hpo_version, source_file, imported_at) "
         "VALUES (1, ?, ?, ?, ?)")
      .bind(1, records.version)
      .bind(2, records.hpo_version)
      .bind(3, records.source)
      .bind(4, utc_now())
      .run();
  auto add = db_.prepare(
      "INSERT INTO hpo_annotations (ordinal, disease_id, disease_name, negated, term_id, "
      "reference, evidence, onset, frequency, sex, modifier, aspect, biocuration) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < records.rows.size(); ++i) {
    const auto& a = records.rows[i];
    add.bind(1, static_cast<std::int64_t>(i))
        .bind(2, a.disease_id)
        .bind(3, a.disease_name)
        .bind(4, a.negated ? 1 : 0)
        .bind(5, a.term_id)
        .bind(6, a.reference)
        .bind(7, a.evidence)
        .bind(8, a.onset)
        .bind(9, a.frequency)
        .bind(10, a.sex)
        .bind(11, a.modifier)
        .bind(12, std::string_view(&a.aspect, 1))
        .bind(13, a.biocuration)
        .run();
  }
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
