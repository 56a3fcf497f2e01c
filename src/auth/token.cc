#include "auth/token.h"

#include <openssl/rand.h>

#include <array>
#include <cstdlib>

#include "common/sha256.h"

namespace linea::auth {
namespace {

constexpr std::string_view kSecretPrefix = "lin_";
constexpr size_t kSecretBytes = 32;
constexpr size_t kMaxNameLength = 64;

// RFC 4648 §5 alphabet, without padding: 32 bytes → 43 characters.
std::string Base64Url(const unsigned char* data, size_t size) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((size * 4 + 2) / 3);
  uint32_t bits = 0;
  int pending = 0;  // bits buffered in `bits`
  for (size_t i = 0; i < size; ++i) {
    bits = (bits << 8) | data[i];
    pending += 8;
    while (pending >= 6) {
      pending -= 6;
      out.push_back(kAlphabet[(bits >> pending) & 0x3F]);
    }
  }
  if (pending > 0) out.push_back(kAlphabet[(bits << (6 - pending)) & 0x3F]);
  return out;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kReader:
      return "reader";
    case Role::kWriter:
      return "writer";
    case Role::kAdmin:
      return "admin";
  }
  return "reader";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : {Role::kReader, Role::kWriter, Role::kAdmin}) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

std::string NewTokenSecret() {
  std::array<unsigned char, kSecretBytes> bytes;
  // RAND_bytes fails only when the CSPRNG cannot be seeded; issuing a guessable token would be
  // worse than stopping, so this is treated as fatal.
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) std::abort();
  return std::string(kSecretPrefix) + Base64Url(bytes.data(), bytes.size());
}

std::string HashToken(std::string_view secret) { return Sha256Hex(secret); }

bool IsValidTokenName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) return false;
  for (char c : name) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

}  // namespace linea::auth
