// The lay phrasings table (src/checker/data/lay_words.tsv): everyday words
// and the words HPO's names use for the same thing. The interpreter rewrites
// with it; the description reader keeps a phrasing whole when it opens a
// clause. Language only, no medical claims.
#pragma once

#include <string>
#include <vector>

namespace symptomdb::checker {

struct LayPhrasing {
  std::vector<std::string> from;  // folded words as people write them
  std::vector<std::string> to;    // HPO's words; empty: the words are optional (degree words)
};

// The table, longest phrasings first (so "stomach ache" is replaced before
// "stomach"); read once from the embedded file, then shared read-only.
const std::vector<LayPhrasing>& lay_phrasings();

}  // namespace symptomdb::checker
