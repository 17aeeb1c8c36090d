// Warning signs as the articles state them ("call 911 if you have ..."),
// matched against a description, and how triage uses them (issue 12, item 3).
// The article texts are test data, not medical statements.
#include <gtest/gtest.h>

#include <algorithm>

#include "checker/conditions.hpp"
#include "checker/description.hpp"
#include "checker/interpret.hpp"
#include "checker/triage.hpp"
#include "checker/warning_signs.hpp"
#include "checker_fixture.hpp"
#include "core/spelling.hpp"
#include "engine/snapshot.hpp"

namespace symptomdb::checker {
namespace {

Article entry(std::string slug, std::string name, std::string symptoms, std::string advice) {
  Article a;
  a.slug = slug;
  a.title = name;
  a.condition.name = std::move(name);
  a.collection = "MPlusHealthTopics";
  a.license = "test";
  Section s;
  s.type = SectionType::symptoms;
  // Enough text for a profile, the same for every entry.
  s.intro = std::move(symptoms) +
            " The problem may last for several weeks and may return later in life. Doctors "
            "look at the history and examine the person before deciding on treatment.";
  a.sections.push_back(std::move(s));
  Section w;
  w.type = SectionType::other;
  w.heading = "When to see a doctor";
  w.intro = std::move(advice);
  a.sections.push_back(std::move(w));
  return a;
}

Snapshot snapshot() {
  std::vector<Article> a;
  a.push_back(entry("delta", "Delta cold",
                    "Delta cold causes a runny nose, sneezing and a sore throat. It usually goes "
                    "away on its own in a week.",
                    "See a doctor if symptoms last more than three weeks. Call 911 if you have "
                    "trouble breathing, blue lips or feel very confused."));
  a.push_back(entry("epsilon", "Epsilon infection",
                    "Epsilon infection causes burning when passing urine and a need to pass urine "
                    "often.",
                    "Get urgent medical help, or call your local emergency number, if you have a "
                    "high fever with shivering, vomiting or pain in your back."));
  a.push_back(entry("zeta", "Zeta attack",
                    "Zeta attack causes chest pain with sweating and pain spreading to the arm.",
                    "If you think you are having a zeta attack, call 911. Call 911 if you have "
                    "trouble breathing."));
  a.push_back(entry("eta", "Eta fever", "Eta fever causes a rash and aching joints.",
                    "Go to the emergency room if you have trouble breathing."));
  a.push_back(entry("theta", "Theta spell", "Theta spell causes dizziness and tiredness.",
                    "Call 911 if you have fainted."));
  return Snapshot(std::move(a));
}

ProfileQuery query(const Description& d) {
  ProfileQuery q;
  for (const auto& f : d.findings) (f.negated ? q.absent : q.present).push_back({f.text, {}});
  return q;
}

std::vector<std::string> words(const std::vector<WarningSigns::Found>& found) {
  std::vector<std::string> out;
  for (const auto& f : found) out.push_back(f.sign->words);
  return out;
}

TEST(WarningSigns, AreTheListedItemsOfConditionalEmergencySentences) {
  const auto snap = snapshot();
  const auto signs = WarningSigns::build(snap);
  std::vector<std::string> all;
  for (const auto& s : signs.signs()) all.push_back(s.words + " @" + s.condition);
  std::string listed;
  for (const auto& s : all) listed += s + "; ";
  SCOPED_TRACE(listed);
  // Listed signs, one per item, the filler words around them dropped.
  EXPECT_NE(std::find(all.begin(), all.end(), "trouble breathing @Delta cold"), all.end());
  EXPECT_NE(std::find(all.begin(), all.end(), "blue lips @Delta cold"), all.end());
  EXPECT_NE(std::find(all.begin(), all.end(), "confused @Delta cold"), all.end());
  EXPECT_NE(std::find(all.begin(), all.end(), "vomiting @Epsilon infection"), all.end());
  // "If you think you are having ..." is advice, not a sign.
  for (const auto& s : all) EXPECT_EQ(s.find("think"), std::string::npos) << s;
  // Three conditions' articles say the same sign.
  const auto d = read_description("I have trouble breathing and a runny nose");
  const auto found = signs.found(d);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].sign->words, "trouble breathing");
  EXPECT_EQ(found[0].stated_by, 3u);
  EXPECT_TRUE(found[0].sign->emergency);
}

// "blue or grey lips": the adjectives share the noun after the last, so the
// signs are blue lips and grey lips; "blue" alone (cold blue fingers) is
// none. A noun before "or" keeps its own item ("fever or stiff neck").
TEST(WarningSigns, AdjectivesBeforeOrShareTheNounAfterThem) {
  std::vector<Article> a;
  a.push_back(entry("iota", "Iota cough", "Iota cough causes a cough and a runny nose.",
                    "Call 911 if you have blue or grey lips, or fever or stiff neck."));
  const Snapshot snap(std::move(a));
  const auto signs = WarningSigns::build(snap);
  std::string listed;
  for (const auto& s : signs.signs()) listed += s.words + "; ";
  if (EnglishWords::installed().size() == 0) GTEST_SKIP() << "no English word list installed";
  EXPECT_EQ(listed, "blue lips; grey lips; fever; stiff neck; ");
  EXPECT_TRUE(signs.found(read_description("my fingers are blue when it is cold")).empty());
  EXPECT_EQ(words(signs.found(read_description("my lips are blue"))),
            std::vector<std::string>{"blue lips"});
}

// "People who have any of the following symptoms should see a health care
// provider right away:" names no sign itself: its signs are the list after
// it, or, for "a person with these symptoms", the list just before it. Such
// a list is one condition's own: its signs count only where that condition
// is ranked, never towards a sign many conditions state.
TEST(WarningSigns, ASentenceThatPointsToAListOfSymptomsHasTheListsItemsAsSigns) {
  std::vector<Article> a;
  a.push_back(entry("kappa", "Kappa ulcer", "Kappa ulcer causes a burning pain in the stomach.",
                    "A person who has any of the following symptoms should call or see a health "
                    "care provider right away:\n\n- red blood in vomit\n- black stools\n\n"
                    "Most people get better with treatment."));
  a.push_back(entry("lambda", "Lambda blockage", "Lambda blockage causes bloating.",
                    "Symptoms of a blockage include\n- severe cramping\n- swollen belly\n\nA "
                    "person with these symptoms should seek medical attention immediately."));
  a.push_back(entry("mu", "Mu fever", "Mu fever causes aching joints.",
                    "Children with any of the following symptoms should see a health care "
                    "provider right away: a stiff neck, or a purple rash."));
  a.push_back(entry("nu", "Nu cold", "Nu cold causes sneezing.",
                    "Symptoms include\n- sneezing\n- a runny nose\n\nMost people get better "
                    "in a week."));
  const Snapshot snap(std::move(a));
  const auto signs = WarningSigns::build(snap);
  std::vector<std::string> all;
  for (const auto& s : signs.signs())
    all.push_back(s.words + " @" + s.condition + (s.emergency ? " !" : ""));
  EXPECT_EQ(all, (std::vector<std::string>{
                     "red blood in vomit @Kappa ulcer", "black stools @Kappa ulcer",
                     "severe cramping @Lambda blockage", "swollen belly @Lambda blockage",
                     "stiff neck @Mu fever", "purple rash @Mu fever"}));
  const auto found = signs.found(read_description("my stools are black"));
  ASSERT_EQ(words(found), std::vector<std::string>{"black stools"});
  EXPECT_EQ(found[0].stated_by, 0u);  // one condition's list: only where it is ranked
}

TEST(WarningSigns, AreReadFromThePresentFindingsOnly) {
  const auto snap = snapshot();
  const auto signs = WarningSigns::build(snap);
  EXPECT_TRUE(signs.found(read_description("runny nose. No trouble breathing.")).empty());
  EXPECT_EQ(words(signs.found(read_description("I feel confused"))),
            std::vector<std::string>{"confused"});
  EXPECT_TRUE(signs.found(read_description("a sore throat and sneezing")).empty());
}

// With the interpreter, a finding and a sign meet in the words HPO's names
// use: a lay phrasing is read whole (lay_words.tsv).
TEST(WarningSigns, AreMatchedInTheWordsNamesUseWhenAnInterpreterIsGiven) {
  const auto snap = snapshot();
  const auto signs = WarningSigns::build(snap);
  const Interpreter interpreter(testing::checker_ontology());
  const auto in_names = WarningSigns::build(snap, &interpreter);
  // To feel faint is not to have fainted; to pass out is.
  EXPECT_EQ(words(signs.found(read_description("I feel faint"))),
            std::vector<std::string>{"fainted"});  // by the stem alone
  EXPECT_TRUE(in_names.found(read_description("I feel faint")).empty());
  EXPECT_TRUE(
      signs.found(read_description("I passed out")).empty());  // no word of the sign as written
  EXPECT_EQ(words(in_names.found(read_description("I passed out"))),
            std::vector<std::string>{"fainted"});
  // A sign the lay table rewrites is rewritten the same way.
  const auto trouble = in_names.found(read_description("I have trouble breathing"));
  ASSERT_FALSE(trouble.empty());
  EXPECT_EQ(trouble[0].sign->words, "trouble breathing");
}

TEST(Triage, AWarningSignStatedByManyConditionsIsAnEmergency) {
  const auto snap = snapshot();
  const auto model = ConditionModel::build(snap);
  const auto signs = WarningSigns::build(snap);
  const auto d = read_description("runny nose and sneezing, now trouble breathing");
  TriageSignals s;
  s.signs = signs.found(d);
  const auto t = triage(d, model, model.rank(query(d)), s);
  EXPECT_EQ(t.level, TriageLevel::emergency);
  EXPECT_NE(t.reason.find("trouble breathing"), std::string::npos) << t.reason;
  EXPECT_FALSE(t.quote.empty());
}

TEST(Triage, ASignOfOneConditionCountsOnlyWhenThatConditionIsRanked) {
  const auto snap = snapshot();
  const auto model = ConditionModel::build(snap);
  const auto signs = WarningSigns::build(snap);
  // Vomiting is a sign in Epsilon's article only.
  const auto d = read_description("burning when passing urine, vomiting");
  TriageSignals s;
  s.signs = signs.found(d);
  ASSERT_FALSE(s.signs.empty());
  auto ranked = model.rank(query(d));
  EXPECT_EQ(triage(d, model, ranked, s).level, TriageLevel::emergency);
  // The same sign, with Epsilon not among the answers: no emergency from it.
  std::erase_if(ranked, [&](const RankedProfile& r) {
    return model.profile(r.profile).name == "Epsilon infection";
  });
  EXPECT_LT(triage(d, model, ranked, s).level, TriageLevel::emergency);
}

// A sign in lay words that HPO's names say otherwise ("black stools", which
// the names say as "black feces") is met by a finding worded another way
// ("my stools are black") when it was read as a term one of whose names says
// it; a sign in the names' own words only by the person's words.
TEST(WarningSigns, ASignInLayWordsIsShownByTheNameOfTheTermAFindingWasReadAs) {
  std::vector<Article> a;
  a.push_back(entry("pi", "Pi ulcer", "Pi ulcer causes a burning pain.",
                    "A person with any of the following symptoms should see a health care "
                    "provider right away:\n\n- black stools\n- muscle spasm\n"));
  const Snapshot snap(std::move(a));
  // The test ontology with a term named as HPO names Melena.
  auto records = testing::checker_ontology_records();
  records.terms.push_back(testing::term("HP:0002249", "Melena", {"HP:0000118"},
                                        {{"Black feces", ontology::SynonymScope::broad, false}}));
  const Interpreter interpreter(
      std::make_shared<const ontology::Ontology>(ontology::Ontology::build(records)));
  const auto signs = WarningSigns::build(snap, &interpreter);
  const auto d = read_description("my stools are black. my calf keeps seizing up");
  ASSERT_EQ(d.findings.size(), 2u);
  EXPECT_TRUE(signs.found(d).empty());
  const auto melena = interpreter.ontology().find("HP:0002249");
  const auto spasm = interpreter.ontology().find("HP:0003394");
  ASSERT_TRUE(melena && spasm);
  const std::vector<std::vector<ontology::TermIndex>> read = {{*melena}, {*spasm}};
  EXPECT_EQ(words(signs.found(d, {}, read)), std::vector<std::string>{"black stools"});
}

// A sign from one condition's own list of symptoms asks for a doctor today
// where that condition is likely; ranked low among many, it raises nothing.
TEST(Triage, ASignFromAConditionsListCountsOnlyWhereThatConditionIsLikely) {
  std::vector<Article> a;
  a.push_back(entry("kappa", "Kappa ulcer",
                    "Kappa ulcer causes a burning pain in the stomach and black stools.",
                    "A person who has any of the following symptoms should call or see a health "
                    "care provider right away:\n\n- black stools\n- red blood in vomit"));
  a.push_back(entry("xi", "Xi colitis", "Xi colitis causes loose stools and cramps.",
                    "Most people get better in a week."));
  a.push_back(entry("omicron", "Omicron worms", "Omicron worms cause itching and loose stools.",
                    "Most people get better in a week."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  const auto signs = WarningSigns::build(snap);
  const auto d = read_description("my stools are black");
  TriageSignals s;
  s.signs = signs.found(d);
  ASSERT_EQ(words(s.signs), std::vector<std::string>{"black stools"});
  auto ranked = model.rank(query(d));
  ASSERT_FALSE(ranked.empty());
  ASSERT_EQ(model.profile(ranked[0].profile).name, "Kappa ulcer");
  const auto t = triage(d, model, ranked, s);
  EXPECT_EQ(t.level, TriageLevel::urgent);
  EXPECT_NE(t.reason.find("black stools"), std::string::npos) << t.reason;
  // The same ranking with Kappa last, far below the others: not likely.
  ASSERT_GE(ranked.size(), 3u);
  std::rotate(ranked.begin(), ranked.begin() + 1, ranked.end());
  ranked.back().score = ranked.front().score / 10;
  ranked.back().probability = 0.01;
  EXPECT_EQ(triage(d, model, ranked, s).level, TriageLevel::routine);
}

// A sign that has gone on for weeks (long_standing) is a doctor today, with
// what would make it an emergency; the same sign new is an emergency.
TEST(Triage, AWarningSignThatHasGoneOnForWeeksAsksForADoctorToday) {
  const auto snap = snapshot();
  const auto model = ConditionModel::build(snap);
  const auto signs = WarningSigns::build(snap);
  auto level = [&](std::string_view text) {
    const auto d = read_description(text);
    TriageSignals s;
    s.signs = signs.found(d);
    return triage(d, model, model.rank(query(d)), s);
  };
  EXPECT_EQ(level("runny nose, and trouble breathing since yesterday").level,
            TriageLevel::emergency);
  const auto weeks = level("runny nose, and trouble breathing for three months");
  EXPECT_EQ(weeks.level, TriageLevel::urgent) << weeks.reason;
  EXPECT_NE(weeks.reason.find("trouble breathing, which needs a doctor today"), std::string::npos)
      << weeks.reason;
  EXPECT_EQ(level("runny nose, and sudden trouble breathing for three months").level,
            TriageLevel::emergency);
  // Effort alone lowers only the red flags that say so (RedFlagTerms), not
  // a sign the articles state.
  EXPECT_EQ(level("runny nose, and trouble breathing when walking").level, TriageLevel::emergency);

  // A red flag raised only by findings that have gone on for weeks.
  const auto d = read_description("runny nose and sneezing");
  TriageSignals s;
  s.red_flags_not_acute = {"Dyspnea"};
  const auto t = triage(d, model, model.rank(query(d)), s);
  EXPECT_EQ(t.level, TriageLevel::urgent) << t.reason;
  EXPECT_NE(t.reason.find("call emergency services if it comes on suddenly or at rest"),
            std::string::npos)
      << t.reason;
  s.red_flags = {"Chest pain"};
  EXPECT_EQ(triage(d, model, model.rank(query(d)), s).level, TriageLevel::emergency);
}

TEST(Triage, SelfCareSaysWhatWouldChangeItInTheArticlesWords) {
  const auto snap = snapshot();
  const auto model = ConditionModel::build(snap);
  const auto signs = WarningSigns::build(snap);
  const auto d = read_description("runny nose, sneezing and a sore throat");
  TriageSignals s;
  s.signs = signs.found(d);
  s.advice = &signs;
  const auto t = triage(d, model, model.rank(query(d)), s);
  ASSERT_EQ(t.level, TriageLevel::self_care) << t.reason;
  ASSERT_FALSE(t.change.empty());
  EXPECT_EQ(t.change[0], "See a doctor if symptoms last more than three weeks.");
}

}  // namespace
}  // namespace symptomdb::checker
