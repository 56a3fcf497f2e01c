#include "sourcedb/connection.h"

#include <charconv>

#include "sourcedb/internal/engines.h"

namespace linea::sourcedb {

int64_t Row::Int(size_t column, int64_t fallback) const {
  if (IsNull(column)) return fallback;
  std::string_view text = Text(column);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() ? value : fallback;
}

std::string Connection::Quote(std::string_view ident) const {
  const char q = engine() == Engine::kMysql ? '`' : '"';
  std::string out(1, q);
  for (char c : ident) {
    if (c == q) out.push_back(q);
    out.push_back(c);
  }
  out.push_back(q);
  return out;
}

Result<std::unique_ptr<Connection>> Connection::Open(const DbUrl& url,
                                                     const ConnectOptions& options) {
  switch (url.engine) {
    case Engine::kSqlite:
      return internal::OpenSqlite(url, options);
    case Engine::kPostgres:
      return internal::OpenPostgres(url, options);
    case Engine::kMysql:
      return internal::OpenMysql(url, options);
  }
  return InvalidArgumentError("unknown database engine");
}

}  // namespace linea::sourcedb
