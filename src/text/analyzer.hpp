// The one way text becomes index terms, shared by every index and query so
// both sides always agree: fold, tokenise, unify spelling variants, stem.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/stemmer.hpp"

namespace symptomdb::text {

struct Term {
  std::string stem;     // "wast" for "wasting"
  std::string surface;  // the folded word as written: "wasting"
  std::size_t offset;   // byte offset of the word in the folded text
};

class Analyzer {
 public:
  // Every word, in order (stop words included: phrases need them).
  std::vector<Term> terms(std::string_view text);
  std::vector<std::string> stems(std::string_view text);
  // The stem of one folded word.
  std::string stem(std::string_view word);

 private:
  // Word -> (spelling-unified word, stem). Natural text repeats a small
  // vocabulary, so indexing a corpus mostly hits this cache.
  struct Cached {
    std::string surface, stem;
  };
  const Cached& lookup(const std::string& word);
  Stemmer stemmer_;
  std::unordered_map<std::string, Cached> cache_;
};

}  // namespace symptomdb::text
