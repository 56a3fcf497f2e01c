#include "server/internal/exchange.h"

#include "api/api.h"
#include "common/strings.h"

namespace linea::server::internal {

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && ToLower(k) == ToLower(name)) return v;
  }
  return {};
}

HttpResponse ErrorResponse(int http_status, const Status& status) {
  HttpResponse r;
  r.status = http_status;
  r.body = api::Error(status).body.dump(-1, ' ', false, api::Json::error_handler_t::replace);
  return r;
}

}  // namespace linea::server::internal
