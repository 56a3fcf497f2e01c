// src/common/zstd.h: whole-buffer zstd compression (libzstd), for the bodies of the event log.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace linea {

// `data` as one zstd frame, its content size and checksum recorded, at `level` (1 = fast; see
// zstd's manual for the range). Thread-safe: each thread keeps its own compression context.
std::string ZstdCompress(std::string_view data, int level = 1);

// The content of the one zstd frame `frame`. kDataLoss when `frame` is not a whole valid frame
// with a recorded content size, its content fails its checksum, or its size exceeds
// `max_size`. A frame made by ZstdPrefix::Compress needs that prefix's content as `prefix`.
Result<std::string> ZstdDecompress(std::string_view frame, size_t max_size = size_t{1} << 30,
                                   std::string_view prefix = {});

// An earlier text that later, similar texts are compressed against (zstd's raw-content
// prefix): a new run of a job whose event differs from the last one in ids and times
// compresses to a few dozen bytes instead of a few KB, in about the time a plain frame takes
// (the prefix is indexed per frame: no prepared tables to build or keep). Its frames
// decompress only with the same content as ZstdDecompress's `prefix`. Immutable; share it
// between threads.
class ZstdPrefix {
 public:
  ZstdPrefix(std::string content, int level) : content_(std::move(content)), level_(level) {}

  const std::string& content() const { return content_; }
  // `data` as one frame against content(), its content size and checksum recorded.
  std::string Compress(std::string_view data) const;

 private:
  std::string content_;
  int level_;
};

}  // namespace linea
