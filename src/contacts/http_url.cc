#include "contacts/http_url.h"

#include "common/strings.h"

namespace linea::contacts {
namespace {

bool HasSpaceOrControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7F) return true;
  }
  return false;
}

bool IsValidPort(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  int value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value >= 1 && value <= 65535;
}

// `hostport` is the authority without userinfo: "host", "host:port", "[v6]" or "[v6]:port".
bool IsValidHostPort(std::string_view hostport) {
  std::string_view host = hostport, port;
  bool has_port = false;
  const bool bracketed = StartsWith(hostport, "[");
  if (bracketed) {
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) return false;
    host = hostport.substr(1, close - 1);
    std::string_view rest = hostport.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return false;
      has_port = true;
      port = rest.substr(1);
    }
  } else if (size_t colon = hostport.rfind(':'); colon != std::string_view::npos) {
    host = hostport.substr(0, colon);
    has_port = true;
    port = hostport.substr(colon + 1);
  }
  if (host.empty() || host.find_first_of(bracketed ? "[]" : ":[]") != std::string_view::npos) {
    return false;
  }
  return !has_port || IsValidPort(port);
}

}  // namespace

bool IsHttpUrl(std::string_view url) {
  if (HasSpaceOrControl(url)) return false;
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) return false;
  std::string scheme = ToLower(url.substr(0, sep));
  if (scheme != "http" && scheme != "https") return false;
  std::string_view rest = url.substr(sep + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  return IsValidHostPort(authority);
}

}  // namespace linea::contacts
