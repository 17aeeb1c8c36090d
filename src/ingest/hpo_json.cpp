#include "ingest/hpo_json.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/error.hpp"

namespace symptomdb::ingest {

namespace {

using nlohmann::json;
using ontology::SynonymScope;

constexpr std::string_view kOboPurl = "http://purl.obolibrary.org/obo/";
constexpr std::string_view kAltId = "http://www.geneontology.org/formats/oboInOwl#hasAlternativeId";
constexpr std::string_view kReplacedBy = "http://purl.obolibrary.org/obo/IAO_0100001";
constexpr std::string_view kDeprecated = "http://www.w3.org/2002/07/owl#deprecated";
constexpr std::string_view kVersionInfo = "http://www.w3.org/2002/07/owl#versionInfo";

int line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

// "http://purl.obolibrary.org/obo/HP_0003202" -> "HP:0003202". Values that
// are already CURIEs pass through, so the same helper reads ids in both the
// IRI form (node ids, edges) and the CURIE form (property values).
std::string curie(std::string_view iri) {
  if (!iri.starts_with(kOboPurl)) return std::string(iri);
  auto local = iri.substr(kOboPurl.size());
  auto us = local.find('_');
  if (us == std::string_view::npos || local.find('/') != std::string_view::npos)
    return std::string(iri);
  std::string out(local);
  out[us] = ':';
  return out;
}

std::string_view prefix_of(std::string_view id) {
  return id.substr(0, id.find(':'));
}

// Errors about one node point at the line where its id first appears; the DOM
// keeps no positions, and the id is a unique enough needle.
class Reporter {
 public:
  Reporter(std::string_view text, const std::string& file) : text_(text), file_(file) {}
  [[noreturn]] void fail(std::string_view needle, const std::string& message) const {
    auto pos = needle.empty() ? std::string_view::npos : text_.find(needle);
    throw ParseError(file_, pos == std::string_view::npos ? 0 : line_at(text_, pos), message);
  }

 private:
  std::string_view text_;
  const std::string& file_;
};

const std::string& string_field(const json& j, const char* key, const Reporter& r,
                                std::string_view where) {
  static const std::string kEmpty;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return kEmpty;
  if (!it->is_string()) r.fail(where, std::string(where) + ": \"" + key + "\" is not a string");
  return it->get_ref<const std::string&>();
}

const json& array_field(const json& j, const char* key, const Reporter& r, std::string_view where) {
  static const json kEmpty = json::array();
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return kEmpty;
  if (!it->is_array()) r.fail(where, std::string(where) + ": \"" + key + "\" is not an array");
  return *it;
}

SynonymScope scope_of(std::string_view pred, const Reporter& r, std::string_view where) {
  if (pred == "hasExactSynonym") return SynonymScope::exact;
  if (pred == "hasRelatedSynonym") return SynonymScope::related;
  if (pred == "hasBroadSynonym") return SynonymScope::broad;
  if (pred == "hasNarrowSynonym") return SynonymScope::narrow;
  r.fail(where, std::string(where) + ": unknown synonym predicate \"" + std::string(pred) + "\"");
}

void read_meta(const json& meta, ontology::TermRecord& t, const Reporter& r, std::string_view iri) {
  if (!meta.is_object()) r.fail(iri, t.id + ": \"meta\" is not an object");
  if (auto d = meta.find("definition"); d != meta.end() && d->is_object())
    t.definition = string_field(*d, "val", r, iri);
  std::string comment;
  for (const auto& c : array_field(meta, "comments", r, iri)) {
    if (!c.is_string()) r.fail(iri, t.id + ": a comment is not a string");
    if (!comment.empty()) comment += '\n';
    comment += c.get_ref<const std::string&>();
  }
  t.comment = std::move(comment);
  for (const auto& s : array_field(meta, "synonyms", r, iri)) {
    if (!s.is_object()) r.fail(iri, t.id + ": a synonym is not an object");
    ontology::Synonym syn;
    syn.text = string_field(s, "val", r, iri);
    syn.scope = scope_of(string_field(s, "pred", r, iri), r, iri);
    syn.layperson = string_field(s, "synonymType", r, iri).ends_with("#layperson");
    t.synonyms.push_back(std::move(syn));
  }
  for (const auto& x : array_field(meta, "xrefs", r, iri)) {
    if (!x.is_object()) r.fail(iri, t.id + ": an xref is not an object");
    t.xrefs.push_back(string_field(x, "val", r, iri));
  }
  if (auto d = meta.find("deprecated"); d != meta.end() && d->is_boolean())
    t.obsolete = d->get<bool>();
  for (const auto& p : array_field(meta, "basicPropertyValues", r, iri)) {
    if (!p.is_object()) r.fail(iri, t.id + ": a property value is not an object");
    const auto& pred = string_field(p, "pred", r, iri);
    const auto& val = string_field(p, "val", r, iri);
    if (pred == kAltId) {
      t.alt_ids.push_back(curie(val));
    } else if (pred == kReplacedBy) {
      // HPO writes this as a CURIE, but a few releases carry full IRIs.
      t.replaced_by = curie(val);
    } else if (pred == kDeprecated && val == "true") {
      t.obsolete = true;
    }
  }
}

}  // namespace

std::string release_version(std::string_view version) {
  constexpr std::string_view kReleases = "releases/";
  auto at = version.find(kReleases);
  if (at == std::string_view::npos) return std::string(version);
  auto rest = version.substr(at + kReleases.size());
  return std::string(rest.substr(0, rest.find('/')));
}

ontology::OntologyRecords parse_obographs_json(std::string_view text, const std::string& file) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character. The
    // message loses nlohmann's "[json.exception.parse_error.101] " tag.
    std::string_view what = e.what();
    if (auto tag = what.find("] "); what.starts_with("[json.") && tag != std::string_view::npos)
      what.remove_prefix(tag + 2);
    throw ParseError(file, line_at(text, e.byte == 0 ? 0 : e.byte - 1), std::string(what));
  }
  const Reporter r(text, file);
  if (!doc.is_object() || !doc.contains("graphs") || !doc["graphs"].is_array() ||
      doc["graphs"].empty() || !doc["graphs"][0].is_object())
    r.fail("", "not an obographs document (no \"graphs\" array)");
  const json& graph = doc["graphs"][0];

  ontology::OntologyRecords out;
  out.source = file;
  // The ontology's own prefix comes from the graph id (".../obo/hp.json" ->
  // "HP"), so imported and merely referenced classes can be told apart.
  std::string own_prefix;
  const auto& graph_id = string_field(graph, "id", r, "\"graphs\"");
  if (graph_id.starts_with(kOboPurl)) {
    auto name = std::string_view(graph_id).substr(kOboPurl.size());
    name = name.substr(0, name.find('.'));
    for (char c : name)
      own_prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (auto meta = graph.find("meta"); meta != graph.end() && meta->is_object()) {
    for (const auto& p : array_field(*meta, "basicPropertyValues", r, "\"meta\""))
      if (p.is_object() && string_field(p, "pred", r, "\"meta\"") == kVersionInfo)
        out.version = string_field(p, "val", r, "\"meta\"");
    if (out.version.empty())
      out.version = release_version(string_field(*meta, "version", r, "\"meta\""));
  }

  std::unordered_map<std::string, std::size_t> index;  // CURIE -> position in out.terms
  for (const auto& node : array_field(graph, "nodes", r, "\"nodes\"")) {
    if (!node.is_object()) r.fail("\"nodes\"", "a node is not an object");
    const auto& iri = string_field(node, "id", r, "\"nodes\"");
    if (iri.empty()) r.fail("\"nodes\"", "a node has no id");
    if (string_field(node, "type", r, iri) != "CLASS") continue;
    ontology::TermRecord t;
    t.id = curie(iri);
    if (t.id == iri) continue;  // not an OBO class: nothing we can name by CURIE
    if (!own_prefix.empty() && prefix_of(t.id) != own_prefix) continue;
    t.label = string_field(node, "lbl", r, iri);
    if (auto meta = node.find("meta"); meta != node.end()) read_meta(*meta, t, r, iri);
    if (!index.emplace(t.id, out.terms.size()).second) r.fail(iri, t.id + " is defined twice");
    out.terms.push_back(std::move(t));
  }
  for (const auto& edge : array_field(graph, "edges", r, "\"edges\"")) {
    if (!edge.is_object()) r.fail("\"edges\"", "an edge is not an object");
    if (string_field(edge, "pred", r, "\"edges\"") != "is_a") continue;
    const auto& sub = string_field(edge, "sub", r, "\"edges\"");
    const auto& obj = string_field(edge, "obj", r, "\"edges\"");
    auto it = index.find(curie(sub));
    if (it == index.end()) continue;  // an edge between classes we left out
    auto parent = curie(obj);
    if (!own_prefix.empty() && prefix_of(parent) != own_prefix) continue;
    out.terms[it->second].parents.push_back(std::move(parent));
  }
  return out;
}

}  // namespace symptomdb::ingest
