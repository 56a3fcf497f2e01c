#include "server/internal/listener.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "server/internal/connection_limits.h"

namespace linea::server::internal {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using ErrorCode = boost::system::error_code;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

// What a client that closes its connection after an error response may still send us (the
// rest of a refused body) is read and dropped for this long, so that the response is not lost
// to a TCP reset.
constexpr auto kLingerTime = std::chrono::milliseconds(1000);
constexpr size_t kLingerBytes = 1 << 20;

HttpResponse Refusal(int http_status, const Status& status) {
  HttpResponse r = ErrorResponse(http_status, status);
  r.close = true;
  return r;
}

// The response for a request the parser refused, or nullopt when the client just went away.
std::optional<HttpResponse> ResponseForReadError(const ErrorCode& ec, bool head_done,
                                                 const ListenerOptions& o) {
  if (ec == http::error::end_of_stream || ec == asio::error::eof ||
      ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
      ec == asio::error::broken_pipe) {
    return std::nullopt;
  }
  if (ec == beast::error::timeout) {
    return Refusal(408, Status(StatusCode::kInvalidArgument,
                               head_done ? "request body not received within " +
                                               std::to_string(o.request_timeout.count()) + " ms"
                                         : "request headers not received within " +
                                               std::to_string(o.header_timeout.count()) + " ms"));
  }
  if (ec == http::error::header_limit) {
    return Refusal(431, InvalidArgumentError("request headers larger than " +
                                             std::to_string(o.max_header_bytes) + " bytes"));
  }
  if (ec == http::error::body_limit) {
    return Refusal(413, Status(StatusCode::kPayloadTooLarge, "request body too large (limit " +
                                                                 std::to_string(o.max_body_bytes) +
                                                                 " bytes)"));
  }
  if (ec == http::error::partial_message) {
    return Refusal(400, InvalidArgumentError("the connection ended before the request did"));
  }
  return Refusal(400, InvalidArgumentError("malformed HTTP request: " + ec.message()));
}

}  // namespace

// ---------------------------------------------------------------- Listener::Impl

struct Listener::Impl {
  class Connection;

  Impl(const ListenerOptions& o, Handler* h)
      : options(o),
        handler(h),
        limits(o.max_connections, o.max_connections_per_client),
        workers(static_cast<size_t>(std::max(1, o.worker_threads))) {}

  asio::awaitable<void> Accept();
  void StartConnection(tcp::socket socket);
  // Runs on `control` after Stop().
  void BeginShutdown();
  void Register(uint64_t id, const std::shared_ptr<Connection>& c);
  void Unregister(uint64_t id);

  const ListenerOptions options;
  Handler* const handler;
  // Connections reach everything above `io` from their destructors, which may run inside
  // io's destructor: declared first, destroyed last.
  ConnectionLimits limits;
  std::mutex mu;
  std::map<uint64_t, std::weak_ptr<Connection>> connections;  // guarded by mu
  uint64_t next_id = 0;                                       // guarded by mu
  std::atomic<bool> stopping{false};
  std::atomic<bool> running{false};
  std::atomic<bool> destroying{false};
  std::atomic<size_t> requests_waiting{0};
  std::atomic<uint64_t> refused_per_client{0}, refused_total{0}, header_timeouts{0},
      request_timeouts{0}, shed_busy{0}, cut_at_shutdown{0};
  int port = 0;

  asio::io_context io;
  // Shutdown steps (BeginShutdown, the grace timer, its cancellation) run on this strand.
  asio::strand<asio::io_context::executor_type> control{io.get_executor()};
  tcp::acceptor acceptor{asio::make_strand(io)};
  asio::steady_timer grace_timer{control};
  asio::thread_pool workers;
};

// One client connection: reads requests one after another, each under its deadlines, hands
// complete ones to the handler and writes the answers. All its work runs on its own strand.
class Listener::Impl::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Impl* owner, tcp::socket socket, std::string remote, ConnectionLimits::Slot slot)
      : owner_(owner),
        socket_(std::move(socket)),
        deadline_(socket_.get_executor()),
        remote_(std::move(remote)),
        slot_(std::move(slot)) {}
  ~Connection() { owner_->Unregister(id_); }

  void set_id(uint64_t id) { id_ = id; }
  asio::any_io_executor executor() { return socket_.get_executor(); }

  // Serves until the client leaves, an error, or shutdown. `refused`: answer that and close.
  asio::awaitable<void> Serve(std::optional<HttpResponse> refused);

  // Both run on the strand (posted by the owner).
  void CloseIfIdle() {
    if (idle_) Close();
  }
  void Close() {
    ErrorCode ignored;
    deadline_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  // The socket's pending operations are cancelled at `at` (they complete with
  // operation_aborted and timed_out_ is set); the socket stays open so that a 408 can still be
  // written. Each call replaces the previous deadline.
  void SetDeadline(Clock::time_point at) {
    timed_out_ = false;
    deadline_.expires_at(at);
    deadline_.async_wait([self = shared_from_this()](const ErrorCode& ec) {
      if (ec) return;  // replaced or cancelled
      self->timed_out_ = true;
      ErrorCode ignored;
      self->socket_.cancel(ignored);
    });
  }
  void ClearDeadline() { deadline_.cancel(); }
  // `ec` as the read saw it, with a cancellation by the deadline turned into a timeout.
  ErrorCode Effective(const ErrorCode& ec) const {
    return timed_out_ && ec == asio::error::operation_aborted ? ErrorCode(beast::error::timeout)
                                                              : ec;
  }

  // Waits for the first byte of the next request. False when the connection should end.
  asio::awaitable<bool> AwaitRequestStart(bool first);
  // Reads one request and answers it. False when the connection should end.
  asio::awaitable<bool> ServeOne(Clock::time_point start);
  asio::awaitable<HttpResponse> RunHandler(HttpRequest& request, Handler::State& state);
  // Writes `response`; false when writing failed.
  asio::awaitable<bool> Write(HttpResponse& response, unsigned version, bool head_only,
                              bool keep_alive);
  // Sends FIN, drains what the client still sends for a moment, closes.
  asio::awaitable<void> LingeringClose();
  // Writes a response the listener made itself and reports it to the handler.
  asio::awaitable<void> Reject(HttpRequest& request, Handler::State& state, HttpResponse response);

  Impl* const owner_;
  tcp::socket socket_;
  asio::steady_timer deadline_;
  bool timed_out_ = false;
  beast::flat_buffer buffer_;
  const std::string remote_;
  ConnectionLimits::Slot slot_;
  uint64_t id_ = 0;
  bool idle_ = true;  // between requests (no byte of the next one has arrived)
};

asio::awaitable<void> Listener::Impl::Connection::Serve(std::optional<HttpResponse> refused) {
  auto self = shared_from_this();
  try {
    if (refused) {
      HttpRequest none;
      none.remote = remote_;
      Handler::State state;
      state.start = Clock::now();
      co_await Reject(none, state, std::move(*refused));
      co_return;
    }
    for (bool first = true;; first = false) {
      if (!co_await AwaitRequestStart(first)) break;
      if (!co_await ServeOne(Clock::now())) break;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "linea: connection from %s: %s\n", remote_.c_str(), e.what());
  }
  Close();
}

asio::awaitable<bool> Listener::Impl::Connection::AwaitRequestStart(bool first) {
  idle_ = true;
  if (owner_->stopping) co_return false;
  if (buffer_.size() == 0) {
    // A new connection gets the header timeout to start; a kept-alive one the idle timeout.
    SetDeadline(Clock::now() +
                (first ? owner_->options.header_timeout : owner_->options.keep_alive_timeout));
    auto [ec, n] = co_await socket_.async_read_some(buffer_.prepare(16 * 1024), kNoThrow);
    ClearDeadline();
    if (ec) co_return false;  // closed, idle too long, or cut by shutdown: nothing to answer
    buffer_.commit(n);
  }
  idle_ = false;
  co_return true;
}

asio::awaitable<bool> Listener::Impl::Connection::ServeOne(Clock::time_point start) {
  const ListenerOptions& o = owner_->options;
  HttpRequest request;
  request.remote = remote_;
  Handler::State state;
  state.start = start;

  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(o.max_header_bytes));
  parser.body_limit(o.max_body_bytes);
  SetDeadline(start + o.header_timeout);
  auto [head_read_ec, head_n] =
      co_await http::async_read_header(socket_, buffer_, parser, kNoThrow);
  ClearDeadline();
  const ErrorCode head_ec = Effective(head_read_ec);
  if (head_ec) {
    if (head_ec == beast::error::timeout) ++owner_->header_timeouts;
    auto response = ResponseForReadError(head_ec, false, o);
    if (response) co_await Reject(request, state, std::move(*response));
    co_return false;
  }
  const auto& head = parser.get();
  request.method = std::string(head.method_string());
  request.target = std::string(head.target());
  for (const auto& field : head) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  if (request.target.size() > o.max_target_bytes) {
    co_await Reject(
        request, state,
        Refusal(414, InvalidArgumentError("request target longer than " +
                                          std::to_string(o.max_target_bytes) + " bytes")));
    co_return false;
  }
  const bool body_pending = !parser.is_done();
  std::optional<HttpResponse> early = owner_->handler->Admit(request, &state);
  if (early) {
    early->close = early->close || body_pending;
    const bool keep = !early->close && head.keep_alive() && !owner_->stopping;
    const bool written = co_await Write(*early, head.version(), false, keep);
    owner_->handler->Finished(request, *early, state);
    if (!written) co_return false;
    if (!keep) co_await LingeringClose();
    co_return keep;
  }
  if (body_pending) {
    if (beast::iequals(head[http::field::expect], "100-continue")) {
      http::response<http::empty_body> go_on{http::status::continue_, head.version()};
      SetDeadline(Clock::now() + o.write_timeout);
      auto [ec, n] = co_await http::async_write(socket_, go_on, kNoThrow);
      ClearDeadline();
      if (ec) co_return false;
    }
    SetDeadline(start + o.request_timeout);
    auto [body_read_ec, body_n] = co_await http::async_read(socket_, buffer_, parser, kNoThrow);
    ClearDeadline();
    const ErrorCode body_ec = Effective(body_read_ec);
    if (body_ec) {
      if (body_ec == beast::error::timeout) ++owner_->request_timeouts;
      auto response = ResponseForReadError(body_ec, true, o);
      if (response) co_await Reject(request, state, std::move(*response));
      co_return false;
    }
  }
  request.body = std::move(parser.get().body());
  const bool head_only = request.method == "HEAD";
  HttpResponse response = co_await RunHandler(request, state);
  const bool keep = !response.close && parser.get().keep_alive() && !owner_->stopping;
  const bool written = co_await Write(response, parser.get().version(), head_only, keep);
  owner_->handler->Finished(request, response, state);
  if (!written) co_return false;
  if (!keep) co_await LingeringClose();
  co_return keep;
}

asio::awaitable<HttpResponse> Listener::Impl::Connection::RunHandler(HttpRequest& request,
                                                                     Handler::State& state) {
  Handler* handler = owner_->handler;
  auto guarded = [handler, &request, &state]() -> HttpResponse {
    try {
      return handler->Handle(request, &state);
    } catch (const std::exception& e) {
      return ErrorResponse(500, InternalError(std::string("internal error: ") + e.what()));
    } catch (...) {
      return ErrorResponse(500, InternalError("internal error: unknown exception"));
    }
  };
  if (state.answer_inline) co_return guarded();
  const size_t limit = owner_->options.max_queued_requests +
                       static_cast<size_t>(std::max(1, owner_->options.worker_threads));
  if (owner_->requests_waiting.fetch_add(1) >= limit) {
    --owner_->requests_waiting;
    ++owner_->shed_busy;
    HttpResponse busy =
        ErrorResponse(503, UnavailableError("server busy: " + std::to_string(limit) +
                                            " requests are waiting for a worker; retry shortly"));
    busy.headers.emplace_back("Retry-After", "1");
    co_return busy;
  }
  HttpResponse response = co_await asio::co_spawn(
      owner_->workers.get_executor(),
      [guarded]() -> asio::awaitable<HttpResponse> { co_return guarded(); }, asio::use_awaitable);
  --owner_->requests_waiting;
  co_return response;
}

asio::awaitable<bool> Listener::Impl::Connection::Write(HttpResponse& r, unsigned version,
                                                        bool head_only, bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  res.set(http::field::server, "linea");
  res.set(http::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) res.set(name, value);
  res.keep_alive(keep_alive);
  r.body_bytes = r.body.size();
  if (head_only) {
    res.content_length(r.body.size());
  } else {
    res.body() = std::move(r.body);
    res.prepare_payload();
  }
  SetDeadline(Clock::now() + owner_->options.write_timeout);
  http::response_serializer<http::string_body> serializer(res);
  if (head_only) serializer.split(true);
  auto [ec, n] = head_only ? co_await http::async_write_header(socket_, serializer, kNoThrow)
                           : co_await http::async_write(socket_, serializer, kNoThrow);
  ClearDeadline();
  co_return !ec;
}

asio::awaitable<void> Listener::Impl::Connection::LingeringClose() {
  ErrorCode ignored;
  socket_.shutdown(tcp::socket::shutdown_send, ignored);
  SetDeadline(Clock::now() + kLingerTime);
  size_t drained = 0;
  char sink[16 * 1024];
  while (drained < kLingerBytes) {
    auto [ec, n] = co_await socket_.async_read_some(asio::buffer(sink), kNoThrow);
    if (ec) break;
    drained += n;
  }
  Close();
}

asio::awaitable<void> Listener::Impl::Connection::Reject(HttpRequest& request,
                                                         Handler::State& state,
                                                         HttpResponse response) {
  response.close = true;
  const bool written = co_await Write(response, 11, false, false);
  owner_->handler->Finished(request, response, state);
  if (written) co_await LingeringClose();
}

// ---------------------------------------------------------------- accepting and shutdown

asio::awaitable<void> Listener::Impl::Accept() {
  asio::steady_timer backoff(acceptor.get_executor());
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(io), kNoThrow);
    if (stopping || ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) {
      // Out of file descriptors or memory: refusing in a hot loop would only burn CPU.
      std::fprintf(stderr, "linea: accept: %s\n", ec.message().c_str());
      backoff.expires_after(std::chrono::milliseconds(50));
      co_await backoff.async_wait(kNoThrow);
      continue;
    }
    StartConnection(std::move(socket));
  }
}

void Listener::Impl::StartConnection(tcp::socket socket) {
  ErrorCode ec;
  socket.set_option(tcp::no_delay(true), ec);  // small JSON answers: no Nagle stalls
  tcp::endpoint peer = socket.remote_endpoint(ec);
  std::string remote = ec ? "unknown" : peer.address().to_string();
  ConnectionLimits::Refusal why = ConnectionLimits::Refusal::kNone;
  ConnectionLimits::Slot slot = limits.Acquire(remote, &why);
  std::optional<HttpResponse> refused;
  if (why == ConnectionLimits::Refusal::kPerClient) {
    ++refused_per_client;
    refused = Refusal(429, Status(StatusCode::kResourceExhausted,
                                  "too many connections from " + remote + " (limit " +
                                      std::to_string(options.max_connections_per_client) + ")"));
    refused->headers.emplace_back("Retry-After", "1");
  } else if (why == ConnectionLimits::Refusal::kTotal) {
    ++refused_total;
    refused = Refusal(503, UnavailableError("too many open connections (limit " +
                                            std::to_string(options.max_connections) + ")"));
    refused->headers.emplace_back("Retry-After", "1");
  }
  auto connection =
      std::make_shared<Connection>(this, std::move(socket), std::move(remote), std::move(slot));
  {
    std::lock_guard<std::mutex> lock(mu);
    connection->set_id(++next_id);
    connections.emplace(next_id, connection);
  }
  asio::co_spawn(connection->executor(), connection->Serve(std::move(refused)),
                 [](std::exception_ptr e) {
                   if (!e) return;
                   try {
                     std::rethrow_exception(e);
                   } catch (const std::exception& ex) {
                     std::fprintf(stderr, "linea: connection: %s\n", ex.what());
                   } catch (...) {
                   }
                 });
}

void Listener::Impl::Unregister(uint64_t id) {
  std::lock_guard<std::mutex> lock(mu);
  connections.erase(id);
  // The last connection gone during shutdown: no need to wait out the grace.
  if (stopping && connections.empty() && !destroying) {
    asio::post(control, [this] { grace_timer.cancel(); });
  }
}

void Listener::Impl::BeginShutdown() {
  asio::post(acceptor.get_executor(), [this] {
    ErrorCode ignored;
    acceptor.close(ignored);
  });
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard<std::mutex> lock(mu);
    for (auto& [id, weak] : connections) {
      if (auto c = weak.lock()) live.push_back(std::move(c));
    }
  }
  for (auto& c : live) asio::post(c->executor(), [c] { c->CloseIfIdle(); });
  if (live.empty()) return;
  grace_timer.expires_after(options.shutdown_grace);
  grace_timer.async_wait([this](const ErrorCode& ec) {
    if (ec) return;  // cancelled: every connection ended in time
    std::vector<std::shared_ptr<Connection>> left;
    {
      std::lock_guard<std::mutex> lock(mu);
      for (auto& [id, weak] : connections) {
        if (auto c = weak.lock()) left.push_back(std::move(c));
      }
    }
    cut_at_shutdown += left.size();
    for (auto& c : left) asio::post(c->executor(), [c] { c->Close(); });
  });
}

// ---------------------------------------------------------------- Listener

Listener::Listener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Listener::~Listener() {
  Stop();
  impl_->workers.join();
  impl_->destroying = true;
}

Result<std::unique_ptr<Listener>> Listener::Bind(const ListenerOptions& options, Handler* handler) {
  auto impl = std::make_unique<Impl>(options, handler);
  ErrorCode ec;
  asio::ip::address address =
      asio::ip::make_address(options.host == "localhost" ? "127.0.0.1" : options.host, ec);
  if (ec) {
    return InvalidArgumentError("cannot listen on \"" + options.host + "\": not an IP address");
  }
  tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  auto fail = [&](const char* step) {
    return UnavailableError("cannot listen on " + options.host + ":" +
                            std::to_string(options.port) + " (" + step + ": " + ec.message() + ")");
  };
  impl->acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("socket");
  impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  impl->acceptor.bind(endpoint, ec);
  if (ec) return fail("bind");
  impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  impl->port = impl->acceptor.local_endpoint().port();
  return std::unique_ptr<Listener>(new Listener(std::move(impl)));
}

int Listener::port() const { return impl_->port; }

bool Listener::ready() const { return impl_->running || impl_->stopping; }

void Listener::Run() {
  if (impl_->stopping) return;
  asio::co_spawn(impl_->acceptor.get_executor(), impl_->Accept(), asio::detached);
  impl_->running = true;
  std::vector<std::thread> extra;
  for (int i = 1; i < impl_->options.io_threads; ++i) {
    extra.emplace_back([this] { impl_->io.run(); });
  }
  impl_->io.run();
  for (auto& t : extra) t.join();
}

void Listener::Stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->control, [impl = impl_.get()] { impl->BeginShutdown(); });
}

ListenerStats Listener::stats() const {
  ListenerStats s;
  s.open_connections = impl_->limits.open();
  s.requests_waiting = impl_->requests_waiting;
  s.refused_per_client = impl_->refused_per_client;
  s.refused_total = impl_->refused_total;
  s.header_timeouts = impl_->header_timeouts;
  s.request_timeouts = impl_->request_timeouts;
  s.shed_busy = impl_->shed_busy;
  s.cut_at_shutdown = impl_->cut_at_shutdown;
  return s;
}

}  // namespace linea::server::internal
