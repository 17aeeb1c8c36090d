// The article text of the editorial workflow: checking what an editor
// typed as the article it would publish, and the texts the workflow writes
// itself (a new article's starter, the live article as an editor starts
// from it). Part of the editorial service; web code does not call it.
#pragma once

#include <string>
#include <string_view>

#include "core/article.hpp"
#include "services/editorial.hpp"

namespace symptomdb::services {

struct CheckedArticle {
  Article article;
  std::string markdown;  // normalised: UTF-8 checked, "\n" line endings
};

// Validates `text` as the article it would publish at `slug`: size, the
// characters a user may type, the native format, no field symptomdb fills
// in itself (byline, review lines), the fixed slug and the title's length.
// Messages name the line: "{slug}.md:LINE: ...".
EditorialResult<CheckedArticle> check_article_markdown(std::string text, std::string_view slug,
                                                       const EditorialPolicy& policy);

// The published article's Markdown without the fields symptomdb fills in
// at publication (byline, review lines).
std::string editable_markdown(const Article& live);

// The first revision of a new article: its front matter and a skeleton to
// write over.
std::string starter_markdown(const std::string& slug, const std::string& title,
                             const std::string& condition);

// The slug for a title: at most 80 characters, cut at a word boundary.
std::string slug_for_title(std::string_view title);

// True when `s` is not one line of text a user may type.
bool has_control(std::string_view s);

}  // namespace symptomdb::services
