// Users (model::User): the people "user:<name>" owners name, with contacts like teams —
// validated, stored, loaded, listed, checked against writer scopes and audited.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"
#include "graph/testing/test_mesh.h"

namespace linea::catalog {
namespace {

using ::linea::graph::testing::MakeAsset;
using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using K = model::AssetKind;

model::User Jdoe() {
  return {"jdoe", "Jane Doe", {{"webhook", {{"url", "https://hooks.example/jdoe"}}}}};
}

model::Delta UpsertUsers(std::vector<model::User> users) {
  model::Delta d;
  d.upsert_users = std::move(users);
  return d;
}

class UsersTest : public testing::SqliteCatalogTest {
 protected:
  // The newest audit record.
  store::AuditRecord LastAudit() {
    Result<std::vector<store::AuditRecord>> records = catalog_->store().audit().List({.limit = 1});
    EXPECT_THAT(records, IsOk());
    return records.ok() && !records->empty() ? records->front() : store::AuditRecord{};
  }
};

TEST_F(UsersTest, BadUsersAreRejectedWithExactMessages) {
  struct Case {
    model::User user;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"", "", {}}, "user without a name"},
      {{"j doe", "", {}}, "user \"j doe\": name may not hold spaces, ':' or ','"},
      {{"user:jdoe", "", {}}, "user \"user:jdoe\": name may not hold spaces, ':' or ','"},
      {{"a,b", "", {}}, "user \"a,b\": name may not hold spaces, ':' or ','"},
      {{"jdoe", "", {{"email", {{"address", "nope"}}}}},
       "user jdoe: contact 0 (email): address \"nope\" is not a valid email address"},
  };
  for (const Case& c : cases) {
    Status s = catalog_->Apply(UpsertUsers({c.user})).status();
    EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument)) << c.message;
    EXPECT_EQ(s.message(), c.message);
  }
  Status twice = catalog_->Apply(UpsertUsers({Jdoe(), Jdoe()})).status();
  EXPECT_THAT(twice, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(twice.message(), "user jdoe listed twice");
  EXPECT_THAT(catalog_->ListUsers(), IsEmpty());
}

TEST_F(UsersTest, GetAndListUsersSurviveReopen) {
  model::User ann{"ann", "", {}};
  ASSERT_THAT(catalog_->Apply(UpsertUsers({Jdoe(), ann})), IsOk());
  EXPECT_THAT(catalog_->ListUsers(), ElementsAre(ann, Jdoe()));
  Reopen();
  EXPECT_THAT(catalog_->ListUsers(), ElementsAre(ann, Jdoe()));
  Result<model::User> jdoe = catalog_->GetUser("jdoe");
  ASSERT_THAT(jdoe, IsOk());
  EXPECT_EQ(*jdoe, Jdoe());
  // A team of the same name is another entity.
  EXPECT_THAT(catalog_->GetTeam("jdoe"), StatusIs(StatusCode::kNotFound));
}

TEST_F(UsersTest, UnknownUserIsNotFoundWithSimilarNames) {
  ASSERT_THAT(catalog_->Apply(UpsertUsers({Jdoe(), {"jdoe2", "", {}}, {"zebulon", "", {}}})),
              IsOk());
  Result<model::User> miss = catalog_->GetUser("jdo");
  EXPECT_THAT(miss, StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(miss.status().message(), "unknown user jdo");
  EXPECT_THAT(miss.status().candidates(), ElementsAre("jdoe", "jdoe2"));
}

TEST_F(UsersTest, ImpactListsUserOwnersWithTheirContacts) {
  model::Delta d;
  d.upsert_assets.push_back(MakeAsset("hive.raw.t", K::kTable));
  d.upsert_assets.push_back(MakeAsset("hive.raw.t.c", K::kColumn));
  d.upsert_assets.push_back(MakeAsset("mlflow.m", K::kModel, {"user:jdoe", "user:ann"}));
  d.upsert_assets.push_back(MakeAsset("mlflow.m.f", K::kFeature));
  d.replace_edges.push_back({"sql:x", {graph::testing::MakeEdge("hive.raw.t.c", "mlflow.m.f")}});
  d.upsert_users.push_back(Jdoe());
  ASSERT_THAT(catalog_->Apply(d), IsOk());
  Result<graph::ImpactReport> impact = catalog_->Impact("hive.raw.t.c", {});
  ASSERT_THAT(impact, IsOk());
  ASSERT_EQ(impact->teams.size(), 2u);
  EXPECT_EQ(impact->teams[0].team, "user:ann");
  EXPECT_THAT(impact->teams[0].contacts, IsEmpty());  // not a catalog user
  EXPECT_EQ(impact->teams[1].team, "user:jdoe");
  EXPECT_EQ(impact->teams[1].contacts, Jdoe().contacts);
  EXPECT_THAT(impact->teams[1].models, ElementsAre("mlflow.m"));
}

TEST_F(UsersTest, ScopedWritersChangeNoUserAndTheRefusalIsAudited) {
  const Writer scoped{"ci-geo", "writer", "test", WriteScope{.teams = {"jdoe"}}, false};
  Status denied = catalog_->Apply(UpsertUsers({Jdoe()}), nullptr, &scoped).status();
  EXPECT_THAT(denied, StatusIs(StatusCode::kPermissionDenied));
  EXPECT_EQ(denied.message(),
            "token ci-geo may not change user jdoe: a scoped token changes no users (a writer "
            "token without a scope or an admin may)");
  EXPECT_THAT(catalog_->ListUsers(), IsEmpty());
  store::AuditRecord refused = LastAudit();
  EXPECT_EQ(refused.outcome, "permission_denied");
  EXPECT_EQ(refused.error, denied.message());
  EXPECT_EQ(refused.detail, "");
}

TEST_F(UsersTest, UnscopedWritersChangeUsersAndTheAuditDetailCountsThem) {
  const Writer unscoped{"old-ci", "writer", "test", std::nullopt, false};
  ASSERT_THAT(catalog_->Apply(UpsertUsers({Jdoe(), {"ann", "", {}}}), nullptr, &unscoped), IsOk());
  store::AuditRecord ok = LastAudit();
  EXPECT_EQ(ok.actor, "old-ci");
  EXPECT_EQ(ok.outcome, "ok");
  EXPECT_EQ(ok.teams_changed, 0);
  EXPECT_EQ(ok.detail, "2 users changed");

  const Writer admin{"root", "admin", "test", std::nullopt, true};
  ASSERT_THAT(catalog_->Apply(UpsertUsers({Jdoe()}), nullptr, &admin), IsOk());
  EXPECT_EQ(LastAudit().detail, "1 user changed");
  EXPECT_EQ(catalog_->ListUsers().size(), 2u);
}

TEST_F(UsersTest, ImportAndExportCarryUsers) {
  model::CatalogDocument doc;
  doc.users.push_back(Jdoe());
  doc.assets.push_back(MakeAsset("mlflow.m", K::kModel, {"user:jdoe"}));
  ASSERT_THAT(catalog_->Apply(ImportDelta(doc, "api:test")), IsOk());
  Result<model::CatalogDocument> exported = catalog_->Export();
  ASSERT_THAT(exported, IsOk());
  EXPECT_THAT(exported->users, ElementsAre(Jdoe()));
  EXPECT_THAT(exported->teams, IsEmpty());
}

}  // namespace
}  // namespace linea::catalog
