// GET /infobutton, building the feed: an entry per article, disease or
// phenotype the resolver matched for the request's code or name, each with
// its summary, source and licence.
#include "web/infobutton_feed.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "infobutton/code_system.hpp"
#include "web/article_json.hpp"
#include "web/markdown_html.hpp"
#include "web/symptoms.hpp"

namespace symptomdb::web::infobutton_feed {
namespace {

constexpr std::size_t kMaxEntries = 10;
constexpr std::size_t kMaxAlsoCalled = 12;
constexpr std::string_view kHpoLicense = "HPO Consortium terms of use (https://hpo.jax.org)";

std::string now_rfc3339() {
  return fmt::format("{:%FT%TZ}", fmt::gmtime(std::time(nullptr)));
}

// YYYY-MM-DDTHH:MM:SSZ exactly: what the store writes and Atom accepts.
bool is_rfc3339_utc(std::string_view s) {
  if (s.size() != 20 || s[10] != 'T' || s[19] != 'Z') return false;
  for (std::size_t i = 0; i < 19; ++i) {
    const bool sep = i == 4 || i == 7 || i == 10 || i == 13 || i == 16;
    if (sep) continue;
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return s[4] == '-' && s[7] == '-' && s[13] == ':' && s[16] == ':';
}

std::string section_markdown(const Section& s) {
  std::string md = s.intro;
  for (const auto& item : s.items) {
    if (!md.empty()) md += "\n\n";
    if (!item.heading.empty()) md += "**" + item.heading + "**\n\n";
    md += item.text;
  }
  return md;
}

// The overview as plain HTML, then "also called" and the attribution, in the
// paragraphs (and class names) MedlinePlus Connect clients already pick out.
std::string summary_html(const std::string& body_html, const std::vector<std::string>& also,
                         const std::string& source, const std::string& license) {
  std::string out;
  if (!also.empty()) {
    std::vector<std::string> escaped;
    for (const auto& a : also) escaped.push_back(html_escape(a));
    out +=
        "<p class=\"NLMalsoCalled\">Also called: " + fmt::format("{}", fmt::join(escaped, ", ")) +
        "</p>\n";
  }
  out += body_html;
  out += "<p class=\"NLMattribution\">Source: " + html_escape(source);
  if (!license.empty()) out += ". Licence: " + html_escape(license);
  out += ".</p>\n<p class=\"sdbNotice\">" + std::string(kNotice) + "</p>\n";
  return out;
}

std::string tag_id(std::string_view kind, std::string_view id) {
  return "tag:symptomdb,2026:" + std::string(kind) + "/" + url_encode(id);
}

Entry article_entry(const Site& site, std::size_t index, const std::string& base) {
  const Article& a = site.snapshot().articles()[index];
  const ConditionEntry& c = site.snapshot().condition_of(index);
  Entry e;
  e.kind = "article";
  e.id = tag_id("articles", a.slug);
  e.title = a.title;
  e.link = base + "/articles/" + a.slug;
  e.updated = is_rfc3339_utc(a.provenance.imported_at) ? a.provenance.imported_at
              : !a.reviewed_on.empty()                 ? a.reviewed_on + "T00:00:00Z"
                                                       : now_rfc3339();
  std::string md;
  if (const Section* ov = a.find_section(SectionType::overview)) md = section_markdown(*ov);
  if (md.empty()) md = a.introduction;
  if (md.empty() && !a.sections.empty()) md = section_markdown(a.sections.front());
  for (const auto& s : c.synonyms) {
    if (e.also_called.size() == kMaxAlsoCalled) break;
    e.also_called.push_back(s);
  }
  if (a.provenance.format == "medquad") {
    // The publisher as MedQuAD names it ("... (NINDS)"), and where it came from.
    const std::string publisher = a.author.empty() ? a.collection : a.author.name;
    e.source = publisher.find("(" + a.collection + ")") != std::string::npos
                   ? publisher + ", via the MedQuAD dataset"
                   : publisher + " (" + a.collection + "), via the MedQuAD dataset";
    e.source_url = a.url;
  } else {
    e.source = a.author.empty() ? "symptomdb" : "symptomdb, by " + a.author.name;
    if (a.sample) e.source += " (sample content written for the demo, not clinically reviewed)";
  }
  e.license = a.license;
  e.summary = summary_html(markdown_to_html(md), e.also_called, e.source, e.license);
  return e;
}

Entry disease_entry(const SymptomData& data, checker::DiseaseIndex index, const std::string& base,
                    const std::string& updated) {
  const auto& d = data.checker->disease(index);
  const auto& onto = *data.ontology;
  Entry e;
  e.kind = "disease";
  e.id = tag_id("diseases", d.id);
  e.title = d.name;
  e.link = base + "/check/diseases/" + d.id;
  e.updated = updated;
  std::vector<checker::DiseaseTerm> present = d.present;
  std::stable_sort(present.begin(), present.end(),
                   [](const auto& x, const auto& y) { return x.frequency > y.frequency; });
  std::vector<std::string> labels;
  for (const auto& t : present) {
    if (labels.size() == 5) break;
    labels.push_back(html_escape(onto.term(t.term).label));
  }
  std::string body =
      "<p>" + html_escape(d.name) + " (" + html_escape(d.id) +
      ") as the HPO disease annotations describe it: " + std::to_string(d.present.size()) +
      " annotated finding" + (d.present.size() == 1 ? "" : "s");
  if (!labels.empty()) body += "; listed first: " + fmt::format("{}", fmt::join(labels, ", "));
  body += ".</p>\n";
  if (const auto url = disease_source_url(d.id); !url.empty())
    body += "<p>Source record: <a href=\"" + html_escape(url) + "\">" +
            html_escape(disease_source_name(d.id)) + " " + html_escape(d.id) + "</a>.</p>\n";
  e.source = "HPO disease annotations (release " + data.annotations_version + ")";
  e.source_url = "https://hpo.jax.org/browse/disease/" + d.id;
  e.license = std::string(kHpoLicense);
  e.summary = summary_html(body, {}, e.source, e.license);
  return e;
}

Entry phenotype_entry(const SymptomData& data, ontology::TermIndex t, const std::string& base,
                      const std::string& updated) {
  const auto& term = data.ontology->term(t);
  Entry e;
  e.kind = "phenotype";
  e.id = tag_id("phenotypes", term.id);
  e.title = term.label;
  e.link = base + "/check?s=" + url_encode(term.id);
  e.updated = updated;
  // Layperson names first: an EHR shows these to patients.
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& s : term.synonyms)
      if (s.scope == ontology::SynonymScope::exact && s.layperson == (pass == 0) &&
          e.also_called.size() < kMaxAlsoCalled && s.text != term.label &&
          std::find(e.also_called.begin(), e.also_called.end(), s.text) == e.also_called.end())
        e.also_called.push_back(s.text);
  std::string body = term.definition.empty()
                         ? "<p>" + html_escape(term.label) + " (" + html_escape(term.id) +
                               "), a term of the Human Phenotype Ontology.</p>\n"
                         : "<p>" + html_escape(term.definition) + "</p>\n";
  body += "<p>See which rare conditions list this finding in <a href=\"" + html_escape(e.link) +
          "\">the symptom checker</a>.</p>\n";
  e.source = "Human Phenotype Ontology (release " + data.hpo_version + ")";
  e.source_url = "https://hpo.jax.org/browse/term/" + term.id;
  e.license = std::string(kHpoLicense);
  e.summary = summary_html(body, e.also_called, e.source, e.license);
  return e;
}

// "SNOMED CT 38341003", "UMLS CUI C0020538"; ids that carry their system
// ("OMIM:154700", "HP:0000822") stand alone.
std::string code_words(const std::string& system, const std::string& code) {
  return code.find(':') == std::string::npos ? system + " " + code : code;
}

}  // namespace

Feed build_feed(const Params& p, const Site& site, const Request& req) {
  Feed f;
  f.base = base_url(req);
  f.updated = now_rfc3339();
  f.title = "symptomdb Infobutton";
  const auto& resolver = site.infobutton();
  infobutton::Resolution found;
  const std::string system_name = p.system ? p.system->name : std::string("no code system");
  f.supported = p.system && p.system->supported();
  if (!p.code.empty()) {
    if (f.supported) {
      found = resolver.by_code(p.system->lookup, p.normalised);
      if (found.matches.empty())
        f.notes.push_back("Nothing is held for " + code_words(system_name, p.normalised) + ".");
    } else {
      f.notes.push_back(
          (p.system->known ? system_name : "The code system " + system_name) +
          " is not supported: this server looks up UMLS CUI, SNOMED CT, HPO, OMIM and Orphanet "
          "codes only.");
    }
  }
  const bool has_name = p.display_name.find_first_not_of(' ') != std::string::npos;
  if (found.matches.empty() && has_name) {
    found = resolver.by_name(p.display_name);
    if (!p.code.empty())
      f.notes.push_back(found.matches.empty()
                            ? "The display name matched nothing either."
                            : "Matched by the display name instead (mainSearchCriteria.v.dn).");
    else if (found.matches.empty())
      f.notes.push_back("Nothing is held under the name \"" + p.display_name + "\".");
  }
  f.by_name = found.by_name && !found.matches.empty();
  if (p.language != "en" && !p.language.starts_with("en-"))
    f.notes.push_back("Only English content is available; \"" + p.language +
                      "\" was asked for and English is given.");

  const auto data = site.symptoms();
  // The code's own concept (the disease or phenotype term, at most two of
  // them) always has a place; articles fill the rest.
  std::size_t concepts = 0;
  for (const auto& m : found.matches)
    if (m.kind != infobutton::MatchKind::article) ++concepts;
  const std::size_t max_articles = kMaxEntries - std::min<std::size_t>(concepts, 2);
  std::size_t articles = 0;
  for (const auto& m : found.matches) {
    if (f.entries.size() == kMaxEntries) break;
    if (m.kind == infobutton::MatchKind::article) {
      if (articles == max_articles) continue;
      ++articles;
    }
    Entry e;
    switch (m.kind) {
      case infobutton::MatchKind::article:
        e = article_entry(site, m.index, f.base);
        break;
      case infobutton::MatchKind::disease:
        e = disease_entry(*data, static_cast<checker::DiseaseIndex>(m.index), f.base, f.updated);
        break;
      case infobutton::MatchKind::phenotype:
        e = phenotype_entry(*data, static_cast<ontology::TermIndex>(m.index), f.base, f.updated);
        break;
    }
    e.matched_by = m.via;
    f.entries.push_back(std::move(e));
  }

  std::string asked = p.code.empty() ? "\"" + p.display_name + "\""
                      : f.supported  ? code_words(system_name, p.normalised)
                                     : system_name + " " + p.code;
  f.subtitle = "symptomdb results for " + asked;
  if (!f.notes.empty()) f.subtitle += ". " + fmt::format("{}", fmt::join(f.notes, " "));
  f.id = tag_id("infobutton", (p.system ? p.system->oid : std::string()) + "|" +
                                  (f.supported ? p.normalised : p.code) + "|" + p.display_name +
                                  "|" + p.language);
  if (!p.code.empty()) f.categories.emplace_back("mainSearchCriteria.v.c", p.code);
  if (!p.cs.empty()) f.categories.emplace_back("mainSearchCriteria.v.cs", p.cs);
  if (!p.display_name.empty()) f.categories.emplace_back("mainSearchCriteria.v.dn", p.display_name);
  f.categories.emplace_back("informationRecipient.languageCode.c", p.language);
  if (!p.recipient.empty()) f.categories.emplace_back("informationRecipient", p.recipient);
  return f;
}

}  // namespace symptomdb::web::infobutton_feed
