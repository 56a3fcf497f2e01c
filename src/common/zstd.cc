#include "common/zstd.h"

#include <zstd.h>

#include <cstdlib>
#include <memory>

namespace linea {
namespace {

struct FreeCCtx {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct FreeDCtx {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

// A context costs more to create than a small event costs to compress: one per thread.
ZSTD_CCtx* ThreadCompressionContext() {
  thread_local std::unique_ptr<ZSTD_CCtx, FreeCCtx> context(ZSTD_createCCtx());
  return context.get();
}

// Runs `context`'s compression of `data` into one frame.
std::string CompressWith(ZSTD_CCtx* context, std::string_view data) {
  ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1);  // decoding detects damage
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t n = ZSTD_compress2(context, out.data(), out.size(), data.data(), data.size());
  // Only a too-small destination or an allocation failure can fail; the bound rules out the
  // first and the second is fatal everywhere else too.
  if (ZSTD_isError(n)) std::abort();
  out.resize(n);
  return out;
}

}  // namespace

std::string ZstdCompress(std::string_view data, int level) {
  ZSTD_CCtx* context = ThreadCompressionContext();
  ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters);
  ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level);
  return CompressWith(context, data);
}

std::string ZstdPrefix::Compress(std::string_view data) const {
  ZSTD_CCtx* context = ThreadCompressionContext();
  ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters);
  ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level_);
  // Only for this frame: a prefix is forgotten after one compression.
  ZSTD_CCtx_refPrefix(context, content_.data(), content_.size());
  return CompressWith(context, data);
}

Result<std::string> ZstdDecompress(std::string_view frame, size_t max_size,
                                   std::string_view prefix) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
    return DataLossError("not a zstd frame with a recorded size");
  }
  if (size > max_size) {
    return DataLossError("zstd frame of " + std::to_string(size) + " bytes exceeds the limit of " +
                         std::to_string(max_size));
  }
  thread_local std::unique_ptr<ZSTD_DCtx, FreeDCtx> context(ZSTD_createDCtx());
  ZSTD_DCtx_reset(context.get(), ZSTD_reset_session_only);
  // Only for this frame: a prefix is forgotten after one decompression.
  if (!prefix.empty()) ZSTD_DCtx_refPrefix(context.get(), prefix.data(), prefix.size());
  std::string out(static_cast<size_t>(size), '\0');
  const size_t n =
      ZSTD_decompressDCtx(context.get(), out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n) || n != out.size()) {
    return DataLossError(std::string("corrupt zstd frame: ") +
                         (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short content"));
  }
  return out;
}

}  // namespace linea
