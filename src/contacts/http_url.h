// src/contacts/http_url.h: the check a contact's URL must pass.
#pragma once

#include <string_view>

namespace linea::contacts {

// True when `url` is an absolute http:// or https:// URL (scheme case-insensitive) with a
// non-empty host, an optional numeric port in 1..65535, and no whitespace or control
// characters anywhere.
bool IsHttpUrl(std::string_view url);

}  // namespace linea::contacts
