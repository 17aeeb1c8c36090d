// Verbs that say what a subject is like ("is cloudy", "smells bad", "looks
// red", "I feel tired"), as people write them in a description. Language
// only. The description reader shares a subject and its verb with the short
// clauses after a comma ("my leg is red, hot and swollen"); the interpreter
// reads what a piece says of its subject ("my glands are swollen") and knows
// a piece that opens with one has its subject elsewhere.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace symptomdb::checker {

inline constexpr std::array<std::string_view, 20> kLinkingVerbs = {
    "is",     "are",   "was",     "were",  "looks", "look", "looked", "feels", "feel",   "felt",
    "smells", "smell", "smelled", "seems", "seem",  "gets", "turned", "turns", "became", "becomes"};

// `word` folded (lower case).
inline bool is_linking_verb(std::string_view word) {
  return std::find(kLinkingVerbs.begin(), kLinkingVerbs.end(), word) != kLinkingVerbs.end();
}

}  // namespace symptomdb::checker
