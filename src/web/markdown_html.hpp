#pragma once

#include <string>
#include <string_view>

namespace symptomdb::web {

// Renders article Markdown to HTML with md4c. Raw HTML in the source is shown
// as text (MD_FLAG_NOHTML), and link or image targets other than http(s),
// mailto and site-relative ones are replaced by "#", so stored text can never
// inject script into a page.
std::string markdown_to_html(std::string_view markdown);

}  // namespace symptomdb::web
