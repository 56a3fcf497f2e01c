#include "model/fqn.h"

#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"

namespace linea::model {
namespace {

using ::linea::testing::StatusIs;

TEST(FqnTest, ParsesPlainSegments) {
  Result<Fqn> f = Fqn::Parse("hive.geo.subscriber_moves.cell_id");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->size(), 4u);
  EXPECT_EQ(f->name(), "cell_id");
  EXPECT_EQ(f->Prefix().ToString(), "hive.geo.subscriber_moves");
}

TEST(FqnTest, ParsesQuotedSegment) {
  Result<Fqn> f = Fqn::Parse(R"(kafka."geo.moves.v1")");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->segments(), (std::vector<std::string>{"kafka", "geo.moves.v1"}));
  EXPECT_EQ(f->ToString(), R"(kafka."geo.moves.v1")");
}

TEST(FqnTest, DoubledQuotesAndWhitespace) {
  Result<Fqn> f = Fqn::Parse(R"(files."a ""b"" c".x)");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->segments()[1], R"(a "b" c)");
  EXPECT_EQ(f->ToString(), R"(files."a ""b"" c".x)");
}

TEST(FqnTest, CanonicalizesNeedlessQuotes) {
  EXPECT_EQ(*CanonicalFqn(R"("hive"."geo")"), "hive.geo");
  EXPECT_EQ(JoinFqn("kafka", "a.b"), R"(kafka."a.b")");
}

TEST(FqnTest, RejectsMalformed) {
  for (const char* bad : {"", "a..b", "a.", ".a", R"(a."b)", R"(a."b"c)", "a b", R"(a"b)",
                          R"(a."")", "a.\xff"}) {
    EXPECT_THAT(Fqn::Parse(bad), StatusIs(StatusCode::kInvalidArgument)) << bad;
  }
}

TEST(FqnTest, LengthIsCappedInTheCanonicalForm) {
  const std::string longest = "hive.db." + std::string(kMaxFqnBytes - 8, 'c');
  EXPECT_TRUE(Fqn::Parse(longest).ok());
  EXPECT_TRUE(CanonicalFqn(longest).ok());
  Result<Fqn> over = Fqn::Parse(longest + "c");
  ASSERT_THAT(over, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_NE(over.status().message().find("longer than 2048 bytes (2049)"), std::string::npos);
  EXPECT_LT(over.status().message().size(), 200u);  // the text is not echoed whole
  // A child joined to a long parent is checked when it is parsed.
  EXPECT_THAT(CanonicalFqn(JoinFqn(longest, "col")), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace linea::model
