#include "store/store_contract_test.h"

#include <gmock/gmock.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <thread>
#include <tuple>

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
using model::AssetKind;
using model::EdgeKind;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

model::Asset MakeAsset(std::string fqn, AssetKind kind = AssetKind::kTable) {
  model::Asset asset;
  asset.fqn = std::move(fqn);
  asset.kind = kind;
  return asset;
}

model::Edge MakeEdge(std::string from, std::string to, EdgeKind kind = EdgeKind::kUnspecified,
                     std::string transform = "") {
  model::Edge edge;
  edge.from = std::move(from);
  edge.to = std::move(to);
  edge.kind = kind;
  edge.transform = std::move(transform);
  return edge;
}

AnyDelta UpsertAssets(std::initializer_list<std::string> fqns) {
  AnyDelta delta;
  for (const std::string& fqn : fqns) delta.upsert_assets.push_back(MakeAsset(fqn));
  return delta;
}

AnyDelta ReplaceEdges(std::string provenance, std::vector<model::Edge> edges) {
  AnyDelta delta;
  delta.replace_edges.push_back({std::move(provenance), std::move(edges)});
  return delta;
}

// (provenance, from, to) of each edge, in the order given.
std::vector<std::tuple<std::string, std::string, std::string>> Keys(
    const std::vector<model::Edge>& edges) {
  std::vector<std::tuple<std::string, std::string, std::string>> keys;
  for (const model::Edge& edge : edges) keys.emplace_back(edge.provenance, edge.from, edge.to);
  return keys;
}

std::vector<std::string> Fqns(const std::vector<model::Asset>& assets) {
  std::vector<std::string> fqns;
  for (const model::Asset& asset : assets) fqns.push_back(asset.fqn);
  return fqns;
}

}  // namespace

void StoreContractTest::SetUp() {
  std::string pattern =
      (std::filesystem::path(::testing::TempDir()) / "linea_store_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  dir_ = pattern;
  Result<std::unique_ptr<Store>> store = GetParam().open(dir_);
  ASSERT_THAT(store, IsOk());
  store_ = std::move(*store);
}

void StoreContractTest::TearDown() {
  store_.reset();
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

void StoreContractTest::Reopen() {
  store_.reset();
  Result<std::unique_ptr<Store>> store = GetParam().open(dir_);
  ASSERT_THAT(store, IsOk());
  store_ = std::move(*store);
}

namespace {

// A fixture for the cases that need a few assets: a.t1.c1, a.t1.c2, a.t2.c1, a.t2.c2.
AnyDelta FourColumns() { return UpsertAssets({"a.t1.c1", "a.t1.c2", "a.t2.c1", "a.t2.c2"}); }

TEST_P(LineageStoreContractTest, EmptyStoreHasNothing) {
  EXPECT_THAT(store().lineage().ListAssets(), IsOk());
  EXPECT_THAT(*store().lineage().ListAssets(), IsEmpty());
  EXPECT_THAT(*store().lineage().ListEdges(), IsEmpty());
  EXPECT_THAT(*store().lineage().ListTeams(), IsEmpty());
  EXPECT_THAT(*store().lineage().ListUsers(), IsEmpty());
  EXPECT_THAT(Apply(store(), AnyDelta()), IsOk());
  EXPECT_GE(store().schema_version(), 1);
}

TEST_P(LineageStoreContractTest, UpsertAndGetRoundTripEveryField) {
  model::Asset asset = MakeAsset("hive.geo.\"moves v1\".cell_id", AssetKind::kColumn);
  asset.description = "cell where the move ended — UTF-8 ✓, quotes \" and 'single'";
  asset.domain = "geo";
  asset.owners = {"team:geo", "user:ann"};
  asset.tags = {"pii", "mart"};
  asset.properties = {{"layer", "mart"}, {"json", "{\"x\": [1]}"}, {"empty", ""}};
  asset.data_type = "string";
  AnyDelta delta;
  delta.upsert_assets.push_back(asset);
  ASSERT_THAT(Apply(store(), delta), IsOk());

  Result<std::optional<model::Asset>> got = store().lineage().GetAsset(asset.fqn);
  ASSERT_THAT(got, IsOk());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(**got, asset);
  EXPECT_THAT(*store().lineage().ListAssets(), ElementsAre(asset));
}

TEST_P(LineageStoreContractTest, GetUnknownAssetIsNullopt) {
  ASSERT_THAT(Apply(store(), UpsertAssets({"a.b"})), IsOk());
  Result<std::optional<model::Asset>> got = store().lineage().GetAsset("a.c");
  ASSERT_THAT(got, IsOk());
  EXPECT_FALSE(got->has_value());
}

TEST_P(LineageStoreContractTest, UpsertReplacesAllAttributes) {
  model::Asset full = MakeAsset("svc.m", AssetKind::kModel);
  full.description = "old";
  full.domain = "scoring";
  full.owners = {"team:scoring"};
  full.tags = {"x"};
  full.properties = {{"version", "1"}};
  full.data_type = "t";
  AnyDelta first;
  first.upsert_assets.push_back(full);
  ASSERT_THAT(Apply(store(), first), IsOk());

  model::Asset bare = MakeAsset("svc.m", AssetKind::kDashboard);
  bare.properties = {{"version", "2"}};
  AnyDelta second;
  second.upsert_assets.push_back(bare);
  ASSERT_THAT(Apply(store(), second), IsOk());

  EXPECT_EQ(**store().lineage().GetAsset("svc.m"), bare);
  EXPECT_THAT(Fqns(*store().lineage().ListAssets()), ElementsAre("svc.m"));
}

TEST_P(LineageStoreContractTest, ListAssetsIsOrderedByFqn) {
  ASSERT_THAT(Apply(store(), UpsertAssets({"b", "a.z", "a", "B", "a.b"})), IsOk());
  EXPECT_THAT(Fqns(*store().lineage().ListAssets()), ElementsAre("B", "a", "a.b", "a.z", "b"));
}

TEST_P(LineageStoreContractTest, DeleteAssetCascadesEdges) {
  ASSERT_THAT(Apply(store(), FourColumns()), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges(
                  "p1", {MakeEdge("a.t1.c1", "a.t2.c1"), MakeEdge("a.t1.c2", "a.t2.c2")})),
              IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges("p2", {MakeEdge("a.t2.c1", "a.t2.c2")})), IsOk());

  AnyDelta remove;
  remove.delete_assets = {"a.t2.c1", "no.such.asset"};
  ASSERT_THAT(Apply(store(), remove), IsOk());

  EXPECT_FALSE(store().lineage().GetAsset("a.t2.c1")->has_value());
  EXPECT_THAT(Fqns(*store().lineage().ListAssets()), ElementsAre("a.t1.c1", "a.t1.c2", "a.t2.c2"));
  EXPECT_THAT(Keys(*store().lineage().ListEdges()), ElementsAre(std::make_tuple("p1", "a.t1.c2", "a.t2.c2")));
  EXPECT_THAT(*store().lineage().EdgesOfProvenance("p2"), IsEmpty());
}

TEST_P(LineageStoreContractTest, DeleteThenUpsertInOneDeltaRecreatesWithoutEdges) {
  ASSERT_THAT(Apply(store(), FourColumns()), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t1.c2")})), IsOk());
  AnyDelta delta = UpsertAssets({"a.t1.c1"});
  delta.delete_assets = {"a.t1.c1"};
  ASSERT_THAT(Apply(store(), delta), IsOk());
  EXPECT_TRUE(store().lineage().GetAsset("a.t1.c1")->has_value());
  EXPECT_THAT(*store().lineage().ListEdges(), IsEmpty());
}

TEST_P(LineageStoreContractTest, ReplaceDropsRemovedEdgesAndKeepsOtherProvenances) {
  ASSERT_THAT(Apply(store(), FourColumns()), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges(
                  "manifest:m", {MakeEdge("a.t1.c1", "a.t2.c1"), MakeEdge("a.t1.c2", "a.t2.c2")})),
              IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges("sql:q1", {MakeEdge("a.t1.c1", "a.t1.c2")})), IsOk());

  ASSERT_THAT(Apply(store(), ReplaceEdges(
                  "manifest:m", {MakeEdge("a.t1.c2", "a.t2.c2", EdgeKind::kAggregation, "sum"),
                                 MakeEdge("a.t2.c1", "a.t2.c2")})),
              IsOk());

  EXPECT_THAT(Keys(*store().lineage().ListEdges()),
              ElementsAre(std::make_tuple("manifest:m", "a.t1.c2", "a.t2.c2"),
                          std::make_tuple("manifest:m", "a.t2.c1", "a.t2.c2"),
                          std::make_tuple("sql:q1", "a.t1.c1", "a.t1.c2")));
  std::vector<model::Edge> replaced = *store().lineage().EdgesOfProvenance("manifest:m");
  ASSERT_EQ(replaced.size(), 2u);
  EXPECT_EQ(replaced[0].kind, EdgeKind::kAggregation);
  EXPECT_EQ(replaced[0].transform, "sum");
  EXPECT_EQ(replaced[1].kind, EdgeKind::kUnspecified);
  EXPECT_EQ(replaced[1].transform, "");
}

TEST_P(LineageStoreContractTest, EmptyEdgeSetRemovesProvenance) {
  ASSERT_THAT(Apply(store(), FourColumns()), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t1.c2")})), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges("p", {})), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges("never.seen", {})), IsOk());
  EXPECT_THAT(*store().lineage().ListEdges(), IsEmpty());
  EXPECT_THAT(*store().lineage().EdgesOfProvenance("p"), IsEmpty());
}

TEST_P(LineageStoreContractTest, EdgesOfUnknownProvenanceIsEmpty) {
  Result<std::vector<model::Edge>> edges = store().lineage().EdgesOfProvenance("nobody");
  ASSERT_THAT(edges, IsOk());
  EXPECT_THAT(*edges, IsEmpty());
}

TEST_P(LineageStoreContractTest, SamePairUnderTwoProvenances) {
  ASSERT_THAT(Apply(store(), FourColumns()), IsOk());
  AnyDelta delta = ReplaceEdges("p1", {MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kIdentity)});
  delta.replace_edges.push_back({"p2", {MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kIndirect)}});
  ASSERT_THAT(Apply(store(), delta), IsOk());

  std::vector<model::Edge> edges = *store().lineage().ListEdges();
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(edges[0].provenance, "p1");
  EXPECT_EQ(edges[0].kind, EdgeKind::kIdentity);
  EXPECT_EQ(edges[1].provenance, "p2");
  EXPECT_EQ(edges[1].kind, EdgeKind::kIndirect);

  ASSERT_THAT(Apply(store(), ReplaceEdges("p1", {})), IsOk());
  EXPECT_THAT(Keys(*store().lineage().ListEdges()), ElementsAre(std::make_tuple("p2", "a.t1.c1", "a.t2.c1")));
}

TEST_P(LineageStoreContractTest, DuplicatePairInOneSetLastWins) {
  ASSERT_THAT(Apply(store(), FourColumns()), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges(
                  "p", {MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kIdentity, "first"),
                        MakeEdge("a.t1.c2", "a.t2.c2"),
                        MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kTransformation, "last")})),
              IsOk());
  std::vector<model::Edge> edges = *store().lineage().EdgesOfProvenance("p");
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(edges[0].from, "a.t1.c1");
  EXPECT_EQ(edges[0].kind, EdgeKind::kTransformation);
  EXPECT_EQ(edges[0].transform, "last");
}

TEST_P(LineageStoreContractTest, FirstSeenPreservedOnReplace) {
  ASSERT_THAT(Apply(store(), FourColumns()), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1")})), IsOk());
  const model::Edge before = store().lineage().EdgesOfProvenance("p")->at(0);
  EXPECT_GT(before.first_seen, 0);
  EXPECT_EQ(before.first_seen, before.last_seen);

  ASSERT_THAT(Apply(store(), ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kIdentity),
                                               MakeEdge("a.t1.c2", "a.t2.c2")})),
              IsOk());
  std::vector<model::Edge> after = *store().lineage().EdgesOfProvenance("p");
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].first_seen, before.first_seen);  // persisted pair
  EXPECT_GE(after[0].last_seen, before.last_seen);
  EXPECT_EQ(after[0].kind, EdgeKind::kIdentity);
  EXPECT_EQ(after[1].first_seen, after[1].last_seen);  // new pair
  EXPECT_EQ(after[1].last_seen, after[0].last_seen);   // one Apply, one timestamp
  EXPECT_GE(after[1].first_seen, before.last_seen);
}

TEST_P(LineageStoreContractTest, FirstSeenResetsAfterPairWasRemoved) {
  ASSERT_THAT(Apply(store(), FourColumns()), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1")})), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges("p", {MakeEdge("a.t1.c2", "a.t2.c2")})), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1")})), IsOk());
  const model::Edge edge = store().lineage().EdgesOfProvenance("p")->at(0);
  EXPECT_EQ(edge.first_seen, edge.last_seen);
}

TEST_P(LineageStoreContractTest, EdgesMayUseAssetsUpsertedInTheSameDelta) {
  AnyDelta delta = UpsertAssets({"x.a", "x.b"});
  delta.replace_edges.push_back({"p", {MakeEdge("x.a", "x.b")}});
  ASSERT_THAT(Apply(store(), delta), IsOk());
  EXPECT_THAT(Keys(*store().lineage().ListEdges()), ElementsAre(std::make_tuple("p", "x.a", "x.b")));
}

TEST_P(LineageStoreContractTest, UnknownEndpointRollsBackTheWholeDelta) {
  ASSERT_THAT(Apply(store(), FourColumns()), IsOk());
  ASSERT_THAT(Apply(store(), ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1")})), IsOk());
  const std::vector<model::Asset> assets_before = *store().lineage().ListAssets();
  const std::vector<model::Edge> edges_before = *store().lineage().ListEdges();

  AnyDelta delta = UpsertAssets({"new.asset"});
  delta.upsert_assets.push_back(MakeAsset("a.t1.c1", AssetKind::kFeature));
  delta.delete_assets = {"a.t2.c2"};
  delta.replace_edges.push_back({"p", {MakeEdge("a.t1.c2", "a.t2.c1")}});
  delta.replace_edges.push_back(
      {"q", {MakeEdge("a.t1.c1", "new.asset"), MakeEdge("a.t1.c1", "c.d")}});
  delta.upsert_teams.push_back({"geo", "", {}});
  Status status = Apply(store(), delta);
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "edge a.t1.c1 -> c.d: unknown asset c.d");

  EXPECT_EQ(*store().lineage().ListAssets(), assets_before);
  EXPECT_EQ(*store().lineage().ListEdges(), edges_before);
  EXPECT_THAT(*store().lineage().ListTeams(), IsEmpty());
}

TEST_P(LineageStoreContractTest, UnknownSourceIsNamed) {
  ASSERT_THAT(Apply(store(), FourColumns()), IsOk());
  Status status = Apply(store(), ReplaceEdges("p", {MakeEdge("nope.x", "no.y")}));
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "edge nope.x -> no.y: unknown asset nope.x");
}

TEST_P(LineageStoreContractTest, EdgeToAssetDeletedInTheSameDeltaFails) {
  ASSERT_THAT(Apply(store(), FourColumns()), IsOk());
  AnyDelta delta = ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t1.c2")});
  delta.delete_assets = {"a.t1.c2"};
  Status status = Apply(store(), delta);
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "edge a.t1.c1 -> a.t1.c2: unknown asset a.t1.c2");
  EXPECT_TRUE(store().lineage().GetAsset("a.t1.c2")->has_value());
}

TEST_P(LineageStoreContractTest, TeamsRoundTripAndUpdate) {
  model::Team scoring{"scoring",
                      "B2C scoring",
                      {{"email", {{"address", "scoring@example.com"}}},
                       {"slack", {{"url", "https://hooks.example/T/B/x"}}},
                       {"webhook", {{"url", "https://h.example"}, {"secret", "s3"}}}}};
  model::Team geo{"geo", "", {}};
  AnyDelta delta;
  delta.upsert_teams = {scoring, geo};
  ASSERT_THAT(Apply(store(), delta), IsOk());
  EXPECT_THAT(*store().lineage().ListTeams(), ElementsAre(geo, scoring));

  scoring.description = "new";
  scoring.contacts.pop_back();
  delta.upsert_teams = {scoring};
  ASSERT_THAT(Apply(store(), delta), IsOk());
  EXPECT_THAT(*store().lineage().ListTeams(), ElementsAre(geo, scoring));
}

TEST_P(LineageStoreContractTest, ListEdgesIsOrderedByProvenanceFromTo) {
  ASSERT_THAT(Apply(store(), UpsertAssets({"z", "b", "a"})), IsOk());
  AnyDelta delta =
      ReplaceEdges("q", {MakeEdge("z", "a"), MakeEdge("b", "z"), MakeEdge("b", "a")});
  delta.replace_edges.push_back({"p", {MakeEdge("z", "b"), MakeEdge("a", "z")}});
  ASSERT_THAT(Apply(store(), delta), IsOk());
  EXPECT_THAT(Keys(*store().lineage().ListEdges()),
              ElementsAre(std::make_tuple("p", "a", "z"), std::make_tuple("p", "z", "b"),
                          std::make_tuple("q", "b", "a"), std::make_tuple("q", "b", "z"),
                          std::make_tuple("q", "z", "a")));
  EXPECT_THAT(Keys(*store().lineage().EdgesOfProvenance("q")),
              ElementsAre(std::make_tuple("q", "b", "a"), std::make_tuple("q", "b", "z"),
                          std::make_tuple("q", "z", "a")));
}

// Records what Load() reports, resolving keys to names.
class RecordingVisitor : public LoadVisitor {
 public:
  void OnProvenance(int64_t key, std::string_view provenance) override {
    phases.push_back(0);
    EXPECT_TRUE(provenances.emplace(key, std::string(provenance)).second);
  }
  void OnAsset(int64_t key, const model::Asset& asset) override {
    phases.push_back(1);
    EXPECT_TRUE(assets.emplace(key, asset).second);
  }
  void OnEdge(int64_t from_key, int64_t to_key, int64_t provenance_key,
              model::EdgeKind kind) override {
    phases.push_back(2);
    edges.emplace_back(provenances.at(provenance_key), assets.at(from_key).fqn,
                       assets.at(to_key).fqn, kind);
  }
  void OnTeam(const model::Team& team) override {
    phases.push_back(3);
    teams.push_back(team);
  }
  void OnUser(const model::User& user) override {
    phases.push_back(4);
    users.push_back(user);
  }

  std::vector<int> phases;
  std::map<int64_t, std::string> provenances;
  std::map<int64_t, model::Asset> assets;
  std::vector<std::tuple<std::string, std::string, std::string, model::EdgeKind>> edges;
  std::vector<model::Team> teams;
  std::vector<model::User> users;
};

TEST_P(LineageStoreContractTest, LoadVisitsExactKeysAndEdges) {
  model::Asset column = MakeAsset("h.db.t.c", AssetKind::kColumn);
  column.description = "not loaded";
  column.domain = "geo";
  column.owners = {"team:geo"};
  column.tags = {"not loaded"};
  column.properties = {{"not", "loaded"}};
  column.data_type = "bigint";
  AnyDelta delta;
  delta.upsert_assets = {MakeAsset("h.db.t"), column, MakeAsset("m.f", AssetKind::kFeature)};
  delta.replace_edges = {{"p1", {MakeEdge("h.db.t.c", "m.f", EdgeKind::kAggregation)}},
                         {"p2", {MakeEdge("h.db.t", "m.f"), MakeEdge("h.db.t.c", "m.f")}}};
  delta.upsert_teams = {{"geo", "d", {{"email", {{"address", "g@x"}}}}}};
  ASSERT_THAT(Apply(store(), delta), IsOk());

  RecordingVisitor visitor;
  ASSERT_THAT(store().lineage().Load(visitor), IsOk());
  EXPECT_TRUE(std::is_sorted(visitor.phases.begin(), visitor.phases.end()));
  std::vector<std::string> provenances;
  for (const auto& [key, name] : visitor.provenances) provenances.push_back(name);
  EXPECT_THAT(provenances, UnorderedElementsAre("p1", "p2"));
  std::map<std::string, model::Asset> by_fqn;
  for (const auto& [key, asset] : visitor.assets) by_fqn.emplace(asset.fqn, asset);
  ASSERT_EQ(by_fqn.size(), 3u);
  model::Asset loaded = column;
  loaded.description.clear();
  loaded.tags.clear();
  loaded.properties.clear();
  EXPECT_EQ(by_fqn.at("h.db.t.c"), loaded);
  EXPECT_EQ(by_fqn.at("m.f").kind, AssetKind::kFeature);
  EXPECT_THAT(by_fqn.at("h.db.t").owners, IsEmpty());
  EXPECT_THAT(visitor.edges, UnorderedElementsAre(
                                 std::make_tuple("p1", "h.db.t.c", "m.f", EdgeKind::kAggregation),
                                 std::make_tuple("p2", "h.db.t", "m.f", EdgeKind::kUnspecified),
                                 std::make_tuple("p2", "h.db.t.c", "m.f", EdgeKind::kUnspecified)));
  EXPECT_THAT(visitor.teams, ElementsAre(delta.upsert_teams[0]));
}

TEST_P(LineageStoreContractTest, UsersRoundTripAndUpdateBesideTeams) {
  model::User jdoe{"jdoe",
                   "Jane Doe",
                   {{"email", {{"address", "jdoe@example.com"}}},
                    {"webhook", {{"url", "https://h.example/jdoe"}, {"secret", "s3"}}}}};
  model::User ann{"ann", "", {}};
  AnyDelta delta;
  delta.upsert_users = {jdoe, ann};
  delta.upsert_teams = {{"jdoe", "a team of the same name", {}}};
  ASSERT_THAT(Apply(store(), delta), IsOk());
  EXPECT_THAT(*store().lineage().ListUsers(), ElementsAre(ann, jdoe));
  EXPECT_THAT(*store().lineage().ListTeams(), ElementsAre(delta.upsert_teams[0]));

  jdoe.description = "J. Doe";
  jdoe.contacts.pop_back();
  delta = AnyDelta();
  delta.upsert_users = {jdoe};
  ASSERT_THAT(Apply(store(), delta), IsOk());
  EXPECT_THAT(*store().lineage().ListUsers(), ElementsAre(ann, jdoe));

  RecordingVisitor visitor;
  ASSERT_THAT(store().lineage().Load(visitor), IsOk());
  EXPECT_THAT(visitor.users, ElementsAre(ann, jdoe));
  Reopen();
  EXPECT_THAT(*store().lineage().ListUsers(), ElementsAre(ann, jdoe));
}

TEST_P(LineageStoreContractTest, PersistsAcrossReopen) {
  AnyDelta delta = FourColumns();
  delta.upsert_assets[0].owners = {"team:a"};
  delta.replace_edges = {{"p", {MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kIdentity, "x")}}};
  delta.upsert_teams = {{"a", "team a", {}}};
  ASSERT_THAT(Apply(store(), delta), IsOk());
  const std::vector<model::Asset> assets = *store().lineage().ListAssets();
  const std::vector<model::Edge> edges = *store().lineage().ListEdges();

  Reopen();
  EXPECT_EQ(*store().lineage().ListAssets(), assets);
  EXPECT_EQ(*store().lineage().ListEdges(), edges);
  EXPECT_THAT(*store().lineage().ListTeams(), ElementsAre(delta.upsert_teams[0]));
  // Reopened stores keep writing where they left off.
  ASSERT_THAT(Apply(store(), ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1")})), IsOk());
  EXPECT_EQ(store().lineage().EdgesOfProvenance("p")->at(0).first_seen, edges[0].first_seen);
}

TEST_P(LineageStoreContractTest, ConcurrentWritersAndReaders) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string fqn = "t" + std::to_string(t) + ".a" + std::to_string(i);
        EXPECT_THAT(Apply(store(), UpsertAssets({fqn})), IsOk());
        EXPECT_THAT(store().lineage().GetAsset(fqn), IsOk());
        EXPECT_THAT(store().lineage().ListAssets(), IsOk());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(store().lineage().ListAssets()->size(), static_cast<size_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace linea::store
