// Speed changes that must not change a result: each fast path is checked
// against the plain computation it replaced, on constructed inputs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <random>
#include <thread>

#include "ingest/collect.hpp"
#include "search/index.hpp"
#include "support/temp_dir.hpp"
#include "web/page_render.hpp"

namespace symptomdb {
namespace {

// The bundled articles' sections as an index (the same corpus as IndexTopK).
search::Index bundled_index(text::Analyzer& an) {
  auto articles =
      ingest::parse_files(ingest::collect_files({(test::source_dir() / "content").string()}, ".md"),
                          ingest::Format::markdown);
  search::Index idx;
  for (const auto& a : articles)
    for (const auto& s : a.sections) {
      std::string body = s.intro;
      for (const auto& item : s.items) body += "\n" + item.text;
      const search::Field fields[] = {{s.heading, 2.0}, {body, 1.0}};
      idx.add(fields, an);
    }
  idx.finish();
  return idx;
}

// Index::any_phrase (reads only the documents holding the phrase's rarest
// word) answers as a scan of every document with find_phrase does: for
// phrases cut from documents (present, at least there), the same words
// reordered (mostly absent) and random words, with and without a filter.
TEST(SearchSpeed, AnyPhraseEqualsAScanOfEveryDocument) {
  text::Analyzer an;
  const auto idx = bundled_index(an);
  ASSERT_GT(idx.size(), 50u);
  auto scan = [&](std::span<const search::TermId> phrase,
                  const std::function<bool(search::DocId)>& keep) {
    for (search::DocId d = 0; d < idx.size(); ++d)
      if ((!keep || keep(d)) && idx.find_phrase(d, phrase)) return true;
    return false;
  };
  const std::function<bool(search::DocId)> none;
  const std::function<bool(search::DocId)> one_in_three = [](search::DocId d) {
    return d % 3 == 0;
  };
  std::mt19937 rng(11);
  std::uniform_int_distribution<std::size_t> pick_doc(0, idx.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_term(0, idx.term_count() - 1);
  std::size_t present = 0, absent = 0;
  for (int q = 0; q < 400; ++q) {
    std::vector<search::TermId> phrase;
    const std::size_t len = 1 + static_cast<std::size_t>(q) % 4;
    if (q % 4 == 3) {
      for (std::size_t i = 0; i < len; ++i)
        phrase.push_back(static_cast<search::TermId>(pick_term(rng)));
    } else {
      const auto toks = idx.tokens(static_cast<search::DocId>(pick_doc(rng)));
      if (toks.size() < len) continue;
      const std::size_t at = std::uniform_int_distribution<std::size_t>(0, toks.size() - len)(rng);
      phrase.assign(toks.begin() + static_cast<std::ptrdiff_t>(at),
                    toks.begin() + static_cast<std::ptrdiff_t>(at + len));
      if (std::find(phrase.begin(), phrase.end(), search::Index::kBoundary) != phrase.end())
        continue;
      if (q % 4 == 2) std::reverse(phrase.begin(), phrase.end());
    }
    for (const auto* keep : {&none, &one_in_three}) {
      const bool expected = scan(phrase, *keep);
      EXPECT_EQ(idx.any_phrase(phrase, *keep), expected) << "query " << q;
      (expected ? present : absent) += 1;
    }
  }
  // Both answers were exercised.
  EXPECT_GT(present, 100u);
  EXPECT_GT(absent, 50u);
  EXPECT_FALSE(idx.any_phrase({}));
}

// Templates are parsed once per thread and kept: a kept template renders
// what a freshly parsed one does, whatever was rendered with it before. The
// first render on a new thread parses afresh (as every render did before).
TEST(PageRenderSpeed, AKeptTemplateRendersAsAFreshlyParsedOne) {
  using nlohmann::json;
  auto result = [](const std::string& slug, const std::string& title) {
    return json{{"slug", slug},
                {"title", title},
                {"condition", "C <" + slug + ">"},
                {"section", "Symptoms"},
                {"collection", "symptomdb"},
                {"snippet_html", "a <mark>" + title + "</mark> b"}};
  };
  const std::vector<json> views = {
      {{"query", "heart & <lungs>"},
       {"first", 1},
       {"last", 2},
       {"paged", true},
       {"next_url", "/search?q=heart&page=2"},
       {"page_number", 1},
       {"page_count", 3},
       {"query_url", "heart"},
       {"results", {result("a", "Heart"), result("b", "Lungs \"x\"")}},
       {"total", 5},
       {"plural", "s"},
       {"emergency", {{"message", "Call now"}, {"matched", "chest pain"}}},
       {"collections",
        {{{"value", "x"}, {"label", "X"}, {"count", 2}, {"active", true}},
         {{"value", "y"}, {"label", "Y"}, {"count", 3}, {"active", false}}}}},
      {{"query", "zzz"}, {"results", json::array()}, {"total", 0}, {"past_end", false}},
      {{"query", ""}, {"results", json::array()}},
      {{"query", "pain"},
       {"first", 1},
       {"last", 1},
       {"results", {result("c", "Pain")}},
       {"total", 1},
       {"has_corrections", true},
       {"corrections_text", "\u201cpain\u201d instead of \u201cpian\u201d"}},
  };
  std::vector<std::string> expected(views.size());
  for (std::size_t i = 0; i < views.size(); ++i) {
    std::thread fresh([&, i] { expected[i] = web::render_view("search", views[i]); });
    fresh.join();
    ASSERT_FALSE(expected[i].empty());
  }
  EXPECT_NE(expected[0].find("Lungs &quot;x&quot;"), std::string::npos) << expected[0];
  EXPECT_NE(expected[3].find("instead of"), std::string::npos) << expected[3];
  for (int round = 0; round < 3; ++round)
    for (std::size_t i = 0; i < views.size(); ++i)
      EXPECT_EQ(web::render_view("search", views[i]), expected[i])
          << "round " << round << ", view " << i;
  // And in the reverse order, on another thread that kept its own.
  std::vector<std::string> other(views.size());
  std::thread t([&] {
    for (std::size_t i = views.size(); i-- > 0;) other[i] = web::render_view("search", views[i]);
    for (std::size_t i = views.size(); i-- > 0;) other[i] = web::render_view("search", views[i]);
  });
  t.join();
  EXPECT_EQ(other, expected);
}

}  // namespace
}  // namespace symptomdb
