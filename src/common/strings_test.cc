#include "common/strings.h"

#include <gtest/gtest.h>

namespace linea {
namespace {

TEST(StringsTest, EditDistance) {
  EXPECT_EQ(EditDistance("churn", "chrun"), 2u);
  EXPECT_EQ(EditDistance("arpu", "arpu_3m"), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("abcdefgh", "zzzzzzzz", 2), 3u);
}

TEST(StringsTest, SplitJoinTrim) {
  EXPECT_EQ(Split("a,b,,c", ','), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(Join({"a", "b"}, ", "), "a, b");
  EXPECT_EQ(Trim("  x y \n"), "x y");
}

TEST(StringsTest, Utf8) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("\xd0\xb3\xd0\xb5\xd0\xbe"));  // "гео"
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xd0"));
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));
  // What JSON encoders refuse: overlong forms, surrogates, code points past U+10FFFF.
  EXPECT_FALSE(IsValidUtf8("\xc0\xae"));          // overlong "."
  EXPECT_FALSE(IsValidUtf8("\xe0\x80\xaf"));      // overlong "/"
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // U+D800
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // U+110000
  EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));   // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xed\x9f\xbf"));       // U+D7FF
  EXPECT_EQ(Utf8ErrorOffset("ab\xff"), 2u);
  EXPECT_EQ(Utf8ErrorOffset("\xd0\xb3x\xe0\x80\xaf"), 3u);
  EXPECT_EQ(Utf8ErrorOffset("\xd0\xb3\xd0\xb5"), std::string_view::npos);
}

}  // namespace
}  // namespace linea
