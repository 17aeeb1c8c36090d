// Questions as people send them to a health library: long messages with a
// story around the question, several questions in one, a condition named
// only in the context, real English words that are not misspellings, and
// the ranked list that goes on when the focus does not hold what is asked.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>

#include "core/spelling.hpp"
#include "ingest/collect.hpp"
#include "qa/engine.hpp"
#include "qa/message.hpp"
#include "search/index.hpp"
#include "support/temp_dir.hpp"
#include "text/analyzer.hpp"

namespace symptomdb {
namespace {

using T = SectionType;

class Messages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto articles = ingest::parse_files(
        ingest::collect_files({(test::source_dir() / "tests/fixtures/qa").string()}, ".md"),
        ingest::Format::markdown);
    engine_ = new qa::Engine(std::make_shared<const Snapshot>(std::move(articles)));
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  static std::string focus_name(const qa::Result& r) {
    return r.focus.empty() ? "(none)" : engine_->snapshot().conditions()[r.focus[0].condition].name;
  }
  static bool has_type(const qa::Result& r, T t) {
    return std::any_of(r.answers.begin(), r.answers.end(),
                       [&](const qa::Answer& a) { return a.type == t && a.asked; });
  }
  static inline qa::Engine* engine_ = nullptr;
};

TEST(ReadMessage, GivesEachSentenceARole) {
  text::Analyzer an;
  const std::string q =
      "Hello. Gout in the family. My father was in hospital last May in Texas.I am 40 now. "
      "Could you tell me what causes it? Thank you so much! [NAME]";
  const auto terms = an.terms(q);
  const auto s = qa::read_message(q, terms);
  ASSERT_EQ(s.size(), 7u);
  EXPECT_EQ(s[0].role, qa::SentenceRole::formality);  // a greeting
  EXPECT_EQ(s[1].role, qa::SentenceRole::context);    // first line after the greeting tells
  EXPECT_EQ(s[2].role, qa::SentenceRole::context);    // a date and a place are the story
  EXPECT_EQ(s[3].role, qa::SentenceRole::context);    // split at "Texas.I"
  EXPECT_EQ(s[4].role, qa::SentenceRole::ask);
  EXPECT_EQ(s[5].role, qa::SentenceRole::formality);
  EXPECT_EQ(s[6].role, qa::SentenceRole::formality);
  // A short first line that does not ask is the subject.
  const std::string q2 = "Kidney stones. My husband keeps getting them. How can he prevent them?";
  const auto s2 = qa::read_message(q2, an.terms(q2));
  ASSERT_EQ(s2.size(), 3u);
  EXPECT_EQ(s2[0].role, qa::SentenceRole::subject);
  EXPECT_EQ(s2[2].role, qa::SentenceRole::ask);
}

// A subject line given apart from the message (a form's "Subject" field) is
// one sentence and the title for certain, however it is punctuated; a first
// sentence of the message that reads as a title is then the message's own.
TEST(ReadMessage, ASubjectGivenApartIsTheTitleAndNoFirstSentenceIsGuessedToBe) {
  text::Analyzer an;
  const std::string subject = "Kidney stones. Diet";
  const std::string q = subject + ". Crohn's disease. My brother has it. What should he eat?";
  const auto s = qa::read_message(q, an.terms(q), subject.size());
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].role, qa::SentenceRole::subject);
  EXPECT_EQ(s[0].end, subject.size());
  EXPECT_EQ(s[1].role, qa::SentenceRole::context);  // not guessed to be a title
  EXPECT_EQ(s[3].role, qa::SentenceRole::ask);
  // Sent in one piece, the first sentence is the title.
  const std::string one = "Crohn's disease. My brother has it. What should he eat?";
  EXPECT_EQ(qa::read_message(one, an.terms(one)).front().role, qa::SentenceRole::subject);
  // A subject that asks in so many words is a question, as in one piece;
  // one that names only the web form is no title, and the line after it is.
  const std::string asks = "I want to ask a question about gout";
  const std::string q2 = asks + ". Kidney stones. My father had them.";
  const auto s2 = qa::read_message(q2, an.terms(q2), asks.size());
  ASSERT_EQ(s2.size(), 3u);
  EXPECT_EQ(s2[0].role, qa::SentenceRole::ask);
  EXPECT_EQ(s2[1].role, qa::SentenceRole::context);
  const std::string form = "ClinicalTrials.gov - Suggestion";
  const std::string q3 = form + ". Kidney stones. Could they come back?";
  const auto s3 = qa::read_message(q3, an.terms(q3), form.size());
  ASSERT_EQ(s3.size(), 3u);
  EXPECT_EQ(s3[0].role, qa::SentenceRole::formality);
  EXPECT_EQ(s3[1].role, qa::SentenceRole::subject);
  EXPECT_EQ(s3[2].role, qa::SentenceRole::ask);
}

// A message typed in one breath runs the question on from the story after a
// comma; a capitalised question word there starts the question. A comma
// before an ordinary word, or before a lower-case one, does not.
TEST(ReadMessage, ACapitalisedQuestionWordAfterACommaStartsTheQuestion) {
  text::Analyzer an;
  const std::string q = "My daughter has acne and it leaves scars, Is there anything we can do?";
  const auto s = qa::read_message(q, an.terms(q));
  ASSERT_EQ(s.size(), 2u);
  EXPECT_NE(s[0].role, qa::SentenceRole::ask);  // the story (here read as its subject line)
  EXPECT_EQ(s[1].role, qa::SentenceRole::ask);
  for (const std::string one : {"My daughter has acne, is there anything we can do?",
                                "My daughter has acne, Texas is hot, what can we do?"}) {
    SCOPED_TRACE(one);
    EXPECT_EQ(qa::read_message(one, an.terms(one)).size(), 1u);
  }
}

// "I wonder" asks whatever follows it ("I wonder of new research on it"),
// not only "I wonder if", "I wonder what".
TEST(ReadMessage, IWonderAsks) {
  text::Analyzer an;
  const std::string q =
      "Retina. I wonder of new research and testing on it and the chance to be part of it. I am "
      "48 years old.";
  const auto s = qa::read_message(q, an.terms(q));
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1].role, qa::SentenceRole::ask);
  EXPECT_TRUE(s[1].plainly_asks);
  EXPECT_EQ(s[2].role, qa::SentenceRole::context);
}

// Being curious about something, and trying to find it, ask for it too.
TEST(ReadMessage, CuriousAndTryingToFindAsk) {
  text::Analyzer an;
  for (const std::string q :
       {"Overdose. I took too many last March. I am just curious as to if any damage happened. "
        "I am 40.",
        "Overdose. I took too many last March. I am trying to find information about this. "
        "I am 40."}) {
    SCOPED_TRACE(q);
    const auto s = qa::read_message(q, an.terms(q));
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[2].role, qa::SentenceRole::ask);
    EXPECT_TRUE(s[2].plainly_asks);
    EXPECT_EQ(s[1].role, qa::SentenceRole::context);
  }
}

TEST(ReadMessage, AWebFormsLineIsNotTheTitleTheLineAfterItIs) {
  text::Analyzer an;
  const std::string q =
      "ClinicalTrials.gov - Question - general information. Stiff person syndrome. I have "
      "cramps in my feet at night. What are the early symptoms?";
  const auto s = qa::read_message(q, an.terms(q));
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].role, qa::SentenceRole::formality);  // the web address is one sentence
  EXPECT_EQ(s[1].role, qa::SentenceRole::subject);
  EXPECT_EQ(s[2].role, qa::SentenceRole::context);
  EXPECT_EQ(s[3].role, qa::SentenceRole::ask);
  // Without a web address the first line is the title, as before.
  const std::string plain = "Stiff person syndrome. I have cramps. What are the symptoms?";
  EXPECT_EQ(qa::read_message(plain, an.terms(plain)).front().role, qa::SentenceRole::subject);
}

// Matches as the focus finder gives them: `words` are the message's words
// from `b` to `e`, read as condition `c`.
qa::FocusMatch reading(std::size_t c, std::size_t b, std::size_t e, qa::NameKind kind,
                       double score) {
  qa::FocusMatch m;
  m.condition = c;
  m.begin = b;
  m.end = e;
  m.kind = kind;
  m.score = score;
  m.asked = true;
  return m;
}

// Each word's sentence role in a message of two sentences (the subject line
// and the question), as Engine::ask gives it to prefer_subject_names.
std::vector<qa::SentenceRole> word_roles(const std::string& q,
                                         const std::vector<text::Term>& terms) {
  const auto sentences = qa::read_message(q, terms);
  EXPECT_EQ(sentences.size(), 2u);
  std::vector<qa::SentenceRole> role(terms.size(), qa::SentenceRole::ask);
  for (const auto& s : sentences)
    for (std::size_t k = s.first; k < s.last; ++k) role[k] = s.role;
  return role;
}

TEST(PreferSubjectNames, ASubjectNameOfSeveralWordsOutranksALayWordOfTheBody) {
  text::Analyzer an;
  const std::string q = "Quellan spasm. Does any damage occur from these spells?";
  const auto terms = an.terms(q);
  const auto role = word_roles(q, terms);
  ASSERT_EQ(role[0], qa::SentenceRole::subject);
  std::size_t spells = 0;
  while (spells < terms.size() && terms[spells].surface != "spells") ++spells;
  ASSERT_LT(spells, terms.size());
  // The subject's two-word name, weaker than the body's one-word synonym.
  std::vector<qa::FocusMatch> ms = {
      reading(1, spells, spells + 1, qa::NameKind::synonym, 0.59),
      reading(0, 0, 2, qa::NameKind::name, 0.40),
  };
  qa::prefer_subject_names(ms, terms, role);
  EXPECT_GT(ms[1].score, ms[0].score);
  EXPECT_TRUE(ms[1].asked);
  // The body's word read by the condition's own name is not a lay word.
  ms = {reading(1, spells, spells + 1, qa::NameKind::name, 0.59),
        reading(0, 0, 2, qa::NameKind::name, 0.40)};
  qa::prefer_subject_names(ms, terms, role);
  EXPECT_LT(ms[1].score, ms[0].score);
  // One word of the subject is no more specific than the lay word.
  ms = {reading(1, spells, spells + 1, qa::NameKind::synonym, 0.59),
        reading(0, 0, 1, qa::NameKind::name, 0.40)};
  qa::prefer_subject_names(ms, terms, role);
  EXPECT_LT(ms[1].score, ms[0].score);
}

TEST(PreferSubjectNames, NotWhenTheLayWordIsTheSubjectsOwnWord) {
  text::Analyzer an;
  const std::string q = "Quellan spasm spells. Does any damage occur from these spells?";
  const auto terms = an.terms(q);
  const auto role = word_roles(q, terms);
  ASSERT_EQ(role[0], qa::SentenceRole::subject);
  const std::size_t spells = terms.size() - 1;
  ASSERT_EQ(terms[spells].surface, "spells");
  std::vector<qa::FocusMatch> ms = {
      reading(1, spells, spells + 1, qa::NameKind::synonym, 0.59),
      reading(0, 0, 2, qa::NameKind::name, 0.40),
  };
  qa::prefer_subject_names(ms, terms, role);
  EXPECT_LT(ms[1].score, ms[0].score);
}

TEST_F(Messages, ALongMessageIsReadForWhatItAsks) {
  // Over 3,000 characters of story around one question, as a real message.
  std::string story;
  while (story.size() < 3000)
    story +=
        "We moved house last spring and my mother has been helping with the children "
        "every afternoon since then, which we are very grateful for. ";
  const std::string q = "Hello doctor. " + story +
                        "What is the best treatment for my gout? Thank you for your time. Regards, "
                        "[NAME]";
  ASSERT_GT(q.size(), 3000u);
  ASSERT_LE(q.size(), qa::kMaxQuestionChars);
  const auto r = engine_->ask(q, 5);
  EXPECT_EQ(focus_name(r), "Gout");
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::treatment);
  EXPECT_TRUE(r.answers[0].asked);
}

TEST_F(Messages, SeveralQuestionsInOneMessageAreEachAnswered) {
  const auto r = engine_->ask(
      "My husband (52) was told he has gout after a bad night last week. What causes it? "
      "And how is it treated? Thanks a lot.",
      10);
  EXPECT_EQ(focus_name(r), "Gout");
  EXPECT_TRUE(has_type(r, T::causes));
  EXPECT_TRUE(has_type(r, T::treatment));
  // Asked first, answered first.
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::causes);
}

TEST_F(Messages, AConditionInTheContextIsACandidateNotTheFocus) {
  // Kidney stones and Crohn's disease are the story; multiple sclerosis is asked about.
  const auto r = engine_->ask(
      "My father had kidney stones for years and my sister has Crohn's disease. Now my "
      "neurologist mentioned something else. What are the symptoms of multiple sclerosis?");
  EXPECT_EQ(focus_name(r), "Multiple sclerosis");
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::symptoms);
  // The context's conditions stay as candidates.
  EXPECT_GE(r.focus.size(), 2u);
  // A subject line names the topic even when the question says only "it".
  const auto s = engine_->ask(
      "Kidney stones. My brother had COPD and my doctor says I have this too. How can I "
      "prevent it?");
  EXPECT_EQ(focus_name(s), "Kidney stone");
}

// Engine::ask with the subject given apart: the subject's condition is what
// is asked about, where the message's first sentence names another that
// would be read as its title were the two sent in one piece.
TEST_F(Messages, ASubjectGivenApartNamesWhatIsAsked) {
  const std::string message =
      "Crohn's disease. My brother has Crohn's disease and his doctor is worried. How can he "
      "prevent them?";
  EXPECT_EQ(focus_name(engine_->ask(message)), "Crohn's disease");
  const auto r = engine_->ask("Kidney stones", message, 5);
  EXPECT_EQ(focus_name(r), "Kidney stone");
  EXPECT_EQ(r.subject, "Kidney stones");
  EXPECT_EQ(r.question, message);
  // An empty subject is the one-text call.
  const auto same = engine_->ask("  ", message, 5);
  EXPECT_EQ(focus_name(same), "Crohn's disease");
  EXPECT_TRUE(same.subject.empty());
  // A subject that asks, over a message that only tells: what it asks is read.
  const auto asks = engine_->ask("What are the symptoms of gout?",
                                 "My father has had kidney stones for years.", 5);
  EXPECT_EQ(focus_name(asks), "Gout");
  ASSERT_FALSE(asks.answers.empty());
  EXPECT_EQ(asks.answers[0].type, T::symptoms);
}

TEST_F(Messages, TheAskingSentenceOutranksAConditionTheStoryRepeats) {
  // A two-word name told again and again in the story scores higher on its
  // own than the one-word name asked about; the asking sentence still wins.
  std::string story;
  for (int i = 0; i < 15; ++i)
    story += "My father has had kidney stones for years and his kidney stones keep coming back. ";
  const auto r = engine_->ask("Hello. " + story + "What are the symptoms of gout? Thanks, Ann", 5);
  EXPECT_EQ(focus_name(r), "Gout");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_TRUE(r.focus[0].asked);
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::symptoms);
  // The story's condition stays a candidate, not asked about.
  const auto stone = std::find_if(r.focus.begin(), r.focus.end(), [](const qa::FocusMatch& m) {
    return engine_->snapshot().conditions()[m.condition].name == "Kidney stone";
  });
  ASSERT_NE(stone, r.focus.end());
  EXPECT_FALSE(stone->asked);
  // Named in the story and again where it asks, a condition is read where it asks.
  const auto again = engine_->ask(
      "My mother has gout and my uncle has gout too. Everyone in the family talks about gout. "
      "How do you prevent kidney stones?",
      5);
  EXPECT_EQ(focus_name(again), "Kidney stone");
  ASSERT_FALSE(again.answers.empty());
  EXPECT_EQ(again.answers[0].type, T::prevention);
}

TEST_F(Messages, TwoConditionsAskedTogetherAreBothFoci) {
  // "X and Y": both are asked about; the answers cover both.
  const auto r = engine_->ask(
      "My doctor mentioned two things last week. What causes gout and kidney stones?", 10);
  ASSERT_GE(r.focus.size(), 2u);
  EXPECT_TRUE(r.focus[0].asked);
  EXPECT_TRUE(r.focus[1].asked);
  std::set<std::string> answered;
  for (const auto& a : r.answers)
    if (a.asked && a.type == T::causes)
      answered.insert(engine_->snapshot().conditions()[a.condition].name);
  EXPECT_TRUE(answered.count("Gout")) << answered.size();
  EXPECT_TRUE(answered.count("Kidney stone")) << answered.size();
}

TEST(EnglishWordList, IsInstalledAndHoldsOrdinaryWordsOnly) {
  const auto words = EnglishWords::installed();
  ASSERT_GT(words.size(), 50000u)
      << "no English word list (apt-get install wamerican; scripts/install-deps.sh installs it)";
  for (auto w : {"wife", "contagion", "penal", "stoke", "irony", "inherited"})
    EXPECT_TRUE(words.contains(w)) << w;
  // Names are not ordinary words, and misspellings are not words at all.
  for (auto w : {"parkinson", "kidnee", "sclerosus", "gout-ish"})
    EXPECT_FALSE(words.contains(w)) << w;
}

TEST_F(Messages, RealEnglishWordsAreNotCorrectedButMisspellingsAre) {
  // "penal" is one letter from "renal" (renal calculus), "stoke" from "stone":
  // both are English words, so neither is a slip.
  auto r = engine_->ask("is it penal or is it a stoke of bad luck");
  for (const auto& c : r.corrections) ADD_FAILURE() << c.from << " -> " << c.to;
  EXPECT_TRUE(r.answers.empty());
  // A word that is not English is still corrected ("kidnee" is "kidney").
  r = engine_->ask("how do i prevent a kidnee stone");
  ASSERT_EQ(r.corrections.size(), 1u);
  EXPECT_EQ(r.corrections[0].from, "kidnee");
  EXPECT_EQ(r.corrections[0].to, "kidney");
  EXPECT_EQ(focus_name(r), "Kidney stone");
}

TEST_F(Messages, TheRankedListHasLimitAnswersAndSaysWhichWereOffered) {
  auto r = engine_->ask("what causes gout", 10);
  ASSERT_GE(r.answers.size(), 3u);
  EXPECT_LE(r.answers.size(), 10u);
  EXPECT_EQ(r.answers[0].type, T::causes);
  EXPECT_TRUE(r.answers[0].asked);
  // After the asked kind, other kinds about the focus, marked as offered.
  const auto offered = std::find_if(r.answers.begin(), r.answers.end(),
                                    [](const qa::Answer& a) { return !a.asked; });
  ASSERT_NE(offered, r.answers.end());
  EXPECT_NE(offered->type, T::causes);
  r = engine_->ask("what causes gout", 2);
  EXPECT_EQ(r.answers.size(), 2u);
  // A question about nothing held still gets nothing.
  EXPECT_TRUE(engine_->ask("what is the capital of france", 10).answers.empty());
}

// A condition that does not hold the kind asked, and narrower ones that do.
TEST(NarrowerConditions, AnswerWhatTheFocusDoesNotHold) {
  test::TempDir dir;
  auto write = [&](const std::string& file, const std::string& text) {
    std::ofstream(dir.path() / file) << text;
  };
  const std::string head =
      "author: symptomdb test fixture\naffiliation: \"Test fixture text, not medical advice\"\n"
      "license: CC0 test fixture\n---\nFixture text, not medical advice.\n\n";
  write("zorblax.md", "---\ntitle: \"Zorblax\"\ncondition: Zorblax\nslug: zorblax\n" + head +
                          "## Symptoms of zorblax\n\nFixture symptoms text.\n");
  write("familial-zorblax.md",
        "---\ntitle: \"Familial zorblax\"\ncondition: Familial zorblax\nslug: familial-zorblax\n" +
            head + "## Genetics\n\nFixture text on how familial zorblax is inherited.\n");
  auto articles = ingest::parse_files(ingest::collect_files({dir.path().string()}, ".md"),
                                      ingest::Format::markdown);
  const qa::Engine engine(std::make_shared<const Snapshot>(std::move(articles)));
  const auto r = engine.ask("is zorblax inherited?", 5);
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(engine.snapshot().conditions()[r.focus[0].condition].name, "Zorblax");
  EXPECT_EQ(r.missing, std::vector<T>{T::genetics});
  ASSERT_GE(r.answers.size(), 2u);
  // The focus's own answer first (offered), then the narrower condition's.
  EXPECT_EQ(r.answers[0].via, qa::Answer::Via::focus);
  EXPECT_FALSE(r.answers[0].asked);
  EXPECT_EQ(r.answers[1].type, T::genetics);
  EXPECT_EQ(r.answers[1].via, qa::Answer::Via::narrower);
  EXPECT_EQ(engine.snapshot().conditions()[r.answers[1].condition].name, "Familial zorblax");
}

// The bounded top-k gives exactly what scoring every posting gives.
TEST(IndexTopK, EqualsExhaustiveRanking) {
  auto articles =
      ingest::parse_files(ingest::collect_files({(test::source_dir() / "content").string()}, ".md"),
                          ingest::Format::markdown);
  text::Analyzer an;
  search::Index idx;
  std::vector<std::string> words;
  for (const auto& a : articles)
    for (const auto& s : a.sections) {
      std::string body = s.intro;
      for (const auto& item : s.items) body += "\n" + item.text;
      const search::Field fields[] = {{s.heading, 2.0}, {body, 1.0}};
      idx.add(fields, an);
    }
  idx.finish();
  ASSERT_GT(idx.size(), 50u);
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, idx.term_count() - 1);
  for (int q = 0; q < 300; ++q) {
    std::vector<search::TermId> terms;
    const int n = 1 + q % 4;
    for (int i = 0; i < n; ++i) terms.push_back(static_cast<search::TermId>(pick(rng)));
    if (q % 3 == 0) terms.push_back(*idx.term(an.stem("pain")));  // a common word
    for (std::size_t limit : {1u, 3u, 10u, 50u}) {
      const auto fast = idx.rank(terms, limit);
      const auto slow = idx.rank_exhaustive(terms, limit);
      ASSERT_EQ(fast.size(), slow.size()) << "query " << q << " limit " << limit;
      for (std::size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast[i].doc, slow[i].doc) << "query " << q << " rank " << i;
        EXPECT_DOUBLE_EQ(fast[i].score, slow[i].score);
      }
    }
    const auto even = [](search::DocId d) { return d % 2 == 0; };
    const auto fast = idx.rank(terms, 5, even), slow = idx.rank_exhaustive(terms, 5, even);
    ASSERT_EQ(fast.size(), slow.size());
    for (std::size_t i = 0; i < fast.size(); ++i) EXPECT_EQ(fast[i].doc, slow[i].doc);
  }
}

}  // namespace
}  // namespace symptomdb
