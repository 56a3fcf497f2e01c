// src/sourcedb/testing/test_servers.h (tests only): private database servers for connector
// tests — a PostgreSQL 15 or MariaDB server initialized in a temporary directory, listening on
// loopback at a free port, stopped and removed when the object dies. As root, PostgreSQL runs
// as the `postgres` user (it refuses root) and MariaDB with --user=root.
//
//   auto pg = PostgresServer::Start();          // skip the test when !pg.ok(): see Absent()
//   ASSERT_THAT((*pg)->CreateDatabase("metastore"), IsOk());
//   ASSERT_THAT((*pg)->Exec("metastore", schema_sql), IsOk());
//   std::string url = (*pg)->Url("metastore");  // postgresql://postgres@127.0.0.1:PORT/metastore
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace linea::sourcedb::testing {

class PostgresServer {
 public:
  // kUnavailable when the server binaries are not installed (Absent() tells) or it would not
  // start (the message carries its log's tail).
  static Result<std::unique_ptr<PostgresServer>> Start();
  ~PostgresServer();

  std::string Url(std::string_view database) const;
  int port() const { return port_; }
  Status CreateDatabase(std::string_view name);
  // Runs one or more statements (a schema script) in `database` as the superuser.
  Status Exec(std::string_view database, const std::string& sql);
  // Stops the server now (a source going away in the middle of a test).
  void Stop();

 private:
  PostgresServer() = default;
  std::string dir_, bin_;
  int port_ = 0;
  bool running_ = false;
};

class MariadbServer {
 public:
  static Result<std::unique_ptr<MariadbServer>> Start();
  ~MariadbServer();

  std::string Url(std::string_view database) const;  // mysql://root@127.0.0.1:PORT/database
  int port() const { return port_; }
  Status CreateDatabase(std::string_view name);
  Status Exec(std::string_view database, const std::string& sql);
  void Stop();

 private:
  MariadbServer() = default;
  std::string dir_;
  int port_ = 0;
  bool running_ = false;
};

// The test binary's one server of each kind, started on first use and stopped when the binary
// exits; the error of Start() when it cannot run. Connector suites share it (one database per
// test) and are registered with CTest as one test (linea_cc_test WHOLE), so it starts once.
Result<PostgresServer*> SharedPostgres();
Result<MariadbServer*> SharedMariadb();

// Runs a script (one or more statements) on the SQLite file at `path`, creating it:
// the SQLite counterpart of PostgresServer::Exec. kInternal with SQLite's message on failure.
Status ExecSqlite(const std::string& path, const std::string& sql);

// True when `status` (from Start()) means the server software is not installed, so the test
// may skip; on the project's machines `make test` installs it.
bool Absent(const Status& status);

}  // namespace linea::sourcedb::testing
