#include "model/kind.h"

#include <gtest/gtest.h>

namespace linea::model {
namespace {

TEST(KindTest, RoundTripsEveryKind) {
  for (int i = 0; i < kAssetKindCount; ++i) {
    auto kind = static_cast<AssetKind>(i);
    EXPECT_EQ(ParseKind(KindName(kind)), kind);
  }
  EXPECT_EQ(ParseKind("view"), std::nullopt);
}

TEST(KindTest, EdgeKinds) {
  EXPECT_EQ(ParseEdgeKind("aggregation"), EdgeKind::kAggregation);
  EXPECT_EQ(ParseEdgeKind("indirect-filter"), EdgeKind::kIndirect);
  EXPECT_EQ(ParseEdgeKind(""), EdgeKind::kUnspecified);
  EXPECT_EQ(ParseEdgeKind("copy"), std::nullopt);
  EXPECT_EQ(EdgeKindName(EdgeKind::kIdentity), "identity");
}

}  // namespace
}  // namespace linea::model
