// Catalog::Apply() with a Writer: one audit record per write, with exact counts, in the write's
// transaction; refusals and failures in their own; none without a writer; PruneAudit().
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"
#include "graph/testing/test_mesh.h"

namespace linea::catalog {
namespace {

using graph::testing::MakeAsset;
using graph::testing::MakeEdge;
using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using K = model::AssetKind;

Writer Ci() { return {"ci", "writer", "PUT /api/v1/lineage", std::nullopt, false}; }

class CatalogAuditTest : public testing::SmallMeshCatalogTest {
 protected:
  std::vector<store::AuditRecord> Audit(store::AuditFilter filter = {}) {
    Result<std::vector<store::AuditRecord>> records = catalog_->store().audit().List(filter);
    EXPECT_THAT(records.status(), IsOk());
    return records.ok() ? *records : std::vector<store::AuditRecord>{};
  }
};

// A record's fields besides id and at_ms, which the catalog assigns.
store::AuditRecord WithoutIdAndTime(store::AuditRecord r) {
  r.id = 0;
  r.at_ms = 0;
  return r;
}

TEST_F(CatalogAuditTest, AWriteWithAWriterRecordsOneRecordWithExactCounts) {
  model::Delta d;
  d.upsert_assets.push_back(MakeAsset("hive.mart.e", K::kTable));                 // added
  d.upsert_assets.push_back(MakeAsset("hive.mart.e.id", K::kColumn));             // added
  d.upsert_assets.push_back(MakeAsset("hive.mart.b", K::kTable, {"team:data"}));  // changed
  d.delete_assets.push_back("hive.mart.c");  // and its column hive.mart.c.r
  d.replace_edges.push_back(
      {"sql:etl_e",
       {MakeEdge("hive.mart.b.p", "hive.mart.e.id"), MakeEdge("hive.mart.b.q", "hive.mart.e.id")}});
  d.replace_edges.push_back({"api:bi", {MakeEdge("hive.mart.b", "qlik.d")}});
  d.upsert_teams.push_back({"geo", "geo team", {}});
  const Writer ci = Ci();
  ASSERT_THAT(Audit(), IsEmpty());  // SmallMesh was applied without a writer

  Result<ApplyStats> stats = catalog_->Apply(d, nullptr, &ci);
  ASSERT_THAT(stats, IsOk());

  std::vector<store::AuditRecord> records = Audit();
  ASSERT_EQ(records.size(), 1u);
  store::AuditRecord expected;
  expected.actor = "ci";
  expected.role = "writer";
  expected.action = "PUT /api/v1/lineage";
  expected.outcome = "ok";
  expected.provenances = {"api:bi", "sql:etl_e"};
  expected.provenances_total = 2;
  expected.assets_added = 2;
  expected.assets_changed = 1;
  expected.assets_removed = 2;
  expected.edge_sets_replaced = 2;
  expected.edges_written = 3;
  expected.teams_changed = 1;
  EXPECT_EQ(WithoutIdAndTime(records[0]), expected);
  EXPECT_GT(records[0].id, 0);
  EXPECT_GT(records[0].at_ms, 1'700'000'000'000);  // unix milliseconds, not seconds
  Reopen();
  EXPECT_EQ(Audit(), records);  // durable with the write
}

TEST_F(CatalogAuditTest, ProvenancesAreSortedDeduplicatedAndCappedAtTwentyWithTheirTotal) {
  model::Delta d;
  for (int i = 24; i >= 0; --i) {  // 25 edge sets, given in descending order
    char name[16];
    std::snprintf(name, sizeof name, "sql:job%02d", i);
    d.replace_edges.push_back({name, {MakeEdge("hive.raw.a.x", "hive.mart.b.p")}});
  }
  const Writer ci = Ci();
  ASSERT_THAT(catalog_->Apply(d, nullptr, &ci), IsOk());

  std::vector<store::AuditRecord> records = Audit();
  ASSERT_EQ(records.size(), 1u);
  ASSERT_EQ(records[0].provenances.size(), 20u);
  EXPECT_EQ(records[0].provenances.front(), "sql:job00");
  EXPECT_EQ(records[0].provenances.back(), "sql:job19");
  EXPECT_TRUE(std::is_sorted(records[0].provenances.begin(), records[0].provenances.end()));
  EXPECT_EQ(records[0].provenances_total, 25);
  EXPECT_EQ(records[0].edge_sets_replaced, 25);
  EXPECT_EQ(records[0].edges_written, 25);
  EXPECT_EQ(records[0].assets_added + records[0].assets_changed + records[0].assets_removed, 0);
}

TEST_F(CatalogAuditTest, AnInvalidWriteIsRecordedWithItsMessageAndChangesNothingElse) {
  auto before = catalog_->Export();
  ASSERT_THAT(before, IsOk());
  model::Delta d;
  d.upsert_assets.push_back(MakeAsset("hive.mart.fresh", K::kTable));
  d.upsert_assets.push_back(MakeAsset("hive.mart.k", K::kTable, {"scoring"}));  // bad owner
  const Writer ci = Ci();

  Result<ApplyStats> stats = catalog_->Apply(d, nullptr, &ci);
  ASSERT_THAT(stats, StatusIs(StatusCode::kInvalidArgument));

  std::vector<store::AuditRecord> records = Audit();
  ASSERT_EQ(records.size(), 1u);
  store::AuditRecord expected;
  expected.actor = "ci";
  expected.role = "writer";
  expected.action = "PUT /api/v1/lineage";
  expected.outcome = "invalid_argument";
  expected.error = stats.status().message();
  EXPECT_EQ(WithoutIdAndTime(records[0]), expected);
  EXPECT_FALSE(expected.error.empty());
  EXPECT_FALSE(catalog_->KindOf("hive.mart.fresh").has_value());
  Reopen();
  auto after = catalog_->Export();
  ASSERT_THAT(after, IsOk());
  EXPECT_EQ(after->assets, before->assets);
  EXPECT_EQ(after->edges.size(), before->edges.size());
  EXPECT_EQ(after->teams, before->teams);
  EXPECT_EQ(Audit().size(), 1u);
}

TEST_F(CatalogAuditTest, AWriteOutOfTheWritersScopeIsRecordedAsPermissionDenied) {
  Writer geo{"ci-geo", "writer", "POST /api/v1/manifests", WriteScope{.domains = {"geo"}}, false};
  model::Delta d;
  d.upsert_assets.push_back(MakeAsset("mlflow.m", K::kModel, {"team:ds"}, "scoring"));

  Result<ApplyStats> stats = catalog_->Apply(d, nullptr, &geo);
  ASSERT_THAT(stats, StatusIs(StatusCode::kPermissionDenied));

  std::vector<store::AuditRecord> records = Audit();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].actor, "ci-geo");
  EXPECT_EQ(records[0].action, "POST /api/v1/manifests");
  EXPECT_EQ(records[0].outcome, "permission_denied");
  EXPECT_EQ(records[0].error, stats.status().message());
  EXPECT_EQ(records[0].assets_changed, 0);  // a refusal carries no counts
}

TEST_F(CatalogAuditTest, AWriteWithoutAWriterRecordsNothing) {
  model::Delta d;
  d.upsert_assets.push_back(MakeAsset("hive.mart.e", K::kTable));
  ASSERT_THAT(catalog_->Apply(d), IsOk());
  model::Delta bad;
  bad.upsert_assets.push_back(MakeAsset("hive..t", K::kTable));
  ASSERT_THAT(catalog_->Apply(bad), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Audit(), IsEmpty());
}

TEST_F(CatalogAuditTest, AnEmptyWriteWithAWriterIsStillRecorded) {
  const Writer ci = Ci();
  ASSERT_THAT(catalog_->Apply(model::Delta{}, nullptr, &ci), IsOk());
  std::vector<store::AuditRecord> records = Audit();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].outcome, "ok");
  EXPECT_EQ(records[0].edge_sets_replaced, 0);
}

// The domain part's AuditDetail() becomes the record's detail; a failure of its Write() rolls
// back the write and its "ok" record, and is recorded in a transaction of its own.
class FakeDomainWrite final : public DomainWrite {
 public:
  explicit FakeDomainWrite(Status write_result) : write_result_(std::move(write_result)) {}
  Status Validate(const FutureCatalog&) override { return Status(); }
  Status Write(store::Store&, store::WriteTxn&) override { return write_result_; }
  void Publish() override { ++published; }
  std::string AuditDetail() const override { return "token ci-churn created (writer)"; }
  int published = 0;

 private:
  Status write_result_;
};

TEST_F(CatalogAuditTest, TheDomainPartsDetailIsRecorded) {
  FakeDomainWrite domain{Status()};
  const Writer admin{"ops", "admin", "POST /api/v1/tokens", std::nullopt, true};
  ASSERT_THAT(catalog_->Apply(model::Delta{}, &domain, &admin), IsOk());
  std::vector<store::AuditRecord> records = Audit();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].detail, "token ci-churn created (writer)");
  EXPECT_EQ(records[0].role, "admin");
  EXPECT_EQ(domain.published, 1);
}

TEST_F(CatalogAuditTest, AFailingDomainWriteLeavesOnlyItsFailureRecord) {
  FakeDomainWrite domain{AlreadyExistsError("token ci-churn already exists")};
  const Writer admin{"ops", "admin", "POST /api/v1/tokens", std::nullopt, true};
  model::Delta d;
  d.upsert_assets.push_back(MakeAsset("hive.mart.e", K::kTable));
  ASSERT_THAT(catalog_->Apply(d, &domain, &admin), StatusIs(StatusCode::kAlreadyExists));
  std::vector<store::AuditRecord> records = Audit();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].outcome, "already_exists");
  EXPECT_EQ(records[0].error, "token ci-churn already exists");
  EXPECT_EQ(records[0].assets_added, 0);
  EXPECT_FALSE(catalog_->KindOf("hive.mart.e").has_value());
  EXPECT_EQ(domain.published, 0);
}

TEST_F(CatalogAuditTest, ABatchsRecordsCommitWithTheBatch) {
  const Writer ci = Ci();
  {
    auto batch = catalog_->BeginBatch();
    ASSERT_THAT(batch, IsOk());
    model::Delta d;
    d.upsert_assets.push_back(MakeAsset("hive.mart.e", K::kTable));
    ASSERT_THAT((*batch)->Apply(d, nullptr, &ci), IsOk());
    model::Delta bad;
    bad.upsert_assets.push_back(MakeAsset("hive..t", K::kTable));
    ASSERT_THAT((*batch)->Apply(bad, nullptr, &ci), StatusIs(StatusCode::kInvalidArgument));
    ASSERT_THAT((*batch)->Commit(), IsOk());
  }
  std::vector<store::AuditRecord> records = Audit();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].outcome, "invalid_argument");
  EXPECT_EQ(records[1].outcome, "ok");
  EXPECT_EQ(records[1].assets_added, 1);
  Reopen();
  EXPECT_EQ(Audit().size(), 2u);
}

TEST_F(CatalogAuditTest, ABatchsRecordsRollBackWithTheBatch) {
  const Writer ci = Ci();
  {
    auto batch = catalog_->BeginBatch();
    ASSERT_THAT(batch, IsOk());
    model::Delta d;
    d.upsert_assets.push_back(MakeAsset("hive.mart.e", K::kTable));
    ASSERT_THAT((*batch)->Apply(d, nullptr, &ci), IsOk());
    model::Delta bad;
    bad.upsert_assets.push_back(MakeAsset("hive..t", K::kTable));
    ASSERT_THAT((*batch)->Apply(bad, nullptr, &ci), StatusIs(StatusCode::kInvalidArgument));
  }  // dropped without Commit()
  EXPECT_THAT(Audit(), IsEmpty());
  EXPECT_FALSE(catalog_->KindOf("hive.mart.e").has_value());
}

TEST_F(CatalogAuditTest, PruneAuditRemovesOnlyOlderRecords) {
  const Writer ci = Ci();
  ASSERT_THAT(catalog_->Apply(model::Delta{}, nullptr, &ci), IsOk());
  ASSERT_THAT(catalog_->Apply(model::Delta{}, nullptr, &ci), IsOk());
  std::vector<store::AuditRecord> records = Audit();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(*catalog_->PruneAudit(records[1].at_ms), 0);  // at_ms == before_ms stays
  EXPECT_EQ(*catalog_->PruneAudit(records[0].at_ms + 1), 2);
  EXPECT_THAT(Audit(), IsEmpty());
}

}  // namespace
}  // namespace linea::catalog
