// src/common/base64.h: standard (RFC 4648 §4, padded) base64 through OpenSSL EVP.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace linea {

// Padded base64 of `bytes`, no line breaks.
std::string Base64Encode(std::string_view bytes);
// The bytes of padded base64 `text`; nullopt when `text` is empty, not a multiple of 4 long,
// or holds anything but the base64 alphabet and trailing '=' padding.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace linea
