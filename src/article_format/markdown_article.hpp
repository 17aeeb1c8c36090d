// The native article format: Markdown with a YAML front-matter block
// (docs/content-format.md). Its own layer, below both the importers and the
// editorial service, which read and check the same format.
#pragma once

#include "core/article.hpp"
#include "text/source_file.hpp"

namespace symptomdb::article_format {

// Throws ParseError naming the file and line for anything that does not fit
// the format: missing or unclosed front matter, bad YAML, unknown keys,
// missing title/condition, sections or items with no text.
Article parse_markdown_article(const text::SourceFile& file);

}  // namespace symptomdb::article_format
