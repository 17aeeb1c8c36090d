#include "store/transfer.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "core/error.hpp"
#include "store/postgresql/pg.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/sqlite.hpp"
#include "store/sqlite_store.hpp"

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

using Row = std::vector<std::optional<std::string>>;

// FNV-1a over the values, with NULL and the separators hashed distinctly.
std::uint64_t row_hash(const Row& row) {
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

void append_copy_field(std::string& out, const std::optional<std::string>& v) {
  if (!v) {
    out += "\\N";
    return;
  }
  for (char ch : *v) {
    switch (ch) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += ch;
    }
  }
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
    std::string data;
    {
      auto st = src.prepare("SELECT " + list + " FROM " + table);
      Row row(columns.size());
      while (st.step()) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
          row[i] = st.is_null(static_cast<int>(i))
                       ? std::nullopt
                       : std::optional<std::string>(st.text(static_cast<int>(i)));
          if (i) data += '\t';
          append_copy_field(data, row[i]);
        }
        data += '\n';
        ++t.rows;
        t.checksum += row_hash(row);
      }
    }
    dst.copy_in("COPY " + std::string(table) + " (" + list + ") FROM STDIN", data);

    // Read back inside the transaction: what would be committed.
    const auto back = dst.run("SELECT " + list + " FROM " + table);
    std::uint64_t checksum = 0;
    Row row(columns.size());
    for (int r = 0; r < back.rows(); ++r) {
      for (std::size_t i = 0; i < columns.size(); ++i)
        row[i] = back.is_null(r, static_cast<int>(i))
                     ? std::nullopt
                     : std::optional<std::string>(back.text(r, static_cast<int>(i)));
      checksum += row_hash(row);
    }
    if (static_cast<std::size_t>(back.rows()) != t.rows || checksum != t.checksum)
      throw StoreError("table " + t.table + " did not copy exactly (" + std::to_string(t.rows) +
                       " rows in SQLite, " + std::to_string(back.rows()) +
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
