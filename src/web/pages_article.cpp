// The article family: an article's page, the editor's preview of it and its
// schema.org JSON-LD, each from a JSON view of the article.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "web/http_util.hpp"
#include "web/markdown_html.hpp"
#include "web/page_render.hpp"
#include "web/pages.hpp"

namespace symptomdb::web {

using nlohmann::json;

std::string article_json_ld(const Article& a) {
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

json byline_view(const Article& a) {
  if (a.author.empty()) return nullptr;
  return {{"name", a.author.name},
          {"slug", a.author.slug()},
          {"credential", a.author.credential},
          {"affiliation", a.author.affiliation}};
}

json reviewer_view(const Article& a) {
  if (a.reviewed_by.empty()) return nullptr;
  return {{"name", a.reviewed_by.name},
          {"credential", a.reviewed_by.credential},
          {"reviewed_on", a.reviewed_on}};
}

// The sections with their items. A section's own introduction is
// "section_intro_html": a key left out when empty is looked up around it, and
// the article's "intro_html" must not show up in its place.
json sections_view(const Article& a) {
  json sections = json::array();
  const ArticleAnchors anchors = anchors_of(a);
  for (std::size_t si = 0; si < a.sections.size(); ++si) {
    const Section& s = a.sections[si];
    json section = {{"heading", s.display_heading()},
                    {"anchor", anchors.sections[si]},
                    {"type", to_string(s.type)},
                    {"section_intro_html", markdown_to_html(s.intro)}};
    if (!s.source.empty())
      section["source"] = {{"publisher", a.author.name},    {"collection", s.source.collection},
                           {"document", s.source.document}, {"pair", s.source.pair},
                           {"url", s.source.url},           {"license", a.license}};
    json items = json::array();
    for (std::size_t ii = 0; ii < s.items.size(); ++ii) {
      const Item& item = s.items[ii];
      // has_heading, never the section's heading in its place.
      json entry = {{"heading", item.heading},
                    {"has_heading", !item.heading.empty()},
                    {"html", markdown_to_html(item.text)}};
      if (!item.heading.empty()) entry["anchor"] = anchors.items[si][ii];
      items.push_back(std::move(entry));
    }
    section["items"] = std::move(items);
    sections.push_back(std::move(section));
  }
  return sections;
}

// Related topics: other conditions that share a UMLS concept with this one,
// or that its sources name as related.
json related_topics_view(const Snapshot& snap, const ConditionEntry& condition) {
  json topics = json::array();
  std::set<std::string> linked = {condition.slug};
  auto add_topic = [&](const ConditionEntry& other) {
    if (!has_answers(snap, other) || linked.size() > 8 || !linked.insert(other.slug).second) return;
    topics.push_back({{"slug", other.slug}, {"name", other.name}});
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
  return topics;
}

json article_view(const Snapshot& snap, std::size_t index, bool preview,
                  const std::vector<CheckerEntry>& checker) {
  const Article& a = snap.articles()[index];
  const ConditionEntry& condition = snap.condition_of(index);
  json view = {{"condition_slug", condition.slug},
               {"slug", a.slug},
               {"title", a.title},
               {"condition", condition.name},
               {"condition_letter", std::string(1, letter_of(condition.name))},
               {"sample", a.sample},
               {"intro_html", markdown_to_html(a.introduction)},
               {"author", byline_view(a)},
               {"reviewed_on", a.reviewed_on},
               {"reviewer", reviewer_view(a)},
               {"preview", preview},
               {"editorial", a.provenance.format == "editorial"},
               {"medquad", a.provenance.format == "medquad"},
               {"sections", sections_view(a)},
               {"has_toc", a.sections.size() >= 3},
               {"site", a.site},
               {"source_file", a.provenance.source_file},
               {"format", a.provenance.format},
               {"imported_at", a.provenance.imported_at},
               {"imported_date", a.provenance.imported_at.substr(0, 10)},
               {"license", a.license},
               {"origin_url", a.url},
               {"related_topics", related_topics_view(snap, condition)}};
  add_names(view, snap, condition);
  json entries = json::array();
  for (const auto& e : checker)
    entries.push_back({{"label", e.label}, {"id", e.id}, {"url", e.url}});
  view["checker"] = std::move(entries);
  std::string contributors;
  for (const auto& n : a.contributors) contributors += (contributors.empty() ? "" : ", ") + n;
  view["contributors"] = contributors;  // escaped by the template like every name
  json sources = json::array();
  for (const auto& s : a.sources)
    sources.push_back({{"label", s.title.empty() ? s.url : s.title}, {"url", s.url}});
  view["sources"] = std::move(sources);
  json open = json::array();
  for (const auto& q : a.open_questions) open.push_back({{"text", q.text}});
  view["open_questions"] = std::move(open);
  json related = json::array();
  for (auto other : condition.articles) {
    if (other == index) continue;
    const Article& o = snap.articles()[other];
    if (!has_answers(o)) continue;
    related.push_back({{"slug", o.slug}, {"title", o.title}, {"publisher", publisher_of(o)}});
  }
  view["related"] = std::move(related);
  return view;
}

}  // namespace

std::string render_article_preview(const Article& article) {
  const Snapshot one(std::vector<Article>{article});
  return render_view("article", article_view(one, 0, true, {}));
}

std::string render_article_page(const Snapshot& snap, std::size_t index,
                                const std::vector<CheckerEntry>& checker) {
  const Article& a = snap.articles()[index];
  Layout l;
  l.page_title = a.title;
  l.description = first_sentence(a.introduction);
  l.canonical = "/articles/" + a.slug;
  l.head_extra = "<script type=\"application/ld+json\">" + article_json_ld(a) + "</script>";
  return render_layout(l, render_view("article", article_view(snap, index, false, checker)));
}

}  // namespace symptomdb::web
