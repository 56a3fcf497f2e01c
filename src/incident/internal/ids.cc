#include "incident/internal/ids.h"

#include <openssl/rand.h>

#include <random>

namespace linea::incident::internal {
namespace {

std::string Hex(const unsigned char* bytes, size_t size) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

}  // namespace

std::string NewIncidentId() {
  unsigned char bytes[6];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    std::random_device device;  // OpenSSL's generator failed: fall back to the OS one
    for (unsigned char& b : bytes) b = static_cast<unsigned char>(device());
  }
  return "inc-" + Hex(bytes, sizeof(bytes));
}

std::string DeliveryId(std::string_view incident_id, std::string_view event_key,
                       std::string_view team, int contact_index) {
  std::string key;
  key.append(incident_id).append("|").append(event_key).append("|").append(team);
  key.append("|").append(std::to_string(contact_index));
  return Sha256Hex(key);
}

}  // namespace linea::incident::internal
