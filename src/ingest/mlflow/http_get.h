// src/ingest/mlflow/http_get.h: blocking HTTP GETs over libcurl for the REST reader — one
// handle per client (connections are reused), a bearer or basic credential, bounded time and
// size.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace linea::mlflow {

struct HttpResponse {
  long status = 0;
  std::string body;
};

class HttpGetter {
 public:
  // `token`: sent as "Authorization: Bearer"; else `username`/`password` as basic auth.
  HttpGetter(std::string token, std::string username, std::string password);
  ~HttpGetter();

  // GET `url` + "?" + the encoded `query`. kUnavailable "cannot reach URL: <curl error>" when no
  // HTTP answer came (refused, timeout, TLS); any HTTP status is a response. Bodies past 64 MiB
  // are kResourceExhausted.
  Result<HttpResponse> Get(const std::string& url,
                           const std::vector<std::pair<std::string, std::string>>& query);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace linea::mlflow
