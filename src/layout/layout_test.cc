#include "layout/layout.h"

#include <gmock/gmock.h>

#include "layout/testing/random_dag.h"

namespace linea::layout {
namespace {

using ::testing::ElementsAre;

std::vector<NodeSpec> Nodes(size_t n) { return std::vector<NodeSpec>(n); }

// No two nodes of a layer overlap (with the gap).
void ExpectNoOverlap(const Layout& l, double gap) {
  for (size_t a = 0; a < l.nodes.size(); ++a) {
    for (size_t b = a + 1; b < l.nodes.size(); ++b) {
      const PlacedNode& p = l.nodes[a];
      const PlacedNode& q = l.nodes[b];
      if (p.layer != q.layer) continue;
      const bool apart = p.y + p.height + gap <= q.y + 1e-6 || q.y + q.height + gap <= p.y + 1e-6;
      EXPECT_TRUE(apart) << "nodes " << a << " and " << b << " overlap";
    }
  }
}

// A binary tree of `depth` levels, edges parent → child.
std::vector<EdgeSpec> Tree(size_t depth, size_t* n) {
  std::vector<EdgeSpec> edges;
  *n = (size_t{1} << depth) - 1;
  for (size_t v = 1; v < *n; ++v) edges.push_back({(v - 1) / 2, v});
  return edges;
}


TEST(LayoutTest, AChainRunsLeftToRightAtOneHeight) {
  Layout l = ComputeLayout(Nodes(3), {{0, 1}, {1, 2}});
  ASSERT_EQ(l.nodes.size(), 3u);
  EXPECT_EQ(l.nodes[0].layer, 0);
  EXPECT_EQ(l.nodes[1].layer, 1);
  EXPECT_EQ(l.nodes[2].layer, 2);
  EXPECT_LT(l.nodes[0].x, l.nodes[1].x);
  EXPECT_LT(l.nodes[1].x, l.nodes[2].x);
  EXPECT_DOUBLE_EQ(l.nodes[0].y, l.nodes[2].y);
  ASSERT_EQ(l.edges.size(), 2u);
  EXPECT_DOUBLE_EQ(l.edges[0].points.front().x, l.nodes[0].x + l.nodes[0].width);
  EXPECT_DOUBLE_EQ(l.edges[0].points.back().x, l.nodes[1].x);
  EXPECT_EQ(l.crossings, 0u);
}

TEST(LayoutTest, ATreeHasNoCrossingsAndNoOverlaps) {
  size_t n = 0;
  std::vector<EdgeSpec> edges = Tree(6, &n);
  Layout l = ComputeLayout(Nodes(n), edges);
  EXPECT_EQ(l.crossings, 0u);
  ExpectNoOverlap(l, LayoutOptions().node_gap);
  for (const EdgeSpec& e : edges) EXPECT_EQ(l.nodes[e.to].layer, l.nodes[e.from].layer + 1);
}

TEST(LayoutTest, ALongEdgeBendsThroughEveryLayerItCrosses) {
  // 0 → 1 → 2 → 3 and 0 → 3: the long edge crosses layers 1 and 2.
  Layout l = ComputeLayout(Nodes(4), {{0, 1}, {1, 2}, {2, 3}, {0, 3}});
  ASSERT_EQ(l.edges.size(), 4u);
  EXPECT_EQ(l.edges[3].points.size(), 6u);  // start, two bends per crossed layer, end
  EXPECT_DOUBLE_EQ(l.edges[3].points.back().x, l.nodes[3].x);
}

TEST(LayoutTest, ACycleIsBrokenAndEveryOtherEdgeRunsForward) {
  // 0 → 1 → 2 → 0 plus 2 → 3.
  std::vector<EdgeSpec> edges = {{0, 1}, {1, 2}, {2, 0}, {2, 3}};
  Layout l = ComputeLayout(Nodes(4), edges);
  ASSERT_EQ(l.edges.size(), 4u);
  int reversed = 0;
  for (size_t i = 0; i < edges.size(); ++i) {
    const RoutedEdge& e = l.edges[i];
    EXPECT_EQ(e.from, edges[i].from);
    EXPECT_EQ(e.to, edges[i].to);
    if (e.reversed) {
      ++reversed;
      EXPECT_LT(l.nodes[e.to].layer, l.nodes[e.from].layer);
      EXPECT_DOUBLE_EQ(e.points.front().x, l.nodes[e.to].x + l.nodes[e.to].width);
    } else {
      EXPECT_LT(l.nodes[e.from].layer, l.nodes[e.to].layer);
    }
  }
  EXPECT_EQ(reversed, 1);
}

TEST(LayoutTest, SelfLoopsAndDuplicatesAreLeftOut) {
  Layout l = ComputeLayout(Nodes(2), {{0, 1}, {0, 1}, {1, 1}});
  ASSERT_EQ(l.edges.size(), 1u);
  EXPECT_EQ(l.edges[0].from, 0u);
}

TEST(LayoutTest, ASourceSitsNextToWhatItFeeds) {
  // 0 → 1 → 2 → 3, and a lone input 4 → 3: 4 goes to layer 2, not 0.
  Layout l = ComputeLayout(Nodes(5), {{0, 1}, {1, 2}, {2, 3}, {4, 3}});
  EXPECT_EQ(l.nodes[4].layer, 2);
}

TEST(LayoutTest, TheSameInputGivesTheSameLayout) {
  std::vector<EdgeSpec> edges = testing::RandomLineageDag(600, 700, 8, 7);
  Layout a = ComputeLayout(Nodes(600), edges);
  Layout b = ComputeLayout(Nodes(600), edges);
  for (size_t v = 0; v < 600; ++v) {
    EXPECT_EQ(a.nodes[v].x, b.nodes[v].x);
    EXPECT_EQ(a.nodes[v].y, b.nodes[v].y);
  }
  EXPECT_EQ(a.crossings, b.crossings);
  ExpectNoOverlap(a, LayoutOptions().node_gap);
}

TEST(LayoutTest, SweepsReduceCrossings) {
  std::vector<EdgeSpec> edges = testing::RandomLineageDag(400, 500, 6, 3);
  Layout none = ComputeLayout(Nodes(400), edges, {.sweeps = 0});
  Layout swept = ComputeLayout(Nodes(400), edges);
  EXPECT_LT(swept.crossings, none.crossings);
}

TEST(LayoutTest, ExpandingANodeKeepsTheOthersWhereTheyWere) {
  // A star of 12 inputs into 0; then one of them (input 5) is expanded with 3 inputs of its own.
  std::vector<EdgeSpec> edges;
  for (size_t v = 1; v <= 12; ++v) edges.push_back({v, 0});
  Layout before = ComputeLayout(Nodes(13), edges);
  std::vector<NodeSpec> nodes = Nodes(16);
  for (size_t v = 0; v < 13; ++v) nodes[v].prior_y = before.nodes[v].y;
  edges.push_back({13, 5});
  edges.push_back({14, 5});
  edges.push_back({15, 5});
  Layout after = ComputeLayout(nodes, edges);
  for (size_t v = 0; v < 13; ++v) {
    EXPECT_NEAR(after.nodes[v].y, before.nodes[v].y, 1e-6) << "node " << v << " moved";
  }
  ExpectNoOverlap(after, LayoutOptions().node_gap);
  std::vector<int> layers;
  for (size_t v : {13, 14, 15}) layers.push_back(after.nodes[v].layer);
  EXPECT_THAT(layers, ElementsAre(after.nodes[5].layer - 1, after.nodes[5].layer - 1,
                                  after.nodes[5].layer - 1));
}

TEST(LayoutTest, AnEmptyGraph) {
  Layout l = ComputeLayout({}, {});
  EXPECT_TRUE(l.nodes.empty());
  EXPECT_EQ(l.width, 0);
}

}  // namespace
}  // namespace linea::layout
