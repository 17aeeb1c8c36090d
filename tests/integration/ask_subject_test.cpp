// A message's subject line given apart from it, through the real server:
// GET /api/v1/ask?subject=&q=, POST /api/v1/ask with a JSON body, and the
// /ask page's Subject field, over the bundled articles (content/) (issue 13,
// item 1). On SQLite, and on PostgreSQL with SYMPTOMDB_TEST_STORE=postgresql
// (support/stores.hpp).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/site_server.hpp"
#include "support/stores.hpp"

namespace symptomdb::test {
namespace {

using nlohmann::json;

class AskSubjectTest : public SiteServerSuite<AskSubjectTest> {};

// A message's subject line given apart: ?subject= on GET, "subject" in a
// POST's JSON body. The subject's condition is what is asked about where
// the message names another only in its story.
TEST_F(AskSubjectTest, AskTakesTheSubjectApartByGetAndPost) {
  const std::string message = "My sister has asthma. What can I do about it?";
  const auto focus_of = [](const HttpResponse& r) {
    const json j = json::parse(r.body);
    return j["focus"].empty() ? std::string("(none)") : j["focus"][0]["name"].get<std::string>();
  };
  auto r = http_get(port(), "/api/v1/ask?q=" + url_encode(message));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(focus_of(r), "Asthma");
  r = http_get(port(), "/api/v1/ask?subject=Migraine&q=" + url_encode(message));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(focus_of(r), "Migraine");
  EXPECT_EQ(json::parse(r.body)["subject"], "Migraine");
  EXPECT_EQ(json::parse(r.body)["question"], message);
  const std::map<std::string, std::string> js = {{"Content-Type", "application/json"}};
  r = http_request(port(), "POST", "/api/v1/ask", js,
                   json{{"subject", "Migraine"}, {"message", message}, {"limit", 3}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(focus_of(r), "Migraine");
  EXPECT_LE(json::parse(r.body)["answers"].size(), 3u);
  // Without a subject, the POST reads as the GET.
  r = http_request(port(), "POST", "/api/v1/ask", js, json{{"message", message}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(focus_of(r), "Asthma");
  // A 5,000-character message is accepted (it would not fit a URL well).
  std::string story;
  while (story.size() < 4950) story += "My sister has had asthma since she was a child. ";
  const std::string full = story.substr(0, 4960) + " What can I do?";
  ASSERT_LE(full.size(), 5000u);
  r = http_request(
      port(), "POST", "/api/v1/ask", js,
      json{{"subject", "Migraine"}, {"message", std::string(5000 - full.size(), ' ') + full}}
          .dump());
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(focus_of(r), "Migraine");
  // The page's form has the subject field, and shows it back escaped.
  r = http_get(port(), "/ask?subject=" + url_encode("Migraine <b>") + "&q=" + url_encode(message));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("name=\"subject\""), std::string::npos);
  EXPECT_NE(r.body.find("Migraine &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(r.body.find("Migraine <b>"), std::string::npos);
}

// A product the message asks about that the knowledge base does not hold
// ("can zorplex be prescribed"), beside a condition only its story names:
// no answer, the reply names what is not covered, and the story's
// condition is offered, in the JSON and on the page (issue 13, item 4).
TEST_F(AskSubjectTest, WhatIsAskedAboutAndNotCoveredIsNamed) {
  const std::string message =
      "My son is 18 and has had asthma for a year. Can zorplex be prescribed for him?";
  auto r = http_get(port(), "/api/v1/ask?q=" + url_encode(message));
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = json::parse(r.body);
  EXPECT_TRUE(j["answers"].empty()) << r.body;
  ASSERT_EQ(j["not_covered"], json::array({"zorplex"})) << r.body;
  EXPECT_NE(j["message"].get<std::string>().find("'zorplex'"), std::string::npos) << r.body;
  ASSERT_FALSE(j["suggestions"].empty()) << r.body;
  EXPECT_EQ(j["suggestions"][0]["name"], "Asthma") << r.body;
  r = http_get(port(), "/ask?q=" + url_encode(message));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("data-not-covered"), std::string::npos);
  EXPECT_NE(r.body.find("<strong>zorplex</strong>"), std::string::npos);
  EXPECT_NE(r.body.find(">Asthma</a>"), std::string::npos);
  // A question about a condition it holds names nothing as not covered.
  r = http_get(port(), "/api/v1/ask?q=" + url_encode("What is asthma?"));
  ASSERT_EQ(r.status, 200);
  EXPECT_FALSE(json::parse(r.body).contains("not_covered")) << r.body;
}

TEST_F(AskSubjectTest, AskErrorsAre400JsonWithACode) {
  const std::map<std::string, std::string> js = {{"Content-Type", "application/json"}};
  const auto code = [&](const std::string& body, int status = 400) {
    const auto r = http_request(port(), "POST", "/api/v1/ask", js, body);
    EXPECT_EQ(r.status, status) << body.substr(0, 80) << " -> " << r.body.substr(0, 200);
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
    const auto j = json::parse(r.body, nullptr, false);
    return j.is_object() && j.contains("error") ? j["error"]["code"].get<std::string>() : "";
  };
  EXPECT_EQ(code("{not json"), "bad_json");
  EXPECT_EQ(code("[1, 2]"), "bad_json");
  EXPECT_EQ(code("{\"subject\": \"Gout\"}"), "missing_question");
  EXPECT_EQ(code("{\"message\": \"   \"}"), "missing_question");
  EXPECT_EQ(code("{\"message\": 3}"), "bad_message");
  EXPECT_EQ(code("{\"message\": \"gout\", \"subject\": [1]}"), "bad_subject");
  EXPECT_EQ(code("{\"message\": \"gout\", \"limit\": 0}"), "bad_limit");
  EXPECT_EQ(code("{\"message\": \"gout\", \"limit\": \"3\"}"), "bad_limit");
  EXPECT_EQ(code(json{{"message", std::string(5001, 'a')}}.dump()), "question_too_long");
  const auto long_subject =
      code(json{{"subject", std::string(301, 'a')}, {"message", "gout"}}.dump());
  EXPECT_EQ(long_subject, "subject_too_long");
  // The GET says the same.
  auto r = http_get(port(), "/api/v1/ask?q=gout&subject=" + std::string(301, 'a'));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "subject_too_long");
  EXPECT_NE(json::parse(r.body)["error"]["message"].get<std::string>().find("300"),
            std::string::npos);
  // Not JSON at all: 415.
  r = http_request(port(), "POST", "/api/v1/ask", {{"Content-Type", "text/plain"}}, "gout");
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "unsupported_media_type");
}

}  // namespace
}  // namespace symptomdb::test
