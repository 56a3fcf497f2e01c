#include "notify/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

namespace linea::notify {
namespace {

constexpr std::array<uint8_t, 12> kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};

// The special-use ranges (IANA IPv4/IPv6 Special-Purpose Address Registries, RFC 6890),
// most specific first where they nest. Embedded IPv4 forms are handled before this table.
struct SpecialRange {
  const char* cidr;
  const char* reason;
};
constexpr SpecialRange kSpecialRanges[] = {
    // IPv4
    {"0.0.0.0/8", "unspecified"},
    {"10.0.0.0/8", "private"},
    {"100.64.0.0/10", "shared (CGNAT)"},
    {"127.0.0.0/8", "loopback"},
    {"169.254.0.0/16", "link-local"},
    {"172.16.0.0/12", "private"},
    {"192.0.0.0/24", "IETF protocol assignments"},
    {"192.0.2.0/24", "documentation"},
    {"192.88.99.0/24", "reserved"},  // former 6to4 relay anycast
    {"192.168.0.0/16", "private"},
    {"198.18.0.0/15", "benchmarking"},
    {"198.51.100.0/24", "documentation"},
    {"203.0.113.0/24", "documentation"},
    {"224.0.0.0/4", "multicast"},
    {"240.0.0.0/4", "reserved"},  // includes the broadcast address 255.255.255.255
    // IPv6
    {"::/128", "unspecified"},
    {"::1/128", "loopback"},
    {"::/96", "reserved"},  // deprecated IPv4-compatible addresses
    {"100::/64", "discard-only"},
    {"2001::/23", "IETF protocol assignments"},  // Teredo, ORCHID, benchmarking 2001:2::/48, …
    {"2001:db8::/32", "documentation"},
    {"fc00::/7", "unique-local"},
    {"fe80::/10", "link-local"},
    {"fec0::/10", "site-local"},
    {"ff00::/8", "multicast"},
};

const std::vector<std::pair<Cidr, std::string_view>>& SpecialRanges() {
  static const std::vector<std::pair<Cidr, std::string_view>> ranges = [] {
    std::vector<std::pair<Cidr, std::string_view>> out;
    for (const SpecialRange& r : kSpecialRanges) out.emplace_back(*ParseCidr(r.cidr), r.reason);
    return out;
  }();
  return ranges;
}

// The IPv4 address an IPv6 translation form carries: NAT64 64:ff9b::a.b.c.d (RFC 6052) in
// its last four bytes, 6to4 2002:AABB:CCDD:: (RFC 3056) in bytes 2..5.
std::optional<IpAddress> EmbeddedV4(const IpAddress& address) {
  const std::array<uint8_t, 16>& b = address.bytes();
  const std::array<uint8_t, 12> nat64 = {0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0};
  const uint8_t* v4 = nullptr;
  if (std::equal(nat64.begin(), nat64.end(), b.begin())) v4 = &b[12];
  if (b[0] == 0x20 && b[1] == 0x02) v4 = &b[2];
  if (v4 == nullptr) return std::nullopt;
  std::array<uint8_t, 16> mapped{};
  std::copy(kMappedPrefix.begin(), kMappedPrefix.end(), mapped.begin());
  std::copy_n(v4, 4, mapped.begin() + 12);
  return IpAddress(mapped);
}

bool ParsePrefix(std::string_view text, int max, int* bits) {
  if (text.empty() || text.size() > 3) return false;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *bits = value;
  return value <= max;
}

// `address` with every bit past `prefix_bits` cleared.
IpAddress Masked(const IpAddress& address, int prefix_bits) {
  std::array<uint8_t, 16> bytes = address.bytes();
  for (int i = 0; i < 16; ++i) {
    const int keep = std::clamp(prefix_bits - 8 * i, 0, 8);
    bytes[i] &= static_cast<uint8_t>(0xFF00 >> keep);
  }
  return IpAddress(bytes);
}

}  // namespace

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  const std::string s(text);
  IpAddress address;
  in_addr v4;
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    std::copy(kMappedPrefix.begin(), kMappedPrefix.end(), address.bytes_.begin());
    std::memcpy(&address.bytes_[12], &v4, 4);
    return address;
  }
  if (inet_pton(AF_INET6, s.c_str(), address.bytes_.data()) == 1) return address;
  return std::nullopt;
}

std::optional<IpAddress> IpAddress::FromSockaddr(const sockaddr* address) {
  IpAddress out;
  if (address->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(address);
    std::copy(kMappedPrefix.begin(), kMappedPrefix.end(), out.bytes_.begin());
    std::memcpy(&out.bytes_[12], &in->sin_addr, 4);
    return out;
  }
  if (address->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
    std::memcpy(out.bytes_.data(), &in6->sin6_addr, 16);
    return out;
  }
  return std::nullopt;
}

bool IpAddress::is_v4() const {
  return std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), bytes_.begin());
}

std::string IpAddress::ToString() const {
  char text[INET6_ADDRSTRLEN];
  if (is_v4()) {
    inet_ntop(AF_INET, &bytes_[12], text, sizeof text);
  } else {
    inet_ntop(AF_INET6, bytes_.data(), text, sizeof text);
  }
  return text;
}

bool Cidr::Contains(const IpAddress& address) const { return Masked(address, prefix_bits) == base; }

std::string Cidr::ToString() const {
  return base.ToString() + "/" + std::to_string(base.is_v4() ? prefix_bits - 96 : prefix_bits);
}

Result<Cidr> ParseCidr(std::string_view text) {
  const size_t slash = text.find('/');
  std::optional<IpAddress> address = IpAddress::Parse(text.substr(0, slash));
  const std::string quoted = "\"" + std::string(text) + "\"";
  if (!address) {
    return InvalidArgumentError(quoted +
                                ": expected an IP address or CIDR, e.g. 10.0.0.0/8 or "
                                "fc00::/7");
  }
  const int max = address->is_v4() ? 32 : 128;
  int bits = max;
  if (slash != std::string_view::npos && !ParsePrefix(text.substr(slash + 1), max, &bits)) {
    return InvalidArgumentError(quoted + ": the prefix length must be 0.." + std::to_string(max));
  }
  Cidr cidr{Masked(*address, bits + (128 - max)), bits + (128 - max)};
  if (cidr.base != *address) {
    return InvalidArgumentError(quoted + ": host bits are set; did you mean " + cidr.ToString() +
                                "?");
  }
  return cidr;
}

Result<std::vector<Cidr>> ParseCidrs(const std::vector<std::string>& texts) {
  std::vector<Cidr> out;
  for (const std::string& text : texts) {
    Result<Cidr> cidr = ParseCidr(text);
    if (!cidr.ok()) return cidr.status();
    out.push_back(*cidr);
  }
  return out;
}

std::string_view SpecialUseRange(const IpAddress& address) {
  if (std::optional<IpAddress> v4 = EmbeddedV4(address)) return SpecialUseRange(*v4);
  for (const auto& [cidr, reason] : SpecialRanges()) {
    if (cidr.Contains(address)) return reason;
  }
  return "";
}

Status AddressPolicy::Check(const IpAddress& address, std::string_view host) const {
  const std::string_view reason = SpecialUseRange(address);
  if (reason.empty()) return Status::OK();
  for (const Cidr& cidr : allow_) {
    if (cidr.Contains(address)) return Status::OK();
  }
  const std::string text = address.ToString();
  const std::string what = host.empty() || host == text
                               ? text + " (" + std::string(reason) + ")"
                               : std::string(host) + " (" + text + ", " + std::string(reason) + ")";
  return Status(StatusCode::kPermissionDenied,
                "target " + what + " is not allowed; allow it with --notify-allow " + text +
                    (address.is_v4() ? "/32" : "/128"));
}

}  // namespace linea::notify
