#include "server/metrics.h"

#include <cstdio>
#include <tuple>

namespace linea::server {

std::string EscapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void Metrics::Record(const std::string& route, const std::string& method, int status,
                     double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, method, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
  // 500/503 come from the store (locked, corrupt, I/O) or a bug; both page someone.
  if (status == 500 || status == 503) ++store_errors_;
}

std::string Metrics::Render(const std::string& extra) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  char buf[64];
  out += "# HELP linea_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE linea_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += "linea_http_requests_total{route=\"" + EscapeLabel(route) + "\",method=\"" + method +
           "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP linea_http_request_duration_seconds Request latency by route.\n";
  out += "# TYPE linea_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    std::string label = "route=\"" + EscapeLabel(route) + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
      out += "linea_http_request_duration_seconds_bucket{" + label + ",le=\"" + buf + "\"} " +
             std::to_string(h.buckets[i]) + "\n";
    }
    out += "linea_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    std::snprintf(buf, sizeof buf, "%.9g", h.sum);
    out += "linea_http_request_duration_seconds_sum{" + label + "} " + buf + "\n";
    out += "linea_http_request_duration_seconds_count{" + label + "} " + std::to_string(h.count) +
           "\n";
  }
  out += "# HELP linea_store_errors_total Requests that failed with a store or internal error.\n";
  out += "# TYPE linea_store_errors_total counter\n";
  out += "linea_store_errors_total " + std::to_string(store_errors_) + "\n";
  return out + extra;
}

}  // namespace linea::server
