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
}

}  // namespace
}  // namespace linea
