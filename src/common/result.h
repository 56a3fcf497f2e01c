// src/common/result.h: Result<T>, a value or a non-OK Status (abseil StatusOr, TotW #181).
//
//   Result<Fqn> fqn = Fqn::Parse(text);
//   if (!fqn.ok()) return fqn.status();
//   use(*fqn);
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "common/status.h"

namespace linea {

template <typename T>
class [[nodiscard]] Result {
 public:
  // REQUIRES: !status.ok()
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok());
    if (status_.ok()) status_ = InternalError("Result constructed from an OK status");
  }
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  // REQUIRES: ok()
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace linea
