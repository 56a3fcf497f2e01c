// src/sourcedb/db_url.h: the URL of a source database a connector reads, as written in its
// config: `postgresql://user@host:5432/db?sslmode=require`, `mysql://user@host/db` (also
// `mariadb://`), `sqlite:///abs/path.db` or `sqlite:relative/path.db`.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/result.h"

namespace linea::sourcedb {

enum class Engine { kSqlite, kPostgres, kMysql };

// "sqlite", "postgresql", "mysql".
std::string_view EngineName(Engine engine);

struct DbUrl {
  Engine engine = Engine::kSqlite;
  std::string user;
  std::string password;  // from the URL itself; a config's password_env/password_file wins
  std::string host;      // "" = the client library's default (a local socket)
  int port = 0;          // 0 = the engine's default
  std::string database;  // PostgreSQL/MySQL database
  std::string path;      // SQLite file, as written (relative paths are the caller's to resolve)
  std::map<std::string, std::string> params;  // query parameters (sslmode=…, connect_timeout=…)

  // The URL without its password ("postgresql://hive@db:5432/metastore"): safe to print.
  std::string Redacted() const;
};

// Parses `url`. kInvalidArgument naming what is wrong: an unknown scheme (with the accepted
// ones), a bad port, a missing database or path, a bad percent escape. User, password and
// database are percent-decoded.
Result<DbUrl> ParseDbUrl(std::string_view url);

}  // namespace linea::sourcedb
