#include "catalog/catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>


#include "graph/testing/test_mesh.h"
#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"

namespace linea::catalog {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using graph::testing::MakeAsset;
using graph::testing::MakeEdge;
using K = model::AssetKind;

class CatalogTest : public testing::SqliteCatalogTest {};

TEST_F(CatalogTest, AppliedDeltaIsQueryableAndSurvivesReopen) {
  ASSERT_THAT(catalog_->Apply(graph::testing::SmallMesh()), IsOk());
  auto check = [&] {
    auto impact = catalog_->Impact("hive.raw.a.x", {});
    ASSERT_THAT(impact, IsOk());
    ASSERT_EQ(impact->models.size(), 2u);
    EXPECT_EQ(impact->models[0].fqn, "mlflow.m");
    EXPECT_THAT(impact->models[0].path,
                ElementsAre("hive.raw.a.x", "hive.mart.b.p", "mlflow.m.f1", "mlflow.m"));
    EXPECT_EQ(impact->teams.size(), 4u);  // bi, data (owns the root), ds, other
  };
  check();
  Reopen();
  check();
  EXPECT_EQ(catalog_->stats().assets, 19u);
  EXPECT_EQ(catalog_->stats().links, 9u);
}

TEST_F(CatalogTest, MissingServiceIsCreated) {
  model::Delta d;
  d.upsert_assets.push_back(MakeAsset("kafka.geo_moves", K::kTopic));
  ASSERT_THAT(catalog_->Apply(d), IsOk());
  EXPECT_EQ(catalog_->KindOf("kafka"), K::kService);
}

TEST_F(CatalogTest, UnknownEdgeEndpointFailsWithCandidateAndWritesNothing) {
  ASSERT_THAT(catalog_->Apply(graph::testing::SmallMesh()), IsOk());
  auto before = catalog_->Export();
  ASSERT_THAT(before, IsOk());
  model::Delta d;
  d.upsert_assets.push_back(MakeAsset("hive.mart.e", K::kTable));
  d.replace_edges.push_back({"sql:x", {MakeEdge("hive.mart.b.pp", "hive.mart.c.r")}});
  Result<ApplyStats> r = catalog_->Apply(d);
  ASSERT_THAT(r, StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(r.status().message(), "edge hive.mart.b.pp -> hive.mart.c.r: unknown asset hive.mart.b.pp");
  ASSERT_FALSE(r.status().candidates().empty());
  EXPECT_EQ(r.status().candidates()[0], "hive.mart.b.p");
  EXPECT_FALSE(catalog_->KindOf("hive.mart.e").has_value());
  auto after = catalog_->Export();
  EXPECT_EQ(after->assets, before->assets);
  EXPECT_EQ(after->edges.size(), before->edges.size());
}

TEST_F(CatalogTest, RejectsBadShapes) {
  ASSERT_THAT(catalog_->Apply(graph::testing::SmallMesh()), IsOk());
  model::Delta kind_change;
  kind_change.upsert_assets.push_back(MakeAsset("mlflow.m", K::kTable));
  EXPECT_THAT(catalog_->Apply(kind_change), StatusIs(StatusCode::kAlreadyExists));

  model::Delta orphan;
  orphan.upsert_assets.push_back(MakeAsset("hive.mart.zz.col", K::kColumn));
  EXPECT_THAT(catalog_->Apply(orphan), StatusIs(StatusCode::kNotFound));

  model::Delta feature_on_table;
  feature_on_table.upsert_assets.push_back(MakeAsset("hive.mart.b.f", K::kFeature));
  EXPECT_THAT(catalog_->Apply(feature_on_table), StatusIs(StatusCode::kInvalidArgument));

  model::Delta bad_owner;
  bad_owner.upsert_assets.push_back(MakeAsset("hive.mart.k", K::kTable, {"scoring"}));
  EXPECT_THAT(catalog_->Apply(bad_owner), StatusIs(StatusCode::kInvalidArgument));

  model::Delta bad_fqn;
  bad_fqn.upsert_assets.push_back(MakeAsset("hive..t", K::kTable));
  EXPECT_THAT(catalog_->Apply(bad_fqn), StatusIs(StatusCode::kInvalidArgument));

  model::Delta self_loop;
  self_loop.replace_edges.push_back({"sql:x", {MakeEdge("hive.mart.b.p", "hive.mart.b.p")}});
  EXPECT_THAT(catalog_->Apply(self_loop), StatusIs(StatusCode::kInvalidArgument));

  model::Delta one_segment_table;
  one_segment_table.upsert_assets.push_back(MakeAsset("lonely", K::kTable));
  EXPECT_THAT(catalog_->Apply(one_segment_table), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(catalog_->stats().assets, 19u);
}

TEST_F(CatalogTest, DeleteRemovesChildrenAndEdgesEverywhere) {
  ASSERT_THAT(catalog_->Apply(graph::testing::SmallMesh()), IsOk());
  Result<ApplyStats> r = catalog_->Apply(DeleteDelta("hive.mart.c"));
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->assets_deleted, 2u);
  EXPECT_FALSE(catalog_->KindOf("hive.mart.c.r").has_value());
  Reopen();
  EXPECT_FALSE(catalog_->KindOf("hive.mart.c.r").has_value());
  EXPECT_EQ(catalog_->stats().links, 6u);
  EXPECT_THAT(catalog_->Apply(DeleteDelta("hive.mart.c")), StatusIs(StatusCode::kNotFound));
}

TEST_F(CatalogTest, BrowseListsOneFqnLevelWithAssetCounts) {
  ASSERT_THAT(catalog_->Apply(graph::testing::SmallMesh()), IsOk());
  model::Delta d;
  d.upsert_assets.push_back(MakeAsset("kafka", K::kService));
  d.upsert_assets.push_back(MakeAsset("kafka.\"geo.moves\"", K::kTopic));
  d.upsert_assets.push_back(MakeAsset("kafka.\"geo.moves\".cell", K::kColumn));
  ASSERT_THAT(catalog_->Apply(d), IsOk());
  auto names = [](const BrowseLevel& level) {
    std::vector<std::string> out;
    for (const BrowseEntry& e : level.entries) {
      out.push_back(e.name + ":" + (e.kind ? std::string(model::KindName(*e.kind)) : "-") + ":" +
                    std::to_string(e.assets));
    }
    return out;
  };
  Result<BrowseLevel> top = catalog_->Browse("");
  ASSERT_THAT(top, IsOk());
  EXPECT_FALSE(top->kind.has_value());
  EXPECT_THAT(names(*top), ElementsAre("hive:service:9", "kafka:service:3", "mlflow:service:6",
                                       "qlik:service:2", "seldon:service:2"));
  // A Hive database is a level, not an asset.
  Result<BrowseLevel> hive = catalog_->Browse("hive");
  ASSERT_THAT(hive, IsOk());
  EXPECT_EQ(hive->kind, K::kService);
  EXPECT_THAT(names(*hive), ElementsAre("mart:-:5", "raw:-:3"));
  EXPECT_THAT(names(*catalog_->Browse("hive.mart")), ElementsAre("b:table:3", "c:table:2"));
  EXPECT_THAT(names(*catalog_->Browse("hive.mart.b")), ElementsAre("p:column:1", "q:column:1"));
  // A quoted segment keeps its dots.
  EXPECT_THAT(names(*catalog_->Browse("kafka")), ElementsAre("\"geo.moves\":topic:2"));
  EXPECT_EQ(catalog_->Browse("kafka.\"geo.moves\"")->entries[0].fqn, "kafka.\"geo.moves\".cell");
  // A leaf has no entries; an unknown prefix is kNotFound with candidates.
  EXPECT_THAT(names(*catalog_->Browse("hive.mart.b.p")), IsEmpty());
  EXPECT_THAT(catalog_->Browse("hive.mrt"), StatusIs(StatusCode::kNotFound));
  EXPECT_THAT(catalog_->Browse("hive.ma"), StatusIs(StatusCode::kNotFound));  // not a prefix match
}

TEST_F(CatalogTest, SearchIsTypoTolerantAndFiltered) {
  ASSERT_THAT(catalog_->Apply(graph::testing::SmallMesh()), IsOk());
  model::Delta d;
  d.upsert_assets.push_back(MakeAsset("mlflow.churn_scoring", K::kModel, {"team:ds"}, "scoring"));
  d.upsert_assets.push_back(MakeAsset("mlflow.churn_scoring.arpu_3m", K::kFeature));
  d.upsert_assets.push_back(MakeAsset("hive.mart.b.arpu_3m", K::kColumn));
  ASSERT_THAT(catalog_->Apply(d), IsOk());

  SearchResults r = catalog_->Search({.text = "chrun"});
  ASSERT_FALSE(r.results.empty());
  EXPECT_EQ(r.results[0].fqn, "mlflow.churn_scoring");

  r = catalog_->Search({.text = "arpu"});
  ASSERT_EQ(r.total, 2u);
  // The same name: the feature's kind boost (+0.01) puts it above the column.
  EXPECT_EQ(r.results[0].fqn, "mlflow.churn_scoring.arpu_3m");
  EXPECT_EQ(r.results[1].fqn, "hive.mart.b.arpu_3m");
  EXPECT_NEAR(r.results[0].score - r.results[1].score, 0.01, 1e-9);
  EXPECT_THAT(r.results[0].owners, ElementsAre("team:ds"));

  r = catalog_->Search({.text = "arpu", .kind = K::kFeature});
  ASSERT_EQ(r.total, 1u);
  EXPECT_EQ(r.results[0].fqn, "mlflow.churn_scoring.arpu_3m");

  r = catalog_->Search({.text = "arpu", .owner = "team:data"});
  ASSERT_EQ(r.total, 1u);
  EXPECT_EQ(r.results[0].fqn, "hive.mart.b.arpu_3m");

  r = catalog_->Search({.text = "churn_scoring.arpu_3m"});
  ASSERT_EQ(r.total, 1u);

  ASSERT_THAT(catalog_->Apply(DeleteDelta("mlflow.churn_scoring")), IsOk());
  r = catalog_->Search({.text = "arpu"});
  EXPECT_EQ(r.total, 1u);
}

TEST_F(CatalogTest, ImportGroupsEdgesByProvenanceAndExportRoundTrips) {
  model::CatalogDocument doc;
  doc.teams.push_back({"geo", "geo team", {{"email", {{"address", "geo@example.com"}}}}});
  doc.assets.push_back(MakeAsset("hive.geo.t", K::kTable, {"team:geo"}, "geo"));
  doc.assets.push_back(MakeAsset("hive.geo.t.a", K::kColumn));
  doc.assets.push_back(MakeAsset("hive.geo.u", K::kTable));
  doc.assets.push_back(MakeAsset("hive.geo.u.b", K::kColumn));
  doc.edges.push_back(MakeEdge("hive.geo.t.a", "hive.geo.u.b"));
  doc.edges.push_back(MakeEdge("hive.geo.t", "hive.geo.u"));
  doc.edges.back().provenance = "sql:q1";
  ASSERT_THAT(catalog_->Apply(ImportDelta(doc, "api:cli")), IsOk());
  auto exported = catalog_->Export();
  ASSERT_THAT(exported, IsOk());
  ASSERT_EQ(exported->edges.size(), 2u);
  EXPECT_EQ(exported->edges[0].provenance, "api:cli");
  EXPECT_EQ(exported->edges[1].provenance, "sql:q1");
  EXPECT_EQ(exported->assets.size(), 5u);  // + service hive
  EXPECT_EQ(exported->teams, doc.teams);
  // Re-importing with the api:cli edge gone removes it.
  doc.edges.erase(doc.edges.begin());
  doc.provenance = "api:cli";
  ASSERT_THAT(catalog_->Apply(ImportDelta(doc, "api:cli")), IsOk());
  EXPECT_EQ(catalog_->Export()->edges.size(), 2u);  // api:cli not in the document: untouched
}

TEST_F(CatalogTest, UnknownAssetSuggestsNearest) {
  ASSERT_THAT(catalog_->Apply(graph::testing::SmallMesh()), IsOk());
  Status s = catalog_->Impact("hive.mart.b.pp", {}).status();
  EXPECT_THAT(s, StatusIs(StatusCode::kNotFound));
  ASSERT_FALSE(s.candidates().empty());
  EXPECT_EQ(s.candidates()[0], "hive.mart.b.p");
  EXPECT_THAT(catalog_->Suggest("zzz.qqq"), IsEmpty());
}

class SmallMeshCatalogTest : public testing::SmallMeshCatalogTest {};

TEST_F(SmallMeshCatalogTest, PreviewDeleteListsDescendantsAndCountsLinksOnce) {
  auto preview = catalog_->PreviewDelete("hive.mart.b");
  ASSERT_THAT(preview, IsOk());
  EXPECT_EQ(preview->fqn, "hive.mart.b");
  EXPECT_EQ(preview->kind, model::AssetKind::kTable);
  EXPECT_THAT(preview->assets, ElementsAre("hive.mart.b", "hive.mart.b.p", "hive.mart.b.q"));
  // a.x→p, a.y→q, p→c.r, q→a.y, p→m.f1, q→m.f2.
  EXPECT_EQ(preview->links, 6u);
  auto service = catalog_->PreviewDelete("mlflow");
  ASSERT_THAT(service, IsOk());
  EXPECT_EQ(service->assets.size(), 6u);  // mlflow, m, m.f1, m.f2, n, n.g
  // m→m_prod, b.p→f1, b.q→f2, c.r→n.g.
  EXPECT_EQ(service->links, 4u);
  EXPECT_THAT(catalog_->PreviewDelete("hive.mart.bb"), StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(catalog_->KindOf("hive.mart.b"), model::AssetKind::kTable);  // a preview only
}

TEST_F(SmallMeshCatalogTest, ProvenancesTouchingCoverTheAssetAndItsChildren) {
  EXPECT_THAT(catalog_->ProvenancesTouching("hive.mart.b"),
              ElementsAre("manifest:mlflow.m", "sql:etl_b", "sql:etl_c"));
  EXPECT_THAT(catalog_->ProvenancesTouching("hive.mart.zz"), IsEmpty());
}

}  // namespace
}  // namespace linea::catalog

namespace linea::catalog {
namespace {

// A real SQLite store whose batch commit and reload can be made to fail, as a full disk or a
// vanished file would make them.
class FailingStore final : public store::Store, public store::LineageStore {
 public:
  explicit FailingStore(std::unique_ptr<store::Store> real) : real_(std::move(real)) {}
  bool fail_commit = false;
  bool fail_load = false;

  Status Write(const std::function<Status(store::WriteTxn&)>& write) override {
    return real_->Write(write);
  }
  Status BeginBatch() override { return real_->BeginBatch(); }
  Status CommitBatch() override {
    if (!fail_commit) return real_->CommitBatch();
    real_->RollbackBatch().IgnoreError();
    return UnavailableError("disk full");
  }
  Status RollbackBatch() override { return real_->RollbackBatch(); }
  store::LineageStore& lineage() override { return *this; }
  store::RunStore& runs() override { return real_->runs(); }
  store::IncidentStore& incidents() override { return real_->incidents(); }
  store::TokenStore& tokens() override { return real_->tokens(); }
  store::ConnectorStore& connectors() override { return real_->connectors(); }
  store::AuditStore& audit() override { return real_->audit(); }
  store::QualityStore& quality() override { return real_->quality(); }
  int schema_version() const override { return real_->schema_version(); }

  // store::LineageStore: Load fails when armed.
  Status Write(store::WriteTxn& txn, const model::Delta& delta) override {
    return real_->lineage().Write(txn, delta);
  }
  Status Load(store::LoadVisitor& visitor) override {
    if (fail_load) return UnavailableError("cannot read linea.db");
    return real_->lineage().Load(visitor);
  }
  Result<std::optional<model::Asset>> GetAsset(std::string_view fqn) override {
    return real_->lineage().GetAsset(fqn);
  }
  Result<std::vector<model::Asset>> ListAssets() override { return real_->lineage().ListAssets(); }
  Result<std::vector<model::Edge>> ListEdges() override { return real_->lineage().ListEdges(); }
  Result<std::vector<model::Edge>> EdgesOfProvenance(std::string_view provenance) override {
    return real_->lineage().EdgesOfProvenance(provenance);
  }
  Result<std::vector<model::Team>> ListTeams() override { return real_->lineage().ListTeams(); }
  Result<std::vector<model::User>> ListUsers() override { return real_->lineage().ListUsers(); }

 private:
  std::unique_ptr<store::Store> real_;
};

class CatalogReloadFailureTest : public testing::SqliteCatalogTest {
 protected:
  // The catalog over a FailingStore holding SmallMesh.
  void SetUp() override {
    SqliteCatalogTest::SetUp();
    catalog_.reset();
    auto real = store::OpenSqliteStore({.path = (dir_ / "failing.db").string()});
    ASSERT_THAT(real, IsOk());
    auto failing = std::make_unique<FailingStore>(std::move(*real));
    store_ = failing.get();
    auto catalog = Catalog::Open(std::move(failing));
    ASSERT_THAT(catalog, IsOk());
    catalog_ = std::move(*catalog);
    ASSERT_THAT(catalog_->Apply(graph::testing::SmallMesh()), IsOk());
  }
  model::Delta NewTable() {
    model::Delta d;
    d.upsert_assets.push_back(MakeAsset("hive.mart.fresh", K::kTable));
    return d;
  }
  void ExpectRefusing() {
    EXPECT_THAT(catalog_->health(), StatusIs(StatusCode::kUnavailable));
    EXPECT_THAT(catalog_->health().message(),
                ::testing::HasSubstr("could not reload from its store after a failed batch"));
    EXPECT_THAT(catalog_->Impact("hive.raw.a.x", {}), StatusIs(StatusCode::kUnavailable));
    EXPECT_THAT(catalog_->GetAsset("hive.raw.a"), StatusIs(StatusCode::kUnavailable));
    EXPECT_THAT(catalog_->Export(), StatusIs(StatusCode::kUnavailable));
    EXPECT_THAT(catalog_->Apply(NewTable()), StatusIs(StatusCode::kUnavailable));
    EXPECT_THAT(catalog_->BeginBatch(), StatusIs(StatusCode::kUnavailable));
  }

  FailingStore* store_ = nullptr;
};

// A batch whose commit fails must not leave its writes in the graph; when reloading the graph
// from the store fails too, the catalog refuses work instead of serving a graph the store does
// not hold.
TEST_F(CatalogReloadFailureTest, FailedCommitAndFailedReloadLeaveTheCatalogRefusing) {
  auto batch = std::move(*catalog_->BeginBatch());
  ASSERT_THAT(batch->Apply(NewTable()), IsOk());
  EXPECT_EQ(catalog_->KindOf("hive.mart.fresh"), K::kTable);  // in the graph, not yet durable
  store_->fail_commit = true;
  store_->fail_load = true;
  EXPECT_THAT(batch->Commit(), StatusIs(StatusCode::kUnavailable));
  ExpectRefusing();
}

TEST_F(CatalogReloadFailureTest, DroppedBatchWithAFailedReloadLeavesTheCatalogRefusing) {
  {
    auto batch = std::move(*catalog_->BeginBatch());
    ASSERT_THAT(batch->Apply(NewTable()), IsOk());
    store_->fail_load = true;
  }  // dropped without Commit()
  ExpectRefusing();
}

TEST_F(CatalogReloadFailureTest, FailedCommitWithAWorkingReloadDropsTheBatch) {
  auto batch = std::move(*catalog_->BeginBatch());
  ASSERT_THAT(batch->Apply(NewTable()), IsOk());
  store_->fail_commit = true;
  EXPECT_THAT(batch->Commit(), StatusIs(StatusCode::kUnavailable));
  EXPECT_THAT(catalog_->health(), IsOk());
  EXPECT_FALSE(catalog_->KindOf("hive.mart.fresh"));
  EXPECT_THAT(catalog_->Impact("hive.raw.a.x", {}), IsOk());
}

}  // namespace
}  // namespace linea::catalog
