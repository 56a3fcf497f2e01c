// src/notify/testing/http_receiver.h: an HTTP server on loopback (cpp-httplib) that records
// every POST it receives, for tests.
//
// Answers by path: /status/<code> → <code> with body "answer <code>"; /large → 400 with 4 KiB
// of 'x'; /hang → waits until the receiver is destroyed (at most 30 s), then 200; anything
// else → 200 "ok".
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace linea::notify::testing {

struct ReceivedRequest {
  std::string path;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

class HttpReceiver {
 public:
  HttpReceiver();
  ~HttpReceiver();
  HttpReceiver(const HttpReceiver&) = delete;
  HttpReceiver& operator=(const HttpReceiver&) = delete;

  // "http://127.0.0.1:<port>" + path.
  std::string url(std::string_view path) const;
  // Requests received so far, in arrival order.
  std::vector<ReceivedRequest> requests() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A loopback port nothing listens on (bound, then closed), for connection-refused tests.
int ClosedPort();

}  // namespace linea::notify::testing
