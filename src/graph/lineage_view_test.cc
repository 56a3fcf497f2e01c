#include "graph/lineage_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/testing/test_mesh.h"

namespace linea::graph {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> NodeFqns(const LineageView& v) {
  std::vector<std::string> out;
  for (const ViewNode& n : v.nodes) out.push_back(n.fqn);
  return out;
}

std::vector<std::string> EdgeText(const LineageView& v) {
  std::vector<std::string> out;
  for (const ViewEdge& e : v.edges) out.push_back(e.from + " -> " + e.to);
  return out;
}

class LineageViewTest : public ::testing::Test {
 protected:
  void SetUp() override { g_.ApplyDelta(testing::SmallMesh()); }
  LineageGraph g_;
};

TEST_F(LineageViewTest, TableLevelLiftsColumnsAndFoldsLinks) {
  LineageViewOptions options;
  options.upstream = false;
  LineageView v = ComputeLineageView(g_, *g_.Find("hive.mart.b"), options);
  // b's columns reach c.r and (through the cycle) a.y at distance 2.
  EXPECT_THAT(NodeFqns(v), ElementsAre("hive.mart.b", "hive.mart.c", "hive.raw.a", "mlflow.m",
                                       "mlflow.n", "qlik.d", "seldon.m_prod"));
  EXPECT_THAT(EdgeText(v), ElementsAre("hive.mart.b -> hive.mart.c", "hive.mart.b -> hive.raw.a",
                                       "hive.mart.b -> mlflow.m", "hive.mart.c -> mlflow.n",
                                       "hive.mart.c -> qlik.d", "hive.raw.a -> hive.mart.b",
                                       "mlflow.m -> seldon.m_prod"));
  EXPECT_EQ(v.edges[2].provenance, std::vector<std::string>{"manifest:mlflow.m"});
}

TEST_F(LineageViewTest, ColumnLevelUpstreamWithDepth) {
  LineageViewOptions options;
  options.downstream = false;
  options.columns = true;
  options.max_depth = 2;
  LineageView v = ComputeLineageView(g_, *g_.Find("mlflow.m.f1"), options);
  EXPECT_THAT(NodeFqns(v), ElementsAre("mlflow.m.f1", "hive.mart.b.p", "hive.mart.b",
                                       "hive.raw.a.x"));
  EXPECT_THAT(EdgeText(v), ElementsAre("hive.mart.b.p -> mlflow.m.f1",
                                       "hive.raw.a.x -> hive.mart.b.p"));
  EXPECT_FALSE(v.truncated);
}


LineageViewOptions Downstream(uint32_t depth) {
  LineageViewOptions options;
  options.upstream = false;
  options.max_depth = depth;
  return options;
}

const ViewNode& NodeOf(const LineageView& v, const std::string& fqn) {
  for (const ViewNode& n : v.nodes) {
    if (n.fqn == fqn) return n;
  }
  ADD_FAILURE() << fqn << " is not in the view";
  return v.nodes.front();
}

TEST_F(LineageViewTest, DepthCountsTableHopsNotColumnHops) {
  LineageView one = ComputeLineageView(g_, *g_.Find("hive.raw.a"), Downstream(1));
  EXPECT_THAT(NodeFqns(one), ElementsAre("hive.raw.a", "hive.mart.b"));
  // What expanding would add: b's readers c and m (a is shown already).
  EXPECT_EQ(NodeOf(one, "hive.mart.b").hidden_downstream, 2u);
  EXPECT_EQ(NodeOf(one, "hive.mart.b").hidden_upstream, 0u);
  EXPECT_EQ(NodeOf(one, "hive.mart.b").team, "team:data");
  LineageView two = ComputeLineageView(g_, *g_.Find("hive.raw.a"), Downstream(2));
  EXPECT_THAT(NodeFqns(two), ElementsAre("hive.raw.a", "hive.mart.b", "hive.mart.c", "mlflow.m"));
  EXPECT_EQ(NodeOf(two, "mlflow.m").distance, 2u);
}

TEST_F(LineageViewTest, UpstreamAndDownstreamDepthsDiffer) {
  LineageViewOptions options;
  options.max_depth = 0;
  options.max_upstream_depth = 1;
  LineageView v = ComputeLineageView(g_, *g_.Find("mlflow.n"), options);
  EXPECT_THAT(NodeFqns(v), ElementsAre("mlflow.n", "hive.mart.c"));
  EXPECT_THAT(EdgeText(v), ElementsAre("hive.mart.c -> mlflow.n"));
  EXPECT_EQ(NodeOf(v, "hive.mart.c").hidden_upstream, 1u);    // b
  EXPECT_EQ(NodeOf(v, "hive.mart.c").hidden_downstream, 1u);  // qlik.d
}

TEST_F(LineageViewTest, ExpandShowsANodesNeighboursBeyondTheDepth) {
  LineageViewOptions options = Downstream(1);
  options.expand_downstream = {"hive.mart.b", "hive.no_such.table"};
  LineageView v = ComputeLineageView(g_, *g_.Find("hive.raw.a"), options);
  EXPECT_THAT(NodeFqns(v), ElementsAre("hive.raw.a", "hive.mart.b", "hive.mart.c", "mlflow.m"));
  EXPECT_EQ(NodeOf(v, "hive.mart.b").hidden_downstream, 0u);
  EXPECT_EQ(NodeOf(v, "hive.mart.c").hidden_downstream, 2u);  // n and d stay hidden
  // Sideways: expanding an upstream node downstream shows its other readers.
  LineageViewOptions side;
  side.downstream = false;
  side.max_upstream_depth = 1;
  side.max_depth = 0;
  side.expand_downstream = {"hive.mart.c"};
  LineageView s = ComputeLineageView(g_, *g_.Find("mlflow.n"), side);
  EXPECT_THAT(NodeFqns(s), ElementsAre("mlflow.n", "hive.mart.c", "qlik.d"));
}

TEST_F(LineageViewTest, CollapseHidesWhatLiesBehindANode) {
  LineageViewOptions options = Downstream(UINT32_MAX);
  options.collapse = {"hive.mart.b"};
  LineageView v = ComputeLineageView(g_, *g_.Find("hive.raw.a"), options);
  EXPECT_THAT(NodeFqns(v), ElementsAre("hive.raw.a", "hive.mart.b"));
  EXPECT_THAT(EdgeText(v), ElementsAre("hive.mart.b -> hive.raw.a", "hive.raw.a -> hive.mart.b"));
}

TEST_F(LineageViewTest, ManySiblingsFoldIntoAGroupModelsFirst) {
  LineageViewOptions options = Downstream(1);
  options.fold_over = 1;
  options.fold_keep = 1;
  LineageView v = ComputeLineageView(g_, *g_.Find("hive.mart.b"), options);
  EXPECT_THAT(NodeFqns(v), ElementsAre("hive.mart.b", "mlflow.m"));
  ASSERT_EQ(v.groups.size(), 1u);
  EXPECT_EQ(v.groups[0].anchor, "hive.mart.b");
  EXPECT_TRUE(v.groups[0].downstream);
  std::vector<std::string> members;
  for (const ViewNode& m : v.groups[0].members) members.push_back(m.fqn);
  EXPECT_THAT(members, ElementsAre("hive.mart.c", "hive.raw.a"));
  EXPECT_EQ(NodeOf(v, "hive.mart.b").hidden_downstream, 2u);
  // An expanded node is never folded away; an unfolded anchor shows every neighbour.
  options.expand_downstream = {"hive.raw.a"};
  LineageView expanded = ComputeLineageView(g_, *g_.Find("hive.mart.b"), options);
  EXPECT_THAT(NodeFqns(expanded), ElementsAre("hive.mart.b", "hive.raw.a"));
  options.expand_downstream.clear();
  options.unfold = {"hive.mart.b"};
  LineageView unfolded = ComputeLineageView(g_, *g_.Find("hive.mart.b"), options);
  EXPECT_THAT(NodeFqns(unfolded), ElementsAre("hive.mart.b", "hive.mart.c", "hive.raw.a", "mlflow.m"));
  EXPECT_TRUE(unfolded.groups.empty());
}

TEST_F(LineageViewTest, ATablesColumnsLeadBothWaysInAColumnView) {
  LineageViewOptions options;
  options.columns = true;
  options.max_depth = 2;
  LineageView v = ComputeLineageView(g_, *g_.Find("hive.mart.b"), options);
  // Its columns (one containment hop), then their sources and their readers.
  EXPECT_THAT(NodeFqns(v), ElementsAre("hive.mart.b", "hive.mart.b.p", "hive.mart.b.q",
                                       "hive.mart.c.r", "hive.raw.a.x", "hive.raw.a.y",
                                       "mlflow.m.f1", "mlflow.m.f2"));
  EXPECT_EQ(NodeOf(v, "hive.raw.a.x").side, -1);
  EXPECT_EQ(NodeOf(v, "mlflow.m.f1").side, +1);
}

}  // namespace
}  // namespace linea::graph
