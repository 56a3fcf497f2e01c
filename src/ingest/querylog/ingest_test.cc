#include "ingest/querylog/ingest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.h"
#include "common/testing/status_matchers.h"

namespace linea::querylog {
namespace {

using ::linea::testing::IsOk;
using ::testing::ElementsAre;

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto path = std::filesystem::path(::testing::TempDir()) /
                (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
                 ".db");
    std::filesystem::remove(path);
    auto store = store::OpenSqliteStore({.path = path.string()});
    ASSERT_THAT(store, IsOk());
    auto catalog = catalog::Catalog::Open(std::move(*store));
    ASSERT_THAT(catalog, IsOk());
    catalog_ = std::move(*catalog);
    model::Delta d;
    for (const char* t : {"hive.geo.moves", "hive.geo.moves_agg"}) {
      model::Asset a;
      a.fqn = t;
      a.kind = model::AssetKind::kTable;
      d.upsert_assets.push_back(a);
    }
    model::Asset col;
    col.fqn = "hive.geo.moves.cell_id";
    col.kind = model::AssetKind::kColumn;
    d.upsert_assets.push_back(col);
    ASSERT_THAT(catalog_->Apply(d), IsOk());
  }
  std::unique_ptr<catalog::Catalog> catalog_;
};

constexpr char kLog[] =
    "USE geo;\n"
    "INSERT OVERWRITE TABLE moves_agg SELECT cell_id, count(*) AS moves_30d FROM moves "
    "WHERE dt > '2026-01-01' GROUP BY cell_id;\n"
    "SELECT * FORM moves;\n";

TEST_F(IngestTest, WritesColumnEdgesAndDiscoversColumns) {
  auto records = ReadQueryLog(kLog, LogFormat::kText);
  ASSERT_THAT(records, IsOk());
  Result<IngestSummary> s = IngestQueryLog(*catalog_, *records, {});
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->statements, 3u);
  EXPECT_EQ(s->parsed, 2u);
  EXPECT_EQ(s->failed, 1u);
  EXPECT_EQ(s->with_lineage, 1u);
  // moves_agg.cell_id and moves.dt did not exist; moves_30d (count(*) only) has no lineage.
  EXPECT_EQ(s->assets_discovered, 2u);
  auto impact = catalog_->Lineage("hive.geo.moves.cell_id",
                                  {.upstream = false, .columns = true});
  ASSERT_THAT(impact, IsOk());
  std::vector<std::string> edges;
  for (const auto& e : impact->edges) edges.push_back(e.from + " -> " + e.to);
  EXPECT_THAT(edges, ElementsAre("hive.geo.moves.cell_id -> hive.geo.moves_agg.cell_id"));
  auto discovered = catalog_->GetAsset("hive.geo.moves.dt");
  ASSERT_THAT(discovered, IsOk());
  EXPECT_EQ(discovered->properties.at("discovered_by"), "sql");
  // Re-ingesting the same log replaces the same provenance: nothing new.
  Result<IngestSummary> again = IngestQueryLog(*catalog_, *records, {});
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->assets_discovered, 0u);
  EXPECT_EQ(catalog_->stats().links, 2u);  // cell_id → agg.cell_id, dt (WHERE) → agg.cell_id
}

TEST_F(IngestTest, StrictRejectsUnknownNames) {
  auto records = ReadQueryLog(kLog, LogFormat::kText);
  IngestOptions options;
  options.catalog.strict = true;
  Result<IngestSummary> s = IngestQueryLog(*catalog_, *records, options);
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->rejected, 1u);
  EXPECT_EQ(s->with_lineage, 0u);
  ASSERT_EQ(s->problems.size(), 2u);  // the rejection, then the parse error: log order
  EXPECT_EQ(s->problems[1].kind, Problem::Kind::kParseError);
  EXPECT_EQ(s->problems[1].line, 3);
  const Problem& rejected = s->problems[0];
  EXPECT_EQ(rejected.kind, Problem::Kind::kRejected);
  EXPECT_EQ(rejected.record, 1u);
  EXPECT_EQ(rejected.line, 2);
  EXPECT_EQ(rejected.text, "INSERT OVERWRITE TABLE moves_agg SELECT cell_id, count(*) AS…");
  EXPECT_THAT(rejected.error, ::testing::HasSubstr("unknown column hive.geo.moves_agg.cell_id"));
  EXPECT_EQ(catalog_->stats().links, 0u);
}

TEST_F(IngestTest, ParseFailuresNameTheirRecordLineTextAndError) {
  constexpr char kCsv[] =
      "user,query_text\n"
      "u,\"SELECT cell_id\n  FROM geo.moves\"\n"
      "u,\"USE geo;\n\n SELECT   cell_id\n FORM moves;\"\n";
  auto records = ReadQueryLog(kCsv, LogFormat::kCsv);
  ASSERT_THAT(records, IsOk());
  Result<IngestSummary> s = IngestQueryLog(*catalog_, *records, {});
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->failed, 1u);
  ASSERT_EQ(s->problems.size(), 1u);
  const Problem& p = s->problems[0];
  EXPECT_EQ(p.kind, Problem::Kind::kParseError);
  EXPECT_EQ(p.record, 2u);
  EXPECT_EQ(p.line, 6);  // the record starts on line 4; its statement on the record's line 3
  EXPECT_EQ(p.text, "SELECT cell_id FORM moves");
  EXPECT_EQ(p.error, "4:2: expected FROM, got 'FORM'");
  EXPECT_EQ(s->problems_omitted, 0u);
}

TEST_F(IngestTest, ProblemsPastTheLimitAreCounted) {
  std::string log;
  for (size_t i = 0; i < IngestSummary::kMaxProblems + 5; ++i) log += "SELECT a FORM t;\n";
  auto records = ReadQueryLog(log, LogFormat::kText);
  Result<IngestSummary> s = IngestQueryLog(*catalog_, *records, {});
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->failed, IngestSummary::kMaxProblems + 5);
  EXPECT_EQ(s->problems.size(), IngestSummary::kMaxProblems);
  EXPECT_EQ(s->problems_omitted, 5u);
  EXPECT_EQ(s->problems.back().line, static_cast<int>(IngestSummary::kMaxProblems));
}

TEST_F(IngestTest, TemporaryTableOfASessionNeverReachesTheCatalog) {
  std::vector<QueryRecord> records = {
      {"CREATE TEMPORARY TABLE tmp_moves AS SELECT cell_id FROM moves WHERE dt > '2026-01-01'",
       "geo", "etl", "", 2},
      {"INSERT OVERWRITE TABLE moves_agg SELECT cell_id FROM tmp_moves", "geo", "etl", "", 3}};
  Result<IngestSummary> s = IngestQueryLog(*catalog_, records, {});
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->failed, 0u);
  EXPECT_EQ(s->with_lineage, 1u);
  EXPECT_FALSE(catalog_->KindOf("hive.geo.tmp_moves"));
  EXPECT_FALSE(catalog_->KindOf("hive.geo.tmp_moves.cell_id"));
  auto impact = catalog_->Lineage("hive.geo.moves.cell_id", {.upstream = false, .columns = true});
  ASSERT_THAT(impact, IsOk());
  std::vector<std::string> edges;
  for (const auto& e : impact->edges) edges.push_back(e.from + " -> " + e.to);
  EXPECT_THAT(edges, ElementsAre("hive.geo.moves.cell_id -> hive.geo.moves_agg.cell_id"));
  // Another user's session does not know the temporary table: there it is an ordinary table.
  records[1].user = "analyst";
  ASSERT_THAT(IngestQueryLog(*catalog_, {records[1]}, {}), IsOk());
  EXPECT_TRUE(catalog_->KindOf("hive.geo.tmp_moves"));
}

// A scope refusal is the caller's, not one statement's: it ends the ingest, and a scoped
// writer's log is one batch (whatever IngestOptions::batch says), so nothing is applied.
TEST_F(IngestTest, ScopedWriterOutsideItsScopeAppliesNothing) {
  auto records = ReadQueryLog(
      "INSERT INTO TABLE geo.copy SELECT cell_id FROM geo.moves;\n"
      "INSERT INTO TABLE crm.churn SELECT cell_id FROM geo.moves;\n",
      LogFormat::kText);
  ASSERT_THAT(records, IsOk());
  IngestOptions options;
  options.batch = 1;
  options.writer = {"ci-geo", "writer", "test", catalog::WriteScope{.fqn_prefixes = {"hive.geo"}},
                    false};
  Result<IngestSummary> s = IngestQueryLog(*catalog_, *records, options);
  EXPECT_THAT(s, ::linea::testing::StatusIs(StatusCode::kPermissionDenied));
  EXPECT_EQ(s.status().message(),
            "token ci-geo may not change hive.crm.churn (no domain): its scope covers prefixes "
            "[hive.geo]");
  EXPECT_FALSE(catalog_->GetAsset("hive.geo.copy").ok());

  // An unscoped writer's batches go one by one as asked.
  options.writer = catalog::Writer::Local("test");
  s = IngestQueryLog(*catalog_, *records, options);
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->with_lineage, 2u);
}

}  // namespace
}  // namespace linea::querylog
