#include "core/section_type.hpp"

#include <gtest/gtest.h>

namespace symptomdb {
namespace {

TEST(SectionType, IdsRoundTripForEveryType) {
  for (auto t : all_section_types()) {
    auto back = section_type_from_string(to_string(t));
    ASSERT_TRUE(back) << to_string(t);
    EXPECT_EQ(*back, t);
  }
  EXPECT_FALSE(section_type_from_string("bogus"));
  EXPECT_EQ(to_string(SectionType::exams_and_tests), "exams-and-tests");
  EXPECT_EQ(to_string(SectionType::when_to_see_a_doctor), "when-to-see-a-doctor");
}

TEST(SectionType, ClassifiesHeadingsByLeadingWords) {
  EXPECT_EQ(classify_heading("Causes of Muscle Atrophy"), SectionType::causes);
  EXPECT_EQ(classify_heading("Treatment Options for Muscle Atrophy"), SectionType::treatment);
  EXPECT_EQ(classify_heading("Signs and symptoms"), SectionType::symptoms);
  EXPECT_EQ(classify_heading("Exams and Tests"), SectionType::exams_and_tests);
  EXPECT_EQ(classify_heading("Outlook (Prognosis)"), SectionType::outlook);
  EXPECT_EQ(classify_heading("When to Contact a Medical Professional"),
            SectionType::when_to_see_a_doctor);
  EXPECT_EQ(classify_heading("In conclusion"), SectionType::conclusion);
  EXPECT_EQ(classify_heading("  risk   factors "), SectionType::susceptibility);
  EXPECT_EQ(classify_heading("Inheritance pattern"), SectionType::genetics);
  EXPECT_EQ(classify_heading("Who is at risk?"), SectionType::susceptibility);
}

TEST(SectionType, ClassifiesQuestionHeadingsByTopic) {
  EXPECT_EQ(classify_heading("How is asthma diagnosed?"), SectionType::exams_and_tests);
  EXPECT_EQ(classify_heading("What causes a migraine?"), SectionType::causes);
  EXPECT_EQ(classify_heading("How is it treated?"), SectionType::treatment);
  EXPECT_EQ(classify_heading("What is eczema?"), SectionType::overview);
}

TEST(SectionType, ItemHeadingsAreNotSections) {
  // The seed's item headings must not be taken for sections.
  EXPECT_FALSE(classify_heading("Injury or Immobilization"));
  EXPECT_FALSE(classify_heading("Exercise and Physical Therapy"));
  EXPECT_FALSE(classify_heading("Neurological Conditions"));
  EXPECT_FALSE(classify_heading("Electrical Stimulation"));
  // A word boundary is required: "Testosterone" is not "Tests".
  EXPECT_FALSE(classify_heading("Testosterone"));
  EXPECT_FALSE(classify_heading(""));
}

TEST(SectionType, DefaultHeadingsClassifyBackToTheirType) {
  // Export writes a headless section under its default label; re-import
  // must give the same type.
  for (auto t : all_section_types()) {
    auto back = classify_heading(default_heading(t));
    EXPECT_EQ(back.value_or(SectionType::other), t) << default_heading(t);
  }
}

}  // namespace
}  // namespace symptomdb
