// End-to-end: manifests that say everything the catalog holds about a model — deployments,
// the output tables it creates, who owns it, which teams own it — on the real binary and the
// tiny mesh (docs/manifest.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "codec/json_codec.h"
#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::RunLinea;
using ::testing::StartsWith;
using testing::WriteFile;

std::vector<std::string> Fqns(const Json& list) {
  std::vector<std::string> out;
  for (const Json& item : list) out.push_back(item["fqn"].get<std::string>());
  return out;
}

class ManifestCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    db_ = dir_ + "/linea.db";
    file_ = dir_ + "/lineage.yaml";
    ASSERT_EQ(Linea({"generate", "--scale", "tiny"}).exit_code, 0);
  }
  CliResult Linea(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db_);
    return RunLinea(args);
  }
  // Writes `yaml` to lineage.yaml and runs `linea apply -f lineage.yaml` with `flags`.
  CliResult Apply(const std::string& yaml, std::vector<std::string> flags = {}) {
    WriteFile(file_, yaml);
    std::vector<std::string> args = {"apply", "-f", file_};
    args.insert(args.end(), flags.begin(), flags.end());
    return Linea(args);
  }
  Json ShowJson(const std::string& fqn) {
    CliResult r = Linea({"show", fqn, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out, nullptr, false);
  }
  std::string Export() { return Linea({"export"}).out; }

  std::string dir_, db_, file_;
};

constexpr char kTripChurn[] = R"(model: mlflow_b2c.trip_churn
owners: [team:scoring_ds]
features:
  - name: dt
    sources: [hive.mart_geo.cell_events_mart.dt]
deployments:
  - fqn: seldon.trip_churn_prod
    description: Online serving of trip_churn
outputs:
  - table: hive.scores_scoring.trip_churn_scores
    columns: [subscriber_id, {name: score, type: double}]
)";

TEST_F(ManifestCliTest, DeploymentsAndCreatedOutputsAreDeclaredKeptAndRetired) {
  const std::string before = Export();
  CliResult dry = Apply(kTripChurn, {"--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out,
            "mlflow_b2c.trip_churn (" + file_ +
                "): would change, 1 feature\n"
                "  + model mlflow_b2c.trip_churn\n"
                "  + feature dt\n"
                "  + deployment seldon.trip_churn_prod\n"
                "  + table hive.scores_scoring.trip_churn_scores (created by this manifest)\n"
                "  + column hive.scores_scoring.trip_churn_scores.score\n"
                "  + column hive.scores_scoring.trip_churn_scores.subscriber_id\n"
                "  + edge hive.mart_geo.cell_events_mart.dt -> mlflow_b2c.trip_churn.dt\n"
                "  + edge mlflow_b2c.trip_churn -> hive.scores_scoring.trip_churn_scores\n"
                "  + edge mlflow_b2c.trip_churn -> seldon.trip_churn_prod\n");
  EXPECT_EQ(dry.err, "");
  EXPECT_EQ(Export(), before);  // a dry run writes nothing

  CliResult applied = Apply(kTripChurn);
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_THAT(applied.out, HasSubstr("mlflow_b2c.trip_churn (" + file_ + "): applied, 1 feature"));
  Json model = ShowJson("mlflow_b2c.trip_churn");
  EXPECT_EQ(model["deployments"], Json::parse(R"(["seldon.trip_churn_prod"])"));
  Json scores = ShowJson("hive.scores_scoring.trip_churn_scores");
  EXPECT_EQ(scores["kind"], "table");
  EXPECT_EQ(scores["properties"]["created_by"], "manifest:mlflow_b2c.trip_churn");
  EXPECT_EQ(scores["children"], Json::parse(R"(["score", "subscriber_id"])"));
  CliResult impact = Linea({"impact", "hive.mart_geo.cell_events_mart.dt", "--json"});
  Json j = Json::parse(impact.out);
  EXPECT_THAT(Fqns(j["deployments"]), ::testing::Contains("seldon.trip_churn_prod"));

  const std::string applied_state = Export();
  CliResult again = Apply(kTripChurn);
  EXPECT_EQ(again.out, "mlflow_b2c.trip_churn (" + file_ + "): unchanged, 1 feature\n");
  EXPECT_EQ(Export(), applied_state);

  // Out of the manifest: the deployment and the created table are retired with their edges.
  std::string trimmed = kTripChurn;
  trimmed.erase(trimmed.find("deployments:"));
  CliResult retired = Apply(trimmed);
  ASSERT_EQ(retired.exit_code, 0) << retired.err;
  EXPECT_EQ(retired.out,
            "mlflow_b2c.trip_churn (" + file_ +
                "): applied, 1 feature\n"
                "  - deployment seldon.trip_churn_prod\n"
                "  - table hive.scores_scoring.trip_churn_scores (created by this manifest)\n"
                "  - edge mlflow_b2c.trip_churn -> hive.scores_scoring.trip_churn_scores\n"
                "  - edge mlflow_b2c.trip_churn -> seldon.trip_churn_prod\n");
  EXPECT_EQ(Linea({"show", "seldon.trip_churn_prod"}).exit_code, 2);
  EXPECT_EQ(Linea({"show", "hive.scores_scoring.trip_churn_scores.score"}).exit_code, 2);
}

// The tiny mesh's churn_scoring keeps its deployment when its manifest lists it.
TEST_F(ManifestCliTest, ReappliedDemoModelKeepsItsListedDeployment) {
  Json model = ShowJson("mlflow_b2c.churn_scoring");
  std::string yaml = "model: mlflow_b2c.churn_scoring\nfeatures:\n";
  for (const Json& f : model["child_details"]) {
    yaml += "  - name: " + f["name"].get<std::string>() + "\n    sources: [" +
            f["sources"][0].get<std::string>() + "]\n";
  }
  yaml += "deployments: [seldon.churn_scoring_prod]\n";
  CliResult dry = Apply(yaml, {"--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, ::testing::Not(HasSubstr("deployment")));
  ASSERT_EQ(Apply(yaml).exit_code, 0);
  EXPECT_EQ(ShowJson("mlflow_b2c.churn_scoring")["deployments"],
            Json::parse(R"(["seldon.churn_scoring_prod"])"));
}

constexpr char kOtherTeamsChurn[] = R"(model: mlflow_b2c.churn_scoring
owners: [team:geo_data]
features:
  - name: dt
    sources: [hive.mart_geo.cell_events_mart.dt]
)";

TEST_F(ManifestCliTest, ModelOwnedByAnotherTeamNeedsTakeOver) {
  const std::string before = Export();
  for (std::vector<std::string> flags : {std::vector<std::string>{}, {"--dry-run"}}) {
    CliResult refused = Apply(kOtherTeamsChurn, flags);
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_EQ(refused.err,
              "linea: " + file_ +
                  ":2: model mlflow_b2c.churn_scoring is owned by "
                  "manifest:mlflow_b2c.churn_scoring (team:scoring_ds), and this manifest names "
                  "team:geo_data; rename the model, or replace it with --take-over "
                  "(?take_over=true)\n"
                  "linea: 1 problem found; nothing applied\n");
    EXPECT_EQ(refused.out, "");
  }
  EXPECT_EQ(Export(), before);

  CliResult taken = Apply(kOtherTeamsChurn, {"--take-over"});
  ASSERT_EQ(taken.exit_code, 0) << taken.err;
  EXPECT_THAT(taken.out, HasSubstr("applied, 1 feature\n  ~ model mlflow_b2c.churn_scoring: "
                                   "owners\n  + feature dt\n"));
  EXPECT_THAT(taken.out, HasSubstr("  - deployment seldon.churn_scoring_prod\n"));
  Json model = ShowJson("mlflow_b2c.churn_scoring");
  EXPECT_EQ(model["owners"], Json::parse(R"(["team:geo_data"])"));
  EXPECT_EQ(model["children"], Json::parse(R"(["dt"])"));
}

// A model applied from one repository (`--repository`, as CI passes $CI_PROJECT_URL) is
// refused to another: exit 2, the owner named, nothing applied.
TEST_F(ManifestCliTest, ModelOfAnotherRepositoryNeedsTakeOver) {
  const std::string scoring = "gitlab.example.com/scoring/churn";
  const std::string geo = "gitlab.example.com/geo/churn";
  ASSERT_EQ(Apply(kTripChurn, {"--repository", scoring}).exit_code, 0);
  EXPECT_THAT(Linea({"show", "mlflow_b2c.trip_churn"}).out,
              HasSubstr("\nrepository   gitlab.example.com/scoring/churn\n"));
  EXPECT_EQ(ShowJson("mlflow_b2c.trip_churn")["properties"]["manifest_repository"], scoring);

  const std::string before = Export();
  CliResult refused = Apply(kTripChurn, {"--repository", geo});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_EQ(refused.err,
            "linea: " + file_ +
                ":1: model mlflow_b2c.trip_churn belongs to repository "
                "gitlab.example.com/scoring/churn (manifest:mlflow_b2c.trip_churn, "
                "team:scoring_ds), and this manifest is from gitlab.example.com/geo/churn; apply "
                "it from gitlab.example.com/scoring/churn, rename the model, or replace it with "
                "--take-over (?take_over=true)\n"
                "linea: 1 problem found; nothing applied\n");
  EXPECT_EQ(refused.out, "");
  EXPECT_EQ(Export(), before);

  CliResult taken = Apply(kTripChurn, {"--repository", geo, "--take-over"});
  ASSERT_EQ(taken.exit_code, 0) << taken.err;
  EXPECT_EQ(taken.out, "mlflow_b2c.trip_churn (" + file_ +
                           "): applied, 1 feature\n"
                           "  ~ model mlflow_b2c.trip_churn: repository → "
                           "gitlab.example.com/geo/churn\n");
  EXPECT_EQ(ShowJson("mlflow_b2c.trip_churn")["properties"]["manifest_repository"], geo);
}

constexpr char kUnknownTeam[] = R"(model: mlflow_b2c.trip_churn
owners: [team:scoring_dss]
features:
  - name: dt
    sources: [hive.mart_geo.cell_events_mart.dt]
)";

TEST_F(ManifestCliTest, UnknownOwnerTeamWarnsAndStrictFails) {
  const std::string warning =
      "linea: warning: " + file_ +
      ":2: unknown team team:scoring_dss: it has no contacts, so "
      "nobody is notified (did you mean team:scoring_ds, team:scoring_data?)\n";
  const std::string before = Export();
  CliResult strict = Apply(kUnknownTeam, {"--strict"});
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_EQ(strict.err, warning.substr(0, 7) + warning.substr(16) +
                            "linea: 1 problem found; nothing applied\n");  // no "warning: "
  EXPECT_EQ(Export(), before);

  CliResult dry = Apply(kUnknownTeam, {"--dry-run"});
  EXPECT_EQ(dry.exit_code, 0);
  EXPECT_EQ(dry.err, warning);
  CliResult applied = Apply(kUnknownTeam);
  EXPECT_EQ(applied.exit_code, 0);
  EXPECT_EQ(applied.err, warning);
  EXPECT_THAT(applied.out, HasSubstr("applied, 1 feature"));
  // --json: the warnings are in the answer too.
  CliResult json = Apply(kUnknownTeam, {"--json"});
  EXPECT_EQ(Json::parse(json.out)["warnings"][0]["candidates"],
            Json::parse(R"(["team:scoring_ds", "team:scoring_data"])"));
}

// A user: owner the catalog does not know is warned about like a team: (nobody would be told).
TEST_F(ManifestCliTest, UnknownOwnerUserWarnsWithCandidatesAndStrictFails) {
  ASSERT_EQ(Linea({"user", "set", "jdoe", "--contact", "email:jdoe@example.com"}).exit_code, 0);
  const std::string yaml = R"(model: mlflow_b2c.trip_churn
owners: [user:jdo, user:jdoe]
features:
  - name: dt
    sources: [hive.mart_geo.cell_events_mart.dt]
)";
  const std::string problem = file_ +
                              ":2: unknown user user:jdo: it has no contacts, so nobody is "
                              "notified (did you mean user:jdoe?)\n";
  const std::string before = Export();
  CliResult strict = Apply(yaml, {"--strict"});
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_EQ(strict.err, "linea: " + problem + "linea: 1 problem found; nothing applied\n");
  EXPECT_EQ(Export(), before);

  CliResult applied = Apply(yaml);
  EXPECT_EQ(applied.exit_code, 0);
  EXPECT_EQ(applied.err, "linea: warning: " + problem);
  EXPECT_THAT(applied.out, HasSubstr("applied, 1 feature"));
}

TEST_F(ManifestCliTest, BadDeclarationsFailWithOneLineEachAndApplyNothing) {
  const std::string before = Export();
  CliResult r = Apply(R"(model: mlflow_b2c.trip_churn
deployments: [hive.mart_geo.cell_events_mart]
outputs:
  - table: hive.scores_scoring.churn_scoring_scores
  - hive.scores_scoring.trip_churn_scorse
)");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.err,
      "linea: " + file_ +
          ":2: deployment hive.mart_geo.cell_events_mart already exists as "
          "a table\n"
          "linea: " +
          file_ +
          ":4: output hive.scores_scoring.churn_scoring_scores exists and "
          "was not created by this manifest (name an existing table as a plain output to link "
          "it)\n"
          "linea: " +
          file_ +
          ":5: unknown output hive.scores_scoring.trip_churn_scorse; to "
          "create it, list it as `- table: hive.scores_scoring.trip_churn_scorse` (did you mean "
          "hive.scores_scoring.credit_scoring_scores, hive.scores_scoring.churn_scoring_scores?)\n"
          "linea: 3 problems found; nothing applied\n");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(Export(), before);
}

// --format markdown: the dry run's diff, and a refused manifest's problems, as Markdown for a
// merge request comment (docs/ci.md); the exit codes stay those of the text form.
TEST_F(ManifestCliTest, DryRunAndProblemsAsMarkdownForAMergeRequest) {
  CliResult dry = Apply(kTripChurn, {"--dry-run", "--format", "markdown"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out,
            "### linea apply (dry run): 1 of 1 model would change\n"
            "\n"
            "#### `mlflow_b2c.trip_churn` — would change, 1 feature (`" +
                file_ +
                "`)\n"
                "\n"
                "```diff\n"
                "+ model mlflow_b2c.trip_churn\n"
                "+ feature dt\n"
                "+ deployment seldon.trip_churn_prod\n"
                "+ table hive.scores_scoring.trip_churn_scores (created by this manifest)\n"
                "+ column hive.scores_scoring.trip_churn_scores.score\n"
                "+ column hive.scores_scoring.trip_churn_scores.subscriber_id\n"
                "+ edge hive.mart_geo.cell_events_mart.dt -> mlflow_b2c.trip_churn.dt\n"
                "+ edge mlflow_b2c.trip_churn -> hive.scores_scoring.trip_churn_scores\n"
                "+ edge mlflow_b2c.trip_churn -> seldon.trip_churn_prod\n"
                "```\n");
  ASSERT_EQ(Apply(kTripChurn).exit_code, 0);
  CliResult again = Apply(kTripChurn, {"--format", "markdown"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out,
            "### linea apply: 0 of 1 model changed\n\n#### `mlflow_b2c.trip_churn` — "
            "unchanged, 1 feature (`" +
                file_ + "`)\n");

  CliResult typo = Apply(R"(model: mlflow_b2c.trip_churn
features:
  - name: dt
    sources: [hive.mart_geo.cell_events_mart.dtt]
)",
                         {"--dry-run", "--format", "markdown"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_THAT(typo.out,
              StartsWith("### linea apply: nothing applied — 1 problem\n\n- `" + file_ +
                         ":4`: unknown source hive.mart\\_geo.cell\\_events\\_mart.dtt (did "
                         "you mean hive.mart\\_geo.cell\\_events\\_mart.dt"));
  EXPECT_THAT(typo.out, HasSubstr("?)\n\n1 problem found; nothing applied\n"));
  EXPECT_THAT(typo.err, HasSubstr("linea: 1 problem found; nothing applied\n"));

  CliResult bad = Apply(kTripChurn, {"--format", "html"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--format: html not in {text,markdown}"));
  CliResult both = Apply(kTripChurn, {"--format", "markdown", "--json"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_THAT(both.err, HasSubstr("--json excludes --format"));
}

}  // namespace
}  // namespace linea
