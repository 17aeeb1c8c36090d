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

// English verbs whose past tense is not their past participle, or whose past
// is not made with -ed ("broke", "broken"), as [past, participle]; a
// participle said with "have" is its own ("I have broken"). Language only:
// what a past tense says was done to a thing is the state the participle
// names ("I broke my wrist": my wrist is broken). A verb in -ed is its own
// participle ("I sprained my ankle": my ankle is sprained).
inline constexpr std::array<std::array<std::string_view, 2>, 21> kIrregularPasts = {
    {{"broke", "broken"},   {"broken", "broken"}, {"tore", "torn"},     {"torn", "torn"},
     {"bit", "bitten"},     {"bitten", "bitten"}, {"froze", "frozen"},  {"frozen", "frozen"},
     {"cut", "cut"},        {"hit", "hit"},       {"hurt", "hurt"},     {"burnt", "burnt"},
     {"bent", "bent"},      {"stung", "stung"},   {"struck", "struck"}, {"split", "split"},
     {"shot", "shot"},      {"stuck", "stuck"},   {"sprang", "sprung"}, {"wore", "worn"},
     {"swelled", "swollen"}}};

// The past participle of `word` (folded) said as a past tense or
// participle, or empty when it is none: the irregular ones above, and a
// word of more than four letters in -ed.
inline std::string_view past_participle(std::string_view word) {
  for (const auto& [past, participle] : kIrregularPasts)
    if (past == word) return participle;
  if (word.size() > 4 && word.ends_with("ed")) return word;
  return {};
}

}  // namespace symptomdb::checker
