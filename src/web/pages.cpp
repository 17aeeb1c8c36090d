// HTML pages from the mustache templates of web/templates. The page
// families live apart: pages_browse.cpp (home, letters, condition, search),
// pages_ask.cpp (/ask); what they share is web/page_render.hpp.
// Over 400 lines for now: the article family (article body, JSON-LD,
// preview) is still here with the small account, checker and error pages;
// it moves to a file of its own once issue 10's editorial work (which
// changes the preview) has merged, so that the two changes do not collide.
#include "web/pages.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "core/embedded.hpp"
#include "core/slug.hpp"
#include "core/spelling.hpp"
#include "web/http_util.hpp"
#include "web/markdown_html.hpp"
#include "web/page_render.hpp"
#include "web/qa_json.hpp"
#include "web/snippet.hpp"

namespace symptomdb::web {

// Shared by the page families (declared in web/page_render.hpp).

void set_if(mu::data& d, const std::string& key, const std::string& value) {
  if (!value.empty()) d.set(key, value);
}

namespace {

// `escape`, when given, replaces the engine's own HTML escape.
std::string render_embedded(std::string_view name, const mu::data& data,
                            std::string (*escape)(std::string_view)) {
  const auto source = embedded_file("web/templates/" + std::string(name) + ".mustache");
  if (!source) throw std::logic_error("template not built in: " + std::string(name));
  mu::mustache tmpl{std::string(*source)};
  if (!tmpl.is_valid())
    throw std::logic_error("template " + std::string(name) + ": " + tmpl.error_message());
  if (escape) tmpl.set_custom_escape([escape](const std::string& s) { return escape(s); });
  return tmpl.render(data);
}

}  // namespace

std::string render_template(std::string_view name, const mu::data& data) {
  return render_embedded(name, data, nullptr);
}

std::string render_layout(const Layout& l, const std::string& body) {
  mu::data d;
  d.set("page_title", l.page_title);
  set_if(d, "description", l.description);
  set_if(d, "canonical", l.canonical);
  set_if(d, "query", l.query);
  set_if(d, "head_extra", l.head_extra);
  d.set("body", body);
  return render_template("layout", d);
}

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
void set_names(mu::data& d, const Snapshot& snap, const ConditionEntry& c) {
  const ConditionNames names = split_names(snap, c);
  d.set("has_synonyms", !names.also_called.empty());
  d.set("synonyms_text", fmt::format("{}", fmt::join(names.also_called, ", ")));
  mu::data related{mu::data::type::list};
  for (std::size_t i = 0; i < names.related.size(); ++i) {
    mu::data rd;
    rd.set("name", names.related[i].name);
    // Always set: a missing key would be looked up in the page around it.
    rd.set("slug", names.related[i].slug);
    rd.set("linked", !names.related[i].slug.empty());
    rd.set("last", i + 1 == names.related.size());
    related.push_back(rd);
  }
  d.set("related_names", related);
  d.set("has_related_names", !names.related.empty());
  mu::data cuis{mu::data::type::list};
  for (const auto& cui : c.cuis) {
    mu::data cd;
    cd.set("id", cui);
    cd.set("url", "https://uts.nlm.nih.gov/uts/umls/concept/" + url_encode(cui));
    cuis.push_back(cd);
  }
  d.set("cuis", cuis);
  d.set("has_cuis", !c.cuis.empty());
}

std::string article_json_ld(const Article& a) {
  using nlohmann::json;
  json condition = {{"@type", "MedicalCondition"}, {"name", a.condition.name}};
  if (!a.condition.synonyms.empty()) condition["alternateName"] = a.condition.synonyms;
  auto entries = [&](SectionType type, const char* kind) {
    json list = json::array();
    for (const auto& s : a.sections) {
      if (s.type != type) continue;
      for (const auto& item : s.items) {
        json e = {{"@type", kind}};
        if (!item.heading.empty())
          e["name"] = item.heading;
        else
          e["name"] = first_sentence(item.text, 120);
        e["description"] = first_sentence(item.text);
        list.push_back(std::move(e));
      }
    }
    return list;
  };
  if (auto causes = entries(SectionType::causes, "MedicalCause"); !causes.empty())
    condition["cause"] = std::move(causes);
  if (auto treatments = entries(SectionType::treatment, "MedicalTherapy"); !treatments.empty())
    condition["possibleTreatment"] = std::move(treatments);
  json page = {{"@context", "https://schema.org"},
               {"@type", "MedicalWebPage"},
               {"name", a.title},
               {"headline", a.title},
               {"url", "/articles/" + a.slug},
               {"about", std::move(condition)},
               {"audience", {{"@type", "PeopleAudience"}, {"audienceType", "Patient"}}}};
  if (!a.author.empty()) {
    json author = {{"@type", "Person"}, {"name", a.author.name}};
    if (!a.author.credential.empty()) author["honorificSuffix"] = a.author.credential;
    if (!a.author.affiliation.empty())
      author["affiliation"] = {{"@type", "Organization"}, {"name", a.author.affiliation}};
    page["author"] = std::move(author);
  }
  if (!a.reviewed_on.empty()) page["lastReviewed"] = a.reviewed_on;
  if (!a.reviewed_by.empty()) {
    json reviewer = {{"@type", "Person"}, {"name", a.reviewed_by.name}};
    if (!a.reviewed_by.credential.empty()) reviewer["honorificSuffix"] = a.reviewed_by.credential;
    page["reviewedBy"] = std::move(reviewer);
  }
  if (!a.license.empty()) page["license"] = a.license;
  if (!a.provenance.imported_at.empty()) page["dateModified"] = a.provenance.imported_at;
  std::string out = page.dump();
  // Inside <script> the text is not HTML-escaped, and "</script" or "<!--"
  // would change how it is parsed. Writing <, > and & as JSON \u escapes
  // keeps the same JSON value with none of those characters left.
  std::string safe;
  safe.reserve(out.size());
  for (char c : out) {
    switch (c) {
      case '<':
        safe += "\\u003c";
        break;
      case '>':
        safe += "\\u003e";
        break;
      case '&':
        safe += "\\u0026";
        break;
      default:
        safe.push_back(c);
    }
  }
  return safe;
}

namespace {

std::string render_article_body(const Snapshot& snap, std::size_t index, bool preview,
                                const std::vector<CheckerEntry>& checker) {
  const Article& a = snap.articles()[index];
  const ConditionEntry& condition = snap.condition_of(index);
  mu::data d;
  if (!checker.empty()) {
    mu::data entries{mu::data::type::list};
    for (std::size_t i = 0; i < checker.size(); ++i) {
      mu::data e;
      e.set("label", checker[i].label);
      e.set("id", checker[i].id);
      e.set("url", checker[i].url);
      e.set("last", i + 1 == checker.size());
      entries.push_back(e);
    }
    d.set("checker", entries);
    d.set("has_checker", true);
  }
  d.set("condition_slug", condition.slug);
  d.set("slug", a.slug);
  d.set("title", a.title);
  d.set("condition", condition.name);
  d.set("condition_letter", std::string(1, letter_of(condition.name)));
  set_names(d, snap, condition);
  d.set("sample", a.sample);
  d.set("intro_html", markdown_to_html(a.introduction));
  if (!a.author.empty()) {
    mu::data author;
    author.set("name", a.author.name);
    author.set("slug", a.author.slug());
    set_if(author, "credential", a.author.credential);
    set_if(author, "affiliation", a.author.affiliation);
    d.set("author", author);
  }
  set_if(d, "reviewed_on", a.reviewed_on);
  if (!a.reviewed_by.empty()) {
    mu::data reviewer;
    reviewer.set("name", a.reviewed_by.name);
    set_if(reviewer, "credential", a.reviewed_by.credential);
    reviewer.set("reviewed_on", a.reviewed_on);
    d.set("reviewer", reviewer);
  }
  if (!a.contributors.empty()) {
    std::string names;
    for (const auto& n : a.contributors) names += (names.empty() ? "" : ", ") + n;
    d.set("contributors", names);  // escaped by the template like every name
  }
  d.set("preview", preview);
  d.set("editorial", a.provenance.format == "editorial");
  d.set("medquad", a.provenance.format == "medquad");

  mu::data sections{mu::data::type::list};
  const ArticleAnchors anchors = anchors_of(a);
  for (std::size_t si = 0; si < a.sections.size(); ++si) {
    const Section& s = a.sections[si];
    mu::data sd;
    const std::string heading = s.display_heading();
    sd.set("heading", heading);
    sd.set("anchor", anchors.sections[si]);
    sd.set("type", std::string(to_string(s.type)));
    sd.set("intro_html", markdown_to_html(s.intro));
    if (!s.source.empty()) {
      mu::data src;
      src.set("publisher", a.author.name);
      src.set("collection", s.source.collection);
      src.set("document", s.source.document);
      src.set("pair", s.source.pair);
      set_if(src, "url", s.source.url);
      src.set("license", a.license);
      sd.set("source", src);
    }
    mu::data items{mu::data::type::list};
    for (std::size_t ii = 0; ii < s.items.size(); ++ii) {
      const Item& item = s.items[ii];
      mu::data id;
      id.set("heading", item.heading);
      id.set("has_heading", !item.heading.empty());  // never fall back to the section's
      if (!item.heading.empty()) id.set("anchor", anchors.items[si][ii]);
      id.set("html", markdown_to_html(item.text));
      items.push_back(id);
    }
    sd.set("items", items);
    sections.push_back(sd);
  }
  d.set("sections", sections);
  d.set("has_toc", a.sections.size() >= 3);

  mu::data sources{mu::data::type::list};
  for (const auto& s : a.sources) {
    mu::data sd;
    sd.set("label", s.title.empty() ? s.url : s.title);
    set_if(sd, "url", s.url);
    sources.push_back(sd);
  }
  d.set("sources", sources);
  d.set("has_sources", !a.sources.empty());
  set_if(d, "site", a.site);
  d.set("source_file", a.provenance.source_file);
  d.set("format", a.provenance.format);
  d.set("imported_at", a.provenance.imported_at);
  d.set("imported_date", a.provenance.imported_at.substr(0, 10));
  set_if(d, "license", a.license);

  mu::data open{mu::data::type::list};
  for (const auto& q : a.open_questions) {
    mu::data qd;
    qd.set("text", q.text);
    open.push_back(qd);
  }
  d.set("open_questions", open);
  d.set("has_open_questions", !a.open_questions.empty());
  set_if(d, "origin_url", a.url);
  mu::data related{mu::data::type::list};
  std::size_t related_count = 0;
  for (auto other : condition.articles) {
    if (other == index) continue;
    const Article& o = snap.articles()[other];
    if (!has_answers(o)) continue;
    ++related_count;
    mu::data rd;
    rd.set("slug", o.slug);
    rd.set("title", o.title);
    rd.set("publisher", o.author.empty() ? std::string("symptomdb") : o.author.name);
    related.push_back(rd);
  }
  d.set("related", related);
  d.set("has_related", related_count > 0);
  // Related topics: other conditions that share a UMLS concept with this
  // one, or that its sources name as related.
  mu::data topics{mu::data::type::list};
  std::set<std::string> linked = {condition.slug};
  auto add_topic = [&](const ConditionEntry& other) {
    if (!has_answers(snap, other) || linked.size() > 8 || !linked.insert(other.slug).second) return;
    mu::data td;
    td.set("slug", other.slug);
    td.set("name", other.name);
    topics.push_back(td);
  };
  for (const auto& r : split_names(snap, condition).related)
    if (!r.slug.empty())
      if (const ConditionEntry* other = snap.condition(r.slug)) add_topic(*other);
  if (!condition.cuis.empty())
    for (const auto& other : snap.conditions())
      for (const auto& cui : other.cuis)
        if (std::find(condition.cuis.begin(), condition.cuis.end(), cui) != condition.cuis.end()) {
          add_topic(other);
          break;
        }
  d.set("related_topics", topics);
  d.set("has_related_topics", linked.size() > 1);
  return render_template("article", d);
}

}  // namespace

std::string render_article_preview(const Article& article) {
  const Snapshot one(std::vector<Article>{article});
  return render_article_body(one, 0, true, {});
}

std::string render_article_page(const Snapshot& snap, std::size_t index,
                                const std::vector<CheckerEntry>& checker) {
  const Article& a = snap.articles()[index];
  Layout l;
  l.page_title = a.title;
  l.description = first_sentence(a.introduction);
  l.canonical = "/articles/" + a.slug;
  l.head_extra = "<script type=\"application/ld+json\">" + article_json_ld(a) + "</script>";
  return render_layout(l, render_article_body(snap, index, false, checker));
}

std::string render_login_page(std::string_view error, std::string_view csrf, std::string_view next,
                              std::string_view username) {
  mu::data d;
  set_if(d, "error", std::string(error));
  d.set("csrf", std::string(csrf));
  d.set("next", std::string(next));
  d.set("username", std::string(username));
  Layout l;
  l.page_title = "Sign in";
  return render_layout(l, render_template("login", d));
}

std::string render_register_page(std::string_view error, std::string_view csrf,
                                 std::string_view username, std::string_view display_name) {
  mu::data d;
  set_if(d, "error", std::string(error));
  d.set("csrf", std::string(csrf));
  d.set("username", std::string(username));
  d.set("display_name", std::string(display_name));
  Layout l;
  l.page_title = "Create an account";
  return render_layout(l, render_template("register", d));
}

std::string render_account_page(const User& user, std::string_view csrf, std::string_view message,
                                std::string_view error) {
  mu::data d;
  d.set("username", user.username);
  d.set("display_name", user.display_name);
  d.set("role", std::string(to_string(user.role)));
  d.set("csrf", std::string(csrf));
  set_if(d, "message", std::string(message));
  set_if(d, "error", std::string(error));
  Layout l;
  l.page_title = "Your account";
  return render_layout(l, render_template("account", d));
}

std::string render_author_page(const Snapshot& snap, const AuthorProfile& p) {
  mu::data d;
  d.set("name", p.name);
  set_if(d, "credential", p.credential);
  set_if(d, "affiliation", p.affiliation);
  set_if(d, "bio", p.bio);
  mu::data list{mu::data::type::list};
  for (const auto& a : snap.articles()) {
    if (a.author.empty() || a.author.slug() != p.slug || !has_answers(a)) continue;
    mu::data ad;
    ad.set("slug", a.slug);
    ad.set("title", a.title);
    list.push_back(ad);
  }
  d.set("articles", list);
  Layout l;
  l.page_title = p.name;
  l.canonical = "/authors/" + p.slug;
  return render_layout(l, render_template("author", d));
}

namespace {

// Mustache data from a JSON view. Empty strings, empty lists, false and null
// are left out, so {{#key}} tests what a reader would expect; list items get
// "first" and "last", and every non-empty list K also sets "has_K".
mu::data view_data(const nlohmann::json& j) {
  using nlohmann::json;
  switch (j.type()) {
    case json::value_t::object: {
      mu::data d;
      for (const auto& [k, v] : j.items()) {
        if (v.is_null() || (v.is_boolean() && !v.get<bool>()) ||
            (v.is_string() && v.get_ref<const std::string&>().empty()) ||
            ((v.is_array() || v.is_object()) && v.empty()))
          continue;
        if (v.is_array()) d.set("has_" + k, true);
        d.set(k, view_data(v));
      }
      return d;
    }
    case json::value_t::array: {
      mu::data list{mu::data::type::list};
      for (std::size_t i = 0; i < j.size(); ++i) {
        mu::data item = view_data(j[i]);
        if (item.is_object()) {
          // Both always set: a missing key would be looked up in the
          // enclosing item, which may well be some other list's first.
          item.set("first", i == 0);
          item.set("last", i + 1 == j.size());
        }
        list.push_back(item);
      }
      return list;
    }
    case json::value_t::string:
      return mu::data(j.get<std::string>());
    case json::value_t::boolean:
      return mu::data(j.get<bool>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return mu::data(std::to_string(j.get<long long>()));
    case json::value_t::number_float:
      return mu::data(fmt::format("{:g}", j.get<double>()));
    default:
      return mu::data(std::string());
  }
}

}  // namespace

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
  return render_layout(l, render_template("check", view_data(view)));
}

std::string render_disease_page(const nlohmann::json& view) {
  Layout l;
  l.page_title = view["name"].get<std::string>() + " (" + view["id"].get<std::string>() + ")";
  l.description = "What the Human Phenotype Ontology's disease annotations list for " +
                  view["name"].get<std::string>() + ". Information, not a diagnosis.";
  l.canonical = "/check/diseases/" + view["id"].get<std::string>();
  return render_layout(l, render_template("disease", view_data(view)));
}

std::string render_api_page(const nlohmann::json& view) {
  Layout l;
  l.page_title = "API";
  l.description =
      "The symptomdb JSON API and HL7 Infobutton endpoint, from its OpenAPI description.";
  l.canonical = "/api";
  return render_layout(l, render_template("api", view_data(view)));
}

std::string render_fragment(std::string_view name, const nlohmann::json& view,
                            std::initializer_list<std::string_view> partials) {
  mu::data d = view_data(view);
  for (const auto partial : partials) {
    const auto source = embedded_file("web/templates/" + std::string(partial) + ".mustache");
    if (!source) throw std::logic_error("template not built in: " + std::string(partial));
    std::string text(*source);
    if (text.ends_with('\n')) text.pop_back();
    d.set(std::string(partial), mu::data(mu::partial([text] { return text; })));
  }
  std::string out = render_template(name, d);
  if (out.ends_with('\n')) out.pop_back();
  return out;
}

// The view templates escape as html_escape() does (an apostrophe as
// "&#39;", where the engine writes "&apos;"): the editorial pages have
// always been escaped so, and editors' text round-trips through them.
std::string render_view_fragment(std::string_view template_name, const nlohmann::json& view) {
  return render_embedded(template_name, view_data(view), html_escape);
}

std::string render_view_page(std::string_view template_name, std::string_view title,
                             const nlohmann::json& view) {
  Layout l;
  l.page_title = std::string(title);
  return render_layout(l, render_view_fragment(template_name, view));
}

std::string render_plain_page(std::string_view title, const std::string& body_html) {
  Layout l;
  l.page_title = std::string(title);
  return render_layout(l, body_html);
}

std::string render_error_page(int status, std::string_view title, std::string_view message,
                              std::string_view request_id) {
  mu::data d;
  d.set("status", std::to_string(status));
  d.set("title", std::string(title));
  d.set("message", std::string(message));
  set_if(d, "request_id", std::string(request_id));
  Layout l;
  l.page_title = std::string(title);
  return render_layout(l, render_template("error", d));
}

}  // namespace symptomdb::web
