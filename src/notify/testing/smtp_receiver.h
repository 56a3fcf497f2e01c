// src/notify/testing/smtp_receiver.h: a tiny SMTP server on loopback for tests.
//
// Speaks just enough SMTP for libcurl: 220 greeting, EHLO/HELO → 250, MAIL FROM → 250,
// RCPT TO → a configurable reply, DATA → 354 then the message up to "\r\n.\r\n" → 250,
// RSET/NOOP → 250, QUIT → 221. Serves one connection at a time on its own thread.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace linea::notify::testing {

struct ReceivedMail {
  std::string mail_from;             // the MAIL FROM argument, e.g. "<a@b.c>"
  std::vector<std::string> rcpt_to;  // the RCPT TO arguments
  std::string data;                  // the message, dot-unstuffed, without the final "."
};

class SmtpReceiver {
 public:
  // Listens on 127.0.0.1 on an ephemeral port. `rcpt_reply` answers every RCPT TO, e.g.
  // "250 OK" or "550 5.1.1 no such user".
  explicit SmtpReceiver(std::string rcpt_reply = "250 OK");
  ~SmtpReceiver();
  SmtpReceiver(const SmtpReceiver&) = delete;
  SmtpReceiver& operator=(const SmtpReceiver&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // The mails whose DATA was accepted, in order.
  std::vector<ReceivedMail> mails() const;

 private:
  void Serve();
  void Session(int fd);

  const std::string rcpt_reply_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::vector<ReceivedMail> mails_;
  std::thread thread_;
};

}  // namespace linea::notify::testing
