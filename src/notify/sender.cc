#include "notify/sender.h"

#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string_view>

namespace linea::notify {
namespace {

constexpr size_t kMaxResponseBytes = 1024;

struct CurlCleanup {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistCleanup {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlCleanup>;
using CurlList = std::unique_ptr<curl_slist, SlistCleanup>;

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void Append(CurlList& list, const std::string& item) {
  curl_slist* grown = curl_slist_append(list.get(), item.c_str());
  if (grown != nullptr) {
    list.release();
    list.reset(grown);
  }
}

// CURLOPT_WRITEFUNCTION: keeps the first kMaxResponseBytes, reads and drops the rest.
size_t KeepResponsePrefix(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<std::string*>(user);
  const size_t bytes = size * count;
  if (response->size() < kMaxResponseBytes) {
    response->append(data, std::min(bytes, kMaxResponseBytes - response->size()));
  }
  return bytes;
}

struct UploadSource {
  std::string_view data;
  size_t offset = 0;
};

// CURLOPT_READFUNCTION: streams an UploadSource.
size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* source = static_cast<UploadSource*>(user);
  const size_t n = std::min(size * count, source->data.size() - source->offset);
  std::copy_n(source->data.data() + source->offset, n, buffer);
  source->offset += n;
  return n;
}

// Failures that retrying cannot fix: the request itself is wrong.
bool IsPermanent(CURLcode code) {
  switch (code) {
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_LOGIN_DENIED:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_FUNCTION_NOT_FOUND:
      return true;
    default:
      return false;
  }
}

// A handle with the options every transfer shares. `error` must outlive the transfer.
CurlHandle NewHandle(const SenderOptions& options, const char* protocols, char* error) {
  CurlHandle curl(curl_easy_init());
  if (!curl) return curl;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: required for threads
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout_ms));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout_ms));
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "linea/" LINEA_VERSION);
  error[0] = '\0';
  return curl;
}

DeliveryResult TransferFailed(CURLcode code, const char* error, long status) {
  DeliveryResult result;
  result.http_status = static_cast<int>(status);
  result.error = error[0] != '\0' ? error : curl_easy_strerror(code);
  result.retriable = !IsPermanent(code);
  return result;
}

// The address check of one HTTP transfer (CURLOPT_OPENSOCKETDATA).
struct ConnectGuard {
  const AddressPolicy* policy = nullptr;
  std::string host;     // the URL's host, for the error message
  std::string refused;  // the first refusal; "" while every address passed
};

// CURLOPT_OPENSOCKETFUNCTION: libcurl calls it with each address it is about to connect to,
// after its own DNS resolution, so the check sees exactly what the connection reaches. A denied
// address gets no socket: libcurl then tries the next address or fails the transfer.
curl_socket_t OpenAllowedSocket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* guard = static_cast<ConnectGuard*>(user);
  std::optional<IpAddress> ip = IpAddress::FromSockaddr(&address->addr);
  Status allowed =
      ip ? guard->policy->Check(*ip, guard->host)
         : Status(StatusCode::kPermissionDenied, "target " + guard->host + " is not an IP address");
  if (!allowed.ok()) {
    if (guard->refused.empty()) guard->refused = allowed.message();
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

// The host part of `url` without IPv6 brackets; "" when libcurl cannot parse it.
std::string HostOf(const std::string& url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), &curl_url_cleanup);
  char* host = nullptr;
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK ||
      curl_url_get(parsed.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK) {
    return "";
  }
  std::string out(host);
  curl_free(host);
  if (out.size() >= 2 && out.front() == '[' && out.back() == ']')
    out = out.substr(1, out.size() - 2);
  return out;
}

DeliveryResult NoHandle() { return {.retriable = true, .error = "cannot create a curl handle"}; }

}  // namespace

Sender::Sender(SenderOptions options)
    : options_(std::move(options)), policy_(options_.allowed_targets) {
  GlobalInitOnce();
}

DeliveryResult Sender::Send(const OutgoingMessage& message) const {
  return message.kind == Transport::kSmtp ? SendSmtp(message) : SendHttp(message);
}

DeliveryResult Sender::SendHttp(const OutgoingMessage& message) const {
  char error[CURL_ERROR_SIZE];
  CurlHandle curl = NewHandle(options_, "http,https", error);
  if (!curl) return NoHandle();
  CURL* c = curl.get();
  CurlList headers;
  for (const auto& [name, value] : message.headers) Append(headers, name + ": " + value);
  Append(headers, "Expect:");  // no 100-continue round trip
  std::string response;
  curl_easy_setopt(c, CURLOPT_URL, message.url.c_str());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, message.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(message.body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &KeepResponsePrefix);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response);
  // The target is checked where libcurl connects; nothing may connect elsewhere on its behalf.
  ConnectGuard guard{.policy = &policy_, .host = HostOf(message.url)};
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, &OpenAllowedSocket);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &guard);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a 3xx is an answer, not a new target
  curl_easy_setopt(c, CURLOPT_PROXY, "");           // ignore http_proxy/https_proxy/all_proxy
  const CURLcode code = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (code != CURLE_OK && !guard.refused.empty()) {
    return {.retriable = false, .error = std::move(guard.refused)};
  }
  if (code != CURLE_OK) {
    DeliveryResult result = TransferFailed(code, error, status);
    result.response = std::move(response);
    return result;
  }
  DeliveryResult result;
  result.http_status = static_cast<int>(status);
  result.response = std::move(response);
  result.delivered = status >= 200 && status < 300;
  if (!result.delivered) {
    result.retriable = status == 429 || status >= 500;
    result.error = "receiver answered HTTP " + std::to_string(status);
  }
  return result;
}

DeliveryResult Sender::SendSmtp(const OutgoingMessage& message) const {
  if (options_.smtp_url.empty()) {
    return {.retriable = false, .error = "no SMTP server configured (--smtp-url)"};
  }
  char error[CURL_ERROR_SIZE];
  CurlHandle curl = NewHandle(options_, "smtp,smtps", error);
  if (!curl) return NoHandle();
  CURL* c = curl.get();
  CurlList recipients;
  Append(recipients, "<" + message.to + ">");
  const std::string from = "<" + message.from + ">";
  UploadSource source{message.body};
  curl_easy_setopt(c, CURLOPT_URL, options_.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!options_.smtp_user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, options_.smtp_user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, options_.smtp_password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &source);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.body.size()));
  const CURLcode code = curl_easy_perform(c);
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  if (code == CURLE_OK) return {.delivered = true, .http_status = static_cast<int>(reply)};
  DeliveryResult result = TransferFailed(code, error, reply);
  if (reply >= 500 && reply < 600) result.retriable = false;  // permanent SMTP rejection
  return result;
}

}  // namespace linea::notify
