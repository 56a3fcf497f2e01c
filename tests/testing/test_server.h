// tests/testing/test_server.h: the real linea HTTP server on an ephemeral loopback port, over a
// real SQLite catalog in a temp dir (composed by app::App as `linea serve` does), served on a
// background thread, plus an HTTP client for it.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "app/app.h"
#include "secrets/key_ring.h"
#include "server/http_server.h"

namespace linea::testing {

class TestServer {
 public:
  // Opens (creating) `db_path` with `app_options`, applies the tiny mesh when `tiny_mesh`, and
  // serves it with the app's background work (outbox, reminders, token reloads) running.
  // `key_ring` (optional) seals contact secrets in the file (SqliteOptions::key_ring).
  TestServer(const std::string& db_path, server::ServerOptions options, bool tiny_mesh = true,
             app::AppOptions app_options = {},
             std::shared_ptr<const secrets::KeyRing> key_ring = nullptr);
  ~TestServer();

  app::App& app() { return *app_; }
  catalog::Catalog& catalog() { return app_->catalog(); }
  int port() const { return server_->port(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }
  // A fresh client with an optional bearer token.
  std::unique_ptr<httplib::Client> Client(const std::string& token = "") const;
  // Stops serving (in-flight requests complete) and joins the thread.
  void Stop();

 private:
  std::unique_ptr<app::App> app_;
  std::unique_ptr<server::HttpServer> server_;
  std::thread thread_;
};

}  // namespace linea::testing
