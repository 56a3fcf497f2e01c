// API tokens: create → authenticate → revoke through the catalog's write path, persistence,
// and bad input.
#include "auth/token_registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "catalog/catalog.h"
#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"
#include "store/sqlite/sqlite_store.h"
#include "store/testing/store_writes.h"

namespace linea::auth {
namespace {

const catalog::Writer kAdmin = catalog::Writer::Local("linea token");

using catalog::Catalog;
using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::StartsWith;

class TokenCatalogTest : public catalog::testing::SqliteCatalogTest {
 protected:
  void OnOpen() override {
    auto registry = TokenRegistry::Load(*catalog_);
    ASSERT_THAT(registry, IsOk());
    tokens_ = std::move(*registry);
    catalog_->AddDomain(tokens_.get());
  }
  void OnClose() override { tokens_.reset(); }
  // A second connection to the catalog's file, for looking behind the catalog's back.
  std::unique_ptr<store::Store> OpenStore() {
    auto store = store::OpenSqliteStore({.path = (dir_ / "linea.db").string()});
    EXPECT_THAT(store, IsOk());
    return store.ok() ? std::move(*store) : nullptr;
  }
  std::string Create(std::string_view name, Role role) {
    Result<std::string> secret = tokens_->Create(name, role, std::nullopt, kAdmin);
    EXPECT_THAT(secret, IsOk());
    return secret.ok() ? *secret : "";
  }
  std::vector<std::string> Names() {
    Result<std::vector<TokenInfo>> tokens = tokens_->List();
    EXPECT_THAT(tokens, IsOk());
    std::vector<std::string> names;
    if (!tokens.ok()) return names;
    for (const TokenInfo& token : *tokens) names.push_back(token.name);
    return names;
  }

  std::unique_ptr<TokenRegistry> tokens_;
};

TEST_F(TokenCatalogTest, CreatedTokenAuthenticatesWithItsRole) {
  const std::string secret = Create("ci-scoring", Role::kWriter);
  EXPECT_THAT(secret, StartsWith("lin_"));
  EXPECT_EQ(secret.size(), 47u);

  std::optional<TokenInfo> who = tokens_->Authenticate(secret);
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
  EXPECT_EQ(tokens_->Authenticate(reader)->role, Role::kReader);
  EXPECT_EQ(tokens_->Authenticate(admin)->role, Role::kAdmin);
  EXPECT_EQ(tokens_->Authenticate(admin)->name, "ops");
}

TEST_F(TokenCatalogTest, WrongSecretsAreRejected) {
  const std::string secret = Create("ci", Role::kAdmin);
  EXPECT_EQ(tokens_->Authenticate(""), std::nullopt);
  EXPECT_EQ(tokens_->Authenticate("lin_"), std::nullopt);
  EXPECT_EQ(tokens_->Authenticate(secret.substr(0, secret.size() - 1)), std::nullopt);
  EXPECT_EQ(tokens_->Authenticate(secret + "x"), std::nullopt);
  EXPECT_EQ(tokens_->Authenticate(HashToken(secret)), std::nullopt);  // hash is no key
  EXPECT_EQ(tokens_->Authenticate(std::string(100000, 'a')), std::nullopt);
}

TEST_F(TokenCatalogTest, RevokedTokenIsRejectedButStillListed) {
  const std::string secret = Create("ci-scoring", Role::kWriter);
  const std::string other = Create("dash", Role::kReader);
  ASSERT_THAT(tokens_->Revoke("ci-scoring", kAdmin), IsOk());
  EXPECT_EQ(tokens_->Authenticate(secret), std::nullopt);
  EXPECT_TRUE(tokens_->Authenticate(other).has_value());

  std::vector<TokenInfo> tokens = *tokens_->List();
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].name, "ci-scoring");
  EXPECT_GE(tokens[0].revoked_at, tokens[0].created_at);
  EXPECT_GT(tokens[0].revoked_at, 0);
  EXPECT_EQ(tokens[1].revoked_at, 0);
  EXPECT_THAT(tokens_->Revoke("ci-scoring", kAdmin), IsOk());  // again: idempotent
}

TEST_F(TokenCatalogTest, DuplicateNameIsAlreadyExistsEvenWhenRevoked) {
  const std::string first = Create("ci", Role::kReader);
  Result<std::string> again = tokens_->Create("ci", Role::kAdmin, std::nullopt, kAdmin);
  EXPECT_THAT(again, StatusIs(StatusCode::kAlreadyExists));
  EXPECT_EQ(again.status().message(), "token ci already exists");
  EXPECT_EQ(tokens_->Authenticate(first)->role, Role::kReader);  // the first is untouched

  ASSERT_THAT(tokens_->Revoke("ci", kAdmin), IsOk());
  EXPECT_THAT(tokens_->Create("ci", Role::kReader, std::nullopt, kAdmin), StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(Names(), ElementsAre("ci"));
}

TEST_F(TokenCatalogTest, RevokingAnUnknownTokenIsNotFoundWithCandidates) {
  Create("ci-scoring", Role::kWriter);
  Status status = tokens_->Revoke("ci-scorng", kAdmin);
  EXPECT_THAT(status, StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(status.message(), "unknown token ci-scorng");
  EXPECT_THAT(status.candidates(), ElementsAre("ci-scoring"));
  EXPECT_THAT(tokens_->Revoke("zzz", kAdmin).candidates(), IsEmpty());
}

TEST_F(TokenCatalogTest, BadNamesAreInvalidArgumentAndStoreNothing) {
  for (std::string name : {std::string(), std::string("ci scoring"), std::string("ci/x"),
                           std::string(65, 'a'), std::string("tëst")}) {
    Result<std::string> secret = tokens_->Create(name, Role::kReader, std::nullopt, kAdmin);
    EXPECT_THAT(secret, StatusIs(StatusCode::kInvalidArgument)) << name;
  }
  EXPECT_EQ(tokens_->Create("", Role::kReader, std::nullopt, kAdmin).status().message(),
            "invalid token name \"\": use 1-64 characters of A-Z a-z 0-9 _ . -");
  EXPECT_THAT(tokens_->Create("ok", static_cast<Role>(9), std::nullopt, kAdmin),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(*tokens_->List(), IsEmpty());
}

TEST_F(TokenCatalogTest, TokensSurviveReopen) {
  const std::string kept = Create("ci", Role::kWriter);
  const std::string revoked = Create("old", Role::kAdmin);
  ASSERT_THAT(tokens_->Revoke("old", kAdmin), IsOk());
  const std::vector<TokenInfo> before = *tokens_->List();

  Reopen();
  ASSERT_TRUE(tokens_->Authenticate(kept).has_value());
  EXPECT_EQ(tokens_->Authenticate(kept)->role, Role::kWriter);
  EXPECT_EQ(tokens_->Authenticate(revoked), std::nullopt);
  std::vector<TokenInfo> after = *tokens_->List();
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
  std::vector<store::TokenRecord> records = *store->tokens().ListTokens();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].hash, HashToken(secret));
  EXPECT_EQ(records[0].role, "writer");
  EXPECT_EQ(records[0].hash.find(secret.substr(4)), std::string::npos);
}

TEST_F(TokenCatalogTest, UnknownStoredRoleFailsOpenWithDataLoss) {
  std::unique_ptr<store::Store> store = OpenStore();
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store::testing::PutToken(*store, {"bad", "h", "root", 1, 0}), IsOk());
  store.reset();
  Result<std::unique_ptr<TokenRegistry>> registry = TokenRegistry::Load(*catalog_);
  EXPECT_THAT(registry, StatusIs(StatusCode::kDataLoss));
  EXPECT_EQ(registry.status().message(), "store holds a malformed role \"root\" for token bad");
}

TEST_F(TokenCatalogTest, AuthenticateRunsAlongsideWriters) {
  const std::string stable = Create("stable", Role::kReader);
  std::thread writer([this] {
    for (int i = 0; i < 20; ++i) {
      const std::string name = "t" + std::to_string(i);
      EXPECT_THAT(tokens_->Create(name, Role::kWriter, std::nullopt, kAdmin), IsOk());
      EXPECT_THAT(tokens_->Revoke(name, kAdmin), IsOk());
    }
  });
  for (int i = 0; i < 200; ++i) EXPECT_TRUE(tokens_->Authenticate(stable).has_value());
  writer.join();
  EXPECT_EQ(tokens_->List()->size(), 21u);
}

}  // namespace
}  // namespace linea::auth
