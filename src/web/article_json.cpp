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
    json section = {{"type", to_string(s.type)},
                    {"heading", s.display_heading()},
                    {"heading_in_source", !s.heading.empty()},
                    {"intro", s.intro},
                    {"intro_html", markdown_to_html(s.intro)},
                    {"items", std::move(items)}};
    if (!s.original_type.empty()) section["original_type"] = s.original_type;
    if (auto src = section_source_json(a, s); !src.is_null()) section["source"] = std::move(src);
    sections.push_back(std::move(section));
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
  json open_questions = json::array();
  for (const auto& q : a.open_questions)
    open_questions.push_back({{"pair", q.pair}, {"qtype", q.qtype}, {"question", q.text}});
  return {
      {"slug", a.slug},
      {"title", a.title},
      {"condition",
       {{"name", a.condition.name},
        {"slug", a.condition.slug()},
        {"kind", a.condition.kind},
        {"synonyms", a.condition.synonyms},
        {"cuis", a.condition.cuis},
        {"semantic_types", a.condition.semantic_types},
        {"semantic_group", a.condition.semantic_group}}},
      {"site", a.site},
      {"introduction", a.introduction},
      {"sections", std::move(sections)},
      {"conclusion", conclusion.empty() ? json(nullptr) : json(conclusion)},
      {"author", std::move(author)},
      {"reviewed_on", a.reviewed_on.empty() ? json(nullptr) : json(a.reviewed_on)},
      {"contributors", a.contributors},
      {"reviewed_by", a.reviewed_by.empty() ? json(nullptr)
                                            : json{{"name", a.reviewed_by.name},
                                                   {"credential", a.reviewed_by.credential}}},
      {"license", a.license},
      {"sample", a.sample},
      {"sources", std::move(sources)},
      {"provenance",
       {{"format", a.provenance.format},
        {"source_file", a.provenance.source_file},
        {"imported_at", a.provenance.imported_at}}},
      {"origin", {{"collection", a.collection}, {"document", a.document_id}, {"url", a.url}}},
      {"open_questions", open_questions},
      {"url", "/articles/" + a.slug},
  };
}

json section_source_json(const Article& a, const Section& s) {
  if (s.source.empty()) return nullptr;
  return {{"collection", s.source.collection},
          {"document", s.source.document},
          {"pair", s.source.pair},
          {"url", s.source.url},
          {"license", a.license},
          {"author", a.author.name}};
}

json condition_json(const Snapshot& snap, const ConditionEntry& c) {
  json articles = json::array();
  for (auto i : c.articles) {
    const Article& a = snap.articles()[i];
    articles.push_back({{"slug", a.slug},
                        {"title", a.title},
                        {"collection", a.collection},
                        {"api", "/api/v1/articles/" + a.slug}});
  }
  return {{"name", c.name},
          {"slug", c.slug},
          {"kind", c.kind},
          {"synonyms", c.synonyms},
          {"cuis", c.cuis},
          {"articles", std::move(articles)},
          {"url", "/conditions/" + c.slug}};
}

json error_json(std::string_view code, std::string_view message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

}  // namespace symptomdb::web
