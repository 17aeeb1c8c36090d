// The names a condition profile answers to. The knowledge base names one
// condition many ways: MedQuAD's collections each have their own focus name
// ("COPD", "Chronic obstructive pulmonary disease"), synonym lists, UMLS
// CUIs, "A (B)" and "A: B" titles; and many entries (A.D.A.M.'s, whose
// answers the publisher removed) are a name with no text at all. Those names
// still belong to a condition the knowledge base does describe, so a name is
// resolved to profiles in three strict steps, the first that finds one wins:
//
// 1. own: a name or synonym of a profiled condition, compared as a set of
//    stemmed words ("Renal failure - acute" is "Acute renal failure");
// 2. same condition: an entry without text whose sources tie it to a
//    profiled condition, by identical UMLS CUIs or by another of its names
//    being that condition's own ("Allergic rhinitis", also called "Hay
//    fever", is the "Hay Fever" article);
//    Either way, the other profiles the sources say are the same condition
//    as a profile found (one lists the other's main name as a synonym, or
//    their CUIs are identical) are found with it: two entries of one
//    condition each got a profile of their own;
// 3. narrower: the most specific profiled condition whose name's words are
//    all words of this name and whose own text uses this name ("acute
//    pancreatitis" within the "Pancreatitis" article), so the answer can say
//    which article it comes from.
//
// A "non"/"not" qualifier stays with its word, so "Non allergic rhinitis"
// never meets "Allergic rhinitis". The same function serves the server
// (the names shown with each profile) and the vignette bench (which profile
// a diagnosis is), so the bench measures what the site does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/snapshot.hpp"
#include "text/analyzer.hpp"

namespace symptomdb::checker {

class ConditionModel;

enum class NameLink : std::uint8_t { own, same_condition, narrower };
std::string_view to_string(NameLink link);

struct NameMatch {
  std::size_t profile = 0;
  NameLink link = NameLink::own;
  std::string via;  // the knowledge-base name that made the link
};

// A name from elsewhere in the knowledge base that resolves to a profile.
struct CoveredName {
  std::string name;
  NameLink link = NameLink::same_condition;
};

// The identity of a condition name: its stemmed content words, sorted and
// joined by spaces; "non"/"not" is kept glued to the word it negates.
std::string name_identity(std::string_view name, text::Analyzer& analyzer);
// The forms a source's title gives a name: "Kidney Infection
// (Pyelonephritis)" -> itself, "Kidney Infection", "Pyelonephritis";
// "Pyelonephritis: Kidney Infection" -> itself, "Pyelonephritis"; "Gum
// (Periodontal) Disease" -> itself, "Gum Disease".
std::vector<std::string> name_forms(std::string_view name);

// The names of a knowledge-base entry: its own and its synonyms, in every
// form their titles give, without the synonyms HPO names as findings of it.
std::vector<std::string> condition_names(const ConditionEntry& entry);

class ConditionNames {
 public:
  ConditionNames() = default;
  // After the model's profiles and postings are built; returns, per
  // profile, the names that reach it from entries without text.
  static ConditionNames build(const Snapshot& snapshot, const ConditionModel& model,
                              std::vector<std::vector<CoveredName>>& covered);
  std::vector<NameMatch> resolve(std::string_view name, const ConditionModel& model) const;

 private:
  struct Name {
    std::vector<std::string> words;  // sorted, unique
    std::uint32_t profile;
  };
  std::vector<NameMatch> narrower(std::string_view name, const std::vector<std::string>& words,
                                  const ConditionModel& model) const;

  std::unordered_map<std::string, std::vector<std::uint32_t>> own_;
  // Per profile, the other profiles the sources say are the same condition
  // under another entry: one lists the other's main name among its
  // synonyms ("Chronic bronchitis", also called "COPD", and the "COPD"
  // topic), their UMLS CUIs are identical, or its title joins names of the
  // other with "and" ("Adrenal Insufficiency and Addison's Disease"). A name
  // that resolves to a profile resolves to these too.
  std::vector<std::vector<NameMatch>> alike_;
  std::unordered_map<std::string, std::vector<NameMatch>> same_;
  std::vector<Name> names_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_word_;  // word -> names_
};

}  // namespace symptomdb::checker
