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
// `max_size`.
Result<std::string> ZstdDecompress(std::string_view frame, size_t max_size = size_t{1} << 30);

}  // namespace linea
