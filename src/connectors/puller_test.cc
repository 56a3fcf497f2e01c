// The pull against a real SQLite catalog. The source is an in-memory stand-in for an external
// system (the Hive Metastore and MLflow sources have their own end-to-end tests).
#include "connectors/puller.h"

#include <gmock/gmock.h>

#include "catalog/testing/catalog_fixture.h"
#include "connectors/connector_write.h"

namespace linea::connectors {
namespace {

using ::linea::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

model::Asset Table(std::string fqn, std::string description = "") {
  model::Asset a;
  a.fqn = std::move(fqn);
  a.kind = model::AssetKind::kTable;
  a.description = std::move(description);
  return a;
}

model::Asset Column(std::string fqn, std::string type = "string") {
  model::Asset a;
  a.fqn = std::move(fqn);
  a.kind = model::AssetKind::kColumn;
  a.data_type = std::move(type);
  return a;
}

// A source whose items the test edits between pulls.
class FakeSource : public Source {
 public:
  struct Item {
    SourceItem listed;
    MappedItem mapped;
  };

  std::string Describe() const override { return "fake://test"; }
  Status Connect() override { return connect_error; }
  Result<std::vector<SourceItem>> ListItems() override {
    std::vector<SourceItem> out;
    for (const auto& [key, item] : items) out.push_back(item.listed);
    return out;
  }
  Result<std::vector<MappedItem>> ReadItems(const std::vector<SourceItem>& asked,
                                            const catalog::Catalog&) override {
    ++reads;
    if (fail_on_read == reads) return UnavailableError("source went away");
    std::vector<MappedItem> out;
    for (const SourceItem& s : asked) {
      read_keys.push_back(s.key);
      out.push_back(items.at(s.key).mapped);
    }
    return out;
  }

  // A table item "db.t" with columns, in group "db".
  void PutTable(const std::string& key, const std::vector<model::Asset>& columns,
                const std::string& version = "1", std::string description = "") {
    Item& item = items[key];
    item.listed = {key, version, key.substr(0, key.find('.')), 0, ""};
    item.mapped = MappedItem{key, {Table("hive." + key, std::move(description))}, {}, {}};
    for (const model::Asset& c : columns) item.mapped.assets.push_back(c);
  }

  std::map<std::string, Item> items;
  Status connect_error;
  int reads = 0;
  int fail_on_read = -1;
  std::vector<std::string> read_keys;
};

class PullerTest : public catalog::testing::SqliteCatalogTest {
 protected:
  void SetUp() override {
    SqliteCatalogTest::SetUp();
    config_.name = "hms";
    config_.type = "hive-metastore";
    source_.PutTable("geo.moves", {Column("hive.geo.moves.cell_id"), Column("hive.geo.moves.ts", "timestamp")});
    source_.PutTable("geo.zones", {Column("hive.geo.zones.cell_id")});
    source_.PutTable("crm.subs", {Column("hive.crm.subs.msisdn")});
  }

  PullReport Pull(PullOptions options = {}) {
    int64_t t = ++clock_ * 1000;
    options.clock = [t]() mutable { return t++; };
    return connectors::Pull(*catalog_, config_, source_, options);
  }

  std::vector<std::string> Assets() {
    std::vector<std::string> out;
    Result<std::vector<model::Asset>> assets = catalog_->store().lineage().ListAssets();
    for (const model::Asset& a : *assets) out.push_back(a.fqn);
    return out;
  }

  ConnectorConfig config_;
  FakeSource source_;
  int64_t clock_ = 0;
};

TEST_F(PullerTest, FirstPullCreatesEverythingAndASecondWritesNothing) {
  PullReport first = Pull();
  EXPECT_EQ(first.outcome, "ok") << first.error;
  EXPECT_EQ(first.items_listed, 3u);
  EXPECT_EQ(first.items_read, 3u);
  EXPECT_THAT(first.assets.created, UnorderedElementsAre(Pair("table", 3), Pair("column", 4)));
  EXPECT_EQ(first.batches, 2u);  // one transaction per group: crm, geo
  EXPECT_THAT(Assets(), ElementsAre("hive", "hive.crm.subs", "hive.crm.subs.msisdn", "hive.geo.moves",
                                    "hive.geo.moves.cell_id", "hive.geo.moves.ts",
                                    "hive.geo.zones", "hive.geo.zones.cell_id"));

  source_.read_keys.clear();
  PullReport second = Pull();
  EXPECT_EQ(second.outcome, "ok");
  EXPECT_FALSE(second.changed());
  EXPECT_EQ(second.items_unchanged, 3u);
  EXPECT_EQ(second.items_read, 0u);
  EXPECT_EQ(second.batches, 0u);
  EXPECT_THAT(source_.read_keys, IsEmpty());
  EXPECT_THAT(Summary(second), HasSubstr("nothing changed (3 items, 3 unchanged"));

  auto runs = catalog_->store().connectors().ListRuns("hms", 10);
  ASSERT_THAT(runs, IsOk());
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ(FromJson(nlohmann::ordered_json::parse((*runs)[0].report_json)).items_unchanged, 3u);
  EXPECT_EQ((*runs)[1].outcome, "ok");
}

TEST_F(PullerTest, AChangedItemRewritesOnlyWhatChanged) {
  ASSERT_EQ(Pull().outcome, "ok");
  // geo.moves: ts changes type, cell_id stays, a column is added, one dropped.
  source_.PutTable("geo.moves", {Column("hive.geo.moves.ts", "bigint"), Column("hive.geo.moves.lac")},
                   "2");
  PullReport r = Pull();
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(r.items_read, 1u);
  EXPECT_EQ(r.items_unchanged, 2u);
  EXPECT_THAT(r.assets.created, ElementsAre(Pair("column", 1)));
  EXPECT_THAT(r.assets.updated, ElementsAre(Pair("column", 1)));
  EXPECT_THAT(r.assets.removed, ElementsAre(Pair("column", 1)));
  EXPECT_EQ(catalog_->GetAsset("hive.geo.moves.ts")->data_type, "bigint");
  EXPECT_FALSE(catalog_->KindOf("hive.geo.moves.cell_id"));
}

TEST_F(PullerTest, ANewVersionWithTheSameContentWritesOnlyTheVersion) {
  ASSERT_EQ(Pull().outcome, "ok");
  source_.items["geo.zones"].listed.version = "2";
  PullReport r = Pull();
  EXPECT_EQ(r.items_read, 1u);
  EXPECT_FALSE(r.changed());
  EXPECT_EQ(r.batches, 1u);  // the item's new version
  source_.read_keys.clear();
  EXPECT_EQ(Pull().items_read, 0u);
}

TEST_F(PullerTest, AnItemGoneFromTheSourceIsRemovedWithItsLineage) {
  source_.items["geo.zones"].mapped.edges = {
      {"hive.geo.moves.cell_id", "hive.geo.zones.cell_id", model::EdgeKind::kIdentity, "", ""}};
  ASSERT_EQ(Pull().outcome, "ok");
  EXPECT_EQ(catalog_->EdgesOfProvenance("connector:hms/geo.zones")->size(), 1u);
  source_.items.erase("geo.zones");
  PullReport r = Pull();
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(r.items_removed, 1u);
  EXPECT_THAT(r.assets.removed, UnorderedElementsAre(Pair("table", 1), Pair("column", 1)));
  EXPECT_FALSE(catalog_->KindOf("hive.geo.zones"));
  EXPECT_THAT(*catalog_->EdgesOfProvenance("connector:hms/geo.zones"), IsEmpty());
  EXPECT_THAT(*catalog_->store().connectors().ListItems("hms"), ::testing::SizeIs(2));
}

TEST_F(PullerTest, AssetsOtherLineageUsesAreKeptUntilThatLineageIsGone) {
  ASSERT_EQ(Pull().outcome, "ok");
  model::Delta manifest;
  manifest.replace_edges.push_back(
      {"manifest:churn", {{"hive.geo.moves.cell_id", "hive.crm.subs.msisdn", model::EdgeKind::kIdentity, "", ""}}});
  ASSERT_THAT(catalog_->Apply(manifest), IsOk());

  source_.PutTable("geo.moves", {Column("hive.geo.moves.ts", "timestamp")}, "2");  // cell_id renamed away
  PullReport r = Pull();
  EXPECT_EQ(r.outcome, "ok") << r.error;
  ASSERT_EQ(r.retained.size(), 1u);
  EXPECT_EQ(r.retained[0].fqn, "hive.geo.moves.cell_id");
  EXPECT_THAT(r.retained[0].referenced_by, ElementsAre("manifest:churn"));
  EXPECT_THAT(r.problems, ElementsAre("geo.moves: hive.geo.moves.cell_id: gone from the source, "
                                      "kept: lineage of manifest:churn still uses it"));
  EXPECT_TRUE(catalog_->KindOf("hive.geo.moves.cell_id"));
  EXPECT_EQ(catalog_->EdgesOfProvenance("manifest:churn")->size(), 1u);

  // Still used: kept again, reported again.
  EXPECT_EQ(Pull().retained.size(), 1u);
  // The manifest drops the edge: the next pull removes the column.
  ASSERT_THAT(catalog_->Apply({.replace_edges = {{"manifest:churn", {}}}}), IsOk());
  PullReport after = Pull();
  EXPECT_THAT(after.retained, IsEmpty());
  EXPECT_THAT(after.assets.removed, ElementsAre(Pair("column", 1)));
  EXPECT_FALSE(catalog_->KindOf("hive.geo.moves.cell_id"));
  EXPECT_THAT(catalog_->store().connectors().ListItems("hms")->at(1).retained, IsEmpty());
}

TEST_F(PullerTest, ItemsWithProblemsAreReadAgainEvenAtTheSameVersion) {
  source_.items["crm.subs"].mapped.problems = {"view text did not parse"};
  PullReport first = Pull();
  EXPECT_THAT(first.problems, ElementsAre("crm.subs: view text did not parse"));
  source_.read_keys.clear();
  PullReport second = Pull();
  EXPECT_THAT(source_.read_keys, ElementsAre("crm.subs"));
  EXPECT_EQ(second.problems_total, 1u);
  EXPECT_FALSE(second.changed());
}

TEST_F(PullerTest, AnItemTheCatalogRefusesFailsAloneAndIsReadAgain) {
  source_.items["geo.zones"].mapped.edges = {
      {"hive.nowhere.t.c", "hive.geo.zones.cell_id", model::EdgeKind::kIdentity, "", ""}};
  PullReport r = Pull();
  EXPECT_EQ(r.outcome, "ok");
  EXPECT_EQ(r.items_failed, 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0], HasSubstr("geo.zones: "));
  EXPECT_THAT(r.problems[0], HasSubstr("hive.nowhere.t.c"));
  EXPECT_TRUE(catalog_->KindOf("hive.geo.moves"));
  EXPECT_FALSE(catalog_->KindOf("hive.geo.zones"));
  source_.read_keys.clear();
  source_.items["geo.zones"].mapped.edges.clear();
  PullReport again = Pull();
  EXPECT_THAT(source_.read_keys, ElementsAre("geo.zones"));
  EXPECT_EQ(again.items_failed, 0u);
  EXPECT_TRUE(catalog_->KindOf("hive.geo.zones"));
}

TEST_F(PullerTest, ADryRunCountsButWritesNothing) {
  PullReport r = Pull({.dry_run = true});
  EXPECT_EQ(r.outcome, "ok");
  EXPECT_THAT(r.assets.created, UnorderedElementsAre(Pair("table", 3), Pair("column", 4)));
  EXPECT_THAT(Assets(), IsEmpty());
  EXPECT_THAT(*catalog_->store().connectors().ListRuns("hms", 10), IsEmpty());
  EXPECT_THAT(*catalog_->store().connectors().ListItems("hms"), IsEmpty());
}

TEST_F(PullerTest, GroupsAreReadOneByOneAndBigOnesSplitIntoTransactions) {
  std::vector<std::string> progress;
  PullOptions options;
  options.max_batch_assets = 3;
  options.progress = [&](size_t done, size_t total, const std::string& label) {
    progress.push_back(std::to_string(done) + "/" + std::to_string(total) + " " + label);
  };
  PullReport r = Pull(options);
  EXPECT_EQ(source_.reads, 2);  // crm, geo
  EXPECT_THAT(progress, ElementsAre("1/2 crm", "2/2 geo"));
  EXPECT_EQ(r.batches, 3u);  // crm.subs (2 assets) + geo.moves (3) → flush; geo.zones (2)
}

TEST_F(PullerTest, ASourceFailingHalfWayLeavesWholeGroupsAndTheNextPullConverges) {
  source_.fail_on_read = 2;  // crm is written, geo is not
  PullReport failed = Pull();
  EXPECT_EQ(failed.outcome, "failed");
  EXPECT_EQ(failed.error, "source went away");
  EXPECT_TRUE(catalog_->KindOf("hive.crm.subs.msisdn"));
  EXPECT_FALSE(catalog_->KindOf("hive.geo.moves"));
  EXPECT_EQ(catalog_->store().connectors().ListRuns("hms", 1)->at(0).outcome, "failed");

  source_.fail_on_read = -1;
  source_.read_keys.clear();
  PullReport next = Pull();
  EXPECT_EQ(next.outcome, "ok");
  EXPECT_THAT(source_.read_keys, ElementsAre("geo.moves", "geo.zones"));
  EXPECT_EQ(next.items_unchanged, 1u);
  EXPECT_TRUE(catalog_->KindOf("hive.geo.zones.cell_id"));
}

TEST_F(PullerTest, AnUnreachableSourceFailsTheRunAndChangesNothing) {
  source_.connect_error = UnavailableError("cannot connect to fake://test: refused");
  PullReport r = Pull();
  EXPECT_EQ(r.outcome, "failed");
  EXPECT_EQ(r.error, "cannot connect to fake://test: refused");
  EXPECT_THAT(Assets(), IsEmpty());
  EXPECT_THAT(Summary(r), HasSubstr("failed after"));
}

TEST_F(PullerTest, LineageOfOtherProvenancesIsNeverTouched) {
  ASSERT_EQ(Pull().outcome, "ok");
  model::Delta ol;
  ol.replace_edges.push_back(
      {"openlineage:etl", {{"hive.geo.zones.cell_id", "hive.geo.moves.cell_id", model::EdgeKind::kIdentity, "", ""}}});
  ASSERT_THAT(catalog_->Apply(ol), IsOk());
  source_.items["geo.moves"].listed.version = "2";
  source_.items["geo.moves"].mapped.assets[0].description = "cell moves";
  source_.items["geo.moves"].mapped.edges = {
      {"hive.crm.subs.msisdn", "hive.geo.moves.cell_id", model::EdgeKind::kTransformation, "", ""}};
  PullReport r = Pull();
  EXPECT_THAT(r.assets.updated, ElementsAre(Pair("table", 1)));
  EXPECT_EQ(catalog_->EdgesOfProvenance("openlineage:etl")->size(), 1u);
  EXPECT_EQ(catalog_->EdgesOfProvenance("connector:hms/geo.moves")->size(), 1u);
}

TEST_F(PullerTest, AnotherConnectorsItemHoldingARetainedAssetIsReadAgainByItsNextPull) {
  ASSERT_EQ(Pull().outcome, "ok");
  // Connector "ml" (an MLflow model trained on geo.moves.cell_id) holds an edge to it.
  model::Delta ml;
  model::Asset m;
  m.fqn = "mlflow.churn";
  m.kind = model::AssetKind::kModel;
  ml.upsert_assets.push_back(m);
  ml.replace_edges.push_back(
      {"connector:ml/churn", {{"hive.geo.moves.cell_id", "mlflow.churn", model::EdgeKind::kIdentity, "", ""}}});
  model::ConnectorDelta state;
  state.put_items.push_back({"ml", "churn", "v7", "f", {"mlflow.churn"}, {}, {}});
  ConnectorWrite write(std::move(state));
  ASSERT_THAT(catalog_->Apply(ml, &write), IsOk());

  source_.PutTable("geo.moves", {Column("hive.geo.moves.ts", "timestamp")}, "2");
  PullReport r = Pull();
  ASSERT_EQ(r.retained.size(), 1u);
  EXPECT_THAT(r.retained[0].referenced_by, ElementsAre("connector:ml/churn"));
  // ml's next pull reads churn again (its stored version is cleared), drops the edge if the
  // model no longer uses the column, and the pull after that removes the column.
  auto items = catalog_->store().connectors().ListItems("ml");
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].version, "");
  EXPECT_THAT((*items)[0].assets, ElementsAre("mlflow.churn"));
}

TEST_F(PullerTest, AnItemTheSourceCouldNotReadKeepsWhatTheCatalogHoldsAndIsReadAgain) {
  source_.items["geo.zones"].mapped.error = "HTTP 400: INVALID_PARAMETER_VALUE";
  PullReport r = Pull();
  EXPECT_EQ(r.outcome, "ok");
  EXPECT_EQ(r.items_failed, 1u);
  EXPECT_THAT(r.problems, ElementsAre("geo.zones: HTTP 400: INVALID_PARAMETER_VALUE"));
  EXPECT_FALSE(catalog_->KindOf("hive.geo.zones"));
  EXPECT_TRUE(catalog_->KindOf("hive.geo.moves"));
  source_.items["geo.zones"].mapped.error.clear();
  source_.read_keys.clear();
  PullReport again = Pull();
  EXPECT_THAT(source_.read_keys, ElementsAre("geo.zones"));
  EXPECT_TRUE(catalog_->KindOf("hive.geo.zones.cell_id"));
}

}  // namespace
}  // namespace linea::connectors
