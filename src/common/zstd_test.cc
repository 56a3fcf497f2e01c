#include "common/zstd.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"

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

// Two runs of one job: the same event but for its run id and time.
std::string RunEvent(const std::string& run_id, const std::string& time) {
  std::string facets;
  for (int i = 0; i < 200; ++i) {
    facets += R"({"name":"col)" + std::to_string(i) +
              R"(","type":"string","description":"column )" + std::to_string(i * 7919 % 1000) +
              R"("},)";
  }
  return R"({"eventType":"COMPLETE","eventTime":")" + time + R"(","run":{"runId":")" + run_id +
         R"("},"fields":[)" + facets + "{}]}";
}

TEST(ZstdPrefixTest, SimilarTextCompressesToAFewBytesAgainstThePrefix) {
  const std::string first = RunEvent("01912", "2024-08-06T12:00:00Z");
  const std::string second = RunEvent("01913", "2024-08-06T13:00:00Z");
  ZstdPrefix prefix(first, -1);
  EXPECT_EQ(prefix.content(), first);
  const std::string frame = prefix.Compress(second);
  EXPECT_LT(frame.size(), 100u);
  EXPECT_GT(ZstdCompress(second, -1).size(), 10 * frame.size());
  Result<std::string> back = ZstdDecompress(frame, size_t{1} << 30, first);
  ASSERT_THAT(back.status(), IsOk());
  EXPECT_EQ(*back, second);
  // The contexts forget the prefix: the next plain frame is made and read without it.
  const std::string plain = ZstdCompress(second, -1);
  EXPECT_EQ(plain.size(), ZstdCompress(second, -1).size());
  EXPECT_GT(plain.size(), 10 * frame.size());
  EXPECT_EQ(*ZstdDecompress(plain), second);
}

TEST(ZstdPrefixTest, FrameWithoutItsPrefixIsDataLoss) {
  const std::string first = RunEvent("01912", "2024-08-06T12:00:00Z");
  ZstdPrefix prefix(first, -1);
  const std::string frame = prefix.Compress(RunEvent("01913", "2024-08-06T13:00:00Z"));
  EXPECT_THAT(ZstdDecompress(frame).status(), StatusIs(StatusCode::kDataLoss));
  EXPECT_THAT(ZstdDecompress(frame, size_t{1} << 30, RunEvent("x", "y")).status(),
              StatusIs(StatusCode::kDataLoss));
}

}  // namespace
}  // namespace linea
