// fuzz/http_request_fuzzer.cc: raw bytes from the network through the real server loop — the
// Beast listener, target decoding, authentication, body decoding, the router and the access
// log — on a real loopback socket, against an in-memory catalog holding the tiny mesh.
//
// Input: the bytes a client sends on one connection (any number of pipelined requests, or
// garbage); the fuzzer then half-closes and reads until the server closes.
// Every socket call retries when interrupted: libFuzzer's -timeout alarm (SIGALRM) interrupts
// them, which is the client's business, not a server stall.
// Oracle: the server answers or closes within 10 s (no stall), never answers 500 (an exception
// or a bug: every malformed input must be a 4xx), and still answers /healthz afterwards.
// abort() otherwise. With LINEA_FUZZ_STOP_ON_STALL set, a stall stops the process (SIGSTOP)
// instead, so that a debugger can read every thread's stack: `gdb -p PID -batch -ex 'thread
// apply all bt'`.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "app/app.h"
#include "generate/mesh.h"
#include "server/http_server.h"
#include "store/sqlite/sqlite_store.h"

namespace {

struct Fixture {
  std::unique_ptr<linea::app::App> app;
  std::unique_ptr<linea::server::HttpServer> server;
  std::thread thread;
  int port = 0;
};

Fixture& TheServer() {
  static Fixture* f = [] {
    auto* f = new Fixture;
    auto store = linea::store::OpenSqliteStore({.path = ":memory:"});
    if (!store.ok()) std::abort();
    auto a = linea::app::App::Open(std::move(*store));
    if (!a.ok()) std::abort();
    f->app = std::move(*a);
    if (!f->app->catalog()
             .Apply(linea::generate::GenerateMesh({.scale = linea::generate::Scale::kTiny}))
             .ok()) {
      std::abort();
    }
    linea::server::ServerOptions o;
    o.port = 0;
    o.no_auth = true;  // every route reachable
    o.access_log = false;
    o.threads = 2;
    o.max_body_bytes = 1 << 20;
    o.header_timeout_ms = 2000;
    o.request_timeout_ms = 2000;
    auto server = linea::server::HttpServer::Start(*f->app, o);
    if (!server.ok()) std::abort();
    f->server = std::move(*server);
    f->port = f->server->port();
    f->thread = std::thread([f] { f->server->Run(); });
    f->server->WaitUntilReady();
    return f;
  }();
  return *f;
}

int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  int rc = fd < 0 ? -1 : ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  if (rc != 0 && errno == EINTR) {
    // Interrupted by libFuzzer's alarm: the connection goes on; wait for it to complete.
    pollfd p{fd, POLLOUT, 0};
    int error = 0;
    socklen_t size = sizeof error;
    while ((rc = ::poll(&p, 1, 10000)) < 0 && errno == EINTR) {
    }
    rc = rc == 1 && ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 && error == 0
             ? 0
             : -1;
  }
  if (rc != 0) {
    std::fprintf(stderr, "cannot connect to the server: %s\n", std::strerror(errno));
    std::abort();
  }
  return fd;
}

// Sends `request`, half-closes, returns everything until the server closes; aborts on a stall.
std::string Exchange(int port, const std::string& request) {
  int fd = Connect(port);
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the server closed early (e.g. after a 413): fine
    sent += static_cast<size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    const int ready = left.count() <= 0 ? 0 : ::poll(&p, 1, static_cast<int>(left.count()));
    // libFuzzer's -timeout alarm (SIGALRM) interrupts poll(), which is never restarted: that is
    // no answer from the server yet, not a stall.
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      std::fprintf(stderr, "the server neither answered nor closed within 10 s\n");
      if (std::getenv("LINEA_FUZZ_STOP_ON_STALL")) ::raise(SIGSTOP);
      std::abort();
    }
    char buf[65536];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Fixture& f = TheServer();
  std::string answer = Exchange(f.port, std::string(reinterpret_cast<const char*>(data), size));
  for (size_t at = answer.find("HTTP/1.1 5"); at != std::string::npos;
       at = answer.find("HTTP/1.1 5", at + 1)) {
    if (answer.compare(at, 12, "HTTP/1.1 503") == 0) continue;  // busy: allowed under load
    std::fprintf(stderr, "the server answered a 5xx:\n%s\n", answer.c_str());
    std::abort();
  }
  std::string health = Exchange(f.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  if (health.rfind("HTTP/1.1 200", 0) != 0) {
    std::fprintf(stderr, "/healthz after the input:\n%s\n", health.c_str());
    std::abort();
  }
  return 0;
}
