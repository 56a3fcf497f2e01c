#include "notify/testing/http_receiver.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace linea::notify::testing {

struct HttpReceiver::Impl {
  httplib::Server server;
  int port = 0;
  std::thread thread;
  mutable std::mutex mu;
  std::condition_variable released_cv;
  bool released = false;
  std::vector<ReceivedRequest> requests;

  void Handle(const httplib::Request& req, httplib::Response& res) {
    ReceivedRequest record{.path = req.path, .body = req.body};
    for (const auto& [name, value] : req.headers) {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      record.headers[lower] = value;
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      requests.push_back(std::move(record));
    }
    if (req.path.rfind("/status/", 0) == 0) {
      const std::string code = req.path.substr(8);
      res.status = std::stoi(code);
      res.set_content("answer " + code, "text/plain");
    } else if (req.path == "/large") {
      res.status = 400;
      res.set_content(std::string(4096, 'x'), "text/plain");
    } else if (req.path == "/hang") {
      std::unique_lock<std::mutex> lock(mu);
      released_cv.wait_for(lock, std::chrono::seconds(30), [this] { return released; });
      res.set_content("late", "text/plain");
    } else {
      res.set_content("ok", "text/plain");
    }
  }
};

HttpReceiver::HttpReceiver() : impl_(std::make_unique<Impl>()) {
  impl_->server.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
    impl_->Handle(req, res);
  });
  impl_->port = impl_->server.bind_to_any_port("127.0.0.1");
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  while (!impl_->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

HttpReceiver::~HttpReceiver() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->released = true;
  }
  impl_->released_cv.notify_all();
  impl_->server.stop();
  impl_->thread.join();
}

std::string HttpReceiver::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + std::string(path);
}

std::vector<ReceivedRequest> HttpReceiver::requests() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->requests;
}

int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace linea::notify::testing
