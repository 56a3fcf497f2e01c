// src/common/uuid.h: name-based UUIDs (RFC 4122 version 5, SHA-1), for ids that must stay the
// same for the same name — the OpenMetadata-shaped lineage read's entity ids (docs/compat.md).
#pragma once

#include <string>
#include <string_view>

namespace linea {

// RFC 4122's namespace for URLs, 6ba7b811-9dad-11d1-80b4-00c04fd430c8, as 16 bytes.
inline constexpr std::string_view kUuidNamespaceUrl{
    "\x6b\xa7\xb8\x11\x9d\xad\x11\xd1\x80\xb4\x00\xc0\x4f\xd4\x30\xc8", 16};

// The version-5 UUID of `name` in `ns` (16 bytes), lower-case and hyphenated — what Python's
// uuid.uuid5(namespace, name) gives.
std::string UuidV5(std::string_view ns, std::string_view name);

}  // namespace linea
