// HTTP adapter of the symptom checker: decodes a JSON body or the /check
// form into a checker::CheckRequest, runs checker::run_check, and writes the
// result as JSON (web/check_json) or as the page. The rules live in
// checker/service.
#include "web/check.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <variant>

#include "checker/description.hpp"
#include "checker/service.hpp"
#include "web/check_description.hpp"
#include "web/check_json.hpp"
#include "web/http_util.hpp"
#include "web/pages.hpp"
#include "web/pipeline.hpp"
#include "web/site.hpp"
#include "web/symptoms.hpp"

namespace symptomdb::web {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxSuggestLimit = 50;

// A request the adapter cannot decode (or the service refused), as the
// client is told.
struct BadInput {
  int status;
  std::string code, message;
};
using Decoded = std::variant<checker::CheckRequest, BadInput>;

BadInput bad_input(const checker::CheckError& e) {
  const int status = e.code == checker::CheckErrorCode::contradiction ? 422 : 400;
  return {status, std::string(checker::to_string(e.code)), e.message};
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

// The strings of j[key] (absent or null: none); false when it is not an
// array of strings.
bool strings_of(const json& j, const char* key, std::vector<std::string>& out) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_array()) return false;
  out.reserve(it->size());
  for (const auto& v : *it) {
    if (!v.is_string()) return false;
    out.push_back(v.get<std::string>());
  }
  return true;
}

Decoded input_from_json(const json& j) {
  checker::CheckRequest in;
  for (const auto* key : {"symptoms", "excluded"})
    if (!strings_of(j, key, key[0] == 's' ? in.present : in.excluded))
      return BadInput{400, "bad_" + std::string(key),
                      std::string(key) + " must be an array of strings."};
  if (in.present.empty())
    return BadInput{400, "missing_symptoms",
                    "Give at least one symptom in \"symptoms\" (HPO ids or plain words)."};
  if (const auto it = j.find("limit"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer())
      return BadInput{
          400, "bad_limit",
          fmt::format("limit must be a whole number from 1 to {}.", checker::kMaxLimit)};
    in.limit = it->get<std::int64_t>();
  }
  if (const auto it = j.find("age"); it != j.end() && !it->is_null()) {
    // A number of years, or an age as a form writes it ("61 years", "6 months").
    std::optional<double> years;
    if (it->is_number()) years = it->get<double>();
    if (it->is_string()) years = checker::read_age(it->get<std::string>());
    if (!years)
      return BadInput{400, "bad_age",
                      "age must be a number of years from 0 to 130, or text such as \"6 months\"."};
    in.age_years = *years;
  }
  if (const auto it = j.find("sex"); it != j.end() && !it->is_null()) {
    bool ok = it->is_string();
    if (ok) in.sex = checker::parse_sex(it->get<std::string>(), ok);
    if (!ok) return BadInput{400, "bad_sex", "sex must be \"female\" or \"male\"."};
  }
  if (const auto e = checker::validate(in)) return bad_input(*e);
  return in;
}

// The /check form: s= and x= carry symptoms already read (ids) or typed;
// text= and not= are the two free-text boxes.
Decoded input_from_query(const Target& t) {
  checker::CheckRequest in;
  for (const auto& [k, v] : t.query) {
    if (k == "s" || k == "text") in.present.push_back(v);
    if (k == "x" || k == "not") in.excluded.push_back(v);
  }
  bool ok = true;
  in.age_years = parse_age(t.param("age").value_or(""), ok);
  if (!ok) return BadInput{400, "bad_age", "Age must be a number of years from 0 to 130."};
  in.sex = checker::parse_sex(t.param("sex").value_or(""), ok);
  if (!ok) return BadInput{400, "bad_sex", "Sex must be female or male."};
  if (const auto e = checker::validate(in)) return bad_input(*e);
  return in;
}

Response json_body(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = std::string(kJson);
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
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

bool is_disease_id(std::string_view id) {
  const auto colon = id.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == id.size() || id.size() > 40)
    return false;
  return std::all_of(id.begin(), id.begin() + static_cast<std::ptrdiff_t>(colon),
                     [](char c) { return c >= 'A' && c <= 'Z'; }) &&
         std::all_of(id.begin() + static_cast<std::ptrdiff_t>(colon) + 1, id.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

Response unavailable(const Exchange& x) {
  return x.error(503, "checker_unavailable",
                 "The symptom checker has no HPO data yet (symptomdb import hpo, import hpoa).");
}

// GET /check/diseases/{id} and /api/v1/diseases/{id}.
Response disease_page(const Exchange& x, std::string_view id) {
  const auto data = x.site().symptoms();
  if (!data) return unavailable(x);
  const auto index = is_disease_id(id) ? data->checker->find_disease(id) : std::nullopt;
  if (!index)
    return x.error(404, "disease_not_found", "No disease with this id is in the HPO annotations.");
  std::string body;
  write_disease(body, *data, x.site(), *index);
  if (x.api()) {
    auto r = json_body(200, std::move(body));
    r.headers.back() = {"Cache-Control", "public, max-age=300"};
    return r;
  }
  json j = json::parse(body);
  for (auto& f : j["findings"]) {
    f["frequency_text"] =
        f.contains("frequency") ? frequency_words(f["frequency"]) : "frequency not given";
    f["check_url"] = "/check?s=" + url_encode(f["id"].get<std::string>());
  }
  Response r;
  r.body = render_disease_page(j);
  return r;
}

// GET /api/v1/symptoms/suggest?prefix=...
Response suggest(const Exchange& x) {
  const auto data = x.site().symptoms();
  if (!data) return unavailable(x);
  const std::string prefix = x.query("prefix").value_or("");
  if (prefix.empty() || prefix.size() > 100)
    return x.error(400, "bad_prefix", "Give 1 to 100 characters as ?prefix=...");
  std::size_t limit = 8;
  if (auto l = x.query("limit")) {
    const auto n = positive_integer(*l);
    if (!n || *n > static_cast<std::int64_t>(kMaxSuggestLimit))
      return x.error(400, "bad_limit", "limit must be a whole number from 1 to 50.");
    limit = static_cast<std::size_t>(*n);
  }
  json list = json::array();
  for (const auto& s : data->interpreter->suggest(prefix, limit)) {
    json j = {{"id", data->ontology->term(s.term).id}, {"label", s.label}};
    if (s.matched != s.label) j["matched"] = s.matched;
    list.push_back(std::move(j));
  }
  auto r = json_response(
      200,
      {{"prefix", prefix}, {"suggestions", std::move(list)}, {"hpo_version", data->hpo_version}});
  r.headers.back() = {"Cache-Control", "public, max-age=300"};
  return r;
}

// POST /api/v1/check with a list of findings (a "description" goes to the
// description checker).
Response check_api(const Exchange& x) {
  const Request& req = x.request();
  const Site& site = x.site();
  const bool is_json = req.content_type.starts_with("application/json");
  json body;
  if (is_json) {
    body = json::parse(req.body, nullptr, false);
    // A paragraph in the person's own words: answered from the knowledge
    // base's condition profiles, with or without HPO data.
    if (!body.is_discarded() && body.is_object() && body.contains("description"))
      return handle_description_api(x.app(), req, *x.app().checker_site(), body);
  }
  const auto data = site.symptoms();
  if (!data) return unavailable(x);
  if (!is_json)
    return x.error(415, "unsupported_media_type", "Send the query as application/json.");
  if (body.is_discarded() || !body.is_object())
    return x.error(400, "bad_json", "The body must be a JSON object.");
  const auto decoded = input_from_json(body);
  if (const auto* bad = std::get_if<BadInput>(&decoded))
    return x.error(bad->status, bad->code, bad->message);
  const auto run =
      checker::run_check(check_resources(*data, site), std::get<checker::CheckRequest>(decoded));
  if (const auto* e = std::get_if<checker::CheckError>(&run)) {
    const auto bad = bad_input(*e);
    return x.error(bad.status, bad.code, bad.message);
  }
  const auto& result = std::get<checker::CheckResult>(run);
  std::string out;
  out.reserve(32 * 1024);  // ten explained conditions are ~30 KB
  if (!result.any_present()) {
    const AnswerError error{"no_symptoms_understood",
                            "None of the symptoms could be matched to a phenotype term."};
    write_check_answer(out, *data, site, result, &error);
    return json_body(422, std::move(out));
  }
  write_check_answer(out, *data, site, result);
  return json_body(200, std::move(out));
}

// The /check page: the answer's JSON read back as the view, with words for
// what the numbers mean and a link per finding that drops it again.
Response check_page(const Exchange& x) {
  const Site& site = x.site();
  if (auto r = handle_description_page(x.app(), x.request(), *x.app().checker_site(), x.target()))
    return std::move(*r);
  const auto data = site.symptoms();
  if (!data) {
    Response r;
    r.body = render_check_page({{"unavailable", true}});
    return r;
  }
  const auto decoded = input_from_query(x.target());
  if (const auto* bad = std::get_if<BadInput>(&decoded))
    return x.error(bad->status, bad->code, bad->message);
  const auto& in = std::get<checker::CheckRequest>(decoded);
  const auto run = checker::run_check(check_resources(*data, site), in);
  if (const auto* e = std::get_if<checker::CheckError>(&run)) {
    const auto bad = bad_input(*e);
    return x.error(bad.status, bad.code, bad.message);
  }
  const auto& result = std::get<checker::CheckResult>(run);
  std::string answer;
  write_check_answer(answer, *data, site, result);
  json view = json::parse(answer);
  view["asked"] = !in.present.empty() || !in.excluded.empty();
  if (in.age_years) view["age"] = *in.age_years;
  if (in.sex) view[*in.sex == checker::Sex::female ? "female" : "male"] = true;
  std::vector<std::pair<std::string, std::string>> kept;
  for (const auto& r : result.readings)
    kept.emplace_back(r.excluded ? "x" : "s", data->ontology->term(r.term).id);
  auto url_without = [&](std::size_t skip) {
    std::string url = "/check";
    char sep = '?';
    for (std::size_t i = 0; i < kept.size(); ++i) {
      if (i == skip) continue;
      url += sep + kept[i].first + "=" + url_encode(kept[i].second);
      sep = '&';
    }
    if (in.age_years)
      url += std::string(1, sep) + "age=" + fmt::format("{:g}", *in.age_years), sep = '&';
    if (in.sex)
      url += std::string(1, sep) + "sex=" + (*in.sex == checker::Sex::female ? "female" : "male");
    return url;
  };
  for (std::size_t i = 0; i < kept.size(); ++i) {
    auto& j = view["interpreted"][i];
    j["param"] = kept[i].first;
    j["remove_url"] = url_without(i);
  }
  for (auto& c : view["conditions"]) {
    if (c.contains("probability")) c["fit"] = fit_text(c["probability"].get<double>());
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
}

}  // namespace

void add_check_routes(RouteTable& t) {
  // A query sent as POST changes nothing: no CSRF token. The handler reads
  // the body itself (a description or a list of findings; up to 500 of them).
  t.post("/api/v1/check", [](Exchange& x) { return check_api(x); }, {.csrf = Csrf::none});
  t.get("/api/v1/symptoms/suggest", [](Exchange& x) { return suggest(x); });
  t.get("/check", [](Exchange& x) { return check_page(x); });
  // {id:path}: an id with a slash is no disease (disease_not_found), not an
  // unknown address.
  for (const char* p : {"/check/diseases/{id:path}", "/api/v1/diseases/{id:path}"})
    t.get(p, [](Exchange& x) { return disease_page(x, x.param("id")); });
}

}  // namespace symptomdb::web
