#include "server/internal/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace linea::server::internal {
namespace {

// How many of a full shard's least recently used buckets are searched for a full one before
// the least recently used is dropped anyway: bounds the work a new key costs.
constexpr int kEvictionScan = 8;

}  // namespace

RateLimiter::RateLimiter(const Options& options, NowFunction now)
    : options_(options),
      now_(std::move(now)),
      keys_per_shard_(std::max<size_t>(1, options.max_keys / std::max<size_t>(1, options.shards))),
      shards_(std::max<size_t>(1, options.shards)) {}

RateLimiter::Verdict RateLimiter::Take(std::string_view key) {
  const Clock::time_point now = now_();
  Shard& shard = shards_[std::hash<std::string_view>()(key) % shards_.size()];
  std::lock_guard<std::mutex> lock(shard.mu);
  auto found = shard.index.find(key);
  Bucket* bucket;
  if (found != shard.index.end()) {
    bucket = &*found->second;
    Refill(*bucket, now);
    shard.buckets.splice(shard.buckets.begin(), shard.buckets, found->second);
  } else {
    if (shard.index.size() >= keys_per_shard_) EvictOne(shard, now);
    shard.buckets.push_front(Bucket{std::string(key), options_.burst, now});
    bucket = &shard.buckets.front();
    shard.index.emplace(bucket->key, shard.buckets.begin());
  }
  if (bucket->tokens >= 1) {
    bucket->tokens -= 1;
    return Verdict{};
  }
  const double wait = (1 - bucket->tokens) / options_.per_second;
  return Verdict{false, std::max<int64_t>(1, static_cast<int64_t>(std::ceil(wait)))};
}

size_t RateLimiter::size() const {
  size_t n = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    n += shard.index.size();
  }
  return n;
}

void RateLimiter::Refill(Bucket& bucket, Clock::time_point now) const {
  if (now <= bucket.updated) return;
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min(options_.burst, bucket.tokens + elapsed * options_.per_second);
  bucket.updated = now;
}

void RateLimiter::EvictOne(Shard& shard, Clock::time_point now) const {
  auto victim = std::prev(shard.buckets.end());
  auto candidate = victim;
  for (int i = 0; i < kEvictionScan; ++i) {
    Refill(*candidate, now);
    if (candidate->tokens >= options_.burst) {
      victim = candidate;
      break;
    }
    if (candidate == shard.buckets.begin()) break;
    --candidate;
  }
  shard.index.erase(victim->key);
  shard.buckets.erase(victim);
}

}  // namespace linea::server::internal
