// src/server/metrics.h: Prometheus text-format metrics for the server: requests by route,
// method and status, a latency histogram per route, and store errors. Graph sizes are added at
// scrape time by the caller.
//
// Thread-safe: Record() and Render() may run concurrently.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace linea::server {

class Metrics {
 public:
  // One finished request. `route` is the matched pattern or "unmatched".
  void Record(const std::string& route, const std::string& method, int status, double seconds);
  // The exposition text (# HELP / # TYPE lines included), ending with `extra` verbatim.
  std::string Render(const std::string& extra) const;

  static constexpr std::array<double, 12> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                      0.005,  0.01,    0.025,  0.05,  0.1,
                                                      0.5,    2.5};

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;  // route, method, status
  std::map<std::string, Histogram> latency_;                                // by route
  uint64_t store_errors_ = 0;
};

// Escapes a label value for the text format (backslash, quote, newline).
std::string EscapeLabel(const std::string& value);

}  // namespace linea::server
