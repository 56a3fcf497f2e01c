// DecodeBody: compressed request bodies are decoded under the size cap, checked while
// inflating (a small gzip that inflates to gigabytes costs at most the cap).
#include "server/internal/body_decoding.h"

#include <brotli/encode.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

namespace linea::server::internal {
namespace {

using ::testing::HasSubstr;

// gzip (window_bits 31), zlib (15) or raw deflate (-15).
std::string Deflate(const std::string& in, int window_bits) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, in.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Brotli(const std::string& in) {
  std::string out(BrotliEncoderMaxCompressedSize(in.size()) + 64, '\0');
  size_t size = out.size();
  EXPECT_TRUE(BrotliEncoderCompress(
      BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_DEFAULT_MODE, in.size(),
      reinterpret_cast<const uint8_t*>(in.data()), &size, reinterpret_cast<uint8_t*>(out.data())));
  out.resize(size);
  return out;
}

TEST(BodyDecodingTest, EveryCodingRoundTrips) {
  const std::string text = R"({"assets": [{"fqn": "hive.a.b", "kind": "table"}]})";
  EXPECT_EQ(*DecodeBody("", text, 1000), text);
  EXPECT_EQ(*DecodeBody("identity", text, 1000), text);
  EXPECT_EQ(*DecodeBody("gzip", Deflate(text, 31), 1000), text);
  EXPECT_EQ(*DecodeBody("X-GZIP", Deflate(text, 31), 1000), text);
  EXPECT_EQ(*DecodeBody("deflate", Deflate(text, 15), 1000), text);
  EXPECT_EQ(*DecodeBody("deflate", Deflate(text, -15), 1000), text);
  EXPECT_EQ(*DecodeBody("br", Brotli(text), 1000), text);
}

TEST(BodyDecodingTest, ABombStopsAtTheCap) {
  // 64 MiB of zeros compress to ~64 KB; with a 1 MiB cap decoding stops right after 1 MiB.
  const std::string zeros(64u << 20, '\0');
  for (const auto& [coding, body] :
       {std::pair<std::string, std::string>{"gzip", Deflate(zeros, 31)},
        {"deflate", Deflate(zeros, 15)},
        {"br", Brotli(zeros)}}) {
    ASSERT_LT(body.size(), 200u << 10) << coding;
    Result<std::string> out = DecodeBody(coding, body, 1u << 20);
    ASSERT_FALSE(out.ok()) << coding;
    EXPECT_EQ(out.status().code(), StatusCode::kPayloadTooLarge) << coding;
    EXPECT_THAT(out.status().message(), HasSubstr("once decompressed")) << coding;
  }
}

TEST(BodyDecodingTest, ExactlyTheCapIsAccepted) {
  const std::string text(4096, 'a');
  EXPECT_TRUE(DecodeBody("gzip", Deflate(text, 31), 4096).ok());
  EXPECT_EQ(DecodeBody("gzip", Deflate(text, 31), 4095).status().code(),
            StatusCode::kPayloadTooLarge);
  EXPECT_EQ(DecodeBody("", text, 4095).status().code(), StatusCode::kPayloadTooLarge);
}

TEST(BodyDecodingTest, CorruptTruncatedAndUnknownAreInvalid) {
  const std::string gz = Deflate(std::string(1000, 'x'), 31);
  EXPECT_THAT(DecodeBody("gzip", gz.substr(0, gz.size() / 2), 1 << 20).status().message(),
              HasSubstr("truncated"));
  EXPECT_THAT(DecodeBody("gzip", "definitely not gzip", 1 << 20).status().message(),
              HasSubstr("corrupt"));
  EXPECT_THAT(DecodeBody("gzip", gz + "trailing", 1 << 20).status().message(),
              HasSubstr("after its end"));
  EXPECT_THAT(DecodeBody("br", "\xff\xff\xff", 1 << 20).status().code(),
              StatusCode::kInvalidArgument);
  EXPECT_THAT(DecodeBody("zstd", "x", 1 << 20).status().message(),
              HasSubstr("unsupported Content-Encoding \"zstd\""));
  EXPECT_FALSE(IsSupportedContentEncoding("gzip, br"));
  EXPECT_TRUE(IsSupportedContentEncoding(" GZIP "));
}

TEST(BodyDecodingTest, AcceptEncodingListsGzipUnlessWeightedZero) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br, zstd"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("br, deflate"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000, identity"));
  EXPECT_FALSE(AcceptsGzip("gzipped"));
}

TEST(BodyDecodingTest, GzipEncodeRoundTripsThroughDecodeBody) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "{\"fqn\": \"hive.mart.t" + std::to_string(i) + "\"},";
  for (int level : {1, 9}) {
    const std::string packed = GzipEncode(text, level);
    EXPECT_LT(packed.size(), text.size() / 5);
    Result<std::string> back = DecodeBody("gzip", packed, text.size());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, text);
  }
}

}  // namespace
}  // namespace linea::server::internal
