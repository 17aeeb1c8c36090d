// Files compiled into the binary (templates, static assets, migrations, data
// tables), generated at build time by cmake/embed.cmake.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace symptomdb {

// Returns the contents of a file embedded at build time, keyed by its path
// relative to the source tree (e.g. "web/templates/article.mustache").
std::optional<std::string_view> embedded_file(std::string_view path);

// The paths of the files embedded directly in `folder` (not in folders
// below it), in name order: for sets whose members the build declares, such
// as the migrations, so that the list is written once (in CMakeLists.txt).
std::vector<std::string_view> embedded_files_in(std::string_view folder);

// The rows of an embedded tab-separated table (src/*/data/*.tsv), each split
// into its columns; blank lines and '#' comment lines are skipped. The views
// point into the embedded data, which lives as long as the process. Throws
// std::logic_error when the file is not built in: a build mistake, not input.
std::vector<std::vector<std::string_view>> embedded_table(std::string_view path);

}  // namespace symptomdb
