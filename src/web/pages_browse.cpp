// The pages for browsing: home, conditions by letter, a condition, search.
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

namespace {

mu::data letters_nav(const Snapshot& snap, char current) {
  std::map<char, int> counts;
  for (const auto& c : snap.conditions())
    if (has_answers(snap, c)) ++counts[letter_of(c.name)];
  mu::data letters{mu::data::type::list};
  for (auto [letter, count] : counts) {
    mu::data ld;
    ld.set("letter", std::string(1, letter));
    ld.set("count", std::to_string(count));
    ld.set("current", letter == current);
    letters.push_back(ld);
  }
  return letters;
}

}  // namespace

std::string render_home_page(const Snapshot& snap) {
  mu::data featured{mu::data::type::list};
  std::size_t medquad = 0;
  bool has_featured = false;
  for (const auto& a : snap.articles()) {
    if (!has_answers(a)) continue;
    if (a.provenance.format == "medquad") {
      ++medquad;
      continue;
    }
    mu::data fd;
    fd.set("slug", a.slug);
    fd.set("title", a.title);
    fd.set("sample", a.sample);
    featured.push_back(fd);
    has_featured = true;
  }
  mu::data d;
  d.set("featured", featured);
  const auto listed = static_cast<std::size_t>(
      std::count_if(snap.conditions().begin(), snap.conditions().end(),
                    [&](const ConditionEntry& c) { return has_answers(snap, c); }));
  d.set("has_featured", has_featured);
  d.set("letters", letters_nav(snap, 0));
  d.set("has_conditions", listed > 0);
  d.set("condition_count", std::to_string(listed));
  d.set("has_medquad", medquad > 0);
  d.set("medquad_count", std::to_string(medquad));
  Layout l;
  l.page_title = "Health questions, answered with sources";
  l.description = "Consumer health articles on symptoms and conditions, with their sources.";
  l.canonical = "/";
  return render_layout(l, render_template("home", d));
}

std::string render_letter_page(const Snapshot& snap, char letter) {
  mu::data list{mu::data::type::list};
  for (const auto& c : snap.conditions()) {
    if (letter_of(c.name) != letter || !has_answers(snap, c)) continue;
    mu::data cd;
    cd.set("name", c.name);
    cd.set("slug", c.slug);
    const auto names = split_names(snap, c).also_called;
    cd.set("has_synonyms", !names.empty());
    std::vector<std::string> few(names.begin(),
                                 names.begin() + std::min<std::size_t>(3, names.size()));
    cd.set("synonyms_text", fmt::format("{}", fmt::join(few, ", ")));
    list.push_back(cd);
  }
  mu::data d;
  d.set("letter", std::string(1, letter));
  d.set("letters", letters_nav(snap, letter));
  d.set("conditions", list);
  Layout l;
  l.page_title = std::string("Conditions: ") + letter;
  l.canonical = std::string("/conditions?letter=") + letter;
  return render_layout(l, render_template("letter", d));
}

std::string render_condition_page(const Snapshot& snap, const ConditionEntry& c) {
  mu::data d;
  d.set("name", c.name);
  d.set("slug", c.slug);
  d.set("name_url", url_encode(c.name));
  d.set("letter", std::string(1, letter_of(c.name)));
  set_names(d, snap, c);
  std::string kind = c.kind.empty() ? "disease" : c.kind;
  kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
  d.set("kind_label", kind);

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
  mu::data articles{mu::data::type::list};
  for (auto i : c.articles) {
    const Article& a = snap.articles()[i];
    if (!has_answers(a)) continue;
    ++answered;
    const std::string publisher = publisher_of(a);
    mu::data ad;
    ad.set("slug", a.slug);
    ad.set("title", a.title);
    ad.set("publisher", publisher);
    articles.push_back(ad);
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
  mu::data topic_list{mu::data::type::list};
  for (const auto& t : topics) {
    mu::data td;
    td.set("label", t.label);
    td.set("slug", std::get<0>(t.answers.front()));
    td.set("anchor", std::get<1>(t.answers.front()));
    mu::data by{mu::data::type::list};
    for (std::size_t k = 0; k < t.answers.size(); ++k) {
      mu::data bd;
      bd.set("slug", std::get<0>(t.answers[k]));
      bd.set("anchor", std::get<1>(t.answers[k]));
      bd.set("publisher", std::get<2>(t.answers[k]));
      bd.set("last", k + 1 == t.answers.size());
      by.push_back(bd);
    }
    td.set("by", by);
    topic_list.push_back(td);
  }
  d.set("topics", topic_list);
  d.set("has_topics", !topics.empty());
  d.set("articles", articles);
  d.set("has_articles", answered > 0);
  d.set("article_count", std::to_string(answered));
  d.set("plural", answered == 1 ? "" : "s");

  // Questions sources ask without an answer here, once each, and only those
  // no source on this page answers.
  mu::data open{mu::data::type::list};
  std::set<std::string> asked;
  for (auto i : c.articles) {
    const Article& a = snap.articles()[i];
    for (const auto& q : a.open_questions) {
      const std::string key = condition_key(q.text);
      if (topic_of.contains(key) || !asked.insert(key).second) continue;
      mu::data qd;
      qd.set("text", q.text);
      qd.set("publisher", publisher_of(a));
      if (a.url.starts_with("http")) qd.set("url", a.url);
      open.push_back(qd);
    }
  }
  d.set("open_questions", open);
  d.set("has_open_questions", !asked.empty());
  Layout l;
  l.page_title = c.name;
  l.canonical = "/conditions/" + c.slug;
  return render_layout(l, render_template("condition", d));
}

std::string render_search_page(const qa::Engine& engine, const qa::SearchPage& page,
                               const qa::SearchFilters& filters, const SearchPaging& paging) {
  const auto articles = engine.snapshot().articles();
  mu::data list{mu::data::type::list};
  for (const auto& h : page.hits) {
    const Article& a = articles[h.article];
    mu::data rd;
    rd.set("slug", a.slug);
    rd.set("title", a.title);
    rd.set("condition", a.condition.name);
    rd.set("section", engine.unit_heading(h.unit));
    rd.set("collection", a.collection.empty() ? std::string("symptomdb") : a.collection);
    rd.set("snippet_html", highlight_html(plain_snippet(h.snippet), page.query));
    list.push_back(rd);
  }
  mu::data d;
  set_if(d, "query", page.query);
  if (!page.query.empty())
    if (const auto e = engine.emergency(page.query)) {
      mu::data ed;
      ed.set("message", e->message);
      ed.set("matched", e->matched);
      d.set("emergency", ed);
    }
  const std::size_t first = (paging.page - 1) * paging.per_page;
  d.set("first", std::to_string(first + 1));
  d.set("last", std::to_string(first + page.hits.size()));
  d.set("paged", page.total > page.hits.size());
  set_if(d, "prev_url", paging.prev_url);
  set_if(d, "next_url", paging.next_url);
  d.set("page_number", std::to_string(paging.page));
  d.set("page_count", std::to_string(std::max<std::size_t>(
                          1, (page.total + paging.per_page - 1) / paging.per_page)));
  d.set("past_end", page.hits.empty() && page.total > 0);
  d.set("query_url", url_encode(page.query));
  d.set("results", list);
  d.set("has_results", !page.hits.empty());
  d.set("total", std::to_string(page.total));
  d.set("plural", page.total == 1 ? "" : "s");
  d.set("filtered", !filters.collection.empty() || filters.type.has_value());
  mu::data collections{mu::data::type::list}, types{mu::data::type::list};
  for (const auto& [c, n] : page.collections) {
    mu::data cd;
    cd.set("value", url_encode(c));
    cd.set("label", c);
    cd.set("count", std::to_string(n));
    cd.set("active", c == filters.collection);
    collections.push_back(cd);
  }
  for (const auto& [t, n] : page.types) {
    mu::data td;
    td.set("value", std::string(to_string(t)));
    td.set("label", std::string(default_heading(t)));
    td.set("count", std::to_string(n));
    td.set("active", filters.type == t);
    types.push_back(td);
  }
  d.set("collections", collections);
  d.set("types", types);
  d.set("has_collections", page.collections.size() > 1);
  d.set("has_types", page.types.size() > 1);
  std::string corrections;
  for (const auto& c : page.corrections) {
    if (!corrections.empty()) corrections += ", ";
    corrections += "\u201c" + c.to + "\u201d instead of \u201c" + c.from + "\u201d";
  }
  d.set("has_corrections", !corrections.empty());
  d.set("corrections_text", corrections);
  Layout l;
  l.page_title = page.query.empty() ? "Search" : "Search: " + page.query;
  l.query = page.query;
  return render_layout(l, render_template("search", d));
}

}  // namespace symptomdb::web
