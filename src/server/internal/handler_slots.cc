#include "server/internal/handler_slots.h"

#include <algorithm>
#include <utility>

namespace linea::server::internal {

HandlerSlots::HandlerSlots(size_t slots, size_t max_waiting)
    : slots_(std::max<size_t>(1, slots)), max_waiting_(max_waiting) {}

bool HandlerSlots::TryEnter() {
  std::lock_guard<std::mutex> lock(mu_);
  if (running_ >= slots_) return false;
  ++running_;
  return true;
}

void HandlerSlots::Enter(std::function<void(bool granted)> wake) {
  bool granted = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (running_ < slots_) {
      ++running_;
    } else if (waiting_.size() < max_waiting_) {
      waiting_.push_back(std::move(wake));
      return;  // woken by Leave()
    } else {
      granted = false;
    }
  }
  wake(granted);
}

void HandlerSlots::Leave() {
  std::function<void(bool)> next;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (waiting_.empty()) {
      --running_;
      return;
    }
    next = std::move(waiting_.front());  // the slot passes on: running_ stays
    waiting_.pop_front();
  }
  next(true);
}

size_t HandlerSlots::running() const {
  std::lock_guard<std::mutex> lock(mu_);
  return running_;
}

size_t HandlerSlots::waiting() const {
  std::lock_guard<std::mutex> lock(mu_);
  return waiting_.size();
}

}  // namespace linea::server::internal
