#include "sourcedb/db_url.h"

#include <charconv>

#include "common/strings.h"

namespace linea::sourcedb {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> PercentDecode(std::string_view text, std::string_view what) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    const int hi = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
    const int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      return InvalidArgumentError("database URL: bad percent escape in the " + std::string(what));
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

}  // namespace

std::string_view EngineName(Engine engine) {
  switch (engine) {
    case Engine::kSqlite:
      return "sqlite";
    case Engine::kPostgres:
      return "postgresql";
    case Engine::kMysql:
      return "mysql";
  }
  return "?";
}

std::string DbUrl::Redacted() const {
  if (engine == Engine::kSqlite) return "sqlite:" + path;
  std::string out = std::string(EngineName(engine)) + "://";
  if (!user.empty()) out += user + "@";
  out += host;
  if (port != 0) out += ":" + std::to_string(port);
  out += "/" + database;
  return out;
}

Result<DbUrl> ParseDbUrl(std::string_view url) {
  DbUrl out;
  const size_t colon = url.find(':');
  if (colon == std::string_view::npos) {
    return InvalidArgumentError("database URL \"" + std::string(url) +
                                "\": expected postgresql://, mysql:// or sqlite:");
  }
  const std::string scheme = ToLower(url.substr(0, colon));
  std::string_view rest = url.substr(colon + 1);
  if (scheme == "sqlite") {
    out.engine = Engine::kSqlite;
    // sqlite:///abs/path.db (empty authority) or sqlite:relative/path.db
    if (rest.substr(0, 2) == "//") rest.remove_prefix(2);
    if (rest.empty()) return InvalidArgumentError("database URL: sqlite: needs a file path");
    Result<std::string> path = PercentDecode(rest, "path");
    if (!path.ok()) return path.status();
    out.path = *path;
    return out;
  }
  if (scheme == "postgresql" || scheme == "postgres") {
    out.engine = Engine::kPostgres;
  } else if (scheme == "mysql" || scheme == "mariadb") {
    out.engine = Engine::kMysql;
  } else {
    return InvalidArgumentError("database URL: unknown scheme \"" + scheme +
                                "\" (expected postgresql, mysql, mariadb or sqlite)");
  }
  if (rest.substr(0, 2) != "//") {
    return InvalidArgumentError("database URL: expected " + scheme + "://[user@]host[:port]/database");
  }
  rest.remove_prefix(2);
  // user:password@ ends at the last '@', so that a password holding '/', '?' or ':' (not
  // percent-encoded) is never taken for the host, the database or the query.
  std::string_view userinfo;
  bool has_userinfo = false;
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) {
    userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    has_userinfo = true;
  }
  std::string_view query;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view database = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  if (database.empty()) {
    return InvalidArgumentError("database URL: no database name after the host (" + scheme +
                                "://host/DATABASE)");
  }
  if (has_userinfo) {
    std::string_view user = userinfo, password;
    if (size_t c = userinfo.find(':'); c != std::string_view::npos) {
      user = userinfo.substr(0, c);
      password = userinfo.substr(c + 1);
    }
    Result<std::string> u = PercentDecode(user, "user");
    if (!u.ok()) return u.status();
    Result<std::string> p = PercentDecode(password, "password");
    if (!p.ok()) return InvalidArgumentError("database URL: bad percent escape in the password");
    out.user = *u;
    out.password = *p;
  }
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {  // [::1]:5432
    const size_t close = host.find(']');
    if (close == std::string_view::npos) return InvalidArgumentError("database URL: unclosed [ in the host");
    out.host = std::string(host.substr(1, close - 1));
    host = host.substr(close + 1);
    if (!host.empty() && host.front() != ':') return InvalidArgumentError("database URL: bad host");
  } else {
    const size_t c = host.rfind(':');
    out.host = std::string(host.substr(0, c));
    host = c == std::string_view::npos ? std::string_view() : host.substr(c);
  }
  if (!host.empty()) {  // ":port"
    std::string_view digits = host.substr(1);
    int port = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || port <= 0 ||
        port > 65535) {
      return InvalidArgumentError("database URL: bad port \"" + std::string(digits) + "\"");
    }
    out.port = port;
  }
  Result<std::string> db = PercentDecode(database, "database name");
  if (!db.ok()) return db.status();
  out.database = *db;
  for (const std::string& pair : Split(query, '&')) {
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    Result<std::string> key = PercentDecode(pair.substr(0, eq), "query");
    Result<std::string> value =
        PercentDecode(eq == std::string::npos ? "" : std::string_view(pair).substr(eq + 1), "query");
    if (!key.ok()) return key.status();
    if (!value.ok()) return value.status();
    out.params[*key] = *value;
  }
  return out;
}

}  // namespace linea::sourcedb
