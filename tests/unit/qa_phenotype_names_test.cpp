// Lay words from the phenotype ontology: a condition whose own name is an
// HPO finding (or that shares the finding's UMLS concept) is also reached by
// the finding's other names, but only where such a name is unambiguous and
// the condition has answers. The ontology and conditions are invented; the
// ontology goes through the same function the server uses
// (web::phenotype_naming over the loaded graph).
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "ontology/ontology.hpp"
#include "qa/engine.hpp"
#include "web/symptoms.hpp"

namespace symptomdb {
namespace {

using T = SectionType;
using ontology::SynonymScope;

Article document(const std::string& id, const std::string& condition,
                 std::vector<std::pair<T, std::string>> parts, std::vector<std::string> cuis = {}) {
  Article a;
  a.slug = "test-" + id;
  a.title = condition;
  a.condition.name = condition;
  a.condition.cuis = std::move(cuis);
  a.collection = "MPlusHealthTopics";
  a.document_id = id;
  a.license = "test";
  a.provenance.format = "medquad";
  for (auto& [type, text] : parts) {
    Section s;
    s.type = type;
    s.intro = std::move(text);
    a.sections.push_back(std::move(s));
  }
  return a;
}

ontology::TermRecord term(std::string id, std::string label, std::vector<ontology::Synonym> syns,
                          std::vector<std::string> xrefs = {}) {
  ontology::TermRecord t;
  t.id = std::move(id);
  t.label = std::move(label);
  t.synonyms = std::move(syns);
  t.xrefs = std::move(xrefs);
  if (t.id != "HP:0000001") t.parents = {"HP:0000001"};
  return t;
}

class FocusPhenotypeNames : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ontology::OntologyRecords hpo;
    hpo.version = "test";
    hpo.terms.push_back(term("HP:0000001", "All", {}));
    // The finding a condition is named as, with a lay synonym, and a
    // broader one that names something else.
    hpo.terms.push_back(term("HP:0000010", "Grumbleskin",
                             {{"Itchy grumbles", SynonymScope::related, true},
                              {"Odd skin feeling", SynonymScope::broad, false},
                              {"Zorblat disease", SynonymScope::related, false}}));
    // A finding that shares a UMLS concept with a condition of another name.
    hpo.terms.push_back(term("HP:0000020", "Patellar clonk",
                             {{"Noisy kneecap", SynonymScope::exact, true}}, {"UMLS:C9990001"}));
    // Two conditions whose findings share a lay name: it names neither.
    hpo.terms.push_back(
        term("HP:0000030", "Sneezlewort", {{"Nose tickle", SynonymScope::related, true}}));
    hpo.terms.push_back(
        term("HP:0000040", "Sneezle fever", {{"Nose tickle", SynonymScope::related, true}}));
    // A condition without answers gets no route.
    hpo.terms.push_back(
        term("HP:0000050", "Flumadrol", {{"Flumadrol trouble", SynonymScope::exact, true}}));
    const auto naming = web::phenotype_naming(ontology::Ontology::build(hpo));

    std::vector<Article> a;
    a.push_back(document("1", "Grumbleskin",
                         {{T::treatment, "Grumbleskin is treated with pretend cream."},
                          {T::overview, "Grumbleskin is an invented test condition."}}));
    a.push_back(document("2", "Knee clonking",
                         {{T::treatment, "Knee clonking is treated with pretend rest."},
                          {T::overview, "Knee clonking is invented."}},
                         {"C9990001"}));
    a.push_back(document("3", "Sneezlewort", {{T::overview, "Sneezlewort is invented."}}));
    a.push_back(document("4", "Sneezle fever", {{T::overview, "Sneezle fever is invented."}}));
    a.push_back(document("5", "Flumadrol", {}));
    a.push_back(document("6", "Zorblat disease",
                         {{T::overview, "Zorblat disease is another invented condition."}}));
    snapshot_ = std::make_shared<const Snapshot>(std::move(a), naming.names, naming.synonyms);
    engine_ = new qa::Engine(snapshot_);
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
    snapshot_.reset();
  }
  static const ConditionEntry& condition(const std::string& name) {
    for (const auto& c : snapshot_->conditions())
      if (c.name == name) return c;
    throw std::runtime_error("no condition " + name);
  }
  static std::string focus_name(const qa::Result& r) {
    return r.focus.empty() ? "(none)" : snapshot_->conditions()[r.focus[0].condition].name;
  }
  static bool names(const ConditionEntry& c, const std::string& n) {
    return std::find(c.phenotype_names.begin(), c.phenotype_names.end(), n) !=
           c.phenotype_names.end();
  }
  static inline std::shared_ptr<const Snapshot> snapshot_;
  static inline qa::Engine* engine_ = nullptr;
};

TEST_F(FocusPhenotypeNames, TheSnapshotTakesTheFindingsOtherNames) {
  const auto& grumble = condition("Grumbleskin");
  EXPECT_TRUE(names(grumble, "Itchy grumbles"));
  EXPECT_FALSE(names(grumble, "Grumbleskin"));       // its own name already
  EXPECT_FALSE(names(grumble, "Odd skin feeling"));  // broader: another thing
  // By the shared UMLS concept: the finding's label and its synonym.
  const auto& knee = condition("Knee clonking");
  EXPECT_TRUE(names(knee, "Patellar clonk"));
  EXPECT_TRUE(names(knee, "Noisy kneecap"));
  // Without the ontology, nothing.
  const Snapshot bare(std::vector<Article>{document("1", "Grumbleskin", {{T::overview, "x"}})});
  EXPECT_TRUE(bare.conditions()[0].phenotype_names.empty());
}

TEST_F(FocusPhenotypeNames, ALayWordResolvesToTheConditionsName) {
  auto r = engine_->ask("how do you treat itchy grumbles?");
  EXPECT_EQ(focus_name(r), "Grumbleskin");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(r.focus[0].kind, qa::NameKind::phenotype);
  EXPECT_EQ(r.focus[0].name, "Itchy grumbles");
  ASSERT_FALSE(r.answers.empty());
  EXPECT_EQ(r.answers[0].type, T::treatment);
  EXPECT_EQ(snapshot_->conditions()[r.answers[0].condition].name, "Grumbleskin");

  r = engine_->ask("what can I do about a noisy kneecap");
  EXPECT_EQ(focus_name(r), "Knee clonking");
  r = engine_->ask("what is patellar clonk");
  EXPECT_EQ(focus_name(r), "Knee clonking");
}

TEST_F(FocusPhenotypeNames, OnlyWhereTheNameIsUnambiguousAndAnswered) {
  // Claimed by two conditions' findings: no route.
  auto r = engine_->ask("what is a nose tickle");
  EXPECT_NE(focus_name(r), "Sneezlewort");
  EXPECT_NE(focus_name(r), "Sneezle fever");
  // Another condition's own name stays that condition's.
  r = engine_->ask("what is zorblat disease");
  EXPECT_EQ(focus_name(r), "Zorblat disease");
  ASSERT_FALSE(r.focus.empty());
  EXPECT_EQ(r.focus[0].kind, qa::NameKind::name);
  // A condition with no answers gets no lay route.
  r = engine_->ask("what is flumadrol trouble");
  for (const auto& f : r.focus) EXPECT_NE(f.kind, qa::NameKind::phenotype);
}

}  // namespace
}  // namespace symptomdb
