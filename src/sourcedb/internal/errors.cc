#include "sourcedb/internal/engines.h"

#include "common/strings.h"

namespace linea::sourcedb::internal {
namespace {

std::string FirstLine(std::string_view text) {
  text = Trim(text);
  return std::string(text.substr(0, text.find('\n')));
}

}  // namespace

Status ConnectError(const DbUrl& url, std::string_view cause) {
  return UnavailableError("cannot connect to " + url.Redacted() + ": " + FirstLine(cause));
}

Status QueryError(std::string_view message) {
  return FailedPreconditionError("query failed: " + FirstLine(message));
}

}  // namespace linea::sourcedb::internal
