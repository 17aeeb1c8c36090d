#include "checker/lay_words.hpp"

#include <algorithm>

#include "core/embedded.hpp"
#include "text/normalize.hpp"

namespace symptomdb::checker {

const std::vector<LayPhrasing>& lay_phrasings() {
  // Built on first use (thread-safe), immutable afterwards.
  static const std::vector<LayPhrasing> table = [] {
    std::vector<LayPhrasing> out;
    for (const auto& row : embedded_table("src/checker/data/lay_words.tsv")) {
      if (row.size() < 2) continue;
      LayPhrasing p{text::tokenize(text::fold(row[0])), text::tokenize(text::fold(row[1]))};
      if (!p.from.empty()) out.push_back(std::move(p));
    }
    std::stable_sort(out.begin(), out.end(), [](const LayPhrasing& a, const LayPhrasing& b) {
      return a.from.size() > b.from.size();
    });
    return out;
  }();
  return table;
}

}  // namespace symptomdb::checker
