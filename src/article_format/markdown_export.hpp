// Writes an article in the native Markdown format, so that any article (from
// the seed text, MedQuAD or the editor) can be exported, edited and imported
// back unchanged.
#pragma once

#include <string>

#include "core/article.hpp"

namespace symptomdb::article_format {

std::string to_markdown(const Article& article);

}  // namespace symptomdb::article_format
