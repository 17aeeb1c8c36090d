#include "store/postgresql/postgresql_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace symptomdb::store {

std::unique_ptr<Store> open_store(const std::string& location) {
  if (is_postgresql_url(location)) return std::make_unique<PostgresStore>(location);
  return std::make_unique<SqliteStore>(location);
}

std::string describe_location(const std::string& location) {
  if (!is_postgresql_url(location)) return location;
  std::string out = location;
  // user:secret@host and ?password=secret are the two places libpq takes one.
  const auto start = out.find("://") + 3;
  const auto at = out.find('@', start);
  const auto path = out.find_first_of("/?", start);
  if (at != std::string::npos && (path == std::string::npos || at < path)) {
    const auto colon = out.find(':', start);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  for (auto p = out.find("password=", start); p != std::string::npos;
       p = out.find("password=", p + 1)) {
    if (out[p - 1] != '?' && out[p - 1] != '&') continue;
    const auto value = p + 9;
    const auto end = out.find('&', value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
  }
  return out;
}

}  // namespace symptomdb::store
