// Over 400 lines with a reason: the HL7 URL parameters (read_params), the
// feed built from the resolver's matches (build_feed) and its three
// encodings (Atom, JSON, JSONP) are one protocol read top to bottom; the
// encodings are the part to move out if it grows.
#include "web/infobutton.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>
#include <variant>

#include "infobutton/code_system.hpp"
#include "web/article_json.hpp"
#include "web/markdown_html.hpp"
#include "web/symptoms.hpp"

namespace symptomdb::web {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxEntries = 10;
constexpr std::size_t kMaxAlsoCalled = 12;
constexpr std::size_t kMaxDisplayName = 200;
constexpr std::string_view kHpoLicense = "HPO Consortium terms of use (https://hpo.jax.org)";
constexpr std::string_view kNotice =
    "Health information, not a diagnosis. In an emergency call your local emergency number.";

enum class Format { atom, json, jsonp };

struct BadParameter {
  std::string code, message;
};

struct Params {
  std::string cs, code, display_name;
  std::optional<infobutton::CodeSystem> system;
  std::string normalised;  // the code as the data writes it
  std::string language = "en";
  std::string recipient;
  Format format = Format::atom;
  std::string callback;
  bool extensions = false;  // symptomdb's own JSON keys besides MedlinePlus Connect's
};

struct Entry {
  std::string kind;  // article, disease, phenotype
  std::string id, title, link, updated, summary;
  std::vector<std::string> also_called;
  std::string source, source_url, license, matched_by;
};

struct Feed {
  std::string base, id, updated, title, subtitle;
  std::vector<std::pair<std::string, std::string>> categories;
  std::vector<std::string> notes;
  std::vector<Entry> entries;
  bool supported = false, by_name = false;
};

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

// A JavaScript identifier path ("cb", "app.infobutton.show"): anything else
// in a JSONP callback would let the caller put script into our response.
bool valid_callback(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  bool start = true;
  for (char c : s) {
    const bool alpha = std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
    if (c == '.') {
      if (start) return false;
      start = true;
    } else if (start) {
      if (!alpha) return false;
      start = false;
    } else if (!alpha && !std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return !start;
}

// BCP 47 in the simple form EHRs send: "en", "es", "en-US".
bool valid_language(std::string_view s) {
  if (s.size() < 2 || s.size() > 35) return false;
  std::size_t run = 0, part = 0;
  for (char c : s) {
    if (c == '-' || c == '_') {
      if (run == 0) return false;
      run = 0;
      ++part;
      continue;
    }
    const bool ok = part == 0 ? std::isalpha(static_cast<unsigned char>(c))
                              : std::isalnum(static_cast<unsigned char>(c));
    if (!ok || ++run > 8) return false;
  }
  return run > 0;
}

// The scheme and host links in the feed are made absolute with: an EHR shows
// them outside this site. The Host header is checked to be a host name (or
// address) and port, nothing that could break out of an attribute or URL.
std::string base_url(const Request& req) {
  const std::string& host = req.host;
  const bool ok =
      !host.empty() && host.size() <= 255 &&
      std::all_of(host.begin(), host.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
      });
  if (!ok) return "";
  return (req.forwarded_proto == "https" ? "https://" : "http://") + host;
}

std::optional<std::string> param(const Target& t, const std::string& name) {
  return t.param(name);
}

std::variant<Params, BadParameter> read_params(const Target& t) {
  Params p;
  if (auto v = param(t, "knowledgeResponseType"); v && !v->empty()) {
    if (*v == "text/xml" || *v == "application/xml" || *v == "application/atom+xml")
      p.format = Format::atom;
    else if (*v == "application/json")
      p.format = Format::json;
    else if (*v == "application/javascript" || *v == "text/javascript")
      p.format = Format::jsonp;
    else
      return BadParameter{"bad_response_type",
                          "knowledgeResponseType must be text/xml (the default, an Atom feed), "
                          "application/json or application/javascript (JSONP, with callback=)."};
  }
  if (p.format == Format::jsonp) {
    p.callback = param(t, "callback").value_or("");
    if (p.callback.empty())
      return BadParameter{"missing_callback",
                          "knowledgeResponseType=application/javascript needs callback=NAME."};
    if (!valid_callback(p.callback))
      return BadParameter{"bad_callback",
                          "callback must be a JavaScript name such as handleInfobutton or "
                          "app.show (letters, digits, _ and $, dot-separated; 64 characters "
                          "at most)."};
  }
  p.cs = param(t, "mainSearchCriteria.v.cs").value_or("");
  p.code = param(t, "mainSearchCriteria.v.c").value_or("");
  p.display_name = param(t, "mainSearchCriteria.v.dn").value_or("");
  if (p.display_name.size() > kMaxDisplayName)
    return BadParameter{"display_name_too_long",
                        "mainSearchCriteria.v.dn is limited to 200 characters."};
  if (p.code.empty() && p.display_name.find_first_not_of(' ') == std::string::npos)
    return BadParameter{"missing_search_criteria",
                        "Give a coded problem as mainSearchCriteria.v.cs (the code system's "
                        "OID) and mainSearchCriteria.v.c (the code), and/or its name as "
                        "mainSearchCriteria.v.dn."};
  if (!p.code.empty()) {
    if (p.cs.empty())
      return BadParameter{"missing_code_system",
                          "mainSearchCriteria.v.c needs mainSearchCriteria.v.cs, the code "
                          "system's OID (e.g. 2.16.840.1.113883.6.96 for SNOMED CT)."};
    p.system = infobutton::identify(p.cs);
    if (!p.system)
      return BadParameter{"bad_code_system",
                          "mainSearchCriteria.v.cs must be a code system OID such as "
                          "2.16.840.1.113883.6.96 (or its URI), without spaces."};
    if (p.system->supported()) {
      auto n = infobutton::normalise_code(p.system->lookup, p.code);
      if (!n)
        return BadParameter{
            "bad_code",
            "mainSearchCriteria.v.c \"" + p.code.substr(0, 40) + "\" is not a " + p.system->name +
                " code: " + std::string(infobutton::code_shape(p.system->lookup)) + "."};
      p.normalised = *n;
    } else if (p.code.size() > 100) {
      return BadParameter{"bad_code", "mainSearchCriteria.v.c is limited to 100 characters."};
    }
  } else if (!p.cs.empty()) {
    p.system = infobutton::identify(p.cs);
    if (!p.system)
      return BadParameter{"bad_code_system",
                          "mainSearchCriteria.v.cs must be a code system OID such as "
                          "2.16.840.1.113883.6.96 (or its URI), without spaces."};
  }
  if (auto v = param(t, "informationRecipient.languageCode.c"); v && !v->empty()) {
    if (!valid_language(*v))
      return BadParameter{"bad_language",
                          "informationRecipient.languageCode.c must be a language code such as "
                          "en or es."};
    p.language = *v;
  }
  if (auto v = param(t, "extensions"); v && !v->empty()) {
    if (*v != "0" && *v != "1")
      return BadParameter{"bad_extensions",
                          "extensions must be 1 (add symptomdb's own JSON fields) or 0."};
    p.extensions = *v == "1";
  }
  if (auto v = param(t, "informationRecipient"); v && !v->empty()) {
    if (v->size() > 20 ||
        !std::all_of(v->begin(), v->end(), [](unsigned char c) { return std::isalnum(c) != 0; }))
      return BadParameter{"bad_recipient",
                          "informationRecipient must be a role code such as PAT or PROV."};
    p.recipient = *v;
  }
  return p;
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

std::string atom(const Feed& f) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto feed = doc.append_child("feed");
  feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
  if (!f.base.empty()) feed.append_attribute("xml:base") = (f.base + "/").c_str();
  feed.append_attribute("xml:lang") = "en";
  auto text = [](pugi::xml_node parent, const char* name, const std::string& value,
                 const char* type = nullptr) {
    auto n = parent.append_child(name);
    if (type) n.append_attribute("type") = type;
    n.text().set(value.c_str());
    return n;
  };
  text(feed, "title", f.title, "text");
  text(feed, "subtitle", f.subtitle, "text");
  auto author = feed.append_child("author");
  text(author, "name", "symptomdb");
  if (!f.base.empty()) text(author, "uri", f.base + "/");
  text(feed, "updated", f.updated);
  text(feed, "id", f.id);
  for (const auto& [scheme, term] : f.categories) {
    auto c = feed.append_child("category");
    c.append_attribute("scheme") = scheme.c_str();
    c.append_attribute("term") = term.c_str();
  }
  for (const auto& e : f.entries) {
    auto entry = feed.append_child("entry");
    entry.append_attribute("xml:lang") = "en";
    text(entry, "title", e.title, "text");
    auto link = entry.append_child("link");
    link.append_attribute("href") = e.link.c_str();
    link.append_attribute("rel") = "alternate";
    link.append_attribute("type") = "text/html";
    text(entry, "id", e.id);
    text(entry, "updated", e.updated);
    auto a = entry.append_child("author");
    text(a, "name", e.source);
    if (!e.source_url.empty()) text(a, "uri", e.source_url);
    if (!e.license.empty()) text(entry, "rights", e.license, "text");
    auto kind = entry.append_child("category");
    kind.append_attribute("scheme") = "https://symptomdb.invalid/infobutton/kind";
    kind.append_attribute("term") = e.kind.c_str();
    text(entry, "summary", e.summary, "html");
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

json value(const std::string& v) {
  return {{"_value", v}};
}
json typed(const std::string& v, const char* type) {
  return {{"_value", v}, {"type", type}};
}

// MedlinePlus Connect's JSON: the Atom feed with text in "_value". Only its
// keys by default, since clients that map it onto fixed classes (Jackson's
// default, for one) refuse keys they do not know; extensions=1 adds
// symptomdb's own (kind, also_called, source, license, matched_by per
// entry; code_system, by_display_name, notes, notice on the feed).
json feed_json(const Feed& f, const Params& p) {
  json entries = json::array();
  for (const auto& e : f.entries) {
    json entry = {
        {"lang", "en"},
        {"title", typed(e.title, "text")},
        {"link",
         json::array(
             {{{"title", e.title}, {"rel", "alternate"}, {"type", "html"}, {"href", e.link}}})},
        {"id", value(e.id)},
        {"updated", value(e.updated)},
        {"summary", typed(e.summary, "html")}};
    if (p.extensions) {
      entry["kind"] = e.kind;
      entry["also_called"] = e.also_called;
      entry["source"] = e.source;
      entry["source_url"] = e.source_url;
      entry["license"] = e.license;
      entry["matched_by"] = e.matched_by;
    }
    entries.push_back(std::move(entry));
  }
  json categories = json::array();
  for (const auto& [scheme, term] : f.categories)
    categories.push_back({{"scheme", scheme}, {"term", term}});
  json author = {{"name", value("symptomdb")}};
  if (!f.base.empty()) author["uri"] = value(f.base + "/");
  json feed = {{"xsi", "http://www.w3.org/2001/XMLSchema-instance"},
               {"base", f.base.empty() ? "" : f.base + "/"},
               {"lang", "en"},
               {"title", typed(f.title, "text")},
               {"subtitle", typed(f.subtitle, "text")},
               {"author", author},
               {"updated", value(f.updated)},
               {"category", categories},
               {"id", value(f.id)},
               {"entry", entries}};
  if (p.extensions) {
    json code_system = nullptr;
    if (p.system)
      code_system = {{"name", p.system->name},
                     {"oid", p.system->oid},
                     {"known", p.system->known},
                     {"supported", p.system->supported()}};
    feed["code_system"] = code_system;
    feed["by_display_name"] = f.by_name;
    feed["notes"] = f.notes;
    feed["notice"] = kNotice;
  }
  return {{"feed", feed}};
}

}  // namespace

Response handle_infobutton(const App& app, const Request& req, const Target& target,
                           const Site& site) {
  auto parsed = read_params(target);
  if (auto* bad = std::get_if<BadParameter>(&parsed)) {
    // A client that asked for JSON gets the API's JSON error; others the
    // page (or JSON, by Accept) every other address gives.
    const auto type = target.param("knowledgeResponseType").value_or("");
    if (type == "application/json" || type == "application/javascript" || type == "text/javascript")
      return json_response(400, error_json(bad->code, bad->message));
    return app.error(req, 400, bad->code, bad->message);
  }
  const Params& p = std::get<Params>(parsed);
  const Feed feed = build_feed(p, site, req);
  Response r;
  switch (p.format) {
    case Format::atom:
      // text/xml unless Atom's own type is asked for: what MedlinePlus
      // Connect clients expect by default.
      r.content_type = target.param("knowledgeResponseType") == "application/atom+xml"
                           ? "application/atom+xml; charset=utf-8"
                           : "text/xml; charset=utf-8";
      r.body = atom(feed);
      break;
    case Format::json:
      r.content_type = std::string(kJson);
      r.body = feed_json(feed, p).dump();
      break;
    case Format::jsonp:
      r.content_type = "application/javascript; charset=utf-8";
      // The leading comment keeps the body from being read as anything but
      // script whatever the callback's first bytes.
      r.body = "/**/" + p.callback + "(" + feed_json(feed, p).dump() + ");";
      break;
  }
  // Public, read-only and cookie-free: any EHR page may fetch it.
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace symptomdb::web
