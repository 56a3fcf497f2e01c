#include "tests/testing/raw_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace linea::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::unique_ptr<RawConnection> RawConnection::Open(int port, const std::string& source_address) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return nullptr;
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (!source_address.empty()) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source_address.c_str(), &local.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      ::close(fd);
      return nullptr;
    }
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return nullptr;
  }
  return std::unique_ptr<RawConnection>(new RawConnection(fd));
}

RawConnection::~RawConnection() { ::close(fd_); }

bool RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

size_t RawConnection::Trickle(std::string_view bytes, std::chrono::milliseconds gap) {
  size_t sent = 0;
  for (char c : bytes) {
    if (!Send(std::string_view(&c, 1))) return sent;
    ++sent;
    // An answer or a close shows as readable: stop trickling then (the caller reads it).
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(gap.count())) > 0) return sent;
  }
  return sent;
}

void RawConnection::ShutdownWrite() { ::shutdown(fd_, SHUT_WR); }

bool RawConnection::Fill(Clock::time_point deadline) {
  if (closed_) return false;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0) return false;
  pollfd p{fd_, POLLIN, 0};
  int ready = ::poll(&p, 1, static_cast<int>(left.count()));
  if (ready <= 0) return false;
  char chunk[16384];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) {
    closed_ = true;
    return false;
  }
  buffer_.append(chunk, static_cast<size_t>(n));
  return true;
}

std::optional<RawResponse> RawConnection::ReadResponse(std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  for (;;) {
    size_t head_end = buffer_.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      RawResponse r;
      std::string head = buffer_.substr(0, head_end);
      size_t line_end = head.find("\r\n");
      std::string status_line = head.substr(0, line_end);
      if (status_line.size() >= 12) r.status = std::atoi(status_line.c_str() + 9);
      size_t at = line_end == std::string::npos ? head.size() : line_end + 2;
      while (at < head.size()) {
        size_t end = head.find("\r\n", at);
        if (end == std::string::npos) end = head.size();
        std::string line = head.substr(at, end - at);
        size_t colon = line.find(':');
        if (colon != std::string::npos) {
          size_t v = line.find_first_not_of(' ', colon + 1);
          r.headers[Lower(line.substr(0, colon))] = v == std::string::npos ? "" : line.substr(v);
        }
        at = end + 2;
      }
      if (r.status == 100) {  // interim: skip it
        buffer_.erase(0, head_end + 4);
        continue;
      }
      size_t length =
          r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
      while (buffer_.size() < head_end + 4 + length) {
        if (!Fill(deadline)) return std::nullopt;
      }
      r.body = buffer_.substr(head_end + 4, length);
      buffer_.erase(0, head_end + 4 + length);
      return r;
    }
    if (!Fill(deadline)) return std::nullopt;
  }
}

std::string RawConnection::ReadUntilClosed(std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  while (Fill(deadline)) {
  }
  std::string out;
  out.swap(buffer_);
  return out;
}

bool RawConnection::WaitClosed(std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  while (Fill(deadline)) buffer_.clear();
  return closed_;
}

std::optional<RawResponse> RawExchange(int port, std::string_view request,
                                       std::chrono::milliseconds timeout) {
  auto c = RawConnection::Open(port);
  if (!c || !c->Send(request)) return std::nullopt;
  return c->ReadResponse(timeout);
}

}  // namespace linea::testing
