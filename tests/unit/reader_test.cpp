// Issue 14, the parts with no server: MedQuAD question templates in plain
// English, snippets without Markdown, gzip and Accept-Encoding, and telling
// a condition's other names from related ones.
#include <gtest/gtest.h>
#include <zlib.h>

#include "engine/snapshot.hpp"
#include "ingest/medquad.hpp"
#include "web/compress.hpp"
#include "web/pages.hpp"
#include "web/snippet.hpp"

namespace symptomdb {
namespace {

TEST(NaturalQuestion, RewritesTheTemplatesWithTheNameAsTheTextWritesIt) {
  const ingest::FocusCase words(
      "Gout is a common, painful form of arthritis. People with gout have attacks. "
      "Kidney stones are hard. Most kidney stones pass. Parkinson's disease is a disorder; "
      "in Parkinson's disease cells die.");
  using ingest::natural_question;
  EXPECT_EQ(natural_question("What is (are) Gout ?", "Gout", words), "What is gout?");
  EXPECT_EQ(natural_question("Who is at risk for Gout? ?", "Gout", words),
            "Who is at risk for gout?");
  EXPECT_EQ(natural_question("How to diagnose Gout ?", "Gout", words), "How is gout diagnosed?");
  EXPECT_EQ(natural_question("What is (are) Kidney Stones ?", "Kidney Stones", words),
            "What are kidney stones?");
  EXPECT_EQ(natural_question("Is Parkinson's Disease inherited ?", "Parkinson's Disease", words),
            "Is Parkinson's disease inherited?");
  EXPECT_EQ(natural_question("What causes Causes of Diabetes ?", "Causes of Diabetes", words),
            "What causes Diabetes?");
  EXPECT_EQ(natural_question("what research (or clinical trials) is being done for Gout ?", "Gout",
                             words),
            "What research is being done on gout?");
  // No template: the source's words, tidied.
  EXPECT_EQ(natural_question("how common is infection with y. enterocolitica ?", "Yersinia", words),
            "How common is infection with y. enterocolitica?");
  // A name the text never writes in lower case keeps its capitals.
  EXPECT_EQ(natural_question("What causes Stroke ?", "Stroke", words), "What causes Stroke?");
}

TEST(Snippet, DropsMarkdownAndMarksTheMatch) {
  EXPECT_EQ(
      web::plain_snippet("**Things that raise the risk.** Being\\*older\n- a [link](http://x)"),
      "Things that raise the risk. Being*older a link");
  const std::string html = web::highlight_html("Muscles waste <fast>", "muscle wasting");
  EXPECT_EQ(html, "<mark>Muscles</mark> <mark>waste</mark> &lt;fast&gt;");
}

TEST(Gzip, FollowsAcceptEncodingAndRoundTrips) {
  EXPECT_TRUE(web::accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(web::accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(web::accepts_gzip("*"));
  EXPECT_FALSE(web::accepts_gzip(""));
  EXPECT_FALSE(web::accepts_gzip("identity"));
  EXPECT_FALSE(web::accepts_gzip("gzip;q=0, *"));
  EXPECT_FALSE(web::accepts_gzip("br"));
  EXPECT_TRUE(web::compressible_type("text/html; charset=utf-8"));
  EXPECT_TRUE(web::compressible_type("application/json; charset=utf-8"));
  EXPECT_FALSE(web::compressible_type("image/png"));

  std::string text;
  for (int i = 0; i < 200; ++i) text += "Gout is a common, painful form of arthritis. ";
  const std::string gz = web::gzip(text);
  ASSERT_GT(gz.size(), 18u);
  EXPECT_LT(gz.size(), text.size() / 10);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  z_stream z{};
  ASSERT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string back(text.size() + 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  z.next_out = reinterpret_cast<Bytef*>(back.data());
  z.avail_out = static_cast<uInt>(back.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  back.resize(z.total_out);
  inflateEnd(&z);
  EXPECT_EQ(back, text);
}

Article article(std::string slug, std::string name, std::vector<std::string> synonyms,
                bool answered) {
  Article a;
  a.slug = std::move(slug);
  a.title = name;
  a.condition.name = std::move(name);
  a.condition.synonyms = std::move(synonyms);
  if (answered) {
    Section s;
    s.type = SectionType::overview;
    s.heading = "What is it?";
    s.intro = "Text.";
    a.sections.push_back(s);
  } else {
    a.open_questions.push_back({"1", "information", "What is it?"});
  }
  return a;
}

TEST(ConditionNames, FormsAndOtherConditionsAreRelatedNotOtherNames) {
  const Snapshot snap(
      {article("a", "Gout",
               {"Gouty arthritis", "Acute gout", "Gout - chronic", "Kidney stones", "Podagra"},
               true),
       article("b", "Kidney stones", {}, false)});
  const ConditionEntry* gout = snap.condition("gout");
  ASSERT_NE(gout, nullptr);
  const auto names = web::split_names(snap, *gout);
  EXPECT_EQ(names.also_called, (std::vector<std::string>{"Gouty arthritis", "Podagra"}));
  ASSERT_EQ(names.related.size(), 3u);
  EXPECT_EQ(names.related[0].name, "Acute gout");
  EXPECT_EQ(names.related[2].name, "Kidney stones");
  EXPECT_EQ(names.related[2].slug, "kidney-stones");
  // A condition whose only document has no answers is no A-Z entry.
  EXPECT_TRUE(web::has_answers(snap, *gout));
  EXPECT_FALSE(web::has_answers(snap, *snap.condition("kidney-stones")));
}

TEST(ConditionNames, FindingsThePhenotypeOntologyNamesAreRelatedNotOtherNames) {
  // HPO names "Hyperuricemia" as a finding of its own and "Gouty arthritis"
  // as a synonym of its term "Gout": the first is related, the second is
  // another name; a name HPO does not know stays as the source has it.
  const FindingNames hpo = {{"gout", "HP:0001997"},
                            {"gouty arthritis", "HP:0001997"},
                            {"hyperuricemia", "HP:0002149"},
                            {"urate tophi", "HP:0033073"}};
  const std::vector<Article> articles = {
      article("a", "Gout", {"Hyperuricemia", "Gouty arthritis", "Podagra", "Urate tophi"}, true)};
  const Snapshot with(articles, hpo);
  const ConditionEntry* gout = with.condition("gout");
  ASSERT_NE(gout, nullptr);
  EXPECT_EQ(gout->findings, (std::vector<std::string>{"Hyperuricemia", "Urate tophi"}));
  const auto names = web::split_names(with, *gout);
  EXPECT_EQ(names.also_called, (std::vector<std::string>{"Gouty arthritis", "Podagra"}));
  ASSERT_EQ(names.related.size(), 2u);
  EXPECT_EQ(names.related[0].name, "Hyperuricemia");
  EXPECT_EQ(names.related[0].slug, "");
  // Without the ontology every synonym that is not a form of gout is another name.
  const Snapshot without(articles);
  EXPECT_TRUE(without.condition("gout")->findings.empty());
  EXPECT_EQ(web::split_names(without, *without.condition("gout")).also_called.size(), 4u);
}

}  // namespace
}  // namespace symptomdb
