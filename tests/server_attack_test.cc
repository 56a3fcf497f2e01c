// The server as an attacker or a careless client meets it (the hardening issue's probe, made
// repeatable): malformed bytes, slow and stalled clients, oversized and compressed bodies, too
// many connections. Each test drives the real server over loopback with a raw socket and is
// bounded in time; after each, the server must still answer and the catalog be unchanged.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "codec/json_codec.h"
#include "server/internal/body_decoding.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/raw_client.h"
#include "tests/testing/test_server.h"

namespace linea {
namespace {

using codec::Json;
using std::chrono::milliseconds;
using std::chrono::seconds;
using ::testing::HasSubstr;
using testing::RawConnection;
using testing::RawExchange;
using testing::RawResponse;
using testing::TestServer;

using Clock = std::chrono::steady_clock;

std::string Get(const std::string& target, const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: linea\r\n" + extra_headers + "\r\n";
}

std::string Put(const std::string& target, const std::string& body, const std::string& token,
                const std::string& extra_headers = "") {
  return "PUT " + target + " HTTP/1.1\r\nHost: linea\r\nAuthorization: Bearer " + token +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n" + extra_headers + "\r\n" + body;
}

std::string Gzip(const std::string& in) { return server::internal::GzipEncode(in, 9); }

// The JSON error code of a raw response ("" when the body is not a linea error).
std::string ErrorCode(const RawResponse& r) {
  Json j = Json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("error")) return "";
  return j["error"].value("code", "");
}
std::string ErrorMessage(const RawResponse& r) {
  Json j = Json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("error")) return "";
  return j["error"].value("message", "");
}

class AttackTest : public ::testing::Test {
 protected:
  void Start(server::ServerOptions options = {}) {
    dir_ = testing::FreshTestDir();
    server_ = std::make_unique<TestServer>(dir_ + "/linea.db", options);
    writer_ = *server_->app().tokens().Create("ci-scoring", auth::Role::kWriter, std::nullopt, catalog::Writer::Local("test"));
    reader_ = *server_->app().tokens().Create("dash", auth::Role::kReader, std::nullopt, catalog::Writer::Local("test"));
    before_ = Export();
  }
  void TearDown() override {
    if (!server_) return;
    auto health = RawExchange(server_->port(), Get("/healthz"));
    ASSERT_TRUE(health) << "the server no longer answers";
    EXPECT_EQ(health->status, 200);
    if (check_unchanged_) {
      EXPECT_EQ(Export(), before_) << "an attack changed the catalog";
    }
  }
  std::string Export() { return server_->Client(writer_)->Get("/api/v1/catalog")->body; }
  int port() const { return server_->port(); }
  std::string Metrics() { return server_->Client()->Get("/metrics")->body; }

  std::string dir_, writer_, reader_, before_;
  bool check_unchanged_ = true;
  std::unique_ptr<TestServer> server_;
};

// ---- 1. Invalid UTF-8 anywhere in a request: 400, never a crash.

TEST_F(AttackTest, InvalidUtf8InThePathIs400AndTheServerLives) {
  for (bool reads_need_auth : {false, true}) {
    server::ServerOptions options;
    options.require_auth_for_reads = reads_need_auth;
    Start(options);
    for (const char* target : {"/api/v1/assets/hive.%FF%FE.x", "/api/v1/%FF", "/api/v1/teams/%FF",
                               "/api/v1/impact/hive.%C0%AE.x", "/api/v1/assets/\xff\xfe"}) {
      auto r = RawExchange(port(), Get(target));
      ASSERT_TRUE(r) << target << ": no answer";
      EXPECT_EQ(r->status, 400) << target;
      EXPECT_EQ(ErrorCode(*r), "invalid_argument") << target;
      EXPECT_THAT(ErrorMessage(*r), HasSubstr("not valid UTF-8")) << target;
    }
    auto health = RawExchange(port(), Get("/healthz"));
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
  }
}

TEST_F(AttackTest, InvalidUtf8InQueryAndHeadersIs400) {
  Start();
  auto r = RawExchange(port(), Get("/api/v1/search?q=%FF%FE"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_THAT(ErrorMessage(*r), HasSubstr("query parameter q is not valid UTF-8"));
  r = RawExchange(port(), Get("/api/v1/search?q=churn", "X-Client: caf\xe9\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorMessage(*r), "header X-Client is not valid UTF-8 (byte 3 of its value)");
  r = RawExchange(port(), Get("/api/v1/search?q=churn", "Authorization: Bearer \xc0\xae\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
}

TEST_F(AttackTest, InvalidUtf8InAJsonBodyIs400NamingThePosition) {
  Start();
  const std::string catalog_body =
      "{\"assets\": [{\"fqn\": \"hive.a.\xff\", \"kind\": \"table\"}]}";
  auto r = RawExchange(port(), Put("/api/v1/catalog", catalog_body, writer_));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_THAT(ErrorMessage(*r), HasSubstr("line 1, column 29"));
  for (const char* route : {"/api/v1/lineage", "/api/v1/lineage/batch", "/api/v1/manifests",
                            "/api/v1/incidents", "/api/v1/sql/lineage"}) {
    std::string body = std::string("{\"eventType\": \"START\", \"x\": \"\xed\xa0\x80\"}");
    if (std::string(route) == "/api/v1/lineage/batch") body = "[" + body + "]";
    std::string request = Put(route, body, writer_);
    request.replace(0, 3, "POST");
    r = RawExchange(port(), request);
    ASSERT_TRUE(r) << route;
    EXPECT_EQ(r->status / 100, 4) << route << ": " << r->body;
    EXPECT_NE(r->status, 500) << route;
  }
}

TEST_F(AttackTest, MalformedRequestsGet400) {
  Start();
  for (const std::string& request :
       {std::string("GARBAGE\r\n\r\n"), std::string("GET /healthz HTTP/9.9\r\n\r\n"),
        std::string("GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n"),
        std::string("GET http://evil/healthz HTTP/1.1\r\nHost: x\r\n\r\n"),
        // Both framings at once is how requests are smuggled past proxies.
        std::string("POST /api/v1/sql/lineage HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        std::string("POST /api/v1/sql/lineage HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                    "Content-Length: 5\r\n\r\nabcd")}) {
    auto r = RawExchange(port(), request);
    ASSERT_TRUE(r) << request;
    EXPECT_EQ(r->status, 400) << request;
    EXPECT_EQ(ErrorCode(*r), "invalid_argument") << request;
  }
}

// ---- 2. Slow clients cannot exhaust the workers; every request has a whole deadline.

TEST_F(AttackTest, TricklingHeadersNeitherHoldWorkersNorOutliveTheHeaderDeadline) {
  server::ServerOptions options;
  options.threads = 2;
  options.header_timeout_ms = 1500;
  Start(options);
  // 24 clients (3x the default probe's 16 workers here 2) each send one header byte every
  // 100 ms: a per-read timeout would never fire.
  std::vector<std::thread> slow;
  std::atomic<int> got_408{0};
  for (int i = 0; i < 24; ++i) {
    slow.emplace_back([&] {
      auto c = RawConnection::Open(port());
      if (!c) return;
      c->Trickle(Get("/api/v1/search?q=churn") + std::string(200, ' '), milliseconds(100));
      auto r = c->ReadResponse(seconds(5));
      if (r && r->status == 408) ++got_408;
    });
  }
  std::this_thread::sleep_for(milliseconds(300));
  // While they trickle, health and real queries are answered.
  auto health = RawExchange(port(), Get("/healthz"), seconds(5));
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto search = RawExchange(port(), Get("/api/v1/search?q=churn"), seconds(5));
  ASSERT_TRUE(search);
  EXPECT_EQ(search->status, 200);
  for (auto& t : slow) t.join();
  EXPECT_EQ(got_408, 24);
  EXPECT_THAT(Metrics(), HasSubstr("linea_http_request_timeouts_total{phase=\"header\"} 24"));
}

TEST_F(AttackTest, ATrickledBodyIsCutAtTheRequestDeadline) {
  server::ServerOptions options;
  options.request_timeout_ms = 1500;
  Start(options);
  auto c = RawConnection::Open(port());
  ASSERT_TRUE(c);
  const std::string body = R"({"assets": [{"fqn": "hive.x.trickled", "kind": "table"}]})";
  std::string request = Put("/api/v1/catalog", body, writer_);
  const size_t head = request.size() - body.size();
  ASSERT_TRUE(c->Send(request.substr(0, head)));
  const Clock::time_point start = Clock::now();
  size_t sent = c->Trickle(body, milliseconds(100));  // would take ~5.5 s
  auto r = c->ReadResponse(seconds(5));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 408);
  EXPECT_THAT(ErrorMessage(*r), HasSubstr("request body not received within 1500 ms"));
  EXPECT_LT(sent, body.size());
  EXPECT_LT(Clock::now() - start, seconds(5));
  EXPECT_TRUE(c->WaitClosed(seconds(5)));
}

TEST_F(AttackTest, ConnectionsPerClientAddressAreCapped) {
  server::ServerOptions options;
  options.max_connections_per_client = 4;
  Start(options);
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(RawConnection::Open(port(), "127.0.0.3"));
    ASSERT_TRUE(held.back());
    ASSERT_TRUE(held.back()->Send("G"));  // a request begun, never finished
  }
  std::this_thread::sleep_for(milliseconds(100));
  auto fifth = RawConnection::Open(port(), "127.0.0.3");
  ASSERT_TRUE(fifth);
  ASSERT_TRUE(fifth->Send(Get("/healthz")));
  auto r = fifth->ReadResponse(seconds(5));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(ErrorCode(*r), "resource_exhausted");
  EXPECT_EQ(r->headers["retry-after"], "1");
  // Another address is not affected.
  auto other = RawConnection::Open(port(), "127.0.0.4");
  ASSERT_TRUE(other);
  ASSERT_TRUE(other->Send(Get("/healthz")));
  auto ok = other->ReadResponse(seconds(5));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  held.clear();
  EXPECT_THAT(Metrics(),
              HasSubstr("linea_http_connections_refused_total{reason=\"per_client\"} 1"));
}

// ---- 3. The body limit holds for every framing and encoding.

TEST_F(AttackTest, AnAnnouncedOversizedBodyIsRefusedBeforeItIsSent) {
  server::ServerOptions options;
  options.max_body_bytes = 4096;
  Start(options);
  auto c = RawConnection::Open(port());
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("PUT /api/v1/catalog HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                      writer_ + "\r\nContent-Length: 1000000000000\r\n\r\n{\"assets\""));
  auto r = c->ReadResponse(seconds(5));  // no body beyond 9 bytes is ever sent
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorCode(*r), "payload_too_large");
  EXPECT_EQ(r->headers["connection"], "close");
}

TEST_F(AttackTest, AChunkedBodyIsRefusedAsSoonAsItPassesTheLimit) {
  server::ServerOptions options;
  options.max_body_bytes = 4096;
  Start(options);
  auto c = RawConnection::Open(port());
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("PUT /api/v1/catalog HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                      writer_ + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "400\r\n" + std::string(1024, ' ') + "\r\n";
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(c->Send(chunk));  // 5 KiB, no last chunk
  auto r = c->ReadResponse(seconds(5));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(AttackTest, AGzipBombIsRefusedAtTheDecodedLimit) {
  server::ServerOptions options;
  options.max_body_bytes = 1u << 20;
  Start(options);
  // 256 MiB of spaces inside a JSON string: ~250 KB of gzip, under the 1 MiB wire limit.
  std::string inflated = "{\"assets\": [], \"pad\": \"" + std::string(256u << 20, ' ') + "\"}";
  std::string bomb = Gzip(inflated);
  inflated.clear();
  inflated.shrink_to_fit();
  ASSERT_LT(bomb.size(), 1u << 20);
  auto r = RawExchange(port(), Put("/api/v1/catalog", bomb, writer_, "Content-Encoding: gzip\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_THAT(ErrorMessage(*r), HasSubstr("once decompressed"));
  // A gzip body within the limit is applied as usual.
  r = RawExchange(port(), Put("/api/v1/catalog",
                              Gzip(R"({"assets": [{"fqn": "hive.x.zipped", "kind": "table"}]})"),
                              writer_, "Content-Encoding: gzip\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  check_unchanged_ = false;
  EXPECT_EQ(server_->catalog().KindOf("hive.x.zipped"), model::AssetKind::kTable);
}

TEST_F(AttackTest, UnknownContentEncodingIs415) {
  Start();
  auto r = RawExchange(port(), Put("/api/v1/catalog", "{}", writer_, "Content-Encoding: zstd\r\n"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415);
}

TEST_F(AttackTest, AnUnauthenticatedWriteIsRefusedBeforeItsBodyIsRead) {
  server::ServerOptions options;
  options.max_body_bytes = 1u << 20;
  Start(options);
  auto c = RawConnection::Open(port());
  ASSERT_TRUE(c);
  ASSERT_TRUE(
      c->Send("PUT /api/v1/catalog HTTP/1.1\r\nHost: x\r\nContent-Length: 900000\r\n"
              "Expect: 100-continue\r\n\r\n"));
  auto r = c->ReadResponse(seconds(5));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->headers["www-authenticate"], "Bearer");
}

TEST_F(AttackTest, ExpectContinueGetsA100ThenTheAnswer) {
  Start();
  auto c = RawConnection::Open(port());
  ASSERT_TRUE(c);
  const std::string body = R"({"assets": [{"fqn": "hive.x.continued", "kind": "table"}]})";
  std::string request = Put("/api/v1/catalog", body, writer_, "Expect: 100-continue\r\n");
  ASSERT_TRUE(c->Send(request.substr(0, request.size() - body.size())));
  auto r = c->ReadResponse(seconds(1));  // the 100 arrives, no final answer before the body
  EXPECT_FALSE(r) << "answered before the body was sent";
  ASSERT_TRUE(c->Send(body));
  r = c->ReadResponse(seconds(5));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  check_unchanged_ = false;
}

// ---- 5. An FQN too long to address by URL is refused on write.

TEST_F(AttackTest, AnFqnLongerThanTheCapIsRefused) {
  Start();
  const std::string fqn = "hive.x." + std::string(1u << 20, 'a');
  auto r = server_->Client(writer_)->Put(
      "/api/v1/catalog", R"({"assets": [{"fqn": ")" + fqn + R"(", "kind": "table"}]})",
      "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_THAT(r->body, HasSubstr("longer than 2048 bytes"));
}

// ---- 4. Shutdown has a deadline; a cut request writes nothing.

TEST_F(AttackTest, StopCutsAStalledClientAfterTheGraceAndKeepsFinishedWrites) {
  server::ServerOptions options;
  options.shutdown_grace_ms = 1000;
  Start(options);
  check_unchanged_ = false;
  // A stalled request: 10 of its body's bytes, then nothing.
  auto stalled = RawConnection::Open(port());
  ASSERT_TRUE(stalled);
  const std::string body = R"({"assets": [{"fqn": "hive.x.stalled", "kind": "table"}]})";
  std::string request = Put("/api/v1/catalog", body, writer_);
  ASSERT_TRUE(stalled->Send(request.substr(0, request.size() - body.size() + 10)));
  // A request that finishes within the grace.
  auto finishing = RawConnection::Open(port());
  ASSERT_TRUE(finishing);
  const std::string body2 = R"({"assets": [{"fqn": "hive.x.finished", "kind": "table"}]})";
  std::string request2 = Put("/api/v1/catalog", body2, writer_);
  ASSERT_TRUE(finishing->Send(request2.substr(0, request2.size() - 5)));
  std::this_thread::sleep_for(milliseconds(200));

  const Clock::time_point start = Clock::now();
  std::thread stopper([&] { server_->Stop(); });
  std::this_thread::sleep_for(milliseconds(200));
  ASSERT_TRUE(finishing->Send(request2.substr(request2.size() - 5)));
  auto r = finishing->ReadResponse(seconds(5));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->headers["connection"], "close");
  stopper.join();
  EXPECT_LT(Clock::now() - start, seconds(5));
  EXPECT_TRUE(stalled->WaitClosed(seconds(1)));
  EXPECT_EQ(server_->catalog().KindOf("hive.x.finished"), model::AssetKind::kTable);
  EXPECT_FALSE(server_->catalog().KindOf("hive.x.stalled"));
  server_.reset();  // TearDown's health check needs a running server
}

// `linea serve --shutdown-grace`: SIGTERM with a client stuck mid-body ends the process after
// the grace, not when the client gives up.
TEST(ServeShutdownTest, SigtermWithAStalledClientExitsAfterTheGrace) {
  std::string dir = testing::FreshTestDir();
  std::string db = dir + "/linea.db";
  ASSERT_EQ(testing::RunLinea({"generate", "--scale", "tiny", "--db", db}).exit_code, 0);
  testing::Spawned server = testing::SpawnLinea(
      {"serve", "--db", db, "--listen", "127.0.0.1:0", "--no-auth", "--shutdown-grace", "1"});
  std::string banner = testing::WaitForText(server.err_path, "on http://127.0.0.1:");
  ASSERT_FALSE(banner.empty()) << "server did not start";
  int port = std::stoi(banner.substr(banner.find("on http://127.0.0.1:") + 20));
  auto c = RawConnection::Open(port);
  ASSERT_TRUE(c);
  ASSERT_TRUE(
      c->Send("PUT /api/v1/catalog HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n"
              "{\"assets\":"));
  std::this_thread::sleep_for(milliseconds(200));
  const Clock::time_point start = Clock::now();
  EXPECT_EQ(testing::StopSpawned(server, SIGTERM), 0);
  EXPECT_LT(Clock::now() - start, seconds(10));
  EXPECT_THAT(testing::ReadFile(server.err_path), HasSubstr("linea: stopped"));
}

// ---- 6. Rate limits: per token, and per client address for everything else.

// One request from `source` (a 127.x.y.z address) on a fresh connection.
std::optional<RawResponse> ExchangeFrom(const std::string& source, int port,
                                        const std::string& request) {
  auto c = RawConnection::Open(port, source);
  if (!c || !c->Send(request)) return std::nullopt;
  return c->ReadResponse(seconds(10));
}

std::string Bearer(const std::string& token) { return "Authorization: Bearer " + token + "\r\n"; }

// Only the burst counts here: at 0.001 requests/s nothing drips back while a test runs.
server::ServerOptions SlowRefill(server::RateLimit per_token, server::RateLimit per_address) {
  server::ServerOptions options;
  options.rate_limit_per_token = per_token;
  options.rate_limit_per_address = per_address;
  return options;
}

TEST_F(AttackTest, AnAddressOverItsBurstGets429WithRetryAfterWhileOthersAreServed) {
  Start(SlowRefill({1000, 2000}, {0.001, 3}));
  const std::string search = Get("/api/v1/search?q=churn");
  for (int i = 0; i < 3; ++i) {
    auto r = ExchangeFrom("127.0.0.1", port(), search);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << "request " << i << ": " << r->body;
  }
  auto limited = ExchangeFrom("127.0.0.1", port(), search);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(ErrorCode(*limited), "resource_exhausted");
  EXPECT_THAT(
      ErrorMessage(*limited),
      ::testing::StartsWith("rate limit: client 127.0.0.1 sent more than 0.001/s (burst 3)"));
  const int retry_after = std::stoi(limited->headers["retry-after"]);
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 1000);
  EXPECT_THAT(ErrorMessage(*limited),
              HasSubstr("retry in " + limited->headers["retry-after"] + " s"));
  // Another address, and a token from the same address, have their own buckets.
  auto other = ExchangeFrom("127.0.0.2", port(), search);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200) << other->body;
  auto with_token =
      ExchangeFrom("127.0.0.1", port(), Get("/api/v1/search?q=churn", Bearer(reader_)));
  ASSERT_TRUE(with_token);
  EXPECT_EQ(with_token->status, 200) << with_token->body;
  // Health checks and scrapes are never limited.
  for (const char* target : {"/healthz", "/metrics", "/healthz"}) {
    auto r = ExchangeFrom("127.0.0.1", port(), Get(target));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << target;
  }
  const std::string metrics = Metrics();
  EXPECT_THAT(metrics, HasSubstr("linea_http_rate_limited_total{by=\"address\"} 1\n"));
  EXPECT_THAT(metrics, HasSubstr("linea_http_rate_limited_total{by=\"token\"} 0\n"));
  EXPECT_THAT(metrics, HasSubstr("linea_http_requests_total{route=\"/api/v1/search\","
                                 "method=\"GET\",status=\"429\"} 1\n"));
}

TEST_F(AttackTest, EachTokenHasItsOwnBucketAndDoesNotDrainItsAddress) {
  Start(SlowRefill({0.001, 2}, {0.001, 3}));
  const std::string spark_a = *server_->app().tokens().Create("spark-a", auth::Role::kWriter, std::nullopt, catalog::Writer::Local("test"));
  const std::string spark_b = *server_->app().tokens().Create("spark-b", auth::Role::kWriter, std::nullopt, catalog::Writer::Local("test"));
  const std::string search = "/api/v1/search?q=churn";
  for (int i = 0; i < 2; ++i) {
    auto r = RawExchange(port(), Get(search, Bearer(spark_a)));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
  }
  auto limited = RawExchange(port(), Get(search, Bearer(spark_a)));
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(ErrorCode(*limited), "resource_exhausted");
  EXPECT_THAT(ErrorMessage(*limited), HasSubstr("rate limit: token spark-a sent more than"));
  EXPECT_FALSE(limited->headers["retry-after"].empty());
  auto b = RawExchange(port(), Get(search, Bearer(spark_b)));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->status, 200) << b->body;
  // The address's own bucket is untouched by its tokens' requests: all 3 anonymous ones pass.
  for (int i = 0; i < 3; ++i) {
    auto r = RawExchange(port(), Get(search));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << "anonymous request " << i << ": " << r->body;
  }
  EXPECT_THAT(Metrics(), HasSubstr("linea_http_rate_limited_total{by=\"token\"} 1\n"));
}

TEST_F(AttackTest, BadTokensCountAgainstTheAddressAndA429ComesBeforeTheBody) {
  server::ServerOptions options = SlowRefill({1000, 2000}, {0.001, 2});
  options.max_body_bytes = 1u << 20;
  Start(options);
  // Guessing tokens: each wrong guess is a 401 and drains the address's bucket.
  for (int i = 0; i < 2; ++i) {
    auto r =
        RawExchange(port(), Get("/api/v1/search?q=churn", Bearer("lin_guess" + std::to_string(i))));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
  }
  auto c = RawConnection::Open(port());
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Send("PUT /api/v1/catalog HTTP/1.1\r\nHost: x\r\n" + Bearer("lin_guess2") +
                      "Content-Length: 900000\r\nExpect: 100-continue\r\n\r\n"));
  auto r = c->ReadResponse(seconds(5));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(ErrorCode(*r), "resource_exhausted");
  EXPECT_FALSE(r->headers["retry-after"].empty());
  EXPECT_EQ(r->headers["connection"], "close");  // the announced body is never read
  // The real writer token is still served.
  EXPECT_EQ(server_->Client(writer_)->Get("/api/v1/teams")->status, 200);
}

// `linea serve --rate-limit-per-address` reaches the server; bad values are exit 2.
TEST(ServeRateLimitTest, TheFlagsLimitTheRealServerAndBadValuesAreExit2) {
  std::string dir = testing::FreshTestDir();
  std::string db = dir + "/linea.db";
  ASSERT_EQ(testing::RunLinea({"generate", "--scale", "tiny", "--db", db}).exit_code, 0);
  for (const char* bad : {"fast", "-1", "1e3", "10/0", "10/", "/10", "10/2.5", "0x10", "nan"}) {
    for (const char* flag : {"--rate-limit-per-address", "--rate-limit-per-token"}) {
      testing::CliResult r =
          testing::RunLinea({"serve", "--db", db, "--listen", "127.0.0.1:0", flag, bad});
      EXPECT_EQ(r.exit_code, 2) << flag << " " << bad;
      EXPECT_THAT(r.err, ::testing::StartsWith(std::string("linea: ") + flag + ": "))
          << flag << " " << bad;
    }
  }
  testing::Spawned server =
      testing::SpawnLinea({"serve", "--db", db, "--listen", "127.0.0.1:0", "--no-auth",
                           "--rate-limit-per-address", "0.001/2", "--rate-limit-per-token", "0"});
  std::string banner = testing::WaitForText(server.err_path, "on http://127.0.0.1:");
  ASSERT_FALSE(banner.empty()) << "server did not start";
  int port = std::stoi(banner.substr(banner.find("on http://127.0.0.1:") + 20));
  std::vector<int> statuses;
  for (int i = 0; i < 3; ++i) {
    auto r = RawExchange(port, Get("/api/v1/teams"));
    statuses.push_back(r ? r->status : 0);
  }
  EXPECT_EQ(statuses, (std::vector<int>{200, 200, 429}));
  auto health = RawExchange(port, Get("/healthz"));
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(testing::StopSpawned(server, SIGTERM), 0);
}

}  // namespace
}  // namespace linea
