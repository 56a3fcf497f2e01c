// src/notify/url.h: the URL checks and encodings notification channels need.
#pragma once

#include <string>
#include <string_view>

namespace linea::notify {

// True when `url` is an absolute http:// or https:// URL (scheme case-insensitive) with a
// non-empty host, an optional numeric port in 1..65535, and no whitespace or control
// characters anywhere.
bool IsHttpUrl(std::string_view url);

// Percent-encodes every byte except the RFC 3986 unreserved characters [A-Za-z0-9-._~].
std::string PercentEncode(std::string_view text);

// The UI link to an asset: `public_url` (trailing '/' dropped) + "/assets/" + the
// percent-encoded FQN, e.g. "https://linea.example/assets/hive.geo.moves_daily".
std::string AssetUrl(std::string_view public_url, std::string_view fqn);

}  // namespace linea::notify
