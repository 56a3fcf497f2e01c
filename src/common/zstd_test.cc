#include "common/zstd.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"

namespace linea {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;

TEST(ZstdTest, RoundTripsAndShrinksRepetitiveJson) {
  std::string json;
  for (int i = 0; i < 500; ++i) json += R"({"namespace":"hive://h:9083","name":"db.t)" + std::to_string(i) + R"("},)";
  std::string frame = ZstdCompress(json);
  EXPECT_LT(frame.size(), json.size() / 5);
  Result<std::string> back = ZstdDecompress(frame);
  ASSERT_THAT(back.status(), IsOk());
  EXPECT_EQ(*back, json);
  EXPECT_EQ(*ZstdDecompress(ZstdCompress("")), "");
}

TEST(ZstdTest, RejectsWhatIsNotOneWholeFrame) {
  std::string frame = ZstdCompress(std::string(10000, 'x') + "tail");
  EXPECT_THAT(ZstdDecompress("{\"plain\": \"json\"}").status(), StatusIs(StatusCode::kDataLoss));
  EXPECT_THAT(ZstdDecompress(frame.substr(0, frame.size() - 3)).status(),
              StatusIs(StatusCode::kDataLoss));
  std::string flipped = frame;
  flipped[flipped.size() / 2] ^= 0x55;
  EXPECT_THAT(ZstdDecompress(flipped).status(), StatusIs(StatusCode::kDataLoss));
  EXPECT_THAT(ZstdDecompress(frame, 100).status(), StatusIs(StatusCode::kDataLoss));
}

}  // namespace
}  // namespace linea
