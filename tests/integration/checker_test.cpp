// The symptom checker through the real server: POST /api/v1/check, the
// autocomplete, the /check page without JavaScript, red flags, links between
// the checker and articles, errors, and picking up an HPO import while
// running. Uses the project's own tiny fixture (tests/fixtures/checker_web:
// invented diseases over a handful of HPO terms), so it needs no ../shared.
// On SQLite, and on PostgreSQL with SYMPTOMDB_TEST_STORE=postgresql
// (support/stores.hpp).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <thread>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/site_server.hpp"
#include "support/stores.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::test {
namespace {

using nlohmann::json;

std::string fixture(const std::string& name) {
  return (source_dir() / "tests/fixtures/checker_web" / name).string();
}

void import_fixture(const std::string& db) {
  auto r = run({binary(), "import", "hpo", fixture("hp.obo"), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({binary(), "import", "hpoa", fixture("phenotype.hpoa"), "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

HttpResponse check(std::uint16_t port, const std::string& body) {
  return http_request(port, "POST", "/api/v1/check", {{"Content-Type", "application/json"}}, body);
}

class CheckerTest : public SiteServerSuite<CheckerTest> {
 public:
  // The HPO fixture, before the server starts and loads its snapshot.
  static void prepare(const std::string& db) { import_fixture(db); }
};

std::vector<std::string> ids(const json& conditions) {
  std::vector<std::string> out;
  for (const auto& c : conditions) out.push_back(c["id"]);
  return out;
}

std::ptrdiff_t rank_of(const json& conditions, const std::string& id) {
  const auto v = ids(conditions);
  const auto it = std::find(v.begin(), v.end(), id);
  return it == v.end() ? -1 : it - v.begin();
}

TEST_F(CheckerTest, PlainWordsAreReadAsTermsAndExplainTheRanking) {
  const auto r = check(port(), R"({"symptoms": ["muscle wasting", "muscle twitch"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  ASSERT_EQ(j["interpreted"].size(), 2u);
  EXPECT_EQ(j["interpreted"][0]["text"], "muscle wasting");
  EXPECT_EQ(j["interpreted"][0]["term"], "HP:0003202");
  EXPECT_EQ(j["interpreted"][0]["label"], "Skeletal muscle atrophy");
  EXPECT_EQ(j["interpreted"][1]["term"], "HP:0002380");

  ASSERT_FALSE(j["conditions"].empty());
  const auto& top = j["conditions"][0];
  EXPECT_EQ(top["id"], "ORPHA:990001");  // the only disease annotated with both
  EXPECT_EQ(top["name"], "Example wasting disorder");
  ASSERT_EQ(top["matched"].size(), 2u);
  EXPECT_EQ(top["matched"][0]["query"], "muscle wasting");
  EXPECT_EQ(top["matched"][0]["disease_term"], "HP:0003202");
  EXPECT_GT(top["matched"][0]["contribution"].get<double>(), 0);
  // The explanation adds up to the score.
  double sum = 0;
  for (const auto& m : top["matched"]) sum += m["contribution"].get<double>();
  EXPECT_NEAR(sum, top["score"].get<double>(), 0.01);
  // Frequent annotated findings the query did not mention are offered.
  bool weakness = false;
  for (const auto& m : top["missing_common"]) weakness |= m["id"] == "HP:0001324";
  EXPECT_TRUE(weakness) << top["missing_common"].dump();
  // Sources, licence and versions on every answer.
  EXPECT_EQ(top["sources"].back()["name"], "HPO annotations");
  EXPECT_EQ(j["hpo_version"], "2099-01-01");
  EXPECT_EQ(j["annotations_version"], "2099-01-02");
  EXPECT_NE(j["attribution"].get<std::string>().find("HPO Consortium"), std::string::npos);
  EXPECT_NE(j["notice"].get<std::string>().find("Not a diagnosis"), std::string::npos);
  EXPECT_TRUE(j["emergency"].is_null());
}

TEST_F(CheckerTest, AlternativeIdsMapToTheCurrentTerm) {
  const auto r = check(port(), R"({"symptoms": ["HP:0007248"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  EXPECT_EQ(j["interpreted"][0]["term"], "HP:0003202");
  // The disease annotated under the alternative id is found by the current one.
  EXPECT_GE(rank_of(j["conditions"], "ORPHA:990004"), 0) << j["conditions"].dump();
}

TEST_F(CheckerTest, AnExcludedFindingMovesADiseaseDown) {
  auto r = check(port(), R"({"symptoms": ["muscle cramps", "muscle weakness"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto without = json::parse(r.body)["conditions"];
  r = check(
      port(),
      R"({"symptoms": ["muscle cramps", "muscle weakness"], "excluded": ["muscle wasting"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  EXPECT_EQ(j["interpreted"][2]["excluded"], true);
  const auto with = j["conditions"];
  // 990001 has muscle wasting very frequently; 990002 is annotated NOT to.
  ASSERT_GE(rank_of(with, "ORPHA:990002"), 0);
  ASSERT_GE(rank_of(with, "ORPHA:990001"), 0);
  EXPECT_LT(rank_of(with, "ORPHA:990002"), rank_of(with, "ORPHA:990001"));
  EXPECT_LT(with[rank_of(with, "ORPHA:990001")]["score"].get<double>(),
            without[rank_of(without, "ORPHA:990001")]["score"].get<double>());
}

TEST_F(CheckerTest, AgeBelowTheAnnotatedOnsetCountsAgainst) {
  // 990004 is annotated with late onset (after 60 years).
  auto at_age = [&](int age) {
    const auto r =
        check(port(), R"({"symptoms": ["muscle weakness"], "age": )" + std::to_string(age) + "}");
    EXPECT_EQ(r.status, 200) << r.body;
    const auto conditions = json::parse(r.body)["conditions"];
    const auto at = rank_of(conditions, "ORPHA:990004");
    EXPECT_GE(at, 0) << conditions.dump();
    return conditions[at];
  };
  const auto young = at_age(20), old = at_age(70);
  EXPECT_EQ(young["earliest_onset_years"], 60);
  EXPECT_EQ(young["onset"][0]["id"], "HP:0003584");
  ASSERT_TRUE(young.contains("age_contribution"));
  EXPECT_LT(young["age_contribution"].get<double>(), 0);
  EXPECT_FALSE(old.contains("age_contribution"));
  EXPECT_NEAR(old["score"].get<double>() + young["age_contribution"].get<double>(),
              young["score"].get<double>(), 0.01);
  const auto page = http_get(port(), "/check?text=muscle+weakness&age=20");
  EXPECT_NE(page.body.find("Its annotated onset is at 60 years or later"), std::string::npos);
}

TEST_F(CheckerTest, EachDiseaseHasAPageWithEverythingItsAnnotationsSay) {
  auto r = http_get(port(), "/api/v1/diseases/ORPHA:990002");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["name"], "Example cramp syndrome");
  ASSERT_EQ(j["findings"].size(), 2u);
  EXPECT_EQ(j["findings"][0]["id"], "HP:0003394");  // the most frequent first
  EXPECT_EQ(j["not_present"][0]["id"], "HP:0003202");
  EXPECT_EQ(j["hpo_version"], "2099-01-01");
  EXPECT_EQ(j["sources"].back()["name"], "HPO annotations");

  // A frequency the file does not give is not made up.
  r = http_get(port(), "/api/v1/diseases/ORPHA:990005");
  ASSERT_EQ(r.status, 200) << r.body;
  j = json::parse(r.body);
  EXPECT_FALSE(j["findings"][0].contains("frequency")) << r.body;

  const auto page = http_get(port(), "/check/diseases/ORPHA:990002");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Example cramp syndrome"), std::string::npos);
  EXPECT_NE(page.body.find("Findings the sources say are not part of it"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/check?s=HP%3A0003394\""), std::string::npos);
  EXPECT_NE(page.body.find("HPO Consortium"), std::string::npos);
  EXPECT_NE(http_get(port(), "/check/diseases/ORPHA:990005").body.find("frequency not given"),
            std::string::npos);

  // The checker's answers link to these pages.
  const auto check_page = http_get(port(), "/check?text=muscle+cramps");
  EXPECT_NE(check_page.body.find("href=\"/check/diseases/ORPHA:990002\""), std::string::npos);

  EXPECT_EQ(http_get(port(), "/api/v1/diseases/ORPHA:1").status, 404);
  EXPECT_EQ(http_get(port(), "/check/diseases/not-an-id").status, 404);
  EXPECT_EQ(http_get(port(), "/check/diseases/%3Cscript%3E").status, 404);
  EXPECT_EQ(http_request(port(), "POST", "/api/v1/diseases/ORPHA:990002").status, 405);
}

TEST_F(CheckerTest, RedFlagFindingsComeWithAnEmergencyNotice) {
  const auto r = check(port(), R"({"symptoms": ["chest pain"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  ASSERT_TRUE(j["emergency"].is_object()) << r.body;
  EXPECT_EQ(j["emergency"]["kinds"][0], "cardiac");
  EXPECT_EQ(j["emergency"]["findings"][0]["id"], "HP:0100749");
  EXPECT_NE(j["emergency"]["message"].get<std::string>().find("emergency"), std::string::npos);

  const auto page = http_get(port(), "/check?text=chest+pain");
  ASSERT_EQ(page.status, 200);
  const auto alert = page.body.find("class=\"emergency\"");
  ASSERT_NE(alert, std::string::npos);
  EXPECT_LT(alert, page.body.find("Conditions that fit best"));
}

// A red flag read from a description in the person's own words gives the
// same notice as when listed: what to do now for that kind of sign, in the
// JSON and in the triage box of the page, not only "get emergency care".
TEST_F(CheckerTest, ARedFlagReadFromADescriptionGivesItsNotice) {
  const auto r = check(port(), R"({"description": "I have chest pain"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  EXPECT_EQ(j["triage"]["level"], "emergency") << j["triage"].dump();
  ASSERT_TRUE(j["emergency"].is_object()) << r.body;
  EXPECT_EQ(j["emergency"]["kinds"], json::array({"cardiac"}));
  const std::string message = j["emergency"]["message"];
  EXPECT_NE(message.find("heart attack"), std::string::npos) << message;

  const auto page = http_get(port(), "/check?d=I+have+chest+pain");
  ASSERT_EQ(page.status, 200);
  const auto notice = page.body.find("class=\"triage-emergency\"");
  ASSERT_NE(notice, std::string::npos) << page.body;
  EXPECT_LT(page.body.find("data-triage="), notice);
  EXPECT_NE(page.body.find("heart attack", notice), std::string::npos);

  // A description with no red flag has no notice.
  const auto calm = json::parse(check(port(), R"({"description": "I have a headache"})").body);
  EXPECT_TRUE(calm["emergency"].is_null()) << calm.dump();
}

TEST_F(CheckerTest, RankedConditionsLinkToArticlesAndArticlesToTheChecker) {
  const auto r = check(port(), R"({"symptoms": ["headache"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  const auto at = rank_of(j["conditions"], "ORPHA:990003");
  ASSERT_GE(at, 0);
  ASSERT_FALSE(j["conditions"][at]["articles"].empty());
  EXPECT_EQ(j["conditions"][at]["articles"][0]["url"], "/articles/headache");

  const auto article = http_get(port(), "/articles/headache");
  ASSERT_EQ(article.status, 200);
  EXPECT_NE(article.body.find("href=\"/check?s=HP:0002315\""), std::string::npos);
}

TEST_F(CheckerTest, SuggestsTermsByPrefixLaypersonNamesIncluded) {
  const auto r = http_get(port(), "/api/v1/symptoms/suggest?prefix=muscle+wa");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  ASSERT_FALSE(j["suggestions"].empty());
  EXPECT_EQ(j["suggestions"][0]["id"], "HP:0003202");
  EXPECT_EQ(http_get(port(), "/api/v1/symptoms/suggest").status, 400);
  EXPECT_EQ(http_get(port(), "/api/v1/symptoms/suggest?prefix=mu&limit=0").status, 400);
}

TEST_F(CheckerTest, ThePageWorksWithoutJavaScript) {
  const auto r = http_get(port(), "/check?text=muscle+wasting%2C+muscle+cramps&sex=female&age=40");
  ASSERT_EQ(r.status, 200);
  const auto& h = r.body;
  EXPECT_NE(h.find("<form class=\"check-form\" action=\"/check\" method=\"get\""),
            std::string::npos);
  // Said to be the rare-disease ranking, apart from the description above.
  EXPECT_NE(h.find("Rare diseases from a list of symptoms"), std::string::npos);
  // What each phrase was read as, kept in the form as an id for the next round.
  EXPECT_NE(h.find("Skeletal muscle atrophy"), std::string::npos);
  EXPECT_NE(h.find("&ldquo;muscle wasting&rdquo;"), std::string::npos);
  EXPECT_NE(h.find("<input type=\"hidden\" name=\"s\" value=\"HP:0003202\">"), std::string::npos);
  EXPECT_NE(h.find("<input type=\"hidden\" name=\"s\" value=\"HP:0003394\">"), std::string::npos);
  // Each can be removed again with a plain link.
  EXPECT_NE(h.find("href=\"/check?s=HP%3A0003394&amp;age=40&amp;sex=female\""), std::string::npos)
      << h;
  EXPECT_NE(h.find("Example wasting disorder"), std::string::npos);
  EXPECT_NE(h.find("Not a diagnosis:"), std::string::npos);
  EXPECT_NE(h.find("HPO release 2099-01-01"), std::string::npos);
  EXPECT_NE(h.find("<option value=\"female\" selected>"), std::string::npos);
}

TEST_F(CheckerTest, UserTextIsEscapedAndUnmatchedWordsAreShown) {
  const auto r = http_get(port(), "/check?text=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(r.body.find("We could not match"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;"), std::string::npos);

  const auto api = check(port(), R"({"symptoms": ["qwzx vbnm"]})");
  EXPECT_EQ(api.status, 422) << api.body;
  const auto j = json::parse(api.body);
  EXPECT_EQ(j["error"]["code"], "no_symptoms_understood");
  EXPECT_EQ(j["unmatched"][0], "qwzx vbnm");
}

// A description in which nothing is read (no finding as a term, no part of
// the body, no condition named) is answered with no conditions and a request
// to name the symptoms, in the JSON and on the page; a ranking on its story
// words ("feel", "like") would explain nothing.
TEST_F(CheckerTest, ADescriptionThatSaysNothingKnownIsAnsweredHonestly) {
  auto r = check(port(), R"({"description": "I feel like crap"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["understood"], false) << r.body;
  EXPECT_TRUE(j["conditions"].empty()) << r.body;
  EXPECT_NE(j.value("message", "").find("could not tell what you describe"), std::string::npos)
      << r.body;
  EXPECT_FALSE(j["triage"]["reason"].get<std::string>().empty());

  r = check(port(), R"({"description": "I have muscle wasting"})");
  ASSERT_EQ(r.status, 200) << r.body;
  j = json::parse(r.body);
  EXPECT_EQ(j["understood"], true) << r.body;
  EXPECT_FALSE(j.contains("message"));

  const auto page = http_get(port(), "/check?d=I+feel+like+crap");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-understood=\"false\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("We could not tell what you describe"), std::string::npos);
  EXPECT_EQ(page.body.find("No condition in our knowledge base matches"), std::string::npos);
}

// A finding read as no term is said back, even when the knowledge base
// knows its words and weighs them ("face", "drooping" are words of the
// bundled articles; the fixture's HPO has no name for them): "read only as
// words" in the JSON and on the page, so the person knows no symptom was
// recognised in it. A finding read as a term is not listed.
TEST_F(CheckerTest, AFindingReadAsNoTermIsSaidToBeReadOnlyAsWords) {
  auto r =
      check(port(), R"({"description": "I have a headache. One side of my face is drooping."})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  ASSERT_EQ(j["interpreted"].size(), 1u) << r.body;
  EXPECT_EQ(j["interpreted"][0]["term"], "HP:0002315");
  EXPECT_TRUE(j["unmatched"].empty()) << r.body;
  EXPECT_EQ(j["read_as_words"], json::array({"one side of my face is drooping"})) << r.body;

  r = check(port(), R"({"description": "I have a headache"})");
  EXPECT_TRUE(json::parse(r.body)["read_as_words"].empty()) << r.body;

  const auto page = http_get(port(), "/check?d=one+side+of+my+face+is+drooping");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("read only as words: &ldquo;one side of my face is drooping&rdquo;"),
            std::string::npos)
      << page.body;
  const auto calm = http_get(port(), "/check?d=I+have+a+headache");
  EXPECT_EQ(calm.body.find("read only as words"), std::string::npos);
}

// Each finding of a description says what it was read as, beside its own
// words: the name that matched and HPO's label and id, in the JSON and on the
// page; a finding read as nothing says nothing of the kind, and a negated one
// is read as the term it denies.
TEST_F(CheckerTest, EachFindingOfADescriptionSaysWhatItWasReadAs) {
  const auto r = check(
      port(),
      R"({"description": "I have a headache. One side of my face is drooping. No chest pain."})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  const auto& findings = j["description"]["findings"];
  ASSERT_EQ(findings.size(), 3u) << r.body;
  ASSERT_EQ(findings[0]["read_as"].size(), 1u) << r.body;
  EXPECT_EQ(findings[0]["read_as"][0]["term"], "HP:0002315");
  EXPECT_EQ(findings[0]["read_as"][0]["label"], "Headache");
  EXPECT_EQ(findings[0]["read_as"][0]["name"], "Headache");
  EXPECT_TRUE(findings[1]["read_as"].empty()) << r.body;
  EXPECT_TRUE(findings[2]["negated"]);
  ASSERT_EQ(findings[2]["read_as"].size(), 1u) << r.body;
  EXPECT_EQ(findings[2]["read_as"][0]["term"], "HP:0100749");

  const auto page =
      http_get(port(), "/check?d=I+have+a+headache.+One+side+of+my+face+is+drooping.");
  ASSERT_EQ(page.status, 200);
  const auto chip = page.body.find("<strong>i have a headache</strong>");
  ASSERT_NE(chip, std::string::npos) << page.body;
  const auto read = page.body.find(
      "read as <span class=\"read-term\" title=\"Headache, HP:0002315\">Headache</span>", chip);
  ASSERT_NE(read, std::string::npos) << page.body;
  EXPECT_LT(read, page.body.find("</li>", chip));
  EXPECT_EQ(page.body.find("read as", read + 1), std::string::npos)
      << "the face finding read as nothing";
}

// A word of degree said of nothing the checker can tell ("I feel awful")
// qualifies no finding: the answer that names no condition is not raised
// to "see a doctor today" by it. Said of a finding, it still raises.
TEST_F(CheckerTest, AWordOfDegreeAloneDoesNotRaiseTheLevel) {
  auto r = check(port(), R"({"description": "I feel awful"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["understood"], false) << r.body;
  EXPECT_EQ(j["triage"]["level"], "routine") << r.body;
  EXPECT_EQ(j["triage"]["reason"].get<std::string>().find("severe"), std::string::npos) << r.body;
}

TEST_F(CheckerTest, BadRequestsGetClearErrors) {
  auto code = [](const HttpResponse& r) { return json::parse(r.body)["error"]["code"]; };
  auto r = check(port(), "{not json");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(code(r), "bad_json");
  r = check(port(), R"({"symptoms": "muscle wasting"})");
  EXPECT_EQ(r.status, 400);
  r = check(port(), R"({"symptoms": []})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(code(r), "missing_symptoms");
  // An unknown id alone leaves nothing to rank: 422, saying which and why.
  r = check(port(), R"({"symptoms": ["HP:9999999"]})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(code(r), "no_symptoms_understood");
  EXPECT_EQ(json::parse(r.body)["unmatched_reasons"][0]["reason"], "not_in_release");
  r = check(port(), R"({"symptoms": ["headache"], "excluded": ["headache"]})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(code(r), "contradiction");
  r = check(port(), R"({"symptoms": ["headache"], "limit": 0})");
  EXPECT_EQ(r.status, 400);
  r = check(port(), R"({"symptoms": ["headache"], "sex": "banana"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(code(r), "bad_sex");
  // FHIR's other values of a sex, and an age as a form writes it, are read.
  r = check(port(), R"({"symptoms": ["headache"], "sex": "unknown", "age": "61 years"})");
  EXPECT_EQ(r.status, 200) << r.body;
  r = check(port(), R"({"symptoms": ["headache"], "age": "sixty-ish"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(code(r), "bad_age");
  r = check(port(), R"({"symptoms": ["headache"], "age": -3})");
  EXPECT_EQ(r.status, 400);
  json many = {{"symptoms", std::vector<std::string>(300, "headache")},
               {"excluded", std::vector<std::string>(201, "HP:0001250")}};
  r = check(port(), many.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(code(r), "too_many_symptoms");
  EXPECT_NE(json::parse(r.body)["error"]["message"].get<std::string>().find("500"),
            std::string::npos)
      << r.body;
  r = check(port(), R"({"symptoms": ["headache"], "limit": 201})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(code(r), "bad_limit");
  EXPECT_NE(json::parse(r.body)["error"]["message"].get<std::string>().find("200"),
            std::string::npos)
      << r.body;
  r = http_request(port(), "POST", "/api/v1/check", {{"Content-Type", "text/plain"}}, "x");
  EXPECT_EQ(r.status, 415);
  r = http_get(port(), "/api/v1/check");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "POST");
  EXPECT_EQ(http_get(port(), "/check?age=abc").status, 400);
}

// A clinical record as real clients send it: hundreds of findings, a few of
// them ids newer than the installed release or otherwise unknown, an
// alternative id, words that are not understood, and a large limit.
TEST_F(CheckerTest, RealRecordsWithUnknownAndNewerIdsAreRankedNotRefused) {
  std::vector<std::string> present = {"HP:0003202", "HP:0002380", "HP:0003394", "qwzx vbnm"};
  std::vector<std::string> excluded = {"HP:0002315"};
  // Ids above any in the release (as a newer HPO gives them) and unknown
  // ones, present and excluded, up to 500 findings in all.
  for (int i = 0; present.size() + excluded.size() < 500; ++i) {
    const auto id = fmt::format("HP:52{:05d}", i);
    (i % 2 ? present : excluded).push_back(id);
  }
  ASSERT_EQ(present.size() + excluded.size(), 500u);
  const json body = {{"symptoms", present}, {"excluded", excluded}, {"limit", 200}};
  const auto r = check(port(), body.dump());
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  const auto j = json::parse(r.body);
  // The usable findings were read and ranked...
  ASSERT_EQ(j["interpreted"].size(), 4u);
  ASSERT_FALSE(j["conditions"].empty());
  EXPECT_EQ(j["conditions"][0]["id"], "ORPHA:990001");
  EXPECT_LE(j["conditions"].size(), 200u);
  // ...and every other one is reported with its reason, in the order given.
  ASSERT_EQ(j["unmatched"].size(), 496u);
  ASSERT_EQ(j["unmatched_reasons"].size(), 496u);
  EXPECT_EQ(j["unmatched"][0], "qwzx vbnm");
  EXPECT_EQ(j["unmatched_reasons"][0]["reason"], "not_understood");
  EXPECT_EQ(j["unmatched_reasons"][1]["text"], "HP:5200001");
  EXPECT_EQ(j["unmatched_reasons"][1]["reason"], "not_in_release");
  EXPECT_NE(j["unmatched_reasons"][1]["message"].get<std::string>().find("2099-01-01"),
            std::string::npos);
  std::size_t reasons_not_in_release = 0;
  for (const auto& u : j["unmatched_reasons"])
    reasons_not_in_release += u["reason"] == "not_in_release" ? 1 : 0;
  EXPECT_EQ(reasons_not_in_release, 495u);
}

TEST_F(CheckerTest, AlternativeIdsAreMappedAndLimit200IsAccepted) {
  // HP:0007248 is an alternative id of HP:0003202 (skeletal muscle atrophy).
  const auto r = check(port(), R"({"symptoms": ["HP:0007248", "HP:0002380"],
                                   "excluded": ["HP:5299999"], "limit": 200})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  ASSERT_EQ(j["interpreted"].size(), 2u);
  EXPECT_EQ(j["interpreted"][0]["term"], "HP:0003202");
  EXPECT_EQ(j["unmatched"], json::array({"HP:5299999"}));
  ASSERT_FALSE(j["conditions"].empty());
  EXPECT_EQ(j["conditions"][0]["id"], "ORPHA:990001");
  // Only diseases some present finding speaks for are listed, however high the limit.
  for (const auto& c : j["conditions"]) {
    bool speaks = false;
    for (const auto& m : c["matched"])
      speaks = speaks || (!m["excluded"].get<bool>() && m["contribution"].get<double>() > 0);
    EXPECT_TRUE(speaks) << c["id"];
  }
}

TEST(CheckerLifecycle, UnavailableUntilImportedThenPickedUpWhileRunning) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  ServerProcess server(
      {"--db", db, "--content", (source_dir() / "content").string(), "--refresh-seconds", "0.2"});
  auto r = check(server.port(), R"({"symptoms": ["headache"]})");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "checker_unavailable");
  const auto page = http_get(server.port(), "/check");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Not set up yet"), std::string::npos);

  import_fixture(db);
  for (int i = 0; i < 100 && r.status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    r = check(server.port(), R"({"symptoms": ["headache"]})");
  }
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST(CheckerImport, IfMissingLeavesAnImportedReleaseAlone) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  TempDir dir;  // for files that are not there
  const TestDatabase store(site_backend());
  const auto& db = store.location();
  // Into an empty database the flag imports as usual...
  auto r = run({binary(), "import", "hpo", fixture("hp.obo"), "--db", db, "--if-missing"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("imported the Human Phenotype Ontology release 2099-01-01"),
            std::string::npos);
  // ...and then does not even read the file it is given.
  r = run({binary(), "import", "hpo", dir.file("absent.obo"), "--db", db, "--if-missing"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("already holds an ontology"), std::string::npos) << r.out;
  r = run({binary(), "import", "hpo", dir.file("absent.obo"), "--db", db});
  EXPECT_NE(r.exit_code, 0);
  r = run({binary(), "import", "hpoa", fixture("phenotype.hpoa"), "--db", db, "--if-missing"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({binary(), "import", "hpoa", dir.file("absent.hpoa"), "--db", db, "--if-missing"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("already holds annotations"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace symptomdb::test
