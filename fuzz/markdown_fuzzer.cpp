// libFuzzer target for the native article importer: the bytes are an article
// file (YAML front matter + Markdown). ParseError is the expected answer to
// bad input; any other exception, a crash, a leak or UB is a bug.
//
// The parser's contract (text/source_file.hpp) is what read_source_file
// hands it: valid UTF-8, no NUL bytes, "\n" line endings, no byte-order mark.
// Inputs that are not valid UTF-8 or hold a NUL are skipped (read_source_file
// rejects those files before the parser sees them); a BOM is stripped and
// CR / CRLF become LF, as read_source_file does.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

#include "article_format/markdown_article.hpp"
#include "core/error.hpp"
#include "core/utf8.hpp"
#include "text/source_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  if (raw.starts_with("\xEF\xBB\xBF")) raw.remove_prefix(3);
  // -1: outside the contract, so libFuzzer does not add it to the corpus.
  if (!symptomdb::is_valid_utf8(raw) || raw.find('\0') != std::string_view::npos) return -1;
  std::string text;
  text.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r') {
      text.push_back('\n');
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    } else {
      text.push_back(raw[i]);
    }
  }
  const symptomdb::text::SourceFile file{"fuzz.md", std::move(text)};
  try {
    (void)symptomdb::article_format::parse_markdown_article(file);
  } catch (const symptomdb::ParseError&) {
    // expected for malformed articles
  } catch (const std::exception& ex) {
    std::fprintf(stderr, "markdown_fuzzer: unexpected %s exception: %s\n", typeid(ex).name(),
                 ex.what());
    std::abort();
  }
  return 0;
}
