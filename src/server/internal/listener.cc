#include "server/internal/listener.h"

#include <atomic>
#include <boost/asio.hpp>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "server/internal/connection.h"
#include "server/internal/connection_limits.h"
#include "server/internal/handler_slots.h"

namespace linea::server::internal {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using ErrorCode = boost::system::error_code;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

// The answer to a connection over a cap; the connection closes after it.
HttpResponse Refused(int http_status, const Status& status) {
  HttpResponse r = ErrorResponse(http_status, status);
  r.close = true;
  r.headers.emplace_back("Retry-After", "1");
  return r;
}

}  // namespace

// ---------------------------------------------------------------- Listener::Impl

struct Listener::Impl {
  Impl(const ListenerOptions& o, Handler* h)
      : options(o),
        handler(h),
        limits(o.max_connections, o.max_connections_per_client),
        slots(static_cast<size_t>(std::max(1, o.threads - 1)), o.max_queued_requests) {}

  asio::awaitable<void> Accept();
  void StartConnection(tcp::socket socket);
  // Runs on `control` after Stop().
  void BeginShutdown();
  void Unregister(uint64_t id);

  const ListenerOptions options;
  Handler* const handler;
  // Connections reach everything above `io` from their destructors, which may run inside
  // io's destructor: declared first, destroyed last.
  ConnectionLimits limits;
  HandlerSlots slots;
  std::mutex mu;
  std::map<uint64_t, std::weak_ptr<Connection>> connections;  // guarded by mu
  uint64_t next_id = 0;                                       // guarded by mu
  std::atomic<bool> stopping{false};
  std::atomic<bool> running{false};
  std::atomic<bool> destroying{false};
  std::atomic<uint64_t> refused_per_client{0}, refused_total{0}, cut_at_shutdown{0};
  ListenerCounters counters;
  int port = 0;

  asio::io_context io;
  // Shutdown steps (BeginShutdown, the grace timer, its cancellation) run on this strand.
  asio::strand<asio::io_context::executor_type> control{io.get_executor()};
  tcp::acceptor acceptor{asio::make_strand(io)};
  asio::steady_timer grace_timer{control};
};

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
    refused = Refused(429, Status(StatusCode::kResourceExhausted,
                                  "too many connections from " + remote + " (limit " +
                                      std::to_string(options.max_connections_per_client) + ")"));
  } else if (why == ConnectionLimits::Refusal::kTotal) {
    ++refused_total;
    refused = Refused(503, UnavailableError("too many open connections (limit " +
                                            std::to_string(options.max_connections) + ")"));
  }
  uint64_t id;
  {
    std::lock_guard<std::mutex> lock(mu);
    id = ++next_id;
  }
  ConnectionEnv env{&options, handler, &slots, &stopping, &counters};
  auto connection = std::make_shared<Connection>(env, std::move(socket), std::move(remote),
                                                 std::move(slot), [this, id] { Unregister(id); });
  {
    std::lock_guard<std::mutex> lock(mu);
    connections.emplace(id, connection);
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
  for (int i = 1; i < impl_->options.threads; ++i) {
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
  s.handlers_running = impl_->slots.running();
  s.requests_waiting = impl_->slots.waiting();
  s.refused_per_client = impl_->refused_per_client;
  s.refused_total = impl_->refused_total;
  s.header_timeouts = impl_->counters.header_timeouts;
  s.request_timeouts = impl_->counters.request_timeouts;
  s.shed_busy = impl_->counters.shed_busy;
  s.cut_at_shutdown = impl_->cut_at_shutdown;
  return s;
}

}  // namespace linea::server::internal
