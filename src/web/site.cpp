#include "web/site.hpp"

#include <fmt/format.h>

#include "text/normalize.hpp"
#include "web/article_json.hpp"
#include "web/pages.hpp"

namespace symptomdb::web {
namespace {

// FNV-1a: a cheap, stable fingerprint; ETags need change detection, not security.
std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// HPO's names for findings, from the graph the checker reads (none without it).
PhenotypeNaming naming_of(const SymptomData* symptoms) {
  if (!symptoms || !symptoms->ontology) return {};
  return phenotype_naming(*symptoms->ontology);
}

}  // namespace

std::vector<CheckerEntry> Site::checker_entries(std::size_t article) const {
  std::vector<CheckerEntry> out;
  if (!symptoms_) return out;
  for (const auto t : links_.terms_of(article)) {
    const auto& term = symptoms_->ontology->term(t);
    out.push_back({term.id, term.label, "/check?s=" + term.id});
  }
  return out;
}

Site::Site(std::vector<Article> articles, std::shared_ptr<const SymptomData> symptoms)
    : snapshot_([&] {
        const auto naming = naming_of(symptoms.get());
        return std::make_shared<const Snapshot>(std::move(articles), naming.names, naming.synonyms);
      }()),
      engine_(std::make_unique<qa::Engine>(snapshot_)),
      symptoms_(std::move(symptoms)),
      links_(symptoms_ ? CheckerLinks(*snapshot_, *symptoms_) : CheckerLinks()),
      pages_(snapshot_->articles().size()) {
  nlohmann::json list = nlohmann::json::array();
  std::uint64_t site_hash = fnv1a("symptomdb");
  for (const auto& a : snapshot_->articles()) {
    site_hash = fnv1a(a.provenance.imported_at, fnv1a(a.slug, site_hash));
    if (!has_answers(a)) continue;  // questions only: listed on the condition's page
    list.push_back({{"slug", a.slug},
                    {"title", a.title},
                    {"condition", a.condition.name},
                    {"collection", a.collection},
                    {"sample", a.sample},
                    {"url", "/articles/" + a.slug}});
  }
  nlohmann::json conditions = nlohmann::json::array();
  for (const auto& c : snapshot_->conditions()) conditions.push_back(condition_json(*snapshot_, c));
  conditions_json_ =
      nlohmann::json{{"count", conditions.size()}, {"conditions", conditions}}.dump();
  articles_json_ = nlohmann::json{{"count", list.size()}, {"articles", list}}.dump();
  home_html_ = render_home_page(*snapshot_);
  etag_ = fmt::format("\"{:016x}\"", site_hash);
}

std::shared_ptr<const RenderedPage> Site::article(std::string_view slug) const {
  const auto index = snapshot_->article_index(slug);
  if (!index) return nullptr;
  auto& slot = pages_[*index];
  if (auto page = slot.load(std::memory_order_acquire)) return page;
  const Article& a = snapshot_->articles()[*index];
  auto page = std::make_shared<RenderedPage>();
  page->html = render_article_page(*snapshot_, *index, checker_entries(*index));
  page->json = article_json(a).dump();
  page->etag = fmt::format("\"{:016x}\"", fnv1a(page->json, fnv1a(page->html)));
  std::shared_ptr<const RenderedPage> done = std::move(page);
  slot.store(done, std::memory_order_release);
  return done;
}

const checker::ConditionModel& Site::conditions() const {
  std::call_once(conditions_once_, [this] {
    // With phenotype data, its disease annotations are profile findings too.
    auto sources = symptoms_ && symptoms_->checker
                       ? checker::hpo_profile_sources(*symptoms_->checker)
                       : checker::ProfileSources{};
    // ... and the profiles' own text is read into finding names with the
    // interpreter that reads the person's findings.
    if (symptoms_ && symptoms_->interpreter)
      sources.read_findings =
          checker::interpreter_reader(*symptoms_->interpreter, checker::kReadConfidence);
    auto model = checker::ConditionModel::build(*snapshot_, {}, sources);
    // Findings matched through the ontology too (concept_match.cpp).
    if (symptoms_ && symptoms_->interpreter)
      model.set_concepts(symptoms_->interpreter->ontology_ptr());
    conditions_ = std::make_unique<const checker::ConditionModel>(std::move(model));
    warning_signs_ = std::make_unique<const checker::WarningSigns>(checker::WarningSigns::build(
        *snapshot_, symptoms_ ? symptoms_->interpreter.get() : nullptr));
    conditions_ready_.store(true, std::memory_order_release);
  });
  return *conditions_;
}

const checker::WarningSigns& Site::warning_signs() const {
  conditions();
  return *warning_signs_;
}

const infobutton::Resolver& Site::infobutton() const {
  std::call_once(infobutton_once_, [this] {
    infobutton::ArticleLinks links;
    if (symptoms_) {
      for (std::size_t a = 0; a < snapshot_->articles().size(); ++a) {
        for (const auto t : links_.terms_of(a)) links.terms.emplace_back(t, a);
        for (const auto d : links_.diseases_of(a)) links.diseases.emplace_back(d, a);
      }
    }
    infobutton_ = std::make_unique<const infobutton::Resolver>(
        *snapshot_, *engine_, symptoms_ ? symptoms_->ontology : nullptr,
        symptoms_ ? symptoms_->checker.get() : nullptr, links);
  });
  return *infobutton_;
}

}  // namespace symptomdb::web
