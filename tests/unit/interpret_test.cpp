#include "checker/interpret.hpp"

#include <gtest/gtest.h>

#include "unit/checker_fixture.hpp"

namespace symptomdb::checker {
namespace {

class Interpreter_ : public ::testing::Test {
 protected:
  Interpreter_() : interpreter_(testing::checker_ontology()) {}
  std::string id_of(std::string_view phrase) const {
    const auto i = interpreter_.interpret_phrase(phrase);
    return i ? interpreter_.ontology().term(i->term).id : std::string("none");
  }
  Interpreter interpreter_;
};

TEST_F(Interpreter_, LaypersonSynonym) {
  const auto i = interpreter_.interpret_phrase("Muscle wasting");
  ASSERT_TRUE(i);
  EXPECT_EQ(interpreter_.ontology().term(i->term).id, "HP:0003202");
  EXPECT_EQ(i->label, "Skeletal muscle atrophy");
  EXPECT_EQ(i->matched, "Muscle wasting");
  EXPECT_DOUBLE_EQ(i->confidence, 1.0);
  EXPECT_EQ(i->text, "Muscle wasting");
}

TEST_F(Interpreter_, CaseDiacriticsPluralsAndWordOrder) {
  EXPECT_EQ(id_of("MUSCLE WASTING"), "HP:0003202");
  EXPECT_EQ(id_of("wasting of the muscles"), "HP:0003202");
  EXPECT_EQ(id_of("seizure"), "HP:0001250");
  EXPECT_EQ(id_of("muscle cramp"), "HP:0003394");
  EXPECT_EQ(id_of("fasciculatións"), "HP:0002380");
  EXPECT_EQ(id_of("focal onset seizures"), "HP:0007359");
}

TEST_F(Interpreter_, Typo) {
  // "twiching" is one edit from "twitching"; the exact layperson "Muscle
  // twitch" beats the related synonym "Twitching" of muscle fibrillation.
  EXPECT_EQ(id_of("twiching"), "HP:0002380");
  EXPECT_EQ(id_of("muscle twiching"), "HP:0002380");
  const auto i = interpreter_.interpret_phrase("ataxai");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->label, "Ataxia");
  EXPECT_LT(i->confidence, 1.0);
}

TEST_F(Interpreter_, LayWordsRewrite) {
  EXPECT_EQ(id_of("muscles getting smaller"), "HP:0003202");
  EXPECT_EQ(id_of("my muscles are shrinking"), "HP:0003202");
  // A connective inside a lay phrase does not split it.
  const auto r = interpreter_.interpret("pins and needles");
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(interpreter_.ontology().term(r.terms[0].term).id, "HP:0003401");
  EXPECT_TRUE(r.unmatched.empty());
  const auto two = interpreter_.interpret("muscle wasting and pins and needles");
  ASSERT_EQ(two.terms.size(), 2u);
  EXPECT_EQ(interpreter_.ontology().term(two.terms[0].term).id, "HP:0003202");
  EXPECT_EQ(interpreter_.ontology().term(two.terms[1].term).id, "HP:0003401");
}

TEST_F(Interpreter_, UnmatchedAndNonPhenotypeTerms) {
  EXPECT_EQ(id_of("purple elephant"), "none");
  EXPECT_EQ(id_of(""), "none");
  // Frequency and inheritance terms never stand for a symptom.
  EXPECT_EQ(id_of("frequent"), "none");
  EXPECT_EQ(id_of("HP:0002380"), "HP:0002380");
  EXPECT_EQ(id_of("HP:0002468"), "HP:0002380");  // alternative id
}

TEST_F(Interpreter_, SplitsFreeText) {
  const auto r = interpreter_.interpret("muscle wasting, cramps and twitching; purple elephant");
  ASSERT_EQ(r.terms.size(), 3u);
  EXPECT_EQ(interpreter_.ontology().term(r.terms[0].term).id, "HP:0003202");
  EXPECT_EQ(interpreter_.ontology().term(r.terms[1].term).id, "HP:0003394");
  EXPECT_EQ(r.terms[1].text, "cramps");
  EXPECT_EQ(interpreter_.ontology().term(r.terms[2].term).id, "HP:0002380");
  ASSERT_EQ(r.unmatched.size(), 1u);
  EXPECT_EQ(r.unmatched[0], "purple elephant");
  const auto nl = interpreter_.interpret("seizures\nataxia with muscle twitch");
  EXPECT_EQ(nl.terms.size(), 3u);
}

TEST_F(Interpreter_, SuggestsByPrefix) {
  const auto s = interpreter_.suggest("muscle w", 5);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(interpreter_.ontology().term(s[0].term).id, "HP:0003202");
  EXPECT_EQ(s[0].matched, "Muscle wasting");
  const auto seiz = interpreter_.suggest("Seiz", 10);
  ASSERT_FALSE(seiz.empty());
  EXPECT_EQ(seiz[0].label, "Seizure");
  EXPECT_EQ(seiz[0].matched, "Seizures");  // the layperson name comes first
  // A later word of a name matches too, and each term appears once.
  const auto onset = interpreter_.suggest("onset", 10);
  EXPECT_EQ(onset.size(), 2u);
  EXPECT_TRUE(interpreter_.suggest("zzz", 10).empty());
  EXPECT_EQ(interpreter_.suggest("m", 2).size(), 2u);
}

}  // namespace
}  // namespace symptomdb::checker
