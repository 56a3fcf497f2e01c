// src/server/http_server.h: `linea serve` — the HTTP/JSON API over a catalog.
//
// Sockets are served asynchronously (server/internal/listener.h, Boost.Beast); a request runs
// on a worker thread once it has arrived completely within its deadlines and limits. Reads run
// in parallel, writes are serialized by catalog. Every response is JSON (errors included)
// except /metrics. docs/security.md lists the limits and why each exists.
#pragma once

#include <memory>
#include <string>

#include "app/app.h"
#include "common/result.h"

namespace linea::server {

// A token-bucket request rate: `per_second` sustained, up to `burst` at once after an idle
// spell. A per_second of 0 means no limit.
struct RateLimit {
  double per_second = 0;
  double burst = 0;
  bool enabled() const { return per_second > 0; }
};

struct ServerOptions {
  // Address to listen on. Default: 127.0.0.1.
  std::string host = "127.0.0.1";
  // Port; 0 picks a free one (see HttpServer::port()). Default: 8686.
  int port = 8686;
  // Accept every request without a token. Refused unless `host` is a loopback address.
  bool no_auth = false;
  // Reads need a reader token too. Default: reads are open.
  bool require_auth_for_reads = false;
  // Larger bodies get 413, as sent and once decompressed (gzip, deflate, br). Default: 32 MiB.
  size_t max_body_bytes = 32u << 20;
  // Threads that do the socket I/O and run handlers; at most threads - 1 handlers run at once,
  // so one thread stays free for I/O, /healthz and /metrics. Default: 16.
  int threads = 16;
  // ---- Limits against slow, stalled and greedy clients (docs/security.md).
  // The request line and headers must arrive within this of the request's first byte (408
  // after). Default: 10 s.
  int64_t header_timeout_ms = 10'000;
  // The whole request, body included, must arrive within this of its first byte (408 after).
  // Default: 60 s.
  int64_t request_timeout_ms = 60'000;
  // An idle keep-alive connection is closed after this. Default: 5 s.
  int64_t keep_alive_timeout_ms = 5'000;
  // Open connections per client address; more get 429. Default: 64.
  size_t max_connections_per_client = 64;
  // Open connections in all; more get 503. Default: 4096.
  size_t max_connections = 4096;
  // Requests waiting for a worker; more get 503 with Retry-After. Default: 1024.
  size_t max_queued_requests = 1024;
  // ---- Request rate limits (docs/security.md#rate-limits): over them a request gets 429 with
  // Retry-After before its body is read. /healthz, /metrics and the web UI's files are never
  // limited. A request with a valid token counts against its token only; any other request
  // (anonymous, or with an invalid token) against its client address (IPv6 by /64).
  // Per token. Default: 1,000/s, burst 2,000 (an OpenLineage emitter of a large cluster).
  RateLimit rate_limit_per_token{1000, 2000};
  // Per client address, for requests without a valid token. Default: 100/s, burst 200 (a few
  // people typing into the web UI's search behind one NAT address).
  RateLimit rate_limit_per_address{100, 200};
  // Buckets kept per limit (the least useful are forgotten beyond). Default: 65,536.
  size_t rate_limit_max_keys = 65536;
  // On Stop(), requests still in flight after this are cut; nothing they had not yet
  // committed is. Default: 10 s.
  int64_t shutdown_grace_ms = 10'000;
  // Write one JSON access-log line per request to stderr. Default: true.
  bool access_log = true;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(const std::string& host);
// "HOST:PORT" (or "[v6]:PORT", or ":PORT") → host, port. kInvalidArgument when malformed.
Status ParseListen(const std::string& listen, std::string* host, int* port);
// "RATE" or "RATE/BURST" (requests per second, e.g. "100/200" or "0.5") → *limit; BURST
// defaults to twice RATE (at least 1); a RATE of 0 disables the limit. kInvalidArgument naming
// `flag` when malformed, negative, or BURST is below 1.
Status ParseRateLimit(const std::string& flag, const std::string& text, RateLimit* limit);

class HttpServer {
 public:
  // Validates options (no_auth off loopback → kInvalidArgument) and binds the socket
  // (kUnavailable when the address is taken). `app` must outlive the server; its background
  // work (outbox, token reloads, reminders) is the caller's to start.
  static Result<std::unique_ptr<HttpServer>> Start(app::App& app, const ServerOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The bound port.
  int port() const;
  // Serves until Stop(); in-flight requests that finish within the shutdown grace complete
  // before it returns, the rest are cut. Returns at once when Stop() came first.
  void Run();
  // Blocks until Run() accepts connections (or Stop() was called).
  void WaitUntilReady() const;
  // Stops accepting, closes idle connections and starts the shutdown grace; Run() returns when
  // the last connection has ended. Safe from any thread, also before Run().
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace linea::server
