// The Human Phenotype Ontology (or any OBO ontology) as two things: the
// records a file describes (importer output, store input and output), and an
// immutable in-memory graph built from them that the symptom checker reads.
// The graph is dense: every live term has a TermIndex, so engines keep flat
// arrays indexed by term instead of maps keyed by strings.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace symptomdb::ontology {

// --- Records, as files give them. -----------------------------------------

enum class SynonymScope { exact, related, broad, narrow };
// The scope as OBO and obographs spell it ("exact", ...), and back; an
// unknown word reads as exact. Both stores keep scopes in this form.
std::string_view to_string(SynonymScope s);
SynonymScope synonym_scope_from(std::string_view s);

struct Synonym {
  std::string text;
  SynonymScope scope = SynonymScope::exact;
  // HPO types some synonyms "layperson" ("Muscle wasting" for HP:0003202):
  // the words a patient would use, which free-text matching prefers.
  bool layperson = false;
  bool operator==(const Synonym&) const = default;
};

struct TermRecord {
  std::string id;  // CURIE: "HP:0003202"
  std::string label;
  std::string definition;
  std::string comment;
  std::vector<Synonym> synonyms;
  std::vector<std::string> alt_ids;  // CURIEs that now mean this term
  std::vector<std::string> xrefs;    // CURIEs: "UMLS:C0026846", "SNOMEDCT_US:..."
  std::vector<std::string> parents;  // is_a targets, CURIEs
  bool obsolete = false;
  std::string replaced_by;  // for obsolete terms, when the file says
  bool operator==(const TermRecord&) const = default;
};

struct OntologyRecords {
  std::string version;  // the release, "2026-01-08"
  std::string source;   // file name the records came from
  std::vector<TermRecord> terms;
};

// One row of phenotype.hpoa: a disease is (or, negated, is not) annotated with
// a phenotype term. Fields are kept as the file writes them; the checker
// interprets them (frequency_value below).
struct Annotation {
  std::string disease_id;    // "OMIM:619340", "ORPHA:558", "DECIPHER:1"
  std::string disease_name;  // as the file writes it
  bool negated = false;      // qualifier NOT
  std::string term_id;       // "HP:0001250" (may be an alternative id)
  std::string reference;     // "PMID:31675180;OMIM:619340"
  std::string evidence;      // IEA, PCS, TAS
  std::string onset;         // an HPO onset term id, or empty
  std::string frequency;     // "HP:0040281", "1/2", "17%", or empty
  std::string sex;           // "MALE", "FEMALE" or empty
  std::string modifier;      // HPO clinical modifier ids, ';'-separated
  char aspect = 'P';         // P phenotype, I inheritance, C course, M modifier, H history
  std::string biocuration;   // "HPO:probinson[2021-06-21]": who curated it, when
  bool operator==(const Annotation&) const = default;
};

struct AnnotationRecords {
  std::string version;      // "#version:" header, "2025-05-06"
  std::string hpo_version;  // the ontology release the file was made against, if stated
  std::string source;       // file name
  std::vector<Annotation> rows;
};

// A frequency as a probability in [0, 1]: HPO frequency terms map to the
// midpoint of the range HPO defines for them, "n/m" to n/m, "p%" to p/100.
// Empty or unreadable text gives nothing (the caller picks a default).
std::optional<double> frequency_value(std::string_view frequency);

// --- The graph. ------------------------------------------------------------

using TermIndex = std::uint32_t;

struct Term {
  std::string id;
  std::string label;
  std::string definition;
  std::vector<Synonym> synonyms;
  std::vector<std::string> xrefs;
};

// Built once from records; never changes afterwards, so any number of
// threads may read it. Obsolete terms are not in the graph, but their ids
// (and every alternative id) still resolve through find().
class Ontology {
 public:
  // Throws std::invalid_argument naming the term when a parent is unknown or
  // the is_a edges form a cycle.
  static Ontology build(const OntologyRecords& records);

  std::size_t size() const { return terms_.size(); }
  const Term& term(TermIndex t) const { return terms_[t]; }
  const std::string& version() const { return version_; }

  // A current term for an id: its own, an alternative id, or an obsolete id
  // with a replacement. Nothing for an unknown id.
  std::optional<TermIndex> find(std::string_view id) const;

  std::span<const TermIndex> parents(TermIndex t) const;
  std::span<const TermIndex> children(TermIndex t) const;
  // The term and every term above it, sorted by index.
  std::span<const TermIndex> ancestors(TermIndex t) const;
  bool is_ancestor_or_self(TermIndex ancestor, TermIndex t) const;
  // Terms with no parent (HP:0000001 for HPO).
  std::span<const TermIndex> roots() const { return roots_; }
  // Every term, parents before children.
  std::span<const TermIndex> topological_order() const { return topo_; }

 private:
  std::string version_;
  std::vector<Term> terms_;
  std::unordered_map<std::string, TermIndex> by_id_;  // ids, alt ids, replaced obsolete ids
  // Compressed adjacency: edges of t are [offset[t], offset[t+1]).
  std::vector<std::uint32_t> parent_offset_, child_offset_, ancestor_offset_;
  std::vector<TermIndex> parent_edges_, child_edges_, ancestor_edges_;
  std::vector<TermIndex> roots_, topo_;
};

}  // namespace symptomdb::ontology
