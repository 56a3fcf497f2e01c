// src/sourcedb/internal/engines.h: the three Connection implementations (connection.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "sourcedb/connection.h"

namespace linea::sourcedb::internal {

Result<std::unique_ptr<Connection>> OpenSqlite(const DbUrl& url, const ConnectOptions& options);
Result<std::unique_ptr<Connection>> OpenPostgres(const DbUrl& url, const ConnectOptions& options);
Result<std::unique_ptr<Connection>> OpenMysql(const DbUrl& url, const ConnectOptions& options);

// kUnavailable "cannot connect to <url.Redacted()>: <first line of cause>".
Status ConnectError(const DbUrl& url, std::string_view cause);
// kFailedPrecondition "query failed: <first line of message>".
Status QueryError(std::string_view message);

}  // namespace linea::sourcedb::internal
