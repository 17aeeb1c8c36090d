// JSON shapes of the question-answering API: /api/v1/ask, /api/v1/suggest
// and /api/v1/search. Shared by the server and `symptomdb ask --json`.
#pragma once

#include <nlohmann/json.hpp>

#include "qa/engine.hpp"

namespace symptomdb::web {

// `with_html` adds each answer's text rendered to HTML (?html=1); the
// Markdown text is always there.
nlohmann::json ask_json(const qa::Engine& engine, const qa::Result& result, bool with_html = false);
nlohmann::json suggest_json(const qa::Engine& engine, std::string_view prefix,
                            const std::vector<qa::Suggestion>& suggestions);
nlohmann::json search_json(const qa::Engine& engine, const qa::SearchPage& page);
nlohmann::json source_json(const qa::Source& source);

// The attribution every answer from MedQuAD carries.
std::string_view medquad_attribution();

}  // namespace symptomdb::web
