// Which code system an Infobutton request names (mainSearchCriteria.v.cs),
// and what a code of it looks like. The systems and their identifiers are
// the table src/infobutton/data/code_systems.tsv.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace symptomdb::infobutton {

// The code systems symptomdb can look codes up in; `none` for a system it
// recognises (ICD-10-CM, RxNorm...) or does not know, but holds no codes of.
enum class Lookup { umls, snomed_ct, hpo, omim, orphanet, none };

struct CodeSystem {
  Lookup lookup = Lookup::none;
  std::string name;  // "SNOMED CT"; for an unknown system, the identifier as given
  std::string oid;   // the HL7 OID, or the identifier as given when unknown
  bool known = false;
  bool supported() const { return lookup != Lookup::none; }
};

// Recognises an OID ("2.16.840.1.113883.6.96", also as "urn:oid:..."), a
// FHIR canonical URI ("http://snomed.info/sct") or a short name ("SNOMEDCT").
// Any other well-formed identifier gives an unknown, unsupported system;
// nullopt when `cs` is not an identifier at all (empty, spaces, control
// characters, over 200 characters).
std::optional<CodeSystem> identify(std::string_view cs);

// The code in the form the data writes it: "C0020538" (UMLS), "38341003"
// (SNOMED CT), "HP:0000822", "OMIM:154700", "ORPHA:558". Accepts the usual
// variants ("c0020538", "HP_0000822", "0000822", "154700", "Orphanet_558").
// nullopt when the code cannot be one of the system's.
std::optional<std::string> normalise_code(Lookup system, std::string_view code);

// What a code of the system looks like, for error messages.
std::string_view code_shape(Lookup system);

}  // namespace symptomdb::infobutton
