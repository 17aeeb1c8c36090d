// Importer for plain-text article pages like the model seed: a question as
// title, a site line, an introduction, section headings with item headings
// under them, a conclusion and a byline, with some headings missing.
#pragma once

#include "core/article.hpp"
#include "text/source_file.hpp"

namespace symptomdb::ingest {

// Parses one plain-text article. Throws ParseError naming the file and line
// when the text cannot be read as an article (no title, no body...).
Article parse_seed_text(const text::SourceFile& file);

}  // namespace symptomdb::ingest
