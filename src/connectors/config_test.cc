#include "connectors/config.h"

#include <gmock/gmock.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/testing/status_matchers.h"
#include "connectors/secrets.h"

namespace linea::connectors {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<std::string> kTypes = {"hive-metastore", "mlflow"};

Result<std::vector<ConnectorConfig>> Parse(std::string_view text, bool single = false) {
  return ParseConnectorConfigs(text, "/etc/linea/c.yaml", kTypes, single);
}

TEST(ConnectorConfigTest, TheIssuesTwoDocumentExampleParses) {
  auto configs = Parse(R"(name: hms-prod
type: hive-metastore
url: postgresql://hive@metastore-db:5432/metastore
password_env: HMS_PASSWORD
service: hive
every: 15m
---
name: mlflow-prod
type: mlflow
tracking_uri: https://mlflow.example/
token_env: MLFLOW_TOKEN
service: mlflow_b2c
)");
  ASSERT_THAT(configs, IsOk());
  ASSERT_EQ(configs->size(), 2u);
  const ConnectorConfig& hms = (*configs)[0];
  EXPECT_EQ(hms.name, "hms-prod");
  EXPECT_EQ(hms.type, "hive-metastore");
  EXPECT_EQ(hms.service, "hive");
  EXPECT_EQ(hms.every, std::chrono::minutes(15));
  EXPECT_EQ(hms.jitter, std::chrono::seconds(90));
  EXPECT_EQ(hms.base_dir, "/etc/linea");
  EXPECT_EQ(hms.line, 1);
  EXPECT_EQ((*configs)[1].name, "mlflow-prod");
  EXPECT_EQ((*configs)[1].line, 8);
  EXPECT_EQ((*configs)[1].every, std::chrono::hours(1));
}

TEST(ConnectorConfigTest, AConnectorsListWorksToo) {
  auto configs = Parse("connectors:\n  - {name: a, type: mlflow}\n  - name: b\n    type: mlflow\n    jitter: 30s\n");
  ASSERT_THAT(configs, IsOk());
  ASSERT_EQ(configs->size(), 2u);
  EXPECT_EQ((*configs)[1].jitter, std::chrono::seconds(30));
  EXPECT_EQ((*configs)[1].line, 3);
}

TEST(ConnectorConfigTest, TypeKeysAreReadThroughTheReaderAndTheRestAreUnknown) {
  auto configs = Parse("name: hms\ntype: hive-metastore\nurl: sqlite:///x.db\npasword_env: P\n");
  ASSERT_THAT(configs, IsOk());
  ConfigReader reader = (*configs)[0].Reader();
  EXPECT_EQ(*reader.RequiredString("url"), "sqlite:///x.db");
  ASSERT_THAT(reader.OptionalString("password_env"), IsOk());
  EXPECT_THAT(reader.CheckAllRead(),
              StatusIs(StatusCode::kInvalidArgument,
                       "/etc/linea/c.yaml:4: unknown key \"pasword_env\"; did you mean "
                       "\"password_env\"?"));
}

TEST(ConnectorConfigTest, BadCommonKeysNameTheLine) {
  EXPECT_THAT(Parse("name: x\ntype: hive\n"),
              StatusIs(StatusCode::kInvalidArgument,
                       "/etc/linea/c.yaml:2: unknown connector type \"hive\" (known: "
                       "hive-metastore, mlflow)"));
  EXPECT_THAT(Parse("name: x\ntype: mlfow\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("did you mean \"mlflow\"?")));
  EXPECT_THAT(Parse("type: mlflow\n"),
              StatusIs(StatusCode::kInvalidArgument, "/etc/linea/c.yaml:1: missing key \"name\""));
  EXPECT_THAT(Parse("name: Prod HMS\ntype: mlflow\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr(":1: bad connector name \"Prod HMS\"")));
  EXPECT_THAT(Parse("name: x\ntype: mlflow\nevery: soon\n"),
              StatusIs(StatusCode::kInvalidArgument,
                       "/etc/linea/c.yaml:3: \"every\" must be a duration like 30s, 15m, 2h or "
                       "1d, got \"soon\""));
  EXPECT_THAT(Parse("name: x\ntype: mlflow\nevery: 5s\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("at least 10s")));
  EXPECT_THAT(Parse("name: x\ntype: mlflow\nevery: 1m\njitter: 30s\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr(":4: \"jitter\" must be less than half")));
  EXPECT_THAT(Parse("name: x\ntype: [mlflow]\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr(":2: \"type\" must be a string")));
  EXPECT_THAT(Parse("name: x\ntype: mlflow\n---\nname: x\ntype: mlflow\n"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr(":4: a second connector named \"x\" (first at line 1)")));
  EXPECT_THAT(Parse("- a\n- b\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("must be a mapping")));
  EXPECT_THAT(Parse(""), StatusIs(StatusCode::kInvalidArgument, HasSubstr("no connector")));
  EXPECT_THAT(Parse("name: [x\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("YAML syntax error: ")));
  // yaml-cpp 0.7 alone loops until memory runs out on this one (found by the fuzzer).
  EXPECT_THAT(Parse(","), StatusIs(StatusCode::kInvalidArgument,
                                   HasSubstr(":1: YAML syntax error: unexpected ','")));
}

TEST(ConnectorConfigTest, IngestWantsExactlyOne) {
  EXPECT_THAT(Parse("name: a\ntype: mlflow\n---\nname: b\ntype: mlflow\n", true),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr(":4: expected one connector, found 2")));
}

TEST(ConnectorConfigTest, Durations) {
  EXPECT_EQ(ParseDuration("45"), std::chrono::seconds(45));
  EXPECT_EQ(ParseDuration("30s"), std::chrono::seconds(30));
  EXPECT_EQ(ParseDuration("2h"), std::chrono::hours(2));
  EXPECT_EQ(ParseDuration("1d"), std::chrono::hours(24));
  EXPECT_EQ(ParseDuration("1.5h"), std::nullopt);
  EXPECT_EQ(ParseDuration("-1m"), std::nullopt);
  EXPECT_EQ(ParseDuration("m"), std::nullopt);
}

TEST(SecretsTest, FromTheEnvironmentOrAFileNeverInTheError) {
  const std::string dir = ::testing::TempDir() + "/secrets_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/hms.secret") << "s3cret\n";
  ::setenv("LINEA_TEST_SECRET", "from-env", 1);
  ::unsetenv("LINEA_TEST_UNSET");
  auto read = [&](const std::string& yaml) {
    auto configs = ParseConnectorConfigs(yaml, dir + "/c.yaml", kTypes, true);
    EXPECT_THAT(configs, IsOk());
    ConfigReader reader = (*configs)[0].Reader();
    return ReadSecret(reader, "password", (*configs)[0].base_dir);
  };
  EXPECT_EQ(*read("name: a\ntype: mlflow\npassword_env: LINEA_TEST_SECRET\n"), "from-env");
  EXPECT_EQ(*read("name: a\ntype: mlflow\npassword_file: hms.secret\n"), "s3cret");
  EXPECT_EQ(*read("name: a\ntype: mlflow\n"), "");
  Result<std::string> unset = read("name: a\ntype: mlflow\npassword_env: LINEA_TEST_UNSET\n");
  EXPECT_THAT(unset, StatusIs(StatusCode::kInvalidArgument,
                              HasSubstr(":3: \"password_env\": environment variable "
                                        "LINEA_TEST_UNSET is not set")));
  EXPECT_THAT(read("name: a\ntype: mlflow\npassword_file: nope\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("cannot read " + dir + "/nope")));
  EXPECT_THAT(read("name: a\ntype: mlflow\npassword_env: X\npassword_file: y\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("not both")));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace linea::connectors
