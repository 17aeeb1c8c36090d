// Importer for the native article format: Markdown with a YAML front-matter
// block (docs/content-format.md).
#pragma once

#include "core/article.hpp"
#include "ingest/source_file.hpp"

namespace symptomdb::ingest {

// Throws ParseError naming the file and line for anything that does not fit
// the format: missing or unclosed front matter, bad YAML, unknown keys,
// missing title/condition, sections or items with no text.
Article parse_markdown_article(const SourceFile& file);

}  // namespace symptomdb::ingest
