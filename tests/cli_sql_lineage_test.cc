// End-to-end `linea sql-lineage` (docs/api.md "SQL lineage"): a Hive script piped on stdin, exact
// JSON out; a bad statement → exit 2 with the good ones still reported; bad flags and a bad
// --schema file → exit 2 with one `linea:` line naming the problem.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using testing::CliResult;
using ::testing::HasSubstr;
using testing::RunLinea;
using ::testing::StartsWith;
using testing::WriteFile;
using Json = nlohmann::ordered_json;

int Lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

constexpr char kHiveScript[] = R"sql(-- daily moves; loaded by the geo team
USE geo;
INSERT OVERWRITE TABLE moves_agg PARTITION (dt)
SELECT cell_id, count(DISTINCT msisdn) AS moves_30d, dt
FROM subscriber_moves
WHERE cell_id IS NOT NULL
GROUP BY cell_id, dt;
)sql";

// The statement JSON with every list empty.
Json Statement(int index, const std::string& kind) {
  return Json{{"index", index},
              {"kind", kind},
              {"sources", Json::array()},
              {"targets", Json::array()},
              {"columns", Json::array()},
              {"indirect", Json::array()},
              {"warnings", Json::array()},
              {"error", nullptr}};
}

Json MovesAggStatement() {
  Json s = Statement(1, "insert");
  s["sources"] = Json::array({"geo.subscriber_moves"});
  s["targets"] = Json::array({"geo.moves_agg"});
  s["columns"] = Json::array(
      {Json{{"target", "geo.moves_agg.cell_id"},
            {"sources", Json::array({"geo.subscriber_moves.cell_id"})}},
       Json{{"target", "geo.moves_agg.dt"}, {"sources", Json::array({"geo.subscriber_moves.dt"})}},
       Json{{"target", "geo.moves_agg.moves_30d"},
            {"sources", Json::array({"geo.subscriber_moves.msisdn"})}}});
  s["indirect"] = Json::array({"geo.subscriber_moves.cell_id", "geo.subscriber_moves.dt"});
  return s;
}

Json ParseOut(const CliResult& r) {
  Json j = Json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out;
  return j;
}

TEST(CliSqlLineageTest, PipedHiveScriptGivesExactJson) {
  CliResult r = RunLinea({"sql-lineage", "--json", "-"}, kHiveScript);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  Json want = {{"statements", Json::array({Statement(0, "use"), MovesAggStatement()})}};
  EXPECT_EQ(ParseOut(r), want) << r.out;
}

TEST(CliSqlLineageTest, ReadableListing) {
  std::string dir = testing::FreshTestDir();
  WriteFile(dir + "/etl.hql", kHiveScript);
  CliResult r = RunLinea({"sql-lineage", dir + "/etl.hql"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("[1] insert (line "));
  EXPECT_THAT(r.out, HasSubstr("geo.moves_agg ← geo.subscriber_moves\n"));
  EXPECT_THAT(r.out, HasSubstr("geo.moves_agg.moves_30d ← geo.subscriber_moves.msisdn\n"));
  EXPECT_THAT(r.out,
              HasSubstr("indirect: geo.subscriber_moves.cell_id, geo.subscriber_moves.dt\n"));
  EXPECT_THAT(r.out, HasSubstr("2 statements, 0 failed\n"));
}

TEST(CliSqlLineageTest, BadStatementExits2AndGoodOnesAreStillReported) {
  CliResult r =
      RunLinea({"sql-lineage", "--json", "-"},
               "SELECT a, FROM raw.t;\nINSERT INTO TABLE dwh.ok SELECT id FROM raw.ok;\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, StartsWith("linea: -:1:11: "));
  EXPECT_EQ(Lines(r.err), 1) << r.err;
  Json j = ParseOut(r);
  ASSERT_EQ(j["statements"].size(), 2u) << r.out;
  const Json& bad = j["statements"][0];
  EXPECT_EQ(bad["error"]["line"], 1);
  EXPECT_EQ(bad["error"]["column"], 11);
  EXPECT_THAT(bad["error"]["message"].get<std::string>(), HasSubstr("expected"));
  for (const char* list : {"sources", "targets", "columns", "indirect"}) {
    EXPECT_EQ(bad[list], Json::array()) << list;
  }
  Json good = Statement(1, "insert");
  good["sources"] = Json::array({"raw.ok"});
  good["targets"] = Json::array({"dwh.ok"});
  good["columns"] =
      Json::array({Json{{"target", "dwh.ok.id"}, {"sources", Json::array({"raw.ok.id"})}}});
  EXPECT_EQ(j["statements"][1], good);
}

TEST(CliSqlLineageTest, SchemaDefaultDatabaseAndVariables) {
  std::string dir = testing::FreshTestDir();
  WriteFile(dir + "/schema.json",
            R"({"tables": {"GEO.Moves_Agg": ["Cell_Id", "moves_30d", "dt"]}})");
  CliResult r = RunLinea(
      {"sql-lineage", "--json", "--dialect", "spark", "--default-database", "geo", "--schema",
       dir + "/schema.json", "--var", "src=subscriber_moves", "--var", "day=2024-01-01", "-"},
      "INSERT OVERWRITE TABLE moves_agg PARTITION (dt)\n"
      "SELECT cell_id, count(DISTINCT msisdn), dt FROM ${src}\n"
      "WHERE dt = '${hivevar:day}' GROUP BY cell_id, dt;\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json s = MovesAggStatement();
  s["index"] = 0;
  EXPECT_EQ(ParseOut(r), (Json{{"statements", Json::array({s})}})) << r.out;
}

TEST(CliSqlLineageTest, EmptyScript) {
  CliResult r = RunLinea({"sql-lineage", "--json", "-"}, "-- nothing; here\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ParseOut(r), (Json{{"statements", Json::array()}}));
}

// Runs with `args`, expects exit 2, no stdout and one `linea:` line holding `message`.
void ExpectInvalid(const std::vector<std::string>& args, const std::string& message) {
  CliResult r = RunLinea(args, "SELECT 1;\n");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, StartsWith("linea: "));
  EXPECT_THAT(r.err, HasSubstr(message));
  EXPECT_EQ(Lines(r.err), 1) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(CliSqlLineageTest, BadSchemaFileExits2NamingTheProblem) {
  std::string dir = testing::FreshTestDir();
  std::string schema = dir + "/schema.json";
  WriteFile(schema, R"({"tables": {"raw.t": ["a", )");
  ExpectInvalid({"sql-lineage", "--schema", schema, "-"}, schema + ": malformed JSON");
  WriteFile(schema, R"({"raw.t": ["a"]})");
  ExpectInvalid({"sql-lineage", "--schema", schema, "-"}, schema + ": expected {\"tables\"");
  WriteFile(schema, R"({"tables": {"raw.t": "a, b"}})");
  ExpectInvalid({"sql-lineage", "--schema", schema, "-"},
                "tables.\"raw.t\": expected an array of column names");
  WriteFile(schema, R"({"tables": {"raw.t": ["a", 7]}})");
  ExpectInvalid({"sql-lineage", "--schema", schema, "-"},
                "tables.\"raw.t\"[1]: expected a column name string");
  ExpectInvalid({"sql-lineage", "--schema", dir + "/missing.json", "-"}, "missing.json");
}

TEST(CliSqlLineageTest, BadFlagsExit2) {
  ExpectInvalid({"sql-lineage", "--dialect", "oracle", "-"}, "unknown dialect \"oracle\"");
  ExpectInvalid({"sql-lineage", "--var", "novalue", "-"}, "--var \"novalue\": expected NAME=VALUE");
  ExpectInvalid({"sql-lineage", "/nonexistent/dir/etl.hql"},
                "cannot read /nonexistent/dir/etl.hql");
}

}  // namespace
}  // namespace linea
