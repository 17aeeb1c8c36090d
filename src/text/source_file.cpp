#include "text/source_file.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace symptomdb::text {

SourceFile read_source_file(const std::filesystem::path& path, std::size_t max_bytes) {
  const std::string name = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw ParseError(name, 0, "is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ParseError(name, 0, "cannot open file");
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes)
    throw ParseError(name, 0, "file is larger than " + std::to_string(max_bytes) + " bytes");
  std::ostringstream buf;
  buf << in.rdbuf();
  return source_from_text(name, std::move(buf).str(), max_bytes);
}

SourceFile source_from_text(std::string name, std::string text, std::size_t max_bytes) {
  if (text.size() > max_bytes)
    throw ParseError(name, 0, "text is larger than " + std::to_string(max_bytes) + " bytes");
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  if (auto bad = find_invalid_utf8(text)) {
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(*bad), '\n');
    throw ParseError(name, static_cast<int>(line),
                     "invalid UTF-8 (byte offset " + std::to_string(*bad) + ")");
  }
  if (text.find('\0') != std::string::npos) throw ParseError(name, 0, "text contains NUL bytes");
  // Normalise CRLF and lone CR to LF.
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return {std::move(name), std::move(out)};
}

}  // namespace symptomdb::text
