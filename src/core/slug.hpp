#pragma once

#include <string>
#include <string_view>

namespace symptomdb {

// URL-safe identifier: ASCII letters and digits lower-cased, every other run
// of characters becomes one '-' ("Muscle atrophy" -> "muscle-atrophy").
// Non-ASCII letters are dropped; an input with nothing usable gives "".
std::string slugify(std::string_view text);

// True for strings slugify() could have produced (used to reject bad URLs early).
bool is_valid_slug(std::string_view slug);

}  // namespace symptomdb
