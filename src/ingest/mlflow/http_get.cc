#include "ingest/mlflow/http_get.h"

#include <curl/curl.h>

#include <mutex>

namespace linea::mlflow {
namespace {

constexpr size_t kMaxBody = 64u << 20;

size_t Append(char* data, size_t size, size_t n, void* out) {
  auto* body = static_cast<std::string*>(out);
  if (body->size() + size * n > kMaxBody) return 0;  // aborts the transfer
  body->append(data, size * n);
  return size * n;
}

}  // namespace

struct HttpGetter::Impl {
  CURL* curl = nullptr;
  curl_slist* headers = nullptr;
  std::string token, username, password;
};

HttpGetter::HttpGetter(std::string token, std::string username, std::string password)
    : impl_(std::make_unique<Impl>()) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_->curl = curl_easy_init();
  impl_->token = std::move(token);
  impl_->username = std::move(username);
  impl_->password = std::move(password);
  impl_->headers = curl_slist_append(nullptr, "Accept: application/json");
  if (!impl_->token.empty()) {
    impl_->headers =
        curl_slist_append(impl_->headers, ("Authorization: Bearer " + impl_->token).c_str());
  }
}

HttpGetter::~HttpGetter() {
  curl_slist_free_all(impl_->headers);
  curl_easy_cleanup(impl_->curl);
}

Result<HttpResponse> HttpGetter::Get(const std::string& url,
                                     const std::vector<std::pair<std::string, std::string>>& query) {
  CURL* c = impl_->curl;
  std::string full = url;
  for (size_t i = 0; i < query.size(); ++i) {
    char* key = curl_easy_escape(c, query[i].first.c_str(), static_cast<int>(query[i].first.size()));
    char* value = curl_easy_escape(c, query[i].second.c_str(), static_cast<int>(query[i].second.size()));
    full += (i == 0 ? "?" : "&") + std::string(key) + "=" + value;
    curl_free(key);
    curl_free(value);
  }
  HttpResponse response;
  curl_easy_reset(c);
  curl_easy_setopt(c, CURLOPT_URL, full.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, impl_->headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  if (impl_->token.empty() && !impl_->username.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(c, CURLOPT_USERNAME, impl_->username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, impl_->password.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_WRITE_ERROR) {
    return Status(StatusCode::kResourceExhausted, url + ": response larger than 64 MiB");
  }
  if (rc != CURLE_OK) return UnavailableError("cannot reach " + url + ": " + curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace linea::mlflow
