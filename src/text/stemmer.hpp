#pragma once

#include <memory>
#include <string>
#include <string_view>

struct sb_stemmer;

namespace symptomdb::text {

// RAII wrapper over a Snowball (libstemmer) English stemmer. Not thread-safe:
// give each thread its own instance (construction is cheap).
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // Stems one folded token ("wasting" -> "wast"). Tokens that are not plain
  // ASCII words are returned unchanged.
  std::string stem(std::string_view token);

 private:
  sb_stemmer* stemmer_;
};

}  // namespace symptomdb::text
