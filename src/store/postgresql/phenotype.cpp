// The phenotype ontology and disease annotations on PostgreSQL. A release is
// hundreds of thousands of rows, so it goes in with COPY (one stream per
// table) rather than one INSERT per row, inside the same single transaction.
#include <map>
#include <type_traits>
#include <variant>

#include "store/common.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/util.hpp"

namespace symptomdb::store {
namespace {

// ontology_rows()' and annotation_rows()' add(table, values) on PostgreSQL:
// the rows of each table gathered in COPY's format, to be sent in one
// stream per table.
class Copier {
 public:
  void operator()(const Table& table, std::initializer_list<Value> values) {
    auto& rows = rows_[table.name];
    for (const auto& v : values)
      std::visit(
          [&](auto x) {
            if constexpr (std::is_same_v<decltype(x), std::nullptr_t>)
              rows.null();
            else
              rows.field(x);
          },
          v);
    rows.end_row();
  }
  // Empties the tables and copies the rows in, parents first. TRUNCATE is
  // transactional in PostgreSQL: a failed import rolls it back with the
  // rest, leaving the previous release.
  template <std::size_t N>
  void replace(pg::Connection& c, const Table* const (&tables)[N]) {
    std::string names;
    for (const Table* t : tables) names += (names.empty() ? "" : ", ") + std::string(t->name);
    c.exec("TRUNCATE " + names);
    for (const Table* t : tables)
      c.copy_in(std::string("COPY ") + t->name + " (" + t->columns + ") FROM STDIN",
                rows_[t->name].data());
  }

 private:
  std::map<std::string_view, pg::CopyRows> rows_;
};

}  // namespace

void PostgresStore::put_ontology(const ontology::OntologyRecords& records) {
  Copier copier;
  ontology_rows(records, utc_now(), copier);
  write([&](pg::Connection& c) { copier.replace(c, kOntologyTables); });
}

std::optional<ontology::OntologyRecords> PostgresStore::load_ontology() {
  return with([](pg::Connection& c) {
    return pg::in_one_snapshot(c, [&] { return read_ontology(pg::each_row(c)); });
  });
}

void PostgresStore::put_annotations(const ontology::AnnotationRecords& records) {
  Copier copier;
  annotation_rows(records, utc_now(), copier);
  write([&](pg::Connection& c) { copier.replace(c, kAnnotationTables); });
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
