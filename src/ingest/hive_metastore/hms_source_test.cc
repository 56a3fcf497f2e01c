// The hive-metastore connector against real metastore schemas (tests/data/hive_metastore/) in
// SQLite, a real PostgreSQL 15 server and a real MariaDB server, through the real puller into
// a real SQLite catalog.
#include "ingest/hive_metastore/hms_source.h"

#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"
#include "connectors/puller.h"
#include "sourcedb/testing/test_servers.h"

namespace linea::hive_metastore {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string SchemaPath(const std::string& engine) {
  return std::string(LINEA_SOURCE_DIR_DEFAULT) + "/tests/data/hive_metastore/schema." + engine +
         ".sql";
}

// A metastore database of one engine, filled by the test with rows as Hive writes them.
class Metastore {
 public:
  // Creates database `name` with the HMS schema. The error says why the engine is unusable.
  Status Create(const std::string& engine, const std::string& name, const std::string& dir) {
    engine_ = engine;
    if (engine == "sqlite") {
      path_ = dir + "/" + name + ".db";
      url_ = "sqlite://" + path_;
      return Exec(ReadFile(SchemaPath("sqlite")));
    }
    if (engine == "postgres") {
      auto pg = sourcedb::testing::SharedPostgres();
      if (!pg.ok()) return pg.status();
      pg_ = *pg;
      if (Status s = pg_->CreateDatabase(name); !s.ok()) return s;
      url_ = pg_->Url(name);
    } else {
      auto maria = sourcedb::testing::SharedMariadb();
      if (!maria.ok()) return maria.status();
      maria_ = *maria;
      if (Status s = maria_->CreateDatabase(name); !s.ok()) return s;
      url_ = maria_->Url(name);
    }
    database_ = name;
    return Exec(ReadFile(SchemaPath(engine == "postgres" ? "postgres" : "mysql")));
  }

  const std::string& url() const { return url_; }

  // Runs `sql` written with "double-quoted" identifiers on whichever engine this is.
  Status Exec(std::string sql) {
    if (engine_ == "mariadb") std::replace(sql.begin(), sql.end(), '"', '`');
    if (pg_) return pg_->Exec(database_, sql);
    if (maria_) return maria_->Exec(database_, sql);
    return sourcedb::testing::ExecSqlite(path_, sql);
  }

  struct Col {
    std::string name, type, comment;
  };
  struct Table {
    std::string type = "MANAGED_TABLE";
    std::string owner = "etl";
    std::vector<Col> columns;
    std::vector<Col> partition_keys;
    std::map<std::string, std::string> params;
    std::string view_text;
    int64_t create_time = 1700000000;
  };

  Status AddDatabase(int64_t id, const std::string& name, const std::string& catalog = "hive") {
    return Exec("INSERT INTO \"DBS\" VALUES (" + std::to_string(id) + ", NULL, 'hdfs://nn/" + name +
                ".db', '" + name + "', 'hive', 'USER', '" + catalog + "');");
  }

  Status AddTable(int64_t id, int64_t db_id, const std::string& name, const Table& t) {
    const std::string i = std::to_string(id);
    std::string sql = "INSERT INTO \"CDS\" VALUES (" + i + ");" +
                      "INSERT INTO \"SDS\" VALUES (" + i + ", NULL, FALSE, NULL, -1, NULL, NULL, " +
                      i + ", FALSE);" +
                      "INSERT INTO \"TBLS\" (\"TBL_ID\", \"CREATE_TIME\", \"DB_ID\", "
                      "\"LAST_ACCESS_TIME\", \"OWNER\", \"OWNER_TYPE\", \"RETENTION\", \"SD_ID\", "
                      "\"TBL_NAME\", \"TBL_TYPE\", \"VIEW_EXPANDED_TEXT\", \"VIEW_ORIGINAL_TEXT\", "
                      "\"IS_REWRITE_ENABLED\") VALUES (" +
                      i + ", " + std::to_string(t.create_time) + ", " + std::to_string(db_id) +
                      ", 0, '" + t.owner + "', 'USER', 0, " + i + ", '" + name + "', '" + t.type +
                      "', " + (t.view_text.empty() ? "NULL" : Literal(t.view_text)) + ", " +
                      (t.view_text.empty() ? "NULL" : Literal(t.view_text)) + ", FALSE);";
    for (size_t k = 0; k < t.columns.size(); ++k) {
      sql += "INSERT INTO \"COLUMNS_V2\" VALUES (" + i + ", " + Literal(t.columns[k].comment) +
             ", '" + t.columns[k].name + "', '" + t.columns[k].type + "', " + std::to_string(k) +
             ");";
    }
    for (size_t k = 0; k < t.partition_keys.size(); ++k) {
      sql += "INSERT INTO \"PARTITION_KEYS\" VALUES (" + i + ", NULL, '" + t.partition_keys[k].name +
             "', '" + t.partition_keys[k].type + "', " + std::to_string(k) + ");";
    }
    for (const auto& [k, v] : t.params) {
      sql += "INSERT INTO \"TABLE_PARAMS\" VALUES (" + i + ", '" + k + "', " + Literal(v) + ");";
    }
    return Exec(sql);
  }

  static std::string Literal(const std::string& text) {
    if (text.empty()) return "NULL";
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  }

 private:
  std::string engine_, url_, path_, database_;
  sourcedb::testing::PostgresServer* pg_ = nullptr;
  sourcedb::testing::MariadbServer* maria_ = nullptr;
};

class HmsSourceTest : public catalog::testing::SqliteCatalogTest,
                      public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    SqliteCatalogTest::SetUp();
    static int databases = 0;
    Status created = metastore_.Create(GetParam(), "hms_" + std::to_string(++databases),
                                       dir_.string());
    if (!created.ok()) {
      if (sourcedb::testing::Absent(created)) GTEST_SKIP() << created.message();
      FAIL() << created.message();
    }
    ASSERT_THAT(metastore_.AddDatabase(1, "raw_geo"), IsOk());
    ASSERT_THAT(metastore_.AddDatabase(2, "mart_geo"), IsOk());
    Metastore::Table moves;
    moves.owner = "etl_geo";
    moves.columns = {{"msisdn", "string", "subscriber"}, {"cell_id", "bigint", ""},
                     {"ts", "timestamp", ""}};
    moves.partition_keys = {{"dt", "string", ""}};
    moves.params = {{"comment", "cell moves"}, {"numRows", "1200"},
                    {"transient_lastDdlTime", "1700000100"}};
    ASSERT_THAT(metastore_.AddTable(10, 1, "moves", moves), IsOk());
    Metastore::Table cells;
    cells.columns = {{"cell_id", "bigint", ""}, {"region", "string", "oblast"}};
    cells.params = {{"transient_lastDdlTime", "1700000200"}};
    ASSERT_THAT(metastore_.AddTable(11, 1, "cells", cells), IsOk());
    Metastore::Table view;
    view.type = "VIRTUAL_VIEW";
    view.owner = "analyst";
    view.columns = {{"msisdn", "string", ""}, {"region", "string", ""}};
    view.view_text =
        "SELECT `m`.`msisdn`, `c`.`region` FROM `raw_geo`.`moves` `m` JOIN `raw_geo`.`cells` `c` "
        "ON `m`.`cell_id` = `c`.`cell_id`";
    ASSERT_THAT(metastore_.AddTable(20, 2, "subscriber_regions", view), IsOk());
  }

  connectors::ConnectorConfig Config(std::string extra = "") {
    const std::string text = "name: hms\ntype: hive-metastore\nurl: " + metastore_.url() +
                             "\nowners: {etl_geo: \"team:geo\"}\n"
                             "database_owners: {mart_geo: \"team:geo-analytics\"}\n"
                             "domain_from: '^(?:raw|mart)_(.+)$'\n" + extra;
    auto configs = connectors::ParseConnectorConfigs(text, dir_.string() + "/hms.yaml",
                                                     {"hive-metastore"}, true);
    EXPECT_THAT(configs, IsOk());
    return configs->at(0);
  }

  connectors::PullReport Pull(std::string extra = "") {
    auto source = MakeSource(Config(extra));
    EXPECT_THAT(source, IsOk());
    return connectors::Pull(*catalog_, Config(extra), **source, {});
  }

  model::Asset Get(const std::string& fqn) {
    auto asset = catalog_->GetAsset(fqn);
    EXPECT_THAT(asset, IsOk()) << fqn;
    return asset.ok() ? *asset : model::Asset();
  }

  std::vector<std::string> Edges(const std::string& provenance) {
    std::vector<std::string> out;
    auto edges = catalog_->EdgesOfProvenance(provenance);
    if (!edges.ok()) return out;
    for (const model::Edge& e : *edges) {
      out.push_back(e.from + " -> " + e.to + " " + std::string(model::EdgeKindName(e.kind)));
    }
    return out;
  }

  Metastore metastore_;
};

TEST_P(HmsSourceTest, FirstPullCataloguesTablesColumnsPartitionKeysAndViewLineage) {
  connectors::PullReport r = Pull();
  ASSERT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(r.items_listed, 3u);
  EXPECT_THAT(r.assets.created, UnorderedElementsAre(Pair("table", 3), Pair("column", 8)));
  EXPECT_THAT(r.problems, IsEmpty());
  EXPECT_EQ(r.batches, 2u);  // the tables of raw_geo, then the views of mart_geo

  EXPECT_THAT(catalog_->ChildNames("hive.raw_geo.moves"),
              ElementsAre("cell_id", "dt", "msisdn", "ts"));
  model::Asset moves = Get("hive.raw_geo.moves");
  EXPECT_EQ(moves.kind, model::AssetKind::kTable);
  EXPECT_EQ(moves.description, "cell moves");
  EXPECT_EQ(moves.domain, "geo");
  EXPECT_THAT(moves.owners, ElementsAre("team:geo"));
  EXPECT_THAT(moves.properties,
              UnorderedElementsAre(Pair("table_type", "MANAGED_TABLE"), Pair("hms_owner", "etl_geo"),
                                   Pair("num_rows", "1200"), Pair("last_ddl_time", "1700000100")));
  model::Asset msisdn = Get("hive.raw_geo.moves.msisdn");
  EXPECT_EQ(msisdn.data_type, "string");
  EXPECT_EQ(msisdn.description, "subscriber");
  EXPECT_THAT(Get("hive.raw_geo.moves.dt").properties, ElementsAre(Pair("partition_key", "true")));
  EXPECT_THAT(Get("hive.raw_geo.cells").owners, IsEmpty());  // etl maps to no team
  model::Asset view = Get("hive.mart_geo.subscriber_regions");
  EXPECT_EQ(view.properties["table_type"], "VIRTUAL_VIEW");
  EXPECT_THAT(view.owners, ElementsAre("team:geo-analytics"));  // the database's default

  EXPECT_THAT(Edges("connector:hms/mart_geo.subscriber_regions"),
              UnorderedElementsAre(
                  "hive.raw_geo.moves.msisdn -> hive.mart_geo.subscriber_regions.msisdn identity",
                  "hive.raw_geo.cells.region -> hive.mart_geo.subscriber_regions.region identity",
                  "hive.raw_geo.moves.cell_id -> hive.mart_geo.subscriber_regions.msisdn indirect",
                  "hive.raw_geo.moves.cell_id -> hive.mart_geo.subscriber_regions.region indirect",
                  "hive.raw_geo.cells.cell_id -> hive.mart_geo.subscriber_regions.msisdn indirect",
                  "hive.raw_geo.cells.cell_id -> hive.mart_geo.subscriber_regions.region indirect"));
  auto impact = catalog_->Impact("hive.raw_geo.cells.region", {});
  ASSERT_THAT(impact, IsOk());
}

TEST_P(HmsSourceTest, ASecondPullWithNothingChangedWritesNothing) {
  ASSERT_EQ(Pull().outcome, "ok");
  const size_t runs_before = catalog_->store().connectors().ListRuns("hms", 10)->size();
  connectors::PullReport r = Pull();
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(r.items_unchanged, 3u);
  EXPECT_EQ(r.items_read, 0u);
  EXPECT_EQ(r.batches, 0u);
  EXPECT_FALSE(r.changed());
  EXPECT_EQ(catalog_->store().connectors().ListRuns("hms", 10)->size(), runs_before + 1);
}

TEST_P(HmsSourceTest, ADroppedTableDisappearsOnTheNextPull) {
  ASSERT_EQ(Pull().outcome, "ok");
  ASSERT_THAT(metastore_.Exec("DELETE FROM \"TABLE_PARAMS\" WHERE \"TBL_ID\" = 11;"
                              "DELETE FROM \"TBLS\" WHERE \"TBL_ID\" = 11;"),
              IsOk());
  connectors::PullReport r = Pull();
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(r.items_removed, 1u);
  EXPECT_THAT(r.assets.removed, UnorderedElementsAre(Pair("table", 1), Pair("column", 2)));
  EXPECT_FALSE(catalog_->KindOf("hive.raw_geo.cells"));
  EXPECT_FALSE(catalog_->KindOf("hive.raw_geo.cells.region"));
  // The view that read it is read again and says what it lost.
  EXPECT_THAT(r.problems,
              Contains("mart_geo.subscriber_regions: view reads hive.raw_geo.cells, which is not "
                       "in the catalog; no lineage from it"));
  EXPECT_THAT(Edges("connector:hms/mart_geo.subscriber_regions"),
              UnorderedElementsAre(
                  "hive.raw_geo.moves.msisdn -> hive.mart_geo.subscriber_regions.msisdn identity",
                  "hive.raw_geo.moves.cell_id -> hive.mart_geo.subscriber_regions.msisdn indirect",
                  "hive.raw_geo.moves.cell_id -> hive.mart_geo.subscriber_regions.region indirect"));
}

TEST_P(HmsSourceTest, ARenamedColumnIsReplacedAndLineageToTheOldNameIsReported) {
  ASSERT_EQ(Pull().outcome, "ok");
  model::Delta manifest;
  manifest.replace_edges.push_back({"manifest:churn",
                                    {{"hive.raw_geo.moves.msisdn", "hive.raw_geo.cells.region",
                                      model::EdgeKind::kTransformation, "", ""}}});
  ASSERT_THAT(catalog_->Apply(manifest), IsOk());
  // ALTER TABLE raw_geo.moves CHANGE msisdn subscriber_id string: Hive rewrites the column row
  // and the DDL time.
  ASSERT_THAT(metastore_.Exec("UPDATE \"COLUMNS_V2\" SET \"COLUMN_NAME\" = 'subscriber_id' "
                              "WHERE \"CD_ID\" = 10 AND \"COLUMN_NAME\" = 'msisdn';"
                              "UPDATE \"TABLE_PARAMS\" SET \"PARAM_VALUE\" = '1700000999' "
                              "WHERE \"TBL_ID\" = 10 AND \"PARAM_KEY\" = 'transient_lastDdlTime';"),
              IsOk());
  connectors::PullReport r = Pull();
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_TRUE(catalog_->KindOf("hive.raw_geo.moves.subscriber_id"));
  // The manifest still uses the old name: kept and reported.
  EXPECT_TRUE(catalog_->KindOf("hive.raw_geo.moves.msisdn"));
  EXPECT_THAT(r.problems, Contains("raw_geo.moves: hive.raw_geo.moves.msisdn: gone from the "
                                   "source, kept: lineage of manifest:churn still uses it"));
}

TEST_P(HmsSourceTest, AViewWhoseSqlDoesNotAnalyseIsStillCataloguedWithTheError) {
  Metastore::Table broken;
  broken.type = "VIRTUAL_VIEW";
  broken.columns = {{"x", "int", ""}};
  broken.view_text = "SELECT FROM WHERE";
  ASSERT_THAT(metastore_.AddTable(21, 2, "broken", broken), IsOk());
  connectors::PullReport r = Pull();
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_TRUE(catalog_->KindOf("hive.mart_geo.broken.x"));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0], HasSubstr("mart_geo.broken: view SQL did not analyse (line 1"));
}

TEST_P(HmsSourceTest, IncludeAndExcludeSelectDatabasesAndTables) {
  connectors::PullReport r = Pull("include: [raw_geo]\nexclude: [raw_geo.cells]\n");
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(r.items_listed, 1u);
  EXPECT_TRUE(catalog_->KindOf("hive.raw_geo.moves"));
  EXPECT_FALSE(catalog_->KindOf("hive.raw_geo.cells"));
  EXPECT_FALSE(catalog_->KindOf("hive.mart_geo.subscriber_regions"));
}

TEST_P(HmsSourceTest, OtherCatalogsAreNotRead) {
  ASSERT_THAT(metastore_.Exec("INSERT INTO \"CTLGS\" VALUES (2, 'spark', 'other', 'x');"), IsOk());
  ASSERT_THAT(metastore_.AddDatabase(3, "spark_db", "spark"), IsOk());
  ASSERT_THAT(metastore_.AddTable(30, 3, "t", Metastore::Table{}), IsOk());
  connectors::PullReport r = Pull();
  EXPECT_EQ(r.items_listed, 3u);
  EXPECT_FALSE(catalog_->KindOf("hive.spark_db.t"));
}

TEST_P(HmsSourceTest, AnUnknownSchemaVersionIsRefusedAndNothingIsWritten) {
  ASSERT_THAT(metastore_.Exec("UPDATE \"VERSION\" SET \"SCHEMA_VERSION\" = '9.0.0';"), IsOk());
  connectors::PullReport r = Pull();
  EXPECT_EQ(r.outcome, "failed");
  EXPECT_EQ(r.error,
            "Hive Metastore schema version 9.0.0 is not supported (linea reads 2.x, 3.x and 4.x)");
  EXPECT_FALSE(catalog_->KindOf("hive.raw_geo.moves"));
}

TEST_P(HmsSourceTest, ADatabaseThatIsNoMetastoreIsRefused) {
  ASSERT_THAT(metastore_.Exec("DROP TABLE \"VERSION\";"), IsOk());
  connectors::PullReport r = Pull();
  EXPECT_EQ(r.outcome, "failed");
  EXPECT_THAT(r.error, HasSubstr("not a Hive Metastore database"));
}

INSTANTIATE_TEST_SUITE_P(Engines, HmsSourceTest,
                         ::testing::Values("sqlite", "postgres", "mariadb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace linea::hive_metastore
