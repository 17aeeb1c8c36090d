// The domain model: an article answers one consumer question about one
// condition, in typed sections made of items. Plain value types with no I/O,
// shared by importers, the store, the engines and the pages.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/section_type.hpp"

namespace symptomdb {

// One unit of content inside a section: a cause, a treatment option...
// `heading` is empty when the source had none (the seed drops two of them);
// the text is still placed in the right section.
struct Item {
  std::string heading;
  std::string text;  // Markdown source (plain paragraphs for imported text)

  bool operator==(const Item&) const = default;
};

// Where one section came from, when that differs section by section: each
// MedQuAD question-answer pair is its own section with its own source.
struct SectionSource {
  std::string collection;  // as the dataset names it: "NINDS", "GHR", ...
  std::string document;    // document id within the collection
  std::string pair;        // QA pair id (pid)
  std::string url;
  bool empty() const { return collection.empty() && document.empty() && url.empty(); }
  bool operator==(const SectionSource&) const = default;
};

struct Section {
  SectionType type = SectionType::other;
  std::string heading;  // as written; empty when the source gave none
  std::string intro;    // paragraphs before the first item
  std::vector<Item> items;
  std::string original_type;  // the source's own type ("exams and tests"), if any
  SectionSource source;

  // The heading to show: the source's own, or the type's label.
  std::string display_heading() const;
  bool operator==(const Section&) const = default;
};

struct Author {
  std::string name;
  std::string credential;   // "MD", "RN", ... as the byline gives it
  std::string affiliation;  // "Urgent Care Center of Arlington, VA"

  std::string slug() const;
  bool empty() const { return name.empty(); }
  bool operator==(const Author&) const = default;
};

// Who medically reviewed an article: set when an editor with a clinical
// credential approves it, shown as "Medically reviewed by NAME, CREDENTIAL".
struct Reviewer {
  std::string name;
  std::string credential;
  bool empty() const { return name.empty(); }
  bool operator==(const Reviewer&) const = default;
};

struct SourceRef {
  std::string title;
  std::string url;
  bool operator==(const SourceRef&) const = default;
};

struct Condition {
  std::string name;
  std::vector<std::string> synonyms;
  std::string kind = "disease";   // disease, drug, other (MedQuAD's focus category)
  std::vector<std::string> cuis;  // UMLS concept ids, where the source gives them
  // UMLS semantic types of the focus ("T047" disease or syndrome, "T184"
  // sign or symptom, "T061" procedure...) and its semantic group
  // ("Disorders"), where the source annotates them (MedQuAD): what kind of
  // thing the article is about, which the symptom checker reads to tell a
  // disorder from a symptom, a drug or a procedure. Empty: not annotated.
  std::vector<std::string> semantic_types;
  std::string semantic_group;

  // Identity across sources: condition_key(name), so "Parkinson's Disease"
  // from one collection and "Parkinson disease" from another are one condition.
  std::string slug() const;
  bool operator==(const Condition&) const = default;
};

// Where an article came from, kept from the importer to the page.
struct Provenance {
  std::string format;       // "seed-text", "markdown"
  std::string source_file;  // file name as given to the importer
  std::string imported_at;  // ISO 8601 UTC, set by the store on write
  bool operator==(const Provenance&) const = default;
};

// A question a source asks about the condition but does not answer (MedQuAD
// subsets whose answers were removed by their publisher). Kept as metadata,
// never shown as an answer.
struct OpenQuestion {
  std::string pair;
  std::string qtype;
  std::string text;
  bool operator==(const OpenQuestion&) const = default;
};

struct Article {
  std::string slug;
  std::string title;  // the question
  Condition condition;
  std::string site;  // publisher line of the source page, if any
  std::string introduction;
  std::vector<Section> sections;
  Author author;
  std::string reviewed_on;  // YYYY-MM-DD or empty
  Reviewer reviewed_by;     // empty unless a credentialed reviewer approved it
  // Everyone who wrote a revision of it in the editorial workflow (display
  // names, in order of their first revision); empty for imported articles.
  std::vector<std::string> contributors;
  std::string license;
  bool sample = false;  // bundled demo content, marked as such on every page
  std::vector<SourceRef> sources;
  Provenance provenance;
  // Document-level origin for imported datasets (MedQuAD): collection,
  // document id and the page the text was taken from.
  std::string collection;
  std::string document_id;
  std::string url;
  std::vector<OpenQuestion> open_questions;

  // First section of the given type, or nullptr.
  const Section* find_section(SectionType type) const;
  // The conclusion's text (intro and items joined), empty when there is none.
  std::string conclusion_text() const;
  bool operator==(const Article&) const = default;
};

// Element ids for an article's section and item headings, unique within the
// article; pages use them as anchors and answers link to them.
struct ArticleAnchors {
  std::vector<std::string> sections;
  std::vector<std::vector<std::string>> items;  // empty string for headless items
};
ArticleAnchors anchors_of(const Article& article);

// Copies onto `edited` what the Markdown format does not hold but `live`
// (the published copy it was edited from) has: an imported dataset's
// document origin, open questions, the condition's kind and UMLS CUIs (when
// it is still the same condition) and each section's source, matched by type
// and heading. Editing an imported article then loses none of it.
void keep_source_metadata(const Article& live, Article& edited);

// True for a calendar date written YYYY-MM-DD (month 1-12, day 1-31).
bool is_iso_date(std::string_view text);

// Checks invariants every stored article must meet; returns a message for the
// first one broken, or an empty string. Importers call it before writing.
std::string validate(const Article& article);

}  // namespace symptomdb
