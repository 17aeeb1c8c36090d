#include "store/transfer.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "core/error.hpp"
#include "store/postgresql/pg.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/rows.hpp"
#include "store/sqlite.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace symptomdb::store {
namespace {

// Every content table, parents before children, so that each row's
// references exist when COPY checks them. A table the SQLite database has
// and this list lacks stops the transfer: a new migration must say here
// how its table is copied, rather than the table being left behind.
constexpr const char* kTables[] = {
    "authors",
    "conditions",
    "articles",
    "sections",
    "items",
    "article_sources",
    "article_synonyms",
    "article_cuis",
    "open_questions",
    "users",
    "sessions",
    "login_failures",
    "author_ratings",
    "comments",
    "comment_reports",
    "hpo_release",
    "hpo_terms",
    "hpo_synonyms",
    "hpo_alt_ids",
    "hpo_xrefs",
    "hpo_parents",
    "hpo_annotation_release",
    "hpo_annotations",
    "drafts",
    "revisions",
    "review_events",
};

// Tables with an identity id whose sequence must move past the copied ids.
constexpr const char* kIdentityTables[] = {"authors",  "conditions", "articles",
                                           "sections", "items",      "users",
                                           "comments", "revisions",  "review_events"};

// A row's values as text, NULL kept apart from the empty string.
using Values = std::vector<std::optional<std::string>>;

// The first `n` columns of a row of either store (store/rows.hpp's Row).
template <Row R>
Values values_of(const R& row, std::size_t n) {
  Values out(n);
  for (std::size_t i = 0; i < n; ++i)
    if (!row.is_null(static_cast<int>(i))) out[i] = row.text(static_cast<int>(i));
  return out;
}

// FNV-1a over the values, with NULL and the separators hashed distinctly.
// The same function checksums what SQLite holds and what PostgreSQL reads
// back, so any difference in a value shows.
std::uint64_t row_hash(const Values& row) {
  std::uint64_t h = 1469598103934665603ull;
  auto add = [&h](unsigned char b) {
    h ^= b;
    h *= 1099511628211ull;
  };
  for (const auto& v : row) {
    if (!v) {
      add(0xff);
    } else {
      add(0xfe);
      for (char c : *v) add(static_cast<unsigned char>(c));
    }
    add(0x1f);
  }
  return h;
}

std::vector<std::string> sqlite_columns(Database& db, const std::string& table) {
  std::vector<std::string> out;
  auto st = db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
  st.bind(1, table);
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::string joined(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

}  // namespace

std::vector<TableTransfer> copy_sqlite_to_postgresql(
    const std::string& sqlite_path, const std::string& url,
    const std::function<void(const TableTransfer&)>& progress) {
  if (!std::filesystem::is_regular_file(sqlite_path))
    throw StoreError("no SQLite database at '" + sqlite_path + "'");
  if (!is_postgresql_url(url)) throw StoreError("the target must be a postgresql:// URL");
  // Both schemas brought to this version's, then compared.
  const int from_version = SqliteStore(sqlite_path).schema_version();
  const int to_version = PostgresStore(url, 1).schema_version();
  if (from_version != to_version)
    throw StoreError("schema versions differ: SQLite " + std::to_string(from_version) +
                     ", PostgreSQL " + std::to_string(to_version));

  Database src(sqlite_path);
  {
    auto st = src.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
        "name <> 'schema_migrations' ORDER BY name");
    while (st.step()) {
      const auto name = st.text(0);
      if (std::find(std::begin(kTables), std::end(kTables), name) == std::end(kTables))
        throw StoreError("table '" + name + "' is not known to the transfer; nothing was copied");
    }
  }

  pg::Connection dst(url);
  pg::Transaction tx(dst);
  // Nobody else writes while the site moves in: the change counter's row
  // lock is what every writer takes first.
  dst.run("UPDATE store_changes SET counter = counter + 1 WHERE id = 1");
  for (const char* table : kTables) {
    const auto n = dst.run(std::string("SELECT COUNT(*) FROM ") + table).integer(0, 0);
    if (n > 0)
      throw StoreError("the target database is not empty (table " + std::string(table) + " has " +
                       std::to_string(n) + " rows); migrate only into a new database");
  }

  std::vector<TableTransfer> out;
  for (const char* table : kTables) {
    const auto columns = sqlite_columns(src, table);
    if (columns.empty()) throw StoreError("SQLite database has no table " + std::string(table));
    const std::string list = joined(columns);
    TableTransfer t;
    t.table = table;
    pg::CopyRows data;
    src.prepare("SELECT " + list + " FROM " + table).each([&](const Statement& row) {
      const auto values = values_of(row, columns.size());
      for (const auto& v : values) v ? data.field(*v) : data.null();
      data.end_row();
      ++t.rows;
      t.checksum += row_hash(values);
    });
    dst.copy_in("COPY " + std::string(table) + " (" + list + ") FROM STDIN", data.data());

    // Read back inside the transaction: what would be committed.
    std::size_t rows_back = 0;
    std::uint64_t checksum = 0;
    dst.run("SELECT " + list + " FROM " + table).each([&](const pg::RowRef& row) {
      ++rows_back;
      checksum += row_hash(values_of(row, columns.size()));
    });
    if (rows_back != t.rows || checksum != t.checksum)
      throw StoreError("table " + t.table + " did not copy exactly (" + std::to_string(t.rows) +
                       " rows in SQLite, " + std::to_string(rows_back) +
                       " read back); nothing was copied");
    if (progress) progress(t);
    out.push_back(std::move(t));
  }
  for (const char* table : kIdentityTables)
    dst.run(std::string("SELECT setval(pg_get_serial_sequence('") + table +
            "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + table);
  // Tell running nodes (if any) that everything changed.
  dst.run(std::string("SELECT pg_notify('") + kChangeChannel + "', 'migrate')");
  tx.commit();
  return out;
}

}  // namespace symptomdb::store
