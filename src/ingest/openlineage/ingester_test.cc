// The OpenLineage ingester on a real SQLite catalog, fed with the real events of
// tests/data/openlineage (real producers' events, tests/data/README.md): exact assets, column edges,
// aliases, run state and evidence.
#include "ingest/openlineage/ingester.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "ingest/openlineage/projector.h"
#include "store/sqlite/sqlite_store.h"
#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"

namespace linea::openlineage {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using Json = nlohmann::json;

const catalog::Writer kWriter = catalog::Writer::Local("test");

std::string CorpusPath(const std::string& name) {
  return std::string(LINEA_SOURCE_DIR_DEFAULT) + "/tests/data/openlineage/" + name;
}

std::string ReadCorpus(const std::string& name) {
  std::ifstream in(CorpusPath(name), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_FALSE(s.str().empty()) << name;
  return s.str();
}

// The Marquez food_delivery template with its time placeholders filled.
std::string FoodDelivery() {
  std::string text = ReadCorpus("nonconforming/marquez_docker_metadata.template.json");
  text = std::regex_replace(text, std::regex(R"(\{\{RUN_START_TIME\}\})"),
                            "2026-11-28T10:00:00Z");
  // Every end placeholder is 5 to 10 minutes after the start: "…_AFTER_7_MINUTES" → 10:07.
  text = std::regex_replace(text, std::regex(R"(\{\{RUN_END_TIME_AFTER_(\d)_MINUTES\}\})"),
                            "2026-11-28T10:0$1:00Z");
  return std::regex_replace(text, std::regex(R"(\{\{RUN_END_TIME_AFTER_(\d\d)_MINUTES\}\})"),
                            "2026-11-28T10:$1:00Z");
}

// "from -> to kind" for every edge of a provenance.
std::vector<std::string> EdgeStrings(const std::vector<model::Edge>& edges) {
  std::vector<std::string> out;
  for (const model::Edge& e : edges) {
    std::string kind(model::EdgeKindName(e.kind));
    out.push_back(e.from + " -> " + e.to + (kind.empty() ? "" : " " + kind));
  }
  return out;
}

class IngesterTest : public catalog::testing::SqliteCatalogTest {
 protected:
  using SqliteCatalogTest::Reopen;
  // Reopens with `namespaces` as the ingester's naming table.
  void Reopen(NamespaceMap namespaces) {
    namespaces_ = std::move(namespaces);
    SqliteCatalogTest::Reopen();
  }
  void OnOpen() override {
    auto runs = runs::RunState::Load(catalog_->store().runs());
    ASSERT_THAT(runs, IsOk());
    runs_ = std::move(*runs);
    catalog_->AddDomain(runs_.get());
    ingester_ = std::make_unique<Ingester>(catalog_.get(), runs_.get(), namespaces_);
  }
  void OnClose() override {
    ingester_.reset();
    runs_.reset();
  }
  EventOutcome Ingest(const std::string& json) {
    Result<EventOutcome> r = ingester_->IngestText(json, kWriter);
    EXPECT_THAT(r, IsOk());
    return r.ok() ? *r : EventOutcome{};
  }
  EventOutcome IngestFile(const std::string& name) { return Ingest(ReadCorpus(name)); }
  std::vector<std::string> Edges(const std::string& provenance) {
    auto edges = catalog_->EdgesOfProvenance(provenance);
    EXPECT_THAT(edges, IsOk());
    return edges.ok() ? EdgeStrings(*edges) : std::vector<std::string>{};
  }
  std::string ExportText() {
    auto doc = catalog_->Export();
    EXPECT_THAT(doc, IsOk());
    std::string out;
    for (const model::Asset& a : doc->assets) out += a.fqn + "\n";
    for (const model::Edge& e : doc->edges) out += e.provenance + " " + e.from + ">" + e.to + "\n";
    return out;
  }

  NamespaceMap namespaces_;
  std::unique_ptr<runs::RunState> runs_;
  std::unique_ptr<Ingester> ingester_;
};

TEST_F(IngesterTest, SparkHdfsPathAndItsHiveSymlinkBecomeOneTable) {
  IngestFile("ct_spark_dataproc_simple_producer_test_1.json");  // START
  IngestFile("ct_spark_dataproc_simple_producer_test_4.json");  // COMPLETE
  const std::string job =
      "openlineage:default/cl_i_test_application.execute_insert_into_hive_table.warehouse_t2";
  EXPECT_THAT(Edges(job),
              ElementsAre("default.\"cl_i_test_application.execute_insert_into_hive_table."
                          "warehouse_t2\" -> hive.default.t2",
                          "hive.default.t1.a -> hive.default.t2.a identity",
                          "hive.default.t1.b -> hive.default.t2.b identity"));
  EXPECT_THAT(Edges(ProvisionalProvenance(job)), IsEmpty());
  EXPECT_EQ(catalog_->KindOf("hive.default.t1"), model::AssetKind::kTable);
  EXPECT_FALSE(catalog_->KindOf("hdfs.user.hive.warehouse.t1").has_value());
  EXPECT_EQ(runs_->ResolveAlias("hdfs.user.hive.warehouse.t1"), "hive.default.t1");
  EXPECT_THAT(runs_->AliasesOf("hive.default.t2"), ElementsAre("hdfs.user.hive.warehouse.t2"));
  auto t2a = catalog_->GetAsset("hive.default.t2.a");
  ASSERT_THAT(t2a, IsOk());
  EXPECT_EQ(t2a->data_type, "integer");

  auto impact = catalog_->Impact("hive.default.t1.a", {});
  ASSERT_THAT(impact, IsOk());
  std::vector<std::string> reached;
  for (const graph::ReachedAsset& r : impact->assets) reached.push_back(r.fqn);
  EXPECT_THAT(reached, ElementsAre("hive.default.t2.a"));
  std::optional<model::RunRecord> run = runs_->LastRun("hive.default.t2");
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->state, "COMPLETE");
}

TEST_F(IngesterTest, SymlinkArrivingLaterMergesTheExistingPathAsset) {
  Json start = Json::parse(ReadCorpus("ct_spark_dataproc_simple_producer_test_1.json"));
  for (Json& d : start["inputs"]) d["facets"].erase("symlinks");
  for (Json& d : start["outputs"]) d["facets"].erase("symlinks");
  Ingest(start.dump());
  ASSERT_EQ(catalog_->KindOf("hdfs.user.hive.warehouse.t1"), model::AssetKind::kTable);
  const std::string job =
      "openlineage:default/cl_i_test_application.execute_insert_into_hive_table.warehouse_t2";
  EXPECT_THAT(Edges(ProvisionalProvenance(job)),
              Contains("hdfs.user.hive.warehouse.t1.a -> hdfs.user.hive.warehouse.t2.a identity"));

  IngestFile("ct_spark_dataproc_simple_producer_test_4.json");  // with symlinks
  EXPECT_FALSE(catalog_->KindOf("hdfs.user.hive.warehouse.t1").has_value());
  EXPECT_FALSE(catalog_->KindOf("hdfs.user.hive.warehouse.t2.a").has_value());
  EXPECT_EQ(runs_->ResolveAlias("hdfs.user.hive.warehouse.t2"), "hive.default.t2");
  EXPECT_THAT(Edges(job), Contains("hive.default.t1.a -> hive.default.t2.a identity"));
  EXPECT_EQ(ExportText().find("hdfs.user"), std::string::npos) << ExportText();
}

TEST_F(IngesterTest, SparkColumnLineageKindsFollowTheTransformations) {
  IngestFile("ct_CLL_5.json");
  IngestFile("ct_CLL_8.json");
  const std::string job =
      "openlineage:testColumnLevelLineage/open_lineage_integration_create_table."
      "execute_create_hive_table_as_select_command.default_tbl1";
  EXPECT_THAT(
      Edges(job),
      ElementsAre(
          "file.default.cll_source1.a -> file.default.tbl1.agg indirect",
          "file.default.cll_source1.a -> file.default.tbl1.ident identity",
          "file.default.cll_source1.a -> file.default.tbl1.trans indirect",
          "file.default.cll_source1.b -> file.default.tbl1.agg indirect",
          "file.default.cll_source1.b -> file.default.tbl1.ident indirect",
          "file.default.cll_source1.b -> file.default.tbl1.trans transformation",
          "file.default.cll_source2.a -> file.default.tbl1.agg indirect",
          "file.default.cll_source2.a -> file.default.tbl1.ident indirect",
          "file.default.cll_source2.a -> file.default.tbl1.trans indirect",
          "file.default.cll_source2.c -> file.default.tbl1.agg aggregation",
          "testColumnLevelLineage.\"open_lineage_integration_create_table."
          "execute_create_hive_table_as_select_command.default_tbl1\" -> file.default.tbl1"));
  EXPECT_THAT(catalog_->ChildNames("file.default.tbl1"), ElementsAre("agg", "ident", "trans"));
}

TEST_F(IngesterTest, AirflowColumnLineageWithTwoInputsPerColumn) {
  IngestFile("ct_airflow_line_03.json");
  EXPECT_THAT(Edges("openlineage:airflow/BQ.upload"),
              ElementsAre("airflow.\"BQ.upload\" -> bigquery.mock-project.test.upload",
                          "gs.mock-bucket.\"copied.csv\".a -> bigquery.mock-project.test.upload.a identity",
                          "gs.mock-bucket.\"copied.csv\".b -> bigquery.mock-project.test.upload.b identity",
                          "gs.mock-bucket.\"copied.csv\".c -> bigquery.mock-project.test.upload.c identity",
                          "gs.mock-bucket.\"copied.csv\".d -> bigquery.mock-project.test.upload.d identity",
                          "gs.mock-bucket.\"test.csv\".a -> bigquery.mock-project.test.upload.a identity",
                          "gs.mock-bucket.\"test.csv\".b -> bigquery.mock-project.test.upload.b identity",
                          "gs.mock-bucket.\"test.csv\".c -> bigquery.mock-project.test.upload.c identity",
                          "gs.mock-bucket.\"test.csv\".d -> bigquery.mock-project.test.upload.d identity"));
}

TEST_F(IngesterTest, MarquezFoodDeliveryGraphFromStartEventsFoldedByComplete) {
  Result<std::vector<std::string>> events = SplitEvents(FoodDelivery());
  ASSERT_THAT(events, IsOk());
  ASSERT_EQ(events->size(), 26u);
  BatchResult r = ingester_->IngestAll(*events, kWriter);
  EXPECT_EQ(r.successful, 26u);
  EXPECT_THAT(r.failures, IsEmpty());
  EXPECT_THAT(Edges("openlineage:food_delivery/etl_orders_7_days"),
              AllOf(Contains("food_delivery.public.orders.id -> "
                             "food_delivery.public.orders_7_days.order_id"),
                    Contains("food_delivery.public.menus.id -> "
                             "food_delivery.public.orders_7_days.menu_id"),
                    Contains("food_delivery.public.categories.menu_id -> "
                             "food_delivery.public.orders_7_days.menu_id"),
                    Contains("food_delivery.etl_orders_7_days -> food_delivery.public.orders_7_days")));
  EXPECT_THAT(Edges("openlineage:food_delivery/email_discounts"),
              ElementsAre("food_delivery.public.customers -> food_delivery.email_discounts",
                          "food_delivery.public.discounts -> food_delivery.email_discounts"));
  for (std::string job : {"etl_orders_7_days", "email_discounts", "etl_menus"}) {
    EXPECT_THAT(Edges("openlineage:food_delivery/" + job + "#provisional"), IsEmpty()) << job;
    EXPECT_EQ(runs_->LastRun("food_delivery." + job)->state, "COMPLETE") << job;
  }
  // The whole chain: a raw orders column reaches the discounts mailing job's inputs.
  auto impact = catalog_->Impact("food_delivery.public.orders.id", {.max_assets = 1000});
  ASSERT_THAT(impact, IsOk());
  std::vector<std::string> reached;
  for (const graph::ReachedAsset& a : impact->assets) reached.push_back(a.fqn);
  EXPECT_THAT(reached, Contains("food_delivery.public.delivery_7_days.order_id"));
  EXPECT_THAT(reached, Contains("food_delivery.public.top_delivery_times.order_id"));
}

TEST_F(IngesterTest, ReplayingTheWholeCorpusTwiceChangesNothing) {
  std::vector<std::string> events;
  for (const auto& entry : std::filesystem::directory_iterator(CorpusPath(""))) {
    if (entry.path().extension() != ".json") continue;
    events.push_back(ReadCorpus(entry.path().filename().string()));
  }
  std::sort(events.begin(), events.end());
  ASSERT_EQ(events.size(), 29u);
  Result<std::vector<std::string>> food = SplitEvents(FoodDelivery());
  ASSERT_THAT(food, IsOk());
  for (std::string& more : *food) events.push_back(std::move(more));
  BatchResult first = ingester_->IngestAll(events, kWriter);
  for (const BatchFailure& f : first.failures) ADD_FAILURE() << f.index << ": " << f.reason;
  std::string after_first = ExportText();
  int64_t logged = *runs_->CountEvents();
  BatchResult second = ingester_->IngestAll(events, kWriter);
  EXPECT_EQ(second.duplicates, events.size());
  EXPECT_EQ(ExportText(), after_first);
  EXPECT_EQ(*runs_->CountEvents(), logged);
}

TEST_F(IngesterTest, StartEdgesAreProvisionalAndFailKeepsTheLastCompleteEdges) {
  Json complete = Json::parse(ReadCorpus("ct_airflow_line_03.json"));
  Ingest(complete.dump());
  const std::string provenance = "openlineage:airflow/BQ.upload";
  ASSERT_EQ(Edges(provenance).size(), 9u);

  // A new run starts and adds an input: visible at once, but only as provisional.
  Json start = complete;
  start["eventType"] = "START";
  start["eventTime"] = "2026-11-29T10:00:00Z";
  start["run"]["runId"] = "0192c3a1-0000-7000-8000-000000000002";
  start["inputs"].push_back({{"namespace", "gs://mock-bucket"}, {"name", "extra.csv"}});
  Ingest(start.dump());
  EXPECT_THAT(Edges(provenance + "#provisional"),
              Contains("gs.mock-bucket.\"extra.csv\" -> airflow.\"BQ.upload\""));
  EXPECT_EQ(Edges(provenance).size(), 9u);
  EXPECT_EQ(runs_->LastRun("airflow.\"BQ.upload\"")->state, "START");

  // It fails: provisional edges go, the last COMPLETE's stay, the failure is evidence.
  Json fail = start;
  fail["eventType"] = "FAIL";
  fail["eventTime"] = "2026-11-29T10:05:00Z";
  fail["run"]["facets"]["errorMessage"] = {{"message", "quota exceeded"},
                                           {"programmingLanguage", "python"}};
  Ingest(fail.dump());
  EXPECT_THAT(Edges(provenance + "#provisional"), IsEmpty());
  EXPECT_EQ(Edges(provenance).size(), 9u);
  std::vector<graph::Evidence> evidence = runs_->EvidenceFor("bigquery.mock-project.test.upload");
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0].type, "run_failed");
  EXPECT_EQ(evidence[0].detail, "run 0192c3a1-0000-7000-8000-000000000002 of airflow.\"BQ.upload\" "
                                "ended FAIL: quota exceeded");
  graph::UpstreamOptions with_evidence;
  with_evidence.evidence = [this](std::string_view fqn) { return runs_->EvidenceFor(fqn); };
  auto up = catalog_->Upstream("bigquery.mock-project.test.upload.a", with_evidence);
  ASSERT_THAT(up, IsOk());
  EXPECT_EQ(up->sources[0].asset.fqn, "bigquery.mock-project.test.upload");

  // A late RUNNING of the failed run changes nothing; an older run's COMPLETE is stale.
  Json late = start;
  late["eventType"] = "RUNNING";
  late["eventTime"] = "2026-11-29T10:06:00Z";
  EXPECT_TRUE(Ingest(late.dump()).stale);
  Json old = complete;
  old["run"]["runId"] = "0192c3a1-0000-7000-8000-000000000001";
  old["eventTime"] = "2020-01-01T00:00:00Z";
  EXPECT_TRUE(Ingest(old.dump()).stale);
  EXPECT_EQ(runs_->LastRun("airflow.\"BQ.upload\"")->state, "FAIL");
}

TEST_F(IngesterTest, FailedDbtAssertionsAreCheckEvidenceOnTheTestedTable) {
  Result<std::vector<std::string>> events =
      SplitEvents(ReadCorpus("nonconforming/ol_dbt_no_test_metadata_result.json"));
  ASSERT_THAT(events, IsOk());
  BatchResult r = ingester_->IngestAll(*events, kWriter);
  EXPECT_EQ(r.successful, 10u);
  std::vector<graph::Evidence> evidence =
      runs_->EvidenceFor("snowflake.DEMO_DB.public.customers");
  ASSERT_EQ(evidence.size(), 2u);
  EXPECT_EQ(evidence[0].type, "run_failed");
  EXPECT_EQ(evidence[1].type, "check_failed");
  EXPECT_THAT(runs_->EvidenceFor("snowflake.DEMO_DB.public.orders"), IsEmpty());
}

TEST_F(IngesterTest, NamespaceMapRenamesTheService) {
  NamespaceMap map;
  ASSERT_THAT(map.Add("hive://dataproc-producer-test-m:9083=hive_prod"), IsOk());
  Reopen(std::move(map));
  IngestFile("ct_spark_dataproc_simple_producer_test_4.json");
  EXPECT_EQ(catalog_->KindOf("hive_prod.default.t2.a"), model::AssetKind::kColumn);
  EXPECT_FALSE(catalog_->KindOf("hive.default.t2").has_value());
}

TEST_F(IngesterTest, DatasetAndJobEventsNeedNoRun) {
  IngestFile("marquez_event_dataset_event.json");
  IngestFile("marquez_event_job_event.json");
  EXPECT_EQ(*runs_->CountEvents(), 2);
}

TEST_F(IngesterTest, ABadEventChangesNothing) {
  std::string before = ExportText();
  EXPECT_THAT(ingester_->IngestText(R"({"eventTime": "2026-11-28T10:00:00Z", "run": {}})", kWriter),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ingester_->IngestText("{\"eventTime\": ", kWriter), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(ExportText(), before);
  EXPECT_EQ(*runs_->CountEvents(), 0);
}

// ct_CLL_8 as run `run_id` of job `job`, `second` seconds after 13:00.
std::string Cll8Run(const std::string& job, const std::string& run_id, int second) {
  Json e = Json::parse(ReadCorpus("ct_CLL_8.json"));
  e["job"]["name"] = job;
  e["run"]["runId"] = run_id;
  char time[32];
  std::snprintf(time, sizeof time, "2024-08-06T13:%02d:%02dZ", second / 60, second % 60);
  e["eventTime"] = time;
  return e.dump();
}

// Group commit: concurrent callers share batches, yet each gets its own outcome, every event is
// logged once, and each job ends at its last run with the same edges as a lone ingest.
TEST_F(IngesterTest, ConcurrentCallersShareBatchesAndEachGetsItsOwnOutcome) {
  constexpr int kThreads = 8, kRuns = 40;
  const std::string shared = Cll8Run("shared", "shared-run", 0);
  std::vector<std::vector<Result<EventOutcome>>> outcomes(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRuns; ++i) {
        outcomes[t].push_back(ingester_->IngestText(
            Cll8Run("job-" + std::to_string(t), std::to_string(t) + "-" + std::to_string(i), i),
            kWriter));
        if (i == t) outcomes[t].push_back(ingester_->IngestText(shared, kWriter));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  size_t shared_applied = 0, shared_duplicates = 0;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(outcomes[t].size(), static_cast<size_t>(kRuns + 1));
    for (size_t i = 0; i < outcomes[t].size(); ++i) {
      const Result<EventOutcome>& r = outcomes[t][i];
      ASSERT_THAT(r, IsOk());
      EXPECT_FALSE(r->stale);
      if (r->job.find("shared") != std::string::npos || (r->duplicate && r->job.empty())) {
        (r->duplicate ? shared_duplicates : shared_applied)++;
      } else {
        EXPECT_FALSE(r->duplicate);
        EXPECT_EQ(r->column_edges, 10u);
      }
    }
  }
  EXPECT_EQ(shared_applied, 1u);
  EXPECT_EQ(shared_duplicates, static_cast<size_t>(kThreads - 1));
  EXPECT_EQ(*runs_->CountEvents(), kThreads * kRuns + 1);

  const std::string ns = "testColumnLevelLineage";
  const std::vector<std::string> lone = Edges(JobProvenance(ns, "shared"));
  ASSERT_EQ(lone.size(), 11u);  // 10 column edges and job → output
  for (int t = 0; t < kThreads; ++t) {
    const std::string job = "job-" + std::to_string(t);
    std::optional<model::RunRecord> run = runs_->LastRun(*JobFqn(ns, job, {}));
    ASSERT_TRUE(run.has_value()) << job;
    EXPECT_EQ(run->run_id, std::to_string(t) + "-" + std::to_string(kRuns - 1));
    std::vector<std::string> edges = Edges(JobProvenance(ns, job));
    EXPECT_EQ(edges.size(), lone.size()) << job;
  }
  // What the batches committed is what a reopened catalog holds.
  Reopen();
  EXPECT_EQ(*runs_->CountEvents(), kThreads * kRuns + 1);
  EXPECT_EQ(runs_->LastRun(*JobFqn(ns, "job-3", {}))->run_id, "3-39");
}

// One IngestAll call is one batch: an event whose projection fails in the middle of it
// changes nothing, the events around it are applied, and a later one sees the earlier ones.
TEST_F(IngesterTest, EventFailingInsideABatchFailsAlone) {
  Json bad = Json::parse(Cll8Run("bad", "bad-run", 1));
  // Its output, file.default.tbl1.ident, is a column the first event creates (its output
  // file:/tmp/cll_test/tbl1 has the TABLE symlink default.tbl1): "exists as a column".
  bad["outputs"][0]["name"] = "/default/tbl1/ident";
  bad["outputs"][0]["facets"].erase("symlinks");
  std::vector<std::string> events = {Cll8Run("a", "a-run", 0), bad.dump(),
                                     Cll8Run("a", "a-run", 0), Cll8Run("c", "c-run", 2)};
  BatchResult result = ingester_->IngestAll(events, kWriter);
  EXPECT_EQ(result.successful, 3u);
  EXPECT_EQ(result.duplicates, 1u);  // the third is the first again, seen inside the batch
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_EQ(result.failures[0].index, 1u);
  EXPECT_EQ(result.failures[0].code, StatusCode::kFailedPrecondition) << result.failures[0].reason;
  EXPECT_FALSE(result.failures[0].retriable);
  EXPECT_EQ(*runs_->CountEvents(), 2);
  EXPECT_FALSE(runs_->LastRun(*JobFqn("testColumnLevelLineage", "bad", {})).has_value());
  Reopen();
  EXPECT_EQ(*runs_->CountEvents(), 2);
  EXPECT_EQ(runs_->LastRun(*JobFqn("testColumnLevelLineage", "c", {}))->run_id, "c-run");
}

// The log's rows as stored, in order: hash, base and the stored frame's size, read with a
// connection of their own (so the test sees what is on disk, not what the store decodes).
struct LogRow {
  std::string hash;
  std::string base;
  int64_t frame_bytes = 0;
};
std::vector<LogRow> LogRows(const std::filesystem::path& db) {
  std::vector<LogRow> rows;
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(raw, "SELECT hash, base, length(body_zstd) FROM events ORDER BY seq",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    rows.push_back({reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)),
                    reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)),
                    sqlite3_column_int64(stmt, 2)});
  }
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
  return rows;
}

// Runs of one job differ in ids and times: each later run is logged as a frame against the
// job's first logged event of the same type (its keyframe), a few dozen bytes instead of 3 KB,
// and reads back as its own canonical JSON.
TEST_F(IngesterTest, LaterRunsOfAJobAreLoggedAgainstItsKeyframe) {
  std::vector<EventOutcome> runs;
  for (int i = 0; i < 3; ++i) runs.push_back(Ingest(Cll8Run("etl", "run-" + std::to_string(i), i)));
  EventOutcome other = Ingest(Cll8Run("other", "other-run", 9));
  Ingest(Cll8Run("etl", "run-1", 1));  // a duplicate is not logged again

  const std::vector<LogRow> rows = LogRows(dir_ / "linea.db");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].hash, runs[0].hash);
  EXPECT_EQ(rows[0].base, "");
  EXPECT_GT(rows[0].frame_bytes, 2000);
  for (size_t i : {1, 2}) {
    EXPECT_EQ(rows[i].hash, runs[i].hash);
    EXPECT_EQ(rows[i].base, runs[0].hash);
    EXPECT_LT(rows[i].frame_bytes, 200);
  }
  EXPECT_EQ(rows[3].hash, other.hash);  // another job: a keyframe of its own
  EXPECT_EQ(rows[3].base, "");

  Result<std::vector<std::pair<int64_t, model::RawEvent>>> events = runs_->ListEvents(0, 10);
  ASSERT_THAT(events, IsOk());
  ASSERT_EQ(events->size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*events)[i].second.body,
              DecodeEventText(Cll8Run("etl", "run-" + std::to_string(i), i))->canonical);
  }
}

// Keyframes live in memory: after a restart each job's next event is logged whole and becomes
// its keyframe. Events too unlike their keyframe are logged whole; after more than
// kKeyframeMisses of them the next one replaces it.
TEST_F(IngesterTest, RestartOrAChangedJobStartsANewKeyframe) {
  Ingest(Cll8Run("etl", "run-0", 0));
  Reopen();
  EventOutcome after_restart = Ingest(Cll8Run("etl", "run-1", 1));
  EventOutcome next = Ingest(Cll8Run("etl", "run-2", 2));
  Json changed = Json::parse(Cll8Run("etl", "run-3", 3));
  changed["run"]["facets"].erase("spark.logicalPlan");
  std::string note;  // digits of no pattern zstd finds: kilobytes that differ from the keyframe
  for (uint64_t i = 1; note.size() < 6000; ++i) note += std::to_string(i * 2654435761u % 1000003);
  changed["run"]["facets"]["spark_properties"]["properties"]["note"] = note;
  std::vector<EventOutcome> misses;
  for (int i = 0; i < 6; ++i) {
    changed["run"]["runId"] = "changed-" + std::to_string(i);
    misses.push_back(Ingest(changed.dump()));
  }

  const std::vector<LogRow> rows = LogRows(dir_ / "linea.db");
  ASSERT_EQ(rows.size(), 9u);
  EXPECT_EQ(rows[0].base, "");
  EXPECT_EQ(rows[1].hash, after_restart.hash);
  EXPECT_EQ(rows[1].base, "");
  EXPECT_EQ(rows[2].hash, next.hash);
  EXPECT_EQ(rows[2].base, after_restart.hash);
  for (size_t i = 3; i < 8; ++i) {  // misses of the first keyframe; the fifth replaces it
    EXPECT_EQ(rows[i].hash, misses[i - 3].hash);
    EXPECT_EQ(rows[i].base, "") << i;
  }
  EXPECT_EQ(rows[8].hash, misses[5].hash);
  EXPECT_EQ(rows[8].base, misses[4].hash);
  EXPECT_LT(rows[8].frame_bytes, 200);
  Result<std::vector<std::pair<int64_t, model::RawEvent>>> events = runs_->ListEvents(0, 10);
  ASSERT_THAT(events, IsOk());
  EXPECT_EQ(events->at(8).second.body, DecodeEventText(changed.dump())->canonical);
}

}  // namespace
}  // namespace linea::openlineage
