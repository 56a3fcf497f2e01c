// src/server/internal/rate_limiter.h: token buckets keyed by string (a token's name, a client
// address) — the server's per-token and per-address request rate limits.
//
// Each key's bucket holds at most `burst` requests and refills at `per_second`; a request takes
// one, and a request that finds the bucket empty is refused with the whole seconds until one is
// back. Memory is bounded: at most `max_keys` buckets exist, and a new key beyond that evicts
// an old one — a full bucket first (forgetting it loses nothing: a new bucket starts full), else
// the least recently used. A client cycling through many keys (IPv6 addresses, bogus tokens)
// therefore costs a bounded table, though each of its keys starts with a full burst.
//
// Thread-safe and cheap: the keys are spread over `shards` independently locked tables, and a
// request holds one shard's lock for a hash lookup and a few arithmetic operations.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace linea::server::internal {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  // The time source; tests inject a hand-moved clock.
  using NowFunction = std::function<Clock::time_point()>;

  struct Options {
    // Sustained requests per second per key; must be > 0.
    double per_second = 1;
    // Requests a key may send at once after being idle; must be ≥ 1.
    double burst = 1;
    // Buckets kept at most (rounded down to a multiple of `shards`, at least one per shard).
    // Default: 65,536 (11 MB measured with IPv6 keys).
    size_t max_keys = 65536;
    // Independently locked tables. Default: 16.
    size_t shards = 16;
  };

  // What Take() decided.
  struct Verdict {
    bool allowed = true;
    // When refused: whole seconds, at least 1, until the key's bucket holds a request again
    // (for Retry-After). 0 when allowed.
    int64_t retry_after_seconds = 0;
  };

  explicit RateLimiter(const Options& options, NowFunction now = Clock::now);
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Takes one request from `key`'s bucket (creating the bucket, full, for a new key).
  Verdict Take(std::string_view key);
  // Buckets currently held (≤ max_keys).
  size_t size() const;
  const Options& options() const { return options_; }

 private:
  struct Bucket {
    std::string key;
    double tokens;
    Clock::time_point updated;
  };
  // Most recently used first; `index` points into `buckets` (list nodes never move).
  struct Shard {
    mutable std::mutex mu;
    std::list<Bucket> buckets;                                                // guarded by mu
    std::unordered_map<std::string_view, std::list<Bucket>::iterator> index;  // guarded by mu
  };

  // Adds what has dripped in since `bucket.updated`, up to the burst.
  void Refill(Bucket& bucket, Clock::time_point now) const;
  // Drops one bucket of a full shard: a full one among the least recently used, else the least
  // recently used. REQUIRES: shard.mu is held and shard.buckets is not empty.
  void EvictOne(Shard& shard, Clock::time_point now) const;

  const Options options_;
  const NowFunction now_;
  const size_t keys_per_shard_;
  std::vector<Shard> shards_;
};

}  // namespace linea::server::internal
