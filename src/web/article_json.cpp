#include "web/article_json.hpp"

#include "web/markdown_html.hpp"

namespace symptomdb::web {

using nlohmann::json;

json article_json(const Article& a) {
  json sections = json::array();
  for (const auto& s : a.sections) {
    json items = json::array();
    for (const auto& item : s.items)
      items.push_back({{"heading", item.heading.empty() ? json(nullptr) : json(item.heading)},
                       {"text", item.text},
                       {"html", markdown_to_html(item.text)}});
    sections.push_back({{"type", to_string(s.type)},
                        {"heading", s.display_heading()},
                        {"heading_in_source", !s.heading.empty()},
                        {"intro", s.intro},
                        {"items", std::move(items)}});
  }
  json author = nullptr;
  if (!a.author.empty())
    author = {{"name", a.author.name},
              {"slug", a.author.slug()},
              {"credential", a.author.credential},
              {"affiliation", a.author.affiliation}};
  json sources = json::array();
  for (const auto& s : a.sources) sources.push_back({{"title", s.title}, {"url", s.url}});
  const std::string conclusion = a.conclusion_text();
  return {
      {"slug", a.slug},
      {"title", a.title},
      {"condition",
       {{"name", a.condition.name}, {"slug", a.condition.slug()}, {"synonyms", a.condition.synonyms}}},
      {"site", a.site},
      {"introduction", a.introduction},
      {"sections", std::move(sections)},
      {"conclusion", conclusion.empty() ? json(nullptr) : json(conclusion)},
      {"author", std::move(author)},
      {"reviewed_on", a.reviewed_on.empty() ? json(nullptr) : json(a.reviewed_on)},
      {"license", a.license},
      {"sample", a.sample},
      {"sources", std::move(sources)},
      {"provenance",
       {{"format", a.provenance.format},
        {"source_file", a.provenance.source_file},
        {"imported_at", a.provenance.imported_at}}},
      {"url", "/articles/" + a.slug},
  };
}

json condition_json(const ConditionEntry& c) {
  return {{"name", c.name},
          {"slug", c.slug},
          {"synonyms", c.synonyms},
          {"article", "/api/v1/articles/" + c.article_slug},
          {"url", "/articles/" + c.article_slug}};
}

json search_json(std::string_view query, const std::vector<SearchResult>& results) {
  json hits = json::array();
  for (const auto& r : results)
    hits.push_back({{"slug", r.article->slug},
                    {"title", r.article->title},
                    {"condition", r.article->condition.name},
                    {"score", r.score},
                    {"snippet", r.snippet},
                    {"url", "/articles/" + r.article->slug}});
  return {{"query", query}, {"count", hits.size()}, {"results", std::move(hits)}};
}

json error_json(std::string_view code, std::string_view message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

}  // namespace symptomdb::web
