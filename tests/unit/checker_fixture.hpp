// A small ontology shaped like a corner of HPO (ids and labels as HPO has
// them) and a handful of made-up diseases over it, for the checker and
// interpreter tests. The diseases are test data, not medical statements.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ontology/ontology.hpp"

namespace symptomdb::testing {

// One term of a test ontology.
inline ontology::TermRecord term(std::string id, std::string label,
                                 std::vector<std::string> parents,
                                 std::vector<ontology::Synonym> synonyms = {}) {
  ontology::TermRecord t;
  t.id = std::move(id);
  t.label = std::move(label);
  t.parents = std::move(parents);
  t.synonyms = std::move(synonyms);
  return t;
}

inline ontology::OntologyRecords checker_ontology_records() {
  using ontology::SynonymScope;
  ontology::OntologyRecords r;
  r.version = "test";
  r.terms = {
      term("HP:0000001", "All", {}),
      term("HP:0000118", "Phenotypic abnormality", {"HP:0000001"}),
      term("HP:0003011", "Abnormality of the musculature", {"HP:0000118"}),
      term("HP:0003202", "Skeletal muscle atrophy", {"HP:0003011"},
           {{"Muscle wasting", SynonymScope::exact, true},
            {"Muscular atrophy", SynonymScope::exact, false}}),
      term("HP:0002380", "Fasciculations", {"HP:0003011"},
           {{"Muscle twitch", SynonymScope::exact, true},
            {"Fasciculation", SynonymScope::exact, false}}),
      term("HP:0010546", "Muscle fibrillation", {"HP:0003011"},
           {{"Twitching", SynonymScope::related, true}}),
      term("HP:0003394", "Muscle spasm", {"HP:0003011"},
           {{"Muscle cramps", SynonymScope::exact, false}}),
      term("HP:0000707", "Abnormality of the nervous system", {"HP:0000118"}),
      term("HP:0001250", "Seizure", {"HP:0000707"}, {{"Seizures", SynonymScope::exact, true}}),
      term("HP:0007359", "Focal-onset seizure", {"HP:0001250"}),
      term("HP:0002197", "Generalized-onset seizure", {"HP:0001250"}),
      term("HP:0001251", "Ataxia", {"HP:0000707"}),
      term("HP:0003401", "Paresthesia", {"HP:0000707"}, {{"Tingling", SynonymScope::exact, true}}),
      term("HP:0000005", "Mode of inheritance", {"HP:0000001"}),
      term("HP:0000006", "Autosomal dominant inheritance", {"HP:0000005"}),
      term("HP:0040279", "Frequency", {"HP:0000001"}),
      term("HP:0040282", "Frequent", {"HP:0040279"}),
  };
  r.terms[4].alt_ids = {"HP:0002468"};
  ontology::TermRecord gone = term("HP:0009999", "obsolete Unsteadiness", {});
  gone.obsolete = true;
  gone.replaced_by = "HP:0001251";
  r.terms.push_back(gone);
  return r;
}

inline ontology::AnnotationRecords checker_annotations() {
  ontology::AnnotationRecords r;
  r.version = "2025-05-06";
  auto row = [&](std::string disease, std::string term, std::string frequency = "",
                 std::string sex = "", bool negated = false, char aspect = 'P') {
    ontology::Annotation a;
    a.disease_id = disease;
    a.disease_name = "Disease " + disease;
    a.term_id = std::move(term);
    a.frequency = std::move(frequency);
    a.sex = std::move(sex);
    a.negated = negated;
    a.aspect = aspect;
    r.rows.push_back(std::move(a));
  };
  row("OMIM:1", "HP:0003202", "HP:0040281");
  row("OMIM:1", "HP:0002380", "1/1");
  row("OMIM:1", "HP:0001251", "10%");
  row("OMIM:1", "HP:0000006", "", "", false, 'I');
  row("OMIM:2", "HP:0007359", "100%");
  row("OMIM:2", "HP:0001251", "1/2");
  row("OMIM:3", "HP:0001250");
  row("OMIM:3", "HP:0003394", "1/3");
  row("OMIM:4", "HP:0002197", "9/10");
  row("OMIM:4", "HP:0003202", "1/20");
  row("OMIM:4", "HP:0001251", "", "", true);
  row("ORPHA:5", "HP:0001251", "HP:0040281", "FEMALE");
  row("ORPHA:5", "HP:0003394", "HP:0040281", "FEMALE");
  row("OMIM:6", "HP:0002468", "1/1");  // alternative id of Fasciculations
  row("OMIM:6", "HP:0009999", "1/1");  // obsolete, replaced by Ataxia
  row("OMIM:6", "HP:9999999");         // unknown: dropped and counted
  return r;
}

inline std::shared_ptr<const ontology::Ontology> checker_ontology() {
  return std::make_shared<const ontology::Ontology>(
      ontology::Ontology::build(checker_ontology_records()));
}

}  // namespace symptomdb::testing
