// The outbox sender against loopback receivers: delivery once, backoff, permanent failures,
// hanging receivers, restarts.
#include "incident/outbox.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <thread>

#include "incident/testing/fixture.h"

namespace linea::incident {
namespace {

using ::linea::testing::IsOk;
using ::testing::Each;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::testing::StartsWith;

class OutboxTest : public testing::IncidentFixture {
 protected:
  std::vector<model::Delivery> Deliveries(const std::string& incident_id) {
    auto all = state_->DeliveriesOf(incident_id);
    EXPECT_THAT(all, IsOk());
    return all.ok() ? *all : std::vector<model::Delivery>{};
  }
  model::Delivery Row(const std::string& incident_id, const std::string& team) {
    return DeliveriesByTeam(incident_id, "incident.opened")[team];
  }
  size_t CountState(const std::string& incident_id, const std::string& state) {
    size_t n = 0;
    for (const model::Delivery& d : Deliveries(incident_id)) n += d.state == state;
    return n;
  }
};

TEST_F(OutboxTest, DeliversEachRowOnceAndNeverAgain) {
  model::Incident incident = OpenBroken();
  now_ += 5;
  Outbox outbox(catalog_.get(), state_.get(), FastOutbox());
  EXPECT_EQ(outbox.RunOnce(), 5u);
  EXPECT_EQ(outbox.RunOnce(), 0u);
  now_ += 24 * 3600 * 1000;
  EXPECT_EQ(outbox.RunOnce(), 0u);
  EXPECT_THAT(receiver_.requests(), SizeIs(5));
  for (const model::Delivery& d : Deliveries(incident.id)) {
    EXPECT_EQ(d.state, "delivered");
    EXPECT_EQ(d.attempts, 1);
    EXPECT_EQ(d.last_status, 200);
    EXPECT_EQ(d.last_error, "");
    EXPECT_EQ(d.created_at, testing::kStartMs);
    EXPECT_EQ(d.delivered_at, testing::kStartMs + 5);
  }
  auto pending = state_->PendingDeliveries();
  ASSERT_THAT(pending, IsOk());
  EXPECT_THAT(*pending, SizeIs(0));
}

TEST_F(OutboxTest, ReceiverDownIsRetriedWithBackoffThenDelivered) {
  const int port = notify::testing::ClosedPort();
  PointTeamAt("alpha", "http://127.0.0.1:" + std::to_string(port) + "/alpha");
  model::Incident incident = OpenBroken();
  Outbox outbox(catalog_.get(), state_.get(), FastOutbox());  // base 10 ms, cap 1000 ms

  EXPECT_EQ(outbox.RunOnce(), 5u);
  model::Delivery down = Row(incident.id, "team:alpha");
  EXPECT_EQ(down.state, "pending");
  EXPECT_EQ(down.attempts, 1);
  EXPECT_EQ(down.last_status, 0);
  EXPECT_NE(down.last_error, "");
  EXPECT_GT(down.next_attempt_at, testing::kStartMs);
  EXPECT_LE(down.next_attempt_at, testing::kStartMs + 10);  // 1st retry within base
  EXPECT_EQ(CountState(incident.id, "delivered"), 4u);
  EXPECT_EQ(outbox.RunOnce(), 0u);  // not due yet

  now_ = down.next_attempt_at;
  EXPECT_EQ(outbox.RunOnce(), 1u);
  model::Delivery again = Row(incident.id, "team:alpha");
  EXPECT_EQ(again.state, "pending");
  EXPECT_EQ(again.attempts, 2);
  EXPECT_GT(again.next_attempt_at, now_.load());
  EXPECT_LE(again.next_attempt_at, now_.load() + 20);  // 2nd retry within 2 · base

  // The receiver comes up on that port.
  std::vector<notify::testing::ReceivedRequest> received;
  std::mutex mu;
  httplib::Server server;
  server.Post(".*", [&](const httplib::Request& req, httplib::Response& res) {
    notify::testing::ReceivedRequest r{.path = req.path, .body = req.body};
    for (const auto& [k, v] : req.headers) {
      std::string lower = k;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[lower] = v;
    }
    std::lock_guard<std::mutex> lock(mu);
    received.push_back(std::move(r));
    res.set_content("ok", "text/plain");
  });
  ASSERT_TRUE(server.bind_to_port("127.0.0.1", port));
  std::thread thread([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  now_ = again.next_attempt_at;
  EXPECT_EQ(outbox.RunOnce(), 1u);
  server.stop();
  thread.join();
  model::Delivery up = Row(incident.id, "team:alpha");
  EXPECT_EQ(up.state, "delivered");
  EXPECT_EQ(up.attempts, 3);
  EXPECT_EQ(up.last_status, 200);
  EXPECT_EQ(up.last_error, "");
  ASSERT_THAT(received, SizeIs(1));
  EXPECT_EQ(received[0].headers.at("webhook-id"), up.id);  // the same key on every retry
  EXPECT_TRUE(testing::SignatureVerifies(received[0], "secret-alpha"));
  EXPECT_THAT(nlohmann::json::parse(received[0].body)["models"], SizeIs(2));
}

TEST_F(OutboxTest, BackoffIsCappedAndGivesUpAfterTheDeadline) {
  PointTeamAt("alpha",
              "http://127.0.0.1:" + std::to_string(notify::testing::ClosedPort()) + "/alpha");
  model::Incident incident = OpenBroken();
  OutboxOptions options = FastOutbox();
  options.max_backoff_ms = 40;
  options.give_up_after_ms = 1000;
  Outbox outbox(catalog_.get(), state_.get(), options);
  model::Delivery row;
  for (int i = 0; i < 200; ++i) {
    outbox.RunOnce();
    row = Row(incident.id, "team:alpha");
    if (row.state != "pending") break;
    EXPECT_LE(row.next_attempt_at - now_.load(), 40);  // capped
    EXPECT_LE(row.next_attempt_at, testing::kStartMs + 1000);
    now_ = row.next_attempt_at;
  }
  EXPECT_EQ(row.state, "failed");
  EXPECT_GE(now_.load(), testing::kStartMs + 1000);
  EXPECT_THAT(row.last_error,
              StartsWith("gave up after " + std::to_string(row.attempts) + " attempts: "));
  EXPECT_GE(row.attempts, 1000 / 40);
  EXPECT_EQ(outbox.RunOnce(), 0u);
}

TEST_F(OutboxTest, ClientErrorFailsAtOnceWithTheResponse) {
  PointTeamAt("alpha", receiver_.url("/status/400"));
  PointTeamAt("beta", receiver_.url("/status/503"));
  model::Incident incident = OpenBroken();
  Outbox outbox(catalog_.get(), state_.get(), FastOutbox());
  EXPECT_EQ(outbox.RunOnce(), 5u);
  model::Delivery failed = Row(incident.id, "team:alpha");
  EXPECT_EQ(failed.state, "failed");
  EXPECT_EQ(failed.attempts, 1);
  EXPECT_EQ(failed.last_status, 400);
  EXPECT_EQ(failed.last_error, "receiver answered HTTP 400: answer 400");
  model::Delivery unavailable = Row(incident.id, "team:beta");
  EXPECT_EQ(unavailable.state, "pending");  // 5xx is retried
  EXPECT_EQ(unavailable.last_status, 503);

  now_ += 10 * 60 * 1000;
  EXPECT_EQ(outbox.RunOnce(), 1u);  // beta only
  size_t to_400 = 0;
  for (const auto& r : receiver_.requests()) to_400 += r.path == "/status/400";
  EXPECT_EQ(to_400, 1u);
  EXPECT_EQ(Row(incident.id, "team:alpha").attempts, 1);
}

TEST_F(OutboxTest, VanishedContactFailsForGood) {
  model::Incident incident = OpenBroken();
  model::Delta d;
  d.upsert_teams.push_back({"alpha", "", {}});
  d.upsert_teams.push_back({"beta", "", {{"slack", {{"url", receiver_.url("/beta")}}}}});
  ASSERT_THAT(catalog_->Apply(std::move(d)), IsOk());
  Outbox outbox(catalog_.get(), state_.get(), FastOutbox());
  EXPECT_EQ(outbox.RunOnce(), 5u);
  model::Delivery alpha = Row(incident.id, "team:alpha");
  EXPECT_EQ(alpha.state, "failed");
  EXPECT_EQ(alpha.attempts, 1);
  EXPECT_EQ(alpha.last_error, "contact 0 (webhook) of team:alpha no longer exists");
  EXPECT_EQ(Row(incident.id, "team:beta").last_error,
            "contact 0 (webhook) of team:beta no longer exists");
  EXPECT_EQ(CountState(incident.id, "delivered"), 3u);
}

TEST_F(OutboxTest, HangingReceiverDoesNotBlockOtherDeliveries) {
  auto hanging = std::make_unique<notify::testing::HttpReceiver>();
  PointTeamAt("alpha", hanging->url("/hang"));
  model::Incident incident = OpenBroken();
  Outbox outbox(catalog_.get(), state_.get(), FastOutbox());  // 2 workers, 10 s total timeout
  outbox.Start();
  outbox.Wake();
  // Every other team is told while alpha's receiver still holds its request.
  for (int i = 0; i < 800 && CountState(incident.id, "delivered") < 4; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(CountState(incident.id, "delivered"), 4u);
  EXPECT_THAT(hanging->requests(), SizeIs(1));
  EXPECT_EQ(Row(incident.id, "team:alpha").attempts, 0);  // still in flight
  hanging.reset();                                        // releases the hung request (200 "late")
  outbox.Stop();                                          // lets the attempt in flight finish
  EXPECT_EQ(Row(incident.id, "team:alpha").attempts, 1);
  EXPECT_THAT(receiver_.requests(), SizeIs(4));
}

TEST_F(OutboxTest, BackgroundWorkersDeliverNewRowsWhenWoken) {
  OutboxOptions options = FastOutbox();
  options.poll_ms = 60 * 1000;  // only Wake() brings the rows in time
  Outbox outbox(catalog_.get(), state_.get(), options);
  outbox.Start();
  outbox.Start();                                              // idempotent
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // workers are idle
  model::Incident incident = OpenBroken();
  outbox.Wake();
  for (int i = 0; i < 800 && CountState(incident.id, "delivered") < 5; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  outbox.Stop();
  EXPECT_EQ(CountState(incident.id, "delivered"), 5u);
  EXPECT_THAT(receiver_.requests(), SizeIs(5));
}

TEST_F(OutboxTest, RestartPicksUpPendingRows) {
  model::Incident incident = OpenBroken();
  ASSERT_THAT(service_->Acknowledge(incident.id, catalog::Writer{"alice", "writer", "test", std::nullopt, false}, ""), IsOk());
  {
    Outbox outbox(catalog_.get(), state_.get(), FastOutbox());  // never runs: the process "dies"
  }
  Reopen();
  auto pending = state_->PendingDeliveries();
  ASSERT_THAT(pending, IsOk());
  EXPECT_THAT(*pending, SizeIs(10));
  Outbox outbox(catalog_.get(), state_.get(), FastOutbox());
  EXPECT_EQ(outbox.RunOnce(), 10u);
  EXPECT_EQ(CountState(incident.id, "delivered"), 10u);
  Reopen();
  Outbox after(catalog_.get(), state_.get(), FastOutbox());
  EXPECT_EQ(after.RunOnce(), 0u);  // nothing is sent twice
  EXPECT_THAT(receiver_.requests(), SizeIs(10));
}

}  // namespace
}  // namespace linea::incident
