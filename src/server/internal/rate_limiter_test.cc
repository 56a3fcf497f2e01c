// RateLimiter: refill, burst, the bound on buckets and what is evicted first, Retry-After —
// against a hand-moved clock (no sleeps).
#include "server/internal/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace linea::server::internal {
namespace {

using std::chrono::milliseconds;

class RateLimiterTest : public ::testing::Test {
 protected:
  RateLimiter::NowFunction Now() {
    return [this] { return RateLimiter::Clock::time_point() + now_; };
  }
  void Advance(milliseconds by) { now_ += by; }
  // How many of `n` requests from `key` are allowed right now.
  static int Allowed(RateLimiter& limiter, const std::string& key, int n) {
    int allowed = 0;
    for (int i = 0; i < n; ++i) allowed += limiter.Take(key).allowed ? 1 : 0;
    return allowed;
  }

  milliseconds now_{1'000'000};
};

TEST_F(RateLimiterTest, ANewKeyMaySendItsBurstAtOnceThenIsRefused) {
  RateLimiter limiter({.per_second = 10, .burst = 20}, Now());
  EXPECT_EQ(Allowed(limiter, "a", 20), 20);
  RateLimiter::Verdict refused = limiter.Take("a");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 1);
  // Another key has its own bucket.
  EXPECT_EQ(Allowed(limiter, "b", 21), 20);
}

TEST_F(RateLimiterTest, TheBucketRefillsAtTheRateUpToTheBurst) {
  RateLimiter limiter({.per_second = 10, .burst = 20}, Now());
  EXPECT_EQ(Allowed(limiter, "a", 20), 20);
  Advance(milliseconds(500));  // 5 requests drip back
  EXPECT_EQ(Allowed(limiter, "a", 10), 5);
  Advance(milliseconds(250));  // 2.5: two whole requests, half of a third
  EXPECT_EQ(Allowed(limiter, "a", 10), 2);
  Advance(milliseconds(50));  // the half becomes whole
  EXPECT_EQ(Allowed(limiter, "a", 10), 1);
  Advance(std::chrono::hours(1));  // never more than the burst
  EXPECT_EQ(Allowed(limiter, "a", 100), 20);
}

TEST_F(RateLimiterTest, RetryAfterIsTheWholeSecondsUntilARequestIsBack) {
  RateLimiter limiter({.per_second = 0.25, .burst = 1}, Now());  // one request per 4 s
  EXPECT_TRUE(limiter.Take("a").allowed);
  EXPECT_EQ(limiter.Take("a").retry_after_seconds, 4);
  Advance(milliseconds(2500));  // 0.625 back: 1.5 s to go, rounded up
  EXPECT_EQ(limiter.Take("a").retry_after_seconds, 2);
  Advance(milliseconds(1499));
  EXPECT_EQ(limiter.Take("a").retry_after_seconds, 1);
  Advance(milliseconds(1));
  EXPECT_TRUE(limiter.Take("a").allowed);
  EXPECT_EQ(limiter.Take("a").retry_after_seconds, 4);
}

TEST_F(RateLimiterTest, RetryAfterIsAtLeastOneSecond) {
  RateLimiter limiter({.per_second = 1000, .burst = 1}, Now());
  EXPECT_TRUE(limiter.Take("a").allowed);
  RateLimiter::Verdict refused = limiter.Take("a");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 1);
}

TEST_F(RateLimiterTest, CyclingThroughKeysNeverHoldsMoreThanTheCap) {
  RateLimiter limiter({.per_second = 1, .burst = 5, .max_keys = 64, .shards = 16}, Now());
  for (int i = 0; i < 100'000; ++i) {
    EXPECT_TRUE(limiter.Take("2001:db8:" + std::to_string(i) + "::/64").allowed);
  }
  EXPECT_LE(limiter.size(), 64u);
  EXPECT_GE(limiter.size(), 16u);
}

TEST_F(RateLimiterTest, AFullBucketIsEvictedBeforeADrainedOne) {
  RateLimiter limiter({.per_second = 1, .burst = 3, .max_keys = 3, .shards = 1}, Now());
  EXPECT_EQ(Allowed(limiter, "drained", 3), 3);  // least recently used, and empty
  EXPECT_EQ(Allowed(limiter, "idle", 1), 1);
  EXPECT_EQ(Allowed(limiter, "busy", 1), 1);
  Advance(milliseconds(1000));                // "idle" and "busy" are full again, "drained" holds 1
  EXPECT_EQ(Allowed(limiter, "busy", 1), 1);  // "busy" is now 2 of 3, most recently used
  EXPECT_TRUE(limiter.Take("new").allowed);   // evicts "idle", the full one
  EXPECT_EQ(limiter.size(), 3u);
  // "drained" kept its state: one request, then refused.
  EXPECT_EQ(Allowed(limiter, "drained", 3), 1);
}

TEST_F(RateLimiterTest, WithNoFullBucketTheLeastRecentlyUsedIsEvicted) {
  RateLimiter limiter({.per_second = 1, .burst = 2, .max_keys = 2, .shards = 1}, Now());
  EXPECT_EQ(Allowed(limiter, "old", 2), 2);
  EXPECT_EQ(Allowed(limiter, "recent", 2), 2);
  EXPECT_TRUE(limiter.Take("new").allowed);  // neither is full: "old" goes
  EXPECT_EQ(limiter.size(), 2u);
  EXPECT_FALSE(limiter.Take("recent").allowed);  // kept, still empty
  EXPECT_EQ(Allowed(limiter, "old", 3), 2);      // forgotten: starts full
}

TEST_F(RateLimiterTest, ConcurrentTakersGetExactlyTheBurst) {
  RateLimiter limiter({.per_second = 1, .burst = 1000}, Now());  // the clock stands still
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (limiter.Take("shared").allowed) ++allowed;
        limiter.Take("own" + std::to_string(i % 50));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(allowed, 1000);
}

}  // namespace
}  // namespace linea::server::internal
