#include "server/internal/body_decoding.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <memory>
#include <string>

#include "common/strings.h"

namespace linea::server::internal {
namespace {

constexpr size_t kChunk = 64 * 1024;

Status TooLarge(size_t max_bytes) {
  return Status(StatusCode::kPayloadTooLarge, "request body too large once decompressed (limit " +
                                                  std::to_string(max_bytes) + " bytes)");
}

// gzip (windowBits 15 + 16) or zlib-wrapped deflate (15); raw deflate as some clients send it
// for "deflate" (-15) is tried when the zlib header is missing.
Result<std::string> Inflate(const std::string& in, int window_bits, size_t max_bytes,
                            std::string_view coding) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) return InternalError("zlib: inflateInit2 failed");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&z, inflateEnd);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    const size_t at = out.size();
    out.resize(at + kChunk);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + at);
    z.avail_out = static_cast<uInt>(kChunk);
    rc = inflate(&z, Z_NO_FLUSH);
    out.resize(at + kChunk - z.avail_out);
    if (out.size() > max_bytes) return TooLarge(max_bytes);
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && z.avail_in == 0) {
      return InvalidArgumentError(std::string(coding) + " body is truncated");
    }
    if (rc != Z_OK) {
      return InvalidArgumentError(std::string(coding) + " body is corrupt" +
                                  (z.msg ? std::string(": ") + z.msg : std::string()));
    }
  }
  if (z.avail_in != 0) {
    return InvalidArgumentError(std::string(coding) + " body has data after its end");
  }
  return out;
}

Result<std::string> Unbrotli(const std::string& in, size_t max_bytes) {
  std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
  if (!state) return InternalError("brotli: cannot create a decoder");
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(in.data());
  size_t avail_in = in.size();
  std::string out;
  for (;;) {
    const size_t at = out.size();
    out.resize(at + kChunk);
    uint8_t* next_out = reinterpret_cast<uint8_t*>(out.data() + at);
    size_t avail_out = kChunk;
    BrotliDecoderResult rc = BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in,
                                                           &avail_out, &next_out, nullptr);
    out.resize(at + kChunk - avail_out);
    if (out.size() > max_bytes) return TooLarge(max_bytes);
    if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
      if (avail_in != 0) return InvalidArgumentError("br body has data after its end");
      return out;
    }
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
      return InvalidArgumentError("br body is truncated");
    }
    if (rc == BROTLI_DECODER_RESULT_ERROR) {
      return InvalidArgumentError(std::string("br body is corrupt: ") +
                                  BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())));
    }
    // BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: go round with a fresh chunk.
  }
}

}  // namespace

bool IsSupportedContentEncoding(std::string_view content_encoding) {
  const std::string c = ToLower(Trim(content_encoding));
  return c.empty() || c == "identity" || c == "gzip" || c == "x-gzip" || c == "deflate" ||
         c == "br";
}

Result<std::string> DecodeBody(std::string_view content_encoding, std::string body,
                               size_t max_bytes) {
  const std::string c = ToLower(Trim(content_encoding));
  if (c.empty() || c == "identity") {
    if (body.size() > max_bytes) return TooLarge(max_bytes);
    return body;
  }
  if (c == "gzip" || c == "x-gzip") return Inflate(body, 15 + 16, max_bytes, "gzip");
  if (c == "deflate") {
    // RFC 9110 says zlib-wrapped; some clients send raw deflate. The zlib header's first byte
    // has 8 (deflate) in its low nibble, which tells the two apart.
    const bool zlib_wrapped = !body.empty() && (static_cast<unsigned char>(body[0]) & 0x0F) == 8;
    return Inflate(body, zlib_wrapped ? 15 : -15, max_bytes, "deflate");
  }
  if (c == "br") return Unbrotli(body, max_bytes);
  return InvalidArgumentError("unsupported Content-Encoding \"" + std::string(content_encoding) +
                              "\" (gzip, deflate, br or identity)");
}

bool AcceptsGzip(std::string_view accept_encoding) {
  // Comma-separated codings, each with optional parameters: "gzip;q=0.5, br".
  while (!accept_encoding.empty()) {
    const size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? "" : accept_encoding.substr(comma + 1);
    const size_t semi = item.find(';');
    const std::string coding = ToLower(Trim(item.substr(0, semi)));
    if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    // "q=0", "q=0.0", "q=0.000": refused; any other weight accepts.
    const std::string params = ToLower(Trim(item.substr(semi + 1)));
    if (!params.starts_with("q=")) return true;
    const std::string_view weight = std::string_view(params).substr(2);
    if (weight.empty() || weight.find_first_not_of("0.") != std::string_view::npos) return true;
  }
  return false;
}

std::string GzipEncode(std::string_view in, int level) {
  z_stream z{};
  deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace linea::server::internal
