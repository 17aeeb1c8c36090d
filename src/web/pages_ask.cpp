// The answer page for a question in plain words (/ask).
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

std::string intent_label(SectionType t) {
  switch (t) {
    case SectionType::overview:
      return "What it is";
    case SectionType::exams_and_tests:
      return "Diagnosis and tests";
    default:
      return std::string(default_heading(t));
  }
}

mu::data source_data(const qa::Source& s) {
  mu::data d;
  d.set("author", s.author.empty() ? std::string("symptomdb") : s.author);
  set_if(d, "collection", s.collection);
  set_if(d, "document", s.document);
  set_if(d, "pair", s.pair);
  if (s.url.starts_with("http")) d.set("url", s.url);
  d.set("article", "/articles/" + s.article + (s.anchor.empty() ? "" : "#" + s.anchor));
  set_if(d, "license", s.license);
  return d;
}

}  // namespace

std::string render_ask_page(const qa::Engine& engine, const qa::Result* r) {
  mu::data d;
  const auto& conditions = engine.snapshot().conditions();
  if (r) {
    set_if(d, "question", r->question);
    if (r->emergency) {
      mu::data e;
      e.set("message", r->emergency->message);
      e.set("matched", r->emergency->matched);
      d.set("emergency", e);
    }
    std::vector<std::string> names, intents;
    if (!r->focus.empty()) names.push_back(conditions[r->focus.front().condition].name);
    for (const auto& i : r->intents) intents.push_back(intent_label(i.type));
    d.set("has_reading", !names.empty());
    d.set("focus_names", fmt::format("{}", fmt::join(names, ", ")));
    d.set("has_intents", !intents.empty());
    d.set("intent_names", fmt::format("{}", fmt::join(intents, ", ")));
    std::string corrections;
    for (const auto& c : r->corrections) {
      if (!corrections.empty()) corrections += ", ";
      corrections += "\u201c" + c.from + "\u201d as \u201c" + c.to + "\u201d";
    }
    d.set("has_corrections", !corrections.empty());
    d.set("corrections_text", corrections);
    // Answers grouped by intent, in the order of first appearance.
    std::vector<SectionType> order;
    for (const auto& a : r->answers)
      if (std::find(order.begin(), order.end(), a.type) == order.end()) order.push_back(a.type);
    mu::data groups{mu::data::type::list};
    bool medquad = false;
    for (auto t : order) {
      mu::data g;
      g.set("type", std::string(to_string(t)));
      mu::data answers{mu::data::type::list};
      bool offered = false;
      for (const auto& a : r->answers) {
        if (a.type != t) continue;
        offered = offered || !a.asked;
        mu::data ad = source_data(a.source);
        ad.set("heading", a.heading);
        ad.set("html", markdown_to_html(a.text));
        // The dataset's credit goes under answers from the dataset only.
        medquad = medquad || (!a.source.collection.empty() && a.source.license == "CC BY 4.0");
        answers.push_back(ad);
      }
      g.set("label", offered ? intent_label(t) + " (what we have instead)" : intent_label(t));
      g.set("answers", answers);
      groups.push_back(g);
    }
    d.set("groups", groups);
    if (!r->missing.empty() && !r->focus.empty()) {
      std::vector<std::string> missing;
      for (auto t : r->missing) missing.push_back(text_lower(intent_label(t)));
      d.set("has_missing", true);
      d.set("missing_text", fmt::format("{}", fmt::join(missing, ", ")));
      const auto& primary = conditions[r->focus.front().condition];
      d.set("primary_name", primary.name);
      mu::data available{mu::data::type::list};
      for (std::size_t i = 0; i < r->available.size(); ++i) {
        mu::data ad;
        ad.set("label", text_lower(intent_label(r->available[i])));
        ad.set("url", "/conditions/" + primary.slug);
        ad.set("last", i + 1 == r->available.size());
        available.push_back(ad);
      }
      d.set("available", available);
      d.set("has_available", !r->available.empty());
    }
    if (r->reverse) {
      mu::data rev;
      rev.set("findings_text", fmt::format("{}", fmt::join(r->findings, ", ")));
      mu::data list{mu::data::type::list};
      for (const auto& h : r->conditions) {
        mu::data cd;
        cd.set("name", conditions[h.condition].name);
        cd.set("id", conditions[h.condition].slug);
        cd.set("findings", fmt::format("{}", fmt::join(h.findings, ", ")));
        cd.set("passage", h.passage);
        const auto src = engine.unit_source(h.unit);
        cd.set("source", src.author.empty() ? src.collection : src.author);
        medquad = medquad || (!src.collection.empty() && src.license == "CC BY 4.0");
        list.push_back(cd);
      }
      rev.set("conditions", list);
      d.set("reverse", rev);
    }
    if (r->answers.empty() && !r->reverse) {
      d.set("no_answer", true);
      mu::data sugg{mu::data::type::list};
      for (std::size_t i = 0; i < r->suggestions.size(); ++i) {
        mu::data sd;
        sd.set("name", conditions[r->suggestions[i]].name);
        sd.set("id", conditions[r->suggestions[i]].slug);
        sd.set("last", i + 1 == r->suggestions.size());
        sugg.push_back(sd);
      }
      d.set("suggestions", sugg);
      d.set("has_suggestions", !r->suggestions.empty());
    }
    if (medquad) d.set("attribution", std::string(web::medquad_attribution()));
  }
  Layout l;
  l.page_title = r ? "Answers: " + r->question : "Ask a health question";
  return render_layout(l, render_template("ask", d));
}

}  // namespace symptomdb::web
