// Numbers, units of time and how often, as people write them in a
// description ("three", "a couple", "3 days", "twice a day"). Words only:
// what they count is for the caller (description.cpp for durations and
// ages, the interpreter for the words a name never holds).
#ifndef SYMPTOMDB_CHECKER_QUANTITIES_HPP
#define SYMPTOMDB_CHECKER_QUANTITIES_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace symptomdb::checker {

// A folded word as a number: digits ("38.5") or a number word ("three",
// "a", "couple", "several"). Nothing when it is neither.
std::optional<double> number_of(std::string_view w);

// A unit of time in days ("hours", "wk", "night", "months").
std::optional<double> unit_days(std::string_view w);

// How many times or how often, at words[i] of a folded phrase: "three
// times", "3 to 4 episodes of", "twice a day", "a few times per week",
// "daily". The number of words it takes, 0 when none. It says how often a
// finding happens, never what the finding is, so the interpreter leaves it
// out of the words it reads names in (Interpreter::phrase_stems).
std::size_t how_often_at(const std::vector<std::string>& words, std::size_t i);

// An amount of body weight at words[i] of a folded phrase: "10 kg", "more
// than 20 pounds", "a stone", "5kgs". The number of words it takes, 0 when
// none. The interpreter reads it as the word "weight" (Interpreter's lay
// rewrite), so "I lost 10 pounds" says what "I lost weight" says.
std::size_t weight_amount_at(const std::vector<std::string>& words, std::size_t i);

}  // namespace symptomdb::checker

#endif
