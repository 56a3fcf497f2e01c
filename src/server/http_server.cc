#include "server/http_server.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <cstdio>
#include <iostream>

#include "codec/json_codec.h"
#include "server/metrics.h"
#include "server/router.h"

namespace linea::server {
namespace {

using Clock = std::chrono::steady_clock;

// Per-request context, set on the worker thread that serves the request.
struct RequestContext {
  Clock::time_point start = Clock::now();
  std::string route = "unmatched";
  std::string caller = "-";
  bool recorded = false;  // metrics already taken (before the response was written)
};
thread_local RequestContext t_request;

bool ValidPercentEncoding(const std::string& target) {
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] != '%') continue;
    if (i + 2 >= target.size() || !std::isxdigit(static_cast<unsigned char>(target[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(target[i + 2]))) {
      return false;
    }
    i += 2;
  }
  return true;
}

void SendReply(const api::Reply& reply, httplib::Response& res) {
  res.status = reply.ok() && reply.created ? 201 : HttpStatus(reply.code);
  res.set_content(reply.body.dump(), "application/json");
}

void SendError(const Status& status, httplib::Response& res) { SendReply(api::Error(status), res); }

std::string JsonString(const std::string& s) { return codec::Json(s).dump(); }

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

struct HttpServer::Impl {
  Impl(catalog::Catalog& c, const ServerOptions& o)
      : catalog(c), outbox(MakeOutbox(c, o)), router(c, RouterOptionsOf(o, outbox.get())),
        options(o) {}

  static std::unique_ptr<incident::Outbox> MakeOutbox(catalog::Catalog& c,
                                                      const ServerOptions& o) {
    if (!o.deliver_notifications) return nullptr;
    incident::OutboxOptions options = o.outbox;
    options.render.public_url = o.public_url;
    return std::make_unique<incident::Outbox>(&c, std::move(options));
  }
  static RouterOptions RouterOptionsOf(const ServerOptions& o, incident::Outbox* outbox) {
    RouterOptions r;
    r.namespaces = o.namespaces;
    r.public_url = o.public_url;
    r.auto_incidents = o.auto_incidents;
    if (outbox) r.outbox_changed = [outbox] { outbox->Wake(); };
    return r;
  }
  // Queues reminders when one is due; called by the housekeeping thread.
  void MaybeRemind();

  void Install();
  void Dispatch(const httplib::Request& req, httplib::Response& res);
  // On success sets the caller's name, whether it may see contact credentials and whether it
  // may write.
  bool Authorize(const RouteInfo& route, const httplib::Request& req, httplib::Response& res,
                 std::string* caller, bool* admin, bool* writer);
  std::string RenderMetrics() const;
  // Counts the request in metrics once; called before the response is written so a client
  // that reads /metrics next sees it.
  void Record(const httplib::Request& req, const httplib::Response& res);
  void Log(const httplib::Request& req, const httplib::Response& res);

  catalog::Catalog& catalog;
  std::unique_ptr<incident::Outbox> outbox;  // null without deliver_notifications
  Router router;
  ServerOptions options;
  int64_t last_reminder_check_ms = 0;
  Metrics metrics;
  httplib::Server svr;
  int port = 0;
  std::atomic<bool> stopping{false};
  // Re-reads tokens every few seconds (tokens created or revoked by `linea token … --db`).
  std::thread token_reloader;
  std::mutex reload_mu;
  std::condition_variable reload_cv;
};

void HttpServer::Impl::Install() {
  int threads = options.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_payload_max_length(options.max_body_bytes);
  svr.set_tcp_nodelay(true);  // small JSON answers: no 40 ms Nagle/delayed-ACK stalls
  svr.set_keep_alive_timeout(5);
  svr.set_keep_alive_max_count(100000);
  svr.set_read_timeout(30);
  svr.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    t_request = RequestContext{};
    if (!ValidPercentEncoding(req.target)) {
      SendError(InvalidArgumentError("malformed percent-encoding in " + req.target), res);
      Record(req, res);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
    Dispatch(req, res);
    Record(req, res);
  };
  svr.Get(".*", dispatch);
  svr.Post(".*", dispatch);
  svr.Put(".*", dispatch);
  svr.Delete(".*", dispatch);
  svr.Patch(".*", dispatch);
  svr.Options(".*", dispatch);
  // Errors httplib produces itself (413, 400 on a malformed request line, …) get JSON bodies.
  svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    StatusCode code = res.status == 413   ? StatusCode::kPayloadTooLarge
                      : res.status == 404 ? StatusCode::kNotFound
                      : res.status >= 500 ? StatusCode::kInternal
                                          : StatusCode::kInvalidArgument;
    int status = res.status;
    SendError(Status(code, "HTTP " + std::to_string(status) + " for " + req.method + " " +
                               req.path + (status == 413 ? ": request body too large" : "")),
              res);
    res.status = status;
  });
  svr.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        SendError(InternalError("internal error: " + what), res);
      });
  svr.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    Log(req, res);
  });
}

bool HttpServer::Impl::Authorize(const RouteInfo& route, const httplib::Request& req,
                                 httplib::Response& res, std::string* caller, bool* admin,
                                 bool* writer) {
  std::optional<auth::TokenInfo> token;
  std::string header = req.get_header_value("Authorization");
  if (!header.empty()) {
    if (header.rfind("Bearer ", 0) != 0) {
      SendError({StatusCode::kUnauthenticated, "Authorization header must be \"Bearer <token>\""},
                res);
      return false;
    }
    token = catalog.Authenticate(header.substr(7));
    if (!token) {
      SendError({StatusCode::kUnauthenticated, "invalid or revoked token"}, res);
      res.set_header("WWW-Authenticate", "Bearer");
      return false;
    }
    *caller = token->name;
  } else {
    *caller = "anonymous";
  }
  *admin = options.no_auth || (token && token->role == auth::Role::kAdmin);
  *writer = options.no_auth || (token && auth::Allows(token->role, auth::Role::kWriter));
  if (options.no_auth) return true;
  std::optional<auth::Role> need;
  if (route.access == Access::kWrite) need = auth::Role::kWriter;
  if (route.access == Access::kAdmin) need = auth::Role::kAdmin;
  if (route.access == Access::kRead && options.require_auth_for_reads) need = auth::Role::kReader;
  if (!need) return true;
  if (!token) {
    SendError({StatusCode::kUnauthenticated, route.method + " " + route.pattern +
                                                 " needs a token: Authorization: Bearer <token>"},
              res);
    res.set_header("WWW-Authenticate", "Bearer");
    return false;
  }
  if (!auth::Allows(token->role, *need)) {
    SendError({StatusCode::kPermissionDenied,
               "token " + token->name + " is a " + std::string(auth::RoleName(token->role)) +
                   "; " + route.method + " " + route.pattern + " needs " +
                   std::string(auth::RoleName(*need))},
              res);
    return false;
  }
  return true;
}

void HttpServer::Impl::Dispatch(const httplib::Request& req, httplib::Response& res) {
  bool path_known = false;
  const RouteInfo* route = router.Match(req.method, req.path, &path_known);
  if (!route) {
    SendReply(router.Handle({req.method, req.path, {}, "", "", ""}), res);  // 404 or 405
    return;
  }
  t_request.route = route->pattern;
  std::string caller;
  bool admin = false, writer = false;
  if (!Authorize(*route, req, res, &caller, &admin, &writer)) return;
  t_request.caller = caller;
  if (route->pattern == "/metrics") {
    res.set_content(RenderMetrics(), "text/plain; version=0.0.4");
    return;
  }
  if (route->pattern == "/api/v1/openapi.json") {
    res.set_content(OpenApiDocument(), "application/json");
    return;
  }
  ApiRequest api_request{req.method, req.path, {}, req.body,
                         req.get_header_value("Content-Type"), caller, admin, writer};
  for (const auto& [k, v] : req.params) api_request.query.emplace(k, v);
  SendReply(router.Handle(api_request), res);
}

std::string HttpServer::Impl::RenderMetrics() const {
  catalog::CatalogStats s = catalog.stats();
  std::string g = "# HELP linea_graph_assets Assets in the in-memory graph.\n"
                  "# TYPE linea_graph_assets gauge\nlinea_graph_assets " +
                  std::to_string(s.assets) +
                  "\n# HELP linea_graph_links Lineage links in the graph.\n"
                  "# TYPE linea_graph_links gauge\nlinea_graph_links " +
                  std::to_string(s.links) +
                  "\n# HELP linea_graph_provenances Provenances with edges.\n"
                  "# TYPE linea_graph_provenances gauge\nlinea_graph_provenances " +
                  std::to_string(s.provenances) +
                  "\n# HELP linea_graph_teams Teams.\n# TYPE linea_graph_teams gauge\n"
                  "linea_graph_teams " +
                  std::to_string(s.teams) +
                  "\n# HELP linea_graph_bytes Approximate heap bytes of the graph.\n"
                  "# TYPE linea_graph_bytes gauge\nlinea_graph_bytes " +
                  std::to_string(s.graph_bytes) + "\n";
  return metrics.Render(g);
}

void HttpServer::Impl::Record(const httplib::Request& req, const httplib::Response& res) {
  if (t_request.recorded) return;
  double seconds = std::chrono::duration<double>(Clock::now() - t_request.start).count();
  metrics.Record(t_request.route, req.method, res.status == -1 ? 200 : res.status, seconds);
  t_request.recorded = true;
}

void HttpServer::Impl::Log(const httplib::Request& req, const httplib::Response& res) {
  Record(req, res);  // requests httplib answered itself (413, malformed)
  double seconds = std::chrono::duration<double>(Clock::now() - t_request.start).count();
  if (options.access_log) {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.3f", seconds * 1000);
    std::string line = "{\"ts\":" + std::to_string(std::time(nullptr)) +
                       ",\"method\":" + JsonString(req.method) + ",\"path\":" +
                       JsonString(req.path) + ",\"route\":" + JsonString(t_request.route) +
                       ",\"status\":" + std::to_string(res.status) + ",\"ms\":" + ms +
                       ",\"bytes\":" + std::to_string(res.body.size()) +
                       ",\"caller\":" + JsonString(t_request.caller) +
                       ",\"remote\":" + JsonString(req.remote_addr) + "}\n";
    std::fputs(line.c_str(), stderr);
  }
  t_request = RequestContext{};
}

// ---------------------------------------------------------------- HttpServer

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  Impl* impl_ptr = impl_.get();
  impl_->token_reloader = std::thread([impl_ptr] {
    std::unique_lock<std::mutex> lock(impl_ptr->reload_mu);
    while (!impl_ptr->reload_cv.wait_for(lock, std::chrono::seconds(2),
                                         [impl_ptr] { return impl_ptr->stopping.load(); })) {
      Status s = impl_ptr->catalog.ReloadTokens();
      if (!s.ok()) std::fprintf(stderr, "linea: reloading tokens: %s\n", s.ToString().c_str());
      impl_ptr->MaybeRemind();
    }
  });
  if (impl_->outbox) impl_->outbox->Start();
}

void HttpServer::Impl::MaybeRemind() {
  if (options.reminder_interval_ms <= 0) return;
  int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  int64_t every = std::min<int64_t>(options.reminder_interval_ms / 4, 60'000);
  if (now - last_reminder_check_ms < every) return;
  last_reminder_check_ms = now;
  Result<size_t> reminded = router.incidents().QueueReminders(options.reminder_interval_ms);
  if (!reminded.ok()) {
    std::fprintf(stderr, "linea: reminders: %s\n", reminded.status().ToString().c_str());
  } else if (*reminded > 0 && outbox) {
    outbox->Wake();
  }
}

HttpServer::~HttpServer() {
  Stop();
  if (impl_ && impl_->token_reloader.joinable()) impl_->token_reloader.join();
  // Stop() may run on a signal thread while Run() returns here; the sender is joined once,
  // by the owner, after serving ended (a delivery in flight finishes first).
  if (impl_ && impl_->outbox) impl_->outbox->Stop();
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(catalog::Catalog& catalog,
                                                      const ServerOptions& options) {
  if (options.no_auth && !IsLoopback(options.host)) {
    return InvalidArgumentError("--no-auth is only allowed on a loopback address (127.0.0.1, ::1),"
                                " not " + options.host);
  }
  if (options.threads < 1) return InvalidArgumentError("--threads must be at least 1");
  auto impl = std::make_unique<Impl>(catalog, options);
  impl->Install();
  if (options.port == 0) {
    impl->port = impl->svr.bind_to_any_port(options.host);
  } else {
    impl->port = impl->svr.bind_to_port(options.host, options.port) ? options.port : -1;
  }
  if (impl->port <= 0) {
    return UnavailableError("cannot listen on " + options.host + ":" +
                            std::to_string(options.port) + " (address in use or not local?)");
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

int HttpServer::port() const { return impl_->port; }
void HttpServer::Run() {
  if (!impl_->stopping) impl_->svr.listen_after_bind();
}

void HttpServer::WaitUntilReady() const {
  while (!impl_->svr.is_running() && !impl_->stopping) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void HttpServer::Stop() {
  if (!impl_) return;
  {
    std::lock_guard<std::mutex> lock(impl_->reload_mu);
    impl_->stopping = true;
  }
  impl_->reload_cv.notify_all();
  impl_->svr.stop();
}

}  // namespace linea::server
