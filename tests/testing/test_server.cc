#include "tests/testing/test_server.h"

#include <gtest/gtest.h>

#include "generate/mesh.h"
#include "store/sqlite/sqlite_store.h"

namespace linea::testing {

TestServer::TestServer(const std::string& db_path, server::ServerOptions options, bool tiny_mesh,
                       app::AppOptions app_options,
                       std::shared_ptr<const secrets::KeyRing> key_ring) {
  auto store = store::OpenSqliteStore({.path = db_path, .key_ring = std::move(key_ring)});
  if (!store.ok()) ADD_FAILURE() << store.status().ToString();
  auto app = app::App::Open(std::move(*store), std::move(app_options));
  if (!app.ok()) ADD_FAILURE() << app.status().ToString();
  app_ = std::move(*app);
  if (tiny_mesh) {
    auto applied =
        app_->catalog().Apply(generate::GenerateMesh({.scale = generate::Scale::kTiny}));
    if (!applied.ok()) ADD_FAILURE() << applied.status().ToString();
  }
  options.host = "127.0.0.1";
  options.port = 0;
  options.access_log = false;
  auto server = server::HttpServer::Start(*app_, options);
  if (!server.ok()) ADD_FAILURE() << server.status().ToString();
  server_ = std::move(*server);
  app_->StartBackground(/*deliver_notifications=*/true);
  thread_ = std::thread([this] { server_->Run(); });
  server_->WaitUntilReady();
}

TestServer::~TestServer() { Stop(); }

void TestServer::Stop() {
  if (!thread_.joinable()) return;
  server_->Stop();
  thread_.join();
  app_->StopBackground();
}

std::unique_ptr<httplib::Client> TestServer::Client(const std::string& token) const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port());
  client->set_read_timeout(30);
  if (!token.empty()) client->set_bearer_token_auth(token);
  return client;
}

}  // namespace linea::testing
