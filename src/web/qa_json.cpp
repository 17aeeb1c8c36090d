#include "web/qa_json.hpp"

#include <algorithm>

#include "web/markdown_html.hpp"

namespace symptomdb::web {

using nlohmann::json;

std::string_view medquad_attribution() {
  return "Answers from MedQuAD (Ben Abacha and Demner-Fushman, 2019, \"A Question-Entailment "
         "Approach to Question Answering\"), licensed CC BY 4.0; text from the NIH websites named "
         "in each source.";
}

json source_json(const qa::Source& s) {
  return {{"collection", s.collection},
          {"document", s.document},
          {"pair", s.pair},
          {"url", s.url},
          {"license", s.license},
          {"author", s.author},
          {"article", "/articles/" + s.article + (s.anchor.empty() ? "" : "#" + s.anchor)}};
}

json ask_json(const qa::Engine& engine, const qa::Result& r, bool with_html) {
  const auto& conditions = engine.snapshot().conditions();
  json focus = json::array();
  for (const auto& f : r.focus)
    focus.push_back({{"name", conditions[f.condition].name},
                     {"id", conditions[f.condition].slug},
                     {"matched", f.matched},
                     {"via", f.name},
                     {"corrected", f.corrected},
                     {"score", f.score}});
  json intents = json::array();
  for (const auto& i : r.intents) intents.push_back(to_string(i.type));
  json answers = json::array();
  bool any_medquad = false;
  for (std::size_t k = 0; k < r.answers.size(); ++k) {
    const auto& a = r.answers[k];
    any_medquad = any_medquad || (!a.source.collection.empty() && a.source.license == "CC BY 4.0");
    json answer = {{"rank", k + 1},
                   {"score", a.score},
                   {"focus", conditions[a.condition].name},
                   {"focus_id", conditions[a.condition].slug},
                   {"type", to_string(a.type)},
                   {"asked", a.asked},
                   {"via", a.via == qa::Answer::Via::narrower      ? "narrower condition"
                           : a.via == qa::Answer::Via::broader     ? "broader condition"
                           : a.via == qa::Answer::Via::other_named ? "other condition named"
                           : a.via == qa::Answer::Via::search      ? "search"
                                                                   : "focus"},
                   {"heading", a.heading},
                   {"text", a.text},
                   {"source", source_json(a.source)}};
    // Said in words: the answer is about the broader condition, because the
    // one asked about holds none of this kind.
    if (a.via == qa::Answer::Via::broader && !r.focus.empty())
      answer["note"] = "About " + conditions[a.condition].name +
                       ", the broader condition: this knowledge base holds no answer of this "
                       "kind about " +
                       conditions[r.focus.front().condition].name + ".";
    // Said in words: the answer is about another condition the question
    // names, because the one read first holds no answer at all.
    if (a.via == qa::Answer::Via::other_named && !r.focus.empty())
      answer["note"] = "About " + conditions[a.condition].name +
                       ", which the question also names: this knowledge base holds no answer "
                       "about " +
                       conditions[r.focus.front().condition].name + ".";
    if (with_html) answer["html"] = markdown_to_html(a.text);
    answers.push_back(std::move(answer));
  }
  json suggestions = json::array();
  for (auto c : r.suggestions)
    suggestions.push_back({{"name", conditions[c].name},
                           {"id", conditions[c].slug},
                           {"url", "/conditions/" + conditions[c].slug}});
  json corrections = json::array();
  for (const auto& c : r.corrections) corrections.push_back({{"from", c.from}, {"to", c.to}});
  json missing = json::array(), available = json::array();
  for (auto t : r.missing) missing.push_back(to_string(t));
  for (auto t : r.available) available.push_back(to_string(t));
  json out = {{"question", r.question},
              {"focus", std::move(focus)},
              {"intents", std::move(intents)},
              {"answers", std::move(answers)},
              {"suggestions", std::move(suggestions)},
              {"corrections", std::move(corrections)},
              {"missing", std::move(missing)},
              {"available", std::move(available)},
              {"notice",
               "Health information, not a diagnosis. In an emergency call your local "
               "emergency number."}};
  if (!r.subject.empty()) out["subject"] = r.subject;
  if (any_medquad) out["attribution"] = medquad_attribution();
  if (r.emergency)
    out["emergency"] = {{"kind", r.emergency->kind},
                        {"message", r.emergency->message},
                        {"matched", r.emergency->matched}};
  else
    out["emergency"] = nullptr;
  if (r.reverse) {
    json conds = json::array();
    for (const auto& h : r.conditions) {
      const auto& c = conditions[h.condition];
      conds.push_back({{"name", c.name},
                       {"id", c.slug},
                       {"score", h.score},
                       {"findings", h.findings},
                       {"passage", h.passage},
                       {"source", source_json(engine.unit_source(h.unit))}});
    }
    out["reverse"] = {{"findings", r.findings}, {"conditions", std::move(conds)}};
  }
  if (!r.not_covered.empty()) out["not_covered"] = r.not_covered;
  if (r.answers.empty() && r.focus.empty() && !r.not_covered.empty()) {
    std::string words;
    for (const auto& w : r.not_covered) words += (words.empty() ? "'" : ", '") + w + "'";
    out["message"] = "No answer: the question asks about " + words +
                     ", which this knowledge base holds nothing about; 'suggestions' lists what "
                     "the message also names that it does cover.";
  } else if (r.answers.empty() && r.focus.empty())
    out["message"] = "No answer: the question names no condition this knowledge base covers.";
  else if (r.answers.empty() && r.available.empty())
    // The focus is a name the knowledge base lists without any answer (an
    // entry that holds nothing, a drug only listed): there is nothing in
    // 'available' to point to, so the reply says what it lacks.
    out["message"] = "No answer: this knowledge base lists " +
                     conditions[r.focus.front().condition].name + " but holds no answer about it.";
  else if (!r.missing.empty()) {
    auto any_via = [&](qa::Answer::Via v) {
      return std::any_of(r.answers.begin(), r.answers.end(),
                         [v](const qa::Answer& a) { return a.via == v; });
    };
    out["message"] =
        any_via(qa::Answer::Via::narrower)
            ? "The knowledge base has no answer of the kind asked for this condition; answers "
              "about narrower conditions that have one come first (via 'narrower condition'), "
              "then what it holds about the condition itself."
        : any_via(qa::Answer::Via::other_named)
            ? "The knowledge base holds no answer about this condition; answers about another "
              "condition the question names are given instead (via 'other condition named', "
              "each with a 'note' that says so)."
        : any_via(qa::Answer::Via::broader)
            ? "The knowledge base has no answer of the kind asked for this condition; answers "
              "about the broader condition its name is of are given instead (via 'broader "
              "condition', each with a 'note' that says so)."
            : "The knowledge base has no answer of the kind asked for this condition; "
              "what it does hold is listed in 'available'.";
  }
  return out;
}

json suggest_json(const qa::Engine& engine, std::string_view prefix,
                  const std::vector<qa::Suggestion>& suggestions) {
  const auto& conditions = engine.snapshot().conditions();
  json list = json::array();
  for (const auto& s : suggestions)
    list.push_back({{"label", s.label},
                    {"name", conditions[s.condition].name},
                    {"id", conditions[s.condition].slug},
                    {"url", "/conditions/" + conditions[s.condition].slug}});
  return {{"prefix", prefix}, {"suggestions", std::move(list)}};
}

json search_json(const qa::Engine& engine, const qa::SearchPage& page) {
  const auto articles = engine.snapshot().articles();
  json hits = json::array();
  for (const auto& h : page.hits) {
    const Article& a = articles[h.article];
    hits.push_back({{"slug", a.slug},
                    {"title", a.title},
                    {"condition", a.condition.name},
                    {"collection", a.collection.empty() ? "symptomdb" : a.collection},
                    {"section", engine.unit_heading(h.unit)},
                    {"type", to_string(engine.unit(h.unit).type)},
                    {"score", h.score},
                    {"snippet", h.snippet},
                    {"url", "/articles/" + a.slug},
                    {"source", source_json(engine.unit_source(h.unit))}});
  }
  json collections = json::object(), types = json::object();
  for (const auto& [c, n] : page.collections) collections[c] = n;
  for (const auto& [t, n] : page.types) types[std::string(to_string(t))] = n;
  json corrections = json::array();
  for (const auto& c : page.corrections) corrections.push_back({{"from", c.from}, {"to", c.to}});
  return {{"query", page.query},
          {"count", page.hits.size()},
          {"total", page.total},
          {"results", std::move(hits)},
          {"corrections", std::move(corrections)},
          {"facets", {{"collection", std::move(collections)}, {"type", std::move(types)}}}};
}

}  // namespace symptomdb::web
