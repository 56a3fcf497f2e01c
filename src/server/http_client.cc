#include "server/http_client.h"

#include <httplib.h>

namespace linea::server {
namespace {

StatusCode CodeFromReply(int http_status, const api::Json& body) {
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    std::string name = body["error"].value("code", "");
    for (int c = 0; c <= static_cast<int>(StatusCode::kInternal); ++c) {
      if (CodeName(static_cast<StatusCode>(c)) == name) return static_cast<StatusCode>(c);
    }
  }
  switch (http_status) {
    case 400: return StatusCode::kInvalidArgument;
    case 401: return StatusCode::kUnauthenticated;
    case 403: return StatusCode::kPermissionDenied;
    case 404: return StatusCode::kNotFound;
    case 405: return StatusCode::kMethodNotAllowed;
    case 409: return StatusCode::kFailedPrecondition;
    case 413: return StatusCode::kPayloadTooLarge;
    case 429: return StatusCode::kResourceExhausted;
    case 503: return StatusCode::kUnavailable;
    default: return http_status < 400 ? StatusCode::kOk : StatusCode::kInternal;
  }
}

}  // namespace

std::string PercentEncode(std::string_view text, bool keep_slash) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct ApiClient::Impl {
  std::string url;
  std::string token;
  std::unique_ptr<httplib::Client> client;
};

ApiClient::ApiClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ApiClient::~ApiClient() = default;

Result<std::unique_ptr<ApiClient>> ApiClient::Create(const std::string& url,
                                                     const std::string& token) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return InvalidArgumentError("--server: expected an http:// or https:// URL, got \"" + url +
                                "\"");
  }
  auto impl = std::make_unique<Impl>();
  impl->url = url;
  while (!impl->url.empty() && impl->url.back() == '/') impl->url.pop_back();
  impl->token = token;
  impl->client = std::make_unique<httplib::Client>(impl->url);
  if (!impl->client->is_valid()) return InvalidArgumentError("--server: bad URL \"" + url + "\"");
  impl->client->set_connection_timeout(5);
  impl->client->set_tcp_nodelay(true);
  impl->client->set_read_timeout(600);
  impl->client->set_write_timeout(600);
  return std::unique_ptr<ApiClient>(new ApiClient(std::move(impl)));
}

api::Reply ApiClient::Call(const ApiRequest& request) {
  std::string target = PercentEncode(request.path, true);
  char sep = '?';
  for (const auto& [k, v] : request.query) {
    target += sep + PercentEncode(k, false) + "=" + PercentEncode(v, false);
    sep = '&';
  }
  httplib::Headers headers;
  if (!impl_->token.empty()) headers.emplace("Authorization", "Bearer " + impl_->token);
  std::string type = request.content_type.empty() ? "application/json" : request.content_type;
  httplib::Client& c = *impl_->client;
  httplib::Result res = request.method == "GET"    ? c.Get(target, headers)
                        : request.method == "PUT"  ? c.Put(target, headers, request.body, type)
                        : request.method == "POST" ? c.Post(target, headers, request.body, type)
                                                   : c.Delete(target, headers, request.body, type);
  if (!res) {
    return api::Error(UnavailableError("cannot reach linea at " + impl_->url + ": " +
                                       httplib::to_string(res.error())));
  }
  const std::string content_type = res->get_header_value("Content-Type");
  if (res->status / 100 == 2 && !content_type.empty() &&
      content_type.find("json") == std::string::npos) {
    api::Reply text;  // an HTML report, metrics: passed on as they are
    text.text = std::move(res->body);
    text.content_type = content_type;
    return text;
  }
  api::Json body = api::Json::parse(res->body, nullptr, false);
  if (body.is_discarded()) {
    return api::Error(InternalError("server at " + impl_->url + " answered HTTP " +
                                    std::to_string(res->status) + " with a non-JSON body"));
  }
  return {CodeFromReply(res->status, body), std::move(body)};
}

}  // namespace linea::server
