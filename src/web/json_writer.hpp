// A JSON writer that appends straight to a string (a response body), for
// answers large and frequent enough that building an nlohmann::json tree
// first costs more than the work behind them (POST /api/v1/check: ten
// explained conditions, ~30 KB, at thousands of requests a second). Strings
// are escaped as nlohmann::json::dump escapes them (quote, backslash and
// control characters; UTF-8 as is), invalid UTF-8 becomes U+FFFD, and
// numbers are the shortest form that reads back to the same double, so any
// JSON parser reads back exactly what was written.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace symptomdb::web {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The key of the next value; inside an object only.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(double d);  // NaN and infinities as null, as nlohmann writes them
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(std::uint64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(unsigned n) { return value(static_cast<std::uint64_t>(n)); }
  JsonWriter& null();

  // key(name).value(v)
  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

 private:
  void separate();
  void string(std::string_view s);

  std::string& out_;
  // Per nesting level: whether a value was written at it (a comma goes
  // before the next). Answers nest a handful of levels; deeper is a bug.
  static constexpr std::size_t kMaxDepth = 32;
  std::array<bool, kMaxDepth> written_{};
  std::size_t depth_ = 0;
  bool after_key_ = false;
};

// Appends `s` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view s);

}  // namespace symptomdb::web
