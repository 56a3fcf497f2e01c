// End-to-end: `linea quality run` (the built-in data-quality runner, docs/quality-runner.md) —
// the real binary measuring a real PostgreSQL 15 server, a SQLite file and the command hook
// (Debian's sqlite3 CLI as the "engine") holding the same generated data: 7 monthly
// partitions of a normal column, the 7th shifted by +1σ, and a text column whose category mix
// changes in month 7. The drift fails exactly in month 7 and opens an incident on the column;
// the three sources measure the same numbers; sources and queries that fail record aborted
// results and exit 1; a bad config exits 2 with one line per problem.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "codec/json_codec.h"
#include "sourcedb/testing/test_servers.h"
#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using codec::Json;
using sourcedb::testing::ExecSqlite;
using testing::CliResult;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::RunLinea;
using testing::WriteFile;

constexpr int kRowsPerMonth = 2000;  // every 50th distance_km is NULL: 40 nulls a month

std::string Period(int month) { return "2026-0" + std::to_string(month); }

// INSERTs of the 7 months: distance_km ~ N(10, 2), month 7 ~ N(12, 2); segment a/b/c at
// 50/30/20 %, month 7 at 20/30/50 %. The same text for every engine.
std::string TripRows() {
  std::mt19937_64 random(18);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::string sql = "BEGIN;";
  for (int month = 1; month <= 7; ++month) {
    for (int i = 0; i < kRowsPerMonth; ++i) {
      if (i % 500 == 0)
        sql += (i ? ";" : "") + std::string("INSERT INTO trips VALUES ");
      else
        sql += ",";
      const double z = normal(random);
      char value[40];
      std::snprintf(value, sizeof value, "%.17g", (month == 7 ? 12.0 : 10.0) + 2.0 * z);
      const int tenth = i % 10;
      const char* segment = month == 7 ? (tenth < 2   ? "a"
                                          : tenth < 5 ? "b"
                                                      : "c")
                                       : (tenth < 5   ? "a"
                                          : tenth < 8 ? "b"
                                                      : "c");
      sql += "('" + Period(month) + "', " + (i % 50 == 0 ? std::string("NULL") : value) + ", '" +
             segment + "')";
    }
    sql += ";";
  }
  return sql + "COMMIT;";
}

// The catalog: the table with its two columns, and a model whose feature reads distance_km.
std::string Mesh() {
  Json j = {
      {"teams", {{{"name", "geo"}}, {{"name", "ml"}}}},
      {"assets",
       {{{"fqn", "hive.mart_geo.trips"},
         {"kind", "table"},
         {"owners", {"team:geo"}},
         // "nope": a column the catalog knows and the source table has lost.
         {"columns",
          {{{"name", "distance_km"}},
           {{"name", "segment"}},
           {{"name", "dt"}},
           {{"name", "nope"}}}}},
        {{"fqn", "mlflow.eta"},
         {"kind", "model"},
         {"owners", {"team:ml"}},
         {"features", {{{"name", "distance"}}}}}}},
      {"edges", {{{"from", "hive.mart_geo.trips.distance_km"}, {"to", "mlflow.eta.distance"}}}},
      {"provenance", "api:test"}};
  return j.dump();
}

std::string TableEntry(const std::string& source, const std::string& column_extra = "") {
  return "  - source: " + source +
         "\n    table: trips\n    asset: hive.mart_geo.trips\n    where: \"dt = '{period}'\"\n"
         "    columns:\n      - name: distance_km\n        measure: [null_rate, distinct, "
         "statistics, drift]\n      - name: segment\n        measure: [drift]\n" +
         column_extra;
}

class QualityRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    db_ = dir_ + "/linea.db";
    WriteFile(dir_ + "/mesh.json", Mesh());
    CliResult imported = RunLinea({"import", dir_ + "/mesh.json", "--db", db_});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    sqlite_ = dir_ + "/trips.db";
    ASSERT_TRUE(
        ExecSqlite(sqlite_,
                   "CREATE TABLE trips (dt TEXT, distance_km REAL, segment TEXT);" + TripRows())
            .ok());
  }

  Json Run(const std::string& config, int month, int expected_exit = 0) {
    WriteFile(dir_ + "/run.yaml", config);
    CliResult r = RunLinea({"quality", "run", "--config", dir_ + "/run.yaml", "--period",
                            Period(month), "--db", db_, "--json"});
    EXPECT_EQ(r.exit_code, expected_exit) << r.err;
    return Json::parse(r.out, nullptr, false);
  }

  Json DryRun(const std::string& config, int month) {
    WriteFile(dir_ + "/dry.yaml", config);
    CliResult r = RunLinea(
        {"quality", "run", "--config", dir_ + "/dry.yaml", "--period", Period(month), "--dry-run"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out, nullptr, false)["results"];
  }

  // The newest result of (asset, check) as `linea quality show` reports it.
  Json Latest(const std::string& asset, const std::string& check) {
    CliResult r = RunLinea({"quality", "show", asset, "--check", check, "--db", db_, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    Json j = Json::parse(r.out, nullptr, false);
    for (const Json& s : j["series"]) {
      if (s["asset"] == asset && s["name"] == check) return s["latest"];
    }
    ADD_FAILURE() << "no " << check << " on " << asset << ": " << r.out;
    return Json();
  }

  // Runs `config` (one table, the trips of a source) once per month: volume and null counts
  // exact, drift success for 6 months and fail in the 7th with a PSI ≥ 0.5, an incident opened
  // on the drifted column.
  void ExpectSevenMonths(const std::string& config) {
    for (int month = 1; month <= 7; ++month) {
      SCOPED_TRACE(Period(month));
      Json run = Run(config, month);
      ASSERT_TRUE(run.is_object());
      EXPECT_EQ(run["tables"][0]["rows"], kRowsPerMonth);
      EXPECT_EQ(run["recorded"]["recorded"], 6);
      EXPECT_EQ(run["recorded"]["aborted"], 0);
      // volume, null_rate, distinct, statistics, drift(distance_km), drift(segment)
      const Json& statuses = run["recorded"]["statuses"];
      const std::string drift = month < 7 ? "success" : "fail";
      EXPECT_EQ(statuses[0], "success");
      EXPECT_EQ(statuses[1], "success");
      EXPECT_EQ(statuses[4], drift);
      EXPECT_EQ(statuses[5], drift);
      Json volume = Latest("hive.mart_geo.trips", "volume");
      EXPECT_EQ(volume["metrics"]["row_count"], kRowsPerMonth);
      Json nulls = Latest("hive.mart_geo.trips.distance_km", "null_rate");
      EXPECT_EQ(nulls["metrics"]["row_count"], kRowsPerMonth);
      EXPECT_EQ(nulls["metrics"]["null_count"], kRowsPerMonth / 50);
      EXPECT_EQ(nulls["period"], Period(month));
    }
    Json psi = Latest("hive.mart_geo.trips.distance_km", "drift");
    EXPECT_EQ(psi["status"], "fail");
    EXPECT_GE(psi["value"].get<double>(), 0.5);
    EXPECT_LE(psi["value"].get<double>(), 1.5);
    EXPECT_EQ(Latest("hive.mart_geo.trips.segment", "drift")["status"], "fail");

    CliResult incidents = RunLinea({"incident", "list", "--db", db_, "--json"});
    ASSERT_EQ(incidents.exit_code, 0) << incidents.err;
    const Json listed = Json::parse(incidents.out);
    std::vector<std::string> open;
    for (const Json& i : listed["incidents"]) {
      if (i["state"] == "open") open.push_back(i["asset"]);
    }
    EXPECT_THAT(open, ::testing::UnorderedElementsAre("hive.mart_geo.trips.distance_km",
                                                      "hive.mart_geo.trips.segment"));
  }

  std::string dir_, db_, sqlite_;
};

// Results of two sources for the same data: counts exact, other numbers to 1e-9 relative.
void ExpectSameMeasurements(const Json& a, const Json& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(a[i].dump());
    EXPECT_EQ(a[i]["asset"], b[i]["asset"]);
    EXPECT_EQ(a[i]["check"], b[i]["check"]);
    EXPECT_EQ(a[i].value("status", ""), b[i].value("status", ""));
    const Json am = a[i].value("metrics", Json::object()),
               bm = b[i].value("metrics", Json::object());
    ASSERT_EQ(am.size(), bm.size());
    for (auto& [name, value] : am.items()) {
      EXPECT_NEAR(value.get<double>(), bm[name].get<double>(),
                  1e-9 * std::max(1.0, std::abs(value.get<double>())))
          << name;
    }
    const Json ad = a[i].value("distribution", Json::object()),
               bd = b[i].value("distribution", Json::object());
    EXPECT_EQ(ad.value("counts", Json()), bd.value("counts", Json()));
    EXPECT_EQ(ad.value("categories", Json()), bd.value("categories", Json()));
    EXPECT_EQ(ad.value("missing", Json()), bd.value("missing", Json()));
    const Json ae = ad.value("edges", Json::array()), be = bd.value("edges", Json::array());
    ASSERT_EQ(ae.size(), be.size());
    for (size_t e = 0; e < ae.size(); ++e) {
      EXPECT_NEAR(ae[e].get<double>(), be[e].get<double>(), 1e-9 * std::abs(ae[e].get<double>()));
    }
  }
}

TEST_F(QualityRunTest, PostgresDriftFailsInTheShiftedMonthAndOpensAnIncident) {
  auto pg = sourcedb::testing::SharedPostgres();
  if (!pg.ok()) {
    if (sourcedb::testing::Absent(pg.status())) GTEST_SKIP() << pg.status().message();
    FAIL() << pg.status().message();
  }
  ASSERT_TRUE((*pg)->CreateDatabase("dwh").ok());
  ASSERT_TRUE(
      (*pg)
          ->Exec("dwh",
                 "CREATE TABLE trips (dt TEXT, distance_km DOUBLE PRECISION, segment TEXT);" +
                     TripRows())
          .ok());
  const std::string pg_source = "  - name: dwh\n    url: " + (*pg)->Url("dwh") + "\n";
  const std::string config = "sources:\n" + pg_source + "tables:\n" + TableEntry("dwh");

  ExpectSevenMonths(config);

  // The same data in a SQLite file and through the command hook: the same measurements.
  const std::string all = "sources:\n" + pg_source + "  - name: file\n    url: sqlite:" + sqlite_ +
                          "\n  - name: cli\n    command: [sqlite3, -header, -separator, \"\\t\", " +
                          sqlite_ + "]\ntables:\n" + TableEntry("dwh") + TableEntry("file") +
                          TableEntry("cli");
  for (int month : {1, 7}) {
    SCOPED_TRACE(Period(month));
    Json results = DryRun(all, month);
    ASSERT_EQ(results.size(), 18u);
    Json pg_part(results.begin(), results.begin() + 6),
        file(results.begin() + 6, results.begin() + 12), cli(results.begin() + 12, results.end());
    EXPECT_EQ(pg_part[0]["metrics"]["row_count"], kRowsPerMonth);
    EXPECT_EQ(pg_part[1]["metrics"]["null_count"], kRowsPerMonth / 50);
    EXPECT_EQ(pg_part[4]["distribution"]["counts"].size(), 20u);
    EXPECT_EQ(pg_part[5]["distribution"]["categories"],
              month == 7 ? Json({"c", "b", "a"}) : Json({"a", "b", "c"}));
    EXPECT_EQ(pg_part[5]["distribution"]["counts"], Json({1000, 600, 400}));
    ExpectSameMeasurements(pg_part, file);
    ExpectSameMeasurements(pg_part, cli);
  }
}

TEST_F(QualityRunTest, SqliteFileDriftFailsInTheShiftedMonth) {
  ExpectSevenMonths("sources:\n  - name: file\n    url: sqlite:" + sqlite_ + "\ntables:\n" +
                    TableEntry("file"));
}

TEST_F(QualityRunTest, CommandHookMeasuresWhatTheSqliteConnectionMeasures) {
  const std::string config = "sources:\n  - name: file\n    url: sqlite:" + sqlite_ +
                             "\n  - name: cli\n    command: [sqlite3, -header, -separator, "
                             "\"\\t\", " +
                             sqlite_ + "]\ntables:\n" + TableEntry("file") + TableEntry("cli");
  Json results = DryRun(config, 7);
  ASSERT_EQ(results.size(), 12u);
  Json file(results.begin(), results.begin() + 6), cli(results.begin() + 6, results.end());
  EXPECT_EQ(cli[0]["metrics"]["row_count"], kRowsPerMonth);
  EXPECT_EQ(cli[1]["metrics"]["null_count"], kRowsPerMonth / 50);
  EXPECT_EQ(cli[2]["metrics"]["distinct_count"], kRowsPerMonth - kRowsPerMonth / 50);
  EXPECT_EQ(cli[5]["distribution"]["categories"], Json({"c", "b", "a"}));
  EXPECT_EQ(cli[5]["distribution"]["counts"], Json({1000, 600, 400}));
  double binned = 0;
  for (const Json& n : cli[4]["distribution"]["counts"]) binned += n.get<double>();
  EXPECT_EQ(binned, kRowsPerMonth - kRowsPerMonth / 50);
  EXPECT_EQ(cli[4]["distribution"]["missing"], kRowsPerMonth / 50);
  ExpectSameMeasurements(file, cli);
}

TEST_F(QualityRunTest, FailuresRecordAbortedResultsAndExit1) {
  const std::string config =
      "sources:\n  - name: gone\n    url: postgresql://linea@127.0.0.1:1/dwh\n"
      "  - name: file\n    url: sqlite:" +
      sqlite_ + "\ntables:\n" + TableEntry("gone") + TableEntry("file") +
      "  - source: file\n    table: trips\n    asset: hive.mart_geo.trips\n"
      "    volume: false\n    columns:\n      - name: nope\n";
  WriteFile(dir_ + "/run.yaml", config);
  CliResult r = RunLinea(
      {"quality", "run", "--config", dir_ + "/run.yaml", "--period", "2026-09", "--db", db_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err,
              HasSubstr("linea: gone trips: cannot connect to postgresql://linea@127.0.0.1:1/dwh"));
  EXPECT_THAT(r.err,
              HasSubstr("linea: file trips: no rows for period 2026-09 (where dt = '2026-09')\n"));
  EXPECT_THAT(r.err, HasSubstr("linea: file trips: query failed: no such column: nope"));
  EXPECT_THAT(r.out, HasSubstr("14 results recorded: 0 success, 0 warn, 0 fail, 14 aborted"));
  Json volume = Latest("hive.mart_geo.trips", "volume");
  EXPECT_EQ(volume["status"], "aborted");
  EXPECT_EQ(volume["message"], "no rows for period 2026-09 (where dt = '2026-09')");
  Json missing = Latest("hive.mart_geo.trips.nope", "null_rate");
  EXPECT_EQ(missing["status"], "aborted");
}

TEST_F(QualityRunTest, BadConfigAndPeriodExit2MeasuringNothing) {
  WriteFile(dir_ + "/run.yaml",
            "sources:\n  - name: file\n    url: sqlite:" + sqlite_ +
                "\n    pasword_env: X\ntables:\n  - source: fiel\n    table: trips\n"
                "    asset: hive.mart_geo.trips\n");
  CliResult r = RunLinea(
      {"quality", "run", "--config", dir_ + "/run.yaml", "--period", "2026-01", "--db", db_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "linea: " + dir_ +
                       "/run.yaml:4: unknown key \"pasword_env\"; did you mean "
                       "\"password_env\"?\nlinea: " +
                       dir_ +
                       "/run.yaml:6: unknown source \"fiel\"; "
                       "did you mean \"file\"?\n");
  EXPECT_EQ(r.out, "");
  CliResult period = RunLinea({"quality", "run", "--config", dir_ + "/run.yaml", "--period",
                               "2026-01' OR 1=1 --", "--db", db_});
  EXPECT_EQ(period.exit_code, 2);
  EXPECT_EQ(period.err,
            "linea: bad period \"2026-01' OR 1=1 --\": 1 to 64 letters, digits and "
            "_ . : = / + - or spaces\n");
  EXPECT_EQ(RunLinea({"quality", "show", "hive.mart_geo.trips", "--db", db_, "--json"})
                .out.find("latest"),
            std::string::npos);
}

}  // namespace
}  // namespace linea
