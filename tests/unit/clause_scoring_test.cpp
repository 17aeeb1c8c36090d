// Scoring what the interpreter read in a person's description
// (checker/clause_reading, ProfileParameters::named_prior, story_weight,
// read_coverage): small made-up knowledge bases and the test ontology, each
// built so that one rule decides. Test data, not medical statements.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "checker/clause_reading.hpp"
#include "checker/conditions.hpp"
#include "checker/description.hpp"
#include "checker_fixture.hpp"
#include "profile_fixture.hpp"

namespace symptomdb::checker {
namespace {

Article article(std::string slug, std::string name, std::string symptoms) {
  return testing::condition_entry(std::move(slug), std::move(name),
                                  testing::with_filler(std::move(symptoms)), "MPlusHealthTopics");
}

// The finding is read as nothing (its text among what was not understood).
void expect_unread(const Interpreter& interpreter, const Finding& f) {
  const auto r = interpret_finding(interpreter, f);
  EXPECT_TRUE(r.terms.empty()) << f.text;
  EXPECT_EQ(r.unmatched.size(), 1u) << f.text;
}

// The finding is read as the one term of this label.
void expect_read_as(const Interpreter& interpreter, const Finding& f, std::string_view label) {
  const auto r = interpret_finding(interpreter, f);
  ASSERT_EQ(r.terms.size(), 1u) << f.text;
  EXPECT_EQ(r.terms[0].label, label) << f.text;
}

ProfileQuery present(std::vector<ProfileFinding> findings) {
  ProfileQuery q;
  q.present = std::move(findings);
  q.limit = 10;
  return q;
}

std::size_t profile_named(const ConditionModel& m, std::string_view name) {
  for (std::size_t i = 0; i < m.size(); ++i)
    if (m.profile(i).name == name) return i;
  ADD_FAILURE() << "no profile " << name;
  return 0;
}

TEST(ClauseReading, ReadsTheFindingsNamedInsideAStoryClause) {
  const Interpreter interpreter(testing::checker_ontology());
  // Read whole, the clause is no name; its windows are.
  const auto r =
      read_clause(interpreter, "she has been complaining of muscle wasting since last spring");
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(interpreter.ontology().term(r.terms[0].term).id, "HP:0003202");
  EXPECT_EQ(r.words, (std::vector<std::string>{"muscle", "wasting"}));
  // Two findings in one clause, in the order written.
  const auto two = read_clause(interpreter, "tingling in the feet after the seizures began");
  ASSERT_EQ(two.terms.size(), 2u);
  EXPECT_EQ(interpreter.ontology().term(two.terms[0].term).id, "HP:0003401");
  EXPECT_EQ(interpreter.ontology().term(two.terms[1].term).id, "HP:0001250");
  // A phrase that is a name as a whole keeps all its words.
  const auto whole = read_clause(interpreter, "Muscle cramps");
  ASSERT_EQ(whole.terms.size(), 1u);
  EXPECT_EQ(whole.words, (std::vector<std::string>{"muscle", "cramps"}));
  // A clause of story alone reads nothing.
  const auto story = read_clause(interpreter, "she went to the church nursery two weeks ago");
  EXPECT_TRUE(story.terms.empty());
  EXPECT_TRUE(story.words.empty());
}

TEST(ClauseReading, WordsReadAreTheNamesOfTheTermsAPhraseWasReadAs) {
  const Interpreter interpreter(testing::checker_ontology());
  const auto has = [](const std::vector<std::string>& v, std::string_view w) {
    return std::find(v.begin(), v.end(), w) != v.end();
  };
  // A phrase read as a term: the words of the term's label and exact or
  // layperson synonyms are read, whichever name the person used.
  const auto wasting = interpreter.interpret("muscle wasting");
  ASSERT_EQ(wasting.terms.size(), 1u);
  const auto w = words_read(interpreter, wasting);
  for (const auto* word : {"muscle", "wasting", "skeletal", "atrophy", "muscular"})
    EXPECT_TRUE(has(w, word)) << word;
  // A related synonym names something else ("Twitching" for fibrillation).
  const auto twitch = words_read(interpreter, interpreter.interpret("fasciculations"));
  EXPECT_TRUE(has(twitch, "fasciculations"));
  EXPECT_TRUE(has(twitch, "twitch"));
  EXPECT_FALSE(has(twitch, "twitching"));
  // A phrase read as nothing keeps every content word; stop words are left out.
  const auto story = interpreter.interpret("she went to the church nursery");
  ASSERT_TRUE(story.terms.empty());
  EXPECT_EQ(words_read(interpreter, story),
            (std::vector<std::string>{"she", "went", "church", "nursery"}));
  // Each word once.
  const auto both = words_read(interpreter, interpreter.interpret("seizures, seizure"));
  EXPECT_EQ(std::count(both.begin(), both.end(), "seizure"), 1);
}

TEST(ClauseReading, AFindingIsReadWithoutTheStoryWordsThatOpenIt) {
  const Interpreter interpreter(testing::checker_ontology());
  const auto d = read_description("A week ago she had experienced muscle wasting.");
  ASSERT_EQ(d.findings.size(), 1u);
  // As written, the story outweighs the name; without it the name is read.
  EXPECT_TRUE(interpreter.interpret(d.findings[0].text).terms.empty());
  const auto r = interpret_finding(interpreter, d.findings[0]);
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(interpreter.ontology().term(r.terms[0].term).id, "HP:0003202");
  // A clause whose core reads as nothing is read as written, so every word
  // of it stays for the word-level matching (words_read).
  const auto story = read_description("She went to the church nursery.");
  ASSERT_EQ(story.findings.size(), 1u);
  const auto s = interpret_finding(interpreter, story.findings[0]);
  EXPECT_TRUE(s.terms.empty());
  EXPECT_EQ(words_read(interpreter, s),
            (std::vector<std::string>{"she", "went", "church", "nursery"}));
}

TEST(ClauseReading, AStoryWordThatOpensALayPhrasingIsKept) {
  auto records = testing::checker_ontology_records();
  for (const auto& [id, label, synonym] : {std::tuple{"HP:0001945", "Fever", ""},
                                           std::tuple{"HP:0033050", "Pharyngalgia", "Sore throat"},
                                           std::tuple{"HP:0002018", "Nausea", ""}}) {
    ontology::TermRecord t;
    t.id = id;
    t.label = label;
    t.parents = {"HP:0000118"};
    if (*synonym) t.synonyms = {{synonym, ontology::SynonymScope::exact, true}};
    records.terms.push_back(t);
  }
  const Interpreter interpreter(
      std::make_shared<const ontology::Ontology>(ontology::Ontology::build(records)));
  // "a temperature" is British English for a fever, "temperature" alone is
  // not; "feel sick" is nausea, "sick" alone is not.
  const auto d = read_description("I have a temperature and a sore throat. I feel sick.");
  ASSERT_EQ(d.findings.size(), 2u);
  const auto r = interpret_finding(interpreter, d.findings[0]);
  ASSERT_EQ(r.terms.size(), 2u);
  EXPECT_EQ(r.terms[0].label, "Fever");
  EXPECT_EQ(r.terms[1].label, "Pharyngalgia");
  expect_read_as(interpreter, d.findings[1], "Nausea");
}

TEST(ClauseReading, AClauseOfStoryWordsOnlyIsReadAsNoTerm) {
  // A name that shares its stem with a word that joins clauses.
  auto records = testing::checker_ontology_records();
  ontology::TermRecord extra;
  extra.id = "HP:0000100";
  extra.label = "Additional digit";
  extra.parents = {"HP:0000118"};
  records.terms.push_back(extra);
  const Interpreter interpreter(
      std::make_shared<const ontology::Ontology>(ontology::Ontology::build(records)));
  ASSERT_FALSE(interpreter.interpret("in addition").terms.empty());  // as written
  const auto d = read_description("Fever. In addition, seizures.");
  ASSERT_EQ(d.findings.size(), 3u);
  EXPECT_EQ(d.findings[1].text, "in addition");
  EXPECT_TRUE(d.findings[1].core.empty());
  const auto r = interpret_finding(interpreter, d.findings[1]);
  EXPECT_TRUE(r.terms.empty());
  EXPECT_EQ(words_read(interpreter, r), (std::vector<std::string>{"addition"}));
  // The clause after it is read as before.
  EXPECT_EQ(interpret_finding(interpreter, d.findings[2]).terms.size(), 1u);
}

TEST(ClauseReading, AReadingThatGuessesAtWhatWasNotSaidIsLeftOut) {
  const Interpreter interpreter(testing::checker_ontology());
  // "onset" and "seizure" are in two names that each add a word the
  // clause does not say (focal, generalized): a guess, shared words 2 of 5.
  const auto d = read_description("Seizure onset at night in bed. Bad seizures.");
  ASSERT_EQ(d.findings.size(), 2u);
  const auto as_written = interpreter.interpret(d.findings[0].text);
  ASSERT_EQ(as_written.terms.size(), 1u);
  ASSERT_LT(as_written.terms[0].confidence, 0.5);
  const auto r = interpret_finding(interpreter, d.findings[0]);
  EXPECT_TRUE(r.terms.empty());
  EXPECT_EQ(r.unmatched.size(), 1u);
  // A name all of whose words the clause says is read, whatever else the
  // clause tells.
  const auto bad = interpret_finding(interpreter, d.findings[1]);
  ASSERT_EQ(bad.terms.size(), 1u);
  EXPECT_EQ(interpreter.ontology().term(bad.terms[0].term).id, "HP:0001250");
  // "sudden onset of" says when, not which: no guess at either kind.
  const auto sudden = read_description("Sudden onset of seizures at night.");
  ASSERT_EQ(sudden.findings.size(), 1u);
  const auto when = interpret_finding(interpreter, sudden.findings[0]);
  ASSERT_EQ(when.terms.size(), 1u);
  EXPECT_EQ(interpreter.ontology().term(when.terms[0].term).id, "HP:0001250");
}

TEST(ClauseReading, AWordOfHowAloneIsNotReadAsTheLongerNameItOpens) {
  // HPO's own clinical modifiers say which words qualify a finding.
  auto with_modifiers = testing::checker_ontology_records();
  auto term = [](std::string id, std::string label, std::vector<std::string> parents) {
    ontology::TermRecord t;
    t.id = std::move(id);
    t.label = std::move(label);
    t.parents = std::move(parents);
    return t;
  };
  with_modifiers.terms.push_back(term("HP:0032169", "Chronic infection", {"HP:0000118"}));
  auto without = with_modifiers;
  with_modifiers.terms.push_back(term("HP:0012823", "Clinical modifier", {"HP:0000001"}));
  with_modifiers.terms.push_back(term("HP:0031797", "Clinical course", {"HP:0012823"}));
  with_modifiers.terms.push_back(term("HP:0011010", "Chronic", {"HP:0031797"}));
  const Interpreter interpreter(
      std::make_shared<const ontology::Ontology>(ontology::Ontology::build(with_modifiers)));
  const Interpreter plain(
      std::make_shared<const ontology::Ontology>(ontology::Ontology::build(without)));

  const auto d = read_description("It was chronic. A chronic infection. An infection.");
  ASSERT_EQ(d.findings.size(), 3u);
  // "chronic" shares half of "Chronic infection": read as it without the
  // modifiers, and left unread with them.
  expect_read_as(plain, d.findings[0], "Chronic infection");
  expect_unread(interpreter, d.findings[0]);
  // Said in full, or through the word that says what, it is read.
  for (const std::size_t i : {1u, 2u})
    expect_read_as(interpreter, d.findings[i], "Chronic infection");
  // A word the description reader reads as how bad (Finding::severity) is
  // no name's word at all, with or without the modifiers.
  const auto severe = read_description("It was severe.");
  ASSERT_EQ(severe.findings.size(), 1u);
  expect_unread(plain, severe.findings[0]);
}

TEST(ClauseReading, APhraseThatMissesTheTellingWordOfANameIsNotReadAsIt) {
  // Made-up names. "Clang associations" shares "associated" with a phrase, a
  // word many names use; its telling word, "clang", is not said. "Perianal
  // rash" misses its telling word; "Skin rash" is also called "Rash".
  auto records = testing::checker_ontology_records();
  auto term = [](std::string id, std::string label) {
    ontology::TermRecord t;
    t.id = std::move(id);
    t.label = std::move(label);
    t.parents = {"HP:0000118"};
    return t;
  };
  records.terms.push_back(term("HP:0900001", "Clang associations"));
  records.terms.push_back(term("HP:0900002", "Knee pain associated with running uphill"));
  records.terms.push_back(term("HP:0900003", "Tremor associated with cold weather exposure"));
  records.terms.push_back(term("HP:0900004", "Headache associated with bright light glare"));
  records.terms.push_back(term("HP:0900005", "Rash associated with woollen cloth contact"));
  records.terms.push_back(term("HP:0900006", "Perianal rash"));
  auto skin_rash = term("HP:0900007", "Skin rash");
  // As HPO has it: a broad layperson synonym.
  skin_rash.synonyms.push_back({"Rash", ontology::SynonymScope::broad, true});
  records.terms.push_back(std::move(skin_rash));
  int next = 10;
  for (const std::string w : {"ulcer", "nodule", "plaque", "cyst", "tag", "fold"})
    records.terms.push_back(term("HP:09000" + std::to_string(next++), "Skin " + w));
  const auto onto = std::make_shared<const ontology::Ontology>(ontology::Ontology::build(records));
  // Perianal rash is the more annotated of the two: it wins a tie.
  std::vector<double> weights(onto->size(), 0.0);
  weights[*onto->find("HP:0900006")] = 5;
  weights[*onto->find("HP:0900001")] = 5;
  const Interpreter interpreter(onto, weights);

  const auto d = read_description("It is associated. Clang associations. Clang. A rash.");
  ASSERT_EQ(d.findings.size(), 4u);
  expect_unread(interpreter, d.findings[0]);
  // Said in full, or through its telling word, it is read.
  for (const std::size_t i : {1u, 2u})
    expect_read_as(interpreter, d.findings[i], "Clang associations");
  // A name the phrase says in full is read instead.
  expect_read_as(interpreter, d.findings[3], "Skin rash");
  Interpretation perianal{"rash", *onto->find("HP:0900006"), "Perianal rash", "Perianal rash", 0.5};
  EXPECT_TRUE(interpreter.says_too_little(perianal));
  Interpretation skin{"rash", *onto->find("HP:0900007"), "Skin rash", "Skin rash", 0.5};
  EXPECT_FALSE(interpreter.says_too_little(skin));
}

TEST(ClauseScoring, AClauseReadAsATermScoresThroughThatTerm) {
  // Aaa's text names the term; Bbb's shares only the story around it.
  std::vector<Article> a;
  a.push_back(article("aaa", "Aaa disease", "Aaa disease causes skeletal muscle atrophy."));
  a.push_back(article("bbb", "Bbb disease", "Bbb disease usually comes in winter."));
  for (int i = 0; i < 6; ++i)
    a.push_back(article("x" + std::to_string(i), "Other disease " + std::to_string(i),
                        "It causes a rash and itching."));
  const Snapshot snap(std::move(a));
  ProfileParameters story;
  story.story_weight = 0.25;
  story.about_weight = 0;  // testing::without_about
  auto model = ConditionModel::build(snap, story);
  const Interpreter interpreter(testing::checker_ontology());
  const std::string clause = "skeletal muscle atrophy in winter";
  const auto reading = interpreter.interpret(clause);
  ASSERT_EQ(reading.terms.size(), 1u);
  ASSERT_EQ(interpreter.ontology().term(reading.terms[0].term).id, "HP:0003202");
  ProfileFinding f{clause, {reading.terms[0].label}};
  f.read = words_read(interpreter, reading);
  EXPECT_EQ(std::count(f.read.begin(), f.read.end(), "winter"), 0);
  const auto q = present({f});
  const auto aaa = profile_named(model, "Aaa disease"), bbb = profile_named(model, "Bbb disease");
  const auto by_default = model.scores(q);
  auto p = model.parameters();
  p.story_weight = 1;
  model.set_query_parameters(p);
  const auto flat = model.scores(q);
  // The term's words count in full; "winter", said around it, a quarter.
  EXPECT_DOUBLE_EQ(by_default[aaa], flat[aaa]);
  EXPECT_LT(by_default[bbb], flat[bbb]);
  EXPECT_GT(by_default[bbb], 0);
  // Read with too little confidence, the phrase keeps every word.
  const auto unsure = interpreter.interpret("son states skeletal muscle atrophy");
  ASSERT_EQ(unsure.terms.size(), 1u);
  ASSERT_LT(unsure.terms[0].confidence, 0.75);
  const auto kept = words_read(interpreter, unsure);
  EXPECT_EQ(std::count(kept.begin(), kept.end(), "son"), 1);
  EXPECT_EQ(std::count(kept.begin(), kept.end(), "states"), 1);
}

TEST(ClauseScoring, AConditionNamedByTheFindingItselfGivesWayToOneThatExplainsIt) {
  std::vector<Article> a;
  a.push_back(article("back-pain", "Back Pain",
                      "Back pain is pain felt in the back. Back pain may come with stiffness of "
                      "the back."));
  a.push_back(article("aaa", "Aaa disease", "Aaa disease causes fever, back pain and tiredness."));
  a.push_back(article("ccc", "Ccc disease", "Ccc disease causes a rash and itching."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  ASSERT_LT(model.parameters().named_prior, 0);
  const auto q = present({{"back pain", {}}});
  EXPECT_EQ(testing::rank_of(model, q, "Aaa disease"), 1u);
  EXPECT_EQ(testing::rank_of(model, q, "Back Pain"), 2u);  // still shown: it matches
  // Named through the HPO term the finding was read as, too.
  const auto read = present({{"sore back", {"Back pain"}}});
  EXPECT_EQ(testing::rank_of(model, read, "Aaa disease"), 1u);
  // Without the rule the topic, which says "back pain" most, comes first.
  auto off = model.parameters();
  off.named_prior = 0;
  model.set_query_parameters(off);
  EXPECT_EQ(testing::rank_of(model, q, "Back Pain"), 1u);
}

TEST(ClauseScoring, ATopicNamedByTheFindingStillRanksWhenNothingElseExplainsIt) {
  std::vector<Article> a;
  a.push_back(article("back-pain", "Back Pain", "Back pain is pain felt in the back."));
  a.push_back(article("ccc", "Ccc disease", "Ccc disease causes a rash and itching."));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  EXPECT_EQ(testing::rank_of(model, present({{"back pain", {}}}), "Back Pain"), 1u);
}

TEST(ClauseScoring, StoryWordsAroundWhatWasReadWeighLess) {
  std::vector<Article> a;
  a.push_back(article("aaa", "Aaa disease", "Aaa disease causes a cough."));
  a.push_back(article("bbb", "Bbb disease",
                      "Bbb disease usually comes in winter and rarely lasts; a cough is common."));
  const Snapshot snap(std::move(a));
  auto model = testing::without_about(ConditionModel::build(snap));
  EXPECT_DOUBLE_EQ(model.parameters().story_weight, 1);  // off by default (conditions.hpp)
  ProfileFinding clause{"it usually comes in winter with a cough", {}};
  clause.read = {"cough"};
  const auto q = present({clause});
  const auto aaa = profile_named(model, "Aaa disease"), bbb = profile_named(model, "Bbb disease");
  auto p = model.parameters();
  p.story_weight = 1;
  model.set_query_parameters(p);
  const auto before = model.scores(q);
  p.story_weight = 0.25;
  model.set_query_parameters(p);
  const auto after = model.scores(q);
  // The read word counts as before; the story words ("usually comes in
  // winter") less.
  EXPECT_DOUBLE_EQ(after[aaa], before[aaa]);
  EXPECT_LT(after[bbb], before[bbb]);
  EXPECT_GT(after[bbb], 0);
  // With nothing read anywhere in the query the rule has nothing to go by.
  const auto unread = present({{"it usually comes in winter with a cough", {}}});
  p.story_weight = 1;
  model.set_query_parameters(p);
  const auto flat = model.scores(unread);
  p.story_weight = 0.25;
  model.set_query_parameters(p);
  EXPECT_DOUBLE_EQ(model.scores(unread)[bbb], flat[bbb]);
}

TEST(ClauseScoring, ReadCoverageFavoursTheConditionExplainingMoreOfWhatWasRead) {
  std::vector<Article> a;
  a.push_back(article("aaa", "Aaa disease", "Aaa disease causes a cough and a fever."));
  a.push_back(article("bbb", "Bbb disease", "Bbb disease causes a cough."));
  // Others, so that "cough" and "fever" are specific words (idf above 1).
  for (int i = 0; i < 10; ++i)
    a.push_back(article("x" + std::to_string(i), "Other disease " + std::to_string(i),
                        "It causes a rash and itching."));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  const auto q = present({{"cough", {"Cough"}}, {"fever", {"Fever"}}});
  const auto aaa = profile_named(model, "Aaa disease"), bbb = profile_named(model, "Bbb disease");
  const auto before = model.scores(q);
  auto p = model.parameters();
  p.read_coverage = 4;
  model.set_query_parameters(p);
  const auto after = model.scores(q);
  EXPECT_NEAR(after[aaa] - before[aaa], 4.0, 1e-9);  // both read findings
  EXPECT_NEAR(after[bbb] - before[bbb], 2.0, 1e-9);  // one of two
}

}  // namespace
}  // namespace symptomdb::checker
