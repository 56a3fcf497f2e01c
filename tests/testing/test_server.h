// tests/testing/test_server.h: the real linea HTTP server on an ephemeral loopback port, over a
// real SQLite catalog in a temp dir, served on a background thread (cpp-httplib's
// bind_to_any_port + listen_after_bind idiom), plus an HTTP client for it.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "catalog/catalog.h"
#include "server/http_server.h"

namespace linea::testing {

class TestServer {
 public:
  // Opens (creating) `db_path`, applies the tiny mesh when `tiny_mesh`, and serves it.
  TestServer(const std::string& db_path, server::ServerOptions options, bool tiny_mesh = true);
  ~TestServer();

  catalog::Catalog& catalog() { return *catalog_; }
  int port() const { return server_->port(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }
  // A fresh client with an optional bearer token.
  std::unique_ptr<httplib::Client> Client(const std::string& token = "") const;
  // Stops serving (in-flight requests complete) and joins the thread.
  void Stop();

 private:
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<server::HttpServer> server_;
  std::thread thread_;
};

}  // namespace linea::testing
