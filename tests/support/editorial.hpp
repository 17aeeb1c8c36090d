// Steps of the editorial workflow done the way a browser does them (forms
// with the session's CSRF token), shared by the editorial and security suites.
#pragma once

#include <fmt/chrono.h>

#include <ctime>
#include <string>

#include "support/accounts.hpp"

namespace symptomdb::test {

inline std::string utc_today() {
  return fmt::format("{:%F}", fmt::gmtime(std::time(nullptr)));
}

// A complete, valid article in the native format at `slug`.
inline std::string article_md(const std::string& slug, const std::string& title,
                              const std::string& intro, const std::string& extra = "") {
  return "---\ntitle: \"" + title + "\"\ncondition: Gout\nslug: " + slug + "\n---\n" + intro +
         "\n\n## Treatment\n\n### Medicines\n\nAnti-inflammatory medicines ease an attack.\n" +
         extra;
}

class EditorialFixture : public SiteFixture {
 protected:
  // An account made on the command line and signed in through /login.
  Client account(const std::string& username, const std::string& role,
                 const std::string& display = "") {
    const auto made = cli_add_user(username, kPassword, role, display);
    EXPECT_EQ(made.exit_code, 0) << made.err;
    Client c = client();
    EXPECT_EQ(login(c, username).status, 303);
    return c;
  }
  // An author profile, linked to the account.
  void profile(const std::string& username, const std::string& name,
               const std::string& credential) {
    const auto set = cli({"author", "set", name, "--credential", credential});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    std::string slug;
    for (char ch : name)
      slug += std::isalnum(static_cast<unsigned char>(ch))
                  ? static_cast<char>(std::tolower(static_cast<unsigned char>(ch)))
                  : '-';
    const auto link = cli({"user", "link-author", username, slug});
    ASSERT_EQ(link.exit_code, 0) << link.err;
  }

  // POST /write; returns the response (303 to the editor on success).
  HttpResponse start(Client& c, const std::string& title, const std::string& condition = "Gout") {
    return c.post_form("/write",
                       {{"csrf", session_csrf(c)}, {"title", title}, {"condition", condition}});
  }
  // One of the editor form's buttons: preview, save or submit.
  HttpResponse edit(Client& c, const std::string& slug, const std::string& action,
                    const std::string& markdown, const std::string& note = "",
                    const std::string& base = "") {
    Form f = {{"csrf", session_csrf(c)}, {"action", action}, {"markdown", markdown}};
    if (!note.empty()) f.emplace_back("note", note);
    if (!base.empty()) f.emplace_back("base", base);
    return c.post_form("/articles/" + slug + "/edit", f);
  }
  HttpResponse review(Client& c, const std::string& slug, const std::string& action,
                      const std::string& revision, const std::string& note = "") {
    return c.post_form(
        "/articles/" + slug + "/review",
        {{"csrf", session_csrf(c)}, {"action", action}, {"revision", revision}, {"note", note}});
  }
  std::string revisions_of(const std::string& slug) {
    return db_value("SELECT COUNT(*) FROM revisions WHERE slug = '" + slug + "'");
  }
  std::string state_of(const std::string& slug) {
    return db_value("SELECT state FROM drafts WHERE slug = '" + slug + "'");
  }
};

}  // namespace symptomdb::test
