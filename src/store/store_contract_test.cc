#include "store/store_contract_test.h"

#include <gmock/gmock.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <thread>
#include <tuple>

#include "tests/testing/status_matchers.h"

namespace linea::store {
namespace {

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

model::Delta UpsertAssets(std::initializer_list<std::string> fqns) {
  model::Delta delta;
  for (const std::string& fqn : fqns) delta.upsert_assets.push_back(MakeAsset(fqn));
  return delta;
}

model::Delta ReplaceEdges(std::string provenance, std::vector<model::Edge> edges) {
  model::Delta delta;
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
model::Delta FourColumns() { return UpsertAssets({"a.t1.c1", "a.t1.c2", "a.t2.c1", "a.t2.c2"}); }

TEST_P(StoreContractTest, EmptyStoreHasNothing) {
  EXPECT_THAT(store().ListAssets(), IsOk());
  EXPECT_THAT(*store().ListAssets(), IsEmpty());
  EXPECT_THAT(*store().ListEdges(), IsEmpty());
  EXPECT_THAT(*store().ListTeams(), IsEmpty());
  EXPECT_THAT(store().Apply(model::Delta()), IsOk());
  EXPECT_GE(store().schema_version(), 1);
}

TEST_P(StoreContractTest, UpsertAndGetRoundTripEveryField) {
  model::Asset asset = MakeAsset("hive.geo.\"moves v1\".cell_id", AssetKind::kColumn);
  asset.description = "cell where the move ended — UTF-8 ✓, quotes \" and 'single'";
  asset.domain = "geo";
  asset.owners = {"team:geo", "user:ann"};
  asset.tags = {"pii", "mart"};
  asset.properties = {{"layer", "mart"}, {"json", "{\"x\": [1]}"}, {"empty", ""}};
  asset.data_type = "string";
  model::Delta delta;
  delta.upsert_assets.push_back(asset);
  ASSERT_THAT(store().Apply(delta), IsOk());

  Result<std::optional<model::Asset>> got = store().GetAsset(asset.fqn);
  ASSERT_THAT(got, IsOk());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(**got, asset);
  EXPECT_THAT(*store().ListAssets(), ElementsAre(asset));
}

TEST_P(StoreContractTest, GetUnknownAssetIsNullopt) {
  ASSERT_THAT(store().Apply(UpsertAssets({"a.b"})), IsOk());
  Result<std::optional<model::Asset>> got = store().GetAsset("a.c");
  ASSERT_THAT(got, IsOk());
  EXPECT_FALSE(got->has_value());
}

TEST_P(StoreContractTest, UpsertReplacesAllAttributes) {
  model::Asset full = MakeAsset("svc.m", AssetKind::kModel);
  full.description = "old";
  full.domain = "scoring";
  full.owners = {"team:scoring"};
  full.tags = {"x"};
  full.properties = {{"version", "1"}};
  full.data_type = "t";
  model::Delta first;
  first.upsert_assets.push_back(full);
  ASSERT_THAT(store().Apply(first), IsOk());

  model::Asset bare = MakeAsset("svc.m", AssetKind::kDashboard);
  bare.properties = {{"version", "2"}};
  model::Delta second;
  second.upsert_assets.push_back(bare);
  ASSERT_THAT(store().Apply(second), IsOk());

  EXPECT_EQ(**store().GetAsset("svc.m"), bare);
  EXPECT_THAT(Fqns(*store().ListAssets()), ElementsAre("svc.m"));
}

TEST_P(StoreContractTest, ListAssetsIsOrderedByFqn) {
  ASSERT_THAT(store().Apply(UpsertAssets({"b", "a.z", "a", "B", "a.b"})), IsOk());
  EXPECT_THAT(Fqns(*store().ListAssets()), ElementsAre("B", "a", "a.b", "a.z", "b"));
}

TEST_P(StoreContractTest, DeleteAssetCascadesEdges) {
  ASSERT_THAT(store().Apply(FourColumns()), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges(
                  "p1", {MakeEdge("a.t1.c1", "a.t2.c1"), MakeEdge("a.t1.c2", "a.t2.c2")})),
              IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges("p2", {MakeEdge("a.t2.c1", "a.t2.c2")})), IsOk());

  model::Delta remove;
  remove.delete_assets = {"a.t2.c1", "no.such.asset"};
  ASSERT_THAT(store().Apply(remove), IsOk());

  EXPECT_FALSE(store().GetAsset("a.t2.c1")->has_value());
  EXPECT_THAT(Fqns(*store().ListAssets()), ElementsAre("a.t1.c1", "a.t1.c2", "a.t2.c2"));
  EXPECT_THAT(Keys(*store().ListEdges()), ElementsAre(std::make_tuple("p1", "a.t1.c2", "a.t2.c2")));
  EXPECT_THAT(*store().EdgesOfProvenance("p2"), IsEmpty());
}

TEST_P(StoreContractTest, DeleteThenUpsertInOneDeltaRecreatesWithoutEdges) {
  ASSERT_THAT(store().Apply(FourColumns()), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t1.c2")})), IsOk());
  model::Delta delta = UpsertAssets({"a.t1.c1"});
  delta.delete_assets = {"a.t1.c1"};
  ASSERT_THAT(store().Apply(delta), IsOk());
  EXPECT_TRUE(store().GetAsset("a.t1.c1")->has_value());
  EXPECT_THAT(*store().ListEdges(), IsEmpty());
}

TEST_P(StoreContractTest, ReplaceDropsRemovedEdgesAndKeepsOtherProvenances) {
  ASSERT_THAT(store().Apply(FourColumns()), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges(
                  "manifest:m", {MakeEdge("a.t1.c1", "a.t2.c1"), MakeEdge("a.t1.c2", "a.t2.c2")})),
              IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges("sql:q1", {MakeEdge("a.t1.c1", "a.t1.c2")})), IsOk());

  ASSERT_THAT(store().Apply(ReplaceEdges(
                  "manifest:m", {MakeEdge("a.t1.c2", "a.t2.c2", EdgeKind::kAggregation, "sum"),
                                 MakeEdge("a.t2.c1", "a.t2.c2")})),
              IsOk());

  EXPECT_THAT(Keys(*store().ListEdges()),
              ElementsAre(std::make_tuple("manifest:m", "a.t1.c2", "a.t2.c2"),
                          std::make_tuple("manifest:m", "a.t2.c1", "a.t2.c2"),
                          std::make_tuple("sql:q1", "a.t1.c1", "a.t1.c2")));
  std::vector<model::Edge> replaced = *store().EdgesOfProvenance("manifest:m");
  ASSERT_EQ(replaced.size(), 2u);
  EXPECT_EQ(replaced[0].kind, EdgeKind::kAggregation);
  EXPECT_EQ(replaced[0].transform, "sum");
  EXPECT_EQ(replaced[1].kind, EdgeKind::kUnspecified);
  EXPECT_EQ(replaced[1].transform, "");
}

TEST_P(StoreContractTest, EmptyEdgeSetRemovesProvenance) {
  ASSERT_THAT(store().Apply(FourColumns()), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t1.c2")})), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges("p", {})), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges("never.seen", {})), IsOk());
  EXPECT_THAT(*store().ListEdges(), IsEmpty());
  EXPECT_THAT(*store().EdgesOfProvenance("p"), IsEmpty());
}

TEST_P(StoreContractTest, EdgesOfUnknownProvenanceIsEmpty) {
  Result<std::vector<model::Edge>> edges = store().EdgesOfProvenance("nobody");
  ASSERT_THAT(edges, IsOk());
  EXPECT_THAT(*edges, IsEmpty());
}

TEST_P(StoreContractTest, SamePairUnderTwoProvenances) {
  ASSERT_THAT(store().Apply(FourColumns()), IsOk());
  model::Delta delta = ReplaceEdges("p1", {MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kIdentity)});
  delta.replace_edges.push_back({"p2", {MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kIndirect)}});
  ASSERT_THAT(store().Apply(delta), IsOk());

  std::vector<model::Edge> edges = *store().ListEdges();
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(edges[0].provenance, "p1");
  EXPECT_EQ(edges[0].kind, EdgeKind::kIdentity);
  EXPECT_EQ(edges[1].provenance, "p2");
  EXPECT_EQ(edges[1].kind, EdgeKind::kIndirect);

  ASSERT_THAT(store().Apply(ReplaceEdges("p1", {})), IsOk());
  EXPECT_THAT(Keys(*store().ListEdges()), ElementsAre(std::make_tuple("p2", "a.t1.c1", "a.t2.c1")));
}

TEST_P(StoreContractTest, DuplicatePairInOneSetLastWins) {
  ASSERT_THAT(store().Apply(FourColumns()), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges(
                  "p", {MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kIdentity, "first"),
                        MakeEdge("a.t1.c2", "a.t2.c2"),
                        MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kTransformation, "last")})),
              IsOk());
  std::vector<model::Edge> edges = *store().EdgesOfProvenance("p");
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(edges[0].from, "a.t1.c1");
  EXPECT_EQ(edges[0].kind, EdgeKind::kTransformation);
  EXPECT_EQ(edges[0].transform, "last");
}

TEST_P(StoreContractTest, FirstSeenPreservedOnReplace) {
  ASSERT_THAT(store().Apply(FourColumns()), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1")})), IsOk());
  const model::Edge before = store().EdgesOfProvenance("p")->at(0);
  EXPECT_GT(before.first_seen, 0);
  EXPECT_EQ(before.first_seen, before.last_seen);

  ASSERT_THAT(store().Apply(ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kIdentity),
                                               MakeEdge("a.t1.c2", "a.t2.c2")})),
              IsOk());
  std::vector<model::Edge> after = *store().EdgesOfProvenance("p");
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].first_seen, before.first_seen);  // persisted pair
  EXPECT_GE(after[0].last_seen, before.last_seen);
  EXPECT_EQ(after[0].kind, EdgeKind::kIdentity);
  EXPECT_EQ(after[1].first_seen, after[1].last_seen);  // new pair
  EXPECT_EQ(after[1].last_seen, after[0].last_seen);   // one Apply, one timestamp
  EXPECT_GE(after[1].first_seen, before.last_seen);
}

TEST_P(StoreContractTest, FirstSeenResetsAfterPairWasRemoved) {
  ASSERT_THAT(store().Apply(FourColumns()), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1")})), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges("p", {MakeEdge("a.t1.c2", "a.t2.c2")})), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1")})), IsOk());
  const model::Edge edge = store().EdgesOfProvenance("p")->at(0);
  EXPECT_EQ(edge.first_seen, edge.last_seen);
}

TEST_P(StoreContractTest, EdgesMayUseAssetsUpsertedInTheSameDelta) {
  model::Delta delta = UpsertAssets({"x.a", "x.b"});
  delta.replace_edges.push_back({"p", {MakeEdge("x.a", "x.b")}});
  ASSERT_THAT(store().Apply(delta), IsOk());
  EXPECT_THAT(Keys(*store().ListEdges()), ElementsAre(std::make_tuple("p", "x.a", "x.b")));
}

TEST_P(StoreContractTest, UnknownEndpointRollsBackTheWholeDelta) {
  ASSERT_THAT(store().Apply(FourColumns()), IsOk());
  ASSERT_THAT(store().Apply(ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1")})), IsOk());
  const std::vector<model::Asset> assets_before = *store().ListAssets();
  const std::vector<model::Edge> edges_before = *store().ListEdges();

  model::Delta delta = UpsertAssets({"new.asset"});
  delta.upsert_assets.push_back(MakeAsset("a.t1.c1", AssetKind::kFeature));
  delta.delete_assets = {"a.t2.c2"};
  delta.replace_edges.push_back({"p", {MakeEdge("a.t1.c2", "a.t2.c1")}});
  delta.replace_edges.push_back(
      {"q", {MakeEdge("a.t1.c1", "new.asset"), MakeEdge("a.t1.c1", "c.d")}});
  delta.upsert_teams.push_back({"geo", "", {}});
  Status status = store().Apply(delta);
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "edge a.t1.c1 -> c.d: unknown asset c.d");

  EXPECT_EQ(*store().ListAssets(), assets_before);
  EXPECT_EQ(*store().ListEdges(), edges_before);
  EXPECT_THAT(*store().ListTeams(), IsEmpty());
}

TEST_P(StoreContractTest, UnknownSourceIsNamed) {
  ASSERT_THAT(store().Apply(FourColumns()), IsOk());
  Status status = store().Apply(ReplaceEdges("p", {MakeEdge("nope.x", "no.y")}));
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "edge nope.x -> no.y: unknown asset nope.x");
}

TEST_P(StoreContractTest, EdgeToAssetDeletedInTheSameDeltaFails) {
  ASSERT_THAT(store().Apply(FourColumns()), IsOk());
  model::Delta delta = ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t1.c2")});
  delta.delete_assets = {"a.t1.c2"};
  Status status = store().Apply(delta);
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "edge a.t1.c1 -> a.t1.c2: unknown asset a.t1.c2");
  EXPECT_TRUE(store().GetAsset("a.t1.c2")->has_value());
}

TEST_P(StoreContractTest, TeamsRoundTripAndUpdate) {
  model::Team scoring{"scoring",
                      "B2C scoring",
                      {{"email", {{"address", "scoring@example.com"}}},
                       {"slack", {{"url", "https://hooks.example/T/B/x"}}},
                       {"webhook", {{"url", "https://h.example"}, {"secret", "s3"}}}}};
  model::Team geo{"geo", "", {}};
  model::Delta delta;
  delta.upsert_teams = {scoring, geo};
  ASSERT_THAT(store().Apply(delta), IsOk());
  EXPECT_THAT(*store().ListTeams(), ElementsAre(geo, scoring));

  scoring.description = "new";
  scoring.contacts.pop_back();
  delta.upsert_teams = {scoring};
  ASSERT_THAT(store().Apply(delta), IsOk());
  EXPECT_THAT(*store().ListTeams(), ElementsAre(geo, scoring));
}

TEST_P(StoreContractTest, ListEdgesIsOrderedByProvenanceFromTo) {
  ASSERT_THAT(store().Apply(UpsertAssets({"z", "b", "a"})), IsOk());
  model::Delta delta =
      ReplaceEdges("q", {MakeEdge("z", "a"), MakeEdge("b", "z"), MakeEdge("b", "a")});
  delta.replace_edges.push_back({"p", {MakeEdge("z", "b"), MakeEdge("a", "z")}});
  ASSERT_THAT(store().Apply(delta), IsOk());
  EXPECT_THAT(Keys(*store().ListEdges()),
              ElementsAre(std::make_tuple("p", "a", "z"), std::make_tuple("p", "z", "b"),
                          std::make_tuple("q", "b", "a"), std::make_tuple("q", "b", "z"),
                          std::make_tuple("q", "z", "a")));
  EXPECT_THAT(Keys(*store().EdgesOfProvenance("q")),
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

  std::vector<int> phases;
  std::map<int64_t, std::string> provenances;
  std::map<int64_t, model::Asset> assets;
  std::vector<std::tuple<std::string, std::string, std::string, model::EdgeKind>> edges;
  std::vector<model::Team> teams;
};

TEST_P(StoreContractTest, LoadVisitsExactKeysAndEdges) {
  model::Asset column = MakeAsset("h.db.t.c", AssetKind::kColumn);
  column.description = "not loaded";
  column.domain = "geo";
  column.owners = {"team:geo"};
  column.tags = {"not loaded"};
  column.properties = {{"not", "loaded"}};
  column.data_type = "bigint";
  model::Delta delta;
  delta.upsert_assets = {MakeAsset("h.db.t"), column, MakeAsset("m.f", AssetKind::kFeature)};
  delta.replace_edges = {{"p1", {MakeEdge("h.db.t.c", "m.f", EdgeKind::kAggregation)}},
                         {"p2", {MakeEdge("h.db.t", "m.f"), MakeEdge("h.db.t.c", "m.f")}}};
  delta.upsert_teams = {{"geo", "d", {{"email", {{"address", "g@x"}}}}}};
  ASSERT_THAT(store().Apply(delta), IsOk());

  RecordingVisitor visitor;
  ASSERT_THAT(store().Load(visitor), IsOk());
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

TEST_P(StoreContractTest, PersistsAcrossReopen) {
  model::Delta delta = FourColumns();
  delta.upsert_assets[0].owners = {"team:a"};
  delta.replace_edges = {{"p", {MakeEdge("a.t1.c1", "a.t2.c1", EdgeKind::kIdentity, "x")}}};
  delta.upsert_teams = {{"a", "team a", {}}};
  ASSERT_THAT(store().Apply(delta), IsOk());
  const std::vector<model::Asset> assets = *store().ListAssets();
  const std::vector<model::Edge> edges = *store().ListEdges();

  Reopen();
  EXPECT_EQ(*store().ListAssets(), assets);
  EXPECT_EQ(*store().ListEdges(), edges);
  EXPECT_THAT(*store().ListTeams(), ElementsAre(delta.upsert_teams[0]));
  // Reopened stores keep writing where they left off.
  ASSERT_THAT(store().Apply(ReplaceEdges("p", {MakeEdge("a.t1.c1", "a.t2.c1")})), IsOk());
  EXPECT_EQ(store().EdgesOfProvenance("p")->at(0).first_seen, edges[0].first_seen);
}

TEST_P(StoreContractTest, ConcurrentWritersAndReaders) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string fqn = "t" + std::to_string(t) + ".a" + std::to_string(i);
        EXPECT_THAT(store().Apply(UpsertAssets({fqn})), IsOk());
        EXPECT_THAT(store().GetAsset(fqn), IsOk());
        EXPECT_THAT(store().ListAssets(), IsOk());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(store().ListAssets()->size(), static_cast<size_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace linea::store
