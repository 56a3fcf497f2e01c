// Scoped writers (catalog/writer.h): what a token limited to a domain, FQN prefixes,
// provenances and teams may change — checked on the closed delta before anything is written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"
#include "graph/testing/test_mesh.h"

namespace linea::catalog {
namespace {

using ::linea::graph::testing::MakeAsset;
using ::linea::graph::testing::MakeEdge;
using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::HasSubstr;
using K = model::AssetKind;

Writer Scoped(WriteScope scope) {
  return {"ci-geo", "writer", "test", std::move(scope), /*admin=*/false};
}

class WriterScopeTest : public testing::SmallMeshCatalogTest {
 protected:
  // The newest audit record.
  store::AuditRecord LastAudit() {
    Result<std::vector<store::AuditRecord>> records =
        catalog_->store().audit().List({.limit = 1});
    EXPECT_THAT(records, IsOk());
    return records.ok() && !records->empty() ? records->front() : store::AuditRecord{};
  }
  std::string Description(std::string_view fqn) {
    Result<model::Asset> a = catalog_->GetAsset(fqn);
    return a.ok() ? a->description : "<missing>";
  }
};

TEST_F(WriterScopeTest, ADomainScopeCoversItsAssetsAndTheirNewChildren) {
  const Writer geo = Scoped({.domains = {"geo"}});
  model::Delta in_scope;
  in_scope.upsert_assets.push_back(MakeAsset("hive.mart.b", K::kTable, {"team:data"}, "geo"));
  in_scope.upsert_assets.back().description = "moves per day";
  in_scope.upsert_assets.push_back(MakeAsset("hive.mart.b.z", K::kColumn));  // inherits geo
  ASSERT_THAT(catalog_->Apply(in_scope, nullptr, &geo), IsOk());
  EXPECT_EQ(Description("hive.mart.b"), "moves per day");

  model::Delta other;
  other.upsert_assets.push_back(MakeAsset("mlflow.n", K::kModel, {"team:other"}, "crm"));
  other.upsert_assets.back().description = "taken over";
  Status denied = catalog_->Apply(other, nullptr, &geo).status();
  EXPECT_THAT(denied, StatusIs(StatusCode::kPermissionDenied));
  EXPECT_EQ(denied.message(),
            "token ci-geo may not change mlflow.n (domain crm): its scope covers domains [geo]");
  EXPECT_EQ(Description("mlflow.n"), "");
}

TEST_F(WriterScopeTest, MovingAnAssetIntoItsDomainIsNotAWayIn) {
  const Writer geo = Scoped({.domains = {"geo"}});
  model::Delta steal;
  steal.upsert_assets.push_back(MakeAsset("mlflow.n", K::kModel, {"team:data"}, "geo"));
  EXPECT_THAT(catalog_->Apply(steal, nullptr, &geo), StatusIs(StatusCode::kPermissionDenied));
  model::Delta give_away;  // out of its domain: it must still own the asset now
  give_away.upsert_assets.push_back(MakeAsset("hive.mart.c", K::kTable, {"team:data"}, "crm"));
  EXPECT_THAT(catalog_->Apply(give_away, nullptr, &geo), StatusIs(StatusCode::kPermissionDenied));
}

TEST_F(WriterScopeTest, PrefixesAreWholeSegments) {
  const Writer mart = Scoped({.fqn_prefixes = {"hive.mart"}});
  model::Delta under;
  under.upsert_assets.push_back(MakeAsset("hive.mart.new_table", K::kTable));
  EXPECT_THAT(catalog_->Apply(under, nullptr, &mart), IsOk());
  model::Delta lookalike;
  lookalike.upsert_assets.push_back(MakeAsset("hive.martian", K::kTable));
  Status denied = catalog_->Apply(lookalike, nullptr, &mart).status();
  EXPECT_EQ(denied.message(),
            "token ci-geo may not change hive.martian (no domain): its scope covers prefixes "
            "[hive.mart]");
}

TEST_F(WriterScopeTest, AWriteMayCreateTheEmptyServiceItsAssetsLiveIn) {
  const Writer kafka = Scoped({.fqn_prefixes = {"kafka.geo"}});
  model::Delta topics;
  topics.upsert_assets.push_back(MakeAsset("kafka.geo.moves", K::kTopic));  // "kafka" is new
  EXPECT_THAT(catalog_->Apply(topics, nullptr, &kafka), IsOk());
  model::Delta describe_service;
  describe_service.upsert_assets.push_back(MakeAsset("kafka", K::kService, {"team:data"}));
  EXPECT_THAT(catalog_->Apply(describe_service, nullptr, &kafka),
              StatusIs(StatusCode::kPermissionDenied));
}

TEST_F(WriterScopeTest, DeletesAreCheckedOnTheClosedSetAndLargeOnesNeedAnAdmin) {
  const Writer geo = Scoped({.domains = {"geo"}});
  EXPECT_THAT(catalog_->Apply(DeleteDelta("mlflow.n"), nullptr, &geo),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_TRUE(catalog_->GetAsset("mlflow.n.g").ok());

  Status service = catalog_->Apply(DeleteDelta("hive"), nullptr, &geo).status();
  EXPECT_EQ(service.message(), "deleting hive (a service, 9 assets) needs an admin token");
  const Writer unscoped{"ci", "writer", "test", std::nullopt, false};
  EXPECT_THAT(catalog_->Apply(DeleteDelta("hive"), nullptr, &unscoped),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_TRUE(catalog_->GetAsset("hive.raw.a.x").ok());

  const Writer admin{"ops", "admin", "test", std::nullopt, true};
  EXPECT_THAT(catalog_->Apply(DeleteDelta("hive"), nullptr, &admin), IsOk());
  EXPECT_FALSE(catalog_->GetAsset("hive.raw.a.x").ok());
}

TEST_F(WriterScopeTest, MoreThanTheWriterLimitOfAssetsNeedsAnAdmin) {
  model::Delta big;
  for (size_t i = 0; i < kMaxAssetsDeletedByWriter; ++i) {
    big.upsert_assets.push_back(MakeAsset("hive.mart.c.c" + std::to_string(i), K::kColumn));
  }
  ASSERT_THAT(catalog_->Apply(big), IsOk());
  const Writer writer{"ci", "writer", "test", std::nullopt, false};
  Status denied = catalog_->Apply(DeleteDelta("hive.mart.c"), nullptr, &writer).status();
  EXPECT_EQ(denied.message(),
            "deleting 1002 assets at once needs an admin token (a writer may delete up to 1000)");
  EXPECT_THAT(catalog_->Apply(DeleteDelta("hive.mart.c.c7"), nullptr, &writer), IsOk());
}

TEST_F(WriterScopeTest, ProvenancesAndEdgeTargetsAreChecked) {
  const Writer manifests = Scoped({.domains = {"scoring"}, .provenances = {"manifest:mlflow.m"}});
  model::Delta own;
  own.replace_edges.push_back({"manifest:mlflow.m", {MakeEdge("hive.mart.b.q", "mlflow.m.f1")}});
  EXPECT_THAT(catalog_->Apply(own, nullptr, &manifests), IsOk());

  model::Delta wipe;  // another team's manifest edges
  wipe.replace_edges.push_back({"manifest:mlflow.n", {}});
  Status denied = catalog_->Apply(wipe, nullptr, &manifests).status();
  EXPECT_EQ(denied.message(),
            "token ci-geo may not replace the edges of manifest:mlflow.n: its scope covers "
            "provenances [manifest:mlflow.m]");
  EXPECT_EQ(catalog_->EdgesOfProvenance("manifest:mlflow.n")->size(), 1u);

  model::Delta into_other;  // its own provenance, but lineage into another domain's asset
  into_other.replace_edges.push_back(
      {"manifest:mlflow.m", {MakeEdge("hive.mart.b.q", "mlflow.n.g")}});
  EXPECT_THAT(catalog_->Apply(into_other, nullptr, &manifests),
              StatusIs(StatusCode::kPermissionDenied));
}

TEST_F(WriterScopeTest, TeamsNeedTheTeamInTheScopeAndRefusalsAreAudited) {
  const Writer geo = Scoped({.domains = {"geo"}, .teams = {"data"}});
  model::Delta own;
  own.upsert_teams.push_back({"data", "geo data", {{"email", {{"address", "data@example.com"}}}}});
  EXPECT_THAT(catalog_->Apply(own, nullptr, &geo), IsOk());

  model::Delta hijack;
  hijack.upsert_teams.push_back(
      {"ds", "", {{"webhook", {{"url", "https://attacker.example/hook"}}}}});
  Status denied = catalog_->Apply(hijack, nullptr, &geo).status();
  EXPECT_EQ(denied.message(),
            "token ci-geo may not change team ds: its scope covers teams [data] (an admin may "
            "change any team)");
  EXPECT_EQ(catalog_->GetTeam("ds")->contacts[0].type, "email");

  store::AuditRecord refused = LastAudit();
  EXPECT_EQ(refused.actor, "ci-geo");
  EXPECT_EQ(refused.role, "writer");
  EXPECT_EQ(refused.outcome, "permission_denied");
  EXPECT_EQ(refused.error, denied.message());
  EXPECT_EQ(refused.teams_changed, 0);
}

TEST_F(WriterScopeTest, AnUnscopedWriterMayChangeAnyTeamAsBefore) {
  const Writer legacy{"old-ci", "writer", "test", std::nullopt, false};
  model::Delta team;
  team.upsert_teams.push_back({"ds", "renamed", {}});
  EXPECT_THAT(catalog_->Apply(team, nullptr, &legacy), IsOk());
  store::AuditRecord ok = LastAudit();
  EXPECT_EQ(ok.outcome, "ok");
  EXPECT_EQ(ok.teams_changed, 1);
}

}  // namespace
}  // namespace linea::catalog
