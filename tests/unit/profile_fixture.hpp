// Knowledge-base entries for the condition-profile tests, and where a profile
// ranks. An entry is an article with a symptom text (a profile) or without
// (a name only, as MedQuAD's A.D.A.M. entries are). The texts the tests pass
// are test data, not medical statements.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checker/conditions.hpp"
#include "core/article.hpp"

namespace symptomdb::testing {

struct EntryNames {
  std::vector<std::string> synonyms;
  std::vector<std::string> cuis;
};

inline Article condition_entry(std::string slug, std::string name, std::string symptoms,
                               std::string collection, EntryNames names = {}) {
  Article a;
  a.slug = std::move(slug);
  a.title = name;
  a.condition.name = std::move(name);
  a.condition.synonyms = std::move(names.synonyms);
  a.condition.cuis = std::move(names.cuis);
  a.collection = std::move(collection);
  a.license = "test";
  if (!symptoms.empty()) {
    Section s;
    s.type = SectionType::symptoms;
    s.intro = std::move(symptoms);
    a.sections.push_back(std::move(s));
  }
  return a;
}

// A symptom text followed by the same filler for every entry, so that each
// test profile has enough text to be built and none differs from another by
// it.
inline std::string with_filler(std::string symptoms) {
  return std::move(symptoms) +
         " The problem may last for several weeks and may return later in life. Doctors "
         "look at the history and examine the person before deciding on treatment.";
}

// The model with the rule of how much of a text is about the finding off
// (ProfileParameters::about_weight): for the tests of other rules, whose
// made-up texts are a few sentences long, so that one word is in half of a
// text's sentences and that rule would decide every one-finding query.
inline checker::ConditionModel without_about(checker::ConditionModel m) {
  auto p = m.parameters();
  p.about_weight = 0;
  m.set_query_parameters(p);
  return m;
}

// Where the profile called `name` ranks for `q`: 1 for first, 0 when it is
// not ranked at all.
inline std::size_t rank_of(const checker::ConditionModel& m, const checker::ProfileQuery& q,
                           std::string_view name) {
  const auto ranked = m.rank(q);
  for (std::size_t i = 0; i < ranked.size(); ++i)
    if (m.profile(ranked[i].profile).name == name) return i + 1;
  return 0;
}

}  // namespace symptomdb::testing
