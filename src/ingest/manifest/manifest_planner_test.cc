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

// Every client write carries a writer: measured/tested with the audit record it costs.
const catalog::Writer kWriter = catalog::Writer::Local("test");

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::Contains;
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

  Plan PlanText(const std::string& yaml, PlanOptions options = {}) {
    ParseOutput parsed = ParseManifests(yaml, "lineage.yaml");
    EXPECT_THAT(parsed.errors, IsEmpty());
    return PlanManifests(parsed.manifests, *catalog_, options);
  }
  // Plans `yaml`, expects no problem and applies it.
  void Apply(const std::string& yaml) {
    Plan plan = PlanText(yaml);
    ASSERT_THAT(plan.errors, IsEmpty());
    ASSERT_THAT(plan.conflicts, IsEmpty());
    ASSERT_THAT(ApplyPlan(plan, *catalog_, kWriter), IsOk());
  }
  std::vector<std::string> DeploymentsOfImpact(const std::string& fqn) {
    auto impact = catalog_->Impact(fqn, {});
    std::vector<std::string> out;
    if (!impact.ok()) return out;
    for (const auto& d : impact->deployments) out.push_back(d.fqn);
    return out;
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
  ASSERT_THAT(ApplyPlan(plan, *catalog_, kWriter), IsOk());
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
  EXPECT_THAT(ApplyPlan(plan, *catalog_, kWriter), StatusIs(StatusCode::kNotFound));
  EXPECT_FALSE(catalog_->KindOf("mlflow.first"));
  EXPECT_FALSE(catalog_->KindOf("mlflow.second"));
}

TEST_F(ManifestPlannerTest, EditRemovesFeatureAndChangesSource) {
  ASSERT_THAT(ApplyPlan(PlanText(kManifest), *catalog_, kWriter), IsOk());
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
  ASSERT_THAT(ApplyPlan(edit, *catalog_, kWriter), IsOk());
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
  EXPECT_EQ(FormatDiagnostic(plan.errors[1]),
            "lineage.yaml:5: unknown output hive.mart.zz; to create it, list it as `- table: "
            "hive.mart.zz` (did you mean hive.mart.b, hive.mart.c?)");
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

// mlflow.m as the small mesh holds it (features f1, f2, deployment seldon.m_prod).
constexpr char kModelM[] = R"(model: mlflow.m
owners: [team:ds]
features:
  - name: f1
    sources: [hive.mart.b.p]
  - name: f2
    sources: [hive.mart.b.q]
)";

TEST_F(ManifestPlannerTest, DeploymentsAreDeclaredKeptAndRetiredWithTheModel) {
  // Without `deployments:` the re-applied manifest would retire the mesh's deployment.
  EXPECT_THAT(PlanText(kModelM).models[0].diff,
              ElementsAre("- deployment seldon.m_prod", "- edge mlflow.m -> seldon.m_prod"));
  const std::string declared = std::string(kModelM) + R"(deployments:
  - seldon.m_prod
  - fqn: seldon.m_canary
    description: Canary
    owners: [team:ds]
)";
  Plan plan = PlanText(declared);
  ASSERT_THAT(plan.errors, IsEmpty());
  // (The small mesh links m_prod as an identity edge; a manifest's model edges have no kind.)
  EXPECT_THAT(plan.models[0].diff,
              ElementsAre("+ deployment seldon.m_canary", "+ edge mlflow.m -> seldon.m_canary",
                          "~ edge mlflow.m -> seldon.m_prod: transform"));
  ASSERT_THAT(ApplyPlan(plan, *catalog_, kWriter), IsOk());
  EXPECT_THAT(DeploymentsOfImpact("hive.raw.a.x"), ElementsAre("seldon.m_canary", "seldon.m_prod"));
  EXPECT_EQ(catalog_->GetAsset("seldon.m_canary")->description, "Canary");
  EXPECT_THAT(PlanText(declared).models[0].diff, IsEmpty());  // idempotent

  // Dropped from the manifest: the deployments go like features.
  Apply(kModelM);
  EXPECT_FALSE(catalog_->KindOf("seldon.m_prod"));
  EXPECT_FALSE(catalog_->KindOf("seldon.m_canary"));
  EXPECT_THAT(DeploymentsOfImpact("hive.raw.a.x"), IsEmpty());
}

TEST_F(ManifestPlannerTest, DeploymentAnotherProvenanceLinksKeepsItsAsset) {
  model::Delta registry;
  registry.replace_edges.push_back(
      {"mlflow:registry", {graph::testing::MakeEdge("mlflow.m", "seldon.m_prod")}});
  ASSERT_THAT(catalog_->Apply(registry), IsOk());
  Plan plan = PlanText(kModelM);
  EXPECT_THAT(plan.models[0].diff, ElementsAre("- edge mlflow.m -> seldon.m_prod"));
  ASSERT_THAT(ApplyPlan(plan, *catalog_, kWriter), IsOk());
  EXPECT_EQ(catalog_->KindOf("seldon.m_prod"), model::AssetKind::kDeployment);
  EXPECT_THAT(DeploymentsOfImpact("hive.raw.a.x"), ElementsAre("seldon.m_prod"));
}

TEST_F(ManifestPlannerTest, DeploymentNameTakenOrDeclaredTwice) {
  Plan plan = PlanText(R"(model: mlflow.first
deployments: [hive.mart.c, seldon.shared]
---
model: mlflow.second
deployments: [seldon.shared]
)");
  ASSERT_EQ(plan.errors.size(), 2u);
  EXPECT_EQ(FormatDiagnostic(plan.errors[0]),
            "lineage.yaml:2: deployment hive.mart.c already exists as a table");
  EXPECT_EQ(FormatDiagnostic(plan.errors[1]),
            "lineage.yaml:5: seldon.shared is also declared at lineage.yaml:2");
  EXPECT_THAT(plan.models, IsEmpty());
}

constexpr char kOwnedOutput[] = R"(model: mlflow.scorer
features:
  - name: a
    sources: [hive.mart.b.p]
outputs:
  - hive.mart.c
  - table: hive.scores.scorer_scores
    description: Scores written by mlflow.scorer
    columns: [subscriber_id, {name: score, type: double}]
)";

TEST_F(ManifestPlannerTest, OwnedOutputIsCreatedKeptInStepAndRetired) {
  Plan plan = PlanText(kOwnedOutput);
  ASSERT_THAT(plan.errors, IsEmpty());
  EXPECT_THAT(
      plan.models[0].diff,
      ElementsAre("+ model mlflow.scorer", "+ feature a",
                  "+ table hive.scores.scorer_scores (created by this manifest)",
                  "+ column hive.scores.scorer_scores.score",
                  "+ column hive.scores.scorer_scores.subscriber_id",
                  "+ edge hive.mart.b.p -> mlflow.scorer.a", "+ edge mlflow.scorer -> hive.mart.c",
                  "+ edge mlflow.scorer -> hive.scores.scorer_scores"));
  ASSERT_THAT(ApplyPlan(plan, *catalog_, kWriter), IsOk());
  auto table = catalog_->GetAsset("hive.scores.scorer_scores");
  ASSERT_THAT(table, IsOk());
  EXPECT_EQ(table->properties.at(kCreatedBy), "manifest:mlflow.scorer");
  EXPECT_EQ(table->description, "Scores written by mlflow.scorer");
  EXPECT_THAT(catalog_->ChildNames("hive.scores.scorer_scores"),
              ElementsAre("score", "subscriber_id"));
  EXPECT_EQ(catalog_->GetAsset("hive.scores.scorer_scores.score")->data_type, "double");
  EXPECT_THAT(PlanText(kOwnedOutput).models[0].diff, IsEmpty());  // idempotent

  std::string edited = kOwnedOutput;
  edited.replace(edited.find("[subscriber_id, {name: score, type: double}]"), 44,
                 "[{name: score, type: float}]");
  Plan edit = PlanText(edited);
  EXPECT_THAT(edit.models[0].diff, ElementsAre("- column hive.scores.scorer_scores.subscriber_id",
                                               "~ column hive.scores.scorer_scores.score: type"));
  ASSERT_THAT(ApplyPlan(edit, *catalog_, kWriter), IsOk());
  EXPECT_THAT(catalog_->ChildNames("hive.scores.scorer_scores"), ElementsAre("score"));

  // Gone from the manifest: the table is retired; a linked plain output stays.
  std::string retired = kOwnedOutput;
  retired.erase(retired.find("  - table: hive.scores"));
  Plan retire = PlanText(retired);
  EXPECT_THAT(retire.models[0].diff,
              ElementsAre("- table hive.scores.scorer_scores (created by this manifest)",
                          "- edge mlflow.scorer -> hive.scores.scorer_scores"));
  ASSERT_THAT(ApplyPlan(retire, *catalog_, kWriter), IsOk());
  EXPECT_FALSE(catalog_->KindOf("hive.scores.scorer_scores"));
  EXPECT_FALSE(catalog_->KindOf("hive.scores.scorer_scores.score"));
  EXPECT_EQ(catalog_->KindOf("hive.mart.c"), model::AssetKind::kTable);
}

TEST_F(ManifestPlannerTest, OwnedOutputMayNotClaimAnExistingTable) {
  Plan plan = PlanText(R"(model: mlflow.scorer
outputs:
  - table: hive.mart.c
    columns: [r]
  - table: mlflow.m
)");
  ASSERT_EQ(plan.errors.size(), 2u);
  EXPECT_EQ(FormatDiagnostic(plan.errors[0]),
            "lineage.yaml:3: output hive.mart.c exists and was not created by this manifest "
            "(name an existing table as a plain output to link it)");
  EXPECT_EQ(FormatDiagnostic(plan.errors[1]),
            "lineage.yaml:5: output mlflow.m is a model (name an existing table as a plain "
            "output to link it)");
  EXPECT_THAT(plan.models, IsEmpty());
}

TEST_F(ManifestPlannerTest, ModelOwnedByAnotherTeamNeedsTakeOver) {
  const std::string other = R"(model: mlflow.m
owners: [team:other]
features:
  - name: mine
    sources: [hive.mart.c.r]
)";
  Plan plan = PlanText(other);
  EXPECT_THAT(plan.errors, IsEmpty());
  ASSERT_EQ(plan.conflicts.size(), 1u);
  EXPECT_EQ(FormatDiagnostic(plan.conflicts[0]),
            "lineage.yaml:2: model mlflow.m is owned by manifest:mlflow.m (team:ds), and this "
            "manifest names team:other; rename the model, or replace it with --take-over "
            "(?take_over=true)");
  EXPECT_THAT(plan.models, IsEmpty());

  // The owning team, or a manifest that names no owners, replaces it as before.
  EXPECT_THAT(PlanText(kModelM).conflicts, IsEmpty());
  std::string no_owners = other;
  no_owners.erase(no_owners.find("owners: [team:other]\n"), 21);
  EXPECT_THAT(PlanText(no_owners).conflicts, IsEmpty());

  Plan taken = PlanText(other, {.take_over = true});
  ASSERT_THAT(taken.conflicts, IsEmpty());
  EXPECT_THAT(
      taken.models[0].diff,
      ElementsAre("~ model mlflow.m: owners", "+ feature mine", "- feature f1", "- feature f2",
                  "- deployment seldon.m_prod", "+ edge hive.mart.c.r -> mlflow.m.mine",
                  "- edge hive.mart.b.p -> mlflow.m.f1", "- edge hive.mart.b.q -> mlflow.m.f2",
                  "- edge mlflow.m -> seldon.m_prod"));
  ASSERT_THAT(ApplyPlan(taken, *catalog_, kWriter), IsOk());
  EXPECT_THAT(catalog_->GetAsset("mlflow.m")->owners, ElementsAre("team:other"));
}

TEST_F(ManifestPlannerTest, UnknownUsersAreWarnedWithUserCandidates) {
  model::Delta users;
  users.upsert_users.push_back({"alice", "Alice", {}});
  ASSERT_THAT(catalog_->Apply(std::move(users)), IsOk());
  Plan plan = PlanText(R"(model: mlflow.new
owners: [user:alice, user:alicia]
)");
  EXPECT_THAT(plan.errors, IsEmpty());
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_EQ(FormatDiagnostic(plan.warnings[0]),
            "lineage.yaml:2: unknown user user:alicia: it has no contacts, so nobody is notified "
            "(did you mean user:alice?)");
  EXPECT_THAT(plan.warnings[0].candidates, ElementsAre("user:alice"));
}

TEST_F(ManifestPlannerTest, UnknownTeamsAreWarnedWithCandidates) {
  Plan plan = PlanText(R"(model: mlflow.new
owners: [team:dss, user:alice, team:ds]
deployments:
  - fqn: seldon.new_prod
    owners: [team:nobody_knows]
)");
  EXPECT_THAT(plan.errors, IsEmpty());
  ASSERT_EQ(plan.warnings.size(), 3u);
  EXPECT_EQ(FormatDiagnostic(plan.warnings[0]),
            "lineage.yaml:2: unknown team team:dss: it has no contacts, so nobody is notified "
            "(did you mean team:ds?)");
  // Users are catalog entities with contacts too: an unknown one is warned about alike.
  EXPECT_EQ(FormatDiagnostic(plan.warnings[1]),
            "lineage.yaml:2: unknown user user:alice: it has no contacts, so nobody is notified");
  EXPECT_EQ(FormatDiagnostic(plan.warnings[2]),
            "lineage.yaml:4: unknown team team:nobody_knows: it has no contacts, so nobody is "
            "notified");
  EXPECT_EQ(plan.models.size(), 1u);  // a warning does not stop the plan
}

// `yaml` with `repository: <repository>` as its second line.
std::string FromRepository(std::string yaml, const std::string& repository) {
  return yaml.insert(yaml.find('\n') + 1, "repository: " + repository + "\n");
}

constexpr char kScoringRepo[] = "gitlab.example.com/scoring/m";
constexpr char kGeoRepo[] = "gitlab.example.com/geo/m";

TEST_F(ManifestPlannerTest, RepositoryIsStoredAndReplacesFromTheSameRepository) {
  Apply(FromRepository(kModelM, kScoringRepo));
  EXPECT_EQ(catalog_->GetAsset("mlflow.m")->properties.at(kManifestRepository), kScoringRepo);

  // The same repository, from the file or from the run (--repository), replaces it; so it does
  // under another team: the repository is the owner.
  std::string other_team = FromRepository(kModelM, kScoringRepo);
  other_team.replace(other_team.find("team:ds"), 7, "team:other");
  EXPECT_THAT(PlanText(other_team).conflicts, IsEmpty());
  Plan from_run = PlanText(kModelM, {.repository = kScoringRepo});
  EXPECT_THAT(from_run.conflicts, IsEmpty());
  ASSERT_EQ(from_run.models.size(), 1u);
  EXPECT_THAT(from_run.models[0].diff, IsEmpty());
}

TEST_F(ManifestPlannerTest, TrainingWindowIsAPropertyTheManifestOwns) {
  std::string windowed = kModelM;
  windowed.insert(windowed.find('\n') + 1, "training_window: 2026-01..2026-06\n");
  Plan plan = PlanText(windowed);
  ASSERT_EQ(plan.models.size(), 1u);
  EXPECT_THAT(plan.models[0].diff,
              Contains("~ model mlflow.m: training window → 2026-01..2026-06"));
  ASSERT_THAT(ApplyPlan(plan, *catalog_, kWriter), IsOk());
  EXPECT_EQ(catalog_->GetAsset("mlflow.m")->properties.at("training_window"), "2026-01..2026-06");
  // Left out of the manifest, it is removed.
  plan = PlanText(kModelM);
  ASSERT_EQ(plan.models.size(), 1u);
  EXPECT_THAT(plan.models[0].diff, Contains("~ model mlflow.m: training window removed"));
  ASSERT_THAT(ApplyPlan(plan, *catalog_, kWriter), IsOk());
  EXPECT_FALSE(catalog_->GetAsset("mlflow.m")->properties.contains("training_window"));
}

TEST_F(ManifestPlannerTest, AnotherRepositoryIsRefusedNamingTheOwner) {
  Apply(FromRepository(kModelM, kScoringRepo));
  Plan plan = PlanText(FromRepository(kModelM, kGeoRepo));
  EXPECT_THAT(plan.errors, IsEmpty());
  ASSERT_EQ(plan.conflicts.size(), 1u);
  EXPECT_EQ(FormatDiagnostic(plan.conflicts[0]),
            "lineage.yaml:2: model mlflow.m belongs to repository gitlab.example.com/scoring/m "
            "(manifest:mlflow.m, team:ds), and this manifest is from gitlab.example.com/geo/m; "
            "apply it from gitlab.example.com/scoring/m, rename the model, or replace it with "
            "--take-over (?take_over=true)");
  EXPECT_THAT(plan.models, IsEmpty());
  // --repository names the run's repository only where the file names none.
  EXPECT_EQ(
      PlanText(FromRepository(kModelM, kGeoRepo), {.repository = kScoringRepo}).conflicts.size(),
      1u);
}

TEST_F(ManifestPlannerTest, ManifestWithoutRepositoryIsRefusedForAModelThatHasOne) {
  Apply(FromRepository(kModelM, kScoringRepo));
  Plan plan = PlanText(kModelM);  // the owning team, but no repository
  ASSERT_EQ(plan.conflicts.size(), 1u);
  EXPECT_EQ(FormatDiagnostic(plan.conflicts[0]),
            "lineage.yaml:1: model mlflow.m belongs to repository gitlab.example.com/scoring/m "
            "(manifest:mlflow.m, team:ds), and this manifest names no repository "
            "(`repository:` or --repository); apply it from gitlab.example.com/scoring/m, rename "
            "the model, or replace it with --take-over (?take_over=true)");
  EXPECT_THAT(plan.models, IsEmpty());
}

TEST_F(ManifestPlannerTest, TakeOverReplacesTheModelAndStoresTheNewRepository) {
  Apply(FromRepository(kModelM, kScoringRepo));
  Plan taken = PlanText(FromRepository(kModelM, kGeoRepo), {.take_over = true});
  ASSERT_THAT(taken.conflicts, IsEmpty());
  ASSERT_EQ(taken.models.size(), 1u);
  EXPECT_THAT(taken.models[0].diff,
              ElementsAre("~ model mlflow.m: repository → gitlab.example.com/geo/m"));
  ASSERT_THAT(ApplyPlan(taken, *catalog_, kWriter), IsOk());
  EXPECT_EQ(catalog_->GetAsset("mlflow.m")->properties.at(kManifestRepository), kGeoRepo);

  // Taken over by a manifest without one, the model has no repository left.
  Plan bare = PlanText(kModelM, {.take_over = true});
  ASSERT_EQ(bare.models.size(), 1u);
  EXPECT_THAT(bare.models[0].diff, ElementsAre("~ model mlflow.m: repository removed"));
  ASSERT_THAT(ApplyPlan(bare, *catalog_, kWriter), IsOk());
  EXPECT_FALSE(catalog_->GetAsset("mlflow.m")->properties.contains(kManifestRepository));
}

TEST_F(ManifestPlannerTest, ModelWithoutRepositoryIsClaimedUnderTheTeamRule) {
  // The mesh's mlflow.m has a manifest of team:ds and no repository.
  Plan claim = PlanText(FromRepository(kModelM, kScoringRepo));
  ASSERT_THAT(claim.conflicts, IsEmpty());
  ASSERT_EQ(claim.models.size(), 1u);
  EXPECT_THAT(claim.models[0].diff,
              ElementsAre("~ model mlflow.m: repository → gitlab.example.com/scoring/m",
                          "- deployment seldon.m_prod", "- edge mlflow.m -> seldon.m_prod"));

  // Another team's manifest cannot claim it by bringing a repository.
  std::string other_team = FromRepository(kModelM, kGeoRepo);
  other_team.replace(other_team.find("team:ds"), 7, "team:other");
  Plan refused = PlanText(other_team);
  ASSERT_EQ(refused.conflicts.size(), 1u);
  EXPECT_EQ(FormatDiagnostic(refused.conflicts[0]),
            "lineage.yaml:3: model mlflow.m is owned by manifest:mlflow.m (team:ds), and this "
            "manifest names team:other; rename the model, or replace it with --take-over "
            "(?take_over=true)");

  ASSERT_THAT(ApplyPlan(claim, *catalog_, kWriter), IsOk());
  EXPECT_EQ(catalog_->GetAsset("mlflow.m")->properties.at(kManifestRepository), kScoringRepo);
}

}  // namespace
}  // namespace linea::manifest
