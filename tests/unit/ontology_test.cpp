// The ontology graph and frequency values, on records built in the test and
// on the mini fixture (tests/fixtures/hpo/mini.obo).
#include "ontology/ontology.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "ingest/hpo_obo.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::ontology {
namespace {

TEST(FrequencyValue, HpoFrequencyTermsMapToTheMidpointOfTheirRange) {
  EXPECT_EQ(frequency_value("HP:0040280"), 1.0);
  EXPECT_EQ(frequency_value("HP:0040281"), 0.895);
  EXPECT_EQ(frequency_value("HP:0040282"), 0.545);
  EXPECT_EQ(frequency_value("HP:0040283"), 0.17);
  EXPECT_EQ(frequency_value("HP:0040284"), 0.025);
  EXPECT_EQ(frequency_value("HP:0040285"), 0.0);
  // Other HPO terms, even under "Frequency", are not frequencies.
  EXPECT_EQ(frequency_value("HP:0040279"), std::nullopt);
  EXPECT_EQ(frequency_value("HP:0001250"), std::nullopt);
}

TEST(FrequencyValue, RatiosAndPercentages) {
  EXPECT_EQ(frequency_value("1/2"), 0.5);
  EXPECT_EQ(frequency_value("3/3"), 1.0);
  EXPECT_EQ(frequency_value("0/7"), 0.0);
  EXPECT_DOUBLE_EQ(*frequency_value("17/40"), 17.0 / 40.0);
  EXPECT_EQ(frequency_value("3/2"), std::nullopt);  // more patients than were studied
  EXPECT_EQ(frequency_value("1/0"), std::nullopt);
  EXPECT_EQ(frequency_value("/2"), std::nullopt);
  EXPECT_EQ(frequency_value("1/"), std::nullopt);
  EXPECT_EQ(frequency_value("-1/2"), std::nullopt);
  EXPECT_EQ(frequency_value("1/2x"), std::nullopt);
  EXPECT_EQ(frequency_value("17%"), 0.17);
  EXPECT_DOUBLE_EQ(*frequency_value("24.3%"), 0.243);
  EXPECT_EQ(frequency_value("0%"), 0.0);
  EXPECT_EQ(frequency_value("100%"), 1.0);
  EXPECT_EQ(frequency_value("100.5%"), std::nullopt);
  EXPECT_EQ(frequency_value("-5%"), std::nullopt);
  EXPECT_EQ(frequency_value("%"), std::nullopt);
  EXPECT_EQ(frequency_value("5 %"), std::nullopt);
  EXPECT_EQ(frequency_value("1e1%"), std::nullopt);
  EXPECT_EQ(frequency_value("nan%"), std::nullopt);
  EXPECT_EQ(frequency_value(""), std::nullopt);
  EXPECT_EQ(frequency_value("often"), std::nullopt);
}

TermRecord term(std::string id, std::vector<std::string> parents = {}) {
  TermRecord t;
  t.id = std::move(id);
  t.label = "label of " + t.id;
  t.parents = std::move(parents);
  return t;
}

OntologyRecords records(std::vector<TermRecord> terms) {
  OntologyRecords r;
  r.version = "test";
  r.terms = std::move(terms);
  return r;
}

std::vector<std::string> ids(const Ontology& o, std::span<const TermIndex> ts) {
  std::vector<std::string> out;
  for (auto t : ts) out.push_back(o.term(t).id);
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

Ontology mini() {
  const auto path = test::source_dir() / "tests/fixtures/hpo/mini.obo";
  return Ontology::build(ingest::parse_obo(test::read_file(path), "mini.obo"));
}

TermIndex at(const Ontology& o, std::string_view id) {
  auto t = o.find(id);
  if (!t) throw std::runtime_error("no term " + std::string(id));
  return *t;
}

TEST(Ontology, BuildsTheMiniFixture) {
  const auto o = mini();
  EXPECT_EQ(o.version(), "2026-01-08");
  EXPECT_EQ(o.size(), 14u);  // 16 HP stanzas, two obsolete
  EXPECT_EQ(ids(o, o.roots()), std::vector<std::string>{"HP:0000001"});
  const auto hypotonia = at(o, "HP:0001290");
  EXPECT_EQ(o.term(hypotonia).label, "Generalized hypotonia");
  // Hypotonia has two parents; its child inherits both branches.
  EXPECT_EQ(ids(o, o.parents(at(o, "HP:0001252"))),
            (std::vector<std::string>{"HP:0003011", "HP:0012638"}));
  EXPECT_EQ(sorted(ids(o, o.ancestors(hypotonia))),
            (std::vector<std::string>{"HP:0000001", "HP:0000118", "HP:0000707", "HP:0001252",
                                      "HP:0001290", "HP:0003011", "HP:0012638", "HP:0033127"}));
  EXPECT_EQ(sorted(ids(o, o.children(at(o, "HP:0003011")))),
            (std::vector<std::string>{"HP:0001252", "HP:0001324", "HP:0003202"}));
  EXPECT_TRUE(o.children(hypotonia).empty());
  EXPECT_TRUE(o.is_ancestor_or_self(at(o, "HP:0000707"), hypotonia));
  EXPECT_TRUE(o.is_ancestor_or_self(hypotonia, hypotonia));
  EXPECT_FALSE(o.is_ancestor_or_self(hypotonia, at(o, "HP:0001252")));
  EXPECT_FALSE(o.is_ancestor_or_self(at(o, "HP:0000005"), hypotonia));
}

TEST(Ontology, AncestorsAreSortedAndTopologicalOrderPutsParentsFirst) {
  const auto o = mini();
  ASSERT_EQ(o.topological_order().size(), o.size());
  std::vector<std::size_t> position(o.size(), o.size());
  for (std::size_t i = 0; i < o.topological_order().size(); ++i)
    position[o.topological_order()[i]] = i;
  for (TermIndex t = 0; t < o.size(); ++t) {
    SCOPED_TRACE(o.term(t).id);
    ASSERT_LT(position[t], o.size());  // every term appears
    for (auto p : o.parents(t)) EXPECT_LT(position[p], position[t]);
    auto a = o.ancestors(t);
    EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
    EXPECT_TRUE(std::adjacent_find(a.begin(), a.end()) == a.end());
    EXPECT_TRUE(std::binary_search(a.begin(), a.end(), t));
  }
}

TEST(Ontology, AlternativeAndReplacedObsoleteIdsResolveToTheCurrentTerm) {
  const auto o = mini();
  const auto atrophy = at(o, "HP:0003202");
  EXPECT_EQ(o.find("HP:0001299"), atrophy);
  EXPECT_EQ(o.find("HP:0003545"), atrophy);
  EXPECT_EQ(o.find("HP:0001425"), at(o, "HP:0000005"));  // obsolete, replaced_by
  EXPECT_EQ(o.find("HP:0001453"), at(o, "HP:0000005"));  // alt id
  EXPECT_EQ(o.find("HP:0003743"), std::nullopt);         // obsolete, no replacement
  EXPECT_EQ(o.find("UBERON:0001630"), std::nullopt);     // not an HPO term
  EXPECT_EQ(o.find("HP:9999999"), std::nullopt);
  for (TermIndex t = 0; t < o.size(); ++t)
    EXPECT_FALSE(o.term(t).label.starts_with("obsolete")) << o.term(t).id;
  const auto& muscle = o.term(atrophy);
  EXPECT_EQ(muscle.xrefs.front(), "SNOMEDCT_US:74035001");
  EXPECT_TRUE(std::any_of(muscle.synonyms.begin(), muscle.synonyms.end(), [](const Synonym& s) {
    return s.text == "Muscle wasting" && s.layperson;
  }));
}

TEST(Ontology, ObsoleteReplacementMayItselfBeAnAlternativeId) {
  auto a = term("X:1");
  a.alt_ids = {"X:9"};
  auto old = term("X:5");
  old.obsolete = true;
  old.replaced_by = "X:9";
  const auto o = Ontology::build(records({a, term("X:2", {"X:1"}), old}));
  EXPECT_EQ(o.size(), 2u);
  EXPECT_EQ(o.find("X:5"), o.find("X:1"));
}

TEST(Ontology, UnknownParentNamesTheTerm) {
  try {
    Ontology::build(records({term("X:1"), term("X:2", {"X:1", "X:404"})}));
    FAIL() << "expected invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("X:2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("X:404"), std::string::npos) << e.what();
  }
}

TEST(Ontology, ObsoleteParentWithoutReplacementIsUnknown) {
  auto gone = term("X:3");
  gone.obsolete = true;
  EXPECT_THROW(Ontology::build(records({term("X:1"), gone, term("X:2", {"X:3"})})),
               std::invalid_argument);
}

TEST(Ontology, CycleNamesATermOnTheCycle) {
  // X:1 is the root; X:2 -> X:3 -> X:4 -> X:2 hangs below it; X:5 below the cycle.
  try {
    Ontology::build(records({term("X:1"), term("X:2", {"X:1", "X:4"}), term("X:3", {"X:2"}),
                             term("X:4", {"X:3"}), term("X:5", {"X:4"})}));
    FAIL() << "expected invalid_argument";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_TRUE(what.find("X:2") != std::string::npos || what.find("X:3") != std::string::npos ||
                what.find("X:4") != std::string::npos)
        << what;
    EXPECT_EQ(what.find("X:5"), std::string::npos) << what;
    EXPECT_NE(what.find("cycle"), std::string::npos) << what;
  }
}

TEST(Ontology, SelfLoopIsACycle) {
  EXPECT_THROW(Ontology::build(records({term("X:1", {"X:1"})})), std::invalid_argument);
}

TEST(Ontology, DuplicateIdIsAnError) {
  EXPECT_THROW(Ontology::build(records({term("X:1"), term("X:1")})), std::invalid_argument);
}

TEST(Ontology, EmptyRecordsGiveAnEmptyGraph) {
  const auto o = Ontology::build(records({}));
  EXPECT_EQ(o.size(), 0u);
  EXPECT_TRUE(o.roots().empty());
  EXPECT_TRUE(o.topological_order().empty());
}

}  // namespace
}  // namespace symptomdb::ontology
