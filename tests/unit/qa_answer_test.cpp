// Answer selection over small made-up knowledge bases in MedQuAD's shape:
// which of several answers of one kind comes first (a fixed order, so that
// a long message and a one-line summary of it agree), and the fallbacks
// when the focus does not hold what is asked. The conditions and texts are
// invented; nothing here is medical content.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "qa/engine.hpp"
#include "web/pages.hpp"
#include "web/qa_json.hpp"

namespace symptomdb {
namespace {

using T = SectionType;

struct Part {
  T type;
  std::string text;
};

// One MedQuAD-like document: a collection's page about a condition.
Article document(const std::string& collection, const std::string& id, const std::string& title,
                 const std::string& condition, std::vector<Part> parts,
                 std::vector<std::string> synonyms = {}) {
  Article a;
  a.slug = collection + "-" + id;
  a.title = title;
  a.condition.name = condition;
  a.condition.synonyms = std::move(synonyms);
  a.collection = collection;
  a.document_id = id;
  a.license = "test";
  a.provenance.format = "medquad";
  for (auto& p : parts) {
    Section s;
    s.type = p.type;
    s.intro = std::move(p.text);
    a.sections.push_back(std::move(s));
  }
  return a;
}

// A suite over one made-up knowledge base: Derived::articles() gives its
// documents, and the engine is built once for all the suite's tests.
template <class Derived>
class EngineSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    engine_ = std::make_unique<qa::Engine>(std::make_shared<const Snapshot>(Derived::articles()));
  }
  static void TearDownTestSuite() { engine_.reset(); }
  static std::string name(std::size_t c) { return engine_->snapshot().conditions()[c].name; }
  static std::string focus_name(const qa::Result& r) {
    return r.focus.empty() ? "(none)" : name(r.focus[0].condition);
  }
  static inline std::unique_ptr<qa::Engine> engine_;
};

class AnswerChoice : public EngineSuite<AnswerChoice> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    // Zorblat disease: three collections answer its treatment. GARD's text
    // shares the most words with the questions below; it still comes after
    // the consumer collection's page titled exactly as the condition.
    a.push_back(document("GARD", "1", "Zorblat disease", "Zorblat disease",
                         {{T::treatment,
                           "Zorblat disease treatment with tablets, injections, surgery, "
                           "exercise, therapy and rest depends on the grumbling joints."},
                          {T::overview, "Zorblat disease is a made-up test condition."}}));
    a.push_back(document("MPlusHealthTopics", "2", "Zorblat disease", "Zorblat disease",
                         {{T::treatment, "Zorblat disease is treated with rest."},
                          {T::overview, "Zorblat disease is invented for tests."}}));
    a.push_back(document("MPlusHealthTopics", "3", "Zorblat disease and pregnancy",
                         "Zorblat disease",
                         {{T::treatment, "During pregnancy zorblat disease is treated gently."}}));
    a.push_back(document("NIHSeniorHealth", "4", "Zorblat disease", "Zorblat disease",
                         {{T::treatment, "Older adults with zorblat disease rest more."}}));
    // Quornitis holds only an overview; two narrower conditions hold causes.
    a.push_back(document("MPlusHealthTopics", "5", "Quornitis", "Quornitis",
                         {{T::overview, "Quornitis is an invented condition of the test suite."}}));
    a.push_back(document("GARD", "6", "Familial quornitis", "Familial quornitis",
                         {{T::causes, "Familial quornitis runs in made-up families."},
                          {T::overview, "Familial quornitis is invented."},
                          {T::symptoms, "Familial quornitis gives pretend itching."}}));
    a.push_back(document("GARD", "7", "Severe chronic quornitis", "Severe chronic quornitis",
                         {{T::causes, "Severe chronic quornitis follows pretend germs."}}));
    // A drug the collections only list (no answer at all), and a condition
    // with answers that a message may name beside it.
    a.push_back(document("MPlusDrugs", "8", "Flumadrol", "Flumadrol", {}));
    a.push_back(document("NIDDK", "9", "Wobblewort syndrome", "Wobblewort syndrome",
                         {{T::treatment, "Wobblewort syndrome is treated with pretend rest."},
                          {T::overview, "Wobblewort syndrome is invented."}}));
    // Glimmerfoot disease: one collection's document held twice under two
    // ids, the second copy's text sharing more words with one question.
    a.push_back(document("NINDS", "20", "Glimmerfoot disease", "Glimmerfoot disease",
                         {{T::treatment, "Glimmerfoot disease is treated with rest."}}));
    a.push_back(document(
        "NINDS", "21", "Glimmerfoot disease", "Glimmerfoot disease",
        {{T::treatment, "Glimmerfoot disease is treated with rest, splints and warm baths."}}));
    // Snorkelitis, a general name with answers, and Brazzle snorkelitis, one
    // of its kind that the word "zimflop" also names (as a product names
    // the poisoning it gives).
    a.push_back(document("MPlusHealthTopics", "30", "Snorkelitis", "Snorkelitis",
                         {{T::overview, "Snorkelitis is a made-up test condition."}}));
    a.push_back(
        document("ADAM", "31", "Brazzle snorkelitis", "Brazzle snorkelitis", {}, {"Zimflop"}));
    // Fillers, one of them naming zimflop: a word of the corpus, which
    // alone names Brazzle snorkelitis less strongly than its last word
    // names Snorkelitis (as "bleach" and "poisoning").
    for (int id = 32; id < 56; ++id)
      a.push_back(document("MPlusHealthTopics", std::to_string(id), "Grobnik " + std::to_string(id),
                           "Grobnik " + std::to_string(id),
                           {{T::overview, id == 32 ? "Grobnik is kept apart from zimflop."
                                                   : "Grobnik is a made-up filler."}}));
    return a;
  }
  static std::string scores(const qa::Result& r) {
    std::string out;
    for (const auto& f : r.focus)
      out +=
          engine_->snapshot().conditions()[f.condition].name + " " + std::to_string(f.score) + "; ";
    return out;
  }
  static std::string first_document(const qa::Result& r) {
    return r.answers.empty() ? "(none)"
                             : r.answers[0].source.collection + " " + r.answers[0].source.document;
  }
  static std::string condition_of(const qa::Answer& a) {
    return engine_->snapshot().conditions()[a.condition].name;
  }
};

TEST_F(AnswerChoice, TheDocumentTitledAsTheFocusComesFirstWhateverTheOtherWords) {
  const auto summary = engine_->ask("What are the treatments for zorblat disease?");
  ASSERT_EQ(focus_name(summary), "Zorblat disease");
  EXPECT_EQ(first_document(summary), "MPlusHealthTopics 2");
  // A message with many of GARD's words gets the same first answer...
  const auto message = engine_->ask(
      "Zorblat disease. My joints are grumbling. Which treatment is best for zorblat disease: "
      "tablets, injections, surgery, exercise or therapy?");
  ASSERT_EQ(focus_name(message), "Zorblat disease");
  EXPECT_EQ(first_document(message), "MPlusHealthTopics 2");
  // ...and every source is still in the list.
  std::set<std::string> docs;
  for (const auto& a : message.answers)
    if (a.type == T::treatment) docs.insert(a.source.document);
  EXPECT_EQ(docs, (std::set<std::string>{"1", "2", "3", "4"}));
}

TEST_F(AnswerChoice, ADocumentAboutTheFocusAndWhatIsAskedWithItComesFirst) {
  const auto r = engine_->ask("how is zorblat disease treated during pregnancy?");
  ASSERT_EQ(focus_name(r), "Zorblat disease");
  EXPECT_EQ(first_document(r), "MPlusHealthTopics 3");
}

TEST_F(AnswerChoice, AmongEquallyFittingDocumentsTheConsumerCollectionsComeFirst) {
  const auto r = engine_->ask("how is zorblat disease treated?");
  std::vector<std::string> order;
  for (const auto& a : r.answers)
    if (a.type == T::treatment && a.source.document != "3") order.push_back(a.source.collection);
  EXPECT_EQ(order, (std::vector<std::string>{"MPlusHealthTopics", "NIHSeniorHealth", "GARD"}));
}

TEST_F(AnswerChoice, ANarrowerConditionNamedBesideTheFocusAnswersFirst) {
  // "severe" sits right before the focus's name and names one of its
  // narrower conditions, which holds the causes the focus does not.
  const auto r = engine_->ask("what causes severe quornitis?");
  ASSERT_EQ(focus_name(r), "Quornitis");
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(condition_of(r.answers[0]), "Severe chronic quornitis");
  EXPECT_EQ(r.answers[0].type, T::causes);
  EXPECT_EQ(r.answers[0].via, qa::Answer::Via::narrower);
}

TEST_F(AnswerChoice, OtherwiseTheFocusOwnAnswerComesBeforeNarrowerOnes) {
  const auto r = engine_->ask("what causes quornitis?");
  ASSERT_EQ(focus_name(r), "Quornitis");
  ASSERT_GE(r.answers.size(), 3u);
  EXPECT_EQ(condition_of(r.answers[0]), "Quornitis");
  EXPECT_FALSE(r.answers[0].asked);  // offered instead of the causes
  // Then the narrower conditions' causes, the one with more answers first.
  EXPECT_EQ(condition_of(r.answers[1]), "Familial quornitis");
  EXPECT_EQ(r.answers[1].via, qa::Answer::Via::narrower);
  EXPECT_EQ(condition_of(r.answers[2]), "Severe chronic quornitis");
}

TEST_F(AnswerChoice, AFocusWithNothingBehindItIsNotAnsweredAboutAnotherCondition) {
  const auto r = engine_->ask(
      "Flumadrol. Who makes flumadrol? I need it every week, I also have wobblewort syndrome.");
  ASSERT_EQ(focus_name(r), "Flumadrol");
  EXPECT_TRUE(r.answers.empty()) << first_document(r);
}

TEST_F(AnswerChoice, AConditionNamedRightBeforeTheHeadOfItsNameIsThatOneOfItsKind) {
  // "zimflop snorkelitis" is the snorkelitis "zimflop" names, not the general
  // Snorkelitis its last word names (though that one holds the answers).
  const auto r = engine_->ask("What are the treatments for zimflop snorkelitis?");
  EXPECT_EQ(focus_name(r), "Brazzle snorkelitis") << scores(r);
  // It holds nothing: the general one's answer comes, marked as from the
  // broader condition (not the honest "not covered" of an empty entry).
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(condition_of(r.answers[0]), "Snorkelitis");
  EXPECT_EQ(r.answers[0].via, qa::Answer::Via::broader);
  // Not named right before it: the general name stays first.
  const auto apart = engine_->ask("What are the treatments for snorkelitis after zimflop?");
  EXPECT_EQ(focus_name(apart), "Snorkelitis") << scores(apart);
  const auto alone = engine_->ask("What are the treatments for snorkelitis?");
  EXPECT_EQ(focus_name(alone), "Snorkelitis");
}

TEST_F(AnswerChoice, AConditionAskedAsStronglyAsTheFocusIsAnswered) {
  // Asked about both, named alike: the second's answer of the kind asked
  // comes before the first's answers of other kinds.
  const auto r = engine_->ask("how are quornitis and wobblewort syndrome treated?");
  ASSERT_GE(r.focus.size(), 2u);
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::treatment);
  EXPECT_EQ(condition_of(r.answers[0]), "Wobblewort syndrome");
}

TEST_F(AnswerChoice, NewTreatmentsTheFocusHoldsNoResearchOnAreItsTreatments) {
  // Wobblewort syndrome holds a treatment and an overview, no research.
  const auto r = engine_->ask("what new treatments are there for wobblewort syndrome?");
  ASSERT_EQ(focus_name(r), "Wobblewort syndrome");
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::treatment) << first_document(r);
  EXPECT_FALSE(r.answers[0].asked);  // offered instead of the research
  // Trials asked for are not treatments: the most general answer first.
  const auto t = engine_->ask("are there clinical trials for wobblewort syndrome?");
  ASSERT_EQ(focus_name(t), "Wobblewort syndrome");
  ASSERT_FALSE(t.answers.empty());
  EXPECT_EQ(t.answers[0].type, T::overview) << first_document(t);
}

TEST_F(AnswerChoice, ADocumentHeldTwiceIsOneAnswerWhateverTheOtherWords) {
  // Two wordings of one question get the same copy: the first.
  const auto summary = engine_->ask("What are the treatments for glimmerfoot disease?");
  ASSERT_EQ(focus_name(summary), "Glimmerfoot disease");
  EXPECT_EQ(first_document(summary), "NINDS 20");
  const auto message = engine_->ask(
      "Glimmerfoot disease. My feet hurt. Would splints and warm baths treat glimmerfoot disease?");
  ASSERT_EQ(focus_name(message), "Glimmerfoot disease");
  EXPECT_EQ(first_document(message), "NINDS 20");
}

// An entry that holds no answer of the kind asked (or none at all), whose
// name's head words name a broader entry that does: "Sodium hypochlorite
// poisoning" and "Poisoning". Invented names.
class BroaderEntries : public EngineSuite<BroaderEntries> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    a.push_back(document("MPlusHealthTopics", "1", "Snorkelitis", "Snorkelitis",
                         {{T::overview, "Snorkelitis is a made-up test condition."},
                          {T::treatment, "Snorkelitis is treated with pretend rest."}}));
    // Holds nothing: its name ends with the broader one's.
    a.push_back(
        document("ADAM", "2", "Brazzle snorkelitis", "Brazzle snorkelitis", {}, {"Zimflop"}));
    // Holds nothing: written "head - part".
    a.push_back(document("ADAM", "3", "Snorkelitis - toes", "Snorkelitis - toes", {}, {"Toeflop"}));
    // Holds an overview only.
    a.push_back(document("GARD", "4", "Crumble snorkelitis", "Crumble snorkelitis",
                         {{T::overview, "Crumble snorkelitis is invented."}}, {"Plinkwort"}));
    // "X in Y" is not of the kind Y.
    a.push_back(document("ADAM", "5", "Snorkelitis in wumbles", "Snorkelitis in wumbles", {},
                         {"Wumblitis"}));
    a.push_back(document("MPlusHealthTopics", "6", "Wumbles", "Wumbles",
                         {{T::overview, "Wumbles are invented."},
                          {T::treatment, "Wumbles are treated with pretend songs."}}));
    return a;
  }
};

TEST_F(BroaderEntries, AnEntryThatHoldsNothingIsAnsweredFromTheBroaderOneItsNameIsOf) {
  for (const char* q : {"What are the treatments for zimflop?", "How is toeflop treated?"}) {
    const auto r = engine_->ask(q);
    ASSERT_FALSE(r.focus.empty()) << q;
    ASSERT_NE(focus_name(r), "Snorkelitis") << q;
    ASSERT_FALSE(r.answers.empty()) << q;
    // The kind asked, from the broader entry, marked as such...
    EXPECT_EQ(name(r.answers[0].condition), "Snorkelitis") << q;
    EXPECT_EQ(r.answers[0].type, T::treatment) << q;
    EXPECT_TRUE(r.answers[0].asked) << q;
    EXPECT_EQ(r.answers[0].via, qa::Answer::Via::broader) << q;
    // ...then what else it holds, offered instead, marked the same way.
    ASSERT_GE(r.answers.size(), 2u) << q;
    EXPECT_EQ(r.answers[1].type, T::overview) << q;
    EXPECT_FALSE(r.answers[1].asked) << q;
    EXPECT_EQ(r.answers[1].via, qa::Answer::Via::broader) << q;
  }
}

TEST_F(BroaderEntries, AKindTheFocusDoesNotHoldComesFromTheBroaderOneAfterItsOwnAnswer) {
  const auto r = engine_->ask("What are the treatments for plinkwort?");
  ASSERT_EQ(focus_name(r), "Crumble snorkelitis");
  ASSERT_GE(r.answers.size(), 2u);
  EXPECT_EQ(name(r.answers[0].condition), "Crumble snorkelitis");
  EXPECT_EQ(r.answers[0].via, qa::Answer::Via::focus);
  EXPECT_EQ(name(r.answers[1].condition), "Snorkelitis");
  EXPECT_EQ(r.answers[1].type, T::treatment);
  EXPECT_EQ(r.answers[1].via, qa::Answer::Via::broader);
}

TEST_F(BroaderEntries, NoBroaderEntryAcrossAPrepositionOrWhenTheFocusHoldsTheKind) {
  // "Snorkelitis in wumbles" is no kind of Wumbles: nothing is answered.
  const auto in = engine_->ask("What are the treatments for wumblitis?");
  ASSERT_EQ(focus_name(in), "Snorkelitis in wumbles");
  EXPECT_TRUE(in.answers.empty()) << name(in.answers.front().condition);
  // The focus's own answer of the kind asked: nothing from elsewhere.
  const auto own = engine_->ask("What are the treatments for snorkelitis?");
  for (const auto& a : own.answers) EXPECT_NE(a.via, qa::Answer::Via::broader);
}

TEST_F(BroaderEntries, TheReplySaysTheAnswerIsAboutTheBroaderEntryAndNamesTheOneAsked) {
  const auto r = engine_->ask("What are the treatments for zimflop?");
  const auto j = web::ask_json(*engine_, r);
  ASSERT_FALSE(j["answers"].empty());
  EXPECT_EQ(j["answers"][0]["via"], "broader condition");
  const std::string note = j["answers"][0].value("note", "");
  EXPECT_NE(note.find("Snorkelitis, the broader condition"), std::string::npos) << note;
  EXPECT_NE(note.find("Brazzle snorkelitis"), std::string::npos) << note;
  EXPECT_NE(j["message"].get<std::string>().find("broader condition"), std::string::npos);
  const std::string page = web::render_ask_page(*engine_, &r);
  EXPECT_NE(page.find("data-broader"), std::string::npos);
  EXPECT_NE(page.find("the broader condition: we hold no answer of this kind about Brazzle "
                      "snorkelitis"),
            std::string::npos);
}

TEST_F(BroaderEntries, AnEntryThatHoldsNothingIsSaidToHoldNothingNotPointedToAvailable) {
  // "Snorkelitis in wumbles" holds nothing and has no broader entry: the
  // reply has no answer and nothing in 'available', and says so.
  const auto r = engine_->ask("What are the treatments for wumblitis?");
  ASSERT_EQ(focus_name(r), "Snorkelitis in wumbles");
  ASSERT_TRUE(r.answers.empty());
  const auto j = web::ask_json(*engine_, r);
  ASSERT_TRUE(j["available"].empty());
  const std::string message = j.value("message", "");
  EXPECT_EQ(message.find("'available'"), std::string::npos) << message;
  EXPECT_NE(message.find("Snorkelitis in wumbles but holds no answer"), std::string::npos)
      << message;
}

// The condition read first holds no answer at all, and another condition
// the question names as strongly holds answers: those are given, marked as
// about that other condition, and the reply says so.
class OtherNamedEntries : public EngineSuite<OtherNamedEntries> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    // Holds nothing (a name of four words: read more strongly than the
    // other's, which holds answers).
    a.push_back(document("ADAM", "1", "Glimmer toe web syndrome", "Glimmer toe web syndrome", {}));
    // Holds an overview and a treatment.
    a.push_back(document("MPlusHealthTopics", "2", "Frobble syndrome", "Frobble syndrome",
                         {{T::overview, "Frobble syndrome is a made-up test condition."},
                          {T::treatment, "Frobble syndrome is treated with pretend naps."}}));
    // A drug the knowledge base only lists.
    auto drug =
        document("MedlinePlus", "3", "Quazolam toe web drops", "Quazolam toe web drops", {});
    drug.condition.kind = "drug";
    a.push_back(std::move(drug));
    // A topic, not a condition.
    auto topic = document("MPlusHealthTopics", "4", "Pillwort tonic", "Pillwort tonic",
                          {{T::overview, "Pillwort tonic is an invented topic."}});
    topic.condition.kind = "other";
    a.push_back(std::move(topic));
    return a;
  }
};

TEST_F(OtherNamedEntries, AnEntryThatHoldsNothingIsAnsweredFromAnotherConditionNamedAsStrongly) {
  const auto r = engine_->ask("What causes glimmer toe web syndrome with frobble syndrome?");
  ASSERT_GE(r.focus.size(), 2u);
  ASSERT_EQ(name(r.focus[0].condition), "Glimmer toe web syndrome");
  ASSERT_EQ(name(r.focus[1].condition), "Frobble syndrome");
  // (Frobble syndrome is read less strongly, but more than 0.8 as strongly.)
  ASSERT_LT(r.focus[1].score, r.focus[0].score);
  ASSERT_FALSE(r.answers.empty());
  // Frobble syndrome holds no causes: its most general answer, offered instead,
  // marked as about the other condition named.
  EXPECT_EQ(name(r.answers[0].condition), "Frobble syndrome");
  EXPECT_EQ(r.answers[0].type, T::overview);
  EXPECT_FALSE(r.answers[0].asked);
  EXPECT_EQ(r.answers[0].via, qa::Answer::Via::other_named);
}

TEST_F(OtherNamedEntries, TheReplySaysWhichConditionIsAnswered) {
  const auto r = engine_->ask("What causes glimmer toe web syndrome with frobble syndrome?");
  const auto j = web::ask_json(*engine_, r);
  ASSERT_FALSE(j["answers"].empty());
  EXPECT_EQ(j["answers"][0]["via"], "other condition named");
  const std::string note = j["answers"][0].value("note", "");
  EXPECT_NE(note.find("About Frobble syndrome, which the question also names"), std::string::npos)
      << note;
  EXPECT_NE(note.find("no answer about Glimmer toe web syndrome"), std::string::npos) << note;
  EXPECT_NE(j["message"].get<std::string>().find("other condition named"), std::string::npos);
  const std::string page = web::render_ask_page(*engine_, &r);
  EXPECT_NE(page.find("data-other-named"), std::string::npos);
  EXPECT_NE(page.find("which you also name: we hold no answer about Glimmer toe web syndrome"),
            std::string::npos);
}

TEST_F(OtherNamedEntries, NotForADrugReadFirstNorFromATopic) {
  // A drug only listed stays "not covered"; a topic does not stand in.
  for (const char* q : {"What causes quazolam toe web drops with frobble syndrome?",
                        "What causes glimmer toe web syndrome with pillwort tonic?"}) {
    const auto r = engine_->ask(q);
    ASSERT_GE(r.focus.size(), 2u) << q;
    ASSERT_NE(name(r.focus[0].condition), "Frobble syndrome") << q;
    ASSERT_NE(name(r.focus[0].condition), "Pillwort tonic") << q;
    ASSERT_GE(r.focus[1].score, 0.8 * r.focus[0].score) << q;
    EXPECT_TRUE(r.answers.empty()) << q << " " << name(r.answers[0].condition);
  }
}

// Narrower conditions are kinds of the focus: a name that holds the focus's
// words followed by another condition's own name is of that other condition
// (as "exercise-induced asthma" is an asthma, not a kind of exercise).
class NarrowerKinds : public EngineSuite<NarrowerKinds> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    // The focus: holds an overview only.
    a.push_back(document("MPlusHealthTopics", "1", "Plonkery", "Plonkery",
                         {{T::overview, "Plonkery is a made-up test topic."}}));
    // Another condition, one of whose other names starts with the focus's.
    a.push_back(document("GARD", "2", "Wheezeritis", "Wheezeritis",
                         {{T::causes, "Wheezeritis follows pretend dust."},
                          {T::overview, "Wheezeritis is invented."},
                          {T::symptoms, "Wheezeritis gives pretend wheezing."}},
                         {"Plonkery-induced wheezeritis"}));
    // Kinds of the focus: its words at the end, or before a dash.
    a.push_back(document("GARD", "3", "Familial plonkery", "Familial plonkery",
                         {{T::causes, "Familial plonkery runs in made-up families."}}));
    a.push_back(document("GARD", "4", "Plonkery - wheezeritis type", "Plonkery - wheezeritis type",
                         {{T::causes, "This plonkery follows pretend germs."}}));
    return a;
  }
};

TEST_F(NarrowerKinds, ANameWhoseWordsAfterTheFocusNameAnotherConditionIsNoKindOfIt) {
  const auto r = engine_->ask("What causes plonkery?");
  ASSERT_FALSE(r.focus.empty());
  ASSERT_EQ(name(r.focus[0].condition), "Plonkery");
  std::set<std::string> narrower;
  for (const auto& a : r.answers)
    if (a.via == qa::Answer::Via::narrower) narrower.insert(name(a.condition));
  EXPECT_EQ(narrower, (std::set<std::string>{"Familial plonkery", "Plonkery - wheezeritis type"}));
}

// A synonym is a kind of the focus only when the focus's words end a phrase
// of it (its head, or what an "of" names: "curvature of the penis"), not
// when they qualify the word after them ("low blood pressure" is no kind of
// blood). Invented names throughout.
class NarrowerSynonyms : public EngineSuite<NarrowerSynonyms> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    // The focus: holds an overview only.
    a.push_back(document("MPlusHealthTopics", "1", "Glimbus", "Glimbus",
                         {{T::overview, "Glimbus is a made-up test topic."}}));
    // Synonyms in which the focus's word qualifies another word.
    a.push_back(document("GARD", "2", "Drizzlosis", "Drizzlosis",
                         {{T::causes, "Drizzlosis follows pretend rain."}},
                         {"Low glimbus pressure"}));
    a.push_back(document("GARD", "3", "Wobblem syndrome", "Wobblem syndrome",
                         {{T::causes, "Wobblem syndrome follows a pretend deletion."}},
                         {"Glimbus 5q deletion syndrome"}));
    // Synonyms in which the focus's word ends a phrase: kinds of it.
    a.push_back(document("GARD", "4", "Snorbitis", "Snorbitis",
                         {{T::causes, "Snorbitis follows pretend bending."}},
                         {"Curvature of the glimbus"}));
    a.push_back(document("GARD", "5", "Frattle disease", "Frattle disease",
                         {{T::causes, "Frattle disease follows pretend frost."}},
                         {"Glimbus - acute"}));
    a.push_back(document("GARD", "6", "Pebble deficiency", "Pebble deficiency",
                         {{T::causes, "Pebble deficiency follows pretend genes."}},
                         {"low serum glimbus"}));
    return a;
  }
};

TEST_F(NarrowerSynonyms, ASynonymWhoseFocusWordsQualifyTheNextWordIsNoKindOfIt) {
  const auto r = engine_->ask("What causes glimbus?");
  ASSERT_FALSE(r.focus.empty());
  ASSERT_EQ(name(r.focus[0].condition), "Glimbus");
  std::set<std::string> narrower;
  for (const auto& a : r.answers)
    if (a.via == qa::Answer::Via::narrower) narrower.insert(name(a.condition));
  EXPECT_EQ(narrower, (std::set<std::string>{"Snorbitis", "Frattle disease", "Pebble deficiency"}));
}

TEST_F(NarrowerSynonyms, UnlessTheQuestionPutsThatSameWordAfterThem) {
  // "glimbus pressure", as in Drizzlosis's "Low glimbus pressure".
  const auto r = engine_->ask("What causes my glimbus pressure to drop?");
  ASSERT_FALSE(r.focus.empty());
  ASSERT_EQ(name(r.focus[0].condition), "Glimbus");
  std::set<std::string> narrower;
  for (const auto& a : r.answers)
    if (a.via == qa::Answer::Via::narrower) narrower.insert(name(a.condition));
  EXPECT_TRUE(narrower.contains("Drizzlosis"));
  EXPECT_FALSE(narrower.contains("Wobblem syndrome"));
}

// A name's word written as an abbreviation, in capitals ("KETTLE"), is met
// by the focus's word only when that is written in capitals too: "kettles"
// is no kind of the condition so abbreviated. Invented names throughout.
class NarrowerAbbreviations : public EngineSuite<NarrowerAbbreviations> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    // Foci: hold an overview only.
    a.push_back(document("MPlusHealthTopics", "1", "Kettles", "Kettles",
                         {{T::overview, "Kettles are a made-up test topic."}}));
    a.push_back(document("MPlusHealthTopics", "2", "BLARP", "BLARP",
                         {{T::overview, "BLARP is a made-up test topic."}}));
    // An abbreviation spelt like the focus's word.
    a.push_back(document("GARD", "3", "Zemple tube disease", "Zemple tube disease",
                         {{T::causes, "Zemple tube disease follows pretend steam."}}, {"KETTLE"}));
    // Kinds of the foci.
    a.push_back(document("GARD", "4", "Kettle fever", "Kettle fever",
                         {{T::causes, "Kettle fever follows pretend boiling."}}));
    a.push_back(document("GARD", "5", "Wimple syndrome", "Wimple syndrome",
                         {{T::causes, "Wimple syndrome follows pretend genes."}},
                         {"Familial BLARP"}));
    return a;
  }
};

TEST_F(NarrowerAbbreviations, AnAbbreviationIsNoKindOfAnOrdinaryWordSpeltLikeIt) {
  const auto r = engine_->ask("What causes kettles?");
  ASSERT_FALSE(r.focus.empty());
  ASSERT_EQ(name(r.focus[0].condition), "Kettles");
  std::set<std::string> narrower;
  for (const auto& a : r.answers)
    if (a.via == qa::Answer::Via::narrower) narrower.insert(name(a.condition));
  EXPECT_EQ(narrower, (std::set<std::string>{"Kettle fever"}));
}

TEST_F(NarrowerAbbreviations, AFocusWrittenInCapitalsStillMeetsCapitals) {
  const auto r = engine_->ask("What causes BLARP?");
  ASSERT_FALSE(r.focus.empty());
  ASSERT_EQ(name(r.focus[0].condition), "BLARP");
  std::set<std::string> narrower;
  for (const auto& a : r.answers)
    if (a.via == qa::Answer::Via::narrower) narrower.insert(name(a.condition));
  EXPECT_EQ(narrower, (std::set<std::string>{"Wimple syndrome"}));
}

// What a person does to themselves is what a name of "self-" and the deed
// calls it ("harming herself" is self-harm). Invented names.
class FocusDoneToOneself : public EngineSuite<FocusDoneToOneself> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    a.push_back(document("MPlusHealthTopics", "1", "Self-plink", "Self-plink",
                         {{T::overview, "Self-plink is a made-up test topic."},
                          {T::treatment, "Self-plink is helped by pretend talks."}}));
    return a;
  }
};

TEST_F(FocusDoneToOneself, ADeedSaidWithAReflexivePronounIsTheSelfName) {
  for (const char* q : {"My son keeps plinking himself, what can we do?",
                        "I have been plinking myself for months, how do I stop?",
                        "my daughter plinked herself again"}) {
    const auto r = engine_->ask(q);
    ASSERT_FALSE(r.focus.empty()) << q;
    EXPECT_EQ(name(r.focus[0].condition), "Self-plink") << q;
  }
}

TEST_F(FocusDoneToOneself, NotTheDeedDoneToAnother) {
  const auto r = engine_->ask("My son keeps plinking his sister, what can we do?");
  for (const auto& f : r.focus) EXPECT_NE(name(f.condition), "Self-plink");
}

// A name of two words said the other way round ("drop foot" for Foot
// Drop) is that name, when the two words stand next to each other in one
// phrase. Invented names: Plonk wibble, and Zarny fleck with the other
// name "Gorp twizzle".
class FocusSaidTheOtherWayRound : public EngineSuite<FocusSaidTheOtherWayRound> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    a.push_back(document("MPlusHealthTopics", "1", "Plonk wibble", "Plonk wibble",
                         {{T::overview, "Plonk wibble is a made-up test condition."},
                          {T::treatment, "Plonk wibble is helped by pretend splints."}}));
    a.push_back(document("GARD", "2", "Zarny fleck", "Zarny fleck",
                         {{T::overview, "Zarny fleck is invented for tests."},
                          {T::treatment, "Zarny fleck is treated with rest."}},
                         {"Gorp twizzle"}));
    return a;
  }
};

TEST_F(FocusSaidTheOtherWayRound, TheTwoWordsOfANameInTheOtherOrderAreThatName) {
  for (const char* q : {"What are the treatments for wibble plonk?",
                        "wibble plonk. What can I do to get better from my wibble plonk?"}) {
    const auto r = engine_->ask(q);
    ASSERT_FALSE(r.focus.empty()) << q;
    EXPECT_EQ(name(r.focus[0].condition), "Plonk wibble") << q;
  }
}

TEST_F(FocusSaidTheOtherWayRound, NotAcrossAStopNorAnotherName) {
  // Two sentences: the words only meet across the full stop.
  for (const auto& f :
       engine_->ask("It hurts when I wibble. Plonk sounds come from it, why?").focus)
    EXPECT_NE(name(f.condition), "Plonk wibble");
  // Only the condition's own name is read the other way round.
  for (const auto& f : engine_->ask("How is twizzle gorp treated?").focus)
    EXPECT_NE(name(f.condition), "Zarny fleck");
}

// An ordinary English word given as another name of a condition whose own
// answers never use it, though other answers do, is that word in another
// sense ("Battery" of a violence topic, "my toddler swallowed a battery");
// one its answers use is the condition's word ("Swelling" of Edema), and
// one no answer uses has no other sense here ("Piles" of Hemorrhoids).
class FocusOrdinaryWordInAnotherSense : public EngineSuite<FocusOrdinaryWordInAnotherSense> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    a.push_back(document("MPlusHealthTopics", "1", "Zorbic harm", "Zorbic harm",
                         {{T::overview, "Zorbic harm is a made-up test condition."},
                          {T::treatment, "Zorbic harm is helped by pretend counselling."}},
                         {"Lantern"}));
    a.push_back(document("MPlusHealthTopics", "2", "Plimsy gout", "Plimsy gout",
                         {{T::overview, "Plimsy gout is an invented ache of the knuckles."},
                          {T::treatment, "Plimsy gout is treated with rest."}},
                         {"Knuckles", "Trinkets"}));
    a.push_back(
        document("MPlusHealthTopics", "3", "Quibble fatigue", "Quibble fatigue",
                 {{T::overview, "Quibble fatigue is made-up tiredness."},
                  {T::treatment, "Quibble fatigue is eased by reading by lantern light."}}));
    // Other made-up entries, so that a word one answer uses is a rare one.
    for (const char* n : {"Dobble itch", "Frazzle cough", "Gimble ache", "Hobnob rash",
                          "Jiggle fever", "Kerfuffle sneeze", "Lollop cramp", "Mizzle blotch"})
      a.push_back(document("MPlusHealthTopics", std::string("f-") + n, n, n,
                           {{T::overview, std::string(n) + " is a made-up test condition."},
                            {T::treatment, std::string(n) + " is helped by pretend rest."}}));
    return a;
  }
};

TEST_F(FocusOrdinaryWordInAnotherSense, AWordTheAnswersNeverUseIsNotTheirCondition) {
  for (const char* q : {"my toddler swallowed a lantern",
                        "Lantern. Is there a lantern that could be used in a power outage?"})
    for (const auto& f : engine_->ask(q).focus) EXPECT_NE(name(f.condition), "Zorbic harm") << q;
  // Its own name still reads it.
  EXPECT_EQ(focus_name(engine_->ask("what is zorbic harm?")), "Zorbic harm");
}

TEST_F(FocusOrdinaryWordInAnotherSense, AWordItsAnswersUseOrNoAnswerUsesIsStillRead) {
  EXPECT_EQ(focus_name(engine_->ask("how do i get rid of knuckles")), "Plimsy gout");
  // No answer uses "trinkets" in any sense: the other name is its only one.
  EXPECT_EQ(focus_name(engine_->ask("how do i get rid of trinkets")), "Plimsy gout");
}

// A word of a condition's own longer name, read alone through another name
// ("Cold" of Common cold), that describes the next word in one phrase ("is
// cold weather bad for arthritis") names a kind of that thing: the
// condition's answers never use the next word, and other answers say the
// two together. Where its answers use the next word ("cold symptoms"), or
// nothing follows ("my wife has a cold"), it is the condition.
class FocusWordOfANameSaidOfTheNextWord : public EngineSuite<FocusWordOfANameSaidOfTheNextWord> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    a.push_back(document(
        "MPlusHealthTopics", "1", "Common wibble", "Common wibble",
        {{T::overview, "Common wibble is a made-up sniffle with symptoms like a runny nose."}},
        {"Wibble"}));
    a.push_back(document("MPlusHealthTopics", "2", "Frost blotch", "Frost blotch",
                         {{T::overview, "Frost blotch is an invented mark."},
                          {T::causes,
                           "Frost blotch comes on in wibble gusts of wind, "
                           "or in zapping gusts."}}));
    a.push_back(document("MPlusHealthTopics", "4", "Zaps", "Zaps",
                         {{T::overview, "Zaps are made-up shocks."}}));
    a.push_back(document("MPlusHealthTopics", "3", "Plonky ache", "Plonky ache",
                         {{T::overview, "Plonky ache is an invented joint ache."},
                          {T::treatment, "Plonky ache is treated with rest."}}));
    // Other made-up entries, so that a word two answers use is a rare one.
    for (const char* first :
         {"Dobble", "Frazzle", "Gimble", "Hobnob", "Jiggle", "Kerfuffle", "Lollop", "Mizzle"})
      for (const char* second : {"itch", "cough", "fever"}) {
        const std::string n = std::string(first) + " " + second;
        a.push_back(document("MPlusHealthTopics", "f-" + n, n, n,
                             {{T::overview, n + " is a made-up test condition."},
                              {T::treatment, n + " is helped by pretend rest."}}));
      }
    return a;
  }
};

TEST_F(FocusWordOfANameSaidOfTheNextWord, AWordThatDescribesTheNextIsNotTheCondition) {
  const auto r = engine_->ask("are wibble gusts bad for plonky ache");
  EXPECT_EQ(focus_name(r), "Plonky ache");
  for (const auto& f : r.focus) EXPECT_NE(name(f.condition), "Common wibble");
  // A one-word name in another form, said of the next word, likewise.
  const auto z = engine_->ask("are zap gusts bad for plonky ache");
  EXPECT_EQ(focus_name(z), "Plonky ache");
  for (const auto& f : z.focus) EXPECT_NE(name(f.condition), "Zaps");
}

TEST_F(FocusWordOfANameSaidOfTheNextWord, TheWordAloneOrBeforeItsOwnAnswersWordsIsStillRead) {
  EXPECT_EQ(focus_name(engine_->ask("my wife has a wibble")), "Common wibble");
  EXPECT_EQ(focus_name(engine_->ask("what are wibble symptoms")), "Common wibble");
  EXPECT_EQ(focus_name(engine_->ask("what are zaps")), "Zaps");
  // Not across a stop: "wibble. Gusts" are two phrases.
  EXPECT_EQ(focus_name(engine_->ask("my wife has a wibble. Gusts make it worse")), "Common wibble");
}

// Another name of several words read from the asker's words said in
// another order ("patches on my skin" as Birth Control's "Skin patch") is
// not that condition when a word of the name is one its answers never use,
// though other answers do: the words say where a finding is. A name read as
// written, or one whose words its answers use, is still read.
class FocusOtherNameSaidTheOtherWay : public EngineSuite<FocusOtherNameSaidTheOtherWay> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    a.push_back(document("MPlusHealthTopics", "1", "Zeppo control", "Zeppo control",
                         {{T::overview, "Zeppo control methods include pretend pills and straps."}},
                         {"Knee strap"}));
    a.push_back(document("MPlusHealthTopics", "2", "Wonky joint", "Wonky joint",
                         {{T::overview, "Wonky joint is an invented ache of the knee."}}));
    a.push_back(document("MPlusHealthTopics", "3", "Tummy grumble", "Tummy grumble",
                         {{T::overview, "Tummy grumble is a made-up ache in the belly."}},
                         {"Belly ache"}));
    for (const char* n : {"Dobble itch", "Frazzle cough", "Gimble sore", "Hobnob rash",
                          "Jiggle fever", "Kerfuffle sneeze", "Lollop cramp", "Mizzle spot"})
      a.push_back(document("MPlusHealthTopics", std::string("f-") + n, n, n,
                           {{T::overview, std::string(n) + " is a made-up test condition."},
                            {T::treatment, std::string(n) + " is helped by pretend rest."}}));
    return a;
  }
};

TEST_F(FocusOtherNameSaidTheOtherWay, ANameItsAnswersDoNotSpeakOfIsNotRead) {
  for (const char* q : {"I have straps on my knee", "I have red straps on my knee"})
    for (const auto& f : engine_->ask(q).focus) EXPECT_NE(name(f.condition), "Zeppo control") << q;
}

TEST_F(FocusOtherNameSaidTheOtherWay, AsWrittenOrInItsAnswersWordsItIsStillRead) {
  EXPECT_EQ(focus_name(engine_->ask("is a knee strap safe")), "Zeppo control");
  EXPECT_EQ(focus_name(engine_->ask("I have an ache in my belly")), "Tummy grumble");
}

// A group of conditions titled with one generic head ("Heart Diseases") is
// asked about with another ("heart problems", "heart disorders"); where the
// words with that head are an entry's own name, they stay that entry's.
class FocusAnotherGenericHead : public EngineSuite<FocusAnotherGenericHead> {
 public:
  static std::vector<Article> articles() {
    std::vector<Article> a;
    a.push_back(document("MPlusHealthTopics", "1", "Wibble Diseases", "Wibble Diseases",
                         {{T::overview, "Wibble diseases are made-up test conditions."},
                          {T::treatment, "Wibble diseases are helped by pretend splints."}}));
    a.push_back(document("MPlusHealthTopics", "2", "Zarny disorders", "Zarny disorders",
                         {{T::overview, "Zarny disorders are invented for tests."},
                          {T::treatment, "Zarny disorders are treated with rest."}}));
    a.push_back(document("MPlusHealthTopics", "3", "Gorp diseases", "Gorp diseases",
                         {{T::overview, "Gorp diseases are invented for tests."}}));
    a.push_back(document("MPlusHealthTopics", "4", "Gorp problems", "Gorp problems",
                         {{T::overview, "Gorp problems are another invented entry."}}));
    a.push_back(document("GARD", "5", "Zonky fever", "Zonky fever",
                         {{T::overview, "Zonky fever is a made-up test condition."},
                          {T::treatment, "Zonky fever is treated with pretend drops."}}));
    return a;
  }
};

TEST_F(FocusAnotherGenericHead, ANameWithAnotherGenericHeadIsThatName) {
  for (const char* q : {"How are wibble problems treated?", "what are wibble disorders"})
    EXPECT_EQ(focus_name(engine_->ask(q)), "Wibble Diseases") << q;
  for (const char* q : {"My husband has zarny problems. What can he do?",
                        "support groups for people with zarny diseases"})
    EXPECT_EQ(focus_name(engine_->ask(q)), "Zarny disorders") << q;
}

TEST_F(FocusAnotherGenericHead, AGroupSoNamedComesAfterWhatIsNamedAndNotAcrossAStop) {
  // The group is the broadest reading: a condition named beside it is
  // what is asked about.
  EXPECT_EQ(focus_name(engine_->ask("I have wibble problems and zonky fever, how is it treated?")),
            "Zonky fever");
  // "wibble. Problems ..." is no name: a full stop stands between the words.
  for (const auto& f : engine_->ask("my wibble. problems at work make it worse").focus)
    EXPECT_NE(name(f.condition), "Wibble Diseases");
}

TEST_F(FocusAnotherGenericHead, WordsThatNameAnEntryStayItsName) {
  // "Gorp problems" is an entry of its own: not another name of Gorp
  // diseases, nor the other way round.
  EXPECT_EQ(focus_name(engine_->ask("what are gorp problems?")), "Gorp problems");
  EXPECT_EQ(focus_name(engine_->ask("what are gorp diseases?")), "Gorp diseases");
}

}  // namespace
}  // namespace symptomdb
