// The fixed vocabulary of article section types. Importers, engines, the store
// and pages all agree on it here, so a "causes" section means the same thing
// whether it came from the seed text, a Markdown file or MedQuAD.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace symptomdb {

enum class SectionType {
  overview,
  causes,
  symptoms,
  exams_and_tests,
  treatment,
  prevention,
  outlook,
  complications,
  when_to_see_a_doctor,
  susceptibility,  // who is at risk
  genetics,        // inheritance and genetic changes
  frequency,       // how common it is
  research,        // studies and clinical trials
  conclusion,
  other,
};

// All types, in the order a reader expects them on a page.
std::span<const SectionType> all_section_types();

// Stable identifier used in JSON, the database and URLs ("exams-and-tests").
std::string_view to_string(SectionType type);
std::optional<SectionType> section_type_from_string(std::string_view id);

// Human label used when a section has no heading of its own ("Exams and tests").
std::string_view default_heading(SectionType type);

// Classifies a section heading by the words it starts with ("Causes of Muscle
// Atrophy" -> causes, "How is asthma diagnosed?" -> exams_and_tests). Returns
// nullopt when the heading names no known section, so that a caller can decide
// whether it is an item heading or an "other" section.
std::optional<SectionType> classify_heading(std::string_view heading);

}  // namespace symptomdb
