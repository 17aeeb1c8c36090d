#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace symptomdb {

// Returns the byte offset of the first invalid UTF-8 sequence in `text`, or
// nullopt when it is all valid (overlong forms and surrogates are invalid).
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

inline bool is_valid_utf8(std::string_view text) {
  return !find_invalid_utf8(text);
}

}  // namespace symptomdb
