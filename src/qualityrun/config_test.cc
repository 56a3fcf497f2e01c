#include "qualityrun/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

namespace linea::qualityrun {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Parse(const std::string& text, RunnerConfig* config) {
  return ParseRunnerConfig(text, "run.yaml", "/cfg", config);
}

constexpr char kGood[] = R"(sources:
  - name: dwh
    url: postgresql://linea@127.0.0.1:5432/dwh
    password_env: QUALITYRUN_TEST_PASSWORD
  - name: local
    url: sqlite:data/trips.db
  - name: hive
    command: [beeline, -u, "jdbc:hive2://hs2:10000", --outputformat=tsv2, -e]
    timeout: 5m
tables:
  - source: dwh
    table: public.trips
    asset: hive.mart_geo.trips
    where: "dt = '{period}'"
    columns:
      - name: distance_km
        measure: [drift, statistics, null_rate, distinct, drift]
      - name: segment
        type: text
  - source: hive
    table: trips
    asset: hive.mart_geo.trips
    volume: false
    columns:
      - name: distance_km
        measure: statistics
)";

TEST(RunnerConfigTest, ParsesSourcesTablesAndDefaults) {
  setenv("QUALITYRUN_TEST_PASSWORD", "s3cret", 1);
  RunnerConfig c;
  ASSERT_THAT(Parse(kGood, &c), ElementsAre());
  ASSERT_EQ(c.sources.size(), 3u);
  EXPECT_EQ(c.sources[0].name, "dwh");
  EXPECT_EQ(c.sources[0].url->engine, sourcedb::Engine::kPostgres);
  EXPECT_EQ(c.sources[0].password, "s3cret");
  EXPECT_EQ(c.sources[1].url->path, "/cfg/data/trips.db");
  EXPECT_FALSE(c.sources[2].url.has_value());
  EXPECT_THAT(c.sources[2].command,
              ElementsAre("beeline", "-u", "jdbc:hive2://hs2:10000", "--outputformat=tsv2", "-e"));
  EXPECT_EQ(c.sources[2].timeout.count(), 300);
  EXPECT_EQ(c.sources[0].timeout.count(), 1800);
  ASSERT_EQ(c.tables.size(), 2u);
  const TableConfig& t = c.tables[0];
  EXPECT_EQ(t.line, 11);
  EXPECT_EQ(t.table, "public.trips");
  EXPECT_EQ(t.asset, "hive.mart_geo.trips");
  EXPECT_EQ(t.where, "dt = '{period}'");
  EXPECT_TRUE(t.volume);
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_THAT(t.columns[0].measure, ElementsAre("null_rate", "distinct", "statistics", "drift"));
  EXPECT_EQ(t.columns[0].type, ColumnType::kUnknown);
  EXPECT_THAT(t.columns[1].measure, ElementsAre("null_rate", "drift"));
  EXPECT_EQ(t.columns[1].type, ColumnType::kText);
  EXPECT_FALSE(c.tables[1].volume);
  EXPECT_THAT(c.tables[1].columns[0].measure, ElementsAre("statistics"));
}

TEST(RunnerConfigTest, ReportsEveryProblemWithItsLine) {
  unsetenv("QUALITYRUN_NO_SUCH_VAR");
  RunnerConfig c;
  EXPECT_THAT(
      Parse(R"(sources:
  - name: dwh
    url: postgresql://linea@127.0.0.1:5432/dwh
    pasword_env: X
  - name: two
    url: ftp://x/y
  - name: both
    url: sqlite:x.db
    command: [sqlite3]
  - name: env
    url: sqlite:x.db
    password_env: QUALITYRUN_NO_SUCH_VAR
  - name: slow
    command: [x]
    timeout: soon
tables:
  - source: dhw
    table: t
    asset: hive.a.t
  - source: slow
    table: "t; drop table x"
    asset: hive.a.t
  - source: slow
    table: t
    asset: hive.a.t
    colums: []
  - source: slow
    table: t
    asset: hive.a.t
    columns:
      - name: c
        measure: [nul_rate]
      - name: "c d"
      - name: e
        type: number
      - measure: [drift]
  - source: slow
    table: t
    volume: false
    asset: hive.a.t
  - source: slow
    table: t
    volume: maybe
    asset: hive.a.t
  - source: slow
    table: t
)",
            &c),
      ElementsAre(
          "run.yaml:4: unknown key \"pasword_env\"; did you mean \"password_env\"?",
          "run.yaml:6: database URL: unknown scheme \"ftp\" (expected postgresql, mysql, "
          "mariadb or sqlite)",
          "run.yaml:7: source \"both\" needs either \"url\" or \"command\"",
          "run.yaml:12: \"password_env\": environment variable QUALITYRUN_NO_SUCH_VAR is not set",
          "run.yaml:15: \"timeout\" must be a duration like 30s, 15m, 2h or 1d, got \"soon\"",
          "run.yaml:17: unknown source \"dhw\"; did you mean \"dwh\"?",
          "run.yaml:21: bad table name \"t; drop table x\": [catalog.][schema.]table of "
          "letters, digits and '_'",
          "run.yaml:26: unknown key \"colums\"; did you mean \"columns\"?",
          "run.yaml:32: unknown measure \"nul_rate\" (known: null_rate, distinct, "
          "statistics, drift); did you mean \"null_rate\"?",
          "run.yaml:33: bad column name \"c d\": letters, digits and '_' only",
          "run.yaml:35: \"type\" must be numeric or text, got \"number\"",
          "run.yaml:36: missing key \"name\"",
          "run.yaml:38: nothing to measure in t (volume: false and no columns)",
          "run.yaml:43: \"volume\" must be true or false", "run.yaml:45: missing key \"asset\""));
}

TEST(RunnerConfigTest, FileLevelProblems) {
  RunnerConfig c;
  EXPECT_THAT(Parse("tables: []\nsource: []\n", &c),
              ElementsAre("run.yaml:2: unknown key \"source\"; did you mean \"sources\"?"));
  EXPECT_THAT(Parse("sources: []\n", &c), ElementsAre("run.yaml:1: missing key \"sources\"",
                                                      "run.yaml:1: missing key \"tables\""));
  EXPECT_THAT(Parse("- a\n", &c),
              ElementsAre("run.yaml:1: expected one mapping with \"sources\" and \"tables\""));
  EXPECT_THAT(Parse("sources: [\n", &c).size(), 1u);
  EXPECT_THAT(Parse("sources:\n  - name: a\n    command: [x]\n  - name: a\n    command: [y]\n"
                    "tables:\n  - source: a\n    table: t\n    asset: a.t\n",
                    &c),
              ElementsAre("run.yaml:4: a second source named \"a\" (first at line 2)"));
  EXPECT_THAT(LoadRunnerConfig("/nonexistent/run.yaml", &c),
              ElementsAre("cannot read /nonexistent/run.yaml: No such file or directory"));
}

TEST(RunnerConfigTest, PlainIdentifiers) {
  EXPECT_TRUE(IsPlainIdentifier("distance_km"));
  EXPECT_TRUE(IsPlainIdentifier("Col9"));
  EXPECT_FALSE(IsPlainIdentifier(""));
  EXPECT_FALSE(IsPlainIdentifier("a\"b"));
  EXPECT_FALSE(IsPlainIdentifier("a`b"));
  EXPECT_FALSE(IsPlainIdentifier("a b"));
}

}  // namespace
}  // namespace linea::qualityrun
