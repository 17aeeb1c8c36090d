// Code-system identification and code normalisation for the Infobutton
// endpoint (src/infobutton/code_system.*): what EHRs actually send in
// mainSearchCriteria.v.cs and .v.c.
#include <gtest/gtest.h>

#include "infobutton/code_system.hpp"

namespace symptomdb::infobutton {
namespace {

TEST(InfobuttonCodeSystem, RecognisesOidsUriAndShortNames) {
  struct Case {
    const char* cs;
    Lookup lookup;
    const char* name;
  };
  for (const auto& c : std::vector<Case>{
           {"2.16.840.1.113883.6.96", Lookup::snomed_ct, "SNOMED CT"},
           {"urn:oid:2.16.840.1.113883.6.96", Lookup::snomed_ct, "SNOMED CT"},
           {"URN:OID:2.16.840.1.113883.6.96", Lookup::snomed_ct, "SNOMED CT"},
           {"http://snomed.info/sct", Lookup::snomed_ct, "SNOMED CT"},
           {"http://snomed.info/sct/", Lookup::snomed_ct, "SNOMED CT"},
           {"SNOMEDCT", Lookup::snomed_ct, "SNOMED CT"},
           {"2.16.840.1.113883.6.86", Lookup::umls, "UMLS CUI"},
           {"2.16.840.1.113883.6.339", Lookup::hpo, "HPO"},
           {"http://human-phenotype-ontology.org", Lookup::hpo, "HPO"},
           {"2.16.840.1.113883.6.174", Lookup::omim, "OMIM"},
           {"1.3.6.1.4.1.12559.11.10.1.3.1.44.5", Lookup::orphanet, "Orphanet"},
           {"https://www.orpha.net", Lookup::orphanet, "Orphanet"},
           {"2.16.840.1.113883.6.90", Lookup::none, "ICD-10-CM"},
           {"2.16.840.1.113883.6.88", Lookup::none, "RxNorm"},
           {"http://loinc.org", Lookup::none, "LOINC"},
       }) {
    const auto s = identify(c.cs);
    ASSERT_TRUE(s) << c.cs;
    EXPECT_EQ(s->lookup, c.lookup) << c.cs;
    EXPECT_EQ(s->name, c.name) << c.cs;
    EXPECT_TRUE(s->known) << c.cs;
  }
  // The OID is reported in its canonical form whatever was sent.
  EXPECT_EQ(identify("http://snomed.info/sct")->oid, "2.16.840.1.113883.6.96");
}

TEST(InfobuttonCodeSystem, UnknownSystemsAreNamedAsGivenAndMalformedOnesRefused) {
  const auto s = identify("1.2.3.4.5");
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->known);
  EXPECT_FALSE(s->supported());
  EXPECT_EQ(s->name, "1.2.3.4.5");
  // A prefix of a known OID is not that OID.
  EXPECT_FALSE(identify("2.16.840.1.113883.6")->known);
  for (const std::string& bad :
       std::vector<std::string>{"", "two words", "tab\there", std::string(201, '1')})
    EXPECT_FALSE(identify(bad)) << bad;
}

TEST(InfobuttonCodeSystem, CodesAreNormalisedToTheDataForm) {
  EXPECT_EQ(normalise_code(Lookup::umls, "C0020538"), "C0020538");
  EXPECT_EQ(normalise_code(Lookup::umls, "c0020538"), "C0020538");
  EXPECT_EQ(normalise_code(Lookup::umls, "UMLS:C0020538"), "C0020538");
  EXPECT_EQ(normalise_code(Lookup::umls, " C0020538 "), "C0020538");
  EXPECT_EQ(normalise_code(Lookup::snomed_ct, "38341003"), "38341003");
  EXPECT_EQ(normalise_code(Lookup::snomed_ct, "SNOMEDCT_US:38341003"), "38341003");
  EXPECT_EQ(normalise_code(Lookup::hpo, "HP:0000822"), "HP:0000822");
  EXPECT_EQ(normalise_code(Lookup::hpo, "hp_0000822"), "HP:0000822");
  EXPECT_EQ(normalise_code(Lookup::hpo, "0000822"), "HP:0000822");
  EXPECT_EQ(normalise_code(Lookup::omim, "154700"), "OMIM:154700");
  EXPECT_EQ(normalise_code(Lookup::omim, "MIM:154700"), "OMIM:154700");
  EXPECT_EQ(normalise_code(Lookup::orphanet, "558"), "ORPHA:558");
  EXPECT_EQ(normalise_code(Lookup::orphanet, "Orphanet_558"), "ORPHA:558");
  EXPECT_EQ(normalise_code(Lookup::orphanet, "ORPHA:558"), "ORPHA:558");
}

TEST(InfobuttonCodeSystem, CodesThatCannotBeTheSystemsAreRefused) {
  for (const char* c : {"C002053", "C00205388", "X0020538", "C00205a8", ""})
    EXPECT_FALSE(normalise_code(Lookup::umls, c)) << c;
  for (const char* c : {"12345", "0123456", "38341003a", "1234567890123456789"})
    EXPECT_FALSE(normalise_code(Lookup::snomed_ct, c)) << c;
  for (const char* c : {"HP:000082", "HP:00008222", "MP:0000822"})
    EXPECT_FALSE(normalise_code(Lookup::hpo, c)) << c;
  for (const char* c : {"15470", "1547000", "OMIM:abc"})
    EXPECT_FALSE(normalise_code(Lookup::omim, c)) << c;
  for (const char* c : {"0558", "12345678", "ORPHA:"})
    EXPECT_FALSE(normalise_code(Lookup::orphanet, c)) << c;
  // Systems without lookups keep the code as sent (to echo it back).
  EXPECT_EQ(normalise_code(Lookup::none, "E11.9"), "E11.9");
}

}  // namespace
}  // namespace symptomdb::infobutton
