#include "secrets/key_ring.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

#include "common/base64.h"
#include "common/sha256.h"
#include "common/strings.h"

namespace linea::secrets {
namespace {

constexpr size_t kKeyBytes = 32;
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;
constexpr size_t kKeyIdChars = 8;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx NewCtx() { return CipherCtx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free); }

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* Bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

// nonce ‖ ciphertext ‖ tag, or nullopt when OpenSSL fails.
std::optional<std::string> Encrypt(const Key& key, std::string_view plaintext) {
  std::string out(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  if (RAND_bytes(Bytes(out), kNonceBytes) != 1) return std::nullopt;
  CipherCtx ctx = NewCtx();
  int len = 0;
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key.bytes()), Bytes(out)) !=
          1 ||
      EVP_EncryptUpdate(ctx.get(), Bytes(out) + kNonceBytes, &len, Bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), Bytes(out) + kNonceBytes + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                          Bytes(out) + kNonceBytes + plaintext.size()) != 1) {
    return std::nullopt;
  }
  return out;
}

// The plaintext of nonce ‖ ciphertext ‖ tag; nullopt when it fails authentication.
std::optional<std::string> Decrypt(const Key& key, std::string_view sealed) {
  if (sealed.size() < kNonceBytes + kTagBytes) return std::nullopt;
  const size_t n = sealed.size() - kNonceBytes - kTagBytes;
  std::string out(n, '\0');
  std::string tag(sealed.substr(kNonceBytes + n));
  CipherCtx ctx = NewCtx();
  int len = 0;
  if (!ctx ||
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key.bytes()),
                         Bytes(sealed)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), Bytes(out), &len, Bytes(sealed) + kNonceBytes,
                        static_cast<int>(n)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, Bytes(tag)) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), Bytes(out) + len, &len) != 1) {
    return std::nullopt;
  }
  return out;
}

}  // namespace

bool IsSealed(std::string_view value) { return StartsWith(value, kSealedPrefix); }

std::string SealedKeyId(std::string_view value) {
  if (!IsSealed(value)) return std::string();
  value.remove_prefix(kSealedPrefix.size());
  return std::string(value.substr(0, value.find(':')));
}

Result<Key> Key::FromBase64(std::string_view text) {
  std::optional<std::string> bytes = Base64Decode(Trim(text));
  if (!bytes || bytes->size() != kKeyBytes) {
    return InvalidArgumentError(
        "a secret key must be the base64 of 32 bytes (generate one with "
        "`openssl rand -base64 32`)");
  }
  std::string id = Sha256Hex(*bytes).substr(0, kKeyIdChars);
  return Key(std::move(*bytes), std::move(id));
}

KeyRing::KeyRing(Key current, std::vector<Key> older)
    : current_(std::move(current)), older_(std::move(older)) {}

const Key* KeyRing::Find(std::string_view id) const {
  if (current_ && current_->id() == id) return &*current_;
  for (const Key& key : older_) {
    if (key.id() == id) return &key;
  }
  return nullptr;
}

Result<std::string> KeyRing::Seal(std::string_view plaintext) const {
  if (!current_) return std::string(plaintext);
  std::optional<std::string> sealed = Encrypt(*current_, plaintext);
  if (!sealed) return InternalError("AES-256-GCM encryption failed");
  return std::string(kSealedPrefix) + current_->id() + ":" + Base64Encode(*sealed);
}

Result<std::string> KeyRing::Open(std::string_view value) const {
  if (!IsSealed(value)) return std::string(value);
  const std::string id = SealedKeyId(value);
  const Key* key = Find(id);
  if (key == nullptr) {
    return FailedPreconditionError("encrypted under key " + id +
                                   ", which is not configured (LINEA_SECRET_KEY or "
                                   "--secret-key-file)");
  }
  std::string_view payload = value.substr(kSealedPrefix.size() + id.size());
  if (!StartsWith(payload, ":")) return DataLossError("malformed encrypted value");
  std::optional<std::string> sealed = Base64Decode(payload.substr(1));
  std::optional<std::string> plain = sealed ? Decrypt(*key, *sealed) : std::nullopt;
  if (!plain) return DataLossError("encrypted value under key " + id + " fails authentication");
  return *plain;
}

}  // namespace linea::secrets
