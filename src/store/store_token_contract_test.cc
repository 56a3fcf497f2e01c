// The API-token part of the Store contract suite (see store_contract_test.h): every backend
// that instantiates StoreContractTest runs these cases too.
#include <gmock/gmock.h>

#include <atomic>
#include <thread>

#include "store/store_contract_test.h"
#include "common/testing/status_matchers.h"
#include "store/testing/store_writes.h"

namespace linea::store {
namespace {

using ::linea::store::testing::AnyDelta;
using ::linea::store::testing::Apply;
using ::linea::store::testing::PutToken;
using ::linea::store::testing::RevokeToken;

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TokenRecord MakeToken(std::string name, std::string role = "writer", int64_t created_at = 100) {
  TokenRecord token;
  token.hash = "hash-of-" + name;
  token.name = std::move(name);
  token.role = std::move(role);
  token.created_at = created_at;
  return token;
}

std::vector<std::string> Names(const std::vector<TokenRecord>& tokens) {
  std::vector<std::string> names;
  for (const TokenRecord& token : tokens) names.push_back(token.name);
  return names;
}

TEST_P(TokenStoreContractTest, EmptyStoreHasNoTokens) {
  Result<std::vector<TokenRecord>> tokens = store().tokens().ListTokens();
  ASSERT_THAT(tokens, IsOk());
  EXPECT_THAT(*tokens, IsEmpty());
}

TEST_P(TokenStoreContractTest, TokensRoundTripEveryFieldOrderedByName) {
  TokenRecord admin = MakeToken("ops.admin", "admin", 7);
  admin.hash = std::string(64, 'f');
  ASSERT_THAT(PutToken(store(), MakeToken("ci-scoring")), IsOk());
  ASSERT_THAT(PutToken(store(), admin), IsOk());
  ASSERT_THAT(PutToken(store(), MakeToken("alerts", "reader", 5)), IsOk());

  Result<std::vector<TokenRecord>> tokens = store().tokens().ListTokens();
  ASSERT_THAT(tokens, IsOk());
  EXPECT_THAT(*tokens,
              ElementsAre(MakeToken("alerts", "reader", 5), MakeToken("ci-scoring"), admin));
}

TEST_P(TokenStoreContractTest, DuplicateTokenNameIsAlreadyExistsAndKeepsTheFirst) {
  ASSERT_THAT(PutToken(store(), MakeToken("ci")), IsOk());
  TokenRecord other = MakeToken("ci", "admin", 200);
  other.hash = "another-hash";
  Status status = PutToken(store(), other);
  EXPECT_THAT(status, StatusIs(StatusCode::kAlreadyExists));
  EXPECT_EQ(status.message(), "token ci already exists");
  EXPECT_THAT(*store().tokens().ListTokens(), ElementsAre(MakeToken("ci")));
}

TEST_P(TokenStoreContractTest, RevokedTokenNameStaysTaken) {
  ASSERT_THAT(PutToken(store(), MakeToken("ci")), IsOk());
  ASSERT_THAT(RevokeToken(store(), "ci", 150), IsOk());
  TokenRecord again = MakeToken("ci");
  again.hash = "fresh-hash";
  EXPECT_THAT(PutToken(store(), again), StatusIs(StatusCode::kAlreadyExists));
}

TEST_P(TokenStoreContractTest, DuplicateTokenHashIsAlreadyExists) {
  ASSERT_THAT(PutToken(store(), MakeToken("a")), IsOk());
  TokenRecord same_secret = MakeToken("b");
  same_secret.hash = "hash-of-a";
  EXPECT_THAT(PutToken(store(), same_secret), StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(Names(*store().tokens().ListTokens()), ElementsAre("a"));
}

TEST_P(TokenStoreContractTest, RevokeKeepsTheFirstRevocationTime) {
  ASSERT_THAT(PutToken(store(), MakeToken("ci")), IsOk());
  ASSERT_THAT(PutToken(store(), MakeToken("other")), IsOk());
  ASSERT_THAT(RevokeToken(store(), "ci", 150), IsOk());
  ASSERT_THAT(RevokeToken(store(), "ci", 300), IsOk());  // idempotent

  std::vector<TokenRecord> tokens = *store().tokens().ListTokens();
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].revoked_at, 150);
  EXPECT_EQ(tokens[0].hash, "hash-of-ci");  // revoked rows keep their hash and role
  EXPECT_EQ(tokens[0].role, "writer");
  EXPECT_EQ(tokens[1].revoked_at, 0);
}

TEST_P(TokenStoreContractTest, RevokeUnknownTokenIsNotFound) {
  ASSERT_THAT(PutToken(store(), MakeToken("ci")), IsOk());
  Status status = RevokeToken(store(), "cj", 150);
  EXPECT_THAT(status, StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(status.message(), "unknown token cj");
  EXPECT_EQ(store().tokens().ListTokens()->at(0).revoked_at, 0);
}

TEST_P(TokenStoreContractTest, TokensPersistAcrossReopenAndIgnoreCatalogWrites) {
  ASSERT_THAT(PutToken(store(), MakeToken("ci")), IsOk());
  ASSERT_THAT(PutToken(store(), MakeToken("old", "reader")), IsOk());
  ASSERT_THAT(RevokeToken(store(), "old", 120), IsOk());
  AnyDelta delta;
  delta.upsert_assets.emplace_back().fqn = "a.t";
  ASSERT_THAT(Apply(store(), delta), IsOk());
  const std::vector<TokenRecord> before = *store().tokens().ListTokens();

  Reopen();
  EXPECT_EQ(*store().tokens().ListTokens(), before);
  EXPECT_EQ(store().lineage().ListAssets()->size(), 1u);
  EXPECT_THAT(RevokeToken(store(), "ci", 130), IsOk());  // still writable after reopen
}

TEST_P(TokenStoreContractTest, ConcurrentCreatesOfOneNameAdmitExactlyOne) {
  constexpr int kThreads = 8;
  std::atomic<int> created{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      TokenRecord token = MakeToken("race");
      token.hash += std::to_string(t);
      Status status = PutToken(store(), token);
      if (status.ok()) ++created;
      if (status.code() == StatusCode::kAlreadyExists) ++refused;
      EXPECT_THAT(PutToken(store(), MakeToken("t" + std::to_string(t))), IsOk());
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(refused.load(), kThreads - 1);
  EXPECT_EQ(store().tokens().ListTokens()->size(), static_cast<size_t>(kThreads + 1));
}

}  // namespace
}  // namespace linea::store
