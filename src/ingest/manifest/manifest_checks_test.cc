// `checks:` in lineage.yaml and quality documents (`quality: <name>`): parsed with lines,
// planned against the catalog and the quality domain (file:line problems, did-you-mean, the
// diff), applied in the manifests' one transaction and replaced per provenance.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "common/testing/status_matchers.h"
#include "graph/testing/test_mesh.h"
#include "ingest/manifest/manifest_parser.h"
#include "ingest/manifest/manifest_planner.h"
#include "quality/quality_state.h"
#include "store/sqlite/sqlite_store.h"

namespace linea::manifest {
namespace {

using ::linea::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const catalog::Writer kWriter = catalog::Writer::Local("test");

constexpr char kModelWithChecks[] = R"(model: mlflow.churn
features:
  - name: p_feature
    sources: [hive.mart.b.p]
checks:
  - asset: hive.mart.b.p
    kind: drift
    fail: 0.2
  - feature: p_feature
    kind: null_rate
    name: nulls
    max: 0.05
    severity: low
)";

constexpr char kQualityDocument[] = R"(quality: mart-b
description: the contract of hive.mart.b
checks:
  - asset: hive.mart.b
    kind: volume
    warn: 0.1
    fail: 0.2
  - asset: hive.mart.b
    kind: schema
    columns: ["p:double", "q:string"]
)";

TEST(ManifestChecksParseTest, ChecksOfAModelAndOfAQualityDocument) {
  ParseOutput out =
      ParseManifests(std::string(kModelWithChecks) + "---\n" + kQualityDocument, "lineage.yaml");
  ASSERT_THAT(out.errors, IsEmpty());
  ASSERT_EQ(out.manifests.size(), 2u);
  const Manifest& model = out.manifests[0];
  ASSERT_EQ(model.checks.size(), 2u);
  EXPECT_EQ(model.checks[0].asset, "hive.mart.b.p");
  EXPECT_EQ(model.checks[0].kind, "drift");
  EXPECT_EQ(model.checks[0].params, (std::map<std::string, double>{{"fail", 0.2}}));
  EXPECT_EQ(model.checks[0].line, 6);
  EXPECT_EQ(model.checks[1].asset, "mlflow.churn.p_feature");
  EXPECT_EQ(model.checks[1].name, "nulls");
  EXPECT_EQ(model.checks[1].severity, "low");
  const Manifest& set = out.manifests[1];
  EXPECT_EQ(set.check_set, "mart-b");
  EXPECT_EQ(set.model, "");
  ASSERT_EQ(set.checks.size(), 2u);
  EXPECT_EQ(set.checks[1].columns, (std::vector<std::string>{"p:double", "q:string"}));
}

TEST(ManifestChecksParseTest, BadChecksAreReportedWithTheirLines) {
  auto errors = [](const std::string& text) {
    std::vector<std::string> out;
    for (const Diagnostic& d : ParseManifests(text, "q.yaml").errors) {
      out.push_back(FormatDiagnostic(d));
    }
    return out;
  };
  EXPECT_THAT(errors("quality: q\nchecks:\n  - asset: hive.t\n    kind: volume\n    warn: high\n"),
              ElementsAre("q.yaml:5: check parameter \"warn\" must be a number, got a string"));
  EXPECT_THAT(errors("quality: q\nchecks:\n  - kind: volume\n"),
              ElementsAre("q.yaml:3: a check names exactly one of \"asset\" (an FQN) or "
                          "\"feature\" (a feature of this model)"));
  EXPECT_THAT(errors("quality: q\nchecks:\n  - feature: f\n    kind: drift\n"),
              ElementsAre("q.yaml:3: \"feature\" names a feature of a model: use \"asset\" in a "
                          "quality document"));
  EXPECT_THAT(errors("quality: q\nfeatures: []\nchecks: []\n"),
              ElementsAre("q.yaml:2: \"features\" belongs in a model manifest (\"model\"), not "
                          "in a quality document"));
  EXPECT_THAT(errors("quality: q\nchecks:\n  - asset: hive.t\n    kind: volume\n"
                     "  - asset: hive.t\n    kind: volume\n"),
              ElementsAre("q.yaml:5: duplicate check \"volume\" on hive.t (first at line 3); "
                          "give one of them a \"name\""));
}

class ManifestChecksPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto path =
        std::filesystem::path(::testing::TempDir()) /
        (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".db");
    std::filesystem::remove(path);
    auto store = store::OpenSqliteStore({.path = path.string()});
    ASSERT_THAT(store, IsOk());
    auto catalog = catalog::Catalog::Open(std::move(*store));
    ASSERT_THAT(catalog, IsOk());
    catalog_ = std::move(*catalog);
    quality_ = std::make_unique<quality::QualityState>(catalog_->store().quality());
    ASSERT_THAT(quality_->Reload(), IsOk());
    catalog_->AddDomain(quality_.get());
    ASSERT_THAT(catalog_->Apply(graph::testing::SmallMesh()), IsOk());
  }
  Plan PlanText(const std::string& yaml) {
    ParseOutput parsed = ParseManifests(yaml, "lineage.yaml");
    EXPECT_THAT(parsed.errors, IsEmpty());
    return PlanManifests(parsed.manifests, *catalog_, {.quality = quality_.get()});
  }
  void Apply(const std::string& yaml) {
    Plan plan = PlanText(yaml);
    ASSERT_THAT(plan.errors, IsEmpty());
    ASSERT_THAT(ApplyPlan(plan, *catalog_, kWriter, quality_.get()), IsOk());
  }
  std::vector<std::string> CheckNames() {
    std::vector<std::string> out;
    for (const model::QualityCheck& c : quality_->Checks()) {
      out.push_back(c.provenance + " " + c.name + " " + c.asset);
    }
    return out;
  }

  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<quality::QualityState> quality_;
};

TEST_F(ManifestChecksPlanTest, ChecksAreAppliedWithTheModelAndReplacedPerProvenance) {
  Plan plan = PlanText(std::string(kModelWithChecks) + "---\n" + kQualityDocument);
  ASSERT_THAT(plan.errors, IsEmpty());
  ASSERT_EQ(plan.models.size(), 2u);
  EXPECT_THAT(plan.models[0].diff,
              ::testing::IsSupersetOf(
                  {"+ check drift on hive.mart.b.p", "+ check nulls on mlflow.churn.p_feature"}));
  EXPECT_EQ(plan.models[1].model, "quality:mart-b");
  EXPECT_THAT(plan.models[1].diff,
              ElementsAre("+ check schema on hive.mart.b", "+ check volume on hive.mart.b"));
  ASSERT_THAT(ApplyPlan(plan, *catalog_, kWriter, quality_.get()), IsOk());
  EXPECT_THAT(CheckNames(),
              ElementsAre("quality:mart-b schema hive.mart.b", "quality:mart-b volume hive.mart.b",
                          "manifest:mlflow.churn drift hive.mart.b.p",
                          "manifest:mlflow.churn nulls mlflow.churn.p_feature"));

  // The same files again change nothing; a file without the drift check removes it (and only
  // that provenance's).
  plan = PlanText(std::string(kModelWithChecks) + "---\n" + kQualityDocument);
  EXPECT_FALSE(plan.models[0].changed());
  EXPECT_FALSE(plan.models[1].changed());
  std::string fewer = kModelWithChecks;
  fewer.erase(fewer.find("  - asset: hive.mart.b.p"),
              std::string("  - asset: hive.mart.b.p\n    kind: drift\n    fail: 0.2\n").size());
  plan = PlanText(fewer);
  EXPECT_THAT(plan.models[0].diff, ElementsAre("- check drift on hive.mart.b.p"));
  ASSERT_THAT(ApplyPlan(plan, *catalog_, kWriter, quality_.get()), IsOk());
  EXPECT_EQ(quality_->Checks().size(), 3u);
}

TEST_F(ManifestChecksPlanTest, UnknownAssetsAndBadParametersAreProblemsWithLines) {
  Plan plan = PlanText(
      "quality: q\nchecks:\n  - asset: hive.mart.b.pp\n    kind: drift\n"
      "  - asset: hive.mart.b\n    kind: volume\n    warm: 0.1\n");
  ASSERT_EQ(plan.errors.size(), 2u);
  EXPECT_EQ(plan.errors[0].line, 3);
  EXPECT_EQ(plan.errors[0].message, "check drift: unknown asset hive.mart.b.pp");
  EXPECT_THAT(plan.errors[0].candidates, ::testing::Contains("hive.mart.b.p"));
  EXPECT_EQ(plan.errors[1].line, 5);
  EXPECT_THAT(plan.errors[1].message, ::testing::StartsWith("check volume on hive.mart.b: "));
  EXPECT_THAT(plan.errors[1].message, ::testing::HasSubstr("warm"));
  EXPECT_THAT(plan.models, IsEmpty());
  EXPECT_THAT(quality_->Checks(), IsEmpty());
}

}  // namespace
}  // namespace linea::manifest
