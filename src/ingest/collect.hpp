#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/article.hpp"

namespace symptomdb::ingest {

enum class Format { seed_text, markdown };

// Expands the paths given on a command line: files as they are, folders to
// every file with `extension` below them, sorted so imports are repeatable.
// Throws ParseError for a path that does not exist.
std::vector<std::filesystem::path> collect_files(const std::vector<std::string>& paths,
                                                 std::string_view extension);

// Parses every file; all must parse before anything is written, so the first
// error is thrown (ParseError) and the caller writes nothing. Two files with
// the same slug are an error too.
std::vector<Article> parse_files(const std::vector<std::filesystem::path>& files, Format format);

}  // namespace symptomdb::ingest
