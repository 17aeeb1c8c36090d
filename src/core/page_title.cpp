#include "core/page_title.hpp"

#include <algorithm>
#include <cctype>

namespace symptomdb {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

bool generic_title_part(std::string_view part) {
  static constexpr std::string_view kGeneric[] = {"what to know",
                                                  "what you need to know",
                                                  "what to expect",
                                                  "what to ask",
                                                  "discharge",
                                                  "resources",
                                                  "home care",
                                                  "self-care",
                                                  "self care",
                                                  "aftercare",
                                                  "overview",
                                                  "series",
                                                  "slideshow",
                                                  "questions",
                                                  "children",
                                                  "adults",
                                                  "older adults",
                                                  "in children",
                                                  "in adults",
                                                  "at home",
                                                  "series-procedure",
                                                  "procedure",
                                                  "recovery",
                                                  "tips",
                                                  "facts"};
  const std::string f = lower_ascii(trim(part));
  return std::any_of(std::begin(kGeneric), std::end(kGeneric),
                     [&](std::string_view g) { return f.starts_with(g); });
}

std::string title_subject(std::string_view title) {
  title = trim(title);
  const std::string lower = lower_ascii(title);
  for (std::string_view prefix : {"what i need to know about ", "what you need to know about ",
                                  "questions and answers about ", "living with "})
    if (lower.starts_with(prefix) && lower.size() > prefix.size() + 2)
      return std::string(trim(title.substr(prefix.size())));
  // "Heart failure - what to ask your doctor", "Epilepsy - children -
  // discharge": every part after the first is generic.
  for (std::string_view sep : {" - ", ": "}) {
    const auto first = title.find(sep);
    if (first == std::string_view::npos || first < 3) continue;
    bool generic = true;
    for (auto at = first; at != std::string_view::npos && generic;) {
      const auto next = title.find(sep, at + sep.size());
      generic = generic_title_part(title.substr(at + sep.size(), next == std::string_view::npos
                                                                     ? std::string_view::npos
                                                                     : next - at - sep.size()));
      at = next;
    }
    if (generic) return std::string(trim(title.substr(0, first)));
  }
  return {};
}

}  // namespace symptomdb
