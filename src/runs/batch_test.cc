// Catalog::WriteBatch: group commit of several writes — lineage deltas with their run parts, as
// the OpenLineage ingester sends them — in one store transaction, on a real SQLite file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "catalog/catalog.h"
#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"
#include "graph/testing/test_mesh.h"
#include "runs/run_state.h"
#include "runs/run_write.h"

namespace linea::runs {
namespace {

using catalog::ApplyStats;
using catalog::Catalog;
using catalog::SearchHit;

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// One write of the tests: a lineage delta and its run part.
struct TableWrite {
  model::Delta lineage;
  model::RunDelta run;
};

// A new table `hive.mart.<name>` with column `v`, fed by hive.raw.a.x under provenance
// "sql:<name>", its last run and a logged event.
TableWrite NewTable(const std::string& name) {
  TableWrite w;
  model::Delta& d = w.lineage;
  std::string table = "hive.mart." + name;
  d.upsert_assets.push_back(graph::testing::MakeAsset(table, model::AssetKind::kTable));
  d.upsert_assets.push_back(graph::testing::MakeAsset(table + ".v", model::AssetKind::kColumn));
  d.replace_edges.push_back(
      {"sql:" + name, {graph::testing::MakeEdge("hive.raw.a.x", table + ".v")}});
  model::RunRecord& run = w.run.upsert_runs.emplace_back();
  run.asset = table;
  run.job = "spark.\"" + name + "\"";
  run.run_id = "r-" + name;
  run.state = "FAIL";
  model::RawEvent& event = w.run.append_events.emplace_back();
  event.hash = "hash-" + name;
  event.body = "{}";
  return w;
}

class CatalogBatchTest : public catalog::testing::SmallMeshCatalogTest {
 protected:
  void OnOpen() override {
    auto state = RunState::Load(catalog_->store().runs());
    ASSERT_THAT(state, IsOk());
    runs_ = std::move(*state);
    catalog_->AddDomain(runs_.get());
  }
  void OnClose() override { runs_.reset(); }
  Result<ApplyStats> Apply(TableWrite w) {
    RunWrite run(*runs_, std::move(w.run));
    return catalog_->Apply(std::move(w.lineage), &run);
  }
  Result<ApplyStats> Apply(Catalog::WriteBatch& batch, TableWrite w) {
    RunWrite run(*runs_, std::move(w.run));
    return batch.Apply(std::move(w.lineage), &run);
  }
  std::vector<std::string> ImpactOfX() {
    Result<graph::ImpactReport> report = catalog_->Impact("hive.raw.a.x", {});
    EXPECT_THAT(report.status(), IsOk());
    std::vector<std::string> fqns;
    if (report.ok()) {
      for (const graph::ReachedAsset& a : report->assets) fqns.push_back(a.fqn);
    }
    std::sort(fqns.begin(), fqns.end());
    return fqns;
  }
  std::vector<std::string> SearchHits(const std::string& text) {
    std::vector<std::string> fqns;
    for (const SearchHit& hit : catalog_->Search({.text = text}).results) fqns.push_back(hit.fqn);
    return fqns;
  }

  std::unique_ptr<RunState> runs_;
};

TEST_F(CatalogBatchTest, DeltasReachTheGraphAtOnceAndTheStoreAtCommit) {
  Result<std::unique_ptr<Catalog::WriteBatch>> batch = catalog_->BeginBatch();
  ASSERT_THAT(batch.status(), IsOk());
  ASSERT_THAT(Apply(**batch, NewTable("t1")), IsOk());
  // The next delta of the batch validates against the first: its edge starts at t1.v.
  TableWrite second = NewTable("t2");
  second.lineage.replace_edges[0].edges[0].from = "hive.mart.t1.v";
  ASSERT_THAT(Apply(**batch, second), IsOk());
  EXPECT_EQ(catalog_->KindOf("hive.mart.t2.v"), model::AssetKind::kColumn);
  EXPECT_EQ(runs_->LastRun("hive.mart.t1")->run_id, "r-t1");
  EXPECT_TRUE(*runs_->HasEvent("hash-t2"));
  ASSERT_THAT((*batch)->Commit(), IsOk());
  EXPECT_THAT((*batch)->Commit(), StatusIs(StatusCode::kFailedPrecondition));
  batch->reset();

  // Writers are free again, and everything survives a reopen.
  ASSERT_THAT(Apply(NewTable("t3")), IsOk());
  Reopen();
  EXPECT_THAT(ImpactOfX(),
              ::testing::IsSupersetOf({"hive.mart.t1.v", "hive.mart.t2.v", "hive.mart.t3.v"}));
  EXPECT_EQ(runs_->LastRun("hive.mart.t2")->state, "FAIL");
  EXPECT_EQ(*runs_->CountEvents(), 3);
}

TEST_F(CatalogBatchTest, FailingDeltaChangesNothingAndTheBatchGoesOn) {
  auto batch = std::move(*catalog_->BeginBatch());
  ASSERT_THAT(Apply(*batch, NewTable("t1")), IsOk());
  TableWrite bad = NewTable("t2");
  bad.lineage.replace_edges[0].edges[0].from = "hive.raw.a.nope";
  EXPECT_THAT(Apply(*batch, bad), StatusIs(StatusCode::kNotFound));
  ASSERT_THAT(Apply(*batch, NewTable("t3")), IsOk());
  ASSERT_THAT(batch->Commit(), IsOk());

  Reopen();
  EXPECT_FALSE(catalog_->KindOf("hive.mart.t2"));
  EXPECT_FALSE(*runs_->HasEvent("hash-t2"));
  EXPECT_EQ(catalog_->KindOf("hive.mart.t3"), model::AssetKind::kTable);
  EXPECT_EQ(*runs_->CountEvents(), 2);
}

TEST_F(CatalogBatchTest, DroppedBatchIsReloadedAwayFromGraphSearchAndSideState) {
  const std::vector<std::string> impact_before = ImpactOfX();
  EXPECT_THAT(SearchHits("t1"), IsEmpty());  // builds the name index before the batch
  {
    auto batch = std::move(*catalog_->BeginBatch());
    TableWrite d = NewTable("t1");
    d.run.upsert_aliases.push_back({"hdfs.warehouse.t1", "hive.mart.t1"});
    d.lineage.delete_assets.push_back("hive.mart.c");
    ASSERT_THAT(Apply(*batch, d), IsOk());
    EXPECT_THAT(SearchHits("t1"), ElementsAre("hive.mart.t1"));
    EXPECT_EQ(runs_->ResolveAlias("hdfs.warehouse.t1"), "hive.mart.t1");
    EXPECT_FALSE(catalog_->KindOf("hive.mart.c"));
  }  // dropped without Commit()

  EXPECT_FALSE(catalog_->KindOf("hive.mart.t1"));
  EXPECT_EQ(catalog_->KindOf("hive.mart.c"), model::AssetKind::kTable);
  EXPECT_EQ(ImpactOfX(), impact_before);
  EXPECT_THAT(SearchHits("t1"), IsEmpty());
  EXPECT_EQ(runs_->ResolveAlias("hdfs.warehouse.t1"), "hdfs.warehouse.t1");
  EXPECT_FALSE(runs_->LastRun("hive.mart.t1"));
  EXPECT_FALSE(*runs_->HasEvent("hash-t1"));
  // And the catalog keeps working.
  ASSERT_THAT(Apply(NewTable("t1")), IsOk());
  EXPECT_THAT(SearchHits("t1"), ElementsAre("hive.mart.t1"));
}

TEST_F(CatalogBatchTest, OtherWritersWaitForTheBatch) {
  auto batch = std::move(*catalog_->BeginBatch());
  ASSERT_THAT(Apply(*batch, NewTable("t1")), IsOk());
  std::atomic<bool> applied = false;
  std::thread writer([&] {
    EXPECT_THAT(Apply(NewTable("t2")), IsOk());
    applied = true;
  });
  // The writer cannot get past the batch's writer lock; the batch's own writes go on.
  ASSERT_THAT(Apply(*batch, NewTable("t3")), IsOk());
  EXPECT_FALSE(applied);
  ASSERT_THAT(batch->Commit(), IsOk());
  writer.join();
  EXPECT_TRUE(applied);
  Reopen();
  EXPECT_EQ(*runs_->CountEvents(), 3);
}

// Not group commit, but what makes it cheap: an edge set that arrives again unchanged is not
// written again; a changed one is, and so is any set after a delete.
TEST_F(CatalogBatchTest, UnchangedEdgeSetIsNotRewrittenAChangedOneIs) {
  Result<ApplyStats> first = Apply(NewTable("t1"));
  ASSERT_THAT(first.status(), IsOk());
  EXPECT_EQ(first->edge_sets_replaced, 1u);
  Result<ApplyStats> again = Apply(NewTable("t1"));
  ASSERT_THAT(again.status(), IsOk());
  EXPECT_EQ(again->edge_sets_replaced, 0u);
  EXPECT_EQ(again->assets_upserted, 2u);  // the rest of the delta still applies
  EXPECT_EQ(catalog_->Apply(graph::testing::SmallMesh())->edge_sets_replaced, 0u);

  TableWrite changed = NewTable("t1");
  changed.lineage.replace_edges[0].edges[0].transform = "upper(x)";
  EXPECT_EQ(Apply(changed)->edge_sets_replaced, 1u);
  std::vector<model::Edge> edges = *catalog_->EdgesOfProvenance("sql:t1");
  ASSERT_EQ(edges.size(), 1u);
  EXPECT_EQ(edges[0].transform, "upper(x)");
  EXPECT_EQ(Apply(changed)->edge_sets_replaced, 0u);

  // A delete may remove edges of any provenance: the next set is written again.
  ASSERT_THAT(catalog_->Apply(catalog::DeleteDelta("qlik.d")), IsOk());
  EXPECT_EQ(Apply(changed)->edge_sets_replaced, 1u);
  // So after a reopen, which remembers nothing.
  Reopen();
  EXPECT_EQ(Apply(changed)->edge_sets_replaced, 1u);
  EXPECT_THAT(ImpactOfX(), ::testing::Contains("hive.mart.t1.v"));
}

}  // namespace
}  // namespace linea::runs
