#include "text/lines.hpp"

namespace symptomdb::text {
namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";

bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string_view trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && ascii_space(s.front()))
      s.remove_prefix(1);
    else if (s.starts_with(kNbsp))
      s.remove_prefix(kNbsp.size());
    else
      break;
  }
  for (;;) {
    if (!s.empty() && ascii_space(s.back()))
      s.remove_suffix(1);
    else if (s.ends_with(kNbsp))
      s.remove_suffix(kNbsp.size());
    else
      break;
  }
  return s;
}

}  // namespace symptomdb::text
