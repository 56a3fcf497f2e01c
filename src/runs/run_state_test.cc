// The OpenLineage state beside the catalog: aliases, last runs, evidence, the event log —
// written through the catalog's write path with a RunWrite.
#include "runs/run_state.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"
#include "graph/testing/test_mesh.h"
#include "runs/run_write.h"

namespace linea::runs {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

model::RunRecord MakeRun(std::string asset, std::string state, std::string error = "") {
  model::RunRecord r;
  r.asset = std::move(asset);
  r.job = "airflow.\"etl.b\"";
  r.run_id = "r1";
  r.state = std::move(state);
  r.event_time = "2026-11-28T10:00:00Z";
  r.event_time_ms = 1795860000000;
  r.error_message = std::move(error);
  return r;
}

class CatalogRunsTest : public catalog::testing::SmallMeshCatalogTest {
 protected:
  void OnOpen() override {
    auto state = RunState::Load(catalog_->store().runs());
    ASSERT_THAT(state, IsOk());
    runs_ = std::move(*state);
    catalog_->AddDomain(runs_.get());
  }
  void OnClose() override { runs_.reset(); }
  // One catalog write: `lineage` and `run`'s part.
  Result<catalog::ApplyStats> Apply(model::RunDelta run, model::Delta lineage = {}) {
    RunWrite write(*runs_, std::move(run));
    return catalog_->Apply(std::move(lineage), &write);
  }
  graph::UpstreamOptions WithEvidence() {
    graph::UpstreamOptions options;
    options.evidence = [this](std::string_view fqn) { return runs_->EvidenceFor(fqn); };
    return options;
  }

  std::unique_ptr<RunState> runs_;
};

TEST_F(CatalogRunsTest, AliasResolvesForReadsAndSurvivesReopen) {
  model::RunDelta d;
  d.upsert_aliases.push_back({"hdfs.warehouse.b", "hive.mart.b"});
  ASSERT_THAT(Apply(d), IsOk());
  for (int pass = 0; pass < 2; ++pass) {
    EXPECT_EQ(runs_->ResolveAlias("hdfs.warehouse.b"), "hive.mart.b");
    EXPECT_EQ(runs_->ResolveAlias("hive.mart.c"), "hive.mart.c");
    EXPECT_THAT(runs_->AliasesOf("hive.mart.b"), ElementsAre("hdfs.warehouse.b"));
    auto impact = catalog_->Impact("hdfs.warehouse.b", {});
    ASSERT_THAT(impact, IsOk());
    EXPECT_EQ(impact->root_fqn, "hive.mart.b");
    Reopen();
  }
}

TEST_F(CatalogRunsTest, BadAliasesAreRejectedAndNothingIsWritten) {
  model::RunDelta to_unknown;
  to_unknown.upsert_aliases.push_back({"hdfs.x", "hive.mart.zz"});
  EXPECT_THAT(Apply(to_unknown), StatusIs(StatusCode::kNotFound));
  model::RunDelta alias_is_asset;
  alias_is_asset.upsert_aliases.push_back({"hive.mart.c", "hive.mart.b"});
  EXPECT_THAT(Apply(alias_is_asset), StatusIs(StatusCode::kAlreadyExists));
  model::RunDelta bad_fqn;
  bad_fqn.upsert_aliases.push_back({"hdfs..x", "hive.mart.b"});
  EXPECT_THAT(Apply(bad_fqn), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(runs_->AliasesOf("hive.mart.b"), IsEmpty());
}

TEST_F(CatalogRunsTest, AliasOfADeletedAssetGoesWithIt) {
  model::RunDelta d;
  d.upsert_aliases.push_back({"hdfs.warehouse.b", "hive.mart.b"});
  d.upsert_runs.push_back(MakeRun("hive.mart.b", "FAIL"));
  ASSERT_THAT(Apply(d), IsOk());
  ASSERT_THAT(catalog_->Apply(catalog::DeleteDelta("hive.mart.b")), IsOk());
  EXPECT_EQ(runs_->ResolveAlias("hdfs.warehouse.b"), "hdfs.warehouse.b");
  EXPECT_FALSE(runs_->LastRun("hive.mart.b").has_value());
  Reopen();
  EXPECT_EQ(runs_->ResolveAlias("hdfs.warehouse.b"), "hdfs.warehouse.b");
  EXPECT_FALSE(runs_->LastRun("hive.mart.b").has_value());
}

TEST_F(CatalogRunsTest, FailedRunIsEvidenceThatRanksFirstInUpstream) {
  model::RunDelta d;
  d.upsert_runs.push_back(MakeRun("hive.raw.a", "FAIL", "disk full"));
  ASSERT_THAT(Apply(d), IsOk());
  ASSERT_TRUE(runs_->LastRun("hive.raw.a").has_value());
  EXPECT_EQ(runs_->LastRun("hive.raw.a")->error_message, "disk full");
  auto up = catalog_->Upstream("mlflow.m", WithEvidence());
  ASSERT_THAT(up, IsOk());
  ASSERT_FALSE(up->sources.empty());
  EXPECT_EQ(up->sources[0].asset.fqn, "hive.raw.a");
  ASSERT_EQ(up->sources[0].evidence.size(), 1u);
  EXPECT_EQ(up->sources[0].evidence[0].type, "run_failed");
  EXPECT_EQ(up->sources[0].evidence[0].detail, "run r1 of airflow.\"etl.b\" ended FAIL: disk full");
  EXPECT_EQ(up->sources[0].evidence[0].at, "2026-11-28T10:00:00Z");
  Reopen();
  up = catalog_->Upstream("mlflow.m", WithEvidence());
  ASSERT_THAT(up, IsOk());
  EXPECT_EQ(up->sources[0].asset.fqn, "hive.raw.a");
}

TEST_F(CatalogRunsTest, CompleteRunWithFailedAssertionsIsCheckEvidence) {
  model::RunRecord r = MakeRun("hive.mart.b", "COMPLETE");
  r.failed_assertions = {"not_null:p", "row_count"};
  model::RunDelta d;
  d.upsert_runs.push_back(r);
  ASSERT_THAT(Apply(d), IsOk());
  std::vector<graph::Evidence> evidence = runs_->EvidenceFor("hive.mart.b");
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0].type, "check_failed");
  EXPECT_EQ(evidence[0].detail, "failed assertions: not_null:p, row_count");
  // A later successful run without failures clears the evidence.
  d.upsert_runs = {MakeRun("hive.mart.b", "COMPLETE")};
  ASSERT_THAT(Apply(d), IsOk());
  EXPECT_THAT(runs_->EvidenceFor("hive.mart.b"), IsEmpty());
}

TEST_F(CatalogRunsTest, BadRunRecordsAreRejected) {
  model::RunDelta unknown;
  unknown.upsert_runs.push_back(MakeRun("hive.mart.zz", "FAIL"));
  EXPECT_THAT(Apply(unknown), StatusIs(StatusCode::kNotFound));
  model::RunDelta state;
  state.upsert_runs.push_back(MakeRun("hive.mart.b", "EXPLODED"));
  EXPECT_THAT(Apply(state), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_FALSE(runs_->LastRun("hive.mart.b").has_value());
}

TEST_F(CatalogRunsTest, EventLogIsIdempotentByHash) {
  model::RawEvent e;
  e.hash = "ab12";
  e.event_type = "COMPLETE";
  e.body = "{}";
  model::RunDelta d;
  d.append_events.push_back(e);
  ASSERT_THAT(Apply(d), IsOk());
  ASSERT_THAT(Apply(d), IsOk());
  EXPECT_THAT(runs_->HasEvent("ab12"), IsOk());
  EXPECT_TRUE(*runs_->HasEvent("ab12"));
  EXPECT_FALSE(*runs_->HasEvent("cd34"));
  EXPECT_EQ(*runs_->CountEvents(), 1);
}

// A log entry with a base must carry the frame made against it (model::RawEvent::base).
TEST_F(CatalogRunsTest, LoggedEventWithABaseButNoCompressedBodyIsRejected) {
  model::RawEvent e;
  e.hash = "ef56";
  e.body = "{}";
  e.base = "ab12";
  model::RunDelta d;
  d.upsert_runs.push_back(MakeRun("hive.mart.b", "COMPLETE"));
  d.append_events.push_back(e);
  Status status = Apply(d).status();
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "raw event ef56 has a base but no compressed body");
  EXPECT_FALSE(*runs_->HasEvent("ef56"));
  EXPECT_FALSE(runs_->LastRun("hive.mart.b").has_value());
}

}  // namespace
}  // namespace linea::runs
