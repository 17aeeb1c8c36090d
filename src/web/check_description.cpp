#include "web/check_description.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "checker/clause_reading.hpp"
#include "checker/conditions.hpp"
#include "checker/description.hpp"
#include "checker/service.hpp"
#include "checker/triage.hpp"
#include "ingest/medquad.hpp"
#include "qa/red_flags.hpp"
#include "text/normalize.hpp"
#include "web/http_util.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace symptomdb::web {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxDescriptionChars = 5000;
constexpr std::size_t kMaxLimit = 50;

constexpr std::string_view kNotice =
    "Information, not a diagnosis: these are conditions whose descriptions in our knowledge base "
    "share words with yours, to discuss with a doctor. If symptoms are sudden or severe, seek "
    "care now.";

constexpr std::string_view kNotTold =
    "We could not tell what you describe: no symptom, part of the body or condition we know. "
    "Please name your symptoms and where you have them (for example \"headache\", \"sore "
    "throat\", \"pain in my knee\").";

struct Input {
  std::string description;
  std::vector<std::string> excluded;  // free text or HPO ids
  // Past illnesses, medicines, habits, family history, travel: weighed
  // against what each condition's text names as its risks and causes.
  std::string history;
  std::optional<double> age;
  std::optional<bool> female;
  std::size_t limit = 10;
  // Fields accepted but not read ("age": "about sixty", "sex": "n/a"):
  // the answer says so instead of refusing the request. (field, as sent)
  std::vector<std::pair<std::string, std::string>> not_understood;
};

struct Bad {
  int status;
  std::string code, message;
};

std::string publisher(const Article& a) {
  if (a.collection.empty()) return a.site.empty() ? std::string("symptomdb") : a.site;
  return ingest::publisher_of(a.collection);
}

// The article shown for a condition or a symptom, with its source and licence.
json article_json(const Article& art) {
  json a = {{"slug", art.slug},
            {"title", art.title},
            {"url", "/articles/" + art.slug},
            {"source", publisher(art)},
            {"license", art.license}};
  if (!art.url.empty()) a["source_url"] = art.url;
  return a;
}

json answer(const Site& site, const Input& in) {
  const auto& model = site.conditions();
  const auto data = site.symptoms();
  auto d = checker::read_description(in.description);
  if (in.age) d.age_years = in.age;
  if (in.female) d.female = in.female;

  checker::ProfileQuery q;
  q.age_years = d.age_years;
  q.female = d.female;
  q.context = checker::context_of(d, in.history);
  q.limit = in.limit;
  json interpreted = json::array(), unmatched = json::array(), findings = json::array();
  // Findings read as no term whose words the knowledge base still weighs
  // (ConditionModel::knows): said back, so the person knows that no symptom
  // was recognised in them.
  json read_as_words = json::array();
  // The terms each finding of the description was read as, for its red flags.
  std::vector<std::vector<ontology::TermIndex>> finding_terms(d.findings.size());
  auto read = [&](const std::string& text, bool negated, const checker::Finding* f) {
    checker::ProfileFinding pf{text, {}};
    pf.chief = f && f->sentence == 0;
    bool understood = false;
    // The terms read in this finding, said back beside its words: the name
    // that matched (often the everyday one, "Sore throat") and HPO's label
    // ("Pharyngalgia"), so the person sees what was recognised where.
    json read_as = json::array();
    auto said_as = [&](const ontology::Term& term, const std::string& matched) {
      read_as.push_back({{"term", term.id},
                         {"label", term.label},
                         {"name", matched.empty() ? term.label : matched}});
    };
    if (data && checker::is_hpo_id(text)) {
      std::string id = text;
      id[0] = 'H', id[1] = 'P';
      if (const auto t = data->ontology->find(id)) {
        const auto& term = data->ontology->term(*t);
        pf.text = term.label;
        pf.read = {term.label};  // named, not told: no story around it
        pf.expansions = {term.label};
        pf.synonyms = {checker::lay_names(term)};
        interpreted.push_back(
            {{"text", text}, {"term", term.id}, {"label", term.label}, {"excluded", negated}});
        said_as(term, term.label);
        understood = true;
      }
    } else if (data) {
      const auto reading = f ? checker::interpret_finding(*data->interpreter, *f)
                             : data->interpreter->interpret(text);
      // The words of the names read; the clause's other words are story
      // (ProfileParameters::story_weight).
      pf.read = checker::words_read(*data->interpreter, reading);
      pf.words = data->interpreter->in_names_words(text);
      pf.synonyms = checker::synonyms_read(*data->interpreter, reading);
      for (const auto& i : reading.terms) {
        const auto& term = data->ontology->term(i.term);
        pf.expansions.push_back(term.label);
        interpreted.push_back({{"text", i.text},
                               {"term", term.id},
                               {"label", term.label},
                               {"matched", i.matched},
                               {"excluded", negated}});
        said_as(term, i.matched);
        if (f && !negated)
          finding_terms[static_cast<std::size_t>(f - d.findings.data())].push_back(i.term);
        understood = true;
      }
    }
    // Words the knowledge base knows are weighed even without an HPO term,
    // but a finding read as no term, that names no condition, is said back as
    // read only as words ("one side of my face is drooping"): the ranking
    // rests on its words alone and the person should know. Without HPO data
    // no finding is read as a term, and every finding is words.
    if (!understood && model.knows(pf.text)) {
      understood = true;
      if (data && !model.names_condition(pf.text)) read_as_words.push_back(text);
    }
    if (!understood) unmatched.push_back(text);
    if (f) {
      json j = {{"text", f->text}, {"negated", f->negated}};
      if (f->duration_days) j["duration_days"] = std::round(*f->duration_days * 100) / 100;
      if (f->onset != checker::Onset::unknown) j["onset"] = checker::to_string(f->onset);
      if (f->severity != checker::Severity::unknown)
        j["severity"] = checker::to_string(f->severity);
      if (!f->site.empty()) j["site"] = f->site;
      j["read_as"] = std::move(read_as);
      findings.push_back(std::move(j));
    }
    (negated ? q.absent : q.present).push_back(std::move(pf));
  };
  for (const auto& f : d.findings) read(f.text, f.negated, &f);
  for (const auto& x : in.excluded) {
    if (checker::is_hpo_id(x)) {
      read(x, true, nullptr);
      continue;
    }
    for (const auto& f : checker::read_description(x).findings) read(f.text, true, nullptr);
  }

  // Whether the description says anything the checker can tell: a finding
  // read as a term, a part of the body (a body-site word, or a word of
  // HPO's morphology names: "vaginal spotting"), or a condition named. When none
  // ("I feel like crap"), a ranking would rest on its story words alone
  // ("feel", "like"): the answer says so and lists no condition. Without
  // HPO data no finding is read as a term, and the ranking stands.
  bool told = !data || !interpreted.empty();
  for (const auto& f : d.findings)
    told = told || !f.site.empty() || model.names_condition(f.text) ||
           (data && data->interpreter->says_a_part(f.text));
  const auto ranked = told ? model.rank(q) : std::vector<checker::RankedProfile>{};
  // How bad or how sudden is said of a finding. When nothing the checker can
  // tell is said ("I feel awful"), the word of degree qualifies nothing: it
  // does not raise the level of an answer that names no condition.
  if (!told) d.any_severe = d.any_sudden = false;
  // A red flag only findings that are not acute raise (weeks long, or
  // breathlessness with effort) asks for a doctor today.
  const auto course =
      checker::split_by_course(data ? data->red_flags.get() : nullptr,
                               data ? data->ontology.get() : nullptr, d.findings, finding_terms);
  checker::TriageSignals signals;
  std::vector<checker::RedFlag> acute_flags;
  if (data) {
    acute_flags = data->red_flags->check(*data->ontology, course.acute_terms);
    for (const auto& flag : acute_flags)
      signals.red_flags.push_back(data->ontology->term(flag.query).label);
    for (const auto& flag : data->red_flags->check(*data->ontology, course.not_acute_terms))
      signals.red_flags_not_acute.push_back(data->ontology->term(flag.query).label);
  }
  const auto said = site.engine().emergency(course.acute_text);
  if (said) {
    signals.red_flags.push_back(said->matched.empty() ? said->kind : said->matched);
  } else if (auto l = site.engine().emergency(course.acute_text + course.not_acute_text)) {
    signals.red_flags_not_acute.push_back(l->matched.empty() ? l->kind : l->matched);
  }
  // What to do now, for each kind of sign raised: a finding read as a red
  // flag term says it as the wording does ("I have been cutting myself"
  // reads Self-cutting, and the notice gives the crisis lines).
  json emergency = nullptr;
  if (const auto e = checker::emergency_notice(acute_flags, said))
    emergency = {{"kinds", e->kinds}, {"message", e->message}};
  signals.signs = site.warning_signs().found(d, course.not_acute, finding_terms);
  signals.advice = &site.warning_signs();
  const auto tri = checker::triage(d, model, ranked, signals);

  json conditions = json::array();
  for (const auto& r : model.one_per_condition(ranked)) {
    const auto& p = model.profile(r.profile);
    const Article* art = site.snapshot().article(p.article);
    json evidence = json::array();
    for (const auto& e : r.evidence) {
      json j = {{"finding", e.finding},       {"absent", e.absent},
                {"words", e.words},           {"contribution", e.contribution},
                {"fits", e.contribution > 0}, {"overall", e.overall}};
      if (!e.quote.empty()) j["quote"] = e.quote, j["section"] = e.section;
      evidence.push_back(std::move(j));
    }
    // Another entry of the same condition, folded into this one, is one
    // more name it is called by. A name is said once, whatever its case
    // ("flu" and "Flu" come from different sources), and never the shown one.
    std::vector<std::string> also_called, seen{text::fold(p.name)};
    auto call = [&](const std::string& name) {
      auto folded = text::fold(name);
      if (std::find(seen.begin(), seen.end(), folded) != seen.end()) return;
      seen.push_back(std::move(folded));
      also_called.push_back(name);
    };
    for (const auto& n : p.also_called) call(n);
    for (const auto o : r.also) call(model.profile(o).name);
    json c = {{"name", p.name},
              {"also_called", std::move(also_called)},
              {"slug", p.slug},
              {"url", "/conditions/" + p.slug},
              {"score", std::round(r.score * 1000) / 1000},
              {"probability", std::round(r.probability * 1000) / 1000},
              {"fit", fit_text(r.probability)},
              {"rare", p.rare},
              {"evidence", std::move(evidence)}};
    // Names of entries with no text of their own that this article stands
    // for: other names of the condition, or narrower ones it describes.
    if (!p.covers.empty()) {
      json covers = json::array();
      for (const auto& n : p.covers) {
        const bool within = n.link == checker::NameLink::narrower;
        covers.push_back({{"name", n.name},
                          {"how", within ? "described_within" : "same_condition"},
                          {"within", within}});
      }
      c["covers"] = std::move(covers);
    }
    if (art) c["article"] = article_json(*art);
    conditions.push_back(std::move(c));
  }
  // The articles about the symptoms themselves, as a health site links
  // them beside the possible causes.
  json about = json::array();
  for (const auto p : model.symptom_articles(q)) {
    const auto& prof = model.profile(p);
    json a = {{"name", prof.name}, {"slug", prof.slug}, {"url", "/conditions/" + prof.slug}};
    if (const Article* art = site.snapshot().article(prof.article))
      a["article"] = article_json(*art);
    about.push_back(std::move(a));
  }
  json not_understood = json::array();
  for (const auto& [field, text] : in.not_understood)
    not_understood.push_back({{"field", field}, {"text", text}});
  json triage = {{"level", checker::to_string(tri.level)},
                 {"reason", tri.reason},
                 {"advice", checker::advice(tri.level)}};
  if (!tri.condition.empty()) triage["condition"] = tri.condition;
  if (!tri.quote.empty()) triage["quote"] = tri.quote;
  if (!tri.change.empty()) triage["what_would_change"] = tri.change;
  json out = {{"triage", std::move(triage)},
              {"description", {{"findings", std::move(findings)}}},
              {"interpreted", std::move(interpreted)},
              {"unmatched", std::move(unmatched)},
              {"read_as_words", std::move(read_as_words)},
              {"not_understood", std::move(not_understood)},
              {"emergency", std::move(emergency)},
              {"conditions", std::move(conditions)},
              {"about_your_symptoms", std::move(about)},
              {"understood", told},
              {"notice", kNotice},
              {"attribution",
               "Condition descriptions: MedQuAD (Ben Abacha & Demner-Fushman, 2019; CC BY 4.0) "
               "from NIH sources, and the site's own articles; each suggestion names its "
               "source."}};
  if (!told) out["message"] = kNotTold;
  if (d.age_years) out["description"]["age"] = *d.age_years;
  if (d.female) out["description"]["sex"] = *d.female ? "female" : "male";
  // The history as read: each phrase weighed against the conditions' risk
  // and cause text.
  if (!q.context.history.empty()) out["description"]["history"] = q.context.history;
  if (data) out["hpo_version"] = data->hpo_version;
  return out;
}

Input input_from_json(const json& j) {
  Input in;
  if (!j["description"].is_string())
    throw Bad{400, "bad_description", "description must be a string."};
  in.description = j["description"].get<std::string>();
  if (in.description.size() > kMaxDescriptionChars)
    throw Bad{400, "description_too_long", "description is limited to 5,000 characters."};
  if (in.description.find_first_not_of(" \t\r\n") == std::string::npos)
    throw Bad{400, "missing_description", "Describe the symptoms in \"description\"."};
  if (j.contains("excluded") && !j["excluded"].is_null()) {
    const auto& x = j["excluded"];
    if (x.is_string()) {
      in.excluded.push_back(x.get<std::string>());
    } else if (x.is_array()) {
      for (const auto& v : x) {
        if (!v.is_string())
          throw Bad{400, "bad_excluded", "excluded must be a string or an array of strings."};
        in.excluded.push_back(v.get<std::string>());
      }
    } else {
      throw Bad{400, "bad_excluded", "excluded must be a string or an array of strings."};
    }
    std::size_t total = 0;
    for (const auto& s : in.excluded) total += s.size();
    if (total > kMaxDescriptionChars || in.excluded.size() > 100)
      throw Bad{400, "excluded_too_long", "excluded is limited to 5,000 characters."};
  }
  if (j.contains("history") && !j["history"].is_null()) {
    if (!j["history"].is_string()) throw Bad{400, "bad_history", "history must be a string."};
    in.history = j["history"].get<std::string>();
    if (in.history.size() > kMaxDescriptionChars)
      throw Bad{400, "history_too_long", "history is limited to 5,000 characters."};
  }
  // Age and sex as numbers or as people write them ("61 years", "6 months",
  // "F"); text that is not one is accepted and reported in not_understood.
  if (j.contains("age") && !j["age"].is_null()) {
    const auto& a = j["age"];
    if (a.is_number()) {
      if (!(a.get<double>() >= 0 && a.get<double>() <= 130))
        throw Bad{400, "bad_age", "age must be a number of years from 0 to 130."};
      in.age = a.get<double>();
    } else if (a.is_string()) {
      const auto years = checker::read_age(a.get<std::string>());
      if (years && *years >= 0 && *years <= 130)
        in.age = *years;
      else if (a.get<std::string>().find_first_not_of(" \t") != std::string::npos)
        in.not_understood.emplace_back("age", a.get<std::string>());
    } else {
      throw Bad{400, "bad_age", "age must be a number of years or text such as \"6 months\"."};
    }
  }
  if (j.contains("sex") && !j["sex"].is_null()) {
    if (!j["sex"].is_string()) throw Bad{400, "bad_sex", "sex must be a string."};
    const auto text = j["sex"].get<std::string>();
    bool ok = true;
    const auto sex = checker::parse_sex(text, ok);
    // Empty, or FHIR's "other" / "unknown": read, with nothing to adjust.
    if (sex) in.female = *sex == checker::Sex::female;
    if (!ok) {
      if (const auto stated = checker::read_description(text).female)
        in.female = stated;  // "61 year old Male", "girl"
      else
        in.not_understood.emplace_back("sex", text);
    }
  }
  if (j.contains("limit") && !j["limit"].is_null()) {
    if (!j["limit"].is_number_integer() || j["limit"].get<long long>() < 1 ||
        j["limit"].get<long long>() > static_cast<long long>(kMaxLimit))
      throw Bad{400, "bad_limit", "limit must be a whole number from 1 to 50."};
    in.limit = j["limit"].get<std::size_t>();
  }
  return in;
}

}  // namespace

std::string fit_text(double probability) {
  const double percent = std::round(probability * 100);
  if (probability > 0 && percent < 1) return "<1%";
  return fmt::format("{:.0f}%", percent);
}

Response handle_description_api(const App& app, const Request& req, const Site& site,
                                const nlohmann::json& j) {
  try {
    return json_response(200, answer(site, input_from_json(j)));
  } catch (const Bad& e) {
    return app.error(req, e.status, e.code, e.message);
  }
}

std::optional<Response> handle_description_page(const App& app, const Request& req,
                                                const Site& site, const Target& target) {
  const auto d = target.param("d");
  if (!d) return std::nullopt;
  if (req.method != "GET" && req.method != "HEAD") {
    auto r = app.error(req, 405, "method_not_allowed", "Only GET and HEAD are supported here.");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  try {
    json body = {{"description", *d}};
    if (auto x = target.param("dnot"); x && !x->empty()) body["excluded"] = *x;
    if (auto h = target.param("hist"); h && !h->empty()) body["history"] = *h;
    if (auto a = target.param("age"); a && !a->empty()) body["age"] = *a;
    if (auto s = target.param("sex"); s && !s->empty()) body["sex"] = *s;
    const Input in = input_from_json(body);
    json view = answer(site, in);
    view["described"] = true;
    view["description_text"] = in.description;
    if (auto x = target.param("dnot")) view["description_not"] = *x;
    view["history_text"] = in.history;
    if (in.age) view["age"] = *in.age;
    if (in.female) view[*in.female ? "female" : "male"] = true;
    const std::string level = view["triage"]["level"];
    view["triage"]["is_" + level] = true;
    view["triage"]["headline"] = level == "emergency" ? "Get emergency care now"
                                 : level == "urgent"  ? "See a doctor today"
                                 : level == "routine" ? "See a doctor in the next few days"
                                                      : "You can probably look after this at home";
    view["has_unmatched_words"] = !view["unmatched"].empty();
    view["has_read_as_words"] = !view["read_as_words"].empty();
    view["has_not_understood"] = !view["not_understood"].empty();
    view["has_about_your_symptoms"] = !view["about_your_symptoms"].empty();
    view["has_d_conditions"] = !view["conditions"].empty();
    view["not_told"] = !view["understood"].get<bool>();
    view["d_conditions"] = std::move(view["conditions"]);
    // A line about the whole condition may have no words to show ("none of
    // its main symptoms is among what you describe"): no colon before none.
    for (auto& c : view["d_conditions"]) {
      for (auto& e : c["evidence"]) e["has_words"] = !e["words"].empty();
      // One line of names: a list of strings has no first and last of its
      // own for the template to open and close the line with.
      c["also_called_text"] =
          fmt::format("{}", fmt::join(c["also_called"].get<std::vector<std::string>>(), ", "));
    }
    view.erase("conditions");
    view.erase("interpreted");
    view["d_emergency"] = std::move(view["emergency"]);
    view.erase("emergency");
    if (!site.symptoms()) view["unavailable_hpo"] = true;
    Response r;
    r.body = render_check_page(view);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  } catch (const Bad& e) {
    return app.error(req, e.status, e.code, e.message);
  }
}

}  // namespace symptomdb::web
