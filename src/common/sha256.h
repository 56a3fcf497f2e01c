// src/common/sha256.h: SHA-256 as lower-case hex (OpenSSL), for tokens, event-log keys and
// idempotency keys.
#pragma once

#include <string>
#include <string_view>

namespace linea {

// 64 lower-case hex digits of SHA-256(`data`).
std::string Sha256Hex(std::string_view data);

}  // namespace linea
