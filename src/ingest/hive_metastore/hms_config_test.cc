#include "ingest/hive_metastore/hms_config.h"

#include <gmock/gmock.h>

#include <cstdlib>

#include "common/testing/status_matchers.h"

namespace linea::hive_metastore {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Result<HmsConfig> Read(const std::string& text) {
  auto configs = connectors::ParseConnectorConfigs(text, "/etc/linea/hms.yaml",
                                                   {"hive-metastore"}, true);
  if (!configs.ok()) return configs.status();
  return ReadHmsConfig(configs->at(0));
}

constexpr const char* kHead = "name: hms\ntype: hive-metastore\n";

TEST(HmsConfigTest, ReadsEveryKey) {
  setenv("LINEA_TEST_HMS_PASSWORD", "s3cret", 1);
  auto c = Read(std::string(kHead) +
                "url: postgresql://hive@db:5432/metastore\n"
                "password_env: LINEA_TEST_HMS_PASSWORD\n"
                "service: dwh\n"
                "catalog: spark\n"
                "include: [mart_*]\n"
                "exclude: ['*.tmp_*']\n"
                "owners: {etl: 'team:platform'}\n"
                "database_owners: {mart_geo: 'team:geo'}\n"
                "domains: {mart_crm: crm}\n"
                "domain_from: '^mart_(.+)$'\n"
                "tables_per_transaction: 100\n");
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->url.Redacted(), "postgresql://hive@db:5432/metastore");
  EXPECT_EQ(c->password, "s3cret");
  EXPECT_EQ(c->service, "dwh");
  EXPECT_EQ(c->catalog, "spark");
  EXPECT_EQ(c->tables_per_transaction, 100);
  EXPECT_TRUE(c->Selects("mart_geo", "moves"));
  EXPECT_FALSE(c->Selects("mart_geo", "tmp_x"));
  EXPECT_FALSE(c->Selects("raw_geo", "moves"));
  EXPECT_EQ(c->TeamOf("mart_geo", "etl"), "team:platform");
  EXPECT_EQ(c->TeamOf("mart_geo", "alice"), "team:geo");
  EXPECT_EQ(c->TeamOf("mart_crm", "alice"), "");
  EXPECT_EQ(c->DomainOf("mart_crm"), "crm");
  EXPECT_EQ(c->DomainOf("mart_geo"), "geo");
  EXPECT_EQ(c->DomainOf("raw_geo"), "");
}

TEST(HmsConfigTest, ARelativeSqlitePathIsRelativeToTheConfigFile) {
  auto c = Read(std::string(kHead) + "url: sqlite:data/metastore.db\n");
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->url.path, "/etc/linea/data/metastore.db");
}

TEST(HmsConfigTest, AChangedMappingChangesTheHash) {
  auto a = Read(std::string(kHead) + "url: sqlite:///m.db\nowners: {etl: 'team:a'}\n");
  auto b = Read(std::string(kHead) + "url: sqlite:///m.db\nowners: {etl: 'team:b'}\n");
  ASSERT_THAT(a, IsOk());
  ASSERT_THAT(b, IsOk());
  EXPECT_NE(a->mapping_hash, b->mapping_hash);
}

TEST(HmsConfigTest, BadConfigsNameTheKeyAndLine) {
  EXPECT_THAT(Read(std::string(kHead) + "url: sqlite:///m.db\npasword_env: X\n"),
              StatusIs(StatusCode::kInvalidArgument,
                       "/etc/linea/hms.yaml:4: unknown key \"pasword_env\"; did you mean "
                       "\"password_env\"?"));
  EXPECT_THAT(Read(std::string(kHead) + "service: hive\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("missing key \"url\"")));
  EXPECT_THAT(Read(std::string(kHead) + "url: oracle://db/x\n"),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("hms.yaml:3: bad \"url\": "), HasSubstr("oracle"))));
  EXPECT_THAT(Read(std::string(kHead) + "url: sqlite:///m.db\nowners: {etl: platform}\n"),
              StatusIs(StatusCode::kInvalidArgument,
                       "/etc/linea/hms.yaml:4: \"etl\" must map to \"team:<name>\", got "
                       "\"platform\""));
  EXPECT_THAT(Read(std::string(kHead) + "url: sqlite:///m.db\ndomain_from: '(['\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("hms.yaml:4: \"domain_from\" is "
                                                               "not a valid regex")));
  EXPECT_THAT(Read(std::string(kHead) + "url: sqlite:///m.db\ndomain_from: 'mart_'\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("needs a capture group")));
  EXPECT_THAT(Read(std::string(kHead) + "url: sqlite:///m.db\ntables_per_transaction: 0\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("hms.yaml:4:")));
}

}  // namespace
}  // namespace linea::hive_metastore
