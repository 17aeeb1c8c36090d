#include "web/check.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/fold.hpp"
#include "qa/red_flags.hpp"
#include "web/check_description.hpp"
#include "web/http_util.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"
#include "web/symptoms.hpp"

namespace symptomdb::web {
namespace {

using nlohmann::json;

// A clinical record lists tens of present and excluded findings (published
// cases: up to 50 present and 130 excluded); 500 in all bounds the cost of one
// request (see the README's checker section for the worst-case time).
constexpr std::size_t kMaxSymptoms = 500;
constexpr std::size_t kMaxFreeTextChars = 1000;
constexpr std::size_t kMaxLimit = 200;
constexpr std::size_t kMaxSuggestLimit = 50;

constexpr std::string_view kNotice =
    "Not a diagnosis: this list is information to discuss with a doctor. It covers rare, mostly "
    "genetic conditions described in the Human Phenotype Ontology's disease annotations; common "
    "causes of these symptoms are not in it. If symptoms are sudden or severe, seek care now.";

// What a request asks for, before interpretation.
struct CheckInput {
  std::vector<std::string> present, excluded;  // HPO ids or free text
  std::size_t limit = 10;
  std::optional<double> age;
  std::optional<checker::Sex> sex;
};

// One symptom as the checker understood it.
struct Reading {
  std::string text;     // as given
  std::string matched;  // the label or synonym it matched; empty for an id
  ontology::TermIndex term = 0;
  bool excluded = false;
};

// A symptom given but not used for ranking, and why.
struct Unmatched {
  std::string text;
  std::string reason;  // "not_in_release" (an id) or "not_understood" (words)
  std::string message;
};

struct CheckRun {
  std::vector<Reading> readings;
  std::vector<Unmatched> unmatched;
  std::vector<checker::RedFlag> flags;
  std::optional<qa::Emergency> text_emergency;
  std::vector<checker::Ranked> ranked;
};

// A client error found while reading the input.
struct InputError {
  int status;
  std::string code, message;
};

bool is_hpo_id(std::string_view s) {
  if (s.size() != 10 || !(s.starts_with("HP:") || s.starts_with("hp:"))) return false;
  return std::all_of(s.begin() + 3, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string upper_id(std::string_view s) {
  std::string id(s);
  id[0] = 'H', id[1] = 'P';
  return id;
}

std::optional<checker::Sex> parse_sex(std::string_view s, bool& ok) {
  ok = true;
  const std::string f = fold_text(s);
  if (f.empty()) return std::nullopt;
  if (f == "female" || f == "f" || f == "woman") return checker::Sex::female;
  if (f == "male" || f == "m" || f == "man") return checker::Sex::male;
  ok = false;
  return std::nullopt;
}

std::optional<double> parse_age(std::string_view s, bool& ok) {
  ok = true;
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !(v >= 0 && v <= 130)) {
    ok = false;
    return std::nullopt;
  }
  return v;
}

// Reads every symptom: ids directly, free text through the interpreter. An
// id the installed release does not know (a typo, an obsolete id without a
// replacement, or a term newer than the release) and words that are not
// understood are set aside in `unmatched` and ranking goes on with the rest:
// a real record often carries a few such. Throws InputError for
// contradictions.
CheckRun run_check(const SymptomData& data, const qa::Engine& engine, const CheckInput& in) {
  CheckRun run;
  const auto& onto = *data.ontology;
  std::string free_text;
  auto read = [&](const std::string& s, bool excluded) {
    if (s.find_first_not_of(" \t\r\n") == std::string::npos) return;
    if (is_hpo_id(s)) {
      const auto id = upper_id(s);
      const auto t = onto.find(id);
      if (!t) {
        run.unmatched.push_back(
            {s, "not_in_release",
             id + " is not a current term of HPO release " + data.hpo_version +
                 " (unknown, obsolete without a replacement, or newer than this release); "
                 "the other findings were used."});
        return;
      }
      run.readings.push_back({id, "", *t, excluded});
      return;
    }
    if (!excluded) free_text += s + "\n";
    const auto result = data.interpreter->interpret(s);
    for (const auto& i : result.terms)
      run.readings.push_back({i.text, i.matched, i.term, excluded});
    for (const auto& u : result.unmatched)
      run.unmatched.push_back(
          {u, "not_understood", "These words could not be matched to a phenotype term."});
  };
  for (const auto& s : in.present) read(s, false);
  for (const auto& s : in.excluded) read(s, true);

  // One reading per term; a term cannot be both present and absent.
  std::vector<Reading> unique;
  for (auto& r : run.readings) {
    auto same = std::find_if(unique.begin(), unique.end(),
                             [&](const Reading& u) { return u.term == r.term; });
    if (same == unique.end()) {
      unique.push_back(std::move(r));
    } else if (same->excluded != r.excluded) {
      throw InputError{
          422, "contradiction",
          "\"" + onto.term(r.term).label + "\" is given both as present and as not present."};
    }
  }
  run.readings = std::move(unique);

  checker::Query q;
  std::vector<ontology::TermIndex> present_terms;
  for (const auto& r : run.readings) {
    (r.excluded ? q.excluded : q.present).push_back({r.term, r.text});
    if (!r.excluded) present_terms.push_back(r.term);
  }
  q.age_years = in.age;
  q.sex = in.sex;
  q.limit = in.limit;
  run.flags = data.red_flags->check(onto, present_terms);
  if (!free_text.empty()) run.text_emergency = engine.emergency(free_text);
  if (!q.present.empty()) run.ranked = data.checker->rank(q);
  return run;
}

// HPO's own words for a frequency band (HP:0040280..HP:0040285).
std::string frequency_words(double f) {
  if (f >= 0.995) return "always present";
  if (f >= 0.8) return "very frequent (80–99%)";
  if (f >= 0.3) return "frequent (30–79%)";
  if (f >= 0.05) return "occasional (5–29%)";
  if (f > 0) return "very rare (1–4%)";
  return "excluded";
}

// One line of a condition's explanation in plain words.
std::string explanation(const json& m) {
  const std::string rel = m["relation"];
  std::string listed;
  if (m.contains("disease_term_label")) {
    listed = m["disease_term_label"].get<std::string>();
    if (m.contains("frequency")) listed += ", " + frequency_words(m["frequency"]);
  }
  const bool implied = rel == "same" || rel == "more_specific";
  const bool positive = m["contribution"].get<double>() > 0;
  if (m.value("disease_term_absent", false))
    return "its description says " + m["disease_term_label"].get<std::string>() +
           " is not part of it";
  if (m["excluded"].get<bool>())
    return implied ? "but listed for this condition as " + listed
                   : "not listed for this condition, as expected";
  if (implied) return "listed for this condition as " + listed;
  if (rel == "more_general") return "listed for this condition in a more general form: " + listed;
  // A relative through a very general ancestor helps little or not at all;
  // naming it then would read as if it mattered.
  if (rel == "related" && positive)
    return "not listed for this condition; a related finding is: " + listed;
  return "not listed for this condition";
}

// The frequency the annotation file gives for a disease's term, if it gives one.
std::optional<double> frequency_of(const checker::Disease& d, ontology::TermIndex t) {
  const auto it =
      std::lower_bound(d.present.begin(), d.present.end(), t,
                       [](const checker::DiseaseTerm& x, auto v) { return x.term < v; });
  if (it == d.present.end() || it->term != t || !it->frequency_given) return std::nullopt;
  return it->frequency;
}

// How the annotated term that explains a query term relates to it: the same
// term, a more specific one (which implies the query), a more general one
// (the query says more than the annotation), or only a relative through a
// common ancestor.
std::string relation(const ontology::Ontology& onto, ontology::TermIndex query,
                     std::optional<ontology::TermIndex> annotated) {
  if (!annotated) return "none";
  if (*annotated == query) return "same";
  if (onto.is_ancestor_or_self(query, *annotated)) return "more_specific";
  if (onto.is_ancestor_or_self(*annotated, query)) return "more_general";
  return "related";
}

json term_json(const ontology::Ontology& onto, ontology::TermIndex t) {
  return {{"id", onto.term(t).id}, {"label", onto.term(t).label}};
}

json emergency_json(const ontology::Ontology& onto, const CheckRun& run) {
  if (run.flags.empty() && !run.text_emergency) return nullptr;
  json kinds = json::array(), findings = json::array();
  std::string message;
  auto add_kind = [&](const std::string& kind) {
    if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end()) return;
    kinds.push_back(kind);
    if (!message.empty()) message += " ";
    message += qa::emergency_message(kind);
  };
  if (run.text_emergency) add_kind(run.text_emergency->kind);
  for (const auto& f : run.flags) {
    add_kind(f.kind);
    findings.push_back(term_json(onto, f.query));
  }
  return {{"kinds", kinds}, {"message", message}, {"findings", findings}};
}

std::string attribution(const SymptomData& data) {
  return "Symptom terms and disease annotations: the Human Phenotype Ontology (HPO release " +
         data.hpo_version + ", annotations release " + data.annotations_version +
         ") by the HPO Consortium, https://hpo.jax.org — used unaltered. Cite: Gargano et al., "
         "The Human Phenotype Ontology in 2024, Nucleic Acids Research 52(D1), 2024.";
}

json check_json(const SymptomData& data, const Site& site, const CheckRun& run) {
  const auto& onto = *data.ontology;
  const auto& checker = *data.checker;
  json interpreted = json::array();
  for (const auto& r : run.readings) {
    json j = {{"text", r.text},
              {"term", onto.term(r.term).id},
              {"label", onto.term(r.term).label},
              {"excluded", r.excluded}};
    if (!r.matched.empty()) j["matched"] = r.matched;
    interpreted.push_back(std::move(j));
  }
  json conditions = json::array();
  for (const auto& ranked : run.ranked) {
    // A condition none of the present findings speaks for is no answer,
    // however the others ranked.
    if (std::none_of(ranked.matched.begin(), ranked.matched.end(),
                     [](const checker::Match& m) { return !m.excluded && m.contribution > 0; }))
      continue;
    const auto& d = checker.disease(ranked.disease);
    json matched = json::array();
    for (const auto& m : ranked.matched) {
      json j = {{"query", m.query},
                {"term", onto.term(m.query_term).id},
                {"label", onto.term(m.query_term).label},
                {"contribution", std::round(m.contribution * 1000) / 1000},
                {"excluded", m.excluded}};
      j["relation"] = relation(onto, m.query_term, m.disease_term);
      if (m.disease_term) {
        j["disease_term"] = onto.term(*m.disease_term).id;
        j["disease_term_label"] = onto.term(*m.disease_term).label;
        // A curated NOT annotation: the source says the finding is absent.
        if (std::binary_search(d.excluded.begin(), d.excluded.end(), *m.disease_term))
          j["disease_term_absent"] = true;
        else if (const auto f = frequency_of(d, *m.disease_term))
          j["frequency"] = *f;
      } else {
        j["disease_term"] = nullptr;
      }
      matched.push_back(std::move(j));
    }
    json missing = json::array();
    for (const auto& t : ranked.missing_common) {
      auto j = term_json(onto, t.term);
      if (t.frequency_given) j["frequency"] = t.frequency;
      missing.push_back(std::move(j));
    }
    json sources = json::array();
    if (const auto url = disease_source_url(d.id); !url.empty())
      sources.push_back({{"name", disease_source_name(d.id)}, {"id", d.id}, {"url", url}});
    sources.push_back({{"name", "HPO annotations"},
                       {"id", d.id},
                       {"version", data.annotations_version},
                       {"license", "HPO Consortium terms of use (https://hpo.jax.org)"},
                       {"url", "https://hpo.jax.org/browse/disease/" + d.id}});
    json articles = json::array();
    for (const auto a : site.links().articles_of(ranked.disease)) {
      const Article& art = site.snapshot().articles()[a];
      articles.push_back({{"slug", art.slug},
                          {"title", art.title},
                          {"collection", art.collection},
                          {"url", "/articles/" + art.slug}});
    }
    json inheritance = json::array();
    for (const auto t : d.inheritance) inheritance.push_back(term_json(onto, t));
    json c = {{"id", d.id},
              {"name", d.name},
              {"url", "/check/diseases/" + d.id},
              {"score", std::round(ranked.score * 1000) / 1000},
              {"matched", std::move(matched)},
              {"missing_common", std::move(missing)},
              {"inheritance", std::move(inheritance)},
              {"sources", std::move(sources)},
              {"articles", std::move(articles)}};
    if (ranked.probability) c["probability"] = *ranked.probability;
    // The parts of the score that are not findings: they add up with the
    // matched contributions to the score.
    if (ranked.sex_contribution != 0) {
      c["sex_contribution"] = std::round(ranked.sex_contribution * 1000) / 1000;
      c["only_sex"] = *d.only_sex == checker::Sex::female ? "female" : "male";
    }
    if (ranked.age_contribution != 0)
      c["age_contribution"] = std::round(ranked.age_contribution * 1000) / 1000;
    if (d.earliest_onset_years) c["earliest_onset_years"] = *d.earliest_onset_years;
    json onset = json::array();
    for (const auto t : d.onset) onset.push_back(term_json(onto, t));
    c["onset"] = std::move(onset);
    conditions.push_back(std::move(c));
  }
  // "unmatched" stays a list of the texts, as before; the reasons come beside it.
  json unmatched = json::array(), reasons = json::array();
  for (const auto& u : run.unmatched) {
    unmatched.push_back(u.text);
    reasons.push_back({{"text", u.text}, {"reason", u.reason}, {"message", u.message}});
  }
  return {
      {"interpreted", std::move(interpreted)},   {"unmatched", std::move(unmatched)},
      {"unmatched_reasons", std::move(reasons)}, {"emergency", emergency_json(onto, run)},
      {"conditions", std::move(conditions)},     {"notice", kNotice},
      {"hpo_version", data.hpo_version},         {"annotations_version", data.annotations_version},
      {"attribution", attribution(data)}};
}

std::vector<std::string> strings_of(const json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.contains(key) || j[key].is_null()) return out;
  if (!j[key].is_array())
    throw InputError{400, "bad_" + std::string(key),
                     std::string(key) + " must be an array of strings."};
  for (const auto& v : j[key]) {
    if (!v.is_string())
      throw InputError{400, "bad_" + std::string(key),
                       std::string(key) + " must be an array of strings."};
    out.push_back(v.get<std::string>());
  }
  return out;
}

void check_sizes(const CheckInput& in) {
  if (in.present.size() + in.excluded.size() > kMaxSymptoms)
    throw InputError{
        400, "too_many_symptoms",
        fmt::format("Give at most {} symptoms in all (present and excluded).", kMaxSymptoms)};
  for (const auto* list : {&in.present, &in.excluded})
    for (const auto& s : *list)
      if (s.size() > kMaxFreeTextChars)
        throw InputError{400, "symptom_too_long", "Each symptom is limited to 1000 characters."};
}

CheckInput input_from_json(const std::string& body) {
  const auto j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw InputError{400, "bad_json", "The body must be a JSON object."};
  CheckInput in;
  in.present = strings_of(j, "symptoms");
  in.excluded = strings_of(j, "excluded");
  if (in.present.empty())
    throw InputError{400, "missing_symptoms",
                     "Give at least one symptom in \"symptoms\" (HPO ids or plain words)."};
  if (j.contains("limit") && !j["limit"].is_null()) {
    if (!j["limit"].is_number_integer() || j["limit"].get<long long>() < 1 ||
        j["limit"].get<long long>() > static_cast<long long>(kMaxLimit))
      throw InputError{400, "bad_limit",
                       fmt::format("limit must be a whole number from 1 to {}.", kMaxLimit)};
    in.limit = j["limit"].get<std::size_t>();
  }
  if (j.contains("age") && !j["age"].is_null()) {
    if (!j["age"].is_number() || !(j["age"].get<double>() >= 0 && j["age"].get<double>() <= 130))
      throw InputError{400, "bad_age", "age must be a number of years from 0 to 130."};
    in.age = j["age"].get<double>();
  }
  if (j.contains("sex") && !j["sex"].is_null()) {
    bool ok = j["sex"].is_string();
    if (ok) in.sex = parse_sex(j["sex"].get<std::string>(), ok);
    if (!ok) throw InputError{400, "bad_sex", "sex must be \"female\" or \"male\"."};
  }
  check_sizes(in);
  return in;
}

// The /check form: s= and x= carry symptoms already read (ids) or typed;
// text= and not= are the two free-text boxes.
CheckInput input_from_query(const Target& t) {
  CheckInput in;
  for (const auto& [k, v] : t.query) {
    if (k == "s" || k == "text") in.present.push_back(v);
    if (k == "x" || k == "not") in.excluded.push_back(v);
  }
  bool ok = true;
  in.age = parse_age(t.param("age").value_or(""), ok);
  if (!ok) throw InputError{400, "bad_age", "Age must be a number of years from 0 to 130."};
  in.sex = parse_sex(t.param("sex").value_or(""), ok);
  if (!ok) throw InputError{400, "bad_sex", "Sex must be female or male."};
  check_sizes(in);
  return in;
}

// Everything the annotations say about one disease: its findings by
// frequency, those it is annotated NOT to have, inheritance, onset, sources
// and matching articles.
json disease_json(const SymptomData& data, const Site& site, checker::DiseaseIndex index) {
  const auto& onto = *data.ontology;
  const auto& d = data.checker->disease(index);
  std::vector<checker::DiseaseTerm> present = d.present;
  std::stable_sort(present.begin(), present.end(),
                   [](const auto& a, const auto& b) { return a.frequency > b.frequency; });
  json findings = json::array();
  for (const auto& t : present) {
    auto j = term_json(onto, t.term);
    if (t.frequency_given) j["frequency"] = t.frequency;
    findings.push_back(std::move(j));
  }
  auto terms = [&](const std::vector<ontology::TermIndex>& list) {
    json out = json::array();
    for (const auto t : list) out.push_back(term_json(onto, t));
    return out;
  };
  json sources = json::array();
  if (const auto url = disease_source_url(d.id); !url.empty())
    sources.push_back({{"name", disease_source_name(d.id)}, {"id", d.id}, {"url", url}});
  sources.push_back({{"name", "HPO annotations"},
                     {"id", d.id},
                     {"version", data.annotations_version},
                     {"url", "https://hpo.jax.org/browse/disease/" + d.id}});
  json articles = json::array();
  for (const auto a : site.links().articles_of(index)) {
    const Article& art = site.snapshot().articles()[a];
    articles.push_back(
        {{"slug", art.slug}, {"title", art.title}, {"url", "/articles/" + art.slug}});
  }
  json j = {{"id", d.id},
            {"name", d.name},
            {"findings", std::move(findings)},
            {"not_present", terms(d.excluded)},
            {"inheritance", terms(d.inheritance)},
            {"onset", terms(d.onset)},
            {"sources", std::move(sources)},
            {"articles", std::move(articles)},
            {"notice", kNotice},
            {"hpo_version", data.hpo_version},
            {"annotations_version", data.annotations_version},
            {"attribution", attribution(data)}};
  if (d.only_sex) j["only_sex"] = *d.only_sex == checker::Sex::female ? "female" : "male";
  return j;
}

bool is_disease_id(std::string_view id) {
  const auto colon = id.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == id.size() || id.size() > 40)
    return false;
  return std::all_of(id.begin(), id.begin() + static_cast<std::ptrdiff_t>(colon),
                     [](char c) { return c >= 'A' && c <= 'Z'; }) &&
         std::all_of(id.begin() + static_cast<std::ptrdiff_t>(colon) + 1, id.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// GET /check/diseases/{id} and /api/v1/diseases/{id}.
std::optional<Response> disease_page(const App& app, const Request& req, const Site& site,
                                     std::string_view path) {
  const bool api = path.starts_with("/api/v1/diseases/");
  const std::string_view prefix = api ? "/api/v1/diseases/" : "/check/diseases/";
  if (!path.starts_with(prefix)) return std::nullopt;
  if (req.method != "GET" && req.method != "HEAD") {
    auto r = app.error(req, 405, "method_not_allowed", "Only GET and HEAD are supported here.");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  const auto data = site.symptoms();
  if (!data)
    return app.error(
        req, 503, "checker_unavailable",
        "The symptom checker has no HPO data yet (symptomdb import hpo, import hpoa).");
  const auto id = path.substr(prefix.size());
  const auto index = is_disease_id(id) ? data->checker->find_disease(id) : std::nullopt;
  if (!index)
    return app.error(req, 404, "disease_not_found",
                     "No disease with this id is in the HPO annotations.");
  json j = disease_json(*data, site, *index);
  if (api) {
    auto r = json_response(200, j);
    r.headers.back() = {"Cache-Control", "public, max-age=300"};
    return r;
  }
  for (auto& f : j["findings"]) {
    f["frequency_text"] =
        f.contains("frequency") ? frequency_words(f["frequency"]) : "frequency not given";
    f["check_url"] = "/check?s=" + url_encode(f["id"].get<std::string>());
  }
  Response r;
  r.body = render_disease_page(j);
  return r;
}

}  // namespace

std::optional<Response> handle_check(const App& app, const Request& req, const Site& site) {
  const auto target = parse_target(req.target);
  if (!target) return std::nullopt;
  const std::string& path = target->path;
  const bool api = path == "/api/v1/check";
  const bool suggest = path == "/api/v1/symptoms/suggest";
  if (!api && !suggest && path != "/check") return disease_page(app, req, site, path);

  const auto data = site.symptoms();
  if (api || suggest) {
    if (api && req.method != "POST") {
      auto r = app.error(req, 405, "method_not_allowed", "POST a JSON body to /api/v1/check.");
      r.headers.emplace_back("Allow", "POST");
      return r;
    }
    // A paragraph in the person's own words: answered from the knowledge
    // base's condition profiles, with or without HPO data.
    if (api && req.content_type.starts_with("application/json"))
      if (auto r = handle_description_api(app, req, site)) return r;
    if (suggest && req.method != "GET" && req.method != "HEAD") {
      auto r = app.error(req, 405, "method_not_allowed", "Only GET and HEAD are supported here.");
      r.headers.emplace_back("Allow", "GET, HEAD");
      return r;
    }
    if (!data)
      return app.error(
          req, 503, "checker_unavailable",
          "The symptom checker has no HPO data yet (symptomdb import hpo, import hpoa).");
  }
  try {
    if (suggest) {
      const std::string prefix = target->param("prefix").value_or("");
      if (prefix.empty() || prefix.size() > 100)
        return app.error(req, 400, "bad_prefix", "Give 1 to 100 characters as ?prefix=...");
      std::size_t limit = 8;
      if (auto l = target->param("limit")) {
        const auto n = positive_integer(*l);
        if (!n || *n > static_cast<std::int64_t>(kMaxSuggestLimit))
          return app.error(req, 400, "bad_limit", "limit must be a whole number from 1 to 50.");
        limit = static_cast<std::size_t>(*n);
      }
      json list = json::array();
      for (const auto& s : data->interpreter->suggest(prefix, limit)) {
        json j = {{"id", data->ontology->term(s.term).id}, {"label", s.label}};
        if (s.matched != s.label) j["matched"] = s.matched;
        list.push_back(std::move(j));
      }
      auto r = json_response(200, {{"prefix", prefix},
                                   {"suggestions", std::move(list)},
                                   {"hpo_version", data->hpo_version}});
      r.headers.back() = {"Cache-Control", "public, max-age=300"};
      return r;
    }
    if (api) {
      if (!req.content_type.starts_with("application/json"))
        return app.error(req, 415, "unsupported_media_type", "Send the query as application/json.");
      const auto in = input_from_json(req.body);
      const auto run = run_check(*data, site.engine(), in);
      if (run.readings.empty() || std::none_of(run.readings.begin(), run.readings.end(),
                                               [](const Reading& r) { return !r.excluded; })) {
        json j = check_json(*data, site, run);
        j["error"] = {{"code", "no_symptoms_understood"},
                      {"message", "None of the symptoms could be matched to a phenotype term."}};
        return json_response(422, j);
      }
      return json_response(200, check_json(*data, site, run));
    }
    // The page.
    if (auto r = handle_description_page(app, req, site, *target)) return r;
    if (req.method != "GET" && req.method != "HEAD") {
      auto r = app.error(req, 405, "method_not_allowed", "Only GET and HEAD are supported here.");
      r.headers.emplace_back("Allow", "GET, HEAD");
      return r;
    }
    if (!data) {
      Response r;
      r.body = render_check_page({{"unavailable", true}});
      return r;
    }
    const auto in = input_from_query(*target);
    const auto run = run_check(*data, site.engine(), in);
    json view = check_json(*data, site, run);
    view["asked"] = !in.present.empty() || !in.excluded.empty();
    if (in.age) view["age"] = *in.age;
    if (in.sex) view[*in.sex == checker::Sex::female ? "female" : "male"] = true;
    // Each reading keeps its place in the form as an id, with a link that
    // drops it again.
    std::vector<std::pair<std::string, std::string>> kept;
    for (const auto& r : run.readings)
      kept.emplace_back(r.excluded ? "x" : "s", data->ontology->term(r.term).id);
    auto url_without = [&](std::size_t skip) {
      std::string url = "/check";
      char sep = '?';
      for (std::size_t i = 0; i < kept.size(); ++i) {
        if (i == skip) continue;
        url += sep + kept[i].first + "=" + url_encode(kept[i].second);
        sep = '&';
      }
      if (in.age) url += std::string(1, sep) + "age=" + fmt::format("{:g}", *in.age), sep = '&';
      if (in.sex)
        url += std::string(1, sep) + "sex=" + (*in.sex == checker::Sex::female ? "female" : "male");
      return url;
    };
    for (std::size_t i = 0; i < kept.size(); ++i) {
      auto& j = view["interpreted"][i];
      j["param"] = kept[i].first;
      j["remove_url"] = url_without(i);
    }
    // Words for what the numbers mean, so the page explains itself.
    for (auto& c : view["conditions"]) {
      if (c.contains("probability"))
        c["fit"] = fmt::format("{:.0f}%", c["probability"].get<double>() * 100);
      for (auto& m : c["matched"]) {
        const double contribution = m["contribution"].get<double>();
        m["fits"] = contribution > 0;
        m["against"] = contribution < 0;
        m["contribution_text"] = contribution > 0   ? fmt::format("fits, +{:.1f}", contribution)
                                 : contribution < 0 ? fmt::format("against, {:.1f}", contribution)
                                                    : std::string("neutral");
        m["matched_text"] = m["query"] != m["term"];
        m["explanation"] = explanation(m);
      }
      for (auto& t : c["missing_common"])
        t["frequency_text"] =
            t.contains("frequency") ? frequency_words(t["frequency"]) : "frequency not given";
      if (c.contains("age_contribution"))
        c["age_text"] = fmt::format(
            "Its annotated onset is at {} years or later, older than the age you gave "
            "(against, {:.1f})",
            fmt::format("{:g}", c["earliest_onset_years"].get<double>()),
            c["age_contribution"].get<double>());
      if (c.contains("sex_contribution"))
        c["sex_text"] =
            fmt::format("It is described in {}s only (against, {:.1f})",
                        c["only_sex"].get<std::string>(), c["sex_contribution"].get<double>());
    }
    Response r;
    r.body = render_check_page(view);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  } catch (const InputError& e) {
    return app.error(req, e.status, e.code, e.message);
  }
}

}  // namespace symptomdb::web
