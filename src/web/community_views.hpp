// The community parts of pages, each rendered from its template in
// web/templates (escaping by the template engine): the comments section and
// each comment, the moderation page, the header's account links, the "Rate
// author" block with its histogram and the byline's rating. The views are
// built here from what the services return; the handlers only choose which.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.hpp"
#include "services/comments.hpp"
#include "services/ratings.hpp"

namespace symptomdb::web {

// A comment's plain text as template data: paragraphs (split at blank
// lines) of lines of parts, each part either text or an http(s) link (a
// sentence's full stop or closing bracket is not part of a link).
nlohmann::json comment_text_view(std::string_view text);
// The same as HTML (the "html" of the JSON API): <p>, <br> and links with
// rel="nofollow ugc noopener", everything else escaped.
std::string comment_html(std::string_view text);
// A comment in the JSON API (a tombstone without text or author).
nlohmann::json comment_json(const Comment& comment);

// The comments section of an article page as `reader` sees it.
struct CommentSectionView {
  std::string_view slug;
  bool newest_first = true;
  std::size_t page_no = 1;
  bool held = false;  // the reader's comment was just held for moderation
};
std::string render_comments(const services::CommentService& comments,
                            const services::CommentPage& page, const CommentSectionView& view,
                            const std::optional<Session>& reader);

// The body of the moderation page (inside the site's layout).
std::string render_moderation(const std::vector<Comment>& queue, std::string_view csrf);

// The header's account links.
std::string render_account_nav(const std::optional<Session>& reader);
// " · rated 4.5 of 5 (2 ratings)" for the byline; empty without ratings.
std::string render_byline_rating(const services::RatingService& ratings,
                                 std::string_view author_slug);
// The "Rate author" block: the average, with `histogram` (the author's page)
// the distribution as bars with its numbers in a table, and the form or why
// there is none. `back_to` is where the form returns.
std::string render_rating_block(const services::RatingService& ratings,
                                std::string_view author_slug, const std::optional<Session>& reader,
                                std::string_view back_to, bool histogram);

}  // namespace symptomdb::web
