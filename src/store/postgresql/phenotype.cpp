// The phenotype ontology and disease annotations on PostgreSQL. A release is
// hundreds of thousands of rows, so it goes in with COPY (one stream per
// table) rather than one INSERT per row, inside the same single transaction.
#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/util.hpp"

namespace symptomdb::store {
namespace {

// Rows in COPY's text format: tab-separated, newline-terminated, with
// backslash escapes for the characters that would end a field or a row.
class CopyRows {
 public:
  CopyRows& field(std::string_view v) {
    if (!first_) out_ += '\t';
    first_ = false;
    for (char ch : v) {
      switch (ch) {
        case '\\':
          out_ += "\\\\";
          break;
        case '\t':
          out_ += "\\t";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        default:
          out_ += ch;
      }
    }
    return *this;
  }
  CopyRows& field(std::int64_t v) { return field(std::string_view(std::to_string(v))); }
  void end_row() {
    out_ += '\n';
    first_ = true;
  }
  const std::string& data() const { return out_; }

 private:
  std::string out_;
  bool first_ = true;
};

}  // namespace

void PostgresStore::put_ontology(const ontology::OntologyRecords& records) {
  CopyRows terms, synonyms, alt_ids, xrefs, parents;
  auto add_list = [](CopyRows& rows, std::int64_t term, const std::vector<std::string>& values) {
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
          {records.version, records.source, pg::utc_now()});
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
  return with([](pg::Connection& c) -> std::optional<ontology::OntologyRecords> {
    pg::Transaction tx(c);
    c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    ontology::OntologyRecords out;
    const auto meta = c.run("SELECT version, source_file FROM hpo_release WHERE id = 1");
    if (meta.empty()) return std::nullopt;
    out.version = meta.text(0, 0);
    out.source = meta.text(0, 1);
    const auto terms = c.run(
        "SELECT ordinal, id, label, definition, comment, obsolete, replaced_by FROM hpo_terms "
        "ORDER BY ordinal");
    out.terms.reserve(static_cast<std::size_t>(terms.rows()));
    for (int r = 0; r < terms.rows(); ++r) {
      if (terms.integer(r, 0) != static_cast<std::int64_t>(out.terms.size()))
        throw StoreError("hpo_terms: ordinals are not contiguous");
      ontology::TermRecord t;
      t.id = terms.text(r, 1);
      t.label = terms.text(r, 2);
      t.definition = terms.text(r, 3);
      t.comment = terms.text(r, 4);
      t.obsolete = terms.integer(r, 5) != 0;
      t.replaced_by = terms.text(r, 6);
      out.terms.push_back(std::move(t));
    }
    auto term_at = [&out](std::int64_t ordinal) -> ontology::TermRecord& {
      if (ordinal < 0 || ordinal >= static_cast<std::int64_t>(out.terms.size()))
        throw StoreError("HPO table row refers to missing term " + std::to_string(ordinal));
      return out.terms[static_cast<std::size_t>(ordinal)];
    };
    const auto syn =
        c.run("SELECT term, text, scope, layperson FROM hpo_synonyms ORDER BY term, ordinal");
    for (int r = 0; r < syn.rows(); ++r)
      term_at(syn.integer(r, 0))
          .synonyms.push_back({syn.text(r, 1), ontology::synonym_scope_from(syn.text(r, 2)),
                               syn.integer(r, 3) != 0});
    auto load_list = [&](const char* table, const char* column,
                         std::vector<std::string> ontology::TermRecord::*list) {
      const auto st = c.run(std::string("SELECT term, ") + column + " FROM " + table +
                            " ORDER BY term, ordinal");
      for (int r = 0; r < st.rows(); ++r)
        (term_at(st.integer(r, 0)).*list).push_back(st.text(r, 1));
    };
    load_list("hpo_alt_ids", "alt_id", &ontology::TermRecord::alt_ids);
    load_list("hpo_xrefs", "xref", &ontology::TermRecord::xrefs);
    load_list("hpo_parents", "parent", &ontology::TermRecord::parents);
    tx.commit();
    return out;
  });
}

void PostgresStore::put_annotations(const ontology::AnnotationRecords& records) {
  CopyRows rows;
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
        {records.version, records.hpo_version, records.source, pg::utc_now()});
    c.copy_in(
        "COPY hpo_annotations (ordinal, disease_id, disease_name, negated, term_id, reference, "
        "evidence, onset, frequency, sex, modifier, aspect, biocuration) FROM STDIN",
        rows.data());
  });
}

std::string PostgresStore::phenotype_stamp() {
  return with([](pg::Connection& c) {
    // imported_at has one-second resolution; the row counts tell apart two
    // different files imported within the same second.
    return c
        .run(
            "SELECT COALESCE((SELECT version || '|' || source_file || '|' || imported_at"
            "                 FROM hpo_release WHERE id = 1), '') || '|' ||"
            " (SELECT COUNT(*) FROM hpo_terms) || '|' ||"
            " COALESCE((SELECT version || '|' || source_file || '|' || imported_at"
            "           FROM hpo_annotation_release WHERE id = 1), '') || '|' ||"
            " (SELECT COUNT(*) FROM hpo_annotations)")
        .text(0, 0);
  });
}

std::optional<ontology::AnnotationRecords> PostgresStore::load_annotations() {
  return with([](pg::Connection& c) -> std::optional<ontology::AnnotationRecords> {
    pg::Transaction tx(c);
    c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    ontology::AnnotationRecords out;
    const auto meta =
        c.run("SELECT version, hpo_version, source_file FROM hpo_annotation_release WHERE id = 1");
    if (meta.empty()) return std::nullopt;
    out.version = meta.text(0, 0);
    out.hpo_version = meta.text(0, 1);
    out.source = meta.text(0, 2);
    const auto st = c.run(
        "SELECT disease_id, disease_name, negated, term_id, reference, evidence, onset, "
        "frequency, sex, modifier, aspect, biocuration FROM hpo_annotations ORDER BY ordinal");
    out.rows.reserve(static_cast<std::size_t>(st.rows()));
    for (int r = 0; r < st.rows(); ++r) {
      ontology::Annotation a;
      a.disease_id = st.text(r, 0);
      a.disease_name = st.text(r, 1);
      a.negated = st.integer(r, 2) != 0;
      a.term_id = st.text(r, 3);
      a.reference = st.text(r, 4);
      a.evidence = st.text(r, 5);
      a.onset = st.text(r, 6);
      a.frequency = st.text(r, 7);
      a.sex = st.text(r, 8);
      a.modifier = st.text(r, 9);
      const auto aspect = st.text(r, 10);
      a.aspect = aspect.empty() ? 'P' : aspect[0];
      a.biocuration = st.text(r, 11);
      out.rows.push_back(std::move(a));
    }
    tx.commit();
    return out;
  });
}

}  // namespace symptomdb::store
