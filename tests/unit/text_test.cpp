#include <gtest/gtest.h>

#include "core/article.hpp"
#include "core/slug.hpp"
#include "core/utf8.hpp"
#include "text/normalize.hpp"
#include "text/stemmer.hpp"

namespace symptomdb {
namespace {

TEST(Slug, MakesUrlSafeIdentifiers) {
  EXPECT_EQ(slugify("Muscle atrophy"), "muscle-atrophy");
  EXPECT_EQ(slugify("  Parkinson's Disease "), "parkinsons-disease");
  EXPECT_EQ(slugify("Type 2 diabetes (T2D)"), "type-2-diabetes-t2d");
  EXPECT_EQ(slugify("Sjögren syndrome"), "sjogren-syndrome");
  EXPECT_EQ(slugify("!!!"), "");
  EXPECT_TRUE(is_valid_slug("muscle-atrophy"));
  EXPECT_FALSE(is_valid_slug("Muscle"));
  EXPECT_FALSE(is_valid_slug("a--b"));
  EXPECT_FALSE(is_valid_slug("-a"));
  EXPECT_FALSE(is_valid_slug("../etc"));
  EXPECT_FALSE(is_valid_slug(""));
}

TEST(Utf8, FindsInvalidSequences) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("individual\u2019s caf\u00e9"));
  EXPECT_EQ(find_invalid_utf8("ok\xff"), 2u);
  EXPECT_EQ(find_invalid_utf8("\xc0\xaf"), 0u);       // overlong '/'
  EXPECT_EQ(find_invalid_utf8("a\xed\xa0\x80"), 1u);  // surrogate
  EXPECT_EQ(find_invalid_utf8("ab\xe2\x80"), 2u);     // truncated
}

TEST(IsoDate, AcceptsOnlyCalendarDates) {
  EXPECT_TRUE(is_iso_date("2026-11-20"));
  EXPECT_FALSE(is_iso_date("2026-13-01"));
  EXPECT_FALSE(is_iso_date("2026-1-01"));
  EXPECT_FALSE(is_iso_date("20 Nov 2026"));
}

TEST(Normalize, FoldsCaseQuotesAndAccents) {
  EXPECT_EQ(text::fold("Individual\u2019s \u201cCAF\u00c9\u201d"), "individual's \"cafe\"");
  const auto toks = text::tokenize("Parkinson\u2019s disease, HIV/AIDS and don't-stop");
  const std::vector<std::string> want = {"parkinson", "disease", "hiv", "aids",
                                         "and",       "dont",    "stop"};
  EXPECT_EQ(toks, want);
  EXPECT_TRUE(text::is_stopword("the"));
  EXPECT_FALSE(text::is_stopword("muscle"));
}

TEST(Stemmer, ConflatesInflections) {
  text::Stemmer s;
  EXPECT_EQ(s.stem("wasting"), s.stem("wasted"));
  EXPECT_EQ(s.stem("muscles"), s.stem("muscle"));
  EXPECT_EQ(s.stem("treatments"), s.stem("treatment"));
  EXPECT_NE(s.stem("muscle"), s.stem("mussel"));
}

}  // namespace
}  // namespace symptomdb
