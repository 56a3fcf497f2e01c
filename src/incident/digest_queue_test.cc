// IncidentService::QueueDigests: monthly quality digests through the outbox — one row per
// recipient and contact, never twice, recipients that cannot be told, the stored payload.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/sha256.h"
#include "incident/internal/payload.h"
#include "incident/service.h"
#include "incident/testing/fixture.h"
#include "notify/testing/sample.h"

namespace linea::incident {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::SizeIs;

class IncidentDigestTest : public testing::IncidentFixture {
 protected:
  static RecipientDigest For(std::string recipient) {
    return {std::move(recipient), notify::testing::SampleDigest()};
  }
  const catalog::Writer writer_ = catalog::Writer::Local("test");
};

TEST_F(IncidentDigestTest, QueuesOneRowPerContactAndReportsWhoCannotBeTold) {
  Result<DigestOutcome> out = service_->QueueDigests(
      {For("team:alpha"), For("team:quiet"), For("team:nobody"), For("user:ghost")}, writer_);
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ(out->queued, 1u);
  EXPECT_EQ(out->already_queued, 0u);
  ASSERT_THAT(out->recipients, SizeIs(4));
  EXPECT_EQ(out->recipients[0].recipient, "team:alpha");
  EXPECT_THAT(out->recipients[0].channels, ElementsAre("webhook"));
  EXPECT_EQ(out->recipients[0].unreachable, "");
  EXPECT_EQ(out->recipients[0].models, 2u);
  EXPECT_EQ(out->recipients[1].unreachable, "no contacts");
  EXPECT_EQ(out->recipients[2].unreachable, "not a catalog team");
  EXPECT_EQ(out->recipients[3].unreachable, "not a catalog user");

  auto rows = state_->DeliveriesOf(DigestId("2026-11"));
  ASSERT_THAT(rows, IsOk());
  ASSERT_THAT(*rows, SizeIs(1));
  const model::Delivery& d = (*rows)[0];
  EXPECT_EQ(d.id, Sha256Hex("digest:2026-11|quality.digest|team:alpha|0"));
  EXPECT_EQ(d.incident_id, "digest:2026-11");
  EXPECT_EQ(d.event, "quality.digest");
  EXPECT_EQ(d.team, "team:alpha");
  EXPECT_EQ(d.contact_index, 0);
  EXPECT_EQ(d.state, "pending");
  EXPECT_EQ(d.created_at, testing::kStartMs);
  EXPECT_EQ(d.next_attempt_at, testing::kStartMs);
  Result<notify::Digest> payload = internal::DecodeDigestPayload(d.payload_json);
  ASSERT_THAT(payload, IsOk());
  notify::Digest expected = notify::testing::SampleDigest();
  expected.team = "alpha";  // the addressee, as incident messages name teams
  expected.idempotency_key = d.id;
  EXPECT_EQ(notify::DigestWebhookBody(*payload), notify::DigestWebhookBody(expected));
  EXPECT_EQ(payload->idempotency_key, d.id);
}

TEST_F(IncidentDigestTest, NeverQueuedTwiceButANewContactGetsItsOwn) {
  ASSERT_THAT(service_->QueueDigests({For("team:alpha")}, writer_), IsOk());
  Result<DigestOutcome> again = service_->QueueDigests({For("team:alpha")}, writer_);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->queued, 0u);
  EXPECT_EQ(again->already_queued, 1u);

  model::Delta d;
  d.upsert_teams.push_back({"alpha",
                            "",
                            {{"webhook", {{"url", receiver_.url("/alpha")}}},
                             {"slack", {{"url", "https://hooks.slack.com/services/T/B/X"}}}}});
  ASSERT_THAT(catalog_->Apply(std::move(d)), IsOk());
  Result<DigestOutcome> third = service_->QueueDigests({For("team:alpha")}, writer_);
  ASSERT_THAT(third, IsOk());
  EXPECT_EQ(third->queued, 1u);
  EXPECT_EQ(third->already_queued, 1u);
  EXPECT_THAT(third->recipients[0].channels, ElementsAre("webhook", "slack"));
  EXPECT_THAT(*state_->DeliveriesOf("digest:2026-11"), SizeIs(2));
  // Another month is another digest.
  RecipientDigest december = For("team:alpha");
  december.digest.period = "2026-12";
  Result<DigestOutcome> next = service_->QueueDigests({december}, writer_);
  ASSERT_THAT(next, IsOk());
  EXPECT_EQ(next->queued, 2u);
}

TEST_F(IncidentDigestTest, ADryRunSaysWhatWouldBeQueuedAndWritesNothing) {
  Result<DigestOutcome> dry =
      service_->QueueDigests({For("team:alpha"), For("team:quiet")}, writer_, /*dry_run=*/true);
  ASSERT_THAT(dry, IsOk());
  EXPECT_EQ(dry->queued, 1u);
  EXPECT_EQ(dry->recipients[0].queued, 1u);
  EXPECT_EQ(dry->recipients[0].digest.team, "alpha");
  EXPECT_EQ(dry->recipients[0].digest.idempotency_key, "");
  EXPECT_EQ(dry->recipients[0].digest.models.size(), 2u);
  EXPECT_EQ(dry->recipients[1].unreachable, "no contacts");
  EXPECT_THAT(*state_->DeliveriesOf("digest:2026-11"), SizeIs(0));
  ASSERT_THAT(service_->QueueDigests({For("team:alpha")}, writer_), IsOk());
  Result<DigestOutcome> after = service_->QueueDigests({For("team:alpha")}, writer_, true);
  ASSERT_THAT(after, IsOk());
  EXPECT_EQ(after->queued, 0u);
  EXPECT_EQ(after->already_queued, 1u);
}

TEST_F(IncidentDigestTest, RefusesABadPeriodOrRecipientAndQueuesNothing) {
  RecipientDigest bad = For("team:alpha");
  bad.digest.period = "2026-1";
  Result<DigestOutcome> out = service_->QueueDigests({For("team:beta"), bad}, writer_);
  EXPECT_THAT(out, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(out.status().message(), "period: expected a month YYYY-MM, not \"2026-1\"");
  EXPECT_THAT(service_->QueueDigests({For("team:beta"), For("alpha")}, writer_),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(*state_->DeliveriesOf("digest:2026-11"), SizeIs(0));
}

TEST_F(IncidentDigestTest, TheOutboxRendersTheDigestByItsEvent) {
  ASSERT_THAT(service_->QueueDigests({For("team:beta")}, writer_), IsOk());
  Outbox outbox(catalog_.get(), state_.get(), FastOutbox());
  EXPECT_EQ(outbox.RunOnce(), 1u);
  auto received = receiver_.requests();
  ASSERT_THAT(received, SizeIs(1));
  EXPECT_EQ(received[0].path, "/beta");
  EXPECT_TRUE(testing::SignatureVerifies(received[0], "secret-beta"));
  nlohmann::json body = nlohmann::json::parse(received[0].body);
  EXPECT_EQ(body["type"], "quality.digest");
  EXPECT_EQ(body["team"], "beta");
  EXPECT_EQ(body["models"][0]["url"],
            "https://linea.example/api/v1/quality/report/mlflow_b2c.churn_scoring?period=2026-11");
  EXPECT_EQ((*state_->DeliveriesOf("digest:2026-11"))[0].state, "delivered");
}

TEST(DigestPayloadTest, RoundTripsAndRefusesOtherPayloads) {
  notify::Digest d = notify::testing::SampleDigest();
  d.models[1].url = "https://x.example/r";
  Result<notify::Digest> back = internal::DecodeDigestPayload(internal::EncodeDigestPayload(d));
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(notify::DigestWebhookBody(*back), notify::DigestWebhookBody(d));
  EXPECT_EQ(back->idempotency_key, d.idempotency_key);
  EXPECT_THAT(internal::DecodeDigestPayload("{"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(
      internal::DecodeDigestPayload(internal::EncodePayload(notify::testing::SampleNotification())),
      StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace linea::incident
