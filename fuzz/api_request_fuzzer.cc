// fuzz/api_request_fuzzer.cc: arbitrary API requests through the server's Router (the code behind
// every HTTP route, minus the socket) against an in-memory catalog holding the tiny mesh.
//
// Input: line 1 the method, line 2 the path with an optional "?k=v&…" query, the rest the body.
// Oracle: never crashes, never answers kInternal (a bug), and a write that fails leaves the
// catalog's size unchanged. abort() otherwise.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "app/app.h"
#include "common/strings.h"
#include "generate/mesh.h"
#include "server/router.h"
#include "store/sqlite/sqlite_store.h"

namespace {

linea::app::App& TheApp() {
  static std::unique_ptr<linea::app::App> app = [] {
    auto store = linea::store::OpenSqliteStore({.path = ":memory:"});
    if (!store.ok()) std::abort();
    auto a = linea::app::App::Open(std::move(*store));
    if (!a.ok()) std::abort();
    if (!(*a)->catalog()
             .Apply(linea::generate::GenerateMesh({.scale = linea::generate::Scale::kTiny}))
             .ok()) {
      std::abort();
    }
    return std::move(*a);
  }();
  return *app;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t first = input.find('\n');
  size_t second = first == std::string::npos ? std::string::npos : input.find('\n', first + 1);
  linea::server::ApiRequest request;
  request.method = input.substr(0, first);
  std::string target = first == std::string::npos ? "/" : input.substr(first + 1, second - first - 1);
  request.body = second == std::string::npos ? "" : input.substr(second + 1);
  request.content_type = "application/json";
  size_t q = target.find('?');
  request.path = target.substr(0, q);
  if (q != std::string::npos) {
    for (const std::string& pair : linea::Split(target.substr(q + 1), '&')) {
      size_t eq = pair.find('=');
      request.query.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
    }
  }
  linea::app::App& app = TheApp();
  linea::catalog::Catalog& catalog = app.catalog();
  size_t before = catalog.stats().assets;
  linea::server::Router router(app);
  linea::api::Reply reply = router.Handle(request);
  if (reply.code == linea::StatusCode::kInternal) {
    std::fprintf(stderr, "internal error: %s\n", reply.body.dump().c_str());
    std::abort();
  }
  if (!reply.ok() && catalog.stats().assets != before) {
    std::fprintf(stderr, "a failed request changed the catalog\n");
    std::abort();
  }
  return 0;
}
