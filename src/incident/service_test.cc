// IncidentService on a real SQLite catalog: frozen impact, routing, lifecycle, reminders.
#include "incident/service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "incident/testing/fixture.h"
#include "runs/run_write.h"

namespace linea::incident {
namespace {

// A writer token named `name` with every scope.
catalog::Writer Who(std::string name) {
  return {std::move(name), "writer", "test", std::nullopt, false};
}

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;
using Json = nlohmann::json;

class IncidentServiceTest : public testing::IncidentFixture {
 protected:
  // Sends everything due once; returns how many rows were attempted.
  size_t SendAll() {
    Outbox outbox(catalog_.get(), state_.get(), FastOutbox());
    return outbox.RunOnce();
  }

  // The model FQNs of a webhook body.
  static std::vector<std::string> Models(const Json& body) {
    std::vector<std::string> out;
    for (const Json& m : body["models"]) out.push_back(m["fqn"]);
    return out;
  }
};

TEST_F(IncidentServiceTest, OpenTellsEveryAffectedTeamOnceWithExactlyItsModels) {
  Result<OpenOutcome> out = service_->Open(
      {.asset = testing::kBroken, .title = "user ids nulled", .severity = "critical"});
  ASSERT_THAT(out, IsOk());
  EXPECT_TRUE(out->created);
  EXPECT_EQ(out->deliveries, 5u);  // alpha, beta, gamma, data (owner), watch (domain)
  const model::Incident& incident = out->incident;
  EXPECT_THAT(incident.id, MatchesRegex("inc-[0-9a-f]{12}"));
  EXPECT_EQ(incident.asset, testing::kBroken);
  EXPECT_EQ(incident.state, "open");
  EXPECT_EQ(incident.severity, "critical");
  EXPECT_EQ(incident.opened_at, testing::kStartMs);
  EXPECT_THAT(incident.timeline, ElementsAre(model::IncidentEvent{testing::kStartMs, "opened",
                                                                  "cli", "user ids nulled"}));
  Json impact = Json::parse(incident.impact_json);
  EXPECT_EQ(impact["root"]["fqn"], testing::kBroken);
  EXPECT_EQ(impact["root"]["owners"], Json::array({"team:data"}));
  EXPECT_THAT(impact["models"], SizeIs(5));
  EXPECT_EQ(state_->UnresolvedOn(testing::kBroken), incident.id);

  ASSERT_EQ(SendAll(), 5u);
  std::vector<notify::testing::ReceivedRequest> requests = receiver_.requests();
  ASSERT_THAT(requests, SizeIs(5));
  for (const auto& r : requests) {
    EXPECT_TRUE(testing::SignatureVerifies(r, "secret-" + r.path.substr(1))) << r.path;
  }
  std::map<std::string, std::vector<Json>> bodies = BodiesByPath(requests);
  ASSERT_THAT(bodies, SizeIs(5));
  for (const auto& [path, list] : bodies) ASSERT_THAT(list, SizeIs(1)) << path;
  EXPECT_EQ(bodies.count("/quiet"), 0u);  // a team without contacts hears nothing

  const Json& alpha = bodies["/alpha"][0];
  EXPECT_EQ(alpha["type"], "incident.opened");
  EXPECT_EQ(alpha["team"], "alpha");
  EXPECT_EQ(alpha["incident"], Json({{"id", incident.id},
                                     {"asset", testing::kBroken},
                                     {"title", "user ids nulled"},
                                     {"severity", "critical"},
                                     {"state", "open"}}));
  EXPECT_EQ(alpha["url"], "https://linea.example/assets/hive.raw.events.user_id");
  EXPECT_THAT(Models(alpha), ElementsAre("mlflow.churn", "mlflow.ltv"));
  EXPECT_EQ(alpha["models"][0]["features"], Json::array({"mlflow.churn.f"}));
  EXPECT_EQ(alpha["models"][0]["path"],
            Json::array({"hive.raw.events.user_id", "hive.mart.users.uid", "mlflow.churn.f",
                         "mlflow.churn"}));
  EXPECT_EQ(alpha["dashboards"], Json::array());

  const Json& beta = bodies["/beta"][0];
  EXPECT_THAT(Models(beta), ElementsAre("mlflow.fraud"));
  EXPECT_EQ(beta["dashboards"], Json::array({"qlik.users"}));
  EXPECT_EQ(beta["deployments"], Json::array({"seldon.fraud_prod"}));
  EXPECT_THAT(Models(bodies["/gamma"][0]), ElementsAre("mlflow.geo_mix"));
  EXPECT_EQ(bodies["/gamma"][0]["dashboards"], Json::array());

  // The broken asset's owner hears about everything; the domain subscriber about its domain.
  const Json& data = bodies["/data"][0];
  EXPECT_THAT(Models(data), ElementsAre("mlflow.churn", "mlflow.fraud", "mlflow.geo_mix",
                                        "mlflow.ltv", "mlflow.silent"));
  EXPECT_EQ(data["dashboards"], Json::array({"qlik.users"}));
  EXPECT_EQ(data["deployments"], Json::array({"seldon.fraud_prod"}));
  EXPECT_THAT(Models(bodies["/watch"][0]), ElementsAre("mlflow.geo_mix"));

  // The webhook-id is the delivery's idempotency key.
  std::map<std::string, model::Delivery> rows = DeliveriesByTeam(incident.id, "incident.opened");
  ASSERT_THAT(rows, SizeIs(5));
  for (const auto& r : requests) {
    const model::Delivery& row = rows.at("team:" + r.path.substr(1));
    EXPECT_EQ(r.headers.at("webhook-id"), row.id);
    EXPECT_EQ(row.state, "delivered");
    EXPECT_EQ(row.channel, "webhook");
    EXPECT_EQ(row.attempts, 1);
    EXPECT_EQ(row.last_status, 200);
  }
}

// Every recipient is reported, also those that cannot be told, and why.
TEST_F(IncidentServiceTest, OpenReportsEveryRecipientAndWhySomeCannotBeTold) {
  Result<OpenOutcome> out = service_->Open({.asset = testing::kBroken, .title = "nulls"});
  ASSERT_THAT(out, IsOk());
  std::vector<std::string> told, untold;
  for (const Recipient& r : out->recipients) {
    (r.unreachable.empty() ? told : untold).push_back(r.recipient + ":" + r.unreachable);
    EXPECT_EQ(r.channels.empty(), !r.unreachable.empty()) << r.recipient;
  }
  EXPECT_THAT(told,
              ElementsAre("team:alpha:", "team:beta:", "team:data:", "team:gamma:", "team:watch:"));
  EXPECT_THAT(untold, ElementsAre("team:quiet:no contacts"));
  const Recipient& quiet = out->recipients[4];
  ASSERT_EQ(quiet.recipient, "team:quiet");
  ASSERT_THAT(quiet.message.models, SizeIs(1));
  EXPECT_EQ(quiet.message.models[0].fqn, "mlflow.silent");
  EXPECT_EQ(out->recipients[0].channels, std::vector<std::string>{"webhook"});
}

// A dry run computes the same recipients and writes nothing.
TEST_F(IncidentServiceTest, DryRunOpensNothingAndQueuesNothing) {
  Result<OpenOutcome> dry =
      service_->Open({.asset = testing::kBroken, .title = "nulls", .dry_run = true});
  ASSERT_THAT(dry, IsOk());
  EXPECT_FALSE(dry->created);
  EXPECT_EQ(dry->deliveries, 0u);
  EXPECT_EQ(dry->incident.id, "");
  EXPECT_THAT(dry->recipients, SizeIs(6));
  EXPECT_EQ(state_->UnresolvedOn(testing::kBroken), std::nullopt);
  EXPECT_EQ(SendAll(), 0u);
  // The real open reaches exactly those recipients.
  Result<OpenOutcome> real = service_->Open({.asset = testing::kBroken, .title = "nulls"});
  ASSERT_THAT(real, IsOk());
  ASSERT_THAT(real->recipients, SizeIs(6));
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(real->recipients[i].recipient, dry->recipients[i].recipient);
    EXPECT_EQ(real->recipients[i].channels, dry->recipients[i].channels);
  }
  // A dry run on an asset with an unresolved incident names it and changes nothing.
  dry = service_->Open({.asset = testing::kBroken, .title = "again", .dry_run = true});
  ASSERT_THAT(dry, IsOk());
  EXPECT_EQ(dry->incident.id, real->incident.id);
  EXPECT_THAT(dry->incident.timeline, SizeIs(1));
}

TEST_F(IncidentServiceTest, AckAndResolveReachTheSameRecipientsAsTheFrozenImpact) {
  model::Incident opened = OpenBroken();
  // The lineage changes after opening: geo_mix no longer reads the broken column. Later events
  // still follow the impact frozen at opening.
  model::Delta rewire;
  rewire.replace_edges.push_back(
      {"test:mesh",
       {testing::MeshEdge("hive.raw.events.user_id", "hive.mart.users.uid"),
        testing::MeshEdge("hive.mart.users.uid", "mlflow.churn.f")}});
  ASSERT_THAT(catalog_->Apply(std::move(rewire)), IsOk());

  Result<Change> ack = service_->Acknowledge(opened.id, Who("alice"), "looking");
  ASSERT_THAT(ack, IsOk());
  EXPECT_EQ(ack->deliveries, 5u);
  EXPECT_EQ(ack->incident.state, "acknowledged");
  now_ += 60000;
  Result<Change> resolved = service_->Resolve(opened.id, Who("bob"), "backfilled");
  ASSERT_THAT(resolved, IsOk());
  EXPECT_EQ(resolved->deliveries, 5u);
  EXPECT_EQ(resolved->incident.state, "resolved");
  EXPECT_EQ(resolved->incident.resolution, "backfilled");
  EXPECT_EQ(resolved->incident.updated_at, testing::kStartMs + 60000);
  EXPECT_THAT(resolved->incident.timeline,
              ElementsAre(Field(&model::IncidentEvent::type, "opened"),
                          AllOf(Field(&model::IncidentEvent::type, "acknowledged"),
                                Field(&model::IncidentEvent::actor, "alice"),
                                Field(&model::IncidentEvent::note, "looking")),
                          AllOf(Field(&model::IncidentEvent::type, "resolved"),
                                Field(&model::IncidentEvent::at, testing::kStartMs + 60000),
                                Field(&model::IncidentEvent::note, "backfilled"))));
  Result<model::Incident> stored = state_->GetIncident(opened.id);
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(*stored, resolved->incident);
  EXPECT_EQ(state_->UnresolvedOn(testing::kBroken), std::nullopt);

  auto teams = [&](const std::string& event) {
    std::vector<std::string> out;
    for (const auto& [team, d] : DeliveriesByTeam(opened.id, event)) out.push_back(team);
    return out;
  };
  const std::vector<std::string> everyone = {"team:alpha", "team:beta", "team:data", "team:gamma",
                                             "team:watch"};
  EXPECT_EQ(teams("incident.opened"), everyone);
  EXPECT_EQ(teams("incident.acknowledged"), everyone);
  EXPECT_EQ(teams("incident.resolved"), everyone);

  ASSERT_EQ(SendAll(), 15u);
  std::map<std::string, std::vector<Json>> bodies = BodiesByPath(receiver_.requests());
  ASSERT_THAT(bodies["/gamma"], SizeIs(3));
  std::vector<std::pair<std::string, std::string>> seen;
  for (const Json& b : bodies["/gamma"]) {
    seen.emplace_back(b["type"], b["incident"]["state"]);
    EXPECT_THAT(Models(b), ElementsAre("mlflow.geo_mix"));
  }
  EXPECT_THAT(seen,
              UnorderedElementsAre(
                  std::pair<std::string, std::string>{"incident.opened", "open"},
                  std::pair<std::string, std::string>{"incident.acknowledged", "acknowledged"},
                  std::pair<std::string, std::string>{"incident.resolved", "resolved"}));
}

TEST_F(IncidentServiceTest, ResolveStraightFromOpen) {
  model::Incident opened = OpenBroken();
  Result<Change> resolved = service_->Resolve(opened.id, Who("bob"), "false alarm");
  ASSERT_THAT(resolved, IsOk());
  EXPECT_EQ(resolved->incident.state, "resolved");
  EXPECT_EQ(resolved->deliveries, 5u);
}

TEST_F(IncidentServiceTest, LifecycleErrors) {
  model::Incident opened = OpenBroken();
  Status empty_reason = service_->Resolve(opened.id, Who("bob"), "").status();
  EXPECT_THAT(empty_reason, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(empty_reason.message(), "resolving an incident needs a reason");

  ASSERT_THAT(service_->Acknowledge(opened.id, Who("alice"), ""), IsOk());
  Status twice = service_->Acknowledge(opened.id, Who("alice"), "").status();
  EXPECT_THAT(twice, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(twice.message(), "incident " + opened.id + " is acknowledged, not open");

  ASSERT_THAT(service_->Resolve(opened.id, Who("bob"), "fixed"), IsOk());
  Status ack_resolved = service_->Acknowledge(opened.id, Who("alice"), "").status();
  EXPECT_THAT(ack_resolved, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(ack_resolved.message(), "incident " + opened.id + " is resolved, not open");
  Status resolve_resolved = service_->Resolve(opened.id, Who("bob"), "again").status();
  EXPECT_THAT(resolve_resolved, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(resolve_resolved.message(), "incident " + opened.id + " is already resolved");

  Status unknown = service_->Acknowledge("inc-000000000000", Who("alice"), "").status();
  EXPECT_THAT(unknown, StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(unknown.message(), "unknown incident inc-000000000000");
  EXPECT_THAT(service_->Resolve("inc-000000000000", Who("bob"), "x"), StatusIs(StatusCode::kNotFound));

  // Nothing was queued by the failed calls: 5 opened + 5 acknowledged + 5 resolved.
  auto all = state_->DeliveriesOf(opened.id);
  ASSERT_THAT(all, IsOk());
  EXPECT_THAT(*all, SizeIs(15));
}

TEST_F(IncidentServiceTest, OpenRejectsBadInput) {
  Status unknown = service_->Open({.asset = "hive.raw.event.user_id", .title = "x"}).status();
  EXPECT_THAT(unknown, StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(unknown.message(), "unknown asset hive.raw.event.user_id");
  EXPECT_THAT(unknown.candidates(), Contains("hive.raw.events.user_id"));

  Status severity =
      service_->Open({.asset = testing::kBroken, .title = "x", .severity = "urgent"}).status();
  EXPECT_THAT(severity, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(severity.message(), "severity must be low, medium, high or critical, not \"urgent\"");

  Status title = service_->Open({.asset = testing::kBroken, .title = ""}).status();
  EXPECT_THAT(title, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(title.message(), "an incident needs a title");

  auto all = state_->ListIncidents("");
  ASSERT_THAT(all, IsOk());
  EXPECT_THAT(*all, IsEmpty());
}

TEST_F(IncidentServiceTest, SeverityDefaultsToHigh) {
  Result<OpenOutcome> out = service_->Open({.asset = testing::kBroken, .title = "x"});
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ(out->incident.severity, "high");
  Result<OpenOutcome> empty =
      service_->Open({.asset = "hive.mart.users", .title = "y", .severity = ""});
  ASSERT_THAT(empty, IsOk());
  EXPECT_EQ(empty->incident.severity, "high");
}

TEST_F(IncidentServiceTest, OpeningAgainAddsToTheTimelineAndQueuesNothing) {
  model::Incident first = OpenBroken();
  now_ += 1000;
  Result<OpenOutcome> again =
      service_->Open({.asset = testing::kBroken, .title = "still nulled", .writer = Who("openlineage")});
  ASSERT_THAT(again, IsOk());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->deliveries, 0u);
  EXPECT_EQ(again->incident.id, first.id);
  EXPECT_EQ(again->incident.severity, "critical");
  EXPECT_EQ(again->incident.updated_at, testing::kStartMs + 1000);
  EXPECT_EQ(
      again->incident.timeline.back(),
      (model::IncidentEvent{testing::kStartMs + 1000, "reopened", "openlineage", "still nulled"}));
  auto all = state_->DeliveriesOf(first.id);
  ASSERT_THAT(all, IsOk());
  EXPECT_THAT(*all, SizeIs(5));
  auto incidents = state_->ListIncidents("");
  ASSERT_THAT(incidents, IsOk());
  EXPECT_THAT(*incidents, SizeIs(1));

  // Once resolved, the next open is a new incident.
  ASSERT_THAT(service_->Resolve(first.id, Who("bob"), "fixed"), IsOk());
  Result<OpenOutcome> next = service_->Open({.asset = testing::kBroken, .title = "again"});
  ASSERT_THAT(next, IsOk());
  EXPECT_TRUE(next->created);
  EXPECT_NE(next->incident.id, first.id);
  EXPECT_EQ(next->deliveries, 5u);
}

TEST_F(IncidentServiceTest, RemindersAfterTheIntervalOnly) {
  constexpr int64_t kHour = 3600 * 1000;
  model::Incident opened = OpenBroken();
  Result<OpenOutcome> other = service_->Open({.asset = "hive.mart.users.uid", .title = "other"});
  ASSERT_THAT(other, IsOk());
  ASSERT_THAT(service_->Resolve(other->incident.id, Who("bob"), "fixed"), IsOk());

  now_ += kHour - 1;
  Result<size_t> early = service_->QueueReminders(kHour);
  ASSERT_THAT(early, IsOk());
  EXPECT_EQ(*early, 0u);
  EXPECT_THAT(DeliveriesByTeam(opened.id, "incident.reminder"), IsEmpty());

  now_ += 1;
  Result<size_t> due = service_->QueueReminders(kHour);
  ASSERT_THAT(due, IsOk());
  EXPECT_EQ(*due, 1u);  // the resolved incident is not reminded
  EXPECT_THAT(DeliveriesByTeam(opened.id, "incident.reminder"), SizeIs(5));
  Result<model::Incident> stored = state_->GetIncident(opened.id);
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(stored->reminders, 1);
  EXPECT_EQ(stored->timeline.back(),
            (model::IncidentEvent{testing::kStartMs + kHour, "reminder", "scheduler", ""}));

  Result<size_t> again = service_->QueueReminders(kHour);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(*again, 0u);

  now_ += kHour;
  Result<size_t> second = service_->QueueReminders(kHour);
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(*second, 1u);
  auto all = state_->DeliveriesOf(opened.id);
  ASSERT_THAT(all, IsOk());
  EXPECT_THAT(*all, SizeIs(15));  // 5 opened + 5 per reminder, none replaced

  EXPECT_THAT(service_->QueueReminders(0), StatusIs(StatusCode::kInvalidArgument));

  ASSERT_EQ(SendAll(), 25u);  // and the other incident's opened + resolved
  size_t reminders = 0;
  for (const auto& r : receiver_.requests()) {
    if (Json::parse(r.body)["type"] == "incident.reminder") ++reminders;
  }
  EXPECT_EQ(reminders, 10u);
}

TEST_F(IncidentServiceTest, OpenIncidentRanksFirstUpstream) {
  auto before = Upstream("mlflow.churn");
  ASSERT_THAT(before, IsOk());
  ASSERT_THAT(before->sources, Not(IsEmpty()));
  EXPECT_NE(before->sources[0].asset.fqn, testing::kBroken);

  model::Incident opened = OpenBroken();
  auto after = Upstream("mlflow.churn");
  ASSERT_THAT(after, IsOk());
  ASSERT_THAT(after->sources, Not(IsEmpty()));
  EXPECT_EQ(after->sources[0].asset.fqn, testing::kBroken);
  ASSERT_THAT(after->sources[0].evidence, SizeIs(1));
  EXPECT_EQ(after->sources[0].evidence[0].type, "incident");
  EXPECT_THAT(after->sources[0].evidence[0].detail, HasSubstr(opened.id));

  ASSERT_THAT(service_->Resolve(opened.id, Who("bob"), "fixed"), IsOk());
  auto resolved = Upstream("mlflow.churn");
  ASSERT_THAT(resolved, IsOk());
  for (const auto& s : resolved->sources) EXPECT_THAT(s.evidence, IsEmpty()) << s.asset.fqn;
}

TEST_F(IncidentServiceTest, AliasOpensOnItsAsset) {
  model::RunDelta alias;
  alias.upsert_aliases.push_back({"hdfs.events.user_id", testing::kBroken});
  runs::RunWrite write(*runs_, std::move(alias));
  ASSERT_THAT(catalog_->Apply({}, &write), IsOk());
  Result<OpenOutcome> out = service_->Open({.asset = "hdfs.events.user_id", .title = "x"});
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ(out->incident.asset, testing::kBroken);
  EXPECT_EQ(out->deliveries, 5u);
}

TEST_F(IncidentServiceTest, SubscribersOfTheBrokenAssetAndOfAModel) {
  model::Delta d;
  d.upsert_teams.push_back(testing::WebhookTeam("fans", receiver_.url("/fans")));
  d.upsert_teams.push_back(testing::WebhookTeam("ltvfans", receiver_.url("/ltvfans")));
  ASSERT_THAT(catalog_->Apply(std::move(d)), IsOk());
  ASSERT_THAT(
      service_->ChangeSubscriptions({{"team:fans", "asset", testing::kBroken},
                                     {"team:ltvfans", "model", "mlflow.ltv"},
                                     {"user:bob", "asset", testing::kBroken}},  // no such user
                                    false, Who("ops")),
      IsOk());
  Result<OpenOutcome> out = service_->Open({.asset = testing::kBroken, .title = "x"});
  ASSERT_THAT(out, IsOk());
  EXPECT_EQ(out->deliveries, 7u);
  ASSERT_EQ(SendAll(), 7u);
  std::map<std::string, std::vector<Json>> bodies = BodiesByPath(receiver_.requests());
  ASSERT_THAT(bodies["/fans"], SizeIs(1));
  EXPECT_THAT(Models(bodies["/fans"][0]), SizeIs(5));
  ASSERT_THAT(bodies["/ltvfans"], SizeIs(1));
  EXPECT_THAT(Models(bodies["/ltvfans"][0]), ElementsAre("mlflow.ltv"));
}

// A `user:` recipient is told through the catalog user's contacts, exactly like a team.
TEST_F(IncidentServiceTest, UsersAreToldThroughTheirContactsLikeTeams) {
  model::Delta d;
  d.upsert_users.push_back({"jdoe", "Jane Doe", {{"webhook", {{"url", receiver_.url("/jdoe")}}}}});
  d.upsert_users.push_back({"mute", "", {}});
  ASSERT_THAT(catalog_->Apply(std::move(d)), IsOk());
  ASSERT_THAT(service_->ChangeSubscriptions({{"user:jdoe", "model", "mlflow.ltv"},
                                             {"user:mute", "asset", testing::kBroken},
                                             {"user:nobody", "asset", testing::kBroken}},
                                            false, Who("ops")),
              IsOk());
  Result<OpenOutcome> out = service_->Open({.asset = testing::kBroken, .title = "x"});
  ASSERT_THAT(out, IsOk());
  std::map<std::string, std::string> why;
  for (const Recipient& r : out->recipients) {
    if (r.recipient.starts_with("user:")) why[r.recipient] = r.unreachable;
  }
  EXPECT_EQ(why, (std::map<std::string, std::string>{{"user:jdoe", ""},
                                                     {"user:mute", "no contacts"},
                                                     {"user:nobody", "not a catalog user"}}));
  EXPECT_EQ(out->deliveries, 6u);  // the five teams and jdoe
  ASSERT_EQ(SendAll(), 6u);
  std::map<std::string, model::Delivery> rows =
      DeliveriesByTeam(out->incident.id, "incident.opened");
  ASSERT_TRUE(rows.contains("user:jdoe"));
  EXPECT_EQ(rows.at("user:jdoe").state, "delivered");
  EXPECT_EQ(rows.at("user:jdoe").channel, "webhook");
  std::map<std::string, std::vector<Json>> bodies = BodiesByPath(receiver_.requests());
  ASSERT_THAT(bodies["/jdoe"], SizeIs(1));
  EXPECT_EQ(bodies["/jdoe"][0]["team"], "user:jdoe");
  EXPECT_THAT(Models(bodies["/jdoe"][0]), ElementsAre("mlflow.ltv"));
}

}  // namespace
}  // namespace linea::incident
