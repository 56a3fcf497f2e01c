// src/server/internal/budgeted_stream.h: synchronous reads and writes on a connection's socket
// that wait at most until a deadline — Beast's SyncReadStream and SyncWriteStream.
//
// The socket must be in non-blocking mode: a read or write that cannot proceed polls for the
// rest of the time budget, then fails with beast::error::timeout, leaving the parser or
// serializer where it was so that an asynchronous operation can take over.
#pragma once

#include <poll.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/system/system_error.hpp>
#include <cerrno>
#include <chrono>

namespace linea::server::internal {

class BudgetedStream {
 public:
  using Clock = std::chrono::steady_clock;
  BudgetedStream(boost::asio::ip::tcp::socket& socket, Clock::time_point deadline)
      : socket_(socket), deadline_(deadline) {}

  template <typename MutableBuffers>
  size_t read_some(const MutableBuffers& buffers, boost::system::error_code& ec) {
    for (;;) {
      size_t n = socket_.read_some(buffers, ec);
      if (ec != boost::asio::error::would_block) return n;
      if (!Wait(POLLIN)) {
        ec = boost::beast::error::timeout;
        return 0;
      }
    }
  }
  template <typename MutableBuffers>
  size_t read_some(const MutableBuffers& buffers) {
    boost::system::error_code ec;
    size_t n = read_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return n;
  }
  template <typename ConstBuffers>
  size_t write_some(const ConstBuffers& buffers, boost::system::error_code& ec) {
    for (;;) {
      size_t n = socket_.write_some(buffers, ec);
      if (ec != boost::asio::error::would_block) return n;
      if (!Wait(POLLOUT)) {
        ec = boost::beast::error::timeout;
        return 0;
      }
    }
  }
  template <typename ConstBuffers>
  size_t write_some(const ConstBuffers& buffers) {
    boost::system::error_code ec;
    size_t n = write_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return n;
  }

 private:
  // Polls the socket for `events` until the deadline; false when it passed first.
  bool Wait(short events) {
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
      if (left.count() <= 0) return false;
      pollfd p{socket_.native_handle(), events, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
      if (ready > 0) return true;
      if (ready == 0) return false;
      if (errno != EINTR) return true;  // let the next read or write report the error
    }
  }

  boost::asio::ip::tcp::socket& socket_;
  const Clock::time_point deadline_;
};

}  // namespace linea::server::internal
