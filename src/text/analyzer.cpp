#include "text/analyzer.hpp"

#include "core/spelling.hpp"
#include "text/normalize.hpp"

namespace symptomdb::text {

std::vector<Term> Analyzer::terms(std::string_view text) {
  std::vector<Term> out;
  const std::string folded = fold(text);
  std::size_t i = 0;
  const std::size_t n = folded.size();
  auto is_word = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
  };
  while (i < n) {
    while (i < n && !is_word(static_cast<unsigned char>(folded[i]))) ++i;
    if (i >= n) break;
    const std::size_t start = i;
    std::string word;
    while (i < n) {
      const auto c = static_cast<unsigned char>(folded[i]);
      if (is_word(c)) {
        word.push_back(static_cast<char>(c));
        ++i;
      } else if (c == '\'' && i + 1 < n && is_word(static_cast<unsigned char>(folded[i + 1]))) {
        // "parkinson's" -> "parkinson"; "don't" -> "dont".
        if (folded[i + 1] == 's' &&
            (i + 2 >= n || !is_word(static_cast<unsigned char>(folded[i + 2])))) {
          i += 2;
          break;
        }
        ++i;
      } else {
        break;
      }
    }
    if (word.empty()) continue;
    const Cached& c = lookup(word);
    out.push_back({c.stem, c.surface, start});
  }
  return out;
}

std::vector<std::string> Analyzer::stems(std::string_view text) {
  std::vector<std::string> out;
  for (auto& t : terms(text)) out.push_back(std::move(t.stem));
  return out;
}

std::string Analyzer::stem(std::string_view word) {
  return stemmer_.stem(word);
}

const Analyzer::Cached& Analyzer::lookup(const std::string& word) {
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  // Bound the cache so a long-lived analyzer fed unbounded input stays small.
  if (cache_.size() > 200000) cache_.clear();
  std::string surface = american_spelling(word);
  std::string stemmed = stemmer_.stem(surface);
  return cache_.emplace(word, Cached{std::move(surface), std::move(stemmed)}).first->second;
}

}  // namespace symptomdb::text
