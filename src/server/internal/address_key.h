// src/server/internal/address_key.h: the key a client address is rate-limited under.
#pragma once

#include <string>
#include <string_view>

namespace linea::server::internal {

// An IPv4 address as is ("192.0.2.7"); an IPv4-mapped IPv6 address as its IPv4 address
// ("::ffff:192.0.2.7" → "192.0.2.7"); any other IPv6 address as its /64 prefix
// ("2001:db8:1:2:a:b:c:d" → "2001:db8:1:2::/64"), because one host or home network is
// usually given a whole /64 and can pick any address in it. Anything else (not an IP address)
// is returned unchanged.
std::string AddressKey(std::string_view address);

}  // namespace linea::server::internal
