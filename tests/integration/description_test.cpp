// The symptom checker for a paragraph in a person's own words, through the
// real server: POST /api/v1/check with "description" and the /check?d= page,
// ranked over the condition profiles of the bundled articles (content/), with
// triage on every answer (issue 12). On SQLite, and on PostgreSQL with
// SYMPTOMDB_TEST_STORE=postgresql (support/stores.hpp).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/site_server.hpp"
#include "support/stores.hpp"

namespace symptomdb::test {
namespace {

using nlohmann::json;

class DescriptionTest : public SiteServerSuite<DescriptionTest> {
 protected:
  static HttpResponse check(const json& body) {
    return http_request(port(), "POST", "/api/v1/check", {{"Content-Type", "application/json"}},
                        body.dump());
  }
};

std::vector<std::string> names(const json& conditions) {
  std::vector<std::string> out;
  for (const auto& c : conditions) out.push_back(c["name"]);
  return out;
}

TEST_F(DescriptionTest, ARunnyNoseIsAColdWithItsArticleAndNoEmergency) {
  const auto r = check({{"description", "sore throat, runny nose"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  ASSERT_FALSE(j["conditions"].empty());
  const auto n = names(j["conditions"]);
  const auto it = std::find(n.begin(), n.end(), "Common cold");
  ASSERT_NE(it, n.end()) << r.body;
  EXPECT_LT(it - n.begin(), 3);
  const auto& cold = j["conditions"][it - n.begin()];
  EXPECT_EQ(cold["article"]["url"], "/articles/common-cold");
  EXPECT_FALSE(cold["also_called"].empty());
  ASSERT_FALSE(cold["evidence"].empty());
  EXPECT_TRUE(cold["evidence"][0].contains("quote"));
  EXPECT_NE(j["triage"]["level"], "emergency");
  EXPECT_FALSE(j["triage"]["reason"].get<std::string>().empty());
}

TEST_F(DescriptionTest, ChestPainWithSweatingIsAnEmergency) {
  const auto r = check({{"description", "Crushing chest pain for an hour and I am sweating."},
                        {"age", 58},
                        {"sex", "male"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  EXPECT_EQ(j["triage"]["level"], "emergency") << j["triage"].dump();
}

// A warning sign the bundled articles state of several conditions ("call
// your local emergency number if ... becomes confused"): the reason quotes
// the article; the same sign negated is not what sets the level.
TEST_F(DescriptionTest, AWarningSignTheArticlesStateIsAnEmergencyInTheirWords) {
  auto r = check({{"description", "I have a headache and I am confused."}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["triage"]["level"], "emergency") << j["triage"].dump();
  EXPECT_NE(j["triage"]["reason"].get<std::string>().find("confus"), std::string::npos);
  EXPECT_FALSE(j["triage"].value("quote", "").empty()) << j["triage"].dump();
  r = check({{"description", "I have a headache. No confusion."}});
  ASSERT_EQ(r.status, 200) << r.body;
  j = json::parse(r.body);
  // (a likely condition may still set a level; the negated sign does not)
  EXPECT_EQ(j["triage"]["reason"].get<std::string>().find("confus"), std::string::npos)
      << j["triage"].dump();
}

// Coughing up blood now is a warning sign for emergency care; coughing up
// blood for two months asks for a doctor today, and says what would make it
// an emergency.
TEST_F(DescriptionTest, AWarningSignThatHasGoneOnForWeeksAsksForADoctorToday) {
  auto r = check({{"description", "I am coughing up blood."}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["triage"]["level"], "emergency") << j["triage"].dump();
  r = check({{"description", "I have been coughing up blood for two months."}});
  ASSERT_EQ(r.status, 200) << r.body;
  j = json::parse(r.body);
  EXPECT_EQ(j["triage"]["level"], "urgent") << j["triage"].dump();
  EXPECT_NE(j["triage"]["reason"].get<std::string>().find("for weeks, or with effort"),
            std::string::npos)
      << j["triage"].dump();
}

TEST_F(DescriptionTest, NegationDurationAndExcludedTextAreRead) {
  const auto r = check({{"description",
                         "Four days ago I started feeling tired, then fever and a dry cough. "
                         "No sore throat."},
                        {"excluded", "runny nose"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  bool sore_negated = false, fever_present = false;
  for (const auto& f : j["description"]["findings"]) {
    const std::string t = f["text"];
    if (t.find("sore throat") != std::string::npos) sore_negated = f["negated"];
    if (t.find("fever") != std::string::npos) fever_present = !f["negated"].get<bool>();
  }
  EXPECT_TRUE(sore_negated) << j["description"].dump();
  EXPECT_TRUE(fever_present) << j["description"].dump();
  EXPECT_TRUE(j.contains("triage"));
  EXPECT_TRUE(j["unmatched"].is_array());
}

// "and" before a new subject starts a finding of its own: two findings,
// each said back as written.
TEST_F(DescriptionTest, AClauseWithItsOwnSubjectIsAFindingOfItsOwn) {
  const auto r = check({{"description", "I keep needing to pee and I'm always thirsty"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  const auto& findings = j["description"]["findings"];
  ASSERT_EQ(findings.size(), 2u) << j["description"].dump();
  EXPECT_EQ(findings[0]["text"], "i keep needing to pee");
  EXPECT_EQ(findings[1]["text"], "i'm always thirsty");
  EXPECT_FALSE(findings[1]["negated"].get<bool>());
}

TEST_F(DescriptionTest, BadInputIsAClearJsonError) {
  auto r = check({{"description", std::string(5001, 'a')}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "description_too_long");
  r = check({{"description", 42}});
  EXPECT_EQ(r.status, 400);
  r = check({{"description", "cough"}, {"excluded", 7}});
  EXPECT_EQ(r.status, 400);
  r = check({{"description", "cough"}, {"age", -1}});
  EXPECT_EQ(r.status, 400);
}

// Age and sex as forms and records write them: read when they say an age
// or a sex, accepted and reported in not_understood when they do not.
TEST_F(DescriptionTest, AgeAndSexAsWrittenAreReadAndWhatIsNotIsSaid) {
  auto r = check({{"description", "cough and a runny nose"}, {"age", "6 months"}, {"sex", "F"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_DOUBLE_EQ(j["description"]["age"].get<double>(), 0.5) << j["description"].dump();
  EXPECT_EQ(j["description"]["sex"], "female");
  EXPECT_TRUE(j["not_understood"].empty()) << j["not_understood"].dump();

  r = check(
      {{"description", "cough and a runny nose"}, {"age", "about sixty"}, {"sex", "unknown"}});
  ASSERT_EQ(r.status, 200) << r.body;
  j = json::parse(r.body);
  EXPECT_FALSE(j["description"].contains("age")) << j["description"].dump();
  EXPECT_FALSE(j["description"].contains("sex")) << j["description"].dump();
  ASSERT_EQ(j["not_understood"].size(), 1u) << j["not_understood"].dump();
  EXPECT_EQ(j["not_understood"][0]["field"], "age");
  EXPECT_EQ(j["not_understood"][0]["text"], "about sixty");
  EXPECT_FALSE(j["conditions"].empty());

  r = check({{"description", "cough"}, {"sex", "a 40 year old woman"}, {"age", "40 years"}});
  ASSERT_EQ(r.status, 200) << r.body;
  j = json::parse(r.body);
  EXPECT_EQ(j["description"]["sex"], "female");
  EXPECT_DOUBLE_EQ(j["description"]["age"].get<double>(), 40);

  // Not text and not a number: a client error, said as one.
  r = check({{"description", "cough"}, {"age", true}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "bad_age");
  r = check({{"description", "cough"}, {"sex", 1}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "bad_sex");
}

// The person's history against each condition's own risk and cause text
// (checker/context_fit.hpp): the bundled asthma article names tobacco smoke
// among its causes, no other bundled article does.
TEST_F(DescriptionTest, HistoryTheRiskTextNamesRaisesTheConditionAndIsExplained) {
  const std::string story = "I am wheezing, with a tight chest and a cough at night.";
  auto asthma_of = [](const json& j) {
    for (const auto& c : j["conditions"])
      if (c["name"] == "Asthma") return c;
    return json();
  };
  auto r = check({{"description", story}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto before = asthma_of(json::parse(r.body));
  ASSERT_FALSE(before.is_null()) << r.body;
  r = check(
      {{"description", story}, {"history", "Exposed to tobacco smoke at work. No allergies."}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  EXPECT_EQ(j["description"]["history"], json::array({"exposed to tobacco smoke at work"}));
  const auto after = asthma_of(j);
  ASSERT_FALSE(after.is_null()) << r.body;
  EXPECT_GT(after["score"].get<double>(), before["score"].get<double>());
  bool explained = false;
  for (const auto& e : after["evidence"]) {
    if (!(e["overall"] == true && e["finding"].get<std::string>().starts_with("in your history")))
      continue;
    explained = true;
    EXPECT_EQ(e["words"], json::array({"exposed to tobacco smoke at work"}));
    EXPECT_NE(e["quote"].get<std::string>().find("Tobacco smoke"), std::string::npos) << e;
    EXPECT_GT(e["contribution"].get<double>(), 0);
  }
  EXPECT_TRUE(explained) << after["evidence"].dump();
  // Every history line, for any condition, quotes the sentence that names it.
  for (const auto& c : j["conditions"]) {
    for (const auto& e : c["evidence"]) {
      if (!e["finding"].get<std::string>().starts_with("in your history")) continue;
      EXPECT_FALSE(e.value("quote", "").empty()) << c["name"];
    }
  }
  r = check({{"description", story}, {"history", 3}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "bad_history");
  r = check({{"description", story}, {"history", std::string(5001, 'a')}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "history_too_long");
  // The page takes it as "hist" and gives it back, escaped.
  const auto page = http_request(
      port(), "GET", "/check?d=wheezing+and+a+cough&hist=tobacco+smoke+%3Cb%3Ex%3C%2Fb%3E", {}, "");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("tobacco smoke &lt;b&gt;x&lt;/b&gt;"), std::string::npos)
      << page.body.substr(0, 3000);
  EXPECT_NE(page.body.find("in your history"), std::string::npos);
}

// "I have a headache": the article about the symptom itself is linked
// beside the conditions that may cause it, on the API and the page.
TEST_F(DescriptionTest, TheArticleAboutTheSymptomItselfIsLinked) {
  const auto r = check({{"description", "I have a headache"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = json::parse(r.body);
  ASSERT_TRUE(j.contains("about_your_symptoms")) << r.body;
  ASSERT_TRUE(j["about_your_symptoms"].is_array()) << r.body;
  ASSERT_FALSE(j["about_your_symptoms"].empty()) << r.body;
  EXPECT_EQ(j["about_your_symptoms"][0]["name"], "Headache");
  EXPECT_EQ(j["about_your_symptoms"][0]["article"]["url"], "/articles/headache");
  // Not where no finding names a symptom's own article.
  const auto cold = json::parse(check({{"description", "sore throat, runny nose"}}).body);
  ASSERT_TRUE(cold.contains("about_your_symptoms"));
  EXPECT_TRUE(cold["about_your_symptoms"].is_array());
  EXPECT_TRUE(cold["about_your_symptoms"].empty()) << cold["about_your_symptoms"].dump();
  const auto page = http_request(port(), "GET", "/check?d=I+have+a+headache", {}, "");
  ASSERT_EQ(page.status, 200);
  const auto about = page.body.find("About your symptoms");
  ASSERT_NE(about, std::string::npos);
  EXPECT_NE(page.body.find("href=\"/articles/headache\"", about), std::string::npos);
}

TEST_F(DescriptionTest, ThePageShowsTriageFirstAndEscapesTheText) {
  const auto r = http_request(
      port(), "GET",
      "/check?d=" + std::string("sore+throat%2C+runny+nose+%3Cscript%3Ex%3C%2Fscript%3E"), {}, "");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto triage = r.body.find("data-triage=");
  const auto ranked = r.body.find("Conditions that fit your description");
  ASSERT_NE(triage, std::string::npos);
  ASSERT_NE(ranked, std::string::npos);
  EXPECT_LT(triage, ranked);
  EXPECT_EQ(r.body.find("<script>x</script>"), std::string::npos);
  EXPECT_NE(r.body.find("Common cold"), std::string::npos);
}

// A condition's other names are one line, said once each, whatever their
// case, never its shown name: the folded entries of a condition (MedlinePlus
// and the site's article) bring names that differ only in case.
TEST_F(DescriptionTest, AConditionsOtherNamesAreOneLineEachNameOnce) {
  const auto j = json::parse(check({{"description", "sore throat, runny nose"}}).body);
  std::size_t with_names = 0;
  for (const auto& c : j["conditions"]) {
    std::vector<std::string> seen{c["name"].get<std::string>()};
    for (const auto& n : c["also_called"]) {
      std::string folded = n.get<std::string>();
      for (auto& ch : folded) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      for (const auto& s : seen) {
        std::string t = s;
        for (auto& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        EXPECT_NE(t, folded) << c.dump();
      }
      seen.push_back(n.get<std::string>());
    }
    with_names += !c["also_called"].empty();
  }
  ASSERT_GT(with_names, 0u) << "no condition has other names here: pick another description";

  const auto r = http_request(port(), "GET", "/check?d=sore+throat%2C+runny+nose", {}, "");
  ASSERT_EQ(r.status, 200);
  std::size_t lines = 0;
  for (auto at = r.body.find("Also called: "); at != std::string::npos;
       at = r.body.find("Also called: ", at + 1)) {
    ++lines;
    const auto end = r.body.find("</p>", at);
    ASSERT_NE(end, std::string::npos);
    EXPECT_EQ(r.body.find("Also called", at + 1), r.body.find("Also called", end))
        << r.body.substr(at, end - at);
  }
  EXPECT_EQ(lines, with_names);
}

// A line about a whole condition with no words of the description to quote
// ("none of its main symptoms is among what you describe") is a sentence of
// its own on the page, not a lead-in to an empty list.
TEST_F(DescriptionTest, ALineWithNoWordsToQuoteEndsWithoutAColon) {
  const auto j = json::parse(check({{"description", "I feel tired"}}).body);
  bool wordless = false;
  for (const auto& c : j["conditions"])
    for (const auto& e : c["evidence"]) wordless = wordless || (e["overall"] && e["words"].empty());
  ASSERT_TRUE(wordless) << "the description no longer gives such a line: pick another";
  EXPECT_FALSE(j["conditions"][0]["evidence"][0].contains("has_words"));  // a page detail only

  const auto r = http_request(port(), "GET", "/check?d=I+feel+tired", {}, "");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("none of its main symptoms is among what you describe<"),
            std::string::npos);
  EXPECT_EQ(r.body.find("describe: <"), std::string::npos);
  EXPECT_EQ(r.body.find("describe: </li>"), std::string::npos);
}

}  // namespace
}  // namespace symptomdb::test
