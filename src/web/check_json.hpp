// The symptom checker's answers as JSON, written straight into the response
// body (web/json_writer): the check (POST /api/v1/check, and the /check page,
// which reads it back as its view) and a disease's record
// (/api/v1/diseases/{id}, /check/diseases/{id}). Keys are written in the
// order nlohmann::json sorts them, so the answers are what they were when
// they were built as trees.
#pragma once

#include <string>
#include <string_view>

#include "checker/service.hpp"

namespace symptomdb::web {

class Site;
struct SymptomData;

// What the checker reads, from the data loaded for the site.
checker::CheckResources check_resources(const SymptomData& data, const Site& site);

// An error beside the answer (422 "no_symptoms_understood").
struct AnswerError {
  std::string_view code, message;
};

// Appends the answer of a check to `out`.
void write_check_answer(std::string& out, const SymptomData& data, const Site& site,
                        const checker::CheckResult& result, const AnswerError* error = nullptr);
// Appends everything the annotations say about one disease: its findings by
// frequency, those it is annotated NOT to have, inheritance, onset, sources
// and matching articles.
void write_disease(std::string& out, const SymptomData& data, const Site& site,
                   checker::DiseaseIndex disease);

}  // namespace symptomdb::web
