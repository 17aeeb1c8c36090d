#include "core/section_type.hpp"

#include <array>
#include <cctype>
#include <string>

namespace symptomdb {
namespace {

struct TypeInfo {
  SectionType type;
  std::string_view id;
  std::string_view label;
};

constexpr std::array<TypeInfo, 15> kTypes = {{
    {SectionType::overview, "overview", "Overview"},
    {SectionType::causes, "causes", "Causes"},
    {SectionType::symptoms, "symptoms", "Symptoms"},
    {SectionType::exams_and_tests, "exams-and-tests", "Exams and tests"},
    {SectionType::treatment, "treatment", "Treatment"},
    {SectionType::prevention, "prevention", "Prevention"},
    {SectionType::outlook, "outlook", "Outlook"},
    {SectionType::complications, "complications", "Complications"},
    {SectionType::when_to_see_a_doctor, "when-to-see-a-doctor", "When to see a doctor"},
    {SectionType::susceptibility, "susceptibility", "Who is at risk"},
    {SectionType::genetics, "genetics", "Genetics and inheritance"},
    {SectionType::frequency, "frequency", "How common is it"},
    {SectionType::research, "research", "Research"},
    {SectionType::conclusion, "conclusion", "Conclusion"},
    {SectionType::other, "other", "More information"},
}};

constexpr std::array<SectionType, 15> kOrder = {
    SectionType::overview,        SectionType::symptoms,      SectionType::causes,
    SectionType::susceptibility,  SectionType::genetics,      SectionType::frequency,
    SectionType::exams_and_tests, SectionType::treatment,     SectionType::prevention,
    SectionType::outlook,         SectionType::complications, SectionType::when_to_see_a_doctor,
    SectionType::research,        SectionType::conclusion,    SectionType::other};

// Heading prefixes, lower-cased, longest-first within a type is not needed
// because we stop at the first type whose prefix matches at a word boundary.
// "how ... diagnosed" style headings are handled separately below.
struct Prefix {
  std::string_view words;
  SectionType type;
};
constexpr std::array<Prefix, 47> kPrefixes = {{
    {"overview", SectionType::overview},
    {"about", SectionType::overview},
    {"introduction", SectionType::overview},
    {"causes", SectionType::causes},
    {"cause", SectionType::causes},
    {"risk factors", SectionType::susceptibility},
    {"who is at risk", SectionType::susceptibility},
    {"who gets", SectionType::susceptibility},
    {"genetics", SectionType::genetics},
    {"genetic changes", SectionType::genetics},
    {"inheritance", SectionType::genetics},
    {"inheritance pattern", SectionType::genetics},
    {"frequency", SectionType::frequency},
    {"how common", SectionType::frequency},
    {"research", SectionType::research},
    {"clinical trials", SectionType::research},
    {"signs and symptoms", SectionType::symptoms},
    {"symptoms", SectionType::symptoms},
    {"signs", SectionType::symptoms},
    {"diagnosis", SectionType::exams_and_tests},
    {"diagnosing", SectionType::exams_and_tests},
    {"exams and tests", SectionType::exams_and_tests},
    {"tests", SectionType::exams_and_tests},
    {"treatment", SectionType::treatment},
    {"treatments", SectionType::treatment},
    {"treating", SectionType::treatment},
    {"management", SectionType::treatment},
    {"managing", SectionType::treatment},
    {"self-care", SectionType::treatment},
    {"self care", SectionType::treatment},
    {"home care", SectionType::treatment},
    {"prevention", SectionType::prevention},
    {"preventing", SectionType::prevention},
    {"how to prevent", SectionType::prevention},
    {"outlook", SectionType::outlook},
    {"prognosis", SectionType::outlook},
    {"complications", SectionType::complications},
    {"possible complications", SectionType::complications},
    {"when to see a doctor", SectionType::when_to_see_a_doctor},
    {"when to see your doctor", SectionType::when_to_see_a_doctor},
    {"when to contact a medical professional", SectionType::when_to_see_a_doctor},
    {"when to get help", SectionType::when_to_see_a_doctor},
    {"when to seek", SectionType::when_to_see_a_doctor},
    {"conclusion", SectionType::conclusion},
    {"in conclusion", SectionType::conclusion},
    {"summary", SectionType::conclusion},
    {"in summary", SectionType::conclusion},
}};

std::string lower_words(std::string_view s) {
  // Lower-case ASCII and squeeze runs of spaces so prefix matching is simple.
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (unsigned char c : s) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

bool starts_with_words(std::string_view text, std::string_view words) {
  if (!text.starts_with(words)) return false;
  if (text.size() == words.size()) return true;
  unsigned char next = static_cast<unsigned char>(text[words.size()]);
  return !std::isalnum(next);
}

}  // namespace

std::span<const SectionType> all_section_types() {
  return kOrder;
}

std::string_view to_string(SectionType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.id;
  return "other";
}

std::optional<SectionType> section_type_from_string(std::string_view id) {
  for (const auto& t : kTypes)
    if (t.id == id) return t.type;
  return std::nullopt;
}

std::string_view default_heading(SectionType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.label;
  return "More information";
}

std::optional<SectionType> classify_heading(std::string_view heading) {
  const std::string h = lower_words(heading);
  if (h.empty()) return std::nullopt;
  // Prefer the longest matching prefix: "signs and symptoms" before "signs".
  std::optional<SectionType> best;
  std::size_t best_len = 0;
  for (const auto& p : kPrefixes) {
    if (p.words.size() > best_len && starts_with_words(h, p.words)) {
      best = p.type;
      best_len = p.words.size();
    }
  }
  if (best) return best;
  // Question-form headings ("How is asthma diagnosed?", "What causes a
  // migraine?") name their topic somewhere inside, so scan for it.
  static constexpr std::array<std::string_view, 8> kQuestionWords = {
      "how ", "what ", "why ", "who ", "can ", "is ", "are ", "which "};
  bool question = false;
  for (auto w : kQuestionWords) question = question || h.starts_with(w);
  if (!question) return std::nullopt;
  struct Keyword {
    std::string_view stem;
    SectionType type;
  };
  static constexpr std::array<Keyword, 14> kKeywords = {{
      {"symptom", SectionType::symptoms},
      {"at risk", SectionType::susceptibility},
      {"inherit", SectionType::genetics},
      {"genetic", SectionType::genetics},
      {"how common", SectionType::frequency},
      {"cause", SectionType::causes},
      {"diagnos", SectionType::exams_and_tests},
      {"test", SectionType::exams_and_tests},
      {"treat", SectionType::treatment},
      {"prevent", SectionType::prevention},
      {"outlook", SectionType::outlook},
      {"prognosis", SectionType::outlook},
      {"complication", SectionType::complications},
      {"research", SectionType::research},
  }};
  for (const auto& k : kKeywords)
    if (h.find(k.stem) != std::string::npos) return k.type;
  if (h.starts_with("what is ") || h.starts_with("what are ")) return SectionType::overview;
  return std::nullopt;
}

}  // namespace symptomdb
