// Issue 13: which MedQuAD documents are read as one condition. Each test
// writes a few constructed documents to a temporary folder and imports them
// with the real importer; the condition of every article is what the focus
// reader later names, so a wrong group makes a wrong focus.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/page_title.hpp"
#include "ingest/medquad.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

struct TestDoc {
  std::string collection, focus;
  std::vector<std::string> cuis, synonyms;
};

std::string xml_of(const TestDoc& d, int id) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document id=\"" +
                    std::to_string(id) + "\" source=\"" + d.collection + "\">\n<Focus>" + d.focus +
                    "</Focus>\n<FocusAnnotations><UMLS><CUIs>";
  for (const auto& c : d.cuis) out += "<CUI>" + c + "</CUI>";
  out += "</CUIs></UMLS><Synonyms>";
  for (const auto& s : d.synonyms) out += "<Synonym>" + s + "</Synonym>";
  out +=
      "</Synonyms></FocusAnnotations>\n<QAPairs><QAPair pid=\"1\"><Question qid=\"1\" "
      "qtype=\"information\">What is (are) " +
      d.focus + " ?</Question><Answer>" + d.focus +
      " is described here.</Answer></QAPair></QAPairs>\n</Document>\n";
  return out;
}

// focus -> the condition its article was put under.
std::map<std::string, std::string> conditions_of(const std::vector<TestDoc>& docs) {
  test::TempDir dir;
  for (std::size_t i = 0; i < docs.size(); ++i)
    dir.write(docs[i].collection + "/" + std::to_string(1000 + i) + ".xml",
              xml_of(docs[i], static_cast<int>(i + 1)));
  const auto imported = ingest::read_medquad(dir.path());
  std::map<std::string, std::string> out;
  // The document id is its index + 1 (the title is rewritten as the text
  // writes the name).
  for (const auto& a : imported.articles)
    out[docs.at(std::stoul(a.document_id) - 1).focus] = a.condition.name;
  return out;
}

std::size_t distinct(const std::map<std::string, std::string>& m) {
  std::set<std::string> names;
  for (const auto& [focus, condition] : m) names.insert(condition);
  return names.size();
}

TEST(MedQuadGrouping, ABroadCuiDoesNotChainUnrelatedConditions) {
  // One CUI for "Syndrome" on five unrelated syndromes: each stays itself.
  std::vector<TestDoc> docs;
  for (const char* name : {"Alstrom syndrome", "TEMPI syndrome", "Sjogren syndrome",
                           "Waterhouse-Friderichsen syndrome", "Tietze syndrome"})
    docs.push_back({"GARD", name, {"C0039082"}, {}});
  const auto c = conditions_of(docs);
  ASSERT_EQ(c.size(), 5u);
  for (const auto& [focus, condition] : c) EXPECT_EQ(condition, focus);
}

TEST(MedQuadGrouping, ANarrowCuiUnitesOnlyNamesThatAgree) {
  const auto c = conditions_of({
      // True synonyms: one lists the other.
      {"GARD", "Pilomatrixoma", {"C0206711"}, {"Pilomatricoma"}},
      {"GHR", "pilomatricoma", {"C0206711"}, {}},
      // One name contains the other.
      {"GARD", "Encephalocele", {"C0014065"}, {}},
      {"NINDS", "Encephaloceles", {"C0014065"}, {}},
      // The same CUI, names that share nothing: two conditions.
      {"ADAM", "Port-wine stain", {"C0235752"}, {}},
      {"ADAM", "Stork bite", {"C0235752"}, {}},
  });
  EXPECT_EQ(c.at("Pilomatrixoma"), c.at("pilomatricoma"));
  EXPECT_EQ(c.at("Encephalocele"), c.at("Encephaloceles"));
  EXPECT_NE(c.at("Port-wine stain"), c.at("Stork bite"));
  EXPECT_EQ(distinct(c), 4u);
}

TEST(MedQuadGrouping, APageAboutAConditionJoinsItsCondition) {
  const auto c = conditions_of({
      {"MPlusHealthTopics", "Kidney Stones", {}, {}},
      {"NIDDK", "What I need to know about Kidney Stones", {}, {}},
      {"ADAM", "Stroke", {}, {}},
      {"ADAM", "Stroke - discharge", {}, {}},
      // The part after the dash narrows: a condition of its own.
      {"ADAM", "Meningitis", {}, {}},
      {"ADAM", "Meningitis - cryptococcal", {}, {}},
  });
  EXPECT_EQ(c.at("What I need to know about Kidney Stones"), "Kidney Stones");
  EXPECT_EQ(c.at("Stroke - discharge"), "Stroke");
  EXPECT_EQ(c.at("Meningitis - cryptococcal"), "Meningitis - cryptococcal");
}

TEST(MedQuadGrouping, ALayPageListingTheFormalNameJoinsIt) {
  // No CUI in common: the synonym list alone says they are one condition.
  const auto c = conditions_of({
      {"ADAM", "Erection problems", {"C1"}, {"Erectile dysfunction", "Impotence"}},
      {"MPlusHealthTopics", "Erectile Dysfunction", {"C2"}, {}},
  });
  EXPECT_EQ(c.at("Erection problems"), c.at("Erectile Dysfunction"));
}

TEST(MedQuadGrouping, OneWayListingsDoNotChainFromGroupToGroup) {
  // A lists B, B lists C (related, not the same): at most one of the two
  // links is followed, so A and C never share a condition.
  const auto c = conditions_of({
      {"GARD", "Pure autonomic failure", {}, {"Orthostatic hypotension"}},
      {"GARD", "Orthostatic hypotension", {}, {"Low blood pressure"}},
      {"ADAM", "Low blood pressure", {}, {}},
  });
  EXPECT_NE(c.at("Pure autonomic failure"), c.at("Low blood pressure"));
  EXPECT_GE(distinct(c), 2u);
}

TEST(MedQuadGrouping, AParentNameEveryTypeListsDoesNotMergeTheTypes) {
  std::vector<TestDoc> docs = {{"GHR", "Noonan syndrome", {}, {}}};
  for (const char* name :
       {"Noonan syndrome 1", "Noonan syndrome 3", "Noonan syndrome 4", "Noonan syndrome 6"})
    docs.push_back({"GARD", name, {}, {"Noonan syndrome"}});
  const auto c = conditions_of(docs);
  EXPECT_EQ(distinct(c), 5u);
}

TEST(MedQuadGrouping, TheSameNameIsOneConditionWhateverItsCuis) {
  const auto c = conditions_of({
      {"GHR", "Parkinson disease", {"C1", "C2"}, {}},
      {"GARD", "Parkinson's disease", {"C3"}, {}},
  });
  EXPECT_EQ(distinct(c), 1u);
}

TEST(MedQuadPageTitle, NamesTheConditionAPageIsAbout) {
  EXPECT_EQ(title_subject("What I need to know about Hepatitis C"), "Hepatitis C");
  EXPECT_EQ(title_subject("Stroke - discharge"), "Stroke");
  EXPECT_EQ(title_subject("Epilepsy - children - discharge"), "Epilepsy");
  EXPECT_EQ(title_subject("Heart failure - what to ask your doctor"), "Heart failure");
  EXPECT_EQ(title_subject("Kidney Failure: What to Expect"), "Kidney Failure");
  // Titles that are names of their own.
  EXPECT_EQ(title_subject("Cancer - penis"), "");
  EXPECT_EQ(title_subject("Meningitis - cryptococcal"), "");
  EXPECT_EQ(title_subject("Gout"), "");
  EXPECT_EQ(title_subject("Pyelonephritis: Kidney Infection"), "");
  EXPECT_TRUE(generic_title_part("what to ask your doctor - adult"));
  EXPECT_FALSE(generic_title_part("cryptococcal"));
}

}  // namespace
}  // namespace symptomdb
