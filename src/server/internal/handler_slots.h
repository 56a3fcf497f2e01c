// src/server/internal/handler_slots.h: how many requests may run their (blocking) handlers at
// once, and a FIFO of the requests waiting for a slot.
//
// The listener's threads both do socket I/O and run handlers, so a request is handled on the
// thread that read it, without a hand-off. Capping handlers at one less than the threads keeps a
// thread free for I/O and for the answers that need no slot (health, metrics), however busy the
// handlers are.
//
// Thread-safe.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

namespace linea::server::internal {

class HandlerSlots {
 public:
  // `slots` handlers at once (at least 1); at most `max_waiting` requests queue for one.
  HandlerSlots(size_t slots, size_t max_waiting);
  HandlerSlots(const HandlerSlots&) = delete;
  HandlerSlots& operator=(const HandlerSlots&) = delete;

  // Takes a slot when one is free (the fast path: true).
  bool TryEnter();
  // Takes a slot for a request that will wait in line: `wake(true)` is called once the caller
  // holds the slot — at once when one is free, else by the Leave() that hands it over — and
  // `wake(false)` at once when the line is full. `wake` runs exactly once, on the calling thread
  // or on the one in Leave(), and must not block.
  void Enter(std::function<void(bool granted)> wake);
  // Gives the caller's slot to the longest-waiting request, or frees it.
  void Leave();

  size_t running() const;
  size_t waiting() const;

 private:
  const size_t slots_;
  const size_t max_waiting_;
  mutable std::mutex mu_;
  size_t running_ = 0;                             // guarded by mu_
  std::deque<std::function<void(bool)>> waiting_;  // guarded by mu_
};

}  // namespace linea::server::internal
