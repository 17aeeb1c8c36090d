// Files compiled into the binary (templates, static assets, migrations),
// generated at build time by cmake/embed.cmake.
#pragma once

#include <optional>
#include <string_view>

namespace symptomdb {

// Returns the contents of a file embedded at build time, keyed by its path
// relative to the source tree (e.g. "web/templates/article.mustache").
std::optional<std::string_view> embedded_file(std::string_view path);

}  // namespace symptomdb
