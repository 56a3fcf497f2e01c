// src/secrets/key_source.h: where a process gets its secret key — `--secret-key-file FILE`
// (the file holds the key as base64 of 32 bytes, e.g. `openssl rand -base64 32 > FILE`), else
// the environment variable LINEA_SECRET_KEY (the same base64 text). Neither: no key.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "secrets/key_ring.h"

namespace linea::secrets {

inline constexpr const char* kSecretKeyEnv = "LINEA_SECRET_KEY";

// The key of `file`. kInvalidArgument naming the file (never its content) when it cannot be
// read or holds no valid key.
Result<Key> ReadKeyFile(const std::string& file);

// The configured key: from `key_file` when not empty, else from $LINEA_SECRET_KEY, else
// nullopt. kInvalidArgument naming the file or the variable when the key is invalid.
Result<std::optional<Key>> ConfiguredKey(const std::string& key_file);

}  // namespace linea::secrets
