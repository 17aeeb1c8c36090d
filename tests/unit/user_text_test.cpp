// The one check for user-typed text, display-name keys and password strength.
#include <gtest/gtest.h>

#include "core/account.hpp"
#include "core/user_text.hpp"

namespace symptomdb {
namespace {

TEST(UserText, ControlCharactersAreRefusedLayoutOnlyInParagraphs) {
  EXPECT_EQ(check_user_text("Plain words, accents: Sj\xc3\xb6gren.", TextShape::line), "");
  EXPECT_EQ(check_user_text("Two\n\n\tparagraphs\r\n", TextShape::paragraphs), "");
  EXPECT_NE(check_user_text("Two\nlines", TextShape::line), "");
  EXPECT_NE(check_user_text("tab\there", TextShape::line), "");
  EXPECT_NE(check_user_text("line\xe2\x80\xa8separator", TextShape::line), "");
  for (const std::string& bad :
       {std::string("nul\0", 4), std::string("esc \x1b[31m"), std::string("del \x7f"),
        std::string("c1 \xc2\x85"), std::string("rlo \xe2\x80\xae"),
        std::string("lri \xe2\x81\xa6"), std::string("bad utf8 \xff")}) {
    EXPECT_NE(check_user_text(bad, TextShape::paragraphs), "") << bad;
    EXPECT_NE(check_user_text(bad, TextShape::line), "") << bad;
  }
}

TEST(UserText, DisplayNameKeysFoldCaseLookAlikesAndPunctuation) {
  const std::string key = display_name_key("Erin Roe, MD");
  EXPECT_EQ(display_name_key("erin roe md"), key);
  EXPECT_EQ(display_name_key("ERIN  ROE, M.D."), key);
  EXPECT_EQ(display_name_key("\xd0\x95rin Roe, MD"), key);       // Cyrillic Ie
  EXPECT_EQ(display_name_key("Erin\xe2\x80\x8b Roe, MD"), key);  // zero-width space
  EXPECT_EQ(display_name_key("\xef\xbc\xa5rin Roe, MD"), key);   // fullwidth E
  EXPECT_NE(display_name_key("Erin Rowe, MD"), key);
  EXPECT_NE(display_name_key("Ren\xc3\xa9"), display_name_key("Rena"));
}

TEST(UserText, DisplayNamesMayNotClaimARole) {
  EXPECT_EQ(check_display_name("Erin Roe, MD"), "");
  EXPECT_EQ(check_display_name("Editha Jones"), "") << "a word that contains a role is fine";
  EXPECT_NE(check_display_name("Erin Roe (editor)"), "");
  EXPECT_NE(check_display_name("ADMIN"), "");
  EXPECT_EQ(check_display_name("Site admin", true), "") << "staff made by an operator";
  EXPECT_NE(check_display_name("\xd0\xb0"
                               "dmin team"),
            "");  // Cyrillic a
  EXPECT_NE(check_display_name("..."), "");
  EXPECT_NE(check_display_name(std::string(81, 'n')), "");
}

TEST(Passwords, WeakOnesAreRefusedWithAReasonStrongOnesPass) {
  EXPECT_NE(check_password("password123").find("common password"), std::string::npos);
  EXPECT_NE(check_password("1234567890").find("sequence"), std::string::npos);
  EXPECT_NE(check_password("zxcvbnm,./").find("keyboard"), std::string::npos);
  EXPECT_NE(check_password("zorblat7zorblat7", {"Zorblat7"}).find("your username"),
            std::string::npos);
  EXPECT_EQ(check_password("purple kettle drums quietly"), "");
  EXPECT_EQ(check_password("correct horse battery"), "");
  EXPECT_NE(check_password("short"), "");
}

}  // namespace
}  // namespace symptomdb
