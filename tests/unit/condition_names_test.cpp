// The names a condition profile answers to (src/checker/condition_names.hpp):
// own names compared as word sets, entries without text tied to the profiled
// condition the sources say they are, and narrower names only when the
// broader article's own text uses them.
#include <gtest/gtest.h>

#include <algorithm>

#include "checker/condition_names.hpp"
#include "checker/conditions.hpp"
#include "engine/snapshot.hpp"
#include "unit/profile_fixture.hpp"

namespace symptomdb::checker {
namespace {

std::string identity(std::string_view name) {
  text::Analyzer a;
  return name_identity(name, a);
}

TEST(ConditionNames, IdentityIsTheSetOfWordsWithNegationKeptOnItsWord) {
  EXPECT_EQ(identity("Renal failure - acute"), identity("Acute Renal Failure"));
  EXPECT_EQ(identity("Non Allergic Rhinitis"), identity("Nonallergic rhinitis"));
  EXPECT_NE(identity("Non Allergic Rhinitis"), identity("Allergic Rhinitis"));
  EXPECT_NE(identity("Acute Pancreatitis"), identity("Pancreatitis"));
  EXPECT_EQ(identity("the"), "");
}

TEST(ConditionNames, FormsATitleGivesAName) {
  auto has = [](const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  const auto paren = name_forms("Kidney Infection (Pyelonephritis)");
  EXPECT_TRUE(has(paren, "Kidney Infection"));
  EXPECT_TRUE(has(paren, "Pyelonephritis"));
  EXPECT_TRUE(has(name_forms("Gum (Periodontal) Disease"), "Gum Disease"));
  EXPECT_FALSE(has(name_forms("Gum (Periodontal) Disease"), "Periodontal"));
  const auto colon = name_forms("Pyelonephritis: Kidney Infection");
  EXPECT_TRUE(has(colon, "Pyelonephritis"));
  EXPECT_FALSE(has(colon, "Kidney Infection"));
  EXPECT_EQ(name_forms("Asthma"), std::vector<std::string>{"Asthma"});
}

// An article with text (a profile) or without (a name only).
Article entry(std::string slug, std::string name, std::vector<std::string> synonyms,
              std::string symptoms, std::vector<std::string> cuis = {}) {
  return testing::condition_entry(std::move(slug), std::move(name), std::move(symptoms),
                                  "MPlusHealthTopics", {std::move(synonyms), std::move(cuis)});
}

constexpr const char* kHayFever =
    "Hay fever causes sneezing, a runny or stuffy nose, itchy eyes and an itchy throat when "
    "pollen is in the air, every spring and summer.";
constexpr const char* kPancreatitis =
    "Acute pancreatitis starts suddenly with severe pain in the upper abdomen that spreads to "
    "the back, nausea, vomiting and fever; it usually lasts a few days.";
constexpr const char* kCystitis =
    "Painful bladder causes pelvic pain, pressure, an urgent need to urinate and pain during "
    "sex that comes and goes over months.";

Snapshot names_snapshot() {
  std::vector<Article> a;
  a.push_back(entry("hay", "Hay Fever", {"Pollen allergy"}, kHayFever, {"C1"}));
  a.push_back(entry("ar", "Allergic rhinitis", {"Hay fever", "Seasonal allergy"}, ""));
  a.push_back(entry("pan", "Pancreatitis", {}, kPancreatitis));
  a.push_back(entry("ic", "Painful bladder", {"Pelvic pain syndrome"}, kCystitis));
  a.push_back(entry("pro", "Prostatitis - nonbacterial", {"Pelvic pain syndrome"}, ""));
  a.push_back(entry("cui", "Pollinosis", {}, "", {"C1"}));
  return Snapshot(std::move(a));
}

std::vector<std::string> resolved(const ConditionModel& m, std::string_view name,
                                  NameLink* link = nullptr) {
  std::vector<std::string> out;
  for (const auto& r : m.resolve(name)) {
    out.push_back(m.profile(r.profile).name);
    if (link) *link = r.link;
  }
  return out;
}

TEST(ConditionNames, AnEntryWithoutTextIsTheProfileItsOtherNameIs) {
  const auto snap = names_snapshot();
  const auto model = ConditionModel::build(snap);
  ASSERT_EQ(model.size(), 3u);  // the entries without text have no profile of their own
  NameLink link{};
  EXPECT_EQ(resolved(model, "Allergic Rhinitis", &link), std::vector<std::string>{"Hay Fever"});
  EXPECT_EQ(link, NameLink::same_condition);
  // Its other synonym reaches the profile too, and the profile shows the name.
  EXPECT_EQ(resolved(model, "seasonal allergy"), std::vector<std::string>{"Hay Fever"});
  const auto& hay = model.profile(*model.profile_of_condition(
      static_cast<std::size_t>(snap.condition("hay-fever") - snap.conditions().data())));
  ASSERT_FALSE(hay.covers.empty());
  EXPECT_TRUE(std::any_of(hay.covers.begin(), hay.covers.end(),
                          [](const CoveredName& c) { return c.name == "Allergic rhinitis"; }));
  // Identical UMLS CUIs tie an entry as well.
  EXPECT_EQ(resolved(model, "Pollinosis", &link), std::vector<std::string>{"Hay Fever"});
  EXPECT_EQ(link, NameLink::same_condition);
  // An own name, in another word order, is the profile itself.
  EXPECT_EQ(resolved(model, "allergy, pollen", &link), std::vector<std::string>{"Hay Fever"});
  EXPECT_EQ(link, NameLink::own);
}

TEST(ConditionNames, TwoEntriesSharingOnlyASynonymAreNotOneCondition) {
  const auto snap = names_snapshot();
  const auto model = ConditionModel::build(snap);
  EXPECT_TRUE(resolved(model, "Prostatitis - nonbacterial").empty());
  EXPECT_TRUE(resolved(model, "Prostatitis").empty());
}

TEST(ConditionNames, ANarrowerNameOnlyWhereTheBroaderTextUsesIt) {
  const auto snap = names_snapshot();
  const auto model = ConditionModel::build(snap);
  NameLink link{};
  EXPECT_EQ(resolved(model, "Acute Pancreatitis", &link), std::vector<std::string>{"Pancreatitis"});
  EXPECT_EQ(link, NameLink::narrower);
  // The article never says "hereditary": not a form it describes.
  EXPECT_TRUE(resolved(model, "Hereditary Pancreatitis").empty());
  // A negated qualifier never falls back to the name it negates.
  EXPECT_TRUE(resolved(model, "Non Allergic Hay Fever").empty());
  EXPECT_TRUE(resolved(model, "Non Allergic Rhinitis").empty());
}

constexpr const char* kLungs =
    "Long-lasting cough with mucus, wheezing and shortness of breath that slowly gets worse "
    "over years, mostly in people who smoked.";
constexpr const char* kAdrenal =
    "Tiredness, weight loss, dizziness on standing, salt craving and darker skin that come on "
    "slowly over months.";

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(ConditionNames, TwoProfilesOfOneConditionAreFoundTogether) {
  std::vector<Article> a;
  // Two entries with text of one condition: one lists the other's main name.
  a.push_back(entry("cb", "Chronic bronchitis", {"COPD", "Chronic obstructive lung disease"},
                    testing::with_filler(kLungs)));
  a.push_back(entry("copd", "COPD", {}, testing::with_filler(kLungs)));
  // A title joining two names of another profile.
  a.push_back(
      entry("ad", "Addison Disease", {"Adrenal insufficiency"}, testing::with_filler(kAdrenal)));
  a.push_back(entry("ai", "Adrenal Insufficiency and Addison's Disease", {},
                    testing::with_filler(kAdrenal)));
  // A synonym that is the main name of two entries (here through the
  // title form "A (B)") links neither.
  a.push_back(entry("h1", "Hearing Loss in Children", {"Deafness"}, testing::with_filler(kLungs)));
  a.push_back(entry("d1", "Deafness", {}, testing::with_filler(kAdrenal)));
  a.push_back(entry("d2", "Deafness (Adults)", {}, testing::with_filler(kLungs)));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  EXPECT_EQ(sorted(resolved(model, "Chronic Obstructive Lung Disease")),
            sorted({"COPD", "Chronic bronchitis"}));
  EXPECT_EQ(sorted(resolved(model, "COPD")), sorted({"COPD", "Chronic bronchitis"}));
  EXPECT_EQ(sorted(resolved(model, "Adrenal Insufficiency")),
            sorted({"Addison Disease", "Adrenal Insufficiency and Addison's Disease"}));
  EXPECT_EQ(resolved(model, "Hearing Loss in Children"),
            std::vector<std::string>{"Hearing Loss in Children"});
}

// Two entries of one condition both rank when it fits; the list shown
// holds the condition once, at the first one's place, the other folded into
// it; the shares shown follow the order (the first entry's share, not the
// two added); an entry of another condition keeps its place.
TEST(ConditionNames, AConditionIsListedOnceWithItsOtherEntryFoldedIn) {
  std::vector<Article> a;
  a.push_back(entry("cb", "Chronic bronchitis", {"COPD", "Chronic obstructive lung disease"},
                    testing::with_filler(kLungs)));
  a.push_back(entry("copd", "COPD", {}, testing::with_filler(kLungs)));
  a.push_back(entry("ad", "Addison Disease", {}, testing::with_filler(kLungs)));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  ProfileQuery q;
  q.present.push_back(ProfileFinding{"a cough with phlegm and short of breath", {}});
  q.limit = 10;
  const auto ranked = model.rank(q);
  ASSERT_EQ(ranked.size(), 3u);
  const auto shown = model.one_per_condition(ranked);
  ASSERT_EQ(shown.size(), 2u);
  const std::string first = model.profile(ranked[0].profile).name;
  EXPECT_EQ(model.profile(shown[0].profile).name, first);
  ASSERT_EQ(shown[0].also.size(), 1u);
  const std::string other = model.profile(shown[0].also[0]).name;
  EXPECT_TRUE((first == "COPD" && other == "Chronic bronchitis") ||
              (first == "Chronic bronchitis" && other == "COPD"))
      << first << " / " << other;
  EXPECT_EQ(model.profile(shown[1].profile).name, "Addison Disease");
  EXPECT_DOUBLE_EQ(shown[0].probability, ranked[0].probability);
  for (std::size_t i = 1; i < shown.size(); ++i)
    EXPECT_GE(shown[i - 1].probability, shown[i].probability);
}

}  // namespace
}  // namespace symptomdb::checker
