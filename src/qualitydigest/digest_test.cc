// The monthly quality digests on a real SQLite catalog with recorded quality results: who gets
// one and what it lists, the recipient filter and its errors, and queueing through the outbox
// to loopback webhook receivers — once.
#include "qualitydigest/digest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/sha256.h"
#include "common/testing/status_matchers.h"
#include "incident/testing/fixture.h"
#include "quality/service.h"
#include "qualitydigest/testing/mesh.h"

namespace linea::qualitydigest {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using Json = nlohmann::json;

class QualityDigestTest : public incident::testing::IncidentFixture {
 protected:
  void SetUp() override {
    IncidentFixture::SetUp();
    ASSERT_THAT(catalog_->Apply(testing::DigestMeshAdditions(
                    [&](const std::string& name) { return receiver_.url("/" + name); })),
                IsOk());
    ASSERT_THAT(quality_service_->Record(testing::DigestResults(), catalog::Writer::Local("test")),
                IsOk());
  }
  void OnOpen() override {
    IncidentFixture::OnOpen();
    quality_ = std::make_unique<quality::QualityState>(catalog_->store().quality());
    ASSERT_THAT(quality_->Reload(), IsOk());
    catalog_->AddDomain(quality_.get());
    quality_service_ = std::make_unique<quality::QualityService>(catalog_.get(), quality_.get());
  }
  void OnClose() override {
    quality_service_.reset();
    quality_.reset();
    IncidentFixture::OnClose();
  }

  std::vector<std::string> Recipients(const std::vector<incident::RecipientDigest>& digests) {
    std::vector<std::string> out;
    for (const incident::RecipientDigest& d : digests) out.push_back(d.recipient);
    return out;
  }

  std::unique_ptr<quality::QualityState> quality_;
  std::unique_ptr<quality::QualityService> quality_service_;
};

// The drift message of hive.mart.users.uid and the null-rate message of hive.mart.users.age
// in 2026-11, as the quality checks judged them.
std::string MessageOf(const quality::QualityState& state, const std::string& asset) {
  for (const model::QualityResult& r : state.Latest(asset)) return r.message;
  return "";
}

TEST_F(QualityDigestTest, OneDigestPerOwnerOfAMeasuredModel) {
  Result<std::vector<incident::RecipientDigest>> digests =
      BuildDigests(*catalog_, *quality_, testing::kPeriod);
  ASSERT_THAT(digests, IsOk());
  // team:data owns tables only, team:watch only an unmeasured model: nothing for them.
  EXPECT_THAT(Recipients(*digests),
              ElementsAre("team:alpha", "team:beta", "team:gamma", "team:quiet", "user:ann"));
  const std::string drift = MessageOf(*quality_, "hive.mart.users.uid");
  const std::string nulls = MessageOf(*quality_, "hive.mart.users.age");
  ASSERT_THAT(drift, ::testing::StartsWith("PSI "));
  ASSERT_THAT(nulls, ::testing::Not(IsEmpty()));

  notify::Digest alpha = (*digests)[0].digest;
  alpha.team = "alpha";
  alpha.idempotency_key = "k";
  const Json expected = {{"type", "quality.digest"},
                         {"team", "alpha"},
                         {"period", "2026-11"},
                         {"models",
                          {{{"fqn", "mlflow.churn"},
                            {"status", "fail"},
                            {"fail", 1},
                            {"warn", 1},
                            {"success", 0},
                            {"unmeasured", 1},
                            {"features",
                             {{{"fqn", "mlflow.churn.f"},
                               {"status", "fail"},
                               {"source", "hive.mart.users.uid"},
                               {"check", "drift"},
                               {"message", drift}},
                              {{"fqn", "mlflow.churn.age"},
                               {"status", "warn"},
                               {"source", "hive.mart.users.age"},
                               {"check", "null_rate"},
                               {"message", nulls}}}}},
                           {{"fqn", "mlflow.ltv"},
                            {"status", "fail"},
                            {"fail", 1},
                            {"warn", 0},
                            {"success", 0},
                            {"unmeasured", 0},
                            {"features",
                             {{{"fqn", "mlflow.ltv.f"},
                               {"status", "fail"},
                               {"source", "hive.mart.users.uid"},
                               {"check", "drift"},
                               {"message", drift}}}}}}}};
  EXPECT_EQ(notify::DigestWebhookBody(alpha), expected);

  // Failing models first, then stable ones; a stable model lists no feature.
  const notify::Digest& gamma = (*digests)[2].digest;
  ASSERT_THAT(gamma.models, SizeIs(2));
  EXPECT_EQ(gamma.models[0].fqn, "mlflow.geo_mix");
  EXPECT_EQ(gamma.models[0].status, "fail");
  EXPECT_EQ(gamma.models[1].fqn, "mlflow.steady");
  EXPECT_EQ(gamma.models[1].status, "success");
  EXPECT_EQ(gamma.models[1].success, 1u);
  EXPECT_THAT(gamma.models[1].features, IsEmpty());
  EXPECT_EQ((*digests)[4].digest.models.size(), 1u);  // user:ann: steady
  for (const incident::RecipientDigest& d : *digests) EXPECT_EQ(d.digest.period, "2026-11");
}

TEST_F(QualityDigestTest, OnlyTheAskedRecipient) {
  auto only = [&](std::string_view recipient) {
    Result<std::vector<incident::RecipientDigest>> digests =
        BuildDigests(*catalog_, *quality_, testing::kPeriod, recipient);
    EXPECT_THAT(digests, IsOk());
    return digests.ok() ? Recipients(*digests) : std::vector<std::string>{};
  };
  EXPECT_THAT(only("alpha"), ElementsAre("team:alpha"));
  EXPECT_THAT(only("team:gamma"), ElementsAre("team:gamma"));
  EXPECT_THAT(only("user:ann"), ElementsAre("user:ann"));
  EXPECT_THAT(only("team:watch"), IsEmpty());  // its model is not measured
  EXPECT_THAT(only("data"), IsEmpty());        // it owns no model
}

TEST_F(QualityDigestTest, RefusesABadPeriodAndUnknownRecipients) {
  Result<std::vector<incident::RecipientDigest>> bad =
      BuildDigests(*catalog_, *quality_, "2026-13");
  EXPECT_THAT(bad, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(bad.status().message(), "period: expected a month YYYY-MM, not \"2026-13\"");

  Result<std::vector<incident::RecipientDigest>> typo =
      BuildDigests(*catalog_, *quality_, testing::kPeriod, "team:alpah");
  EXPECT_THAT(typo, StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(typo.status().message(), "unknown team alpah");
  EXPECT_THAT(typo.status().candidates(), ::testing::Contains("alpha"));

  EXPECT_THAT(BuildDigests(*catalog_, *quality_, testing::kPeriod, "user:bob"),
              StatusIs(StatusCode::kNotFound));
  Result<std::vector<incident::RecipientDigest>> empty =
      BuildDigests(*catalog_, *quality_, testing::kPeriod, "team:");
  EXPECT_THAT(empty, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(empty.status().message(),
            "team: expected team:<name>, user:<name> or a team name, not \"team:\"");
}

TEST_F(QualityDigestTest, AMonthWithoutResultsHasNoDigests) {
  Result<std::vector<incident::RecipientDigest>> digests =
      BuildDigests(*catalog_, *quality_, "2026-12");
  ASSERT_THAT(digests, IsOk());
  EXPECT_THAT(*digests, IsEmpty());
}

TEST_F(QualityDigestTest, QueuedOncePerRecipientAndContactAndDeliveredSigned) {
  const catalog::Writer admin = catalog::Writer::Local("test");
  Result<incident::DigestOutcome> first =
      QueueDigests(*catalog_, *quality_, *service_, testing::kPeriod, "", admin);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->queued, 4u);  // alpha, beta, gamma, ann: one webhook each
  EXPECT_EQ(first->already_queued, 0u);
  ASSERT_THAT(first->recipients, SizeIs(5));
  EXPECT_EQ(first->recipients[0].recipient, "team:alpha");
  EXPECT_EQ(first->recipients[0].models, 2u);
  EXPECT_THAT(first->recipients[0].channels, ElementsAre("webhook"));
  EXPECT_EQ(first->recipients[0].queued, 1u);
  EXPECT_EQ(first->recipients[3].recipient, "team:quiet");
  EXPECT_EQ(first->recipients[3].unreachable, "no contacts");
  EXPECT_EQ(first->recipients[3].queued, 0u);

  auto rows = state_->DeliveriesOf("digest:2026-11");
  ASSERT_THAT(rows, IsOk());
  ASSERT_THAT(*rows, SizeIs(4));
  std::map<std::string, model::Delivery> by_team;
  for (const model::Delivery& d : *rows) by_team[d.team] = d;
  const model::Delivery& alpha = by_team["team:alpha"];
  EXPECT_EQ(alpha.id, Sha256Hex("digest:2026-11|quality.digest|team:alpha|0"));
  EXPECT_EQ(alpha.event, "quality.digest");
  EXPECT_EQ(alpha.channel, "webhook");
  EXPECT_EQ(alpha.state, "pending");
  EXPECT_EQ(alpha.created_at, incident::testing::kStartMs);

  incident::Outbox outbox(catalog_.get(), state_.get(), FastOutbox());
  EXPECT_EQ(outbox.RunOnce(), 4u);
  std::vector<notify::testing::ReceivedRequest> received = receiver_.requests();
  ASSERT_THAT(received, SizeIs(4));
  std::map<std::string, notify::testing::ReceivedRequest> by_path;
  for (const auto& r : received) by_path[r.path] = r;
  EXPECT_THAT(by_path, ::testing::Contains(::testing::Key("/ann")));
  const notify::testing::ReceivedRequest& hook = by_path["/alpha"];
  EXPECT_TRUE(incident::testing::SignatureVerifies(hook, "secret-alpha"));
  EXPECT_EQ(hook.headers.at("webhook-id"), alpha.id);
  Result<std::vector<incident::RecipientDigest>> built =
      BuildDigests(*catalog_, *quality_, testing::kPeriod, "team:alpha");
  ASSERT_THAT(built, IsOk());
  notify::Digest expected = (*built)[0].digest;
  expected.team = "alpha";
  for (notify::DigestModel& m : expected.models) {
    m.url = "https://linea.example/api/v1/quality/report/" + m.fqn + "?period=2026-11";
  }
  EXPECT_EQ(Json::parse(hook.body), notify::DigestWebhookBody(expected));
  EXPECT_EQ(Json::parse(by_path["/ann"].body)["team"], "user:ann");

  // Asked again (a restart, a second request): nothing new is queued or sent.
  Result<incident::DigestOutcome> again =
      QueueDigests(*catalog_, *quality_, *service_, testing::kPeriod, "", admin);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->queued, 0u);
  EXPECT_EQ(again->already_queued, 4u);
  EXPECT_EQ(again->recipients[0].already_queued, 1u);
  EXPECT_EQ(outbox.RunOnce(), 0u);
  EXPECT_THAT(receiver_.requests(), SizeIs(4));
  Result<std::vector<model::Delivery>> deliveries = state_->DeliveriesOf("digest:2026-11");
  ASSERT_THAT(deliveries, IsOk());
  EXPECT_THAT(*deliveries, SizeIs(4));
  for (const model::Delivery& d : *deliveries) EXPECT_EQ(d.state, "delivered") << d.team;
}

}  // namespace
}  // namespace linea::qualitydigest
