#include <stdexcept>
#include <string>

#include "core/embedded.hpp"

namespace symptomdb {

std::vector<std::vector<std::string_view>> embedded_table(std::string_view path) {
  const auto file = embedded_file(path);
  if (!file) throw std::logic_error(std::string(path) + " is not built in");
  std::vector<std::vector<std::string_view>> rows;
  std::string_view rest = *file;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    auto& cols = rows.emplace_back();
    while (true) {
      const auto tab = line.find('\t');
      cols.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
  }
  return rows;
}

}  // namespace symptomdb
