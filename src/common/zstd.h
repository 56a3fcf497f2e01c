// src/common/zstd.h: whole-buffer zstd compression (libzstd), for the bodies of the event log.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

struct ZSTD_CDict_s;  // zstd.h's ZSTD_CDict

namespace linea {

// `data` as one zstd frame, its content size and checksum recorded, at `level` (1 = fast; see
// zstd's manual for the range). Thread-safe: each thread keeps its own compression context.
std::string ZstdCompress(std::string_view data, int level = 1);

// The content of the one zstd frame `frame`. kDataLoss when `frame` is not a whole valid frame
// with a recorded content size, its content fails its checksum, or its size exceeds
// `max_size`. A frame made by ZstdPrefix::Compress needs that prefix's content as `prefix`.
Result<std::string> ZstdDecompress(std::string_view frame, size_t max_size = size_t{1} << 30,
                                   std::string_view prefix = {});

// An earlier text that later, similar texts are compressed against, prepared once (a zstd
// dictionary of raw content): a new run of a job whose event differs from the last one in ids
// and times compresses to a few dozen bytes instead of a few KB. Its frames decompress only
// with the same content as ZstdDecompress's `prefix`. Immutable; share it between threads.
class ZstdPrefix {
 public:
  // REQUIRES: `content` does not start with zstd's dictionary magic number (JSON never does).
  ZstdPrefix(std::string_view content, int level);
  ~ZstdPrefix();
  ZstdPrefix(const ZstdPrefix&) = delete;
  ZstdPrefix& operator=(const ZstdPrefix&) = delete;

  // Bytes held: zstd's copy of the content and its prepared tables.
  size_t memory() const;
  // `data` as one frame against the content, its content size and checksum recorded.
  std::string Compress(std::string_view data) const;

 private:
  ::ZSTD_CDict_s* dictionary_;
};

}  // namespace linea
