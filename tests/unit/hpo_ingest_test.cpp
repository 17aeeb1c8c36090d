// The HPO parsers: obographs JSON and OBO give the same records for the same
// content (tests/fixtures/hpo/mini.{json,obo}); phenotype.hpoa rows keep
// every field; malformed input names file and line.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.hpp"
#include "ingest/hpo_json.hpp"
#include "ingest/hpo_obo.hpp"
#include "ingest/hpoa.hpp"
#include "support/temp_dir.hpp"

namespace symptomdb::ingest {
namespace {

using ontology::SynonymScope;

std::string fixture(const std::string& name) {
  return test::read_file(test::source_dir() / "tests/fixtures/hpo" / name);
}

const ontology::TermRecord& find_term(const ontology::OntologyRecords& r, std::string_view id) {
  auto it = std::find_if(r.terms.begin(), r.terms.end(), [&](const auto& t) { return t.id == id; });
  if (it == r.terms.end()) throw std::runtime_error("no term " + std::string(id));
  return *it;
}

// "file:line: ..." for a ParseError thrown by f, or "" when nothing was thrown.
template <typename F>
std::string parse_error(F&& f) {
  try {
    f();
  } catch (const ParseError& e) {
    return e.what();
  }
  return "";
}

TEST(HpoObo, ReadsTermsFromTheMiniFixture) {
  const auto r = parse_obo(fixture("mini.obo"), "mini.obo");
  EXPECT_EQ(r.version, "2026-01-08");
  EXPECT_EQ(r.source, "mini.obo");
  ASSERT_EQ(r.terms.size(), 16u);  // UBERON:0001630 and the [Typedef] are not HPO terms
  EXPECT_EQ(r.terms.front().id, "HP:0000001");
  EXPECT_EQ(r.terms.front().comment, "Root of all terms in the Human Phenotype Ontology.");

  const auto& atrophy = find_term(r, "HP:0003202");
  EXPECT_EQ(atrophy.label, "Skeletal muscle atrophy");
  EXPECT_EQ(atrophy.definition,
            "The presence of skeletal muscular atrophy (which is also known as amyotrophy).");
  EXPECT_EQ(atrophy.alt_ids, (std::vector<std::string>{"HP:0001299", "HP:0003545"}));
  EXPECT_EQ(atrophy.xrefs,
            (std::vector<std::string>{"SNOMEDCT_US:74035001", "UMLS:C0234958", "UMLS:C0541794"}));
  EXPECT_EQ(atrophy.parents, std::vector<std::string>{"HP:0003011"});
  ASSERT_EQ(atrophy.synonyms.size(), 4u);
  EXPECT_EQ(atrophy.synonyms[2], (ontology::Synonym{"Muscle wasting", SynonymScope::exact, true}));
  EXPECT_EQ(atrophy.synonyms[0], (ontology::Synonym{"Amyotrophy", SynonymScope::exact, false}));

  const auto& weakness = find_term(r, "HP:0001324");
  EXPECT_EQ(weakness.comment, "Weakness is \"reduced strength\"; see also fatigue.");
  EXPECT_EQ(weakness.synonyms[1], (ontology::Synonym{"Weakness", SynonymScope::broad, true}));
  EXPECT_EQ(find_term(r, "HP:0001250").synonyms[2].scope, SynonymScope::related);
  // A synonym type other than layperson is not layperson.
  EXPECT_FALSE(find_term(r, "HP:0001250").synonyms[3].layperson);
  EXPECT_EQ(find_term(r, "HP:0001252").synonyms[2].scope, SynonymScope::narrow);
  EXPECT_EQ(find_term(r, "HP:0001252").parents,
            (std::vector<std::string>{"HP:0003011", "HP:0012638"}));

  const auto& old = find_term(r, "HP:0001425");
  EXPECT_TRUE(old.obsolete);
  EXPECT_EQ(old.replaced_by, "HP:0000005");
  EXPECT_TRUE(find_term(r, "HP:0003743").obsolete);
  EXPECT_EQ(find_term(r, "HP:0003743").replaced_by, "");
  EXPECT_FALSE(atrophy.obsolete);
}

TEST(HpoJson, GivesTheSameRecordsAsOboForTheSameContent) {
  const auto obo = parse_obo(fixture("mini.obo"), "mini.obo");
  const auto json = parse_obographs_json(fixture("mini.json"), "mini.json");
  EXPECT_EQ(json.version, obo.version);
  EXPECT_EQ(json.source, "mini.json");
  ASSERT_EQ(json.terms.size(), obo.terms.size());
  for (std::size_t i = 0; i < obo.terms.size(); ++i) {
    SCOPED_TRACE(obo.terms[i].id);
    EXPECT_EQ(json.terms[i], obo.terms[i]);
  }
}

TEST(HpoJson, VersionFallsBackToTheVersionIri) {
  const auto r = parse_obographs_json(
      R"({"graphs":[{"id":"http://purl.obolibrary.org/obo/hp.json",
          "meta":{"version":"http://purl.obolibrary.org/obo/hp/releases/2024-04-26/hp.json"},
          "nodes":[{"id":"http://purl.obolibrary.org/obo/HP_0000001","lbl":"All","type":"CLASS"}],
          "edges":[]}]})",
      "v.json");
  EXPECT_EQ(r.version, "2024-04-26");
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(r.terms[0].id, "HP:0000001");
}

TEST(HpoJson, SyntaxErrorNamesTheLine) {
  const auto what = parse_error([] {
    parse_obographs_json("{\n  \"graphs\": [\n    {\"id\": \"x\",,}\n  ]\n}\n", "bad.json");
  });
  EXPECT_TRUE(what.starts_with("bad.json:3: ")) << what;
}

TEST(HpoJson, NotAnObographsDocument) {
  EXPECT_TRUE(parse_error([] { parse_obographs_json("[1, 2]", "a.json"); }).starts_with("a.json:"));
  EXPECT_NE(parse_error([] { parse_obographs_json(R"({"graphs": {}})", "a.json"); }), "");
}

TEST(HpoJson, WrongShapedNodeNamesItsLine) {
  const auto what = parse_error([] {
    parse_obographs_json(R"({"graphs":[{"nodes":[
{"id":"http://purl.obolibrary.org/obo/HP_0000001","type":"CLASS","lbl":"All"},
{"id":"http://purl.obolibrary.org/obo/HP_0000002","type":"CLASS","lbl":7}]}]})",
                         "n.json");
  });
  EXPECT_TRUE(what.starts_with("n.json:3: ")) << what;
  EXPECT_NE(what.find("lbl"), std::string::npos) << what;
}

TEST(HpoObo, MalformedLinesNameFileAndLine) {
  EXPECT_TRUE(parse_error([] {
                parse_obo("format-version: 1.2\n\n[Term]\nid: HP:1\ndef: \"unterminated [x]\n",
                          "u.obo");
              }).starts_with("u.obo:5: "));
  EXPECT_TRUE(parse_error([] {
                parse_obo("[Term]\nid: HP:1\nsynonym: \"x\" SIDEWAYS []\n", "s.obo");
              }).starts_with("s.obo:3: "));
  EXPECT_TRUE(parse_error([] {
                parse_obo("[Term]\nid: HP:1\nno colon here\n", "c.obo");
              }).starts_with("c.obo:3: "));
  EXPECT_TRUE(parse_error([] {
                parse_obo("[Term]\nname: nameless\n\n[Term]\nid: HP:2\n", "i.obo");
              }).starts_with("i.obo:1: "));
  EXPECT_TRUE(parse_error([] {
                parse_obo("[Term]\nid: HP:1\nis_obsolete: maybe\n", "o.obo");
              }).starts_with("o.obo:3: "));
}

TEST(HpoObo, EscapesCommentsAndModifiers) {
  const auto r = parse_obo(
      "ontology: hp\n[Term]\nid: HP:0000001 ! the root\nname: A \\! B ! comment\n"
      "def: \"Say \\\"hi\\\"\\nthen go\" [PMID:1] {source=\"x\"}\n"
      "is_a: HP:0000002 {source=\"PMID:1\"} ! parent\n",
      "e.obo");
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(r.terms[0].id, "HP:0000001");
  EXPECT_EQ(r.terms[0].label, "A ! B");
  EXPECT_EQ(r.terms[0].definition, "Say \"hi\"\nthen go");
  EXPECT_EQ(r.terms[0].parents, std::vector<std::string>{"HP:0000002"});
}

TEST(Hpoa, ReadsEveryFieldOfTheMiniFixture) {
  const auto r = parse_hpoa(fixture("mini.hpoa"), "mini.hpoa");
  EXPECT_EQ(r.version, "2025-05-06");
  EXPECT_EQ(r.hpo_version, "2025-05-06");
  EXPECT_EQ(r.source, "mini.hpoa");
  ASSERT_EQ(r.rows.size(), 11u);
  const ontology::Annotation first{.disease_id = "OMIM:619340",
                                   .disease_name = "Developmental and epileptic encephalopathy 96",
                                   .negated = false,
                                   .term_id = "HP:0001250",
                                   .reference = "PMID:31675180",
                                   .evidence = "PCS",
                                   .onset = "",
                                   .frequency = "1/2",
                                   .sex = "",
                                   .modifier = "",
                                   .aspect = 'P',
                                   .biocuration = "HPO:probinson[2021-06-21]"};
  EXPECT_EQ(r.rows[0], first);
  EXPECT_EQ(r.rows[1].onset, "HP:0003577");
  EXPECT_EQ(r.rows[1].frequency, "HP:0040281");
  EXPECT_TRUE(r.rows[2].negated);
  EXPECT_EQ(r.rows[3].aspect, 'I');
  EXPECT_EQ(r.rows[3].reference, "PMID:31675180;OMIM:619340");
  EXPECT_EQ(r.rows[4].sex, "MALE");
  EXPECT_EQ(r.rows[4].modifier, "HP:0012825");
  EXPECT_EQ(r.rows[7].frequency, "24.3%");
  EXPECT_EQ(r.rows[7].sex, "FEMALE");
  EXPECT_EQ(r.rows[10].aspect, 'C');
  EXPECT_EQ(std::count_if(r.rows.begin(), r.rows.end(), [](auto& a) { return a.negated; }), 1);
}

TEST(Hpoa, MalformedFixturesNameFileAndLine) {
  struct Case {
    const char* file;
    int line;
    const char* words;
  };
  for (const auto& c : {Case{"bad_columns.hpoa", 8, "columns"}, Case{"no_header.hpoa", 5, "header"},
                        Case{"bad_frequency.hpoa", 7, "frequency \"3/2\""},
                        Case{"bad_aspect.hpoa", 9, "aspect \"X\""},
                        Case{"bad_hpo_id.hpoa", 6, "hpo_id \"HP:1250\""}}) {
    SCOPED_TRACE(c.file);
    try {
      parse_hpoa(fixture(c.file), c.file);
      ADD_FAILURE() << "no ParseError";
    } catch (const ParseError& e) {
      EXPECT_EQ(e.file(), c.file);
      EXPECT_EQ(e.line(), c.line) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.words), std::string::npos) << e.what();
    }
  }
}

std::string row(std::string db, std::string qual, std::string term, std::string freq,
                std::string sex, std::string aspect) {
  return db + "\tname\t" + qual + "\t" + term + "\tPMID:1\tPCS\t\t" + freq + "\t" + sex + "\t\t" +
         aspect + "\tHPO:x[2020-01-01]\n";
}

TEST(Hpoa, EachFieldIsChecked) {
  const std::string head =
      "#version: 1\ndatabase_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\t"
      "frequency\tsex\tmodifier\taspect\tbiocuration\n";
  auto error_for = [&](const std::string& r) {
    return parse_error(
        [&] { parse_hpoa(head + row("OMIM:1", "", "HP:0000001", "", "", "P") + r, "x.hpoa"); });
  };
  EXPECT_EQ(error_for(row("OMIM:2", "", "HP:0000002", "1/3", "male", "I")), "");
  EXPECT_TRUE(error_for(row("OMIM", "", "HP:0000002", "", "", "P")).starts_with("x.hpoa:4: "));
  EXPECT_NE(error_for(row("OMIM 1:2", "", "HP:0000002", "", "", "P")).find("database_id"),
            std::string::npos);
  EXPECT_NE(error_for(row("OMIM:2", "not", "HP:0000002", "", "", "P")).find("qualifier"),
            std::string::npos);
  EXPECT_NE(error_for(row("OMIM:2", "", "HP:000000x", "", "", "P")).find("hpo_id"),
            std::string::npos);
  EXPECT_NE(error_for(row("OMIM:2", "", "MP:0000002", "", "", "P")).find("hpo_id"),
            std::string::npos);
  EXPECT_NE(error_for(row("OMIM:2", "", "HP:0000002", "often", "", "P")).find("frequency"),
            std::string::npos);
  EXPECT_NE(error_for(row("OMIM:2", "", "HP:0000002", "", "other", "P")).find("sex"),
            std::string::npos);
  EXPECT_NE(error_for(row("OMIM:2", "", "HP:0000002", "", "", "PI")).find("aspect"),
            std::string::npos);
  EXPECT_NE(error_for(row("OMIM:2", "", "HP:0000002", "", "", "")).find("aspect"),
            std::string::npos);
  EXPECT_NE(error_for("OMIM:2\ttoo\tmany\tcolumns\t\t\t\t\t\t\t\t\t\n").find("found 13"),
            std::string::npos);
}

TEST(Hpoa, HeaderRowIsRequiredEvenWithoutRows) {
  EXPECT_TRUE(parse_error([] { parse_hpoa("#version: 1\n", "e.hpoa"); }).starts_with("e.hpoa:1: "));
  EXPECT_TRUE(parse_error([] { parse_hpoa("", "e.hpoa"); }).starts_with("e.hpoa:"));
}

}  // namespace
}  // namespace symptomdb::ingest
