// src/connectors/db_url_key.h: a config key holding a source database's URL (`url:` of a
// hive-metastore connector, `store:` of an mlflow one), parsed and checked in one place.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "connectors/config.h"
#include "sourcedb/db_url.h"

namespace linea::connectors {

// Parses `text`, the value of `key`: kInvalidArgument at the key's line ("hms.yaml:3: bad
// \"url\": unknown scheme …") when it is not a database URL. A relative SQLite path becomes
// relative to `base_dir` (the config file's directory).
Result<sourcedb::DbUrl> ParseDbUrlKey(const ConfigReader& reader, std::string_view key,
                                      const std::string& text, const std::string& base_dir);

}  // namespace linea::connectors
