// src/server/internal/request_target.h: the request-target of an HTTP request, decoded.
//
// Only origin-form targets ("/path?query") are served. Path and query are percent-decoded
// (in the query '+' is a space, as in HTML forms) and must be valid UTF-8 after decoding: a
// target that is not gets kInvalidArgument naming the part and the byte offset, and never
// reaches a handler, a log line or a JSON encoder as raw bytes.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/result.h"

namespace linea::server::internal {

struct RequestTarget {
  std::string path;                               // decoded
  std::multimap<std::string, std::string> query;  // decoded keys and values
};

// Errors: kInvalidArgument for a target that is not origin-form, malformed percent-encoding,
// a NUL byte or invalid UTF-8 after decoding.
Result<RequestTarget> ParseRequestTarget(std::string_view target);

// Percent-decodes `text`; with `plus_is_space` '+' becomes ' '. kInvalidArgument naming `what`
// when a '%' is not followed by two hex digits or the result is not valid UTF-8 or holds NUL.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space, std::string_view what);

}  // namespace linea::server::internal
