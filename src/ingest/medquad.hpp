// Importer for MedQuAD (Ben Abacha & Demner-Fushman, 2019; CC BY 4.0):
// 11,274 XML documents from 12 NIH collections, each a focus (a condition,
// drug or other topic) with question-answer pairs.
//
// Each document becomes an article; each answered pair becomes a section of
// the matching type with its own provenance (collection, document, pair,
// URL); pairs whose answers the publisher removed are kept as open
// questions. Documents about the same focus in several collections share one
// condition: the same name, a page about it ("Stroke - discharge"), a synonym
// listing, or a shared UMLS CUI where the names agree (see group_documents).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/article.hpp"

namespace symptomdb::ingest {

struct MedquadImport {
  std::vector<Article> articles;
  std::size_t documents = 0;
  std::size_t answered_pairs = 0;
  std::size_t open_pairs = 0;
  std::size_t conditions = 0;
  std::map<std::string, std::size_t> documents_by_collection;
  std::vector<std::string> skipped;  // "FILE: reason" for documents left out
};

// Our section type for a MedQuAD qtype ("exams and tests" -> exams_and_tests).
SectionType section_type_for_qtype(std::string_view qtype);

// The institute that published a collection, shown as the answers' author.
std::string publisher_of(std::string_view collection);

// Turns MedQuAD's flattened answer text into Markdown: list items and
// paragraphs that were run together with spaces get their line breaks back,
// and characters Markdown would treat as markup are escaped.
std::string medquad_answer_markdown(std::string_view answer);

// How a condition's sources write the words of its name in running text,
// learnt from their answers: MedQuAD title-cases every focus ("Gout",
// "Kidney Stones"), but a heading reads naturally only with the name as the
// text writes it ("What is gout?", "What are kidney stones?").
class FocusCase {
 public:
  explicit FocusCase(std::string_view text);
  // The focus with each title-cased word lower-cased when the text mostly
  // writes it so mid-sentence; names ("Parkinson's", "HIV") stay.
  std::string in_text(std::string_view focus) const;
  // True when the text says "FOCUS are" more often than "FOCUS is".
  bool plural(std::string_view focus) const;

 private:
  std::string text_;                                            // lower-cased
  std::unordered_map<std::string, std::pair<int, int>> votes_;  // word -> (lower, capitalised)
};

// A MedQuAD question rewritten from its template into plain English:
// "What is (are) Gout ?" -> "What is gout?", "Who is at risk for Gout? ?" ->
// "Who is at risk for gout?", "How to diagnose Gout ?" -> "How is gout
// diagnosed?". Questions that follow no known template keep their words,
// with the spacing and doubled question marks fixed.
std::string natural_question(std::string_view question, std::string_view focus,
                             const FocusCase& words);

// Reads every .xml file below `dir`. Throws ParseError naming the file and
// line of the first malformed document; nothing is returned half-read.
// `progress(done, total)` is called as files are parsed.
MedquadImport read_medquad(const std::filesystem::path& dir,
                           const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace symptomdb::ingest
