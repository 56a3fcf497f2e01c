// tests/testing/raw_client.h: a client that speaks HTTP as raw bytes over a loopback TCP socket,
// for what a well-behaved client library will not do: trickle a header byte by byte, stop half
// way through a body, announce a terabyte, send invalid UTF-8 or a malformed request line.
// Every read is bounded in time, so a test of a stall cannot hang.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace linea::testing {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

class RawConnection {
 public:
  // Connects to 127.0.0.1:`port`, from `source_address` when not empty (any 127.x.y.z works
  // on Linux loopback, which lets a test play several client addresses). nullptr on failure.
  static std::unique_ptr<RawConnection> Open(int port, const std::string& source_address = "");
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False when the peer has closed or reset the connection.
  bool Send(std::string_view bytes);
  // Sends `bytes` one at a time, `gap` apart, and stops early when the peer answers or closes.
  // Returns how many bytes were sent.
  size_t Trickle(std::string_view bytes, std::chrono::milliseconds gap);
  void ShutdownWrite();
  // The next response (head and Content-Length body), or nullopt when none arrived in time or
  // the connection ended first.
  std::optional<RawResponse> ReadResponse(std::chrono::milliseconds timeout);
  // Everything until the peer closes or `timeout` passes.
  std::string ReadUntilClosed(std::chrono::milliseconds timeout);
  // True when the peer closed the connection within `timeout` (what it sent before is read and
  // dropped).
  bool WaitClosed(std::chrono::milliseconds timeout);

 private:
  explicit RawConnection(int fd) : fd_(fd) {}
  // Appends what arrives within `deadline` to buffer_; false on timeout or close.
  bool Fill(std::chrono::steady_clock::time_point deadline);

  int fd_;
  std::string buffer_;
  bool closed_ = false;
};

// One request on a fresh connection: sends `request`, returns the response (or nullopt).
std::optional<RawResponse> RawExchange(
    int port, std::string_view request,
    std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace linea::testing
