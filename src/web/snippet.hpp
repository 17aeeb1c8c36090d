// Search-result snippets as a reader should see them: the passage's text
// without Markdown markup, and the words that matched the query marked.
#pragma once

#include <string>
#include <string_view>

namespace symptomdb::web {

// Markdown source as plain text: emphasis markers, escapes, list bullets,
// heading marks and link targets dropped; whitespace collapsed.
std::string plain_snippet(std::string_view markdown);

// `plain` HTML-escaped, with every word whose stem is a stem of a query
// word (stop words aside) inside <mark>…</mark>.
std::string highlight_html(std::string_view plain, std::string_view query);

}  // namespace symptomdb::web
