#pragma once

#include <string>
#include <string_view>

namespace symptomdb {

// Lower-cases ASCII, maps typographic quotes and dashes to ASCII and folds
// common Latin-1 accented letters ("Sj\u00f6gren" -> "sjogren"). Pure and
// locale-independent, so slugs and search terms agree everywhere.
std::string fold_text(std::string_view input);

}  // namespace symptomdb
