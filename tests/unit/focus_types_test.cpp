// What a knowledge-base entry is about: the UMLS semantic types and group of
// a MedQuAD document's focus, kept from the XML through the store (migration
// 008) to the condition profiles, where a sign or symptom ranks below the
// disorders that explain it. Constructed small inputs; the texts are test
// data, not medical statements.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "checker/conditions.hpp"
#include "checker/description.hpp"
#include "core/embedded.hpp"
#include "ingest/medquad.hpp"
#include "profile_fixture.hpp"
#include "store/common.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb {
namespace {

std::string document(int id, const std::string& focus, const std::string& annotations) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document id=\"" + std::to_string(id) +
         "\" source=\"MPlusHealthTopics\">\n<Focus>" + focus + "</Focus>\n<FocusAnnotations>" +
         annotations +
         "</FocusAnnotations>\n<QAPairs><QAPair pid=\"1\"><Question qid=\"1\" "
         "qtype=\"information\">What is (are) " +
         focus + " ?</Question><Answer>" + focus +
         " is described here.</Answer></QAPair></QAPairs>\n</Document>\n";
}

TEST(MedquadImport, KeepsTheSemanticTypesAndGroupOfTheFocus) {
  test::TempDir dir;
  dir.write("4_MPlus_Health_Topics_QA/0001.xml",
            document(1, "Spinning Feeling",
                     "<Category>Disease</Category><UMLS><CUIs><CUI>C1</CUI></CUIs>"
                     "<SemanticTypes><SemanticType>T033</SemanticType>"
                     "<SemanticType>T184</SemanticType></SemanticTypes>"
                     "<SemanticGroup>Disorders</SemanticGroup></UMLS>"));
  // CDC's documents carry the elements empty: not annotated.
  dir.write("9_CDC_QA/0002.xml",
            document(2, "Some Infection",
                     "<UMLS><CUIs/><SemanticTypes><SemanticType></SemanticType></SemanticTypes>"
                     "<SemanticGroup></SemanticGroup></UMLS>"));
  dir.write("4_MPlus_Health_Topics_QA/0003.xml",
            document(3, "Pill Topics", "<Category>Other</Category>"));
  const auto imported = ingest::read_medquad(dir.path());
  ASSERT_EQ(imported.articles.size(), 3u);
  for (const auto& a : imported.articles) {
    if (a.document_id == "1") {
      EXPECT_EQ(a.condition.semantic_types, (std::vector<std::string>{"T033", "T184"}));
      EXPECT_EQ(a.condition.semantic_group, "Disorders");
      EXPECT_EQ(a.condition.cuis, std::vector<std::string>{"C1"});
    } else {
      EXPECT_TRUE(a.condition.semantic_types.empty()) << a.document_id;
      EXPECT_EQ(a.condition.semantic_group, "") << a.document_id;
    }
    if (a.document_id == "3") {
      EXPECT_EQ(a.condition.kind, "other");
    }
  }
}

void exec(sqlite3* h, const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  const std::string message = err ? err : "";
  sqlite3_free(err);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

// A real SQLite file at schema 7 with an article: migration 008 keeps it
// (with no types: it was imported before they were kept), and an article
// written with types reads back with them after the store is opened again.
TEST(SqliteStore, Migration008KeepsTheFocusTypesOfArticles) {
  test::TempDir dir;
  const auto db = dir.file("v7.db");
  const auto files = store::migration_files(store::SqlDialect::sqlite);
  ASSERT_GE(files.size(), 8u);
  ASSERT_NE(files[7].find("008_"), std::string::npos) << files[7];
  {
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
    exec(h,
         "PRAGMA foreign_keys = OFF; CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
         "name TEXT NOT NULL, applied_at TEXT NOT NULL);");
    for (std::size_t i = 0; i < 7; ++i) {
      exec(h, std::string(*embedded_file(files[i])));
      exec(h, "INSERT INTO schema_migrations VALUES (" + std::to_string(i + 1) + ", '" +
                  std::to_string(i + 1) + "', '2026-01-01T00:00:00Z');");
    }
    exec(h,
         "INSERT INTO conditions (id, slug, name, kind) VALUES (1, 'old-topic', 'Old topic', "
         "'disease');"
         "INSERT INTO articles (id, slug, title, condition_id, introduction, format, imported_at, "
         "collection) VALUES (1, 'old-topic', 'What is it?', 1, 'Intro.', 'medquad', "
         "'2026-01-01T00:00:00Z', 'MPlusHealthTopics');"
         "INSERT INTO article_cuis VALUES (1, 'C9');");
    sqlite3_close(h);
  }
  {
    auto store = store::open_store(db);
    EXPECT_EQ(store->schema_version(), 8);
    const auto old = store->find_article("old-topic");
    ASSERT_TRUE(old);
    EXPECT_EQ(old->condition.cuis, std::vector<std::string>{"C9"});
    EXPECT_TRUE(old->condition.semantic_types.empty());
    EXPECT_EQ(old->condition.semantic_group, "");
    Article a = testing::condition_entry("new-topic", "New topic", "Some text.", "GARD");
    a.condition.semantic_types = {"T047", "T019"};
    a.condition.semantic_group = "Disorders";
    store->put_articles(std::span<const Article>(&a, 1));
  }
  auto store = store::open_store(db);
  const auto back = store->find_article("new-topic");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->condition.semantic_types, (std::vector<std::string>{"T047", "T019"}));
  EXPECT_EQ(back->condition.semantic_group, "Disorders");
}

}  // namespace

namespace checker {
namespace {

Article entry(std::string slug, std::string name, std::string symptoms,
              std::vector<std::string> types, std::string kind = "disease") {
  Article a =
      testing::condition_entry(std::move(slug), std::move(name),
                               testing::with_filler(std::move(symptoms)), "MPlusHealthTopics");
  a.provenance.format = "medquad";
  a.condition.semantic_types = std::move(types);
  a.condition.kind = std::move(kind);
  return a;
}

ProfileQuery query(std::string_view text) {
  ProfileQuery q;
  for (const auto& f : read_description(text).findings)
    (f.negated ? q.absent : q.present).push_back(ProfileFinding{f.text, {}});
  q.limit = 20;
  return q;
}

TEST(ProfileFocus, WhatTheSourcesSayAnEntryIsAbout) {
  EXPECT_EQ(focus_of({"T184"}, {"disease"}), Focus::symptom);
  EXPECT_EQ(focus_of({"T033", "T184"}, {"disease"}), Focus::symptom);
  EXPECT_EQ(focus_of({"T033"}, {"disease"}), Focus::finding);
  EXPECT_EQ(focus_of({"T184", "T047"}, {"disease"}), Focus::disorder);
  EXPECT_EQ(focus_of({}, {"other"}), Focus::other);
  EXPECT_EQ(focus_of({}, {"other", "disease"}), Focus::disorder);
  EXPECT_EQ(focus_of({}, {}), Focus::disorder);  // the site's own, unmatched
}

// A guide about a disorder carries the disorder's types, yet it is a page to
// read, not a condition to suggest.
TEST(ProfileFocus, AGuideTitleIsNotACondition) {
  EXPECT_TRUE(is_guide_title("What I need to know about Interstitial Cystitis"));
  EXPECT_TRUE(is_guide_title("How to use an inhaler - no spacer"));
  EXPECT_TRUE(is_guide_title("Your Guide to Diabetes: Type 1 and Type 2"));
  EXPECT_TRUE(is_guide_title("What causes bone loss?"));
  EXPECT_FALSE(is_guide_title("Interstitial cystitis"));
  EXPECT_FALSE(is_guide_title("Whipple disease"));  // a word that opens with "wh"
  std::vector<Article> a;
  a.push_back(entry("guide", "What I need to know about Zed Cystitis",
                    "Zed cystitis causes bladder pain and urgency; bladder pain, urgency, "
                    "frequency of urination.",
                    {"T047"}));
  a.push_back(
      entry("zed", "Zed cystitis", "Zed cystitis causes bladder pain and urgency.", {"T047"}));
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  const auto q = query("Bladder pain and urgency.");
  EXPECT_EQ(testing::rank_of(model, q, "Zed cystitis"), 1u);
  EXPECT_EQ(testing::rank_of(model, q, "What I need to know about Zed Cystitis"), 2u);
}

// The symptom-named entry's text is all about the person's complaint, so
// BM25 alone ranks it first; its type puts the disorder that explains the
// complaint first.
TEST(ProfileFocus, ASymptomNamedEntryDoesNotOutrankADisorder) {
  std::vector<Article> a;
  a.push_back(entry("spinning", "Spinning Feeling",
                    "A spinning feeling and dizziness. Dizziness when standing, dizziness in the "
                    "morning, dizziness with nausea.",
                    {"T184"}));
  a.push_back(entry("ear-disease", "Zed ear disease",
                    "Zed ear disease causes dizziness, ringing in the ears and hearing loss.",
                    {"T047"}));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  const auto q = query("Dizziness and nausea.");
  ASSERT_LT(model.parameters().symptom_prior, 0);
  EXPECT_EQ(testing::rank_of(model, q, "Zed ear disease"), 1u);
  EXPECT_EQ(testing::rank_of(model, q, "Spinning Feeling"), 2u);  // demoted, still ranked
  // Without the demotion the symptom comes first: the rule decides.
  auto p = model.parameters();
  p.symptom_prior = 0;
  model.set_query_parameters(p);
  EXPECT_EQ(testing::rank_of(model, q, "Spinning Feeling"), 1u);
}

// A medicines topic filed as "other" ranks below a disorder; with
// other_profiles = 0 it is not a condition at all.
TEST(ProfileFocus, AMedicinesTopicIsNotRankedAsADisorder) {
  std::vector<Article> a;
  a.push_back(entry("medicines", "Runny Nose Medicines",
                    "Medicines for a runny nose, a runny nose and sneezing; a runny nose in "
                    "children.",
                    {}, "other"));
  a.push_back(entry("cold", "Zed cold", "Zed cold causes a runny nose, sneezing and a sore throat.",
                    {"T047"}));
  const Snapshot snap(std::move(a));
  auto model = ConditionModel::build(snap);
  const auto q = query("Runny nose.");
  EXPECT_EQ(testing::rank_of(model, q, "Zed cold"), 1u);
  auto p = model.parameters();
  p.other_prior = 0;
  model.set_query_parameters(p);
  EXPECT_EQ(testing::rank_of(model, q, "Runny Nose Medicines"), 1u);
  ProfileParameters build;
  build.other_profiles = 0;
  const auto without = ConditionModel::build(snap, build);
  EXPECT_EQ(without.size(), 1u);
  EXPECT_EQ(testing::rank_of(without, q, "Runny Nose Medicines"), 0u);
}

// The site's own article has no annotation: it is what the annotated entry
// of one of its names is, and a disorder when no such entry exists.
TEST(ProfileFocus, ASiteArticleTakesTheFocusOfTheAnnotatedEntryOfItsName) {
  std::vector<Article> a;
  a.push_back(entry("medquad-ache", "Zed ache", "", {"T184"}));
  Article site = testing::condition_entry("site-ache", "Zed pains",
                                          testing::with_filler("Zed pains hurt."), "");
  site.condition.synonyms = {"Zed ache"};
  site.provenance.format = "markdown";
  a.push_back(site);
  Article own = testing::condition_entry("site-itch", "Yon itch",
                                         testing::with_filler("Yon itch itches."), "");
  own.provenance.format = "markdown";
  a.push_back(own);
  const Snapshot snap(std::move(a));
  const auto model = ConditionModel::build(snap);
  int seen = 0;
  for (std::size_t i = 0; i < model.size(); ++i) {
    const auto& p = model.profile(i);
    if (p.name == "Zed pains") {
      EXPECT_EQ(p.focus, Focus::symptom);
      ++seen;
    }
    if (p.name == "Yon itch") {
      EXPECT_EQ(p.focus, Focus::disorder);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace checker
}  // namespace symptomdb
