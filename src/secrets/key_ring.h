// src/secrets/key_ring.h: secret values sealed at rest with AES-256-GCM.
//
// A sealed value is one string, "enc:v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>": a random
// 96-bit nonce per value, the 128-bit GCM tag, and the id of the key that sealed it (the first
// 8 hex digits of SHA-256 of the 32 key bytes), so a reader knows which key opens it and a
// rotation can tell what is left under an old key. The id says nothing about the key.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace linea::secrets {

inline constexpr std::string_view kSealedPrefix = "enc:v1:";

// True when `value` has the sealed form's prefix (it may still be malformed).
bool IsSealed(std::string_view value);
// The key id of a sealed value ("" when `value` is not one).
std::string SealedKeyId(std::string_view value);

// A 256-bit key. Copyable; the bytes never appear in messages.
class Key {
 public:
  // From the base64 of exactly 32 bytes (what `openssl rand -base64 32` prints); surrounding
  // whitespace is ignored. kInvalidArgument otherwise (the message never quotes the text).
  static Result<Key> FromBase64(std::string_view text);

  const std::string& id() const { return id_; }
  const std::string& bytes() const { return bytes_; }

 private:
  Key(std::string bytes, std::string id) : bytes_(std::move(bytes)), id_(std::move(id)) {}
  std::string bytes_;
  std::string id_;
};

// The key new values are sealed with, plus older keys that may still open stored values.
// An empty ring (no key) stores values as they are. Thread-safe: const methods may run
// concurrently.
class KeyRing {
 public:
  KeyRing() = default;
  // `current` seals; `current` and `older` open.
  explicit KeyRing(Key current, std::vector<Key> older = {});

  bool has_key() const { return current_.has_value(); }
  // The current key's id; "" without a key.
  std::string current_id() const { return current_ ? current_->id() : std::string(); }

  // `plaintext` sealed under the current key; `plaintext` itself when the ring has no key.
  // kInternal when OpenSSL fails.
  Result<std::string> Seal(std::string_view plaintext) const;

  // The plaintext of a sealed `value`; a value that is not sealed is returned as it is.
  // kFailedPrecondition "encrypted under key <id>, which is not configured" when no key of the
  // ring has its id; kDataLoss when it is malformed or fails authentication (a wrong key with
  // a colliding id, or tampering).
  Result<std::string> Open(std::string_view value) const;

 private:
  const Key* Find(std::string_view id) const;

  std::optional<Key> current_;
  std::vector<Key> older_;
};

}  // namespace linea::secrets
