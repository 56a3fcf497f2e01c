// End-to-end: `linea ingest sql-log` on the sample Hive query log in examples/, over the demo
// mesh, then `linea impact` / `upstream` walk through the edges it wrote.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "codec/json_codec.h"
#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using testing::RunLinea;
using ::testing::Contains;
using ::testing::HasSubstr;

std::string SourceDir() {
  const char* dir = std::getenv("LINEA_SOURCE_DIR");
  return dir && *dir ? dir : LINEA_SOURCE_DIR_DEFAULT;
}

std::vector<std::string> Fqns(const Json& list) {
  std::vector<std::string> out;
  for (const Json& item : list) out.push_back(item["fqn"]);
  return out;
}

TEST(SqlLogIngestTest, SampleHiveLogOnDemoMesh) {
  std::string db = testing::FreshTestDir() + "/demo.db";
  ASSERT_EQ(RunLinea({"generate", "--scale", "demo", "--db", db}).exit_code, 0);
  std::string log = SourceDir() + "/examples/hive_query_log.csv";
  CliResult r = RunLinea({"ingest", "sql-log", log, "--format", "csv", "--db", db, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json s = Json::parse(r.out);
  EXPECT_EQ(s["records"], 5);
  EXPECT_EQ(s["statements"], 5);
  EXPECT_EQ(s["parsed"], 4);
  EXPECT_EQ(s["failed"], 1);
  EXPECT_EQ(s["with_lineage"], 3);
  EXPECT_EQ(s["failed_by_reason"]["expected FROM"], 1);

  // A new staging source now reaches the model and the dashboard that read the mart.
  Json impact = Json::parse(
      RunLinea({"impact", "hive.staging_geo.vendor_fixes.cell_id", "--db", db, "--json"}).out);
  EXPECT_THAT(Fqns(impact["models"]), Contains("mlflow_b2c.home_location_spb"));
  EXPECT_EQ(impact["models"][0]["path"],
            Json::parse(R"(["hive.staging_geo.vendor_fixes.cell_id",
                            "hive.mart_geo.trip_segments_mart.cell_id",
                            "mlflow_b2c.home_location_spb.cell_id", "mlflow_b2c.home_location_spb"])"));
  EXPECT_THAT(Fqns(impact["dashboards"]), Contains("qlik.geo_cell_events_overview"));

  // The weekly report reads, through the daily one, the mart's subscriber_id.
  Json up = Json::parse(RunLinea({"upstream", "hive.reports_geo.cell_weekly.subscribers", "--db",
                                  db, "--json", "--depth", "2"})
                            .out);
  std::vector<std::string> sources = Fqns(up["sources"]);
  EXPECT_THAT(sources, Contains("hive.reports_geo.cell_daily.subscribers"));
  EXPECT_THAT(sources, Contains("hive.mart_geo.trip_segments_mart.subscriber_id"));
  // Discovered assets are marked.
  CliResult asset = RunLinea({"export", "--db", db});
  EXPECT_THAT(asset.out, HasSubstr("\"discovered_by\": \"sql\""));

  // Ingesting the same log again changes nothing.
  std::string before = RunLinea({"export", "--db", db}).out;
  ASSERT_EQ(RunLinea({"ingest", "sql-log", log, "--format", "csv", "--db", db}).exit_code, 0);
  EXPECT_EQ(RunLinea({"export", "--db", db}).out, before);
}

TEST(SqlLogIngestTest, FailuresNameTheirRecordLineTextAndError) {
  std::string dir = testing::FreshTestDir();
  std::string db = dir + "/x.db";
  std::string log = SourceDir() + "/examples/hive_query_log.csv";
  CliResult r = RunLinea({"ingest", "sql-log", log, "--format", "csv", "--db", db, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json s = Json::parse(r.out);
  EXPECT_EQ(s["problems"], Json::parse(R"([{"kind": "parse_error", "record": 5, "line": 16,
      "text": "SELECT cell_id FORM cell_weekly", "error": "1:16: expected FROM, got 'FORM'"}])"));
  EXPECT_EQ(s["problems_omitted"], 0);

  // A text log is one record: the line is the statement's line in the file.
  testing::WriteFile(dir + "/etl.hql",
                     "USE geo;\nINSERT INTO TABLE copy SELECT cell_id FROM moves;\n"
                     "SELECT cell_id\n  FORM   moves;\n");
  r = RunLinea({"ingest", "sql-log", dir + "/etl.hql", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 record, 3 statements: 2 parsed, 1 failed\n"
                               "  failed: 1 × expected FROM\n"));
  EXPECT_THAT(r.out, HasSubstr("problems:\n"
                               "  line 3 (record 1) \"SELECT cell_id FORM moves\": "
                               "4:3: expected FROM, got 'FORM'\n"));
}

TEST(SqlLogIngestTest, BadInput) {
  std::string dir = testing::FreshTestDir();
  std::string db = dir + "/x.db";
  testing::WriteFile(dir + "/log.csv", "user,text\nu,SELECT 1\n");
  CliResult r = RunLinea({"ingest", "sql-log", dir + "/log.csv", "--format", "csv", "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no query_text column"));
  r = RunLinea({"ingest", "sql-log", dir + "/log.csv", "--format", "xml", "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  r = RunLinea({"ingest", "sql-log", dir + "/missing.csv", "--db", db});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace linea
