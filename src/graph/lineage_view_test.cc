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

}  // namespace
}  // namespace linea::graph
