// The incident part of the Store contract suite (see store_contract_test.h): incidents with
// their timelines, the deliveries outbox and subscriptions. Every backend that instantiates
// StoreContractTest runs these cases too.
#include <gmock/gmock.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/store_contract_test.h"
#include "common/testing/status_matchers.h"
#include "store/testing/store_writes.h"

namespace linea::store {
namespace {

using ::linea::store::testing::AnyDelta;
using ::linea::store::testing::Apply;
using ::linea::store::testing::PutToken;
using ::linea::store::testing::RevokeToken;

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

model::Incident MakeIncident(std::string id, int64_t opened_at, std::string state = "open") {
  model::Incident incident;
  incident.id = std::move(id);
  incident.asset = "hive.geo.moves_daily";
  incident.title = "moves_daily is empty";
  incident.severity = "high";
  incident.state = std::move(state);
  incident.opened_at = opened_at;
  incident.updated_at = opened_at;
  incident.impact_json = R"({"root":"hive.geo.moves_daily","teams":[]})";
  incident.timeline = {{opened_at, "opened", "cli", ""}};
  return incident;
}

model::Delivery MakeDelivery(std::string id, std::string incident_id, int64_t created_at,
                             std::string state = "pending") {
  model::Delivery delivery;
  delivery.id = std::move(id);
  delivery.incident_id = std::move(incident_id);
  delivery.event = "incident.opened";
  delivery.team = "team:geo";
  delivery.channel = "webhook";
  delivery.state = std::move(state);
  delivery.created_at = created_at;
  delivery.next_attempt_at = created_at;
  return delivery;
}

AnyDelta UpsertIncidents(std::vector<model::Incident> incidents) {
  AnyDelta delta;
  delta.upsert_incidents = std::move(incidents);
  return delta;
}

AnyDelta UpsertDeliveries(std::vector<model::Delivery> deliveries) {
  AnyDelta delta;
  delta.upsert_deliveries = std::move(deliveries);
  return delta;
}

std::vector<std::string> IncidentIds(const Result<std::vector<model::Incident>>& incidents) {
  EXPECT_THAT(incidents, IsOk());
  std::vector<std::string> ids;
  if (!incidents.ok()) return ids;
  for (const model::Incident& incident : *incidents) ids.push_back(incident.id);
  return ids;
}

std::vector<std::string> DeliveryIds(const Result<std::vector<model::Delivery>>& deliveries) {
  EXPECT_THAT(deliveries, IsOk());
  std::vector<std::string> ids;
  if (!deliveries.ok()) return ids;
  for (const model::Delivery& delivery : *deliveries) ids.push_back(delivery.id);
  return ids;
}

TEST_P(IncidentStoreContractTest, EmptyStoreHasNoIncidentState) {
  Result<std::optional<model::Incident>> incident = store().incidents().GetIncident("inc-000000000001");
  ASSERT_THAT(incident, IsOk());
  EXPECT_EQ(*incident, std::nullopt);
  Result<std::vector<model::Incident>> incidents = store().incidents().ListIncidents("");
  ASSERT_THAT(incidents, IsOk());
  EXPECT_THAT(*incidents, IsEmpty());
  Result<std::vector<model::Delivery>> deliveries = store().incidents().DeliveriesOf("inc-000000000001");
  ASSERT_THAT(deliveries, IsOk());
  EXPECT_THAT(*deliveries, IsEmpty());
  deliveries = store().incidents().PendingDeliveries();
  ASSERT_THAT(deliveries, IsOk());
  EXPECT_THAT(*deliveries, IsEmpty());
  Result<std::vector<model::Subscription>> subscriptions = store().incidents().ListSubscriptions();
  ASSERT_THAT(subscriptions, IsOk());
  EXPECT_THAT(*subscriptions, IsEmpty());
}

TEST_P(IncidentStoreContractTest, IncidentsRoundTripEveryField) {
  model::Incident full;
  full.id = "inc-0123456789ab";
  full.asset = "hive.geo.\"moves v1\".ü";
  full.title = "Zählung — leer ✓";
  full.description = "rows missing since 'Monday'\n\"second\" line";
  full.severity = "critical";
  full.state = "resolved";
  full.resolution = "backfilled ✓";
  full.opened_at = 1'714'557'600'000;
  full.updated_at = std::numeric_limits<int64_t>::max();
  full.reminders = 3;
  full.impact_json = R"({"root":"hive.geo.moves","assets":[{"fqn":"ü","hops":1}],"n":1.5})";
  full.timeline = {
      {1'714'557'600'000, "opened", "cli", "Zählung leer"},
      {1'714'557'600'001, "reopened", "openlineage", "again: \"quoted\"\nnewline"},
      {1'714'557'700'000, "acknowledged", "ana", ""},
      {-1, "reminder", "scheduler", "{\"not\":\"json\"}"},
      {std::numeric_limits<int64_t>::min(), "resolved", "token ✓", "backfilled ✓"},
  };
  model::Incident bare;
  bare.id = "inc-000000000000";
  ASSERT_THAT(Apply(store(), UpsertIncidents({full, bare})), IsOk());

  EXPECT_THAT(*store().incidents().GetIncident(full.id), Optional(full));
  EXPECT_THAT(*store().incidents().GetIncident(bare.id), Optional(bare));
  EXPECT_EQ(*store().incidents().GetIncident("inc-0123456789AB"), std::nullopt);  // ids are exact
  Result<std::vector<model::Incident>> incidents = store().incidents().ListIncidents("");
  ASSERT_THAT(incidents, IsOk());
  EXPECT_THAT(*incidents, ElementsAre(full, bare));  // newest opened_at first
}

TEST_P(IncidentStoreContractTest, IncidentUpsertReplacesById) {
  model::Incident first = MakeIncident("inc-1", 100);
  first.timeline.push_back({150, "reopened", "openlineage", "again"});
  first.description = "old";
  ASSERT_THAT(Apply(store(), UpsertIncidents({first, MakeIncident("inc-2", 200)})), IsOk());

  model::Incident second = MakeIncident("inc-1", 100, "resolved");
  second.resolution = "fixed";
  second.updated_at = 300;
  second.reminders = 1;
  second.timeline = {{100, "opened", "cli", ""}, {300, "resolved", "ana", "fixed"}};
  ASSERT_THAT(Apply(store(), UpsertIncidents({second})), IsOk());
  EXPECT_THAT(*store().incidents().GetIncident("inc-1"), Optional(second));  // description "" too
  EXPECT_THAT(*store().incidents().GetIncident("inc-2"), Optional(MakeIncident("inc-2", 200)));

  // The later of two upserts of one id in one Delta wins; an empty timeline stays empty.
  model::Incident third = second;
  third.timeline.clear();
  third.state = "open";
  ASSERT_THAT(Apply(store(), UpsertIncidents({MakeIncident("inc-1", 1), third})), IsOk());
  EXPECT_THAT(*store().incidents().GetIncident("inc-1"), Optional(third));
  EXPECT_THAT(IncidentIds(store().incidents().ListIncidents("")), ElementsAre("inc-2", "inc-1"));
}

TEST_P(IncidentStoreContractTest, ListIncidentsIsNewestFirstThenByIdAndFiltersByState) {
  ASSERT_THAT(Apply(store(), UpsertIncidents({
                  MakeIncident("inc-b", 200, "open"),
                  MakeIncident("inc-d", 100, "resolved"),
                  MakeIncident("inc-a", 200, "acknowledged"),
                  MakeIncident("inc-c", 300, "open"),
                  MakeIncident("inc-e", -5, "open"),
              })),
              IsOk());
  EXPECT_THAT(IncidentIds(store().incidents().ListIncidents("")),
              ElementsAre("inc-c", "inc-a", "inc-b", "inc-d", "inc-e"));
  EXPECT_THAT(IncidentIds(store().incidents().ListIncidents("open")), ElementsAre("inc-c", "inc-b", "inc-e"));
  EXPECT_THAT(IncidentIds(store().incidents().ListIncidents("acknowledged")), ElementsAre("inc-a"));
  EXPECT_THAT(IncidentIds(store().incidents().ListIncidents("resolved")), ElementsAre("inc-d"));
  EXPECT_THAT(IncidentIds(store().incidents().ListIncidents("Open")), IsEmpty());  // states are exact
  EXPECT_THAT(IncidentIds(store().incidents().ListIncidents("closed")), IsEmpty());

  // A state change moves the incident between the filtered lists.
  ASSERT_THAT(Apply(store(), UpsertIncidents({MakeIncident("inc-c", 300, "resolved")})), IsOk());
  EXPECT_THAT(IncidentIds(store().incidents().ListIncidents("open")), ElementsAre("inc-b", "inc-e"));
  EXPECT_THAT(IncidentIds(store().incidents().ListIncidents("resolved")), ElementsAre("inc-c", "inc-d"));
}

TEST_P(IncidentStoreContractTest, DeliveriesRoundTripEveryFieldOrderedPerIncident) {
  model::Delivery full;
  full.id = std::string(64, 'f');
  full.incident_id = "inc-1";
  full.event = "incident.resolved";
  full.team = "user:ana ✓";
  full.contact_index = 7;
  full.channel = "slack";
  full.state = "failed";
  full.attempts = 12;
  full.created_at = 1'714'557'600'000;
  full.next_attempt_at = std::numeric_limits<int64_t>::max();
  full.delivered_at = -3;
  full.last_status = 503;
  full.last_error = "HTTP 503: \"Service Unavailable\"\n<html>ü</html>";
  full.payload_json = R"({"type":"incident.resolved","incident":{"id":"inc-1","title":"ü"}})";
  model::Delivery bare;
  bare.id = "bare";
  bare.incident_id = "inc-1";
  bare.created_at = full.created_at;  // same created_at: ordered by id
  AnyDelta delta = UpsertDeliveries({
      full,
      MakeDelivery("d-late", "inc-1", 2'000'000'000'000),
      bare,
      MakeDelivery("d-early", "inc-1", 1),
      MakeDelivery("d-other", "inc-2", 5),
  });
  ASSERT_THAT(Apply(store(), delta), IsOk());

  Result<std::vector<model::Delivery>> deliveries = store().incidents().DeliveriesOf("inc-1");
  ASSERT_THAT(deliveries, IsOk());
  EXPECT_THAT(*deliveries, ElementsAre(MakeDelivery("d-early", "inc-1", 1), bare, full,
                                       MakeDelivery("d-late", "inc-1", 2'000'000'000'000)));
  EXPECT_THAT(*store().incidents().DeliveriesOf("inc-2"), ElementsAre(MakeDelivery("d-other", "inc-2", 5)));
  EXPECT_THAT(*store().incidents().DeliveriesOf("inc-3"), IsEmpty());
  EXPECT_THAT(*store().incidents().DeliveriesOf(""), IsEmpty());
}

TEST_P(IncidentStoreContractTest, DeliveryUpsertReplacesById) {
  ASSERT_THAT(Apply(store(), UpsertDeliveries(
                  {MakeDelivery("d1", "inc-1", 10), MakeDelivery("d2", "inc-1", 20)})),
              IsOk());

  model::Delivery retried = MakeDelivery("d1", "inc-1", 10);
  retried.attempts = 1;
  retried.next_attempt_at = 70;
  retried.last_status = 500;
  retried.last_error = "boom";
  retried.payload_json = R"({"type":"incident.opened"})";
  ASSERT_THAT(Apply(store(), UpsertDeliveries({retried})), IsOk());
  EXPECT_THAT(*store().incidents().DeliveriesOf("inc-1"),
              ElementsAre(retried, MakeDelivery("d2", "inc-1", 20)));

  // The later of two upserts of one id in one Delta wins.
  model::Delivery last = retried;
  last.attempts = 2;
  ASSERT_THAT(Apply(store(), UpsertDeliveries({retried, last})), IsOk());
  EXPECT_THAT(*store().incidents().DeliveriesOf("inc-1"), ElementsAre(last, MakeDelivery("d2", "inc-1", 20)));
}

TEST_P(IncidentStoreContractTest, PendingDeliveriesAreOnlyPendingOnesByDueTimeThenId) {
  model::Delivery due_late = MakeDelivery("d-a", "inc-1", 10);
  due_late.next_attempt_at = 500;
  model::Delivery due_early = MakeDelivery("d-z", "inc-2", 20);
  due_early.next_attempt_at = 100;
  model::Delivery tie = MakeDelivery("d-b", "inc-1", 30);
  tie.next_attempt_at = 500;
  model::Delivery delivered = MakeDelivery("d-c", "inc-1", 5, "delivered");
  delivered.next_attempt_at = 1;
  delivered.delivered_at = 6;
  model::Delivery failed = MakeDelivery("d-d", "inc-1", 5, "failed");
  failed.next_attempt_at = 1;
  model::Delivery other_case = MakeDelivery("d-e", "inc-1", 5, "Pending");
  other_case.next_attempt_at = 1;
  ASSERT_THAT(
      Apply(store(), UpsertDeliveries({due_late, due_early, tie, delivered, failed, other_case})),
      IsOk());
  Result<std::vector<model::Delivery>> pending = store().incidents().PendingDeliveries();
  ASSERT_THAT(pending, IsOk());
  EXPECT_THAT(*pending, ElementsAre(due_early, due_late, tie));
  EXPECT_EQ(*store().incidents().CountPendingDeliveries(), 3);

  // Delivering one removes it from the pending list; rescheduling another reorders the list.
  model::Delivery sent = due_early;
  sent.state = "delivered";
  sent.attempts = 1;
  sent.delivered_at = 110;
  sent.last_status = 200;
  model::Delivery rescheduled = tie;
  rescheduled.attempts = 1;
  rescheduled.next_attempt_at = 400;
  ASSERT_THAT(Apply(store(), UpsertDeliveries({sent, rescheduled})), IsOk());
  EXPECT_THAT(*store().incidents().PendingDeliveries(), ElementsAre(rescheduled, due_late));
  EXPECT_EQ(*store().incidents().CountPendingDeliveries(), 2);
  EXPECT_THAT(*store().incidents().DeliveriesOf("inc-2"), ElementsAre(sent));  // still listed per incident

  // A failed delivery put back to pending is pending again.
  failed.state = "pending";
  ASSERT_THAT(Apply(store(), UpsertDeliveries({failed})), IsOk());
  EXPECT_THAT(DeliveryIds(store().incidents().PendingDeliveries()), ElementsAre("d-d", "d-b", "d-a"));
}

TEST_P(IncidentStoreContractTest, SubscriptionsUpsertIsIdempotentDeleteRemovesOrdered) {
  const model::Subscription geo_asset{"team:geo", "asset", "hive.geo.moves"};
  const model::Subscription geo_domain{"team:geo", "domain", "geo"};
  const model::Subscription ana_model{"user:ana", "model", "mlflow.churn ✓"};
  const model::Subscription ana_asset{"user:ana", "asset", "hive.geo.moves"};
  AnyDelta delta;
  delta.upsert_subscriptions = {ana_model, geo_domain, ana_asset, geo_asset, geo_domain};
  ASSERT_THAT(Apply(store(), delta), IsOk());
  ASSERT_THAT(Apply(store(), delta), IsOk());  // again: nothing changes
  Result<std::vector<model::Subscription>> subscriptions = store().incidents().ListSubscriptions();
  ASSERT_THAT(subscriptions, IsOk());
  EXPECT_THAT(*subscriptions, ElementsAre(geo_asset, geo_domain, ana_asset, ana_model));

  // Deletes run before upserts: a pair given to both is kept; an unknown delete is a no-op;
  // a delete matches all three fields exactly.
  AnyDelta change;
  change.delete_subscriptions = {geo_domain,
                                 ana_asset,
                                 {"team:geo", "asset", "hive.geo.other"},
                                 {"team:geo", "model", "hive.geo.moves"}};
  change.upsert_subscriptions = {ana_asset, {"team:web", "domain", "web"}};
  ASSERT_THAT(Apply(store(), change), IsOk());
  const model::Subscription web_domain{"team:web", "domain", "web"};
  EXPECT_THAT(*store().incidents().ListSubscriptions(),
              ElementsAre(geo_asset, web_domain, ana_asset, ana_model));

  AnyDelta remove;
  remove.delete_subscriptions = {geo_asset, ana_model, geo_asset};
  ASSERT_THAT(Apply(store(), remove), IsOk());
  EXPECT_THAT(*store().incidents().ListSubscriptions(), ElementsAre(web_domain, ana_asset));
}

TEST_P(IncidentStoreContractTest, DeletingAnAssetKeepsItsIncidentsDeliveriesAndSubscriptions) {
  AnyDelta setup;
  setup.upsert_assets.emplace_back().fqn = "hive.geo.moves_daily";
  setup.upsert_assets.emplace_back().fqn = "hive.geo.moves_daily.cell_id";
  model::Incident column_incident = MakeIncident("inc-2", 200);
  column_incident.asset = "hive.geo.moves_daily.cell_id";
  setup.upsert_incidents = {MakeIncident("inc-1", 100), column_incident};
  setup.upsert_deliveries = {MakeDelivery("d1", "inc-1", 100)};
  setup.upsert_subscriptions = {{"team:geo", "asset", "hive.geo.moves_daily"}};
  ASSERT_THAT(Apply(store(), setup), IsOk());

  AnyDelta remove;
  remove.delete_assets = {"hive.geo.moves_daily", "hive.geo.moves_daily.cell_id"};
  ASSERT_THAT(Apply(store(), remove), IsOk());
  EXPECT_THAT(*store().lineage().ListAssets(), IsEmpty());
  EXPECT_THAT(*store().incidents().ListIncidents(""), ElementsAre(column_incident, MakeIncident("inc-1", 100)));
  EXPECT_THAT(*store().incidents().DeliveriesOf("inc-1"), ElementsAre(MakeDelivery("d1", "inc-1", 100)));
  EXPECT_THAT(*store().incidents().PendingDeliveries(), ElementsAre(MakeDelivery("d1", "inc-1", 100)));
  EXPECT_THAT(*store().incidents().ListSubscriptions(),
              ElementsAre(model::Subscription{"team:geo", "asset", "hive.geo.moves_daily"}));
}

TEST_P(IncidentStoreContractTest, IncidentStatePersistsAcrossReopen) {
  model::Incident incident = MakeIncident("inc-1", 100, "acknowledged");
  incident.timeline.push_back({120, "acknowledged", "ana", "looking ✓"});
  model::Delivery delivered = MakeDelivery("d1", "inc-1", 100, "delivered");
  delivered.delivered_at = 101;
  AnyDelta delta = UpsertIncidents({incident, MakeIncident("inc-2", 50, "resolved")});
  delta.upsert_deliveries = {delivered, MakeDelivery("d2", "inc-1", 120)};
  delta.upsert_subscriptions = {{"team:geo", "domain", "geo"}};
  ASSERT_THAT(Apply(store(), delta), IsOk());

  Reopen();
  EXPECT_THAT(*store().incidents().GetIncident("inc-1"), Optional(incident));
  EXPECT_THAT(*store().incidents().ListIncidents(""),
              ElementsAre(incident, MakeIncident("inc-2", 50, "resolved")));
  EXPECT_THAT(IncidentIds(store().incidents().ListIncidents("resolved")), ElementsAre("inc-2"));
  EXPECT_THAT(*store().incidents().DeliveriesOf("inc-1"),
              ElementsAre(delivered, MakeDelivery("d2", "inc-1", 120)));
  EXPECT_THAT(*store().incidents().PendingDeliveries(), ElementsAre(MakeDelivery("d2", "inc-1", 120)));
  EXPECT_THAT(*store().incidents().ListSubscriptions(),
              ElementsAre(model::Subscription{"team:geo", "domain", "geo"}));
}

TEST_P(IncidentStoreContractTest, FailingDeltaLeavesIncidentStateUnchanged) {
  AnyDelta setup;
  setup.upsert_assets.emplace_back().fqn = "a.t";
  setup.upsert_assets.emplace_back().fqn = "b.t";
  setup.upsert_incidents = {MakeIncident("inc-1", 100)};
  setup.upsert_deliveries = {MakeDelivery("d1", "inc-1", 100)};
  setup.upsert_subscriptions = {{"team:geo", "asset", "a.t"}, {"team:geo", "asset", "b.t"}};
  ASSERT_THAT(Apply(store(), setup), IsOk());
  const std::vector<model::Incident> incidents_before = *store().incidents().ListIncidents("");
  const std::vector<model::Delivery> deliveries_before = *store().incidents().DeliveriesOf("inc-1");
  const std::vector<model::Subscription> subscriptions_before = *store().incidents().ListSubscriptions();

  // The delete runs before the failing edge; the incident writes would run after it.
  AnyDelta delta;
  delta.delete_assets = {"a.t"};
  delta.replace_edges.push_back({"p", {{.from = "b.t", .to = "missing.t"}}});
  delta.upsert_incidents = {MakeIncident("inc-1", 100, "resolved"), MakeIncident("inc-2", 200)};
  model::Delivery sent = MakeDelivery("d1", "inc-1", 100, "delivered");
  delta.upsert_deliveries = {sent, MakeDelivery("d2", "inc-2", 200)};
  delta.delete_subscriptions = {{"team:geo", "asset", "a.t"}};
  delta.upsert_subscriptions = {{"team:web", "domain", "web"}};
  Status status = Apply(store(), delta);
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "edge b.t -> missing.t: unknown asset missing.t");

  EXPECT_EQ(*store().incidents().ListIncidents(""), incidents_before);
  EXPECT_EQ(*store().incidents().GetIncident("inc-2"), std::nullopt);
  EXPECT_EQ(*store().incidents().DeliveriesOf("inc-1"), deliveries_before);
  EXPECT_THAT(*store().incidents().DeliveriesOf("inc-2"), IsEmpty());
  EXPECT_EQ(*store().incidents().PendingDeliveries(), deliveries_before);
  EXPECT_EQ(*store().incidents().ListSubscriptions(), subscriptions_before);
}

}  // namespace
}  // namespace linea::store
