// Moving a site from SQLite to PostgreSQL (`symptomdb migrate`): every row
// of every table, ids included, in one transaction, verified before commit.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace symptomdb::store {

struct TableTransfer {
  std::string table;
  std::size_t rows = 0;
  // Order-independent: the sum of a 64-bit hash of each row's values, the
  // same whichever store the rows are read from.
  std::uint64_t checksum = 0;
};

// Copies the SQLite database at `sqlite_path` (migrated to the current
// schema first) into the PostgreSQL database at `url` (created schema, no
// content: StoreError otherwise). Each table's row count and checksum are
// read back from PostgreSQL inside the transaction and compared with
// SQLite's; any difference rolls everything back (StoreError). Returns what
// was copied, table by table; `progress` is told after each table.
std::vector<TableTransfer> copy_sqlite_to_postgresql(
    const std::string& sqlite_path, const std::string& url,
    const std::function<void(const TableTransfer&)>& progress = {});

}  // namespace symptomdb::store
