// Spelling variants that should meet in one form: British medical spellings
// fold to American ones ("anaemia" -> "anemia", "oesophagus" -> "esophagus"),
// so a British question finds an American-spelled answer and vice versa.
#pragma once

#include <string>
#include <string_view>

namespace symptomdb {

// Rewrites one folded (lower-case) word; words without a variant come back unchanged.
std::string american_spelling(std::string_view word);

// The identity of a condition name: folded, possessives and apostrophes
// dropped, spelling variants unified, words joined by '-'. "Parkinson's
// Disease", "Parkinson disease" and "parkinsons disease" do not all meet
// here (the last needs the vocabulary), but the first two do.
std::string condition_key(std::string_view name);

}  // namespace symptomdb
