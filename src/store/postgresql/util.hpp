// Small helpers shared by the PostgreSQL store's area files.
#pragma once

#include <fmt/chrono.h>

#include <ctime>
#include <string>

namespace symptomdb::store::pg {

// The store's timestamps: ISO 8601 UTC text, as the SQLite store writes.
inline std::string utc_now() {
  return fmt::format("{:%FT%TZ}", fmt::gmtime(std::time(nullptr)));
}

// SQLState of a unique-constraint violation.
inline constexpr const char* kUniqueViolation = "23505";

}  // namespace symptomdb::store::pg
