// The MySQL/MariaDB Connection over libmariadb: a read-only session, rows streamed with
// mysql_use_result. Parameters are escaped with mysql_real_escape_string into the query text.
#include <mysql.h>

#include "sourcedb/internal/engines.h"

namespace linea::sourcedb::internal {
namespace {

class MysqlRow final : public Row {
 public:
  MysqlRow(MYSQL_ROW row, unsigned long* lengths, unsigned int fields)
      : row_(row), lengths_(lengths), fields_(fields) {}
  size_t size() const override { return fields_; }
  bool IsNull(size_t column) const override { return row_[column] == nullptr; }
  std::string_view Text(size_t column) const override {
    if (row_[column] == nullptr) return {};
    return {row_[column], static_cast<size_t>(lengths_[column])};
  }

 private:
  MYSQL_ROW row_;
  unsigned long* lengths_;
  unsigned int fields_;
};

class MysqlConnection final : public Connection {
 public:
  MysqlConnection(MYSQL* mysql, DbUrl url) : mysql_(mysql), url_(std::move(url)) {}
  ~MysqlConnection() override { mysql_close(mysql_); }

  Engine engine() const override { return Engine::kMysql; }

  Status Query(std::string_view sql, const std::vector<std::string>& params,
               const std::function<Status(const Row&)>& on_row) override {
    std::string text;
    size_t next = 0;
    char quote = 0;
    for (char c : sql) {
      if (quote != 0) {
        if (c == quote) quote = 0;
        text.push_back(c);
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        text.push_back(c);
      } else if (c == '?' && next < params.size()) {
        const std::string& p = params[next++];
        std::string escaped(p.size() * 2 + 1, '\0');
        escaped.resize(mysql_real_escape_string(mysql_, escaped.data(), p.data(), p.size()));
        text += "'" + escaped + "'";
      } else {
        text.push_back(c);
      }
    }
    if (mysql_real_query(mysql_, text.data(), text.size()) != 0) return Failed();
    MYSQL_RES* result = mysql_use_result(mysql_);
    if (result == nullptr) return mysql_field_count(mysql_) == 0 ? Status::OK() : Failed();
    std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> owned(result, mysql_free_result);
    const unsigned int fields = mysql_num_fields(result);
    Status status;
    while (MYSQL_ROW row = mysql_fetch_row(result)) {
      if (!status.ok()) continue;  // read the rest: the connection must end the result
      MysqlRow r(row, mysql_fetch_lengths(result), fields);
      status = on_row(r);
    }
    if (status.ok() && mysql_errno(mysql_) != 0) return Failed();
    return status;
  }

 private:
  Status Failed() {
    const unsigned int code = mysql_errno(mysql_);
    // 2006 server gone away, 2013 lost connection during query
    if (code == 2006 || code == 2013) {
      return UnavailableError("lost the connection to " + url_.Redacted() + ": " +
                              mysql_error(mysql_));
    }
    return QueryError(mysql_error(mysql_));
  }

  MYSQL* mysql_;
  const DbUrl url_;
};

}  // namespace

Result<std::unique_ptr<Connection>> OpenMysql(const DbUrl& url, const ConnectOptions& options) {
  MYSQL* mysql = mysql_init(nullptr);
  if (mysql == nullptr) return ConnectError(url, "out of memory");
  const unsigned int connect_timeout = static_cast<unsigned int>(options.connect_timeout_seconds);
  const unsigned int read_timeout = static_cast<unsigned int>(options.read_timeout_seconds);
  mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
  mysql_options(mysql, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
  mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  const std::string password = !options.password.empty() ? options.password : url.password;
  auto socket = url.params.find("socket");  // ?socket=/run/mysqld/mysqld.sock
  const char* host = url.host.empty() ? nullptr : url.host.c_str();
  if (mysql_real_connect(mysql, host, url.user.empty() ? nullptr : url.user.c_str(),
                         password.empty() ? nullptr : password.c_str(), url.database.c_str(),
                         static_cast<unsigned int>(url.port),
                         socket == url.params.end() ? nullptr : socket->second.c_str(),
                         0) == nullptr) {
    std::string cause = mysql_error(mysql);
    mysql_close(mysql);
    return ConnectError(url, cause);
  }
  auto connection = std::make_unique<MysqlConnection>(mysql, url);
  Status read_only =
      connection->Query("SET SESSION TRANSACTION READ ONLY", {}, [](const Row&) { return Status(); });
  if (!read_only.ok()) return ConnectError(url, read_only.message());
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace linea::sourcedb::internal
