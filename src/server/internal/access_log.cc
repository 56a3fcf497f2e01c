#include "server/internal/access_log.h"

#include <cstdio>

#include "codec/json_codec.h"

namespace linea::server::internal {
namespace {

std::string JsonString(const std::string& s) {
  return codec::Json(s).dump(-1, ' ', false, codec::Json::error_handler_t::replace);
}

}  // namespace

std::string FormatAccessLog(const AccessLogEntry& e) {
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.3f", e.seconds * 1000);
  return "{\"ts\":" + std::to_string(e.ts) + ",\"method\":" + JsonString(e.method) +
         ",\"path\":" + JsonString(e.path) + ",\"route\":" + JsonString(e.route) +
         ",\"status\":" + std::to_string(e.status) + ",\"ms\":" + ms +
         ",\"bytes\":" + std::to_string(e.bytes) + ",\"caller\":" + JsonString(e.caller) +
         ",\"remote\":" + JsonString(e.remote) + "}\n";
}

}  // namespace linea::server::internal
