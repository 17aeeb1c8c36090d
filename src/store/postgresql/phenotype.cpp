// The phenotype ontology and disease annotations on PostgreSQL. A release is
// hundreds of thousands of rows, so it goes in with COPY (one stream per
// table) rather than one INSERT per row, inside the same single transaction.
#include "store/common.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/util.hpp"

namespace symptomdb::store {
void PostgresStore::put_ontology(const ontology::OntologyRecords& records) {
  pg::CopyRows terms, synonyms, alt_ids, xrefs, parents;
  auto add_list = [](pg::CopyRows& rows, std::int64_t term,
                     const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      rows.field(term).field(static_cast<std::int64_t>(i)).field(values[i]);
      rows.end_row();
    }
  };
  for (std::size_t ti = 0; ti < records.terms.size(); ++ti) {
    const auto& t = records.terms[ti];
    const auto term = static_cast<std::int64_t>(ti);
    terms.field(term)
        .field(t.id)
        .field(t.label)
        .field(t.definition)
        .field(t.comment)
        .field(t.obsolete ? 1 : 0)
        .field(t.replaced_by);
    terms.end_row();
    for (std::size_t i = 0; i < t.synonyms.size(); ++i) {
      synonyms.field(term)
          .field(static_cast<std::int64_t>(i))
          .field(t.synonyms[i].text)
          .field(ontology::to_string(t.synonyms[i].scope))
          .field(t.synonyms[i].layperson ? 1 : 0);
      synonyms.end_row();
    }
    add_list(alt_ids, term, t.alt_ids);
    add_list(xrefs, term, t.xrefs);
    add_list(parents, term, t.parents);
  }
  write([&](pg::Connection& c) {
    // TRUNCATE is transactional in PostgreSQL: a failed import rolls it
    // back with the rest, leaving the previous release.
    c.exec("TRUNCATE hpo_synonyms, hpo_alt_ids, hpo_xrefs, hpo_parents, hpo_terms, hpo_release");
    c.run("INSERT INTO hpo_release (id, version, source_file, imported_at) VALUES (1, $1, $2, $3)",
          {records.version, records.source, utc_now()});
    c.copy_in(
        "COPY hpo_terms (ordinal, id, label, definition, comment, obsolete, replaced_by) FROM "
        "STDIN",
        terms.data());
    c.copy_in("COPY hpo_synonyms (term, ordinal, text, scope, layperson) FROM STDIN",
              synonyms.data());
    c.copy_in("COPY hpo_alt_ids (term, ordinal, alt_id) FROM STDIN", alt_ids.data());
    c.copy_in("COPY hpo_xrefs (term, ordinal, xref) FROM STDIN", xrefs.data());
    c.copy_in("COPY hpo_parents (term, ordinal, parent) FROM STDIN", parents.data());
  });
}

std::optional<ontology::OntologyRecords> PostgresStore::load_ontology() {
  return with([](pg::Connection& c) {
    return pg::in_one_snapshot(c, [&] { return read_ontology(pg::each_row(c)); });
  });
}

void PostgresStore::put_annotations(const ontology::AnnotationRecords& records) {
  pg::CopyRows rows;
  for (std::size_t i = 0; i < records.rows.size(); ++i) {
    const auto& a = records.rows[i];
    rows.field(static_cast<std::int64_t>(i))
        .field(a.disease_id)
        .field(a.disease_name)
        .field(a.negated ? 1 : 0)
        .field(a.term_id)
        .field(a.reference)
        .field(a.evidence)
        .field(a.onset)
        .field(a.frequency)
        .field(a.sex)
        .field(a.modifier)
        .field(std::string_view(&a.aspect, 1))
        .field(a.biocuration);
    rows.end_row();
  }
  write([&](pg::Connection& c) {
    c.exec("TRUNCATE hpo_annotations, hpo_annotation_release");
    c.run(
        "INSERT INTO hpo_annotation_release (id, version, hpo_version, source_file, imported_at) "
        "VALUES (1, $1, $2, $3, $4)",
        {records.version, records.hpo_version, records.source, utc_now()});
    c.copy_in(
        "COPY hpo_annotations (ordinal, disease_id, disease_name, negated, term_id, reference, "
        "evidence, onset, frequency, sex, modifier, aspect, biocuration) FROM STDIN",
        rows.data());
  });
}

std::string PostgresStore::phenotype_stamp() {
  return with([](pg::Connection& c) { return c.run(kPhenotypeStampSql).text(0, 0); });
}

std::optional<ontology::AnnotationRecords> PostgresStore::load_annotations() {
  return with([](pg::Connection& c) {
    return pg::in_one_snapshot(c, [&] { return read_annotations(pg::each_row(c)); });
  });
}

}  // namespace symptomdb::store
