// src/server/http_client.h: the CLI's client for a linea server (`--server URL`). Sends the
// same ApiRequest the CLI would run locally and returns the server's Reply.
#pragma once

#include <memory>
#include <string>

#include "api/api.h"
#include "server/router.h"

namespace linea::server {

class ApiClient {
 public:
  // `url`: "http://host:port" or "https://…"; `token`: bearer secret, may be empty.
  // kInvalidArgument for a URL that is not http(s).
  static Result<std::unique_ptr<ApiClient>> Create(const std::string& url,
                                                   const std::string& token);
  ~ApiClient();

  // Sends the request (path percent-encoded, query appended). A server error comes back as its
  // JSON error Reply; a network failure as kUnavailable "cannot reach linea at URL: …".
  api::Reply Call(const ApiRequest& request);

 private:
  struct Impl;
  explicit ApiClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Percent-encodes everything but unreserved characters (and '/' when `keep_slash`).
std::string PercentEncode(std::string_view text, bool keep_slash);

}  // namespace linea::server
