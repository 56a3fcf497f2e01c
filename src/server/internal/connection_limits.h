// src/server/internal/connection_limits.h: how many connections are open, in all and per
// client address, and admission against both caps.
//
// Thread-safe. A Slot is held for a connection's lifetime and gives its place back when
// destroyed.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace linea::server::internal {

class ConnectionLimits {
 public:
  // Caps of 0 mean "no cap".
  ConnectionLimits(size_t max_total, size_t max_per_client)
      : max_total_(max_total), max_per_client_(max_per_client) {}
  ConnectionLimits(const ConnectionLimits&) = delete;
  ConnectionLimits& operator=(const ConnectionLimits&) = delete;

  enum class Refusal { kNone, kTotal, kPerClient };

  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept : owner_(other.owner_), client_(std::move(other.client_)) {
      other.owner_ = nullptr;
    }
    Slot& operator=(Slot&& other) noexcept;
    ~Slot() { Release(); }
    bool held() const { return owner_ != nullptr; }

   private:
    friend class ConnectionLimits;
    Slot(ConnectionLimits* owner, std::string client) : owner_(owner), client_(std::move(client)) {}
    void Release();
    ConnectionLimits* owner_ = nullptr;
    std::string client_;
  };

  // A slot for one more connection from `client` (an address), or an empty Slot and *why.
  Slot Acquire(const std::string& client, Refusal* why);
  size_t open() const;

 private:
  void Release(const std::string& client);

  const size_t max_total_;
  const size_t max_per_client_;
  mutable std::mutex mu_;
  size_t total_ = 0;                                   // guarded by mu_
  std::unordered_map<std::string, size_t> by_client_;  // guarded by mu_; no zero entries
};

}  // namespace linea::server::internal
