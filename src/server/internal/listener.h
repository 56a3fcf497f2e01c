// src/server/internal/listener.h: the HTTP/1.1 transport of `linea serve`, on Boost.Beast.
//
// Socket I/O is asynchronous, so a slow or stalled client costs a socket and a small buffer,
// never a thread. A request reaches its handler only once it has arrived completely, within its
// deadlines and limits:
//   - the head (request line + headers) within `header_timeout` of the request's first byte,
//     at most `max_header_bytes`, the target at most `max_target_bytes`;
//   - the whole request, body included, within `request_timeout` of its first byte;
//   - a body announced larger than `max_body_bytes` is refused with 413 before it is read,
//     a chunked body as soon as it passes the limit;
//   - at most `max_connections` open connections, `max_connections_per_client` per address;
//   - at most `threads - 1` handlers at once and `max_queued_requests` requests waiting for
//     one (503 + Retry-After beyond).
// The same `threads` threads do the I/O and run the handlers: a request is handled on the thread
// that read it, with no hand-off. The handler cap keeps one thread free for I/O and for the
// requests the handler marks inline (health, metrics), which need no slot and so stay
// answerable while every handler is busy.
//
// Thread safety: Stop() may be called from any thread; everything else from the owner.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "server/internal/exchange.h"

namespace linea::server::internal {

struct ListenerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 picks a free port
  int threads = 16;
  size_t max_header_bytes = 64 * 1024;
  size_t max_target_bytes = 16 * 1024;
  size_t max_body_bytes = 32u << 20;  // as sent on the wire (decoding is the handler's)
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds request_timeout{60'000};
  std::chrono::milliseconds keep_alive_timeout{5'000};
  std::chrono::milliseconds write_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  size_t max_connections = 4096;
  size_t max_connections_per_client = 64;
  size_t max_queued_requests = 1024;
};

// Counters since start, for /metrics.
struct ListenerStats {
  size_t open_connections = 0;
  size_t handlers_running = 0;
  size_t requests_waiting = 0;  // complete requests waiting for a handler slot
  uint64_t refused_per_client = 0;
  uint64_t refused_total = 0;
  uint64_t header_timeouts = 0;
  uint64_t request_timeouts = 0;
  uint64_t shed_busy = 0;        // 503: the worker queue was full
  uint64_t cut_at_shutdown = 0;  // connections still busy when the shutdown grace ended
};

class Listener {
 public:
  // Binds and listens (connections queue in the backlog until Run()). kUnavailable when the
  // address is taken or not local. `handler` must outlive the Listener.
  static Result<std::unique_ptr<Listener>> Bind(const ListenerOptions& options, Handler* handler);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  int port() const;
  // Serves until Stop() and returns once every connection has ended: requests in flight that
  // finish within `shutdown_grace` finish; the rest are cut (their bodies never reach the
  // handler). Returns at once when Stop() came first.
  void Run();
  // True once Run() serves (or after Stop()).
  bool ready() const;
  // Stops accepting, closes idle connections and starts the shutdown grace. Any thread.
  void Stop();
  ListenerStats stats() const;

  struct Impl;

 private:
  explicit Listener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace linea::server::internal
