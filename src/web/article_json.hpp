// The JSON shapes of the public API (/api/v1/...). One place, so the API,
// the CLI's --json output and the tests agree on field names.
#pragma once

#include <nlohmann/json.hpp>

#include "core/article.hpp"
#include "engine/snapshot.hpp"

namespace symptomdb::web {

nlohmann::json article_json(const Article& article);
nlohmann::json condition_json(const Snapshot& snapshot, const ConditionEntry& condition);
// JSON for one section's provenance; null when the article-level one applies.
nlohmann::json section_source_json(const Article& article, const Section& section);

// {"error": {"code": ..., "message": ...}} as every API error is shaped.
nlohmann::json error_json(std::string_view code, std::string_view message);

}  // namespace symptomdb::web
