#include "secrets/key_source.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace linea::secrets {

Result<Key> ReadKeyFile(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return InvalidArgumentError("cannot read secret key file " + file);
  std::ostringstream text;
  text << in.rdbuf();
  Result<Key> key = Key::FromBase64(text.str());
  if (!key.ok()) return key.status().WithPrefix("secret key file " + file);
  return key;
}

Result<std::optional<Key>> ConfiguredKey(const std::string& key_file) {
  if (!key_file.empty()) {
    Result<Key> key = ReadKeyFile(key_file);
    if (!key.ok()) return key.status();
    return std::optional<Key>(std::move(*key));
  }
  const char* env = std::getenv(kSecretKeyEnv);
  if (env == nullptr || *env == '\0') return std::optional<Key>();
  Result<Key> key = Key::FromBase64(env);
  if (!key.ok()) return key.status().WithPrefix(kSecretKeyEnv);
  return std::optional<Key>(std::move(*key));
}

}  // namespace linea::secrets
