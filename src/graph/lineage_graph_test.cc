#include "graph/lineage_graph.h"

#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/testing/test_mesh.h"

namespace linea::graph {
namespace {

using ::testing::ElementsAre;
using testing::MakeAsset;
using testing::MakeEdge;
using testing::SmallMesh;

std::vector<std::string> Downstream(const LineageGraph& g, std::string_view fqn) {
  std::vector<std::string> out;
  for (const Adjacent& a : g.downstream(*g.Find(fqn))) out.emplace_back(g.fqn(a.node));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(LineageGraphTest, UsersAreUpsertedBesideTeamsOfTheSameName) {
  LineageGraph g;
  g.ApplyDelta(SmallMesh());
  model::Delta d;
  d.upsert_users.push_back({"ds", "a person", {{"email", {{"address", "p@example.com"}}}}});
  d.upsert_users.push_back({"ann", "", {}});
  g.ApplyDelta(d);
  ASSERT_NE(g.FindUser("ds"), nullptr);
  EXPECT_EQ(g.FindUser("ds")->description, "a person");
  EXPECT_EQ(g.FindTeam("ds")->description, "data science");  // the team is untouched
  EXPECT_EQ(g.FindUser("nobody"), nullptr);
  std::vector<std::string> names;
  for (const auto& [name, user] : g.users()) names.push_back(name);
  EXPECT_THAT(names, ElementsAre("ann", "ds"));
  d.upsert_users = {{"ann", "Ann", {}}};
  g.ApplyDelta(d);
  EXPECT_EQ(g.FindUser("ann")->description, "Ann");
  EXPECT_EQ(g.users().size(), 2u);
}

TEST(LineageGraphTest, InternsAssetsAndContainment) {
  LineageGraph g;
  g.ApplyDelta(SmallMesh());
  EXPECT_EQ(g.asset_count(), 19u);
  EXPECT_EQ(g.link_count(), 9u);
  AssetId b = *g.Find("hive.mart.b");
  EXPECT_EQ(g.name(b), "b");
  EXPECT_EQ(g.fqn(g.parent(b)), "hive");
  std::vector<std::string> kids;
  for (AssetId c : g.children(b)) kids.emplace_back(g.fqn(c));
  EXPECT_THAT(kids, ElementsAre("hive.mart.b.p", "hive.mart.b.q"));
  EXPECT_FALSE(g.Find("hive.mart").has_value());
}

TEST(LineageGraphTest, OwnersAndDomainInheritFromParent) {
  LineageGraph g;
  g.ApplyDelta(SmallMesh());
  AssetId p = *g.Find("hive.mart.b.p");
  EXPECT_TRUE(g.owners(p).empty());
  EXPECT_THAT(g.EffectiveOwners(p), ElementsAre("team:data"));
  EXPECT_EQ(g.EffectiveDomain(p), "geo");
  EXPECT_EQ(g.EffectiveDomain(*g.Find("seldon.m_prod")), "");
}

TEST(LineageGraphTest, ReplaceByProvenanceDropsOnlyThatProvenance) {
  LineageGraph g;
  g.ApplyDelta(SmallMesh());
  model::Delta second;
  // A second witness for b.p → m.f1, then manifest:mlflow.m drops it.
  second.replace_edges.push_back({"openlineage:job", {MakeEdge("hive.mart.b.p", "mlflow.m.f1")}});
  g.ApplyDelta(second);
  LinkId link = *g.FindLink(*g.Find("hive.mart.b.p"), *g.Find("mlflow.m.f1"));
  EXPECT_THAT(g.Witnesses(link), ElementsAre("manifest:mlflow.m", "openlineage:job"));

  model::Delta edit;
  edit.replace_edges.push_back({"manifest:mlflow.m", {MakeEdge("hive.mart.b.q", "mlflow.m.f2")}});
  g.ApplyDelta(edit);
  EXPECT_EQ(g.link_count(), 8u);  // m → m_prod gone; b.p → f1 survives through openlineage:job
  link = *g.FindLink(*g.Find("hive.mart.b.p"), *g.Find("mlflow.m.f1"));
  EXPECT_THAT(g.Witnesses(link), ElementsAre("openlineage:job"));
  EXPECT_FALSE(g.FindLink(*g.Find("mlflow.m"), *g.Find("seldon.m_prod")).has_value());
  EXPECT_THAT(Downstream(g, "hive.mart.b.p"), ElementsAre("hive.mart.c.r", "mlflow.m.f1"));
}

TEST(LineageGraphTest, ReapplyingSameDeltaChangesNothing) {
  LineageGraph g;
  g.ApplyDelta(SmallMesh());
  g.ApplyDelta(SmallMesh());
  EXPECT_EQ(g.asset_count(), 19u);
  EXPECT_EQ(g.link_count(), 9u);
  EXPECT_THAT(Downstream(g, "hive.mart.b.q"), ElementsAre("hive.raw.a.y", "mlflow.m.f2"));
}

TEST(LineageGraphTest, DeleteRemovesAssetChildrenAndLinks) {
  LineageGraph g;
  g.ApplyDelta(SmallMesh());
  model::Delta del;
  del.delete_assets = {"hive.mart.c", "hive.mart.c.r"};
  g.ApplyDelta(del);
  EXPECT_FALSE(g.Find("hive.mart.c").has_value());
  EXPECT_FALSE(g.Find("hive.mart.c.r").has_value());
  EXPECT_EQ(g.asset_count(), 17u);
  EXPECT_EQ(g.link_count(), 6u);
  EXPECT_THAT(Downstream(g, "hive.mart.b.p"), ElementsAre("mlflow.m.f1"));
  EXPECT_TRUE(g.upstream(*g.Find("qlik.d")).empty());
  // Re-creating it gives a fresh asset without the old links.
  model::Delta again;
  again.upsert_assets.push_back(MakeAsset("hive.mart.c", model::AssetKind::kTable));
  g.ApplyDelta(again);
  EXPECT_TRUE(g.downstream(*g.Find("hive.mart.c")).empty());
}

TEST(LineageGraphTest, BulkLoadMatchesIncrementalBuild) {
  LineageGraph inc;
  inc.ApplyDelta(SmallMesh());
  LineageGraph bulk;
  model::Delta d = SmallMesh();
  for (auto it = d.upsert_assets.rbegin(); it != d.upsert_assets.rend(); ++it) bulk.LoadAsset(*it);
  for (const auto& set : d.replace_edges) {
    ProvenanceId p = bulk.InternProvenance(set.provenance);
    for (const auto& e : set.edges) bulk.LoadLink(*bulk.Find(e.from), *bulk.Find(e.to), p, e.kind);
  }
  bulk.FinishLoad();
  EXPECT_EQ(bulk.link_count(), inc.link_count());
  EXPECT_EQ(Downstream(bulk, "hive.mart.b.p"), Downstream(inc, "hive.mart.b.p"));
  EXPECT_EQ(bulk.fqn(bulk.parent(*bulk.Find("mlflow.m.f1"))), "mlflow.m");
}

}  // namespace
}  // namespace linea::graph
