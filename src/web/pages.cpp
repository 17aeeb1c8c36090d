// HTML pages from the mustache templates of web/templates, each from a JSON
// view (web/page_render.hpp). The page families live apart:
// pages_article.cpp (an article, its preview, its JSON-LD), pages_browse.cpp
// (home, letters, condition, search), pages_ask.cpp (/ask); here are what
// they share and the small account, author, checker and error pages.
#include "web/pages.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/slug.hpp"
#include "web/http_util.hpp"
#include "web/page_render.hpp"

namespace symptomdb::web {

// Shared by the page families (declared in web/page_render.hpp).

std::string text_lower(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

// A short plain-text description for <meta name="description">.
std::string first_sentence(std::string_view text, std::size_t max) {
  auto end = text.find(". ");
  std::string s(text.substr(0, end == std::string_view::npos ? text.size() : end + 1));
  if (s.size() > max) {
    auto cut = s.rfind(' ', max);
    s = s.substr(0, cut == std::string::npos ? max : cut) + "…";
  }
  return s;
}

// The words of a name, folded, for whole-word comparisons.
std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> out;
  const std::string key = condition_key(name);
  std::size_t i = 0;
  while (i < key.size()) {
    auto j = key.find('-', i);
    if (j == std::string::npos) j = key.size();
    if (j > i) out.push_back(key.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

char letter_of(std::string_view name) {
  const unsigned char first = name.empty() ? '#' : static_cast<unsigned char>(name[0]);
  return std::isalpha(first) ? static_cast<char>(std::toupper(first)) : '#';
}

bool has_answers(const Article& a) {
  return !a.introduction.empty() || !a.sections.empty();
}

bool has_answers(const Snapshot& snap, const ConditionEntry& c) {
  return std::any_of(c.articles.begin(), c.articles.end(),
                     [&](std::size_t i) { return has_answers(snap.articles()[i]); });
}

ConditionNames split_names(const Snapshot& snap, const ConditionEntry& c) {
  ConditionNames out;
  const auto own = name_words(c.name);
  for (const auto& s : c.synonyms) {
    // Another condition the site has a page for is related, not this one.
    if (const ConditionEntry* other = snap.condition(condition_key(s)); other && other != &c) {
      out.related.push_back({s, other->slug});
      continue;
    }
    // A finding of the condition (HPO says so) is related, not another name.
    if (std::find(c.findings.begin(), c.findings.end(), s) != c.findings.end()) {
      out.related.push_back({s, ""});
      continue;
    }
    // A form of the condition ("Acute gout", "Gout - chronic") names the
    // condition and more: a narrower topic, not another name for it.
    const auto words = name_words(s);
    bool narrower = s.find(" - ") != std::string::npos;
    if (!narrower && words.size() > own.size() && !own.empty())
      narrower = std::search(words.begin(), words.end(), own.begin(), own.end()) != words.end();
    if (narrower)
      out.related.push_back({s, ""});
    else
      out.also_called.push_back(s);
  }
  return out;
}

// publisher_of and set_names: shared with pages_browse.cpp (web/page_render.hpp).

std::string publisher_of(const Article& a) {
  return a.author.empty() ? std::string("symptomdb") : a.author.name;
}

// The names and identifiers block shared by the condition and article pages.
void add_names(nlohmann::json& view, const Snapshot& snap, const ConditionEntry& c) {
  const ConditionNames names = split_names(snap, c);
  view["has_synonyms"] = !names.also_called.empty();
  view["synonyms_text"] = fmt::format("{}", fmt::join(names.also_called, ", "));
  nlohmann::json related = nlohmann::json::array();
  // The slug is empty when the site has no page for the name: the template
  // reads it only under "linked".
  for (const auto& r : names.related)
    related.push_back({{"name", r.name}, {"slug", r.slug}, {"linked", !r.slug.empty()}});
  view["related_names"] = std::move(related);
  nlohmann::json cuis = nlohmann::json::array();
  for (const auto& cui : c.cuis)
    cuis.push_back(
        {{"id", cui}, {"url", "https://uts.nlm.nih.gov/uts/umls/concept/" + url_encode(cui)}});
  view["cuis"] = std::move(cuis);
}

std::string render_login_page(std::string_view error, std::string_view csrf, std::string_view next,
                              std::string_view username) {
  Layout l;
  l.page_title = "Sign in";
  return render_layout(
      l, render_view("login",
                     {{"error", error}, {"csrf", csrf}, {"next", next}, {"username", username}}));
}

std::string render_register_page(std::string_view error, std::string_view csrf,
                                 std::string_view username, std::string_view display_name) {
  Layout l;
  l.page_title = "Create an account";
  return render_layout(l, render_view("register", {{"error", error},
                                                   {"csrf", csrf},
                                                   {"username", username},
                                                   {"display_name", display_name}}));
}

std::string render_account_page(const User& user, std::string_view csrf, std::string_view message,
                                std::string_view error) {
  Layout l;
  l.page_title = "Your account";
  return render_layout(l, render_view("account", {{"username", user.username},
                                                  {"display_name", user.display_name},
                                                  {"role", to_string(user.role)},
                                                  {"csrf", csrf},
                                                  {"message", message},
                                                  {"error", error}}));
}

std::string render_author_page(const Snapshot& snap, const AuthorProfile& p) {
  nlohmann::json articles = nlohmann::json::array();
  for (const auto& a : snap.articles()) {
    if (a.author.empty() || a.author.slug() != p.slug || !has_answers(a)) continue;
    articles.push_back({{"slug", a.slug}, {"title", a.title}});
  }
  Layout l;
  l.page_title = p.name;
  l.canonical = "/authors/" + p.slug;
  return render_layout(l, render_view("author", {{"name", p.name},
                                                 {"credential", p.credential},
                                                 {"affiliation", p.affiliation},
                                                 {"bio", p.bio},
                                                 {"articles", std::move(articles)}}));
}

std::string render_check_page(const nlohmann::json& checker_view) {
  // Pictures for what the numbers say, drawn as SVG rectangles (no script,
  // no inline style): one bar per finding, its length its share of the
  // largest contribution, and the top conditions' relative fit side by side.
  // The numbers stay in the text beside them for screen readers.
  nlohmann::json view = checker_view;
  if (view.contains("conditions") && view["conditions"].is_array()) {
    nlohmann::json chart = nlohmann::json::array();
    for (auto& c : view["conditions"]) {
      double most = 0;
      for (const auto& m : c["matched"])
        if (m.contains("contribution"))
          most = std::max(most, std::abs(m["contribution"].get<double>()));
      for (auto& m : c["matched"])
        if (m.contains("contribution") && most > 0)
          m["bar_width"] =
              std::max(1L, std::lround(std::abs(m["contribution"].get<double>()) / most * 100));
      if (c.contains("probability") && chart.size() < 5)
        chart.push_back(
            {{"name", c.value("name", "")},
             {"fit", c.value("fit", "")},
             {"bar_width", std::max(1L, std::lround(c["probability"].get<double>() * 200))}});
    }
    if (chart.size() > 1) view["fit_chart"] = std::move(chart);
  }
  Layout l;
  l.page_title = "Symptom checker";
  l.description =
      "Describe symptoms in plain words and see which rare conditions described in the Human "
      "Phenotype Ontology fit them, with the reasons. Information, not a diagnosis.";
  l.canonical = "/check";
  return render_layout(l, render_view("check", view));
}

std::string render_disease_page(const nlohmann::json& view) {
  Layout l;
  l.page_title = view["name"].get<std::string>() + " (" + view["id"].get<std::string>() + ")";
  l.description = "What the Human Phenotype Ontology's disease annotations list for " +
                  view["name"].get<std::string>() + ". Information, not a diagnosis.";
  l.canonical = "/check/diseases/" + view["id"].get<std::string>();
  return render_layout(l, render_view("disease", view));
}

std::string render_api_page(const nlohmann::json& view) {
  Layout l;
  l.page_title = "API";
  l.description =
      "The symptomdb JSON API and HL7 Infobutton endpoint, from its OpenAPI description.";
  l.canonical = "/api";
  return render_layout(l, render_view("api", view));
}

std::string render_error_page(int status, std::string_view title, std::string_view message,
                              std::string_view request_id) {
  Layout l;
  l.page_title = std::string(title);
  return render_layout(l, render_view("error", {{"status", status},
                                                {"title", title},
                                                {"message", message},
                                                {"request_id", request_id}}));
}

}  // namespace symptomdb::web
