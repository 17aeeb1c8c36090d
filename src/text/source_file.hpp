// Reading an input file for an importer (or text for the article format): whole file, validated as
// UTF-8 and with line endings normalised, so parsers can report FILE:LINE precisely.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace symptomdb::text {

struct SourceFile {
  std::string name;  // as given by the user, used in error messages
  std::string text;  // UTF-8, "\n" line endings, no byte-order mark
};

// Throws ParseError (with the line of the first bad byte) when the file cannot
// be read or is not valid UTF-8, or when it is larger than max_bytes.
SourceFile read_source_file(const std::filesystem::path& path,
                            std::size_t max_bytes = 16 * 1024 * 1024);

// The same checks and normalisation for text that arrived some other way
// (an editor's form): `name` is what error messages call it.
SourceFile source_from_text(std::string name, std::string text,
                            std::size_t max_bytes = 16 * 1024 * 1024);

}  // namespace symptomdb::text
