#include "sourcedb/testing/test_servers.h"

#include <libpq-fe.h>
#include <mysql.h>
#include <sqlite3.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace linea::sourcedb::testing {
namespace {

constexpr const char* kAbsent = "not installed: ";

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string MakeTempDir(const char* prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / prefix).string() + "XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) return "";
  return pattern;
}

std::string Tail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  std::string text = all.str();
  return text.size() > 600 ? text.substr(text.size() - 600) : text;
}

int Run(const std::string& command) { return std::system(command.c_str()); }

// PostgreSQL refuses to run as root: the postgres user runs it then.
std::string AsPostgres(const std::string& command) {
  return ::geteuid() == 0 ? "runuser -u postgres -- " + command : command;
}

}  // namespace

bool Absent(const Status& status) { return status.message().rfind(kAbsent, 0) == 0; }

// ---------------------------------------------------------------- PostgreSQL

Result<std::unique_ptr<PostgresServer>> PostgresServer::Start() {
  const std::string bin = "/usr/lib/postgresql/15/bin";
  if (!std::filesystem::exists(bin + "/initdb")) {
    return UnavailableError(std::string(kAbsent) + "PostgreSQL 15 (" + bin + "/initdb)");
  }
  std::unique_ptr<PostgresServer> server(new PostgresServer());
  server->bin_ = bin;
  server->dir_ = MakeTempDir("linea-pg.");
  if (server->dir_.empty()) return UnavailableError("cannot create a temporary directory");
  std::filesystem::permissions(server->dir_, std::filesystem::perms::all);
  if (::geteuid() == 0) Run("chown postgres: " + server->dir_);
  const std::string& dir = server->dir_;
  if (Run(AsPostgres(bin + "/initdb -D " + dir + "/data -U postgres --auth=trust -E UTF8 "
                     "--locale=C > " + dir + "/initdb.log 2>&1")) != 0) {
    return UnavailableError("initdb failed: " + Tail(dir + "/initdb.log"));
  }
  for (int attempt = 0; attempt < 3 && !server->running_; ++attempt) {
    server->port_ = FreePort();
    const std::string options = "-k " + dir + " -c listen_addresses=127.0.0.1 -p " +
                                std::to_string(server->port_) +
                                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    server->running_ = Run(AsPostgres(bin + "/pg_ctl -D " + dir + "/data -l " + dir +
                                      "/server.log -w -t 60 start -o '" + options +
                                      "' > /dev/null 2>&1")) == 0;
  }
  if (!server->running_) return UnavailableError("PostgreSQL did not start: " + Tail(dir + "/server.log"));
  return server;
}

PostgresServer::~PostgresServer() {
  Stop();
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
}

void PostgresServer::Stop() {
  if (!running_) return;
  running_ = false;
  Run(AsPostgres(bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop > /dev/null 2>&1"));
}

std::string PostgresServer::Url(std::string_view database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + std::string(database);
}

Status PostgresServer::CreateDatabase(std::string_view name) {
  return Exec("postgres", "CREATE DATABASE \"" + std::string(name) + "\"");
}

Status PostgresServer::Exec(std::string_view database, const std::string& sql) {
  const std::string conninfo = "host=127.0.0.1 port=" + std::to_string(port_) +
                               " user=postgres dbname=" + std::string(database);
  PGconn* conn = PQconnectdb(conninfo.c_str());
  std::unique_ptr<PGconn, decltype(&PQfinish)> owned(conn, PQfinish);
  if (PQstatus(conn) != CONNECTION_OK) return UnavailableError(PQerrorMessage(conn));
  PGresult* result = PQexec(conn, sql.c_str());
  std::unique_ptr<PGresult, decltype(&PQclear)> owned_result(result, PQclear);
  const ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return InternalError(std::string("PostgreSQL: ") + PQresultErrorMessage(result));
  }
  return Status::OK();
}

// ---------------------------------------------------------------- MariaDB

Result<std::unique_ptr<MariadbServer>> MariadbServer::Start() {
  if (Run("command -v mariadbd > /dev/null 2>&1 && command -v mariadb-install-db > /dev/null "
          "2>&1") != 0) {
    return UnavailableError(std::string(kAbsent) + "MariaDB server (mariadbd)");
  }
  std::unique_ptr<MariadbServer> server(new MariadbServer());
  server->dir_ = MakeTempDir("linea-mariadb.");
  if (server->dir_.empty()) return UnavailableError("cannot create a temporary directory");
  const std::string& dir = server->dir_;
  const std::string user = ::geteuid() == 0 ? " --user=root" : "";
  if (Run("mariadb-install-db --no-defaults --datadir=" + dir + "/data" + user +
          " --auth-root-authentication-method=normal --skip-test-db > " + dir +
          "/install.log 2>&1") != 0) {
    return UnavailableError("mariadb-install-db failed: " + Tail(dir + "/install.log"));
  }
  server->port_ = FreePort();
  Run("mariadbd --no-defaults --datadir=" + dir + "/data --socket=" + dir + "/sock --port=" +
      std::to_string(server->port_) + " --bind-address=127.0.0.1" + user + " --pid-file=" + dir +
      "/pid --log-error=" + dir + "/error.log --skip-log-bin --innodb-buffer-pool-size=64M "
      "--skip-name-resolve > /dev/null 2>&1 &");
  server->running_ = true;  // Stop() shuts it down even when it never answers
  for (int i = 0; i < 300; ++i) {  // up to 30 s
    MYSQL* probe = mysql_init(nullptr);
    const bool up = mysql_real_connect(probe, "127.0.0.1", "root", nullptr, nullptr,
                                       static_cast<unsigned int>(server->port_), nullptr,
                                       0) != nullptr;
    mysql_close(probe);
    if (up) return server;
    ::usleep(100 * 1000);
  }
  return UnavailableError("MariaDB did not start: " + Tail(dir + "/error.log"));
}

MariadbServer::~MariadbServer() {
  Stop();
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
}

void MariadbServer::Stop() {
  if (!running_) return;
  running_ = false;
  Run("kill $(cat " + dir_ + "/pid 2>/dev/null) 2>/dev/null; for i in $(seq 1 100); do [ -e " +
      dir_ + "/pid ] || break; sleep 0.1; done");
}

std::string MariadbServer::Url(std::string_view database) const {
  return "mysql://root@127.0.0.1:" + std::to_string(port_) + "/" + std::string(database);
}

Status MariadbServer::CreateDatabase(std::string_view name) {
  return Exec("", "CREATE DATABASE `" + std::string(name) + "`");
}

Status MariadbServer::Exec(std::string_view database, const std::string& sql) {
  MYSQL* mysql = mysql_init(nullptr);
  std::unique_ptr<MYSQL, decltype(&mysql_close)> owned(mysql, mysql_close);
  const std::string db(database);
  if (mysql_real_connect(mysql, "127.0.0.1", "root", nullptr, db.empty() ? nullptr : db.c_str(),
                         static_cast<unsigned int>(port_), nullptr, CLIENT_MULTI_STATEMENTS) ==
      nullptr) {
    return UnavailableError(mysql_error(mysql));
  }
  if (mysql_real_query(mysql, sql.data(), sql.size()) != 0) {
    return InternalError(std::string("MariaDB: ") + mysql_error(mysql));
  }
  do {  // consume every statement's result; an error in a later one surfaces here
    if (MYSQL_RES* r = mysql_store_result(mysql)) mysql_free_result(r);
  } while (mysql_next_result(mysql) == 0);
  if (mysql_errno(mysql) != 0) return InternalError(std::string("MariaDB: ") + mysql_error(mysql));
  return Status::OK();
}

Result<PostgresServer*> SharedPostgres() {
  static Result<std::unique_ptr<PostgresServer>> server = PostgresServer::Start();
  if (!server.ok()) return server.status();
  return server->get();
}

Result<MariadbServer*> SharedMariadb() {
  static Result<std::unique_ptr<MariadbServer>> server = MariadbServer::Start();
  if (!server.ok()) return server.status();
  return server->get();
}

Status ExecSqlite(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return InternalError("cannot open " + path + ": " + message);
  }
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  return rc == SQLITE_OK ? Status::OK() : InternalError(path + ": " + message);
}

}  // namespace linea::sourcedb::testing
