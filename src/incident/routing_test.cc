// Routing over a frozen impact, and the outbox payload encoding.
#include "incident/internal/routing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "incident/internal/ids.h"
#include "incident/internal/payload.h"
#include "common/testing/status_matchers.h"

namespace linea::incident::internal {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::SizeIs;

FrozenImpact Impact() {
  FrozenImpact f;
  f.root = "hive.raw.t.c";
  f.root_owners = {"team:data", "user:ann"};
  f.root_domain = "raw";
  f.models = {{"m.a", {"m.a.f"}, {"hive.raw.t.c", "m.a.f", "m.a"}, {"team:x"}, "scoring"},
              {"m.b", {"m.b.f"}, {"hive.raw.t.c", "m.b.f", "m.b"}, {"team:x", "team:y"}, "geo"},
              {"m.c", {"m.c.f"}, {"hive.raw.t.c", "m.c.f", "m.c"}, {"user:bob"}, "geo"}};
  f.dashboards = {{"d.one", {}, {"hive.raw.t", "d.one"}, {"team:y"}, "bi"}};
  f.deployments = {{"s.dep", {}, {"m.a", "s.dep"}, {}, ""}};
  return f;
}

std::vector<std::string> ModelFqns(const Recipient& r) {
  std::vector<std::string> out;
  for (const auto& m : r.models) out.push_back(m.fqn);
  return out;
}

TEST(RouteTest, OwnersGetTheirItemsAndTheBrokenAssetsOwnersEverything) {
  std::vector<Recipient> r = Route(Impact(), {});
  ASSERT_THAT(r, SizeIs(5));  // users too: the service says they cannot be told
  EXPECT_EQ(r[0].team, "team:data");
  EXPECT_THAT(ModelFqns(r[0]), ElementsAre("m.a", "m.b", "m.c"));
  EXPECT_THAT(r[0].dashboards, ElementsAre("d.one"));
  EXPECT_THAT(r[0].deployments, ElementsAre("s.dep"));
  EXPECT_EQ(r[1].team, "team:x");
  EXPECT_THAT(ModelFqns(r[1]), ElementsAre("m.a", "m.b"));
  EXPECT_THAT(r[1].models[0].features, ElementsAre("m.a.f"));
  EXPECT_THAT(r[1].models[0].path, ElementsAre("hive.raw.t.c", "m.a.f", "m.a"));
  EXPECT_THAT(r[1].dashboards, IsEmpty());
  EXPECT_EQ(r[2].team, "team:y");
  EXPECT_THAT(ModelFqns(r[2]), ElementsAre("m.b"));
  EXPECT_THAT(r[2].dashboards, ElementsAre("d.one"));
  EXPECT_EQ(r[3].team, "user:ann");  // owns the broken asset: everything
  EXPECT_THAT(ModelFqns(r[3]), ElementsAre("m.a", "m.b", "m.c"));
  EXPECT_EQ(r[4].team, "user:bob");
  EXPECT_THAT(ModelFqns(r[4]), ElementsAre("m.c"));
}

TEST(RouteTest, SubscriptionsAddTheirMatchesOnce) {
  std::vector<model::Subscription> subs = {
      {"team:geo", "domain", "geo"},         {"team:raw", "domain", "raw"},
      {"team:fan", "asset", "hive.raw.t.c"}, {"team:m", "model", "m.c"},
      {"team:dash", "asset", "d.one"},       {"team:x", "domain", "geo"},
      {"user:bob", "asset", "hive.raw.t.c"}, {"team:none", "domain", "crm"}};
  std::vector<Recipient> r = Route(Impact(), subs);
  std::map<std::string, Recipient> by;
  for (Recipient& x : r) by[x.team] = x;
  EXPECT_THAT(by, SizeIs(10));  // data, x, y, geo, raw, fan, m, dash, user:ann, user:bob
  EXPECT_THAT(ModelFqns(by["team:geo"]), ElementsAre("m.b", "m.c"));
  EXPECT_THAT(by["team:geo"].dashboards, IsEmpty());
  EXPECT_THAT(ModelFqns(by["team:raw"]), ElementsAre("m.a", "m.b", "m.c"));
  EXPECT_THAT(by["team:raw"].deployments, ElementsAre("s.dep"));
  EXPECT_THAT(ModelFqns(by["team:fan"]), ElementsAre("m.a", "m.b", "m.c"));
  EXPECT_THAT(ModelFqns(by["team:m"]), ElementsAre("m.c"));
  EXPECT_THAT(ModelFqns(by["team:dash"]), IsEmpty());
  EXPECT_THAT(by["team:dash"].dashboards, ElementsAre("d.one"));
  EXPECT_THAT(ModelFqns(by["team:x"]), ElementsAre("m.a", "m.b", "m.c"));  // the union
  EXPECT_EQ(by.count("team:none"), 0u);
}

TEST(FrozenImpactTest, ParsesTheStoredImpact) {
  Result<FrozenImpact> f = ParseFrozenImpact(R"({
    "root": {"fqn": "hive.raw.t.c", "kind": "column", "owners": ["team:data"], "domain": "raw"},
    "models": [{"fqn": "m.a", "kind": "model", "distance": 2, "features": ["m.a.f"],
                "path": ["hive.raw.t.c", "m.a.f", "m.a"], "owners": ["team:x"], "domain": "s"}],
    "dashboards": [], "deployments": [{"fqn": "s.dep", "kind": "deployment", "distance": 3,
                "path": ["hive.raw.t.c", "m.a.f", "m.a", "s.dep"], "owners": [], "domain": ""}],
    "counts": {}, "teams": [], "truncated": false})");
  ASSERT_THAT(f, IsOk());
  EXPECT_EQ(f->root, "hive.raw.t.c");
  EXPECT_THAT(f->root_owners, ElementsAre("team:data"));
  EXPECT_EQ(f->root_domain, "raw");
  ASSERT_THAT(f->models, SizeIs(1));
  EXPECT_THAT(f->models[0].features, ElementsAre("m.a.f"));
  EXPECT_EQ(f->models[0].domain, "s");
  ASSERT_THAT(f->deployments, SizeIs(1));
  EXPECT_THAT(f->deployments[0].features, IsEmpty());

  Result<FrozenImpact> plain = ParseFrozenImpact(
      R"({"root": {"fqn": "a.b", "kind": "table"}, "models": [], "dashboards": [],
          "deployments": []})");
  ASSERT_THAT(plain, IsOk());
  EXPECT_THAT(plain->root_owners, IsEmpty());

  EXPECT_THAT(ParseFrozenImpact("{"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseFrozenImpact(R"({"root": {}})"), StatusIs(StatusCode::kInvalidArgument));
}

TEST(PayloadTest, RoundTripsANotification) {
  notify::Notification n;
  n.type = notify::EventType::kReminder;
  n.incident = {"inc-0123456789ab", "hive.raw.t.c", "nulls", "low", "acknowledged"};
  n.team = "x";
  n.models = {{"m.a", {"m.a.f"}, {"hive.raw.t.c", "m.a.f", "m.a"}}};
  n.dashboards = {"d.one"};
  n.deployments = {"s.dep"};
  n.url = "https://linea.example/assets/hive.raw.t.c";
  n.idempotency_key = "abc";
  Result<notify::Notification> back = DecodePayload(EncodePayload(n));
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->type, n.type);
  EXPECT_EQ(back->incident.id, n.incident.id);
  EXPECT_EQ(back->incident.state, "acknowledged");
  EXPECT_EQ(back->team, "x");
  ASSERT_THAT(back->models, SizeIs(1));
  EXPECT_THAT(back->models[0].path, ElementsAre("hive.raw.t.c", "m.a.f", "m.a"));
  EXPECT_THAT(back->dashboards, ElementsAre("d.one"));
  EXPECT_THAT(back->deployments, ElementsAre("s.dep"));
  EXPECT_EQ(back->url, n.url);
  EXPECT_EQ(back->idempotency_key, "abc");
  EXPECT_THAT(DecodePayload("[]"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodePayload(R"({"type": "incident.paged"})"),
              StatusIs(StatusCode::kInvalidArgument));
}

TEST(IdsTest, IncidentIdsAndDeliveryKeys) {
  EXPECT_THAT(NewIncidentId(), MatchesRegex("inc-[0-9a-f]{12}"));
  EXPECT_NE(NewIncidentId(), NewIncidentId());
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(DeliveryId("inc-1", "incident.opened", "team:x", 0),
            Sha256Hex("inc-1|incident.opened|team:x|0"));
  EXPECT_NE(DeliveryId("inc-1", "incident.reminder#1", "team:x", 0),
            DeliveryId("inc-1", "incident.reminder#2", "team:x", 0));
}

}  // namespace
}  // namespace linea::incident::internal
