#include "server/http_server.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "codec/json_codec.h"
#include "common/strings.h"
#include "server/internal/access_log.h"
#include "server/internal/address_key.h"
#include "server/internal/body_decoding.h"
#include "server/internal/listener.h"
#include "server/internal/rate_limiter.h"
#include "server/internal/request_target.h"
#include "server/metrics.h"
#include "server/router.h"
#include "server/ui_assets.h"

namespace linea::server {
namespace {

// Answers at least this large are gzipped for clients that accept it.
constexpr size_t kGzipFromBytes = 64 * 1024;

using Clock = std::chrono::steady_clock;
using internal::ErrorResponse;
using internal::HttpRequest;
using internal::HttpResponse;

HttpResponse FromReply(const api::Reply& reply) {
  HttpResponse r;
  r.status = reply.ok() && reply.created ? 201 : HttpStatus(reply.code);
  if (!reply.content_type.empty()) {  // not JSON: metrics, the OpenAPI text
    r.content_type = reply.content_type;
    r.body = reply.text;
    return r;
  }
  // Replies hold only what handlers put there; "replace" makes a stray invalid byte a U+FFFD
  // instead of an exception.
  r.body = reply.body.dump(-1, ' ', false, codec::Json::error_handler_t::replace);
  return r;
}

HttpResponse FromStatus(const Status& status) { return FromReply(api::Error(status)); }

// 400 naming the first header whose value is not valid UTF-8; nullopt when all are.
std::optional<HttpResponse> CheckHeaders(const HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (size_t bad = Utf8ErrorOffset(value); bad != std::string::npos) {
      return FromStatus(InvalidArgumentError("header " + name + " is not valid UTF-8 (byte " +
                                             std::to_string(bad) + " of its value)"));
    }
  }
  return std::nullopt;
}

// The limiter for `limit`, or nullptr when it is off.
std::unique_ptr<internal::RateLimiter> LimiterFor(const RateLimit& limit, size_t max_keys) {
  if (!limit.enabled()) return nullptr;
  return std::make_unique<internal::RateLimiter>(
      internal::RateLimiter::Options{limit.per_second, limit.burst, max_keys});
}

// "100/s", "0.5/s".
std::string RateText(double per_second) {
  char text[32];
  std::snprintf(text, sizeof text, "%g/s", per_second);
  return text;
}

// A number of the form DIGITS[.DIGITS] → *value; false for anything else (signs, exponents,
// hex, inf, nan, spaces).
bool ParsePlainNumber(const std::string& text, double* value) {
  if (text.empty() || text.size() > 16 || text.front() == '.' || text.back() == '.') return false;
  int dots = 0;
  for (char c : text) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  if (dots > 1) return false;
  *value = std::strtod(text.c_str(), nullptr);
  return true;
}

internal::ListenerOptions ListenerOptionsOf(const ServerOptions& o) {
  internal::ListenerOptions l;
  l.host = o.host;
  l.port = o.port;
  l.threads = o.threads;
  l.max_body_bytes = o.max_body_bytes;
  l.header_timeout = std::chrono::milliseconds(o.header_timeout_ms);
  l.request_timeout = std::chrono::milliseconds(o.request_timeout_ms);
  l.keep_alive_timeout = std::chrono::milliseconds(o.keep_alive_timeout_ms);
  l.shutdown_grace = std::chrono::milliseconds(o.shutdown_grace_ms);
  l.max_connections = o.max_connections;
  l.max_connections_per_client = o.max_connections_per_client;
  l.max_queued_requests = o.max_queued_requests;
  return l;
}

}  // namespace

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

Status ParseListen(const std::string& listen, std::string* host, int* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return InvalidArgumentError("--listen: expected HOST:PORT, got \"" + listen + "\"");
  }
  std::string h = listen.substr(0, colon), p = listen.substr(colon + 1);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  char* end = nullptr;
  long n = std::strtol(p.c_str(), &end, 10);
  if (p.empty() || *end != '\0' || n < 0 || n > 65535) {
    return InvalidArgumentError("--listen: bad port \"" + p + "\"");
  }
  *host = h.empty() ? "0.0.0.0" : h;
  *port = static_cast<int>(n);
  return Status();
}

Status ParseRateLimit(const std::string& flag, const std::string& text, RateLimit* limit) {
  constexpr double kMaxRate = 1e6, kMaxBurst = 1e9;
  const size_t slash = text.find('/');
  const std::string rate_text = text.substr(0, slash);
  const std::string burst_text = slash == std::string::npos ? "" : text.substr(slash + 1);
  double rate = 0, burst = 0;
  if (!ParsePlainNumber(rate_text, &rate) || rate > kMaxRate ||
      (slash != std::string::npos && !ParsePlainNumber(burst_text, &burst))) {
    return InvalidArgumentError(flag + ": expected RATE or RATE/BURST (requests per second, 0 = " +
                                "no limit), e.g. 100/200, got \"" + text + "\"");
  }
  if (slash == std::string::npos) burst = std::max(1.0, std::ceil(2 * rate));
  if (rate > 0 && (burst < 1 || burst > kMaxBurst || burst != std::floor(burst))) {
    return InvalidArgumentError(
        flag + ": BURST must be a whole number from 1 to 1000000000, got \"" + burst_text + "\"");
  }
  *limit = RateLimit{rate, rate > 0 ? burst : 0};
  return Status();
}

// The server's side of each request (internal::Handler): routing, authentication, body
// decoding, the router call, metrics and the access log.
struct HttpServer::Impl : internal::Handler {
  Impl(app::App& a, const ServerOptions& o)
      : app(a),
        router(a, [this] { return RenderMetrics(); }),
        options(o),
        per_token(LimiterFor(o.rate_limit_per_token, o.rate_limit_max_keys)),
        per_address(LimiterFor(o.rate_limit_per_address, o.rate_limit_max_keys)) {}

  // ---- internal::Handler
  std::optional<HttpResponse> Admit(const HttpRequest& head, State* state) override;
  HttpResponse Handle(HttpRequest& request, State* state) override;
  void Finished(const HttpRequest& request, const HttpResponse& response,
                const State& state) override;

  // The token the Authorization header names: nullopt without the header; otherwise the
  // token, or the 401 to send (malformed header, unknown or revoked token) in *refusal.
  std::optional<auth::TokenInfo> Authenticate(const HttpRequest& head,
                                              std::optional<HttpResponse>* refusal);
  // Sets state->admin and ->writer; the 401/403 to send when `token` may not call `route`.
  std::optional<HttpResponse> Authorize(const RouteInfo& route,
                                        const std::optional<auth::TokenInfo>& token, State* state);
  // The 429 to send when the request is over its rate limit: `token`'s when it has one, else
  // its client address's. /healthz and /metrics are never limited.
  std::optional<HttpResponse> Throttle(const RouteInfo& route,
                                       const std::optional<auth::TokenInfo>& token,
                                       const HttpRequest& head);
  std::string RenderMetrics() const;

  app::App& app;
  Router router;
  ServerOptions options;
  Metrics metrics;
  // nullptr when that limit is off.
  const std::unique_ptr<internal::RateLimiter> per_token, per_address;
  std::atomic<uint64_t> limited_by_token{0}, limited_by_address{0};
  std::unique_ptr<internal::Listener> listener;
};

std::optional<HttpResponse> HttpServer::Impl::Admit(const HttpRequest& head, State* state) {
  Result<internal::RequestTarget> target = internal::ParseRequestTarget(head.target);
  if (!target.ok()) return FromStatus(target.status());
  if (auto bad = CheckHeaders(head)) return bad;
  state->path = std::move(target->path);
  state->query = std::move(target->query);
  // HEAD is GET without the body (the listener drops it).
  const std::string method = head.method == "HEAD" ? "GET" : head.method;
  if (head.method == "GET") {  // the web UI: public static files, answered on the I/O thread
    if (std::optional<UiResponse> ui = ServeUi(state->path, head.Header("If-None-Match"),
                                               head.Header("Accept-Encoding"))) {
      state->route = "ui";
      HttpResponse r;
      r.status = ui->status;
      r.content_type = ui->content_type;
      r.body = std::move(ui->body);
      r.headers = std::move(ui->headers);
      return r;
    }
  }
  bool path_known = false;
  const RouteInfo* route = router.Match(method, state->path, &path_known);
  if (!route) return FromReply(router.Handle({method, state->path, {}, "", "", ""}));  // 404/405
  state->route = route->pattern;
  // A bad token counts against its address: guessing tokens is throttled like any anonymous
  // flood.
  std::optional<HttpResponse> unauthenticated;
  const std::optional<auth::TokenInfo> token = Authenticate(head, &unauthenticated);
  state->caller = token ? token->name : "anonymous";  // also in the log line of a 401 or 429
  if (auto limited = Throttle(*route, token, head)) return limited;
  if (unauthenticated) return unauthenticated;
  if (auto refused = Authorize(*route, token, state)) return refused;
  if (!internal::IsSupportedContentEncoding(head.Header("Content-Encoding"))) {
    HttpResponse r = FromStatus(InvalidArgumentError("unsupported Content-Encoding \"" +
                                                     std::string(head.Header("Content-Encoding")) +
                                                     "\" (gzip, deflate, br or identity)"));
    r.status = 415;
    return r;
  }
  // Cheap, lock-free answers stay on the I/O thread: health checks and scrapes get through
  // while every worker is busy.
  state->answer_inline = route->pattern == "/healthz" || route->pattern == "/metrics" ||
                         route->pattern == "/api/v1/openapi.json";
  return std::nullopt;
}

HttpResponse HttpServer::Impl::Handle(HttpRequest& request, State* state) {
  Result<std::string> body = internal::DecodeBody(request.Header("Content-Encoding"),
                                                  std::move(request.body), options.max_body_bytes);
  if (!body.ok()) return FromStatus(body.status());
  ApiRequest api_request{request.method == "HEAD" ? "GET" : request.method,
                         state->path,
                         std::move(state->query),
                         std::move(*body),
                         std::string(request.Header("Content-Type")),
                         state->caller,
                         state->admin,
                         state->writer,
                         std::move(state->write_as)};
  HttpResponse response = FromReply(router.Handle(api_request));
  // Large answers (a 5,000-node layout is ~2 MB of JSON) travel gzipped, at the fastest level:
  // a tenth of the bytes for a few milliseconds.
  if (response.body.size() >= kGzipFromBytes &&
      internal::AcceptsGzip(request.Header("Accept-Encoding"))) {
    response.body = internal::GzipEncode(response.body, 1);
    response.headers.emplace_back("Content-Encoding", "gzip");
    response.headers.emplace_back("Vary", "Accept-Encoding");
  }
  return response;
}

void HttpServer::Impl::Finished(const HttpRequest& request, const HttpResponse& response,
                                const State& state) {
  const double seconds = std::chrono::duration<double>(Clock::now() - state.start).count();
  metrics.Record(state.route, request.method, response.status, seconds);
  if (!options.access_log) return;
  internal::AccessLogEntry entry{
      std::time(nullptr),  request.method,  state.path.empty() ? request.target : state.path,
      state.route,         response.status, seconds,
      response.body_bytes, state.caller,    request.remote};
  const std::string line = internal::FormatAccessLog(entry);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

std::optional<auth::TokenInfo> HttpServer::Impl::Authenticate(
    const HttpRequest& head, std::optional<HttpResponse>* refusal) {
  const std::string_view header = head.Header("Authorization");
  if (header.empty()) return std::nullopt;
  if (header.substr(0, 7) != "Bearer ") {
    *refusal = FromStatus(
        {StatusCode::kUnauthenticated, "Authorization header must be \"Bearer <token>\""});
    return std::nullopt;
  }
  std::optional<auth::TokenInfo> token = app.tokens().Authenticate(header.substr(7));
  if (!token) {
    *refusal = FromStatus({StatusCode::kUnauthenticated, "invalid or revoked token"});
    (*refusal)->headers.emplace_back("WWW-Authenticate", "Bearer");
  }
  return token;
}

std::optional<HttpResponse> HttpServer::Impl::Authorize(const RouteInfo& route,
                                                        const std::optional<auth::TokenInfo>& token,
                                                        State* state) {
  state->admin = options.no_auth || (token && token->role == auth::Role::kAdmin);
  state->writer = options.no_auth || (token && auth::Allows(token->role, auth::Role::kWriter));
  const std::string action = route.method + " " + route.pattern;
  if (token) {
    state->write_as = {token->name, std::string(auth::RoleName(token->role)), action,
                       token->scope, state->admin};
  } else {
    // Anonymous: only a --no-auth server lets it write, with every right.
    state->write_as = {"anonymous", options.no_auth ? "no-auth" : "anonymous", action,
                       std::nullopt, options.no_auth};
  }
  if (options.no_auth) return std::nullopt;
  std::optional<auth::Role> need;
  if (route.access == Access::kWrite) need = auth::Role::kWriter;
  if (route.access == Access::kAdmin) need = auth::Role::kAdmin;
  if (route.access == Access::kRead && options.require_auth_for_reads) need = auth::Role::kReader;
  if (!need) return std::nullopt;
  if (!token) {
    HttpResponse r = FromStatus(
        {StatusCode::kUnauthenticated,
         route.method + " " + route.pattern + " needs a token: Authorization: Bearer <token>"});
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  if (!auth::Allows(token->role, *need)) {
    return FromStatus({StatusCode::kPermissionDenied,
                       "token " + token->name + " is a " +
                           std::string(auth::RoleName(token->role)) + "; " + route.method + " " +
                           route.pattern + " needs " + std::string(auth::RoleName(*need))});
  }
  return std::nullopt;
}

std::optional<HttpResponse> HttpServer::Impl::Throttle(const RouteInfo& route,
                                                       const std::optional<auth::TokenInfo>& token,
                                                       const HttpRequest& head) {
  if (route.pattern == "/healthz" || route.pattern == "/metrics") return std::nullopt;
  internal::RateLimiter* limiter = token ? per_token.get() : per_address.get();
  if (!limiter) return std::nullopt;
  const std::string key = token ? token->name : internal::AddressKey(head.remote);
  const internal::RateLimiter::Verdict verdict = limiter->Take(key);
  if (verdict.allowed) return std::nullopt;
  ++(token ? limited_by_token : limited_by_address);
  const internal::RateLimiter::Options& limit = limiter->options();
  const std::string retry = std::to_string(verdict.retry_after_seconds);
  HttpResponse r = FromStatus(ResourceExhaustedError(
      "rate limit: " + (token ? "token " + key : "client " + key) + " sent more than " +
      RateText(limit.per_second) + " (burst " + std::to_string(static_cast<int64_t>(limit.burst)) +
      "); retry in " + retry + " s"));
  r.headers.emplace_back("Retry-After", retry);
  return r;
}

std::string HttpServer::Impl::RenderMetrics() const {
  catalog::CatalogStats s = app.catalog().stats();
  internal::ListenerStats l = listener->stats();
  auto gauge = [](const char* name, const char* help, uint64_t value, const char* type) {
    return std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
           name + " " + std::to_string(value) + "\n";
  };
  std::string g;
  g += gauge("linea_graph_assets", "Assets in the in-memory graph.", s.assets, "gauge");
  g += gauge("linea_graph_links", "Lineage links in the graph.", s.links, "gauge");
  g += gauge("linea_graph_provenances", "Provenances with edges.", s.provenances, "gauge");
  g += gauge("linea_graph_teams", "Teams.", s.teams, "gauge");
  g += gauge("linea_graph_bytes", "Approximate heap bytes of the graph.", s.graph_bytes, "gauge");
  g +=
      gauge("linea_http_connections_open", "Open client connections.", l.open_connections, "gauge");
  g += gauge("linea_http_handlers_running", "Requests whose handler runs.", l.handlers_running,
             "gauge");
  g += gauge("linea_http_requests_waiting", "Complete requests waiting for a handler slot.",
             l.requests_waiting, "gauge");
  g += "# HELP linea_http_connections_refused_total Connections refused at a connection cap.\n"
       "# TYPE linea_http_connections_refused_total counter\n"
       "linea_http_connections_refused_total{reason=\"per_client\"} " +
       std::to_string(l.refused_per_client) +
       "\nlinea_http_connections_refused_total{reason=\"total\"} " +
       std::to_string(l.refused_total) + "\n";
  g += "# HELP linea_http_request_timeouts_total Requests that did not arrive in time (408).\n"
       "# TYPE linea_http_request_timeouts_total counter\n"
       "linea_http_request_timeouts_total{phase=\"header\"} " +
       std::to_string(l.header_timeouts) + "\nlinea_http_request_timeouts_total{phase=\"body\"} " +
       std::to_string(l.request_timeouts) + "\n";
  g += gauge("linea_http_requests_shed_total",
             "Requests answered 503 because too many waited for a handler.", l.shed_busy,
             "counter");
  g += "# HELP linea_http_rate_limited_total Requests answered 429 over a rate limit, by the "
       "limit (token, or client address).\n"
       "# TYPE linea_http_rate_limited_total counter\n"
       "linea_http_rate_limited_total{by=\"token\"} " +
       std::to_string(limited_by_token.load()) +
       "\nlinea_http_rate_limited_total{by=\"address\"} " +
       std::to_string(limited_by_address.load()) + "\n";
  const openlineage::IngestCounters events = app.ingester().counters();
  g += "# HELP linea_openlineage_events_total OpenLineage events received, by what became of "
       "them (applied, duplicate: already logged, rejected).\n"
       "# TYPE linea_openlineage_events_total counter\n"
       "linea_openlineage_events_total{outcome=\"applied\"} " +
       std::to_string(events.applied) + "\nlinea_openlineage_events_total{outcome=\"duplicate\"} " +
       std::to_string(events.duplicates) +
       "\nlinea_openlineage_events_total{outcome=\"rejected\"} " + std::to_string(events.rejected) +
       "\n";
  const incident::OutboxCounters sent = app.outbox_counters();
  g += "# HELP linea_outbox_deliveries_total Notification delivery attempts, by outcome "
       "(delivered, retried: failed and rescheduled, failed: for good).\n"
       "# TYPE linea_outbox_deliveries_total counter\n"
       "linea_outbox_deliveries_total{outcome=\"delivered\"} " +
       std::to_string(sent.delivered) + "\nlinea_outbox_deliveries_total{outcome=\"retried\"} " +
       std::to_string(sent.retried) + "\nlinea_outbox_deliveries_total{outcome=\"failed\"} " +
       std::to_string(sent.failed) + "\n";
  if (Result<int64_t> pending = app.PendingDeliveries(); pending.ok()) {
    g +=
        gauge("linea_outbox_pending", "Notifications waiting to be delivered (the outbox backlog).",
              static_cast<uint64_t>(*pending), "gauge");
  }
  if (const connectors::Scheduler* scheduler = app.connector_scheduler()) {
    connectors::SchedulerCounters c = scheduler->counters();
    g += gauge("linea_connector_runs_total", "Connector pulls run.", c.runs, "counter");
    g += gauge("linea_connector_failures_total", "Connector pulls that failed.", c.failures,
               "counter");
    g += gauge("linea_connector_skipped_total",
               "Scheduled pulls skipped because the previous one still ran.", c.skipped,
               "counter");
    g += gauge("linea_connector_assets_changed_total",
               "Assets created, updated or removed by connector pulls.", c.assets_changed,
               "counter");
    char seconds[64];
    std::snprintf(seconds, sizeof seconds, "%.3f", c.seconds);
    g += std::string("# HELP linea_connector_run_seconds_total Time spent in connector pulls.\n"
                     "# TYPE linea_connector_run_seconds_total counter\n"
                     "linea_connector_run_seconds_total ") +
         seconds + "\n";
  }
  return metrics.Render(g);
}

// ---------------------------------------------------------------- HttpServer

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  Stop();
  // Run() has returned (or never ran): the listener's threads are gone.
  if (impl_) impl_->listener.reset();
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(app::App& app,
                                                      const ServerOptions& options) {
  if (options.no_auth && !IsLoopback(options.host)) {
    return InvalidArgumentError(
        "--no-auth is only allowed on a loopback address (127.0.0.1, ::1),"
        " not " +
        options.host);
  }
  if (options.threads < 1) return InvalidArgumentError("--threads must be at least 1");
  for (const RateLimit& limit : {options.rate_limit_per_token, options.rate_limit_per_address}) {
    if (limit.enabled() && !(std::isfinite(limit.per_second) && limit.burst >= 1)) {
      return InvalidArgumentError("a rate limit needs a finite rate and a burst of at least 1");
    }
  }
  auto impl = std::make_unique<Impl>(app, options);
  Result<std::unique_ptr<internal::Listener>> listener =
      internal::Listener::Bind(ListenerOptionsOf(options), impl.get());
  if (!listener.ok()) return listener.status();
  impl->listener = std::move(*listener);
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

int HttpServer::port() const { return impl_->listener->port(); }

void HttpServer::Run() { impl_->listener->Run(); }

void HttpServer::WaitUntilReady() const {
  while (!impl_->listener->ready()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

void HttpServer::Stop() {
  if (impl_ && impl_->listener) impl_->listener->Stop();
}

}  // namespace linea::server
