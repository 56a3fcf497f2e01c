// src/server/internal/exchange.h: one HTTP request and its response as the listener hands them
// to the server's handler — plain strings, no HTTP library types.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/writer.h"
#include "common/status.h"

namespace linea::server::internal {

struct HttpRequest {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // the raw request-target, e.g. "/api/v1/impact/x?depth=2"
  std::vector<std::pair<std::string, std::string>> headers;  // in order, names as sent
  std::string body;    // as received: still content-encoded; empty until the body is read
  std::string remote;  // client address, e.g. "127.0.0.1"

  // The first header named `name` (case-insensitive); "" when absent.
  std::string_view Header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  // The body's size; set by the listener when it sends the body (which moves it out).
  size_t body_bytes = 0;
  // Close the connection after this response (the listener also closes on errors it found
  // itself, when the client asked, and during shutdown).
  bool close = false;
};

// The JSON error body every linea error has ({"error": {"code", "message", "details"}}) with
// an explicit HTTP status (the listener's own refusals use 408, 414, 431 beside the codes'
// usual statuses).
HttpResponse ErrorResponse(int http_status, const Status& status);

// The server's side of a request, called by the listener in this order for each request:
// Admit() once the head has arrived (on an I/O thread), then — unless Admit() answered — the
// body is read and Handle() runs (on a worker thread, or on the I/O thread when Admit() marked
// the request inline), then Finished() with the response just before it is written — so that
// metrics and the access log hold a request before its client can see the answer (a scrape
// right after a response counts it).
// Every method must not throw; the listener still catches what escapes and answers 500.
class Handler {
 public:
  // Per-request state the handler keeps between its calls (route, caller, timings).
  struct State {
    std::chrono::steady_clock::time_point start;  // the request's first byte
    std::string route = "unmatched";
    std::string path;                               // decoded, set by Admit()
    std::multimap<std::string, std::string> query;  // decoded, set by Admit()
    std::string caller = "-";
    bool answer_inline = false;  // Handle() is cheap and lock-free: run it on the I/O thread
    // What the caller may do, set by Admit() for Handle().
    bool admin = false;
    bool writer = false;
    // Who writes (catalog/writer.h), set with `writer`; its action is the route.
    catalog::Writer write_as;
  };

  virtual ~Handler() = default;
  // Route matching, authentication, rate limits: a response to send at once (the body is not
  // read and the connection closes when one was announced), or nullopt to go on.
  virtual std::optional<HttpResponse> Admit(const HttpRequest& head, State* state) = 0;
  virtual HttpResponse Handle(HttpRequest& request, State* state) = 0;
  // `response` is what is about to be sent (the write may still fail), including
  // the responses the listener made itself (malformed requests, limits, timeouts; `request`
  // then holds what was parsed, possibly nothing): for metrics and the access log.
  virtual void Finished(const HttpRequest& request, const HttpResponse& response,
                        const State& state) = 0;
};

}  // namespace linea::server::internal
