// src/server/internal/body_decoding.h: request bodies with a Content-Encoding, decoded under a
// size cap; response bodies gzipped for clients that accept it.
//
// The cap applies to the decoded bytes and is checked while decompressing, chunk by chunk, so a
// small compressed body that would inflate to gigabytes ("zip bomb") costs at most `max_bytes`
// of memory before it is refused.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace linea::server::internal {

// Decodes `body` sent with `content_encoding` ("", "identity", "gzip", "x-gzip", "deflate" or
// "br"; case-insensitive; one coding, not a list).
// Errors: kPayloadTooLarge as soon as the decoded size exceeds `max_bytes`; kInvalidArgument for
// corrupt or truncated compressed data and for any other coding (the server answers 415).
Result<std::string> DecodeBody(std::string_view content_encoding, std::string body,
                               size_t max_bytes);

// True when DecodeBody() knows `content_encoding`.
bool IsSupportedContentEncoding(std::string_view content_encoding);

// True when an Accept-Encoding header value lists gzip (or "*") without q=0.
bool AcceptsGzip(std::string_view accept_encoding);

// `in` as a gzip stream; `level` 1 (fastest) … 9 (smallest).
std::string GzipEncode(std::string_view in, int level);

}  // namespace linea::server::internal
