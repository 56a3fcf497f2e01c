#include "qualityrun/measure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "common/testing/status_matchers.h"
#include "sourcedb/testing/test_servers.h"

namespace linea::qualityrun {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

constexpr int64_t kNow = 1796000000000;

// 10 rows of dt '2026-01': x = 0, 1, …, 8 and one NULL; s = 'a' ×6, 'b' ×3, NULL.
constexpr char kRows[] =
    "CREATE TABLE t (dt TEXT, x DOUBLE PRECISION, s TEXT);"
    "INSERT INTO t VALUES ('2026-01', 0, 'a'), ('2026-01', 1, 'a'), ('2026-01', 2, 'a'),"
    "('2026-01', 3, 'a'), ('2026-01', 4, 'a'), ('2026-01', 5, 'a'), ('2026-01', 6, 'b'),"
    "('2026-01', 7, 'b'), ('2026-01', 8, 'b'), ('2026-01', NULL, NULL);";

TableConfig Table() {
  TableConfig t;
  t.source = "db";
  t.table = "t";
  t.asset = "hive.m.t";
  t.where = "dt = '{period}'";
  t.columns = {{"x", {"null_rate", "distinct", "statistics", "drift"}, ColumnType::kUnknown, 1},
               {"s", {"statistics", "drift"}, ColumnType::kUnknown, 1}};
  return t;
}

// The exact results of Table() over kRows, on any engine.
void ExpectMeasured(const TableRun& run) {
  ASSERT_EQ(run.results.size(), 7u);
  EXPECT_EQ(run.rows, 10);
  EXPECT_EQ(run.error, "hive.m.t.s: statistics need a numeric column; s holds text");
  const model::QualityResult& volume = run.results[0];
  EXPECT_EQ(volume.asset, "hive.m.t");
  EXPECT_EQ(volume.kind, "volume");
  EXPECT_EQ(volume.timestamp_ms, kNow);
  EXPECT_EQ(volume.period, "2026-01");
  EXPECT_EQ(volume.source, "runner");
  EXPECT_THAT(volume.metrics, ElementsAre(Pair("row_count", 10)));
  EXPECT_THAT(run.results[1].metrics, ElementsAre(Pair("row_count", 10), Pair("null_count", 1)));
  EXPECT_THAT(run.results[2].metrics, ElementsAre(Pair("distinct_count", 9)));
  const auto& stats = run.results[3].metrics;
  ASSERT_EQ(stats.size(), 4u);
  EXPECT_THAT(stats[0], Pair("min", 0.0));
  EXPECT_THAT(stats[1], Pair("max", 8.0));
  EXPECT_THAT(stats[2], Pair("mean", 4.0));
  EXPECT_EQ(stats[3].first, "std");
  EXPECT_NEAR(stats[3].second, std::sqrt(60.0 / 9), 1e-12);  // population σ of 0 … 8
  const model::Distribution& x = run.results[4].distribution;
  ASSERT_EQ(x.edges.size(), 21u);
  EXPECT_EQ(x.edges[0], 0);
  EXPECT_EQ(x.edges[10], 4);
  EXPECT_EQ(x.edges[20], 8);
  // Values 0 … 8 over bins of width 0.4: value v in bin floor(v / 0.4), 8 in the last.
  std::vector<double> counts(20, 0);
  for (int v : {0, 2, 5, 7, 10, 12, 15, 17, 19}) counts[v] = 1;
  EXPECT_EQ(x.counts, counts);
  EXPECT_EQ(x.missing, 1);
  EXPECT_EQ(run.results[5].asset, "hive.m.t.s");
  EXPECT_EQ(run.results[5].status, "aborted");
  const model::Distribution& s = run.results[6].distribution;
  EXPECT_THAT(s.categories, ElementsAre("a", "b"));
  EXPECT_THAT(s.counts, ElementsAre(6, 3));
  EXPECT_EQ(s.missing, 1);
}

RunOptions Options(const std::string& period) {
  return {.period = period, .now_ms = [] { return kNow; }};
}

class MeasureSqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/measure_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::remove(path_.c_str());
    ASSERT_THAT(sourcedb::testing::ExecSqlite(path_, kRows), testing::IsOk());
    source_.name = "db";
    source_.url = sourcedb::DbUrl{.engine = sourcedb::Engine::kSqlite, .path = path_};
  }
  std::string path_;
  SourceConfig source_;
};

TEST_F(MeasureSqliteTest, MeasuresCountsStatisticsAndDistributions) {
  Result<std::unique_ptr<RowSource>> db = OpenSource(source_);
  ASSERT_THAT(db.status(), testing::IsOk());
  ExpectMeasured(MeasureTable(**db, Table(), Options("2026-01")));
}

TEST_F(MeasureSqliteTest, AnEmptyPeriodAndAMissingColumnAbort) {
  Result<std::unique_ptr<RowSource>> db = OpenSource(source_);
  ASSERT_THAT(db.status(), testing::IsOk());
  TableRun empty = MeasureTable(**db, Table(), Options("2026-02"));
  EXPECT_EQ(empty.error, "no rows for period 2026-02 (where dt = '2026-02')");
  for (const model::QualityResult& r : empty.results) {
    EXPECT_EQ(r.status, "aborted");
    EXPECT_EQ(r.message, empty.error);
    EXPECT_TRUE(r.metrics.empty());
  }
  TableConfig missing = Table();
  missing.columns = {{"nope", {"null_rate"}, ColumnType::kNumeric, 1}};
  TableRun run = MeasureTable(**db, missing, Options("2026-01"));
  EXPECT_EQ(run.error, "query failed: no such column: nope");
  EXPECT_EQ(run.results[1].status, "aborted");
}

TEST(MeasureTest, PeriodsThatCannotBreakTheSql) {
  EXPECT_THAT(ValidatePeriod("2026-11"), testing::IsOk());
  EXPECT_THAT(ValidatePeriod("dt=2026-11-30/h=23"), testing::IsOk());
  EXPECT_THAT(ValidatePeriod(""), testing::StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ValidatePeriod("x'--"), testing::StatusIs(StatusCode::kInvalidArgument));
}

TEST(MeasureTest, MariadbMeasuresTheSame) {
  auto server = sourcedb::testing::SharedMariadb();
  if (!server.ok()) {
    if (sourcedb::testing::Absent(server.status())) GTEST_SKIP() << server.status().message();
    FAIL() << server.status().message();
  }
  ASSERT_THAT((*server)->CreateDatabase("measure"), testing::IsOk());
  std::string rows = kRows;
  rows.replace(rows.find("DOUBLE PRECISION"), 16, "DOUBLE");
  ASSERT_THAT((*server)->Exec("measure", rows), testing::IsOk());
  SourceConfig source;
  source.name = "db";
  Result<sourcedb::DbUrl> url = sourcedb::ParseDbUrl((*server)->Url("measure"));
  ASSERT_THAT(url.status(), testing::IsOk());
  source.url = *url;
  Result<std::unique_ptr<RowSource>> db = OpenSource(source);
  ASSERT_THAT(db.status(), testing::IsOk());
  ExpectMeasured(MeasureTable(**db, Table(), Options("2026-01")));
}

TEST(MeasureTest, PostgresMeasuresTheSame) {
  auto server = sourcedb::testing::SharedPostgres();
  if (!server.ok()) {
    if (sourcedb::testing::Absent(server.status())) GTEST_SKIP() << server.status().message();
    FAIL() << server.status().message();
  }
  ASSERT_THAT((*server)->CreateDatabase("measure"), testing::IsOk());
  ASSERT_THAT((*server)->Exec("measure", kRows), testing::IsOk());
  SourceConfig source;
  source.name = "db";
  Result<sourcedb::DbUrl> url = sourcedb::ParseDbUrl((*server)->Url("measure"));
  ASSERT_THAT(url.status(), testing::IsOk());
  source.url = *url;
  Result<std::unique_ptr<RowSource>> db = OpenSource(source);
  ASSERT_THAT(db.status(), testing::IsOk());
  ExpectMeasured(MeasureTable(**db, Table(), Options("2026-01")));
}

}  // namespace
}  // namespace linea::qualityrun
