#include "server/internal/connection_limits.h"

namespace linea::server::internal {

ConnectionLimits::Slot& ConnectionLimits::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    Release();
    owner_ = other.owner_;
    client_ = std::move(other.client_);
    other.owner_ = nullptr;
  }
  return *this;
}

void ConnectionLimits::Slot::Release() {
  if (owner_) owner_->Release(client_);
  owner_ = nullptr;
}

ConnectionLimits::Slot ConnectionLimits::Acquire(const std::string& client, Refusal* why) {
  std::lock_guard<std::mutex> lock(mu_);
  if (max_total_ != 0 && total_ >= max_total_) {
    *why = Refusal::kTotal;
    return Slot();
  }
  size_t& mine = by_client_[client];
  if (max_per_client_ != 0 && mine >= max_per_client_) {
    *why = Refusal::kPerClient;
    return Slot();
  }
  ++mine;
  ++total_;
  *why = Refusal::kNone;
  return Slot(this, client);
}

size_t ConnectionLimits::open() const {
  std::lock_guard<std::mutex> lock(mu_);
  return total_;
}

void ConnectionLimits::Release(const std::string& client) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_client_.find(client);
  if (it != by_client_.end() && --it->second == 0) by_client_.erase(it);
  --total_;
}

}  // namespace linea::server::internal
