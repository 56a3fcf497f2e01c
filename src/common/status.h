// src/common/status.h: the error type of every fallible linea call.
//
// A Status is either OK (no heap state, as in leveldb) or a code, a message and optional
// "did you mean" candidates. Codes map one-to-one to HTTP statuses and to the JSON error body
// {"error": {"code", "message", "details"}}; see HttpStatus() and CodeName().
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linea {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // 400: bad input (parse errors, invalid names, bad flags)
  kUnauthenticated,     // 401
  kPermissionDenied,    // 403
  kNotFound,            // 404: unknown asset, team, route
  kMethodNotAllowed,    // 405
  kAlreadyExists,       // 409: conflicting identity (e.g. an FQN taken by another kind)
  kFailedPrecondition,  // 409: state forbids the call (e.g. db written by a newer schema)
  kPayloadTooLarge,     // 413
  kResourceExhausted,   // 429: too many requests or connections; retry later
  kUnavailable,         // 503: store locked, read-only, not reachable
  kDataLoss,            // 500: store file corrupt
  kInternal,            // 500: a bug
};

// Stable lower-case name of a code, e.g. "not_found"; used in JSON error bodies.
std::string_view CodeName(StatusCode code);
// The HTTP status a code is answered with.
int HttpStatus(StatusCode code);

class [[nodiscard]] Status {
 public:
  // Creates an OK status.
  Status() = default;
  Status(StatusCode code, std::string message, std::vector<std::string> candidates = {});
  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return ok() ? StatusCode::kOk : state_->code; }
  // Empty for OK.
  const std::string& message() const;
  // "Did you mean" candidates, best first; empty when none apply.
  const std::vector<std::string>& candidates() const;
  // The byte offset into the input the error is about (a parser's), when it has one.
  std::optional<size_t> offset() const { return ok() ? std::nullopt : state_->offset; }
  // A copy that points at byte `offset` of the input; OK stays OK.
  Status AtOffset(size_t offset) const;

  // "not_found: unknown asset x" ; "ok" for OK.
  std::string ToString() const;

  // Returns a copy whose message is "<prefix>: <message>"; OK stays OK.
  Status WithPrefix(std::string_view prefix) const;

  // Marks the status as handled where dropping it is intended.
  void IgnoreError() const {}

 private:
  struct State {
    StatusCode code;
    std::string message;
    std::vector<std::string> candidates;
    std::optional<size_t> offset;
  };
  std::unique_ptr<State> state_;
};

Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message, std::vector<std::string> candidates = {});
Status AlreadyExistsError(std::string message);
Status FailedPreconditionError(std::string message);
Status UnavailableError(std::string message);
Status ResourceExhaustedError(std::string message);
Status PermissionDeniedError(std::string message);
Status DataLossError(std::string message);
Status InternalError(std::string message);

}  // namespace linea
