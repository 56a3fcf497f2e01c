// The PostgreSQL Connection over libpq: read-only sessions, rows streamed in single-row mode.
#include <libpq-fe.h>

#include "sourcedb/internal/engines.h"

namespace linea::sourcedb::internal {
namespace {

// `?` placeholders → `$1`, `$2`, … (outside quoted strings and identifiers).
std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class PgRow final : public Row {
 public:
  explicit PgRow(const PGresult* result) : result_(result) {}
  size_t size() const override { return static_cast<size_t>(PQnfields(result_)); }
  bool IsNull(size_t column) const override {
    return PQgetisnull(result_, 0, static_cast<int>(column)) != 0;
  }
  std::string_view Text(size_t column) const override {
    const int c = static_cast<int>(column);
    return {PQgetvalue(result_, 0, c), static_cast<size_t>(PQgetlength(result_, 0, c))};
  }

 private:
  const PGresult* result_;
};

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(PGconn* conn, DbUrl url) : conn_(conn), url_(std::move(url)) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  Engine engine() const override { return Engine::kPostgres; }

  Status Query(std::string_view sql, const std::vector<std::string>& params,
               const std::function<Status(const Row&)>& on_row) override {
    const std::string numbered = NumberPlaceholders(sql);
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    if (!PQsendQueryParams(conn_, numbered.c_str(), static_cast<int>(values.size()), nullptr,
                           values.data(), nullptr, nullptr, 0)) {
      return Lost();
    }
    PQsetSingleRowMode(conn_);
    Status status;
    bool stopped = false;
    for (;;) {
      ResultPtr result(PQgetResult(conn_), &PQclear);
      if (!result) break;
      if (stopped) continue;  // drain what the server still sends after a stop
      switch (PQresultStatus(result.get())) {
        case PGRES_SINGLE_TUPLE: {
          PgRow row(result.get());
          status = on_row(row);
          if (!status.ok()) {
            stopped = true;
            Cancel();
          }
          break;
        }
        case PGRES_TUPLES_OK:
        case PGRES_COMMAND_OK:
          break;
        default:
          if (PQstatus(conn_) == CONNECTION_BAD) return Lost();
          status = QueryError(PQresultErrorMessage(result.get()));
          stopped = true;
      }
    }
    if (status.ok() && PQstatus(conn_) == CONNECTION_BAD) return Lost();
    return status;
  }

 private:
  Status Lost() {
    return UnavailableError("lost the connection to " + url_.Redacted() + ": " +
                            std::string(PQerrorMessage(conn_)).substr(0, 200));
  }
  void Cancel() {
    PGcancel* cancel = PQgetCancel(conn_);
    if (cancel == nullptr) return;
    char error[256];
    PQcancel(cancel, error, sizeof error);
    PQfreeCancel(cancel);
  }

  PGconn* conn_;
  const DbUrl url_;
};

}  // namespace

Result<std::unique_ptr<Connection>> OpenPostgres(const DbUrl& url, const ConnectOptions& options) {
  const std::string port = url.port ? std::to_string(url.port) : "";
  const std::string password = !options.password.empty() ? options.password : url.password;
  const std::string timeout = std::to_string(options.connect_timeout_seconds);
  const std::string session = "-c default_transaction_read_only=on -c statement_timeout=" +
                              std::to_string(options.read_timeout_seconds * 1000);
  std::vector<const char*> keys, values;
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    keys.push_back(key);
    values.push_back(value.c_str());
  };
  add("host", url.host);
  add("port", port);
  add("user", url.user);
  add("password", password);
  add("dbname", url.database);
  add("connect_timeout", timeout);
  add("options", session);
  const std::string app = "linea";
  add("application_name", app);
  const std::string utf8 = "UTF8";  // the server converts: every text linea reads is UTF-8
  add("client_encoding", utf8);
  for (const auto& [key, value] : url.params) {
    if (key == "sslmode" || key == "sslrootcert" || key == "sslcert" || key == "sslkey" ||
        key == "target_session_attrs") {
      add(key.c_str(), value);
    }
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), 0);
  if (conn == nullptr) return ConnectError(url, "out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string cause = PQerrorMessage(conn);
    PQfinish(conn);
    return ConnectError(url, cause);
  }
  return std::unique_ptr<Connection>(new PostgresConnection(conn, url));
}

}  // namespace linea::sourcedb::internal
