// src/notify/address_policy.h: which IP addresses notifications may connect to (SSRF guard).
//
// A contact's URL is written by catalog writers, so a webhook could otherwise reach the
// server's own loopback, the cloud metadata service (169.254.169.254) or the private network.
// Every address in a special-use range (SpecialUseRange below) is denied unless an allow-list
// CIDR (`linea serve --notify-allow`) contains it. The Sender checks the address libcurl is
// about to connect to, after DNS, so a name that resolves (or re-resolves) to a denied address
// is refused too. Example:
//
//   Result<std::vector<Cidr>> allow = ParseCidrs({"10.20.0.0/16"});
//   AddressPolicy policy(*allow);
//   Status s = policy.Check(*IpAddress::Parse("169.254.169.254"), "169.254.169.254");
//   // s: permission_denied "target 169.254.169.254 (link-local) is not allowed; allow it
//   //    with --notify-allow 169.254.169.254/32"
#pragma once

#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"

namespace linea::notify {

// An IPv4 or IPv6 address. IPv4 is held as its IPv4-mapped IPv6 form (::ffff:a.b.c.d), so an
// IPv4 address and its mapped form are the same value and match the same CIDRs.
class IpAddress {
 public:
  IpAddress() = default;  // ::
  // The address with these 16 bytes in network order (IPv6 form).
  explicit IpAddress(const std::array<uint8_t, 16>& bytes) : bytes_(bytes) {}
  // "127.0.0.1", "::1", "::ffff:10.0.0.1", "fe80::1"; nullopt for anything else (no brackets,
  // zone ids or ports).
  static std::optional<IpAddress> Parse(std::string_view text);
  // The address of an AF_INET or AF_INET6 socket address; nullopt for other families.
  static std::optional<IpAddress> FromSockaddr(const sockaddr* address);

  // True for IPv4 (and so for IPv4-mapped IPv6).
  bool is_v4() const;
  // Dotted quad for IPv4, RFC 5952 text for IPv6.
  std::string ToString() const;
  const std::array<uint8_t, 16>& bytes() const { return bytes_; }

  bool operator==(const IpAddress&) const = default;

 private:
  std::array<uint8_t, 16> bytes_{};
};

// An address range. An IPv4 CIDR a.b.c.d/n is held as the mapped range ::ffff:a.b.c.d/(96+n).
struct Cidr {
  IpAddress base;       // host bits zero
  int prefix_bits = 0;  // of the 128-bit form

  bool Contains(const IpAddress& address) const;
  // "10.0.0.0/8", "fc00::/7".
  std::string ToString() const;
};

// "10.0.0.0/8", "::1/128", or a bare address ("127.0.0.1" = /32, "::1" = /128).
// kInvalidArgument for anything else, including set host bits ("10.1.0.0/8": "did you mean
// 10.0.0.0/8?").
Result<Cidr> ParseCidr(std::string_view text);
// ParseCidr over a list; the error names the bad entry.
Result<std::vector<Cidr>> ParseCidrs(const std::vector<std::string>& texts);

// Why `address` is not an ordinary public unicast address: "loopback", "unspecified",
// "link-local", "private", "shared (CGNAT)", "unique-local", "site-local", "multicast",
// "reserved", "benchmarking", "documentation", "IETF protocol assignments", "discard-only";
// "" for a public address. IPv6 forms that embed an IPv4 address (IPv4-mapped ::ffff:0:0/96,
// NAT64 64:ff9b::/96, 6to4 2002::/16) get the reason of the IPv4 address they carry.
// The table is in address_policy.cc and in docs/security.md.
std::string_view SpecialUseRange(const IpAddress& address);

// Deny special-use ranges by default, allow what the operator listed. Immutable, thread-safe.
class AddressPolicy {
 public:
  explicit AddressPolicy(std::vector<Cidr> allow = {}) : allow_(std::move(allow)) {}

  // OK when `address` is public or inside an allow-list CIDR. Otherwise kPermissionDenied,
  // "target <host> (<address>, <reason>) is not allowed; allow it with --notify-allow
  // <address>/<32|128>" ("target <address> (<reason>) …" when `host` is the address itself).
  Status Check(const IpAddress& address, std::string_view host) const;

  const std::vector<Cidr>& allow() const { return allow_; }

 private:
  std::vector<Cidr> allow_;
};

}  // namespace linea::notify
