// src/server/http_server.h: `linea serve` — the HTTP/JSON API over a catalog.
//
// Only this module includes httplib.h. Requests run on a thread pool; reads run in parallel,
// writes are serialized by catalog. Every response is JSON (errors included) except /metrics.
#pragma once

#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "incident/outbox.h"
#include "ingest/openlineage/naming.h"
#include "common/result.h"

namespace linea::server {

struct ServerOptions {
  // Address to listen on. Default: 127.0.0.1.
  std::string host = "127.0.0.1";
  // Port; 0 picks a free one (see HttpServer::port()). Default: 8686.
  int port = 8686;
  // Accept every request without a token. Refused unless `host` is a loopback address.
  bool no_auth = false;
  // Reads need a reader token too. Default: reads are open.
  bool require_auth_for_reads = false;
  // Larger bodies get 413. Default: 32 MiB.
  size_t max_body_bytes = 32u << 20;
  // Worker threads (each keep-alive connection holds one while open). Default: 16.
  int threads = 16;
  // Write one JSON access-log line per request to stderr. Default: true.
  bool access_log = true;
  // OpenLineage namespace → service overrides (docs/openlineage.md). Default: none.
  ingest::openlineage::NamespaceMap namespaces;
  // ---- Incidents and notifications (docs/incidents.md).
  // The UI base URL for links in messages (--public-url). Default: "".
  std::string public_url;
  // An OpenLineage FAIL/ABORT opens an incident on the run's outputs. Default: off.
  bool auto_incidents = false;
  // Run the outbox sender (deliveries to webhooks, chats, e-mail). Default: on.
  bool deliver_notifications = true;
  // Transport (SMTP, timeouts), rendering (Telegram base, e-mail sender) and backoff.
  // outbox.render.public_url is set from `public_url`.
  incident::OutboxOptions outbox;
  // Remind the affected teams of unresolved incidents this often; 0 = never. Default: 4 h.
  int64_t reminder_interval_ms = 4LL * 60 * 60 * 1000;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(const std::string& host);
// "HOST:PORT" (or "[v6]:PORT", or ":PORT") → host, port. kInvalidArgument when malformed.
Status ParseListen(const std::string& listen, std::string* host, int* port);

class HttpServer {
 public:
  // Validates options (no_auth off loopback → kInvalidArgument) and binds the socket
  // (kUnavailable when the address is taken).
  static Result<std::unique_ptr<HttpServer>> Start(catalog::Catalog& catalog,
                                                   const ServerOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The bound port.
  int port() const;
  // Serves until Stop(); in-flight requests complete before it returns. Returns at once when
  // Stop() came first.
  void Run();
  // Blocks until Run() accepts connections (or Stop() was called).
  void WaitUntilReady() const;
  // Stops accepting and makes Run() return. Safe from any thread, also before Run().
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The OpenAPI 3 document served at /api/v1/openapi.json (src/server/openapi.json).
const std::string& OpenApiDocument();

}  // namespace linea::server
