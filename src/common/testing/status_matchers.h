// common/testing/status_matchers.h: IsOk(), StatusIs(code) and StatusIs(code, message) for
// Status and Result<T>
// (abseil status_matchers.h, which Debian's libabsl lacks). Prefer StatusIs with the exact code.
#pragma once

#include <gmock/gmock.h>

#include "common/result.h"
#include "common/status.h"

namespace linea::testing {

inline const Status& GetStatus(const Status& s) { return s; }
template <typename T>
const Status& GetStatus(const Result<T>& r) {
  return r.status();
}

MATCHER(IsOk, "is OK") {
  const Status& s = ::linea::testing::GetStatus(arg);
  if (!s.ok()) *result_listener << s.ToString();
  return s.ok();
}

MATCHER_P(StatusIs, code, "has code " + std::string(::linea::CodeName(code))) {
  const Status& s = ::linea::testing::GetStatus(arg);
  *result_listener << s.ToString();
  return s.code() == code;
}

// StatusIs(code, message): the code and a message matcher (or the exact message).
MATCHER_P2(StatusIs, code, message,
           "has code " + std::string(::linea::CodeName(code)) + " and a matching message") {
  const Status& s = ::linea::testing::GetStatus(arg);
  *result_listener << s.ToString();
  return s.code() == code &&
         ::testing::SafeMatcherCast<const std::string&>(message).MatchAndExplain(
             s.message(), result_listener);
}

}  // namespace linea::testing
