#include "notify/testing/smtp_receiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <optional>

namespace linea::notify::testing {
namespace {

// Reads CRLF-terminated lines from a socket.
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}
  // The next line without its CRLF; nullopt on EOF, error or timeout.
  std::optional<std::string> Next() {
    for (;;) {
      size_t end = buffer_.find("\r\n");
      if (end != std::string::npos) {
        std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        return line;
      }
      char chunk[4096];
      ssize_t n = recv(fd_, chunk, sizeof(chunk), 0);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  int fd_;
  std::string buffer_;
};

void Reply(int fd, const std::string& line) {
  std::string out = line + "\r\n";
  (void)send(fd, out.data(), out.size(), MSG_NOSIGNAL);
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

SmtpReceiver::SmtpReceiver(std::string rcpt_reply) : rcpt_reply_(std::move(rcpt_reply)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  listen(listen_fd_, 8);
  socklen_t len = sizeof(addr);
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

SmtpReceiver::~SmtpReceiver() {
  stopping_ = true;
  shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
  thread_.join();
  close(listen_fd_);
}

std::vector<ReceivedMail> SmtpReceiver::mails() const {
  std::lock_guard<std::mutex> lock(mu_);
  return mails_;
}

void SmtpReceiver::Serve() {
  while (!stopping_) {
    int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) return;
    timeval timeout{.tv_sec = 10, .tv_usec = 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    Session(fd);
    close(fd);
  }
}

void SmtpReceiver::Session(int fd) {
  LineReader reader(fd);
  ReceivedMail mail;
  Reply(fd, "220 localhost test ESMTP");
  while (std::optional<std::string> line = reader.Next()) {
    const std::string verb = Upper(line->substr(0, line->find(' ')));
    if (verb == "EHLO" || verb == "HELO") {
      Reply(fd, "250 localhost");
    } else if (verb == "MAIL") {
      mail = ReceivedMail{.mail_from = line->substr(line->find(':') + 1)};
      Reply(fd, "250 OK");
    } else if (verb == "RCPT") {
      mail.rcpt_to.push_back(line->substr(line->find(':') + 1));
      Reply(fd, rcpt_reply_);
    } else if (verb == "DATA") {
      Reply(fd, "354 end data with <CR><LF>.<CR><LF>");
      while (std::optional<std::string> data = reader.Next()) {
        if (*data == ".") break;
        mail.data += (data->rfind(".", 0) == 0 ? data->substr(1) : *data) + "\r\n";
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        mails_.push_back(mail);
      }
      Reply(fd, "250 OK queued");
    } else if (verb == "QUIT") {
      Reply(fd, "221 bye");
      return;
    } else if (verb == "RSET" || verb == "NOOP") {
      Reply(fd, "250 OK");
    } else {
      Reply(fd, "502 command not implemented");
    }
  }
}

}  // namespace linea::notify::testing
