#include "web/check_json.hpp"

#include <algorithm>
#include <cmath>

#include "web/json_writer.hpp"
#include "web/site.hpp"
#include "web/symptoms.hpp"

namespace symptomdb::web {
namespace {

constexpr std::string_view kNotice =
    "Not a diagnosis: this list is information to discuss with a doctor. It covers rare, mostly "
    "genetic conditions described in the Human Phenotype Ontology's disease annotations; common "
    "causes of these symptoms are not in it. If symptoms are sudden or severe, seek care now.";

double rounded(double v) {
  return std::round(v * 1000) / 1000;
}

std::string_view sex_name(checker::Sex sex) {
  return sex == checker::Sex::female ? "female" : "male";
}

void write_attribution(JsonWriter& w, const SymptomData& data) {
  std::string text =
      "Symptom terms and disease annotations: the Human Phenotype Ontology (HPO release ";
  text += data.hpo_version;
  text += ", annotations release ";
  text += data.annotations_version;
  text +=
      ") by the HPO Consortium, https://hpo.jax.org — used unaltered. Cite: Gargano et al., "
      "The Human Phenotype Ontology in 2024, Nucleic Acids Research 52(D1), 2024.";
  w.field("attribution", text);
}

void write_term(JsonWriter& w, const ontology::Ontology& onto, ontology::TermIndex t) {
  w.begin_object().field("id", onto.term(t).id).field("label", onto.term(t).label).end_object();
}

void write_terms(JsonWriter& w, const ontology::Ontology& onto,
                 const std::vector<ontology::TermIndex>& terms) {
  w.begin_array();
  for (const auto t : terms) write_term(w, onto, t);
  w.end_array();
}

// A term with the frequency its annotation gives, if it gives one.
void write_disease_term(JsonWriter& w, const ontology::Ontology& onto,
                        const checker::DiseaseTerm& t) {
  w.begin_object();
  if (t.frequency_given) w.field("frequency", t.frequency);
  w.field("id", onto.term(t.term).id).field("label", onto.term(t.term).label).end_object();
}

// "articles": the site's articles about a disease. A checker answer names
// each one's collection; the disease page's answer has always left it out.
enum class WithCollection { no, yes };
void write_articles(JsonWriter& w, const Site& site, checker::DiseaseIndex disease,
                    WithCollection with_collection) {
  w.key("articles").begin_array();
  for (const auto a : site.links().articles_of(disease)) {
    const Article& art = site.snapshot().articles()[a];
    w.begin_object();
    if (with_collection == WithCollection::yes) w.field("collection", art.collection);
    w.field("slug", art.slug).field("title", art.title).key("url").value("/articles/" + art.slug);
    w.end_object();
  }
  w.end_array();
}

void write_sources(JsonWriter& w, const std::vector<checker::Source>& sources) {
  w.begin_array();
  for (const auto& s : sources) {
    w.begin_object().field("id", s.id);
    if (!s.license.empty()) w.field("license", s.license);
    w.field("name", s.name).field("url", s.url);
    if (!s.version.empty()) w.field("version", s.version);
    w.end_object();
  }
  w.end_array();
}

void write_match(JsonWriter& w, const ontology::Ontology& onto, const checker::Match& m,
                 const checker::MatchDetail& detail) {
  w.begin_object().field("contribution", rounded(m.contribution));
  if (m.disease_term) {
    w.field("disease_term", onto.term(*m.disease_term).id);
    if (detail.disease_term_absent) w.field("disease_term_absent", true);
    w.field("disease_term_label", onto.term(*m.disease_term).label);
  } else {
    w.key("disease_term").null();
  }
  w.field("excluded", m.excluded);
  if (detail.frequency) w.field("frequency", *detail.frequency);
  w.field("label", onto.term(m.query_term).label)
      .field("query", m.query)
      .field("relation", checker::to_string(detail.relation))
      .field("term", onto.term(m.query_term).id)
      .end_object();
}

void write_condition(JsonWriter& w, const SymptomData& data, const Site& site,
                     const checker::Condition& c) {
  const auto& onto = *data.ontology;
  const auto& r = c.ranked;
  const auto& d = data.checker->disease(r.disease);
  w.begin_object();
  // The parts of the score that are not findings add up with the matched
  // contributions to the score.
  if (r.age_contribution != 0) w.field("age_contribution", rounded(r.age_contribution));
  write_articles(w, site, r.disease, WithCollection::yes);
  if (d.earliest_onset_years) w.field("earliest_onset_years", *d.earliest_onset_years);
  w.field("id", d.id).key("inheritance");
  write_terms(w, onto, d.inheritance);
  w.key("matched").begin_array();
  for (std::size_t i = 0; i < r.matched.size(); ++i)
    write_match(w, onto, r.matched[i], c.details[i]);
  w.end_array().key("missing_common").begin_array();
  for (const auto& t : r.missing_common) write_disease_term(w, onto, t);
  w.end_array().field("name", d.name);
  if (r.sex_contribution != 0) w.field("only_sex", sex_name(*d.only_sex));
  w.key("onset");
  write_terms(w, onto, d.onset);
  if (r.probability) w.field("probability", *r.probability);
  w.field("score", rounded(r.score));
  if (r.sex_contribution != 0) w.field("sex_contribution", rounded(r.sex_contribution));
  w.key("sources");
  write_sources(w, c.sources);
  w.key("url").value("/check/diseases/" + d.id).end_object();
}

}  // namespace

checker::CheckResources check_resources(const SymptomData& data, const Site& site) {
  return {.ontology = *data.ontology,
          .checker = *data.checker,
          .interpreter = *data.interpreter,
          .red_flags = *data.red_flags,
          .hpo_version = data.hpo_version,
          .annotations_version = data.annotations_version,
          .engine = &site.engine()};
}

void write_check_answer(std::string& out, const SymptomData& data, const Site& site,
                        const checker::CheckResult& run, const AnswerError* error) {
  const auto& onto = *data.ontology;
  JsonWriter w(out);
  w.begin_object().field("annotations_version", data.annotations_version);
  write_attribution(w, data);
  w.key("conditions").begin_array();
  for (const auto& c : run.conditions) write_condition(w, data, site, c);
  w.end_array().key("emergency");
  if (const auto& e = run.emergency) {
    w.begin_object().key("findings").begin_array();
    for (const auto t : e->findings) write_term(w, onto, t);
    w.end_array().key("kinds").begin_array();
    for (const auto& k : e->kinds) w.value(k);
    w.end_array().field("message", e->message).end_object();
  } else {
    w.null();
  }
  if (error)
    w.key("error")
        .begin_object()
        .field("code", error->code)
        .field("message", error->message)
        .end_object();
  w.field("hpo_version", data.hpo_version).key("interpreted").begin_array();
  for (const auto& r : run.readings) {
    w.begin_object().field("excluded", r.excluded).field("label", onto.term(r.term).label);
    if (!r.matched.empty()) w.field("matched", r.matched);
    w.field("term", onto.term(r.term).id).field("text", r.text).end_object();
  }
  w.end_array().field("notice", kNotice);
  // "unmatched" stays a list of the texts; the reasons come beside it.
  w.key("unmatched").begin_array();
  for (const auto& u : run.unmatched) w.value(u.text);
  w.end_array().key("unmatched_reasons").begin_array();
  for (const auto& u : run.unmatched)
    w.begin_object()
        .field("message", u.message)
        .field("reason", checker::to_string(u.reason))
        .field("text", u.text)
        .end_object();
  w.end_array().end_object();
}

void write_disease(std::string& out, const SymptomData& data, const Site& site,
                   checker::DiseaseIndex index) {
  const auto& onto = *data.ontology;
  const auto& d = data.checker->disease(index);
  JsonWriter w(out);
  w.begin_object().field("annotations_version", data.annotations_version);
  write_articles(w, site, index, WithCollection::no);
  write_attribution(w, data);
  // Most frequent first.
  std::vector<checker::DiseaseTerm> present = d.present;
  std::stable_sort(present.begin(), present.end(),
                   [](const auto& a, const auto& b) { return a.frequency > b.frequency; });
  w.key("findings").begin_array();
  for (const auto& t : present) write_disease_term(w, onto, t);
  w.end_array().field("hpo_version", data.hpo_version).field("id", d.id).key("inheritance");
  write_terms(w, onto, d.inheritance);
  w.field("name", d.name).key("not_present");
  write_terms(w, onto, d.excluded);
  w.field("notice", kNotice);
  if (d.only_sex) w.field("only_sex", sex_name(*d.only_sex));
  w.key("onset");
  write_terms(w, onto, d.onset);
  w.key("sources");
  write_sources(w, checker::disease_sources(d, data.annotations_version));
  w.end_object();
}

}  // namespace symptomdb::web
