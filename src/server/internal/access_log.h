// src/server/internal/access_log.h: the server's access log, one JSON object per line.
#pragma once

#include <cstddef>
#include <ctime>
#include <string>

namespace linea::server::internal {

struct AccessLogEntry {
  std::time_t ts = 0;
  std::string method;
  std::string path;  // decoded path, or the raw target when it could not be decoded
  std::string route;
  int status = 0;
  double seconds = 0;
  size_t bytes = 0;
  std::string caller;
  std::string remote;
};

// {"ts":…,"method":…,"path":…,"route":…,"status":…,"ms":…,"bytes":…,"caller":…,"remote":…}
// and a newline. Any bytes are accepted: control characters are escaped and invalid UTF-8 is
// written as U+FFFD, so a hostile request line cannot break or forge log lines.
std::string FormatAccessLog(const AccessLogEntry& entry);

}  // namespace linea::server::internal
