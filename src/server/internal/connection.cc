#include "server/internal/connection.h"

#include <poll.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>

#include "server/internal/budgeted_stream.h"

namespace linea::server::internal {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using ErrorCode = boost::system::error_code;
using Clock = std::chrono::steady_clock;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

// The sticky path's budgets: how long the thread that answered waits for the client's next
// request, and how long a request that has begun may take to arrive in full before the thread
// hands it to the reactor.
constexpr int kStickyWaitMs = 1;
constexpr auto kStickyReadBudget = std::chrono::milliseconds(2);
// A response that does not fit the socket's send buffer at once is written asynchronously.
constexpr auto kSyncWriteBudget = std::chrono::milliseconds(2);

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
    return Refusal(408, InvalidArgumentError(
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

Connection::Connection(const ConnectionEnv& env, tcp::socket socket, std::string remote,
                       ConnectionLimits::Slot slot, std::function<void()> on_end)
    : env_(env),
      socket_(std::move(socket)),
      deadline_(socket_.get_executor()),
      remote_(std::move(remote)),
      connection_slot_(std::move(slot)),
      on_end_(std::move(on_end)) {}

Connection::~Connection() {
  ReleaseSlot();
  if (on_end_) on_end_();
}

void Connection::CloseIfIdle() {
  if (idle_) Close();
}

void Connection::Close() {
  ErrorCode ignored;
  deadline_.cancel();
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

void Connection::SetDeadline(Clock::time_point at) {
  timed_out_ = false;
  deadline_.expires_at(at);
  deadline_.async_wait([self = shared_from_this()](const ErrorCode& ec) {
    if (ec) return;  // replaced or cancelled
    self->timed_out_ = true;
    ErrorCode ignored;
    self->socket_.cancel(ignored);
  });
}

void Connection::ClearDeadline() { deadline_.cancel(); }

ErrorCode Connection::Effective(const ErrorCode& ec) const {
  return timed_out_ && ec == asio::error::operation_aborted ? ErrorCode(beast::error::timeout) : ec;
}

void Connection::ReleaseSlot() {
  if (!holding_handler_slot_) return;
  holding_handler_slot_ = false;
  env_.slots->Leave();
}

asio::awaitable<void> Connection::Serve(std::optional<HttpResponse> refused) {
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
    ErrorCode ignored;
    socket_.non_blocking(true, ignored);  // synchronous reads and writes poll, never block
    for (bool first = true;; first = false) {
      if (!co_await AwaitRequestStart(first)) break;
      bool keep = co_await ServeOne(Clock::now());
      while (keep && holding_handler_slot_ && NextRequestArrives()) {
        keep = co_await ServeOne(Clock::now());
      }
      ReleaseSlot();
      if (!keep) break;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "linea: connection from %s: %s\n", remote_.c_str(), e.what());
  }
  ReleaseSlot();
  Close();
}

asio::awaitable<bool> Connection::AwaitRequestStart(bool first) {
  idle_ = true;
  if (*env_.stopping) co_return false;
  if (buffer_.size() == 0) {
    // A new connection gets the header timeout to start; a kept-alive one the idle timeout.
    SetDeadline(Clock::now() +
                (first ? env_.options->header_timeout : env_.options->keep_alive_timeout));
    auto [ec, n] = co_await socket_.async_read_some(buffer_.prepare(16 * 1024), kNoThrow);
    ClearDeadline();
    if (ec) co_return false;  // closed, idle too long, or cut by shutdown: nothing to answer
    buffer_.commit(n);
  }
  idle_ = false;
  co_return true;
}

bool Connection::NextRequestArrives() {
  if (*env_.stopping || env_.slots->waiting() > 0) return false;
  if (buffer_.size() > 0) return true;  // pipelined
  pollfd p{socket_.native_handle(), POLLIN, 0};
  return ::poll(&p, 1, kStickyWaitMs) > 0;  // data, or the client's close: ServeOne sees which
}

asio::awaitable<ErrorCode> Connection::ReadHead(Parser& parser, Clock::time_point deadline) {
  const Clock::time_point budget =
      holding_handler_slot_ ? std::min(deadline, Clock::now() + kStickyReadBudget) : Clock::now();
  BudgetedStream now(socket_, budget);
  ErrorCode ec;
  http::read_header(now, buffer_, parser, ec);
  if (ec != beast::error::timeout) co_return ec;  // complete, or a real error
  ReleaseSlot();  // a slow client: wait for it without holding a handler slot
  SetDeadline(deadline);
  auto [async_ec, n] = co_await http::async_read_header(socket_, buffer_, parser, kNoThrow);
  ClearDeadline();
  co_return Effective(async_ec);
}

asio::awaitable<ErrorCode> Connection::ReadBody(Parser& parser, Clock::time_point deadline) {
  const Clock::time_point budget =
      holding_handler_slot_ ? std::min(deadline, Clock::now() + kStickyReadBudget) : Clock::now();
  BudgetedStream now(socket_, budget);
  ErrorCode ec;
  http::read(now, buffer_, parser, ec);
  if (ec != beast::error::timeout) co_return ec;
  ReleaseSlot();
  SetDeadline(deadline);
  auto [async_ec, n] = co_await http::async_read(socket_, buffer_, parser, kNoThrow);
  ClearDeadline();
  co_return Effective(async_ec);
}

asio::awaitable<bool> Connection::ServeOne(Clock::time_point start) {
  const ListenerOptions& o = *env_.options;
  HttpRequest request;
  request.remote = remote_;
  Handler::State state;
  state.start = start;

  Parser parser;
  parser.header_limit(static_cast<std::uint32_t>(o.max_header_bytes));
  parser.body_limit(o.max_body_bytes);
  if (const ErrorCode ec = co_await ReadHead(parser, start + o.header_timeout)) {
    if (ec == beast::error::timeout) ++env_.counters->header_timeouts;
    auto response = ResponseForReadError(ec, false, o);
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
  std::optional<HttpResponse> early = env_.handler->Admit(request, &state);
  if (early) {
    early->close = early->close || body_pending;
    const bool keep = !early->close && head.keep_alive() && !*env_.stopping;
    env_.handler->Finished(request, *early, state);  // counted before the client can see it
    const bool written = co_await Write(*early, head.version(), false, keep);
    if (!written) co_return false;
    if (!keep) co_await LingeringClose();
    co_return keep;
  }
  if (body_pending) {
    if (beast::iequals(head[http::field::expect], "100-continue")) {
      ReleaseSlot();
      http::response<http::empty_body> go_on{http::status::continue_, head.version()};
      SetDeadline(Clock::now() + o.write_timeout);
      auto [ec, n] = co_await http::async_write(socket_, go_on, kNoThrow);
      ClearDeadline();
      if (ec) co_return false;
    }
    if (const ErrorCode ec = co_await ReadBody(parser, start + o.request_timeout)) {
      if (ec == beast::error::timeout) ++env_.counters->request_timeouts;
      auto response = ResponseForReadError(ec, true, o);
      if (response) co_await Reject(request, state, std::move(*response));
      co_return false;
    }
  }
  request.body = std::move(parser.get().body());
  const bool head_only = request.method == "HEAD";
  HttpResponse response = co_await RunHandler(request, state);
  const bool keep = !response.close && parser.get().keep_alive() && !*env_.stopping;
  env_.handler->Finished(request, response, state);  // counted before the client can see it
  const bool written = co_await Write(response, parser.get().version(), head_only, keep);
  if (!written) co_return false;
  if (!keep) co_await LingeringClose();
  co_return keep;
}

asio::awaitable<HttpResponse> Connection::RunHandler(HttpRequest& request, Handler::State& state) {
  Handler* handler = env_.handler;
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
  if (!holding_handler_slot_ && !env_.slots->TryEnter()) {
    // Wait in line: the slot's hand-over (or a refusal) wakes this coroutine on its strand.
    asio::steady_timer signal(socket_.get_executor(), Clock::time_point::max());
    bool granted = false;
    env_.slots->Enter([&signal, &granted, executor = socket_.get_executor()](bool g) {
      asio::post(executor, [&signal, &granted, g] {
        granted = g;
        signal.cancel();
      });
    });
    co_await signal.async_wait(kNoThrow);
    if (!granted) {
      ++env_.counters->shed_busy;
      HttpResponse busy = ErrorResponse(
          503,
          UnavailableError("server busy: " + std::to_string(env_.options->max_queued_requests) +
                           " requests are waiting for a handler; retry shortly"));
      busy.headers.emplace_back("Retry-After", "1");
      co_return busy;
    }
  }
  holding_handler_slot_ = true;
  // The handler runs on this thread, with no hand-off; the slot stays with the connection for
  // the sticky path until it waits on the network.
  co_return guarded();
}

asio::awaitable<bool> Connection::Write(HttpResponse& r, unsigned version, bool head_only,
                                        bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  res.set(http::field::server, "linea");
  if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) res.set(name, value);
  res.keep_alive(keep_alive);
  r.body_bytes = r.body.size();
  if (head_only) {
    res.content_length(r.body.size());
  } else {
    res.body() = std::move(r.body);
    res.prepare_payload();
  }
  http::response_serializer<http::string_body> serializer(res);
  if (head_only) serializer.split(true);
  // Most answers fit the socket's send buffer: written at once on this thread.
  BudgetedStream now(socket_, Clock::now() + kSyncWriteBudget);
  ErrorCode ec;
  if (head_only) {
    http::write_header(now, serializer, ec);
  } else {
    http::write(now, serializer, ec);
  }
  if (ec != beast::error::timeout) co_return !ec;
  // A slow reader: the rest asynchronously, without holding a handler slot.
  ReleaseSlot();
  SetDeadline(Clock::now() + env_.options->write_timeout);
  auto [async_ec, n] = head_only ? co_await http::async_write_header(socket_, serializer, kNoThrow)
                                 : co_await http::async_write(socket_, serializer, kNoThrow);
  ClearDeadline();
  co_return !async_ec;
}

asio::awaitable<void> Connection::LingeringClose() {
  ReleaseSlot();
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

asio::awaitable<void> Connection::Reject(HttpRequest& request, Handler::State& state,
                                         HttpResponse response) {
  response.close = true;
  env_.handler->Finished(request, response, state);
  const bool written = co_await Write(response, 11, false, false);
  if (written) co_await LingeringClose();
}

}  // namespace linea::server::internal
