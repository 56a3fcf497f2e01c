// src/connectors/secrets.h: credentials named by a connector's config, never written in it —
// `password_env: HMS_PASSWORD` (an environment variable) or `password_file: secrets/hms`
// (a file, relative to the config's directory; one trailing newline is dropped). The value is
// never stored in the catalog, printed or logged; errors name the key, the variable or the
// file, not the value.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "connectors/config.h"

namespace linea::connectors {

// Reads `<prefix>_env` / `<prefix>_file` (e.g. prefix "password") from `reader`: "" when
// neither is given. kInvalidArgument at the key's line when both are given, the variable is
// unset or empty, or the file cannot be read.
Result<std::string> ReadSecret(ConfigReader& reader, std::string_view prefix,
                               const std::string& base_dir);

// `path` relative to `base_dir` unless absolute.
std::string ResolvePath(const std::string& base_dir, const std::string& path);

}  // namespace linea::connectors
