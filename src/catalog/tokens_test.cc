// Catalog API tokens: create → authenticate → revoke, persistence, and bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "catalog/catalog.h"
#include "catalog/catalog_fixture.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/testing/status_matchers.h"

namespace linea::catalog {
namespace {

using auth::Role;
using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::StartsWith;

class TokenCatalogTest : public testing::SqliteCatalogTest {
 protected:
  // A second connection to the catalog's file, for looking behind the catalog's back.
  std::unique_ptr<store::Store> OpenStore() {
    auto store = store::OpenSqliteStore({.path = (dir_ / "linea.db").string()});
    EXPECT_THAT(store, IsOk());
    return store.ok() ? std::move(*store) : nullptr;
  }
  std::string Create(std::string_view name, Role role) {
    Result<std::string> secret = catalog_->CreateToken(name, role);
    EXPECT_THAT(secret, IsOk());
    return secret.ok() ? *secret : "";
  }
  std::vector<std::string> Names() {
    Result<std::vector<auth::TokenInfo>> tokens = catalog_->ListTokens();
    EXPECT_THAT(tokens, IsOk());
    std::vector<std::string> names;
    if (!tokens.ok()) return names;
    for (const auth::TokenInfo& token : *tokens) names.push_back(token.name);
    return names;
  }
};

TEST_F(TokenCatalogTest, CreatedTokenAuthenticatesWithItsRole) {
  const std::string secret = Create("ci-scoring", Role::kWriter);
  EXPECT_THAT(secret, StartsWith("lin_"));
  EXPECT_EQ(secret.size(), 47u);

  std::optional<auth::TokenInfo> who = catalog_->Authenticate(secret);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->name, "ci-scoring");
  EXPECT_EQ(who->role, Role::kWriter);
  EXPECT_GT(who->created_at, 0);
  EXPECT_EQ(who->revoked_at, 0);
}

TEST_F(TokenCatalogTest, EachTokenCarriesItsOwnRole) {
  const std::string reader = Create("dash", Role::kReader);
  const std::string admin = Create("ops", Role::kAdmin);
  EXPECT_NE(reader, admin);
  EXPECT_EQ(catalog_->Authenticate(reader)->role, Role::kReader);
  EXPECT_EQ(catalog_->Authenticate(admin)->role, Role::kAdmin);
  EXPECT_EQ(catalog_->Authenticate(admin)->name, "ops");
}

TEST_F(TokenCatalogTest, WrongSecretsAreRejected) {
  const std::string secret = Create("ci", Role::kAdmin);
  EXPECT_EQ(catalog_->Authenticate(""), std::nullopt);
  EXPECT_EQ(catalog_->Authenticate("lin_"), std::nullopt);
  EXPECT_EQ(catalog_->Authenticate(secret.substr(0, secret.size() - 1)), std::nullopt);
  EXPECT_EQ(catalog_->Authenticate(secret + "x"), std::nullopt);
  EXPECT_EQ(catalog_->Authenticate(auth::HashToken(secret)), std::nullopt);  // hash is no key
  EXPECT_EQ(catalog_->Authenticate(std::string(100000, 'a')), std::nullopt);
}

TEST_F(TokenCatalogTest, RevokedTokenIsRejectedButStillListed) {
  const std::string secret = Create("ci-scoring", Role::kWriter);
  const std::string other = Create("dash", Role::kReader);
  ASSERT_THAT(catalog_->RevokeToken("ci-scoring"), IsOk());
  EXPECT_EQ(catalog_->Authenticate(secret), std::nullopt);
  EXPECT_TRUE(catalog_->Authenticate(other).has_value());

  std::vector<auth::TokenInfo> tokens = *catalog_->ListTokens();
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].name, "ci-scoring");
  EXPECT_GE(tokens[0].revoked_at, tokens[0].created_at);
  EXPECT_GT(tokens[0].revoked_at, 0);
  EXPECT_EQ(tokens[1].revoked_at, 0);
  EXPECT_THAT(catalog_->RevokeToken("ci-scoring"), IsOk());  // again: idempotent
}

TEST_F(TokenCatalogTest, DuplicateNameIsAlreadyExistsEvenWhenRevoked) {
  const std::string first = Create("ci", Role::kReader);
  Result<std::string> again = catalog_->CreateToken("ci", Role::kAdmin);
  EXPECT_THAT(again, StatusIs(StatusCode::kAlreadyExists));
  EXPECT_EQ(again.status().message(), "token ci already exists");
  EXPECT_EQ(catalog_->Authenticate(first)->role, Role::kReader);  // the first is untouched

  ASSERT_THAT(catalog_->RevokeToken("ci"), IsOk());
  EXPECT_THAT(catalog_->CreateToken("ci", Role::kReader), StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(Names(), ElementsAre("ci"));
}

TEST_F(TokenCatalogTest, RevokingAnUnknownTokenIsNotFoundWithCandidates) {
  Create("ci-scoring", Role::kWriter);
  Status status = catalog_->RevokeToken("ci-scorng");
  EXPECT_THAT(status, StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(status.message(), "unknown token ci-scorng");
  EXPECT_THAT(status.candidates(), ElementsAre("ci-scoring"));
  EXPECT_THAT(catalog_->RevokeToken("zzz").candidates(), IsEmpty());
}

TEST_F(TokenCatalogTest, BadNamesAreInvalidArgumentAndStoreNothing) {
  for (std::string name : {std::string(), std::string("ci scoring"), std::string("ci/x"),
                           std::string(65, 'a'), std::string("tëst")}) {
    Result<std::string> secret = catalog_->CreateToken(name, Role::kReader);
    EXPECT_THAT(secret, StatusIs(StatusCode::kInvalidArgument)) << name;
  }
  EXPECT_EQ(catalog_->CreateToken("", Role::kReader).status().message(),
            "invalid token name \"\": use 1-64 characters of A-Z a-z 0-9 _ . -");
  EXPECT_THAT(catalog_->CreateToken("ok", static_cast<Role>(9)),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(*catalog_->ListTokens(), IsEmpty());
}

TEST_F(TokenCatalogTest, TokensSurviveReopen) {
  const std::string kept = Create("ci", Role::kWriter);
  const std::string revoked = Create("old", Role::kAdmin);
  ASSERT_THAT(catalog_->RevokeToken("old"), IsOk());
  const std::vector<auth::TokenInfo> before = *catalog_->ListTokens();

  Reopen();
  ASSERT_TRUE(catalog_->Authenticate(kept).has_value());
  EXPECT_EQ(catalog_->Authenticate(kept)->role, Role::kWriter);
  EXPECT_EQ(catalog_->Authenticate(revoked), std::nullopt);
  std::vector<auth::TokenInfo> after = *catalog_->ListTokens();
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].name, before[i].name);
    EXPECT_EQ(after[i].role, before[i].role);
    EXPECT_EQ(after[i].created_at, before[i].created_at);
    EXPECT_EQ(after[i].revoked_at, before[i].revoked_at);
  }
}

TEST_F(TokenCatalogTest, StoreKeepsOnlyTheHash) {
  const std::string secret = Create("ci", Role::kWriter);
  std::unique_ptr<store::Store> store = OpenStore();
  ASSERT_NE(store, nullptr);
  std::vector<store::TokenRecord> records = *store->ListTokens();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].hash, auth::HashToken(secret));
  EXPECT_EQ(records[0].role, "writer");
  EXPECT_EQ(records[0].hash.find(secret.substr(4)), std::string::npos);
}

TEST_F(TokenCatalogTest, UnknownStoredRoleFailsOpenWithDataLoss) {
  std::unique_ptr<store::Store> store = OpenStore();
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->PutToken({"bad", "h", "root", 1, 0}), IsOk());
  store.reset();
  catalog_.reset();
  Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(OpenStore());
  EXPECT_THAT(catalog, StatusIs(StatusCode::kDataLoss));
  EXPECT_EQ(catalog.status().message(), "store holds a malformed role \"root\" for token bad");
}

TEST_F(TokenCatalogTest, AuthenticateRunsAlongsideWriters) {
  const std::string stable = Create("stable", Role::kReader);
  std::thread writer([this] {
    for (int i = 0; i < 20; ++i) {
      const std::string name = "t" + std::to_string(i);
      EXPECT_THAT(catalog_->CreateToken(name, Role::kWriter), IsOk());
      EXPECT_THAT(catalog_->RevokeToken(name), IsOk());
    }
  });
  for (int i = 0; i < 200; ++i) EXPECT_TRUE(catalog_->Authenticate(stable).has_value());
  writer.join();
  EXPECT_EQ(catalog_->ListTokens()->size(), 21u);
}

}  // namespace
}  // namespace linea::catalog
