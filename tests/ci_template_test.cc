// End-to-end: the commands of linea's CI template for model repositories
// (ci/gitlab/linea.gitlab-ci.yml) — not GitLab itself — run by bash as a runner would, against a
// real `linea serve` with a scoped writer token: a merge request with a typo fails with the
// did-you-mean, the merge applies, a re-run changes nothing (issue #21, docs/ci.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <yaml-cpp/yaml.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using testing::CliResult;
using ::testing::HasSubstr;
using testing::ReadFile;
using testing::RunLinea;
using testing::WriteFile;

std::string SourcePath(const std::string& relative) {
  return std::string(LINEA_SOURCE_DIR_DEFAULT) + "/" + relative;
}

struct JobRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

class CiTemplateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    db_ = dir_ + "/linea.db";
    repo_ = dir_ + "/repo";
    std::filesystem::create_directories(repo_);
    ASSERT_EQ(RunLinea({"generate", "--scale", "tiny", "--db", db_}).exit_code, 0);
    // The token the template's docs tell a repository to create: its model, nothing else.
    CliResult token = RunLinea({"token", "create", "--name", "ci-traveller-churn", "--role",
                                "writer", "--prefix", "mlflow_b2c.traveller_churn", "--provenance",
                                "manifest:mlflow_b2c.traveller_churn", "--db", db_});
    ASSERT_EQ(token.exit_code, 0) << token.err;
    token_ = token.out.substr(0, token.out.find('\n'));
    server_ = testing::SpawnLinea({"serve", "--db", db_, "--listen", "127.0.0.1:0", "--quiet"});
    const std::string banner = testing::WaitForText(server_.err_path, "on http://127.0.0.1:");
    ASSERT_FALSE(banner.empty()) << "server did not start";
    url_ = "http://127.0.0.1:" +
           std::to_string(std::stoi(banner.substr(banner.find("on http://127.0.0.1:") + 20)));
    template_ = YAML::LoadFile(SourcePath("ci/gitlab/linea.gitlab-ci.yml"));
  }
  void TearDown() override {
    if (server_.pid > 0) testing::StopSpawned(server_, SIGTERM);
  }

  // Runs the script of `job` with bash -e (as GitLab's shell runner does) in the repository,
  // with the template's variables, the CI variables of `pipeline` and the project's ones.
  JobRun Run(const std::string& job, const std::vector<std::string>& pipeline) {
    std::string script;
    for (const YAML::Node& line : template_[job]["script"]) script += line.as<std::string>() + "\n";
    const std::string script_path = dir_ + "/" + job.substr(job.find(':') + 1) + ".sh";
    WriteFile(script_path, script);
    std::vector<std::string> env = pipeline;
    for (const auto& v : template_["variables"]) {
      env.push_back(v.first.as<std::string>() + "=" + v.second.as<std::string>());
    }
    env.push_back("LINEA_URL=" + url_);
    env.push_back("LINEA_TOKEN=" + token_);
    env.push_back("CI_PROJECT_URL=https://gitlab.example.com/scoring/traveller-churn");
    const std::string bin_dir = std::filesystem::path(testing::LineaBinary()).parent_path();
    std::string command = "cd '" + repo_ + "' && env";
    for (const std::string& e : env) command += " '" + e + "'";
    command += " PATH='" + std::filesystem::absolute(bin_dir).string() + "':\"$PATH\" bash -e '" +
               script_path + "' > '" + dir_ + "/job.out' 2>&1";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(dir_ + "/job.out")};
  }

  std::string dir_, db_, repo_, token_, url_;
  testing::Spawned server_;
  YAML::Node template_;
};

const std::vector<std::string> kMergeRequest = {"CI_PIPELINE_SOURCE=merge_request_event",
                                                "CI_MERGE_REQUEST_IID=7"};
const std::vector<std::string> kDefaultBranch = {"CI_PIPELINE_SOURCE=push", "CI_COMMIT_BRANCH=main",
                                                 "CI_DEFAULT_BRANCH=main"};

TEST_F(CiTemplateTest, MergeRequestWithATypoFailsThenTheMergeAppliesAndARerunChangesNothing) {
  // The example repository's manifest, with a typo in a source.
  std::string manifest = ReadFile(SourcePath("examples/ml-repo/lineage.yaml"));
  const std::string good = "hive.mart_geo.cell_events_mart.subscriber_id";
  std::string typo = manifest;
  typo.replace(typo.find(good), good.size(), "hive.mart_geo.cell_events_mart.subscriber_idd");
  WriteFile(repo_ + "/lineage.yaml", typo);

  JobRun review = Run("linea:diff", kMergeRequest);
  EXPECT_EQ(review.exit_code, 2) << review.output;
  EXPECT_THAT(review.output,
              HasSubstr("unknown source hive.mart\\_geo.cell\\_events\\_mart.subscriber\\_idd "
                        "(did you mean hive.mart\\_geo.cell\\_events\\_mart.subscriber\\_id"));
  EXPECT_THAT(review.output, HasSubstr("### linea apply: nothing applied — 1 problem"));
  EXPECT_THAT(ReadFile(repo_ + "/linea-diff.md"), HasSubstr("nothing applied"));
  EXPECT_EQ(RunLinea({"show", "mlflow_b2c.traveller_churn", "--db", db_}).exit_code, 2);

  // Fixed: the review shows what would change, still writing nothing.
  WriteFile(repo_ + "/lineage.yaml", manifest);
  review = Run("linea:diff", kMergeRequest);
  ASSERT_EQ(review.exit_code, 0) << review.output;
  EXPECT_THAT(
      review.output,
      HasSubstr("### linea apply (dry run): 1 of 1 model would change\n\n"
                "#### `mlflow_b2c.traveller_churn` — would change, 2 features (`lineage.yaml`)\n"
                "\n```diff\n+ model mlflow_b2c.traveller_churn\n"));
  EXPECT_THAT(review.output, HasSubstr("+ edge hive.mart_geo.cell_events_mart.dt -> "
                                       "mlflow_b2c.traveller_churn.active_days_30d\n"));
  EXPECT_THAT(review.output,
              HasSubstr("+ check null_rate on mlflow_b2c.traveller_churn.active_days_30d"));
  EXPECT_EQ(RunLinea({"show", "mlflow_b2c.traveller_churn", "--db", db_}).exit_code, 2);

  // Merged: applied, from the project's repository.
  JobRun merged = Run("linea:apply", kDefaultBranch);
  ASSERT_EQ(merged.exit_code, 0) << merged.output;
  EXPECT_THAT(merged.output, HasSubstr("### linea apply: 1 of 1 model changed\n"));
  CliResult shown = RunLinea({"show", "mlflow_b2c.traveller_churn", "--json", "--db", db_});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(
      shown.out,
      HasSubstr("\"manifest_repository\": \"https://gitlab.example.com/scoring/traveller-churn\""));
  EXPECT_THAT(shown.out, HasSubstr("\"training_window\": \"2026-01..2026-06\""));
  CliResult impact =
      RunLinea({"impact", "hive.mart_geo.cell_events_mart.dt", "--json", "--db", db_});
  EXPECT_THAT(impact.out, HasSubstr("mlflow_b2c.traveller_churn"));

  // The pipeline again: nothing changes.
  JobRun again = Run("linea:apply", kDefaultBranch);
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_THAT(again.output, HasSubstr("### linea apply: 0 of 1 model changed\n\n"
                                      "#### `mlflow_b2c.traveller_churn` — unchanged, 2 features"));
}

TEST_F(CiTemplateTest, TheTokenCannotChangeAnotherModel) {
  WriteFile(repo_ + "/lineage.yaml", R"(model: mlflow_b2c.other_churn
features:
  - name: dt
    sources: [hive.mart_geo.cell_events_mart.dt]
)");
  JobRun merged = Run("linea:apply", kDefaultBranch);
  EXPECT_EQ(merged.exit_code, 2) << merged.output;
  EXPECT_THAT(
      merged.output,
      HasSubstr("token ci-traveller-churn may not change mlflow_b2c.other_churn (no domain): "
                "its scope covers prefixes [mlflow_b2c.traveller_churn]"));
  EXPECT_EQ(RunLinea({"show", "mlflow_b2c.other_churn", "--db", db_}).exit_code, 2);
}

}  // namespace
}  // namespace linea
