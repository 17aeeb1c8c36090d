// Text normalisation and tokenising shared by indexing and querying, so that
// a word is cut and folded the same way on both sides.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace symptomdb::text {

// Lower-cases ASCII, maps typographic quotes and dashes to ASCII and folds
// common Latin-1 accented letters ("Sjögren" -> "sjogren").
std::string fold(std::string_view input);

// Splits folded text into word tokens: runs of letters and digits. A trailing
// possessive "'s" is dropped ("parkinson's" -> "parkinson"); other apostrophes
// join ("don't" -> "dont").
std::vector<std::string> tokenize(std::string_view input);

// Common English function words that carry no meaning for search.
bool is_stopword(std::string_view token);

// "myself", "herself", "themselves"...: the one who acts is the one acted on
// ("harming herself" is self-harm; "cutting myself" is no chore).
bool is_reflexive_pronoun(std::string_view token);

}  // namespace symptomdb::text
