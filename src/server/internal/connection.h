// src/server/internal/connection.h: one client connection of the listener (listener.h): reads
// requests one after another under their deadlines and limits, runs their handlers, writes the
// answers.
//
// Reading and writing are asynchronous, except on the sticky path: the thread that answered a
// request writes the answer synchronously and waits up to a millisecond for the same client's
// next request, holding its handler slot. A busy keep-alive client (a Spark job posting events,
// a dashboard) is then served by one thread with one wake-up per request, as a
// thread-per-connection server would; a slow or idle one goes back to the reactor and costs no
// thread. No slot is ever held while waiting on the network for longer than that millisecond
// (or the short budget a started request gets to arrive in full).
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "server/internal/connection_limits.h"
#include "server/internal/exchange.h"
#include "server/internal/handler_slots.h"
#include "server/internal/listener.h"

namespace linea::server::internal {

// Counters the listener reports in ListenerStats.
struct ListenerCounters {
  std::atomic<uint64_t> header_timeouts{0};
  std::atomic<uint64_t> request_timeouts{0};
  std::atomic<uint64_t> shed_busy{0};
};

// What every connection shares with its listener; outlives all of them.
struct ConnectionEnv {
  const ListenerOptions* options;
  Handler* handler;
  HandlerSlots* slots;
  const std::atomic<bool>* stopping;
  ListenerCounters* counters;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Clock = std::chrono::steady_clock;

  // `on_end` runs from the destructor (the listener forgets the connection).
  Connection(const ConnectionEnv& env, boost::asio::ip::tcp::socket socket, std::string remote,
             ConnectionLimits::Slot slot, std::function<void()> on_end);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  boost::asio::any_io_executor executor() { return socket_.get_executor(); }

  // Serves until the client leaves, an error, or shutdown. With `refused`, answers only that
  // and closes. Runs on the connection's strand.
  boost::asio::awaitable<void> Serve(std::optional<HttpResponse> refused);

  // On the strand (posted by the listener): close when between requests; close now.
  void CloseIfIdle();
  void Close();

 private:
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

  // Waits for the first byte of the next request. False when the connection should end.
  boost::asio::awaitable<bool> AwaitRequestStart(bool first);
  // On the sticky path: true when the client's next request has begun within a millisecond
  // and no other request waits for a handler slot.
  bool NextRequestArrives();
  // Reads one request and answers it. False when the connection should end.
  boost::asio::awaitable<bool> ServeOne(Clock::time_point start);
  // The head, then the body: synchronously first (for up to a short budget when holding a
  // slot, else only what has already arrived), then asynchronously until the deadline.
  boost::asio::awaitable<boost::system::error_code> ReadHead(Parser& parser,
                                                             Clock::time_point deadline);
  boost::asio::awaitable<boost::system::error_code> ReadBody(Parser& parser,
                                                             Clock::time_point deadline);
  // Takes a handler slot (waiting in line) and runs the handler on this thread.
  boost::asio::awaitable<HttpResponse> RunHandler(HttpRequest& request, Handler::State& state);
  void ReleaseSlot();
  // Writes `response`; false when writing failed.
  boost::asio::awaitable<bool> Write(HttpResponse& response, unsigned version, bool head_only,
                                     bool keep_alive);
  // Sends FIN, drains what the client still sends for a moment, closes.
  boost::asio::awaitable<void> LingeringClose();
  // Writes a response the listener made itself and reports it to the handler.
  boost::asio::awaitable<void> Reject(HttpRequest& request, Handler::State& state,
                                      HttpResponse response);

  // Pending asynchronous operations on the socket are cancelled at `at` (they complete with
  // operation_aborted and timed_out_ is set); the socket stays open, so a 408 can still be
  // written. Each call replaces the previous deadline.
  void SetDeadline(Clock::time_point at);
  void ClearDeadline();
  // `ec` as an operation saw it, with a cancellation by the deadline turned into a timeout.
  boost::system::error_code Effective(const boost::system::error_code& ec) const;

  const ConnectionEnv env_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer deadline_;
  bool timed_out_ = false;
  boost::beast::flat_buffer buffer_;
  const std::string remote_;
  ConnectionLimits::Slot connection_slot_;
  std::function<void()> on_end_;
  bool holding_handler_slot_ = false;
  bool idle_ = true;  // between requests (no byte of the next one has arrived)
};

}  // namespace linea::server::internal
