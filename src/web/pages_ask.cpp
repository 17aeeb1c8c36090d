// The answer page for a question in plain words (/ask).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "web/markdown_html.hpp"
#include "web/page_render.hpp"
#include "web/pages.hpp"
#include "web/qa_json.hpp"

namespace symptomdb::web {
namespace {

using nlohmann::json;

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

json source_view(const qa::Source& s) {
  return {{"author", s.author.empty() ? std::string("symptomdb") : s.author},
          {"collection", s.collection},
          {"document", s.document},
          {"pair", s.pair},
          {"url", s.url.starts_with("http") ? s.url : std::string()},
          {"article", "/articles/" + s.article + (s.anchor.empty() ? "" : "#" + s.anchor)},
          {"license", s.license}};
}

// Whether the dataset's credit goes under the page: for answers from the
// dataset only.
bool from_medquad(std::string_view collection, std::string_view license) {
  return !collection.empty() && license == "CC BY 4.0";
}

json result_view(const qa::Engine& engine, const qa::Result& r) {
  const auto& conditions = engine.snapshot().conditions();
  json view = {{"question", r.question}};
  if (!r.subject.empty()) view["subject"] = r.subject;
  if (r.emergency)
    view["emergency"] = {{"message", r.emergency->message}, {"matched", r.emergency->matched}};
  std::vector<std::string> names, intents;
  if (!r.focus.empty()) names.push_back(conditions[r.focus.front().condition].name);
  for (const auto& i : r.intents) intents.push_back(intent_label(i.type));
  view["has_reading"] = !names.empty();
  view["focus_names"] = fmt::format("{}", fmt::join(names, ", "));
  view["has_intents"] = !intents.empty();
  view["intent_names"] = fmt::format("{}", fmt::join(intents, ", "));
  std::string corrections;
  for (const auto& c : r.corrections) {
    if (!corrections.empty()) corrections += ", ";
    corrections += "\u201c" + c.from + "\u201d as \u201c" + c.to + "\u201d";
  }
  view["has_corrections"] = !corrections.empty();
  view["corrections_text"] = corrections;
  // Answers grouped by intent, in the order of first appearance.
  std::vector<SectionType> order;
  for (const auto& a : r.answers)
    if (std::find(order.begin(), order.end(), a.type) == order.end()) order.push_back(a.type);
  json groups = json::array();
  bool medquad = false;
  for (auto t : order) {
    json answers = json::array();
    bool offered = false;
    for (const auto& a : r.answers) {
      if (a.type != t) continue;
      offered = offered || !a.asked;
      json answer = source_view(a.source);
      answer["heading"] = a.heading;
      answer["html"] = markdown_to_html(a.text);
      // An answer about the broader condition says so, and names the one asked about.
      if (a.via == qa::Answer::Via::broader && !r.focus.empty()) {
        answer["broader"] = conditions[a.condition].name;
        answer["asked_name"] = conditions[r.focus.front().condition].name;
      }
      // So does one about another condition the question names, when the
      // one read first holds nothing.
      if (a.via == qa::Answer::Via::other_named && !r.focus.empty()) {
        answer["other_named"] = conditions[a.condition].name;
        answer["asked_name"] = conditions[r.focus.front().condition].name;
      }
      medquad = medquad || from_medquad(a.source.collection, a.source.license);
      answers.push_back(std::move(answer));
    }
    groups.push_back(
        {{"type", to_string(t)},
         {"label", offered ? intent_label(t) + " (what we have instead)" : intent_label(t)},
         {"answers", std::move(answers)}});
  }
  view["groups"] = std::move(groups);
  if (!r.missing.empty() && !r.focus.empty()) {
    std::vector<std::string> missing;
    for (auto t : r.missing) missing.push_back(text_lower(intent_label(t)));
    const auto& primary = conditions[r.focus.front().condition];
    json available = json::array();
    for (auto t : r.available)
      available.push_back(
          {{"label", text_lower(intent_label(t))}, {"url", "/conditions/" + primary.slug}});
    view["has_missing"] = true;
    view["missing_text"] = fmt::format("{}", fmt::join(missing, ", "));
    view["primary_name"] = primary.name;
    view["available"] = std::move(available);
  }
  if (r.reverse) {
    json list = json::array();
    for (const auto& h : r.conditions) {
      const auto src = engine.unit_source(h.unit);
      list.push_back({{"name", conditions[h.condition].name},
                      {"id", conditions[h.condition].slug},
                      {"findings", fmt::format("{}", fmt::join(h.findings, ", "))},
                      {"passage", h.passage},
                      {"source", src.author.empty() ? src.collection : src.author}});
      medquad = medquad || from_medquad(src.collection, src.license);
    }
    // "shown" keeps the section when there is neither a finding nor a
    // condition to list: it then says that nothing was found.
    view["reverse"] = {{"shown", true},
                       {"findings_text", fmt::format("{}", fmt::join(r.findings, ", "))},
                       {"conditions", std::move(list)}};
  }
  if (r.answers.empty() && !r.reverse) {
    json suggestions = json::array();
    for (auto s : r.suggestions)
      suggestions.push_back({{"name", conditions[s].name}, {"id", conditions[s].slug}});
    view["no_answer"] = true;
    view["suggestions"] = std::move(suggestions);
    view["has_not_covered"] = !r.not_covered.empty();
    view["not_covered_text"] = fmt::format("{}", fmt::join(r.not_covered, ", "));
  }
  if (medquad) view["attribution"] = web::medquad_attribution();
  return view;
}

}  // namespace

std::string render_ask_page(const qa::Engine& engine, const qa::Result* r) {
  Layout l;
  l.page_title = !r                   ? "Ask a health question"
                 : r->subject.empty() ? "Answers: " + r->question
                                      : "Answers: " + r->subject;
  return render_layout(l, render_view("ask", r ? result_view(engine, *r) : json::object()));
}

}  // namespace symptomdb::web
