#include "checker/quantities.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace symptomdb::checker {
namespace {

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

constexpr std::array<std::pair<std::string_view, double>, 20> kNumberWords = {{
    {"a", 1},      {"an", 1},      {"one", 1},     {"two", 2},     {"three", 3},
    {"four", 4},   {"five", 5},    {"six", 6},     {"seven", 7},   {"eight", 8},
    {"nine", 9},   {"ten", 10},    {"eleven", 11}, {"twelve", 12}, {"few", 3},
    {"couple", 2}, {"several", 4}, {"many", 6},    {"twenty", 20}, {"thirty", 30},
}};

// Words for how many times ("times", "episodes of") and for how often
// ("a day", "every night"): how often a finding happens, never its name.
constexpr std::array<std::string_view, 8> kOccurrences = {"time", "times", "episode",  "episodes",
                                                          "bout", "bouts", "occasion", "occasions"};
constexpr std::array<std::string_view, 5> kPer = {"a", "an", "per", "every", "each"};
constexpr std::array<std::string_view, 3> kOnce = {"once", "twice", "thrice"};
constexpr std::array<std::string_view, 6> kEvery = {"hourly", "daily",   "nightly",
                                                    "weekly", "monthly", "yearly"};

// "a day", "per week", "every night" at words[i]: the words it takes.
std::size_t rate_at(const std::vector<std::string>& words, std::size_t i) {
  if (i + 1 >= words.size() || !in(kPer, words[i])) return 0;
  const auto& u = words[i + 1];
  return unit_days(u) || u == "morning" || u == "evening" || u == "afternoon" ? 2 : 0;
}

// Units of body weight, and words that hedge an amount ("more than 10 kg").
// Not "stone": "a stone in my kidney" is no amount.
constexpr std::array<std::string_view, 10> kWeightUnits = {
    "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "lb", "lbs", "pound", "pounds"};
constexpr std::array<std::string_view, 8> kHedges = {"about", "around",  "almost", "nearly",
                                                     "over",  "roughly", "some",   "approximately"};

// "10kg", "5kgs", "12lbs": a number and a unit written as one word.
bool number_with_weight_unit(std::string_view w) {
  for (const auto u : kWeightUnits)
    if (w.size() > u.size() && w.ends_with(u) && number_of(w.substr(0, w.size() - u.size())))
      return true;
  return false;
}

}  // namespace

std::size_t weight_amount_at(const std::vector<std::string>& words, std::size_t i) {
  std::size_t j = i;
  if (j + 1 < words.size() && (words[j] == "more" || words[j] == "less") && words[j + 1] == "than")
    j += 2;
  else if (j < words.size() && in(kHedges, words[j]))
    ++j;
  if (j >= words.size()) return 0;
  if (number_with_weight_unit(words[j])) return j + 1 - i;
  if (!number_of(words[j])) return 0;
  ++j;
  if (j < words.size() && in(kWeightUnits, words[j])) return j + 1 - i;
  return 0;
}

std::optional<double> number_of(std::string_view w) {
  for (const auto& [word, v] : kNumberWords)
    if (w == word) return v;
  double v = 0;
  auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
  if (ec == std::errc() && p == w.data() + w.size()) return v;
  return std::nullopt;
}

std::optional<double> unit_days(std::string_view w) {
  if (w.ends_with("s")) w.remove_suffix(1);
  if (w == "minute" || w == "min") return 1.0 / 1440;
  if (w == "hour" || w == "hr") return 1.0 / 24;
  if (w == "day" || w == "night") return 1;
  if (w == "week" || w == "wk") return 7;
  if (w == "month") return 30;
  if (w == "year" || w == "yr") return 365;
  return std::nullopt;
}

std::size_t how_often_at(const std::vector<std::string>& words, std::size_t i) {
  if (i >= words.size()) return 0;
  std::size_t j = i;
  // An adverb of how often ("a cough daily", "wheezing nightly").
  if (in(kEvery, words[j])) return 1;
  if (in(kOnce, words[j])) {
    ++j;  // "twice", "once a day"
  } else {
    // A count, or a range of counts ("3 to 4", "two or three"), then what is
    // counted ("times", "episodes of").
    const auto n = number_of(words[j]);
    if (!n && words[j] != "multiple" && words[j] != "numerous") return 0;
    if ((words[j] == "a" || words[j] == "an") &&
        !(j + 1 < words.size() && (words[j + 1] == "few" || words[j + 1] == "couple")))
      return 0;
    ++j;
    if (j < words.size() && (words[j] == "few" || words[j] == "couple")) ++j;
    if (j + 1 < words.size() && (words[j] == "to" || words[j] == "or") && number_of(words[j + 1]))
      j += 2;
    if (j >= words.size() || !in(kOccurrences, words[j])) return 0;
    ++j;
    if (j < words.size() && words[j] == "of") ++j;
  }
  j += rate_at(words, j);
  return j - i;
}

}  // namespace symptomdb::checker
