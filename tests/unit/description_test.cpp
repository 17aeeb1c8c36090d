// Reading a person's description into findings, the condition profiles built
// from articles, and triage (issue 12).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "checker/conditions.hpp"
#include "checker/context_fit.hpp"
#include "checker/description.hpp"
#include "checker/quantities.hpp"
#include "checker/triage.hpp"
#include "engine/snapshot.hpp"
#include "text/normalize.hpp"
#include "unit/profile_fixture.hpp"

namespace symptomdb::checker {
namespace {

const Finding* find(const Description& d, std::string_view text) {
  for (const auto& f : d.findings)
    if (f.text.find(text) != std::string::npos) return &f;
  return nullptr;
}

// The helpers of the perfect tense after a finding's subject ("has",
// "has been") say since when, not what: the core is the subject and what
// is said of it. "has" before a noun says what the subject has.
TEST(Description, ThePerfectTensesHelpersAreNoWordsOfTheFinding) {
  auto core = [](std::string_view text) {
    const auto d = read_description(text);
    return d.findings.empty() ? std::string("no finding") : d.findings.front().core;
  };
  EXPECT_EQ(core("my head has hurt all day"), "head hurt");
  EXPECT_EQ(core("my back has been hurting"), "back hurting");
  EXPECT_EQ(core("my throat has been sore for days"), "throat sore");
  EXPECT_EQ(core("the pain has a burning quality"), "pain has a burning quality");
}

// Weeks of a symptom, not said to be sudden or severe, is long-standing:
// the finding's own words decide.
TEST(Description, AFindingThatHasGoneOnForWeeksIsLongStanding) {
  auto first = [](std::string_view text) { return read_description(text).findings.at(0); };
  EXPECT_TRUE(long_standing(first("short of breath for three months")));
  EXPECT_TRUE(long_standing(first("I have had chest pain for 3 weeks")));
  EXPECT_FALSE(long_standing(first("short of breath for two days")));
  EXPECT_FALSE(long_standing(first("short of breath")));
  EXPECT_FALSE(long_standing(first("sudden shortness of breath for three weeks")));
  EXPECT_FALSE(long_standing(first("severe chest pain for three weeks")));
}

// "X not related to Y", "not from Y", "unrelated to Y", "not due to Y": Y
// is said not to be the cause, neither a finding the person has nor one
// denied.
TEST(Description, WhatIsSaidNotToBeTheCauseIsNoFinding) {
  auto texts = [](std::string_view text) {
    std::vector<std::string> out;
    for (const auto& f : read_description(text).findings) out.push_back(f.text);
    return out;
  };
  EXPECT_EQ(texts("2 days of vaginal spotting not related to menstruation"),
            (std::vector<std::string>{"2 days of vaginal spotting"}));
  EXPECT_EQ(texts("Vaginal bleeding, not from menstruation"),
            (std::vector<std::string>{"vaginal bleeding"}));
  EXPECT_EQ(texts("chest pain unrelated to exertion, but worse with deep breaths"),
            (std::vector<std::string>{"chest pain", "worse with deep breaths"}));
  EXPECT_EQ(texts("fatigue not due to lack of sleep"), (std::vector<std::string>{"fatigue"}));
  // What says no cause ends with its clause: a new subject after "and" is
  // a finding again.
  EXPECT_EQ(texts("a rash not related to food and I have a fever"),
            (std::vector<std::string>{"a rash", "i have a fever"}));
  // "not" that says no cause is no negation either.
  const auto d = read_description("headache not related to stress");
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].text, "headache");
  EXPECT_FALSE(d.findings[0].negated);
}

// A clause that only says how long says it of the finding before it.
TEST(Description, AShortClauseAfterACommaSaysItOfTheSubjectBefore) {
  auto texts = [](std::string_view text) {
    std::vector<std::string> out;
    for (const auto& f : read_description(text).findings) out.push_back(f.text);
    return out;
  };
  EXPECT_EQ(texts("My leg is red, hot and swollen."),
            (std::vector<std::string>{"my leg is red", "my leg is hot and swollen"}));
  EXPECT_EQ(texts("I feel tired, weak, dizzy"),
            (std::vector<std::string>{"i feel tired", "i feel weak", "i feel dizzy"}));
  // Not a clause with a subject of its own, nor into the next sentence or
  // across a negation.
  EXPECT_EQ(texts("my leg is red, I have a fever"),
            (std::vector<std::string>{"my leg is red", "i have a fever"}));
  EXPECT_EQ(texts("My leg is red. Swollen ankles"),
            (std::vector<std::string>{"my leg is red", "swollen ankles"}));
  EXPECT_EQ(texts("Fever, cough"), (std::vector<std::string>{"fever", "cough"}));
  const auto d = read_description("my eyes are red, no discharge");
  ASSERT_EQ(d.findings.size(), 2u);
  EXPECT_EQ(d.findings[1].text, "discharge");
  EXPECT_TRUE(d.findings[1].negated);
}

TEST(Description, AClauseThatOnlySaysHowLongSaysItOfTheFindingBefore) {
  const auto d = read_description("I get chest pain when I walk, for two months now. A cough.");
  ASSERT_EQ(d.findings.size(), 2u);
  ASSERT_TRUE(d.findings[0].duration_days.has_value());
  EXPECT_NEAR(*d.findings[0].duration_days, 60, 2);
  EXPECT_FALSE(d.findings[1].duration_days.has_value());
  // Not across a sentence, nor over a duration the finding already has.
  EXPECT_EQ(read_description("Chest pain. For two months now.").findings.size(), 2u);
  EXPECT_EQ(read_description("fever for 2 days, for a week now").findings.size(), 2u);
}

// "while" after "a" is the noun, a stretch of time, not a turn to a new clause.
TEST(Description, AWhileIsAStretchOfTimeNotAConjunction) {
  const auto d = read_description("After resting for a while the pain eased a little.");
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].text, "after resting for a while the pain eased a little");
  EXPECT_EQ(read_description("a cough while walking").findings.size(), 2u);
}

// What comes with effort, not at rest and not sudden or severe.
TEST(Description, AFindingBroughtOnByEffortIsReadSo) {
  auto first = [](std::string_view text) { return read_description(text).findings.at(0); };
  EXPECT_TRUE(only_on_effort(first("I get out of breath climbing stairs")));
  EXPECT_TRUE(only_on_effort(first("chest pain on exertion")));
  EXPECT_FALSE(only_on_effort(first("short of breath for three months")));
  EXPECT_FALSE(first("short of breath when walking and even at rest").on_effort);
  EXPECT_FALSE(only_on_effort(first("sudden chest pain while climbing stairs")));
  EXPECT_FALSE(only_on_effort(first("crushing chest pain on exertion")));
  EXPECT_FALSE(only_on_effort(first("short of breath")));
}

TEST(Description, NegationCoversAListUntilTheSentenceTurns) {
  const auto d = read_description(
      "Four days ago I started feeling tired, then fever and a dry cough; now I'm short of "
      "breath even at rest. No sore throat, nausea or vomiting. Denies chest pain but has a "
      "headache.");
  ASSERT_NE(find(d, "fever"), nullptr);
  EXPECT_FALSE(find(d, "fever")->negated);
  ASSERT_NE(find(d, "short of breath"), nullptr);
  EXPECT_FALSE(find(d, "short of breath")->negated);
  ASSERT_NE(find(d, "sore throat"), nullptr);
  EXPECT_TRUE(find(d, "sore throat")->negated);
  ASSERT_NE(find(d, "vomiting"), nullptr);
  EXPECT_TRUE(find(d, "vomiting")->negated);
  ASSERT_NE(find(d, "chest pain"), nullptr);
  EXPECT_TRUE(find(d, "chest pain")->negated);
  ASSERT_NE(find(d, "headache"), nullptr);
  EXPECT_FALSE(find(d, "headache")->negated);
}

// A result or function said to be normal is that thing, negated: "normal
// urine output" is no finding of the urine, and a list's "were normal"
// speaks of every item of the list.
TEST(Description, AThingSaidToBeNormalIsNegated) {
  const auto d = read_description(
      "Cough for a week. Normal urine output. Her PCR test was negative. She was told that "
      "her ECG, blood pressure, and cholesterol level were completely normal. Headache, "
      "fever, and my blood tests were within normal limits.");
  const auto negated = [&](std::string_view text) {
    const Finding* f = find(d, text);
    return f != nullptr && f->negated && f->text.find("normal") == std::string::npos &&
           f->text.find("negative") == std::string::npos;
  };
  ASSERT_NE(find(d, "cough"), nullptr);
  EXPECT_FALSE(find(d, "cough")->negated);
  EXPECT_TRUE(negated("urine output"));
  EXPECT_TRUE(negated("pcr test"));
  EXPECT_TRUE(negated("ecg"));
  EXPECT_TRUE(negated("blood pressure"));
  EXPECT_TRUE(negated("cholesterol level"));
  EXPECT_TRUE(negated("blood tests"));
  // Items before "and my ...": that clause has a subject of its own.
  ASSERT_NE(find(d, "headache"), nullptr);
  EXPECT_FALSE(find(d, "headache")->negated);
  ASSERT_NE(find(d, "fever"), nullptr);
  EXPECT_FALSE(find(d, "fever")->negated);
  // "normal" inside a clause is no result.
  const auto story = read_description("She thought it was a normal response to stress.");
  EXPECT_TRUE(std::none_of(story.findings.begin(), story.findings.end(),
                           [](const Finding& f) { return f.negated; }));
}

TEST(Description, ContractedNegationNeedsAVerbOfHaving) {
  const auto d = read_description("I don't have a fever. The pain doesn't go away.");
  ASSERT_NE(find(d, "fever"), nullptr);
  EXPECT_TRUE(find(d, "fever")->negated);
  ASSERT_NE(find(d, "pain"), nullptr);
  EXPECT_FALSE(find(d, "pain")->negated);
}

// "No" before a faculty says it is lacking: a finding, not its absence.
TEST(Description, NoBeforeAFacultyIsALackNotANegation) {
  const auto d = read_description("I have no energy. No appetite. No fever.");
  ASSERT_NE(find(d, "energy"), nullptr);
  EXPECT_FALSE(find(d, "energy")->negated);
  ASSERT_NE(find(d, "appetite"), nullptr);
  EXPECT_FALSE(find(d, "appetite")->negated);
  ASSERT_NE(find(d, "fever"), nullptr);
  EXPECT_TRUE(find(d, "fever")->negated);
}

// What a relative has is family history, the person's context, not a
// finding of theirs; a relative who reports the person's illness is not.
TEST(Description, AClauseAboutARelativeIsFamilyHistory) {
  const auto d = read_description(
      "My father had a heart attack. I have a rash. No family history of cancer. Her mother "
      "noticed that she bruises easily.");
  EXPECT_EQ(find(d, "heart attack"), nullptr);
  ASSERT_NE(find(d, "rash"), nullptr);
  ASSERT_NE(find(d, "bruises easily"), nullptr);
  EXPECT_EQ(find(d, "cancer"), nullptr);
  EXPECT_EQ(d.family_history, std::vector<std::string>{"my father had a heart attack"});
  const auto context = context_of(d);
  EXPECT_NE(
      std::find(context.history.begin(), context.history.end(), "my father had a heart attack"),
      context.history.end());
}

TEST(Description, AssertionEndsANegatedList) {
  const auto d = read_description("No fever, he has a cough");
  ASSERT_NE(find(d, "cough"), nullptr);
  EXPECT_FALSE(find(d, "cough")->negated);
  EXPECT_TRUE(find(d, "fever")->negated);
}

// A part said in one word with its ache says where, as the part does: a
// description of a toothache tells the checker something, though no
// phenotype term names it.
TEST(Description, APartSaidWithItsAcheIsTheSite) {
  EXPECT_EQ(read_description("I have a bad toothache").findings.at(0).site, "tooth");
  EXPECT_EQ(read_description("earache since Monday").findings.at(0).site, "ear");
  EXPECT_EQ(read_description("a dull ache").findings.at(0).site, "");  // no part: no site
}

TEST(Description, DurationOnsetSeveritySite) {
  const auto d = read_description(
      "Sudden severe pain in my lower right abdomen since yesterday. A mild cough for 3 weeks.");
  const auto* pain = find(d, "pain");
  ASSERT_NE(pain, nullptr);
  EXPECT_EQ(pain->onset, Onset::sudden);
  EXPECT_EQ(pain->severity, Severity::severe);
  EXPECT_EQ(pain->site, "lower right abdomen");
  ASSERT_TRUE(pain->duration_days);
  EXPECT_DOUBLE_EQ(*pain->duration_days, 1);
  const auto* cough = find(d, "cough");
  ASSERT_NE(cough, nullptr);
  EXPECT_EQ(cough->severity, Severity::mild);
  ASSERT_TRUE(cough->duration_days);
  EXPECT_DOUBLE_EQ(*cough->duration_days, 21);
  EXPECT_TRUE(d.any_sudden);
  EXPECT_TRUE(d.any_severe);
  ASSERT_TRUE(d.longest_duration_days);
  EXPECT_DOUBLE_EQ(*d.longest_duration_days, 21);
}

// How many times and how often, as the words it takes from the start of
// the phrase's words as the interpreter splits them.
TEST(Quantities, HowOftenAsWritten) {
  auto often = [](std::string_view phrase, std::size_t at = 0) {
    return how_often_at(text::tokenize(text::fold(phrase)), at);
  };
  EXPECT_EQ(often("three times"), 2u);
  EXPECT_EQ(often("twice"), 1u);
  EXPECT_EQ(often("once a day"), 3u);
  EXPECT_EQ(often("3 to 4 episodes of vomiting"), 5u);
  EXPECT_EQ(often("2 or 3 times a night to void"), 6u);
  EXPECT_EQ(often("a few times per week"), 5u);
  EXPECT_EQ(often("multiple times before"), 2u);
  EXPECT_EQ(often("vomiting three times", 1), 2u);
  // A number that counts something else, a unit without a count, and words
  // that only look like a count are not how often.
  EXPECT_EQ(often("three days"), 0u);
  EXPECT_EQ(often("a fever"), 0u);
  EXPECT_EQ(often("a time"), 0u);
  EXPECT_EQ(often("times"), 0u);
  EXPECT_EQ(often("two"), 0u);
  EXPECT_EQ(often("every day"), 0u);
  EXPECT_EQ(often(""), 0u);
}

TEST(Description, DurationsAndDemographics) {
  EXPECT_DOUBLE_EQ(*parse_duration_days("for two weeks"), 14);
  EXPECT_DOUBLE_EQ(*parse_duration_days("a couple of days ago"), 2);
  EXPECT_DOUBLE_EQ(*parse_duration_days("over the last month"), 30);
  EXPECT_DOUBLE_EQ(*parse_duration_days("since last night"), 1);
  EXPECT_DOUBLE_EQ(*parse_duration_days("in the past week"), 7);
  EXPECT_FALSE(parse_duration_days("a cough"));
  const auto d = read_description("61 year old Male");
  ASSERT_TRUE(d.age_years);
  EXPECT_DOUBLE_EQ(*d.age_years, 61);
  ASSERT_TRUE(d.female);
  EXPECT_FALSE(*d.female);
  // An age is not a duration.
  EXPECT_FALSE(read_description("a 30-year-old woman").longest_duration_days);
  EXPECT_TRUE(*read_description("a 30-year-old woman").female);
}

// A unit of time in the plural with no number says more than one of it
// ("for years": at least two), and a stage of life after "since" says years;
// both are taken out of the finding's core, as "for 3 years" is. Not a
// plural after "in" ("the first time in years"), nor a unit said alone.
TEST(Description, AUnitWithNoNumberAndAStageOfLifeAreDurations) {
  EXPECT_DOUBLE_EQ(*parse_duration_days("for years"), 730);
  EXPECT_DOUBLE_EQ(*parse_duration_days("for months"), 60);
  EXPECT_DOUBLE_EQ(*parse_duration_days("for weeks"), 14);
  EXPECT_DOUBLE_EQ(*parse_duration_days("over weeks"), 14);
  EXPECT_DOUBLE_EQ(*parse_duration_days("it started years ago"), 730);
  EXPECT_DOUBLE_EQ(*parse_duration_days("since childhood"), 730);
  EXPECT_DOUBLE_EQ(*parse_duration_days("since birth"), 730);
  EXPECT_DOUBLE_EQ(*parse_duration_days("since i was a kid"), 730);
  EXPECT_DOUBLE_EQ(*parse_duration_days("for many years"), 6 * 365);  // as before
  EXPECT_FALSE(parse_duration_days("the first time in years"));
  EXPECT_FALSE(parse_duration_days("years"));
  EXPECT_FALSE(parse_duration_days("since i was sick"));
  const auto d = read_description("I have had a cough for years");
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].core, "cough");
  ASSERT_TRUE(d.findings[0].duration_days);
  EXPECT_DOUBLE_EQ(*d.findings[0].duration_days, 730);
  const auto since = read_description("I have had a cough since childhood");
  ASSERT_EQ(since.findings.size(), 1u);
  EXPECT_EQ(since.findings[0].core, "cough");
  const auto lips = read_description("my lips have been blue for years");
  ASSERT_EQ(lips.findings.size(), 1u);
  EXPECT_EQ(lips.findings[0].core, "lips blue");  // "have been": when, not what
  ASSERT_TRUE(lips.findings[0].duration_days);
  EXPECT_DOUBLE_EQ(*lips.findings[0].duration_days, 730);
}

// The whole of one unit of time ("all night", "all day") is a duration of
// that unit, taken out of the finding's core: "I've been throwing up all
// night" read no finding while "I have been throwing up" read Vomiting.
TEST(Description, TheWholeOfOneUnitOfTimeIsADuration) {
  EXPECT_DOUBLE_EQ(*parse_duration_days("all night"), 1);
  EXPECT_DOUBLE_EQ(*parse_duration_days("all week"), 7);
  EXPECT_FALSE(parse_duration_days("all of it"));
  const auto d = read_description("I've been throwing up all night");
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].core, "throwing up");
  ASSERT_TRUE(d.findings[0].duration_days);
  EXPECT_DOUBLE_EQ(*d.findings[0].duration_days, 1);
}

// How sure the writer is ("I think", "I guess") is story, taken off the
// front with the rest: "I think I am having a panic attack" read nothing.
TEST(Description, WhatTheWriterThinksIsNoPartOfTheFinding) {
  for (const std::string_view text :
       {"I think I am having a panic attack", "I believe I am having a panic attack",
        "i guess i have a panic attack"}) {
    const auto d = read_description(text);
    ASSERT_EQ(d.findings.size(), 1u) << text;
    EXPECT_EQ(d.findings[0].core, "panic attack") << text;
  }
  // Inside a finding the word stays: only the opening story is taken off.
  const auto d = read_description("I have trouble to think clearly");
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].core, "trouble to think clearly");
}

// An age field as forms and people fill it in, in years.
TEST(Description, AnAgeAsWrittenIsReadInYears) {
  auto years = [](std::string_view s) { return read_age(s).value_or(-1); };
  EXPECT_DOUBLE_EQ(years("61"), 61);
  EXPECT_DOUBLE_EQ(years(" 61.5 "), 61.5);
  EXPECT_DOUBLE_EQ(years("61 years"), 61);
  EXPECT_DOUBLE_EQ(years("61yo"), 61);
  EXPECT_DOUBLE_EQ(years("61 yrs old"), 61);
  EXPECT_DOUBLE_EQ(years("aged 45"), 45);
  EXPECT_DOUBLE_EQ(years("6 months"), 0.5);
  EXPECT_DOUBLE_EQ(years("18mo"), 1.5);
  EXPECT_NEAR(years("3 weeks old"), 3 * 7 / 365.25, 1e-9);
  EXPECT_DOUBLE_EQ(years("a 61 year old man"), 61);
  // Not an age: said so by the caller, never guessed.
  EXPECT_FALSE(read_age("about sixty"));
  EXPECT_FALSE(read_age("old"));
  EXPECT_FALSE(read_age("61 apples"));
  EXPECT_FALSE(read_age(""));
}

TEST(Description, TheCoreLeavesOutTheStoryWordsThatOpenAClauseAndItsDurations) {
  auto core = [](std::string_view text) {
    const auto d = read_description(text);
    EXPECT_EQ(d.findings.size(), 1u) << text;
    return d.findings.empty() ? std::string() : d.findings[0].core;
  };
  EXPECT_EQ(core("A week ago she had experienced dysuria."), "dysuria");
  EXPECT_EQ(core("She complains of fever for 3 days."), "fever");
  // A verb of beginning after the finding says when, not what.
  EXPECT_EQ(core("the rash started yesterday"), "rash");
  EXPECT_EQ(core("The pain began two days ago."), "pain");
  EXPECT_EQ(core("my knee started to swell"), "knee swell");
  EXPECT_EQ(core("He presented with a rash"), "rash");
  EXPECT_EQ(core("I feel sad"), "sad");
  EXPECT_EQ(core("I've got a splitting headache"), "splitting headache");
  EXPECT_EQ(core("she's got a rash"), "rash");
  EXPECT_EQ(core("I am always thirsty"), "always thirsty");
  EXPECT_EQ(core("she suffers from generalized fatigue"), "generalized fatigue");
  // Whose story it is, too.
  EXPECT_EQ(core("My child has a high fever"), "high fever");
  EXPECT_EQ(core("my husband gets headaches"), "headaches");
  // An age says who (read_demographics), neither a finding's words nor how long.
  EXPECT_EQ(core("My 2 year old has a fever"), "fever");
  const auto aged = read_description("I'm a 30-year-old woman with a cough");
  ASSERT_EQ(aged.findings.size(), 1u);
  EXPECT_EQ(aged.findings[0].text, "i'm with a cough");
  EXPECT_FALSE(aged.findings[0].duration_days);
  EXPECT_EQ(aged.age_years, 30);
  EXPECT_EQ(core("my toddler has a barking cough"), "barking cough");
  // To get a symptom is to have it.
  EXPECT_EQ(core("I get out of breath climbing stairs"), "out of breath climbing stairs");
  // Not where the word opens a lay phrasing the interpreter reads whole.
  EXPECT_EQ(core("I feel sick"), "feel sick");
  EXPECT_EQ(core("I have a temperature"), "a temperature");
  EXPECT_EQ(core("she felt dizzy"), "dizzy");
  EXPECT_EQ(core("she has had a cough for the last 3 days"), "cough");
  // ... a duration of one unit back, with no number, too.
  EXPECT_EQ(core("I have lost weight over the past month"), "lost weight");
  EXPECT_EQ(core("fever since last night"), "fever");
  // ... with the noun that names the stretch of time ("of 2 days duration").
  EXPECT_EQ(core("back pain of 2 days duration"), "back pain");
  EXPECT_EQ(core("he suffered from severe headache for a one week duration"), "severe headache");
  // A history of a finding, and how a person seems or looks, open the
  // story as "has" does.
  EXPECT_EQ(core("presents with a 1 year history of recurrent episodes of vertigo"),
            "recurrent episodes of vertigo");
  EXPECT_EQ(core("she seems more lethargic"), "more lethargic");
  EXPECT_EQ(core("he looks pale"), "pale");
  // The verbs by which someone tells or finds out what follows open it too.
  EXPECT_EQ(core("he mentions severe eye itching"), "severe eye itching");
  EXPECT_EQ(core("she noted that she has night sweats"), "night sweats");
  EXPECT_EQ(core("on further questioning it is revealed that he has eye itching"), "eye itching");
  EXPECT_EQ(core("on examination there is a rash"), "rash");
  EXPECT_EQ(core("a rash in the last week"), "rash");
  // ... and a day named from now: when it began, not part of its name.
  EXPECT_EQ(core("vomiting since yesterday"), "vomiting");
  EXPECT_EQ(core("I have had a headache since this morning"), "headache");
  EXPECT_EQ(core("diarrhea and vomiting since yesterday"), "diarrhea and vomiting");
  EXPECT_EQ(core("my ankle swelled up overnight"), "ankle swelled up");
  EXPECT_EQ(core("morning stiffness"), "morning stiffness");
  EXPECT_EQ(core("she has been complaining of muscle wasting since last spring"),
            "muscle wasting since last spring");
  // Inside the phrase the same words stay: they can be part of a name.
  EXPECT_EQ(core("Feeling full quickly when eating"), "feeling full quickly when eating");
  EXPECT_EQ(core("pain that started after meals"), "pain that started after meals");
  // "and" before a subject joins a clause of its own, whose story words go.
  const auto two = read_description("I keep needing to pee and I'm always thirsty");
  ASSERT_EQ(two.findings.size(), 2u);
  EXPECT_EQ(two.findings[0].core, "keep needing to pee");
  EXPECT_EQ(two.findings[1].core, "always thirsty");
  // A comma no phrase can end at is a slip, not a break.
  const auto slip = read_description("Shortness of, breath, Cough");
  ASSERT_EQ(slip.findings.size(), 2u);
  EXPECT_EQ(slip.findings[0].core, "shortness of breath");
  EXPECT_EQ(slip.findings[1].core, "cough");
  // Two findings of one subject stay one clause (the interpreter splits it).
  EXPECT_EQ(core("nausea and vomiting"), "nausea and vomiting");
  // The finding's text is still the clause as written.
  const auto written = read_description("A week ago she had dysuria");
  ASSERT_EQ(written.findings.size(), 1u);
  EXPECT_EQ(written.findings[0].text, "a week ago she had dysuria");
}

TEST(Description, EmptyAndFillerGiveNoFindings) {
  EXPECT_TRUE(read_description("").findings.empty());
  EXPECT_TRUE(read_description(" , and. or; I have ").findings.empty());
}

// Two made-up conditions, in the shape the importers give.
Article article(std::string slug, std::string name, std::string collection, std::string symptoms,
                std::string overview) {
  Article a;
  a.slug = std::move(slug);
  a.title = "What is " + name + "?";
  a.condition.name = std::move(name);
  a.collection = std::move(collection);
  a.license = "test";
  Section s;
  s.type = SectionType::symptoms;
  s.intro = std::move(symptoms);
  a.sections.push_back(s);
  Section o;
  o.type = SectionType::overview;
  o.intro = std::move(overview);
  a.sections.push_back(o);
  return a;
}

std::vector<Article> test_articles() {
  std::vector<Article> a;
  a.push_back(article("alpha", "Alpha fever", "MPlusHealthTopics",
                      "Alpha fever causes a runny nose, sneezing and a sore throat. Most people "
                      "have a mild cough.",
                      "Alpha fever is common. It usually goes away on its own in a week."));
  a.push_back(article("beta", "Beta syndrome", "GARD",
                      "Beta syndrome causes a runny nose, swollen glands, weight loss and night "
                      "sweats over months.",
                      "Beta syndrome is a rare disease affecting 1 in 200,000 people."));
  a.push_back(article("gamma", "Gamma attack", "NHLBI",
                      "Gamma attack causes crushing chest pain, sweating and shortness of breath "
                      "with pain spreading to the arm.",
                      "A gamma attack is a medical emergency. Call 911 right away."));
  return a;
}

Snapshot test_snapshot() {
  return Snapshot(test_articles());
}

ProfileQuery query(std::string_view text) {
  ProfileQuery q;
  for (const auto& f : read_description(text).findings)
    (f.negated ? q.absent : q.present).push_back({f.text, {}});
  return q;
}

TEST(ConditionProfiles, CommonBeatsRareForTheSameWordsAndEveryFitIsExplained) {
  const auto snap = test_snapshot();
  const auto model = ConditionModel::build(snap);
  ASSERT_EQ(model.size(), 3u);
  const auto ranked = model.rank(query("runny nose"));
  ASSERT_GE(ranked.size(), 2u);
  EXPECT_EQ(model.profile(ranked[0].profile).name, "Alpha fever");
  EXPECT_TRUE(model.profile(ranked[1].profile).rare);
  ASSERT_FALSE(ranked[0].evidence.empty());
  EXPECT_EQ(ranked[0].evidence[0].finding, "runny nose");
  EXPECT_NE(ranked[0].evidence[0].quote.find("runny nose"), std::string::npos);
  EXPECT_EQ(ranked[0].evidence[0].section, "symptoms");
}

// The displayed shares are a softmax of the scores at the share temperature:
// the same order, summing to one, and at the default temperature flatter
// than at 1 (a softmax of raw scores gave the first nearly everything).
TEST(ConditionProfiles, DisplayedSharesAreASoftmaxAtTheShareTemperature) {
  const auto snap = test_snapshot();
  ProfileParameters raw;
  raw.share_temperature = 1;
  const auto at_one = ConditionModel::build(snap, raw).rank(query("runny nose"));
  const auto model = ConditionModel::build(snap);
  ASSERT_GT(model.parameters().share_temperature, 1);
  const auto shown = model.rank(query("runny nose"));
  ASSERT_EQ(shown.size(), 2u);
  ASSERT_EQ(at_one.size(), 2u);
  const double t = model.parameters().share_temperature;
  EXPECT_NEAR(shown[0].probability + shown[1].probability, 1.0, 1e-9);
  EXPECT_NEAR(std::log(shown[0].probability / shown[1].probability),
              (shown[0].score - shown[1].score) / t, 1e-9);
  EXPECT_EQ(shown[0].profile, at_one[0].profile);
  EXPECT_GT(shown[0].score, shown[1].score);
  EXPECT_LT(shown[0].probability, at_one[0].probability);
  EXPECT_GT(shown[1].probability, at_one[1].probability);
}

TEST(ConditionProfiles, AFindingThePersonDoesNotHaveCountsAgainst) {
  const auto snap = test_snapshot();
  const auto model = ConditionModel::build(snap);
  const auto with = model.scores(query("runny nose and weight loss"));
  const auto without = model.scores(query("runny nose and weight loss. No sneezing."));
  const auto alpha = *model.profile_of_condition(0);  // A-Z: Alpha fever first
  EXPECT_LT(without[alpha], with[alpha]);
}

// How many general encyclopedias have an entry for a condition says how
// commonly people look it up: each beyond the first adds the sources prior,
// whatever the text says; specialist and rare-disease collections add none.
TEST(ConditionProfiles, EachGeneralEncyclopediaBeyondTheFirstAddsTheSourcesPrior) {
  const std::string symptoms = "It causes a runny nose, sneezing and a sore throat.";
  std::vector<Article> a;
  a.push_back(article("delta-mplus", "Delta cold", "MPlusHealthTopics", symptoms, "A cold."));
  a.push_back(article("delta-adam", "Delta cold", "ADAM", symptoms, "A cold."));
  a.push_back(article("delta-site", "Delta cold", "", symptoms, "A cold."));
  a.push_back(article("eps-mplus", "Epsilon flu", "MPlusHealthTopics", symptoms, "A flu."));
  a.push_back(article("eps-cdc", "Epsilon flu", "CDC", symptoms, "A flu."));
  a.push_back(article("eps-gard", "Epsilon flu", "GARD", symptoms, "A flu."));
  const Snapshot snap(std::move(a));
  ProfileParameters off;
  off.sources_prior = 0;
  const auto without = ConditionModel::build(snap, off);
  const auto model = ConditionModel::build(snap);
  ASSERT_GT(model.parameters().sources_prior, 0);
  ASSERT_EQ(model.size(), 2u);
  const auto q = query("runny nose");
  const auto before = without.scores(q), after = model.scores(q);
  for (std::size_t i = 0; i < model.size(); ++i) {
    const auto& p = model.profile(i);
    EXPECT_EQ(p.encyclopedias, p.name == "Delta cold" ? 3 : 1) << p.name;
    EXPECT_NEAR(after[i] - before[i], model.parameters().sources_prior * (p.encyclopedias - 1),
                1e-9)
        << p.name;
  }
}

TEST(Triage, RedFlagIsAnEmergency) {
  const auto snap = test_snapshot();
  const auto model = ConditionModel::build(snap);
  const auto d = read_description("runny nose");
  const auto t = triage(d, model, model.rank(query("runny nose")), {{"chest pain"}});
  EXPECT_EQ(t.level, TriageLevel::emergency);
  EXPECT_NE(t.reason.find("chest pain"), std::string::npos);
}

TEST(Triage, FollowsWhatTheLikelyConditionsArticlesSay) {
  const auto snap = test_snapshot();
  const auto model = ConditionModel::build(snap);
  const std::string cold = "runny nose, sneezing, sore throat";
  auto t = triage(read_description(cold), model, model.rank(query(cold)), {});
  EXPECT_EQ(t.level, TriageLevel::self_care);
  // The same, but for a month: no longer a matter for home care alone.
  const std::string long_cold = "runny nose, sneezing, sore throat for a month";
  t = triage(read_description(long_cold), model, model.rank(query(long_cold)), {});
  EXPECT_EQ(t.level, TriageLevel::routine);
  const std::string heart = "chest pain and sweating";
  t = triage(read_description(heart), model, model.rank(query(heart)), {});
  EXPECT_EQ(t.level, TriageLevel::emergency);
  EXPECT_EQ(t.condition, "Gamma attack");
  // Nothing matched: routine, never self care.
  t = triage(read_description("purple elephant"), model, model.rank(query("purple elephant")), {});
  EXPECT_EQ(t.level, TriageLevel::routine);
}

// A condition whose article says emergency, matched on one word of the
// description only, asks for a doctor today rather than emergency care; with
// more of its picture ("chest pain and sweating") it is an emergency.
TEST(Triage, AConditionMatchedOnOneWordAloneIsNotAnEmergency) {
  const auto snap = test_snapshot();
  const auto model = testing::without_about(ConditionModel::build(snap));
  const std::string text = "sweating";
  const auto ranked = model.rank(query(text));
  ASSERT_FALSE(ranked.empty());
  ASSERT_EQ(model.profile(ranked[0].profile).name, "Gamma attack");
  const auto t = triage(read_description(text), model, ranked, {});
  EXPECT_EQ(t.level, TriageLevel::urgent);
  EXPECT_EQ(t.condition, "Gamma attack");
  EXPECT_NE(t.reason.find("only one word"), std::string::npos) << t.reason;
  const std::string heart = "crushing chest pain and sweating";
  EXPECT_EQ(triage(read_description(heart), model, model.rank(query(heart)), {}).level,
            TriageLevel::emergency);
}

// The words of the story around a finding ("he started", "I feel like")
// are in many texts and say nothing of it: they do not make a condition
// that matched one word of the finding itself an emergency.
TEST(Triage, StoryWordsDoNotCountAsWordsOfTheFinding) {
  auto a = test_articles();
  a.push_back(
      article("zeta", "Zeta attack", "NHLBI",
              "Zeta attack causes shivering that started with effort, with cold hands, a dry "
              "mouth and a fast heartbeat.",
              "A zeta attack is a medical emergency. Call 911 right away."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  const std::string story = "he started shivering";
  const auto ranked = model.rank(query(story));
  ASSERT_FALSE(ranked.empty());
  ASSERT_EQ(model.profile(ranked[0].profile).name, "Zeta attack");
  const auto t = triage(read_description(story), model, ranked, {});
  EXPECT_EQ(t.level, TriageLevel::urgent) << t.reason;
  // Two words of the finding itself: an emergency.
  const std::string finding = "shivering with effort";
  EXPECT_EQ(triage(read_description(finding), model, model.rank(query(finding)), {}).level,
            TriageLevel::emergency);
}

// Urgency is what the text says of the condition as it presents; what it
// can lead to, an untreated course or a denial is not an emergency.
TEST(ConditionProfiles, UrgencyIsWhatTheTextSaysOfTheConditionItself) {
  std::vector<Article> a;
  a.push_back(article("delta", "Delta disease", "MPlusHealthTopics",
                      "Delta disease causes itching and a rash, with tiredness, headache, aching "
                      "muscles, poor sleep and a low mood over several days.",
                      "Untreated, delta disease can be life threatening."));
  a.push_back(article("epsilon", "Epsilon pain", "MPlusHealthTopics",
                      "Epsilon pain causes an ache in the neck, with tiredness, headache, aching "
                      "muscles, poor sleep and a low mood over several days.",
                      // A denial reaches over an adjective the cue is joined to.
                      "For most people, epsilon pain isn't a serious or life-threatening "
                      "condition."));
  a.push_back(article("zeta", "Zeta crisis", "MPlusHealthTopics",
                      "Zeta crisis causes fainting and a fast heartbeat, with tiredness, headache, "
                      "aching muscles, poor sleep and a low mood over several days.",
                      "Zeta crisis is a medical emergency."));
  a.push_back(article("eta", "Eta stroke", "MPlusHealthTopics",
                      "Eta stroke causes weakness of one side, with tiredness, headache, aching "
                      "muscles, poor sleep and a low mood over several days.",
                      "If you think someone is having an eta stroke, call 911. Severe forms can "
                      "be fatal and are considered medical emergencies."));
  a.push_back(article("theta", "Theta infection", "MPlusHealthTopics",
                      "Theta infection causes a cough, with tiredness, headache, aching muscles, "
                      "poor sleep and a low mood over several days.",
                      "Theta infection may spread to the blood, causing a life-threatening "
                      "condition. Others can develop serious and life-threatening infections."));
  // An emergency said of another condition the knowledge base holds, named
  // as the sentence's subject, is that condition's.
  a.push_back(article("iota", "Iota atrophy", "MPlusHealthTopics",
                      "Iota atrophy causes dizziness on standing, with tiredness, headache, "
                      "aching muscles, poor sleep and a low mood over several days.",
                      "It can lead to a zeta crisis. A zeta crisis is an emergency and must be "
                      "treated right away."));
  // "Most people recover on their own" says the course is self-limited.
  a.push_back(article("kappa", "Kappa fever", "MPlusHealthTopics",
                      "Kappa fever causes a runny nose, with tiredness, headache, aching "
                      "muscles, poor sleep and a low mood over several days.",
                      "Most people with kappa fever recover on their own without medical care."));
  // An emergency its complications section names is a complication's.
  a.push_back(article("lambda", "Lambda hernia", "MPlusHealthTopics",
                      "Lambda hernia causes a bulge, with tiredness, headache, aching muscles, "
                      "poor sleep and a low mood over several days.",
                      "Lambda hernia is a bulge of tissue."));
  {
    Section c;
    c.type = SectionType::complications;
    c.intro =
        "Strangulation. The blood supply may be cut off. This lack of blood supply is an "
        "emergency situation.";
    a.back().sections.push_back(c);
  }
  // ... and so is one after a word that says which or how much of it.
  a.push_back(article("mu", "Mu adhesions", "MPlusHealthTopics",
                      "Mu adhesions cause a pull, with tiredness, headache, aching muscles, "
                      "poor sleep and a low mood over several days.",
                      "A complete zeta crisis is life threatening."));
  // An emergency of the serious form is prompt care for the condition.
  a.push_back(article("nu", "Nu injury", "MPlusHealthTopics",
                      "Nu injury causes a bump, with tiredness, headache, aching muscles, "
                      "poor sleep and a low mood over several days.",
                      "Serious nu injuries need emergency treatment."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  ASSERT_EQ(model.size(), 10u);
  auto urgency = [&](std::string_view name) {
    for (std::size_t p = 0; p < model.size(); ++p)
      if (model.profile(p).name == name) return model.profile(p).urgency;
    ADD_FAILURE() << "no profile " << name;
    return Urgency::none;
  };
  EXPECT_EQ(urgency("Delta disease"), Urgency::urgent);     // an untreated course
  EXPECT_EQ(urgency("Epsilon pain"), Urgency::see_doctor);  // denied
  EXPECT_EQ(urgency("Zeta crisis"), Urgency::emergency);    // the condition itself
  EXPECT_EQ(urgency("Eta stroke"), Urgency::emergency);     // the person believes they have it
  EXPECT_EQ(urgency("Theta infection"), Urgency::urgent);   // a complication
  EXPECT_EQ(urgency("Iota atrophy"), Urgency::urgent);      // another condition's
  EXPECT_EQ(urgency("Kappa fever"), Urgency::self_limited);
  EXPECT_EQ(urgency("Lambda hernia"), Urgency::urgent);
  EXPECT_EQ(urgency("Mu adhesions"), Urgency::urgent);
  EXPECT_EQ(urgency("Nu injury"), Urgency::urgent);
}

// A condition can have two profiles under one name (the site's own short
// article and MedlinePlus's): how urgent it can be is what either says,
// whichever of them ranks first ("Urinary tract infection" and "Urinary
// Tract Infections", whose kidney infection "may spread to the
// bloodstream").
TEST(Triage, AConditionsProfilesUnderOneNameShareItsUrgency) {
  std::vector<Article> a;
  a.push_back(article("theta-site", "Theta infection", "site",
                      "Theta infection causes a cough and a fever, with tiredness, headache, "
                      "aching muscles, poor sleep and a low mood over several days.",
                      "Theta infection is an infection of the chest."));
  a.push_back(article("theta-mplus", "Theta Infections", "MPlusHealthTopics",
                      "Theta infections cause a cough, with tiredness, poor sleep and a low mood "
                      "over several days.",
                      "Theta infection may spread to the blood, causing a life-threatening "
                      "condition."));
  a.push_back(article("kappa", "Kappa fever", "MPlusHealthTopics",
                      "Kappa fever causes a runny nose, with tiredness, headache, aching "
                      "muscles, poor sleep and a low mood over several days.",
                      "Most people with kappa fever recover on their own without medical care."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  auto profile_named = [&](std::string_view name) {
    for (std::size_t p = 0; p < model.size(); ++p)
      if (model.profile(p).name == name) return p;
    return model.size();
  };
  const auto site = profile_named("Theta infection"), mplus = profile_named("Theta Infections");
  ASSERT_LT(site, model.size());
  ASSERT_LT(mplus, model.size());
  ASSERT_NE(model.profile(site).urgency, Urgency::urgent);
  ASSERT_NE(model.profile(site).urgency, Urgency::emergency);
  ASSERT_EQ(model.profile(mplus).urgency, Urgency::urgent);
  EXPECT_EQ(model.same_named(site), std::vector<std::uint32_t>{static_cast<std::uint32_t>(mplus)});
  // The site's profile ranks alone: the level is MedlinePlus's, quoted.
  std::vector<RankedProfile> ranked(1);
  ranked[0].profile = site, ranked[0].score = 10, ranked[0].probability = 1;
  ProfileEvidence said;
  said.finding = "cough and fever";
  said.words = {"cough", "fever"};
  said.contribution = 9;
  ranked[0].evidence = {said};
  const auto t = triage(read_description("I have a cough and a fever"), model, ranked, {});
  EXPECT_EQ(t.level, TriageLevel::urgent) << t.reason;
  EXPECT_EQ(t.condition, "Theta infection");
  EXPECT_NE(t.reason.find("may spread to the blood"), std::string::npos) << t.reason;
  EXPECT_TRUE(model.same_named(profile_named("Kappa fever")).empty());
}

TEST(Triage, SevereOrSuddenIsAtLeastUrgent) {
  const auto snap = test_snapshot();
  const auto model = ConditionModel::build(snap);
  const std::string text = "sudden runny nose and sneezing";
  const auto t = triage(read_description(text), model, model.rank(query(text)), {});
  EXPECT_GE(t.level, TriageLevel::urgent);
}

TEST(Triage, AnEmergencyCloseBehindTheFirstRaisesTheLevel) {
  const auto snap = test_snapshot();
  const auto model = ConditionModel::build(snap);
  // A-Z: Alpha fever (goes away on its own), Beta syndrome, Gamma attack (emergency).
  const auto alpha = *model.profile_of_condition(0), gamma = *model.profile_of_condition(2);
  auto ranked_with = [&](double gamma_score) {
    std::vector<RankedProfile> r(2);
    r[0].profile = alpha, r[0].score = 10, r[0].probability = 0.95;
    r[1].profile = gamma, r[1].score = gamma_score, r[1].probability = 0.05;
    return r;
  };
  const auto d = read_description("runny nose");
  // Second, with a small display share but a score close to the first's.
  auto t = triage(d, model, ranked_with(9.5), {});
  EXPECT_EQ(t.level, TriageLevel::emergency);
  EXPECT_EQ(t.condition, "Gamma attack");
  // Far behind: not reasonably likely.
  EXPECT_EQ(triage(d, model, ranked_with(5), {}).level, TriageLevel::self_care);
  // The rule off: the display share alone decides.
  EXPECT_EQ(triage(d, model, ranked_with(9.5), {}, LikelyRule{kLikelyShare, 0, 1}).level,
            TriageLevel::self_care);
}

// A likely condition that can be an emergency, but none of whose main
// symptoms the person has (the ranking weighed them: "placed below conditions
// whose main symptoms you have more of"), shares only what many conditions
// list ("runny nose" of a serious allergic reaction): it raises nothing, and
// is one a doctor should assess. With one of its main symptoms it still asks
// for a doctor today; with two it is an emergency.
TEST(Triage, AConditionNoneOfWhoseMainSymptomsYouHaveRaisesNothing) {
  const auto snap = test_snapshot();
  const auto model = ConditionModel::build(snap);
  const auto alpha = *model.profile_of_condition(0), gamma = *model.profile_of_condition(2);
  ASSERT_EQ(model.profile(gamma).name, "Gamma attack");
  ASSERT_EQ(model.profile(gamma).urgency, Urgency::emergency);
  auto ranked_with = [&](std::vector<std::string> main_words) {
    std::vector<RankedProfile> r(2);
    r[0].profile = alpha, r[0].score = 10, r[0].probability = 0.6;
    r[1].profile = gamma, r[1].score = 9.5, r[1].probability = 0.4;
    ProfileEvidence said;
    said.finding = "i have a runny nose";
    said.words = {"runny", "nose"};
    said.contribution = 9;
    ProfileEvidence main;
    main.finding = main_words.empty()
                       ? "placed below conditions whose main symptoms you have more of"
                       : "its main symptoms that you have";
    main.overall = true;
    main.main_symptoms = true;
    main.words = std::move(main_words);
    main.contribution = main.words.empty() ? -1 : 1;
    r[1].evidence = {said, main};
    return r;
  };
  const auto d = read_description("I have a runny nose");
  auto t = triage(d, model, ranked_with({}), {});
  EXPECT_EQ(t.level, TriageLevel::routine) << t.reason;
  EXPECT_EQ(t.reason.find("emergency"), std::string::npos) << t.reason;
  EXPECT_EQ(triage(d, model, ranked_with({"nose"}), {}).level, TriageLevel::urgent);
  EXPECT_EQ(triage(d, model, ranked_with({"runny", "nose"}), {}).level, TriageLevel::emergency);
}

// The same when the fit weighed the condition's main symptoms, it has none
// of them, but nothing outranked it for that ("none of its main symptoms is
// among what you describe", no change to its score): with one finding it
// shares that one alone, and raises nothing. With several findings it kept
// its place by what else it shares, and its level stands.
TEST(Triage, AConditionThatKeptItsPlaceWithNoneOfItsMainSymptomsRaisesNothingForOneFinding) {
  const auto snap = test_snapshot();
  const auto model = ConditionModel::build(snap);
  const auto gamma = *model.profile_of_condition(2);
  ASSERT_EQ(model.profile(gamma).urgency, Urgency::emergency);
  auto ranked = [&](std::vector<std::string> words) {
    std::vector<RankedProfile> r(1);
    r[0].profile = gamma, r[0].score = 10, r[0].probability = 1;
    ProfileEvidence said;
    said.finding = "stuffy nose";
    said.words = std::move(words);
    said.contribution = 9;
    ProfileEvidence none;
    none.finding = "none of its main symptoms is among what you describe";
    none.overall = true;
    none.main_symptoms = true;
    r[0].evidence = {said, none};
    return r;
  };
  auto t = triage(read_description("I have a stuffy nose"), model, ranked({"stuffy", "nose"}), {});
  EXPECT_EQ(t.level, TriageLevel::routine) << t.reason;
  EXPECT_EQ(t.reason.find("emergency"), std::string::npos) << t.reason;
  // However many words of that one finding it shares: the fit reads the
  // main symptoms by stems, and a part's noun and adjective are one stem now
  // ("abdomen", "abdominal"), so no limit on the words shared is kept.
  t = triage(read_description("I have a stuffy nose"), model, ranked({"stuffy", "nose", "blocked"}),
             {});
  EXPECT_EQ(t.level, TriageLevel::routine) << t.reason;
  // Two findings: the words it shares count as before.
  const auto two = read_description("I have a stuffy nose. I have a headache.");
  ASSERT_EQ(two.findings.size(), 2u);
  t = triage(two, model, ranked({"stuffy", "nose"}), {});
  EXPECT_EQ(t.level, TriageLevel::emergency) << t.reason;
}

}  // namespace
}  // namespace symptomdb::checker
