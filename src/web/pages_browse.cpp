// The pages for browsing: home, conditions by letter, a condition, search.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "core/slug.hpp"
#include "web/http_util.hpp"
#include "web/page_render.hpp"
#include "web/pages.hpp"
#include "web/snippet.hpp"

namespace symptomdb::web {
namespace {

using nlohmann::json;

json letters_nav(const Snapshot& snap, char current) {
  std::map<char, int> counts;
  for (const auto& c : snap.conditions())
    if (has_answers(snap, c)) ++counts[letter_of(c.name)];
  json letters = json::array();
  for (auto [letter, count] : counts)
    letters.push_back(
        {{"letter", std::string(1, letter)}, {"count", count}, {"current", letter == current}});
  return letters;
}

}  // namespace

std::string render_home_page(const Snapshot& snap) {
  json featured = json::array();
  std::size_t medquad = 0;
  for (const auto& a : snap.articles()) {
    if (!has_answers(a)) continue;
    if (a.provenance.format == "medquad") {
      ++medquad;
      continue;
    }
    featured.push_back({{"slug", a.slug}, {"title", a.title}, {"sample", a.sample}});
  }
  const auto listed = static_cast<std::size_t>(
      std::count_if(snap.conditions().begin(), snap.conditions().end(),
                    [&](const ConditionEntry& c) { return has_answers(snap, c); }));
  // Designated initializers rather than assignments: GCC 12 at -O3 warns
  // falsely (-Wrestrict) on assigning a literal to a member string here.
  const Layout l{
      .page_title = "Health questions, answered with sources",
      .description = "Consumer health articles on symptoms and conditions, with their sources.",
      .canonical = "/",
      .query = "",
      .head_extra = ""};
  return render_layout(l, render_view("home", {{"featured", std::move(featured)},
                                               {"letters", letters_nav(snap, 0)},
                                               {"has_conditions", listed > 0},
                                               {"condition_count", listed},
                                               {"has_medquad", medquad > 0},
                                               {"medquad_count", medquad}}));
}

std::string render_letter_page(const Snapshot& snap, char letter) {
  json list = json::array();
  for (const auto& c : snap.conditions()) {
    if (letter_of(c.name) != letter || !has_answers(snap, c)) continue;
    const auto names = split_names(snap, c).also_called;
    std::vector<std::string> few(names.begin(),
                                 names.begin() + std::min<std::size_t>(3, names.size()));
    list.push_back({{"name", c.name},
                    {"slug", c.slug},
                    {"has_synonyms", !names.empty()},
                    {"synonyms_text", fmt::format("{}", fmt::join(few, ", "))}});
  }
  Layout l;
  l.page_title = std::string("Conditions: ") + letter;
  l.canonical = std::string("/conditions?letter=") + letter;
  return render_layout(l, render_view("letter", {{"letter", std::string(1, letter)},
                                                 {"letters", letters_nav(snap, letter)},
                                                 {"conditions", std::move(list)}}));
}

std::string render_condition_page(const Snapshot& snap, const ConditionEntry& c) {
  std::string kind = c.kind.empty() ? "disease" : c.kind;
  kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
  json view = {{"name", c.name},
               {"slug", c.slug},
               {"name_url", url_encode(c.name)},
               {"letter", std::string(1, letter_of(c.name))},
               {"kind_label", kind}};
  add_names(view, snap, c);

  // Each question once: the same question from several sources is one
  // entry with a link to each source's answer.
  struct Topic {
    SectionType type;
    std::string label;
    std::vector<std::tuple<std::string, std::string, std::string>> answers;  // slug, anchor, by
  };
  std::vector<Topic> topics;
  std::map<std::string, std::size_t> topic_of;
  std::size_t answered = 0;
  json articles = json::array();
  for (auto i : c.articles) {
    const Article& a = snap.articles()[i];
    if (!has_answers(a)) continue;
    ++answered;
    const std::string publisher = publisher_of(a);
    articles.push_back({{"slug", a.slug}, {"title", a.title}, {"publisher", publisher}});
    const ArticleAnchors anchors = anchors_of(a);
    for (std::size_t si = 0; si < a.sections.size(); ++si) {
      const Section& s = a.sections[si];
      const std::string label = s.display_heading();
      auto [it, fresh] = topic_of.try_emplace(condition_key(label), topics.size());
      if (fresh) topics.push_back({s.type, label, {}});
      auto& t = topics[it->second];
      const bool again = std::any_of(t.answers.begin(), t.answers.end(),
                                     [&](const auto& x) { return std::get<0>(x) == a.slug; });
      if (!again) t.answers.emplace_back(a.slug, anchors.sections[si], publisher);
    }
  }
  std::stable_sort(topics.begin(), topics.end(),
                   [](const Topic& x, const Topic& y) { return x.type < y.type; });
  json topic_list = json::array();
  for (const auto& t : topics) {
    json by = json::array();
    for (const auto& [slug, anchor, publisher] : t.answers)
      by.push_back({{"slug", slug}, {"anchor", anchor}, {"publisher", publisher}});
    topic_list.push_back({{"label", t.label},
                          {"slug", std::get<0>(t.answers.front())},
                          {"anchor", std::get<1>(t.answers.front())},
                          {"by", std::move(by)}});
  }
  view["topics"] = std::move(topic_list);
  view["articles"] = std::move(articles);
  view["article_count"] = answered;
  view["plural"] = answered == 1 ? "" : "s";

  // Questions sources ask without an answer here, once each, and only those
  // no source on this page answers.
  json open = json::array();
  std::set<std::string> asked;
  for (auto i : c.articles) {
    const Article& a = snap.articles()[i];
    for (const auto& q : a.open_questions) {
      const std::string key = condition_key(q.text);
      if (topic_of.contains(key) || !asked.insert(key).second) continue;
      open.push_back({{"text", q.text},
                      {"publisher", publisher_of(a)},
                      {"url", a.url.starts_with("http") ? a.url : std::string()}});
    }
  }
  view["open_questions"] = std::move(open);
  Layout l;
  l.page_title = c.name;
  l.canonical = "/conditions/" + c.slug;
  return render_layout(l, render_view("condition", view));
}

std::string render_search_page(const qa::Engine& engine, const qa::SearchPage& page,
                               const qa::SearchFilters& filters, const SearchPaging& paging) {
  const auto articles = engine.snapshot().articles();
  json results = json::array();
  for (const auto& h : page.hits) {
    const Article& a = articles[h.article];
    results.push_back(
        {{"slug", a.slug},
         {"title", a.title},
         {"condition", a.condition.name},
         {"section", engine.unit_heading(h.unit)},
         {"collection", a.collection.empty() ? std::string("symptomdb") : a.collection},
         {"snippet_html", highlight_html(plain_snippet(h.snippet), page.query)}});
  }
  const std::size_t first = (paging.page - 1) * paging.per_page;
  json view = {{"query", page.query},
               {"first", first + 1},
               {"last", first + page.hits.size()},
               {"paged", page.total > page.hits.size()},
               {"prev_url", paging.prev_url},
               {"next_url", paging.next_url},
               {"page_number", paging.page},
               {"page_count",
                std::max<std::size_t>(1, (page.total + paging.per_page - 1) / paging.per_page)},
               {"past_end", page.hits.empty() && page.total > 0},
               {"query_url", url_encode(page.query)},
               {"results", std::move(results)},
               {"total", page.total},
               {"plural", page.total == 1 ? "" : "s"},
               {"filtered", !filters.collection.empty() || filters.type.has_value()}};
  if (!page.query.empty())
    if (const auto e = engine.emergency(page.query))
      view["emergency"] = {{"message", e->message}, {"matched", e->matched}};
  // The facets show only when there is a choice: with one source or one
  // kind of section there is nothing to filter by.
  if (page.collections.size() > 1) {
    json collections = json::array();
    for (const auto& [c, n] : page.collections)
      collections.push_back({{"value", url_encode(c)},
                             {"label", c},
                             {"count", n},
                             {"active", c == filters.collection}});
    view["collections"] = std::move(collections);
  }
  if (page.types.size() > 1) {
    json types = json::array();
    for (const auto& [t, n] : page.types)
      types.push_back({{"value", to_string(t)},
                       {"label", default_heading(t)},
                       {"count", n},
                       {"active", filters.type == t}});
    view["types"] = std::move(types);
  }
  std::string corrections;
  for (const auto& c : page.corrections) {
    if (!corrections.empty()) corrections += ", ";
    corrections += "\u201c" + c.to + "\u201d instead of \u201c" + c.from + "\u201d";
  }
  view["has_corrections"] = !corrections.empty();
  view["corrections_text"] = corrections;
  Layout l;
  l.page_title = page.query.empty() ? "Search" : "Search: " + page.query;
  l.query = page.query;
  return render_layout(l, render_view("search", view));
}

}  // namespace symptomdb::web
