#include "ingest/manifest/manifest_planner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "graph/testing/test_mesh.h"
#include "ingest/manifest/manifest_parser.h"
#include "store/sqlite/sqlite_store.h"
#include "common/testing/status_matchers.h"

namespace linea::manifest {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ManifestPlannerTest : public ::testing::Test {
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
    ASSERT_THAT(catalog_->Apply(graph::testing::SmallMesh()), IsOk());
  }

  Plan PlanText(const std::string& yaml) {
    ParseOutput parsed = ParseManifests(yaml, "lineage.yaml");
    EXPECT_THAT(parsed.errors, IsEmpty());
    return PlanManifests(parsed.manifests, *catalog_);
  }

  std::unique_ptr<catalog::Catalog> catalog_;
};

constexpr char kManifest[] = R"(model: mlflow.churn
owners: [team:ds]
domain: scoring
features:
  - name: p_feature
    sources: [hive.mart.b.p]
  - table: hive.mart.c
    columns: [r]
outputs: [hive.mart.b]
)";

TEST_F(ManifestPlannerTest, NewModelPlansFeaturesEdgesAndOutputs) {
  Plan plan = PlanText(kManifest);
  ASSERT_THAT(plan.errors, IsEmpty());
  ASSERT_EQ(plan.models.size(), 1u);
  EXPECT_THAT(plan.models[0].diff,
              ElementsAre("+ model mlflow.churn", "+ feature p_feature", "+ feature r",
                          "+ edge hive.mart.b.p -> mlflow.churn.p_feature",
                          "+ edge hive.mart.c.r -> mlflow.churn.r",
                          "+ edge mlflow.churn -> hive.mart.b"));
  ASSERT_THAT(ApplyPlan(plan, *catalog_), IsOk());
  auto impact = catalog_->Impact("hive.raw.a.x", {});
  ASSERT_THAT(impact, IsOk());
  ASSERT_EQ(impact->models.size(), 3u);
  EXPECT_EQ(impact->models[0].fqn, "mlflow.churn");
  // r is hit too: b.p feeds c.r.
  EXPECT_THAT(impact->models[0].features,
              ElementsAre("mlflow.churn.p_feature", "mlflow.churn.r"));
  // Applying the same file again plans no change.
  EXPECT_THAT(PlanText(kManifest).models[0].diff, IsEmpty());
}

// One run is one transaction: when a later model cannot be written (its source was deleted
// after planning), the earlier one is not written either.
TEST_F(ManifestPlannerTest, AllModelsOfARunAreAppliedOrNone) {
  Plan plan = PlanText(R"(model: mlflow.first
features:
  - name: a
    sources: [hive.mart.b.p]
---
model: mlflow.second
features:
  - name: b
    sources: [hive.mart.c.r]
)");
  ASSERT_THAT(plan.errors, IsEmpty());
  ASSERT_EQ(plan.models.size(), 2u);
  ASSERT_THAT(catalog_->Apply(catalog::DeleteDelta("hive.mart.c.r")), IsOk());
  EXPECT_THAT(ApplyPlan(plan, *catalog_), StatusIs(StatusCode::kNotFound));
  EXPECT_FALSE(catalog_->KindOf("mlflow.first"));
  EXPECT_FALSE(catalog_->KindOf("mlflow.second"));
}

TEST_F(ManifestPlannerTest, EditRemovesFeatureAndChangesSource) {
  ASSERT_THAT(ApplyPlan(PlanText(kManifest), *catalog_), IsOk());
  Plan edit = PlanText(R"(model: mlflow.churn
features:
  - name: p_feature
    sources: [hive.mart.b.q]
)");
  ASSERT_THAT(edit.errors, IsEmpty());
  EXPECT_THAT(edit.models[0].diff,
              ElementsAre("- feature r", "+ edge hive.mart.b.q -> mlflow.churn.p_feature",
                          "- edge hive.mart.b.p -> mlflow.churn.p_feature",
                          "- edge hive.mart.c.r -> mlflow.churn.r",
                          "- edge mlflow.churn -> hive.mart.b"));
  ASSERT_THAT(ApplyPlan(edit, *catalog_), IsOk());
  EXPECT_THAT(catalog_->ChildNames("mlflow.churn"), ElementsAre("p_feature"));
  auto impact = catalog_->Impact("hive.raw.a.x", {});
  ASSERT_EQ(impact->models.size(), 2u);  // churn no longer reached through b.p
  auto owners_kept = catalog_->GetAsset("mlflow.churn");
  EXPECT_THAT(owners_kept->owners, ElementsAre("team:ds"));  // not in the edit: kept
}

TEST_F(ManifestPlannerTest, UnknownSourceReportsLineAndCandidateAndPlansNothing) {
  Plan plan = PlanText(R"(model: mlflow.churn
features:
  - name: a
    sources: [hive.mart.b.pp]
outputs: [hive.mart.zz]
)");
  ASSERT_EQ(plan.errors.size(), 2u);
  EXPECT_EQ(FormatDiagnostic(plan.errors[0]),
            "lineage.yaml:4: unknown source hive.mart.b.pp (did you mean hive.mart.b.p, "
            "hive.mart.b.q?)");
  EXPECT_EQ(plan.errors[1].line, 5);
  EXPECT_THAT(plan.models, IsEmpty());
}

TEST_F(ManifestPlannerTest, ModelNameTakenByAnotherKindOrTwice) {
  std::vector<Manifest> all;
  for (const char* file : {"a.yaml", "b.yaml", "c.yaml"}) {
    std::string model = std::string(file) == "a.yaml" ? "hive.mart.b" : "mlflow.z";
    ParseOutput parsed = ParseManifests(
        "model: " + model + "\nfeatures:\n  - name: a\n    sources: [hive.mart.b.p]\n", file);
    ASSERT_THAT(parsed.errors, IsEmpty());
    all.insert(all.end(), parsed.manifests.begin(), parsed.manifests.end());
  }
  Plan plan = PlanManifests(all, *catalog_);
  ASSERT_EQ(plan.errors.size(), 2u);
  EXPECT_EQ(FormatDiagnostic(plan.errors[0]), "a.yaml:1: hive.mart.b already exists as a table");
  EXPECT_EQ(FormatDiagnostic(plan.errors[1]), "c.yaml:1: model mlflow.z is also defined at b.yaml:1");
}

}  // namespace
}  // namespace linea::manifest
