// src/common/strings.h: small string helpers shared by every module.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace linea {

// Levenshtein distance between `a` and `b`, capped: returns `cap + 1` as soon as the distance
// is known to exceed `cap`. Byte-wise (names are ASCII in practice).
size_t EditDistance(std::string_view a, std::string_view b, size_t cap = 64);

std::string ToLower(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
std::string_view Trim(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
// The offset of the first byte of `s` that does not start a well-formed UTF-8 sequence
// (RFC 3629: no overlong forms, surrogates or code points past U+10FFFF); npos when `s` is
// valid UTF-8.
size_t Utf8ErrorOffset(std::string_view s);
// True when `s` is valid UTF-8 (Utf8ErrorOffset() is npos).
bool IsValidUtf8(std::string_view s);

}  // namespace linea
