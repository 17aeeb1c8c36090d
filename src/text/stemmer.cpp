#include "text/stemmer.hpp"

#include <libstemmer.h>

#include <stdexcept>

namespace symptomdb::text {

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")) {
  if (!stemmer_) throw std::runtime_error("libstemmer: English stemmer unavailable");
}

Stemmer::~Stemmer() {
  sb_stemmer_delete(stemmer_);
}

std::string Stemmer::stem(std::string_view token) {
  if (token.size() < 3) return std::string(token);
  const sb_symbol* out = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(token.data()),
                                         static_cast<int>(token.size()));
  if (!out) throw std::bad_alloc();
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace symptomdb::text
