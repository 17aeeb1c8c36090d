#include "checker/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/fold.hpp"
#include "qa/engine.hpp"
#include "qa/red_flags.hpp"

namespace symptomdb::checker {

bool is_hpo_id(std::string_view s) {
  if (s.size() != 10 || !(s.starts_with("HP:") || s.starts_with("hp:"))) return false;
  return std::all_of(s.begin() + 3, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Sex> parse_sex(std::string_view s, bool& ok) {
  ok = true;
  const std::string f = fold_text(s);
  if (f.empty()) return std::nullopt;
  if (f == "female" || f == "f" || f == "woman") return Sex::female;
  if (f == "male" || f == "m" || f == "man") return Sex::male;
  // FHIR's AdministrativeGender has "other" and "unknown" too: a record that
  // says so is read, and nothing is adjusted for sex.
  if (f == "other" || f == "unknown" || f == "unspecified") return std::nullopt;
  ok = false;
  return std::nullopt;
}

namespace {

std::string upper_id(std::string_view s) {
  std::string id(s);
  id[0] = 'H', id[1] = 'P';
  return id;
}

// The number after "PREFIX:".
std::string_view local_id(std::string_view id) {
  const auto colon = id.find(':');
  return colon == std::string_view::npos ? std::string_view{} : id.substr(colon + 1);
}

// The frequency the annotation file gives for a disease's term, if it gives one.
std::optional<double> frequency_of(const Disease& d, TermIndex t) {
  const auto it = std::lower_bound(d.present.begin(), d.present.end(), t,
                                   [](const DiseaseTerm& x, TermIndex v) { return x.term < v; });
  if (it == d.present.end() || it->term != t || !it->frequency_given) return std::nullopt;
  return it->frequency;
}

Relation relation(const ontology::Ontology& onto, TermIndex query,
                  std::optional<TermIndex> annotated) {
  if (!annotated) return Relation::none;
  if (*annotated == query) return Relation::same;
  if (onto.is_ancestor_or_self(query, *annotated)) return Relation::more_specific;
  if (onto.is_ancestor_or_self(*annotated, query)) return Relation::more_general;
  return Relation::related;
}

Condition explained(const CheckResources& res, Ranked ranked) {
  const Disease& d = res.checker.disease(ranked.disease);
  Condition c;
  c.details.reserve(ranked.matched.size());
  for (const auto& m : ranked.matched) {
    MatchDetail detail;
    detail.relation = relation(res.ontology, m.query_term, m.disease_term);
    if (m.disease_term) {
      if (std::binary_search(d.excluded.begin(), d.excluded.end(), *m.disease_term))
        detail.disease_term_absent = true;
      else
        detail.frequency = frequency_of(d, *m.disease_term);
    }
    c.details.push_back(detail);
  }
  c.sources = disease_sources(d, res.annotations_version);
  c.ranked = std::move(ranked);
  return c;
}

}  // namespace

std::optional<CheckEmergency> emergency_notice(const std::vector<RedFlag>& flags,
                                               const std::optional<qa::Emergency>& text) {
  if (flags.empty() && !text) return std::nullopt;
  CheckEmergency e;
  auto add_kind = [&](const std::string& kind) {
    if (std::find(e.kinds.begin(), e.kinds.end(), kind) != e.kinds.end()) return;
    e.kinds.push_back(kind);
    if (!e.message.empty()) e.message += " ";
    e.message += qa::emergency_message(kind);
  };
  if (text) add_kind(text->kind);
  for (const auto& f : flags) {
    add_kind(f.kind);
    e.findings.push_back(f.query);
  }
  return e;
}

std::string_view to_string(CheckErrorCode code) {
  switch (code) {
    case CheckErrorCode::too_many_symptoms:
      return "too_many_symptoms";
    case CheckErrorCode::symptom_too_long:
      return "symptom_too_long";
    case CheckErrorCode::bad_limit:
      return "bad_limit";
    case CheckErrorCode::bad_age:
      return "bad_age";
    case CheckErrorCode::contradiction:
      return "contradiction";
  }
  return "bad_request";
}

std::string_view to_string(UnmatchedReason reason) {
  return reason == UnmatchedReason::not_in_release ? "not_in_release" : "not_understood";
}

std::string_view to_string(Relation relation) {
  switch (relation) {
    case Relation::same:
      return "same";
    case Relation::more_specific:
      return "more_specific";
    case Relation::more_general:
      return "more_general";
    case Relation::related:
      return "related";
    case Relation::none:
      break;
  }
  return "none";
}

std::optional<CheckError> validate(const CheckRequest& in) {
  if (in.limit < 1 || in.limit > kMaxLimit)
    return CheckError{CheckErrorCode::bad_limit,
                      fmt::format("limit must be a whole number from 1 to {}.", kMaxLimit)};
  if (in.age_years && !(*in.age_years >= 0 && *in.age_years <= 130))
    return CheckError{CheckErrorCode::bad_age, "age must be a number of years from 0 to 130."};
  if (in.present.size() + in.excluded.size() > kMaxFindings)
    return CheckError{
        CheckErrorCode::too_many_symptoms,
        fmt::format("Give at most {} symptoms in all (present and excluded).", kMaxFindings)};
  for (const auto* list : {&in.present, &in.excluded})
    for (const auto& s : *list)
      if (s.size() > kMaxFindingChars)
        return CheckError{
            CheckErrorCode::symptom_too_long,
            fmt::format("Each symptom is limited to {} characters.", kMaxFindingChars)};
  return std::nullopt;
}

std::vector<Source> disease_sources(const Disease& d, std::string_view annotations_version) {
  std::vector<Source> out;
  if (auto url = disease_source_url(d.id); !url.empty())
    out.push_back({.name = disease_source_name(d.id), .id = d.id, .url = std::move(url)});
  out.push_back({.name = "HPO annotations",
                 .id = d.id,
                 .url = "https://hpo.jax.org/browse/disease/" + d.id,
                 .version = std::string(annotations_version),
                 .license = "HPO Consortium terms of use (https://hpo.jax.org)"});
  return out;
}

std::string disease_source_url(std::string_view id) {
  const auto n = std::string(local_id(id));
  if (n.empty()) return {};
  if (id.starts_with("OMIM:")) return "https://omim.org/entry/" + n;
  if (id.starts_with("ORPHA:")) return "https://www.orpha.net/en/disease/detail/" + n;
  if (id.starts_with("DECIPHER:")) return "https://www.deciphergenomics.org/syndrome/" + n;
  return {};
}

std::string disease_source_name(std::string_view id) {
  if (id.starts_with("ORPHA:")) return "Orphanet";
  return std::string(id.substr(0, id.find(':')));
}

bool CheckResult::any_present() const {
  return std::any_of(readings.begin(), readings.end(),
                     [](const Reading& r) { return !r.excluded; });
}

std::variant<CheckResult, CheckError> run_check(const CheckResources& res, const CheckRequest& in) {
  if (auto error = validate(in)) return *std::move(error);
  CheckResult run;
  const auto& onto = res.ontology;
  std::string free_text;
  auto read = [&](const std::string& s, bool excluded) {
    if (s.find_first_not_of(" \t\r\n") == std::string::npos) return;
    if (is_hpo_id(s)) {
      auto id = upper_id(s);
      const auto t = onto.find(id);
      if (!t) {
        run.unmatched.push_back(
            {s, UnmatchedReason::not_in_release,
             id + " is not a current term of HPO release " + std::string(res.hpo_version) +
                 " (unknown, obsolete without a replacement, or newer than this release); "
                 "the other findings were used."});
        return;
      }
      run.readings.push_back({std::move(id), "", *t, excluded});
      return;
    }
    if (!excluded) free_text += s + "\n";
    auto result = res.interpreter.interpret(s);
    for (auto& i : result.terms)
      run.readings.push_back({std::move(i.text), std::move(i.matched), i.term, excluded});
    for (auto& u : result.unmatched)
      run.unmatched.push_back({std::move(u), UnmatchedReason::not_understood,
                               "These words could not be matched to a phenotype term."});
  };
  for (const auto& s : in.present) read(s, false);
  for (const auto& s : in.excluded) read(s, true);

  // One reading per term; a term cannot be both present and absent.
  std::vector<Reading> unique;
  unique.reserve(run.readings.size());
  for (auto& r : run.readings) {
    auto same = std::find_if(unique.begin(), unique.end(),
                             [&](const Reading& u) { return u.term == r.term; });
    if (same == unique.end()) {
      unique.push_back(std::move(r));
    } else if (same->excluded != r.excluded) {
      return CheckError{
          CheckErrorCode::contradiction,
          "\"" + onto.term(r.term).label + "\" is given both as present and as not present."};
    }
  }
  run.readings = std::move(unique);

  Query q;
  std::vector<TermIndex> present_terms;
  for (const auto& r : run.readings) {
    (r.excluded ? q.excluded : q.present).push_back({r.term, r.text});
    if (!r.excluded) present_terms.push_back(r.term);
  }
  q.age_years = in.age_years;
  q.sex = in.sex;
  q.limit = static_cast<std::size_t>(in.limit);
  std::optional<qa::Emergency> text_emergency;
  if (!free_text.empty() && res.engine) text_emergency = res.engine->emergency(free_text);
  run.emergency = emergency_notice(res.red_flags.check(onto, present_terms), text_emergency);
  if (q.present.empty()) return run;
  for (auto& ranked : res.checker.rank(q)) {
    // A condition none of the present findings speaks for is no answer.
    if (std::none_of(ranked.matched.begin(), ranked.matched.end(),
                     [](const Match& m) { return !m.excluded && m.contribution > 0; }))
      continue;
    run.conditions.push_back(explained(res, std::move(ranked)));
  }
  return run;
}

}  // namespace symptomdb::checker
