// The API-token part of the Store contract suite (see store_contract_test.h): every backend
// that instantiates StoreContractTest runs these cases too.
#include <gmock/gmock.h>

#include <atomic>
#include <thread>

#include "store/store_contract_test.h"
#include "tests/testing/status_matchers.h"

namespace linea::store {
namespace {

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

TEST_P(StoreContractTest, EmptyStoreHasNoTokens) {
  Result<std::vector<TokenRecord>> tokens = store().ListTokens();
  ASSERT_THAT(tokens, IsOk());
  EXPECT_THAT(*tokens, IsEmpty());
}

TEST_P(StoreContractTest, TokensRoundTripEveryFieldOrderedByName) {
  TokenRecord admin = MakeToken("ops.admin", "admin", 7);
  admin.hash = std::string(64, 'f');
  ASSERT_THAT(store().PutToken(MakeToken("ci-scoring")), IsOk());
  ASSERT_THAT(store().PutToken(admin), IsOk());
  ASSERT_THAT(store().PutToken(MakeToken("alerts", "reader", 5)), IsOk());

  Result<std::vector<TokenRecord>> tokens = store().ListTokens();
  ASSERT_THAT(tokens, IsOk());
  EXPECT_THAT(*tokens,
              ElementsAre(MakeToken("alerts", "reader", 5), MakeToken("ci-scoring"), admin));
}

TEST_P(StoreContractTest, DuplicateTokenNameIsAlreadyExistsAndKeepsTheFirst) {
  ASSERT_THAT(store().PutToken(MakeToken("ci")), IsOk());
  TokenRecord other = MakeToken("ci", "admin", 200);
  other.hash = "another-hash";
  Status status = store().PutToken(other);
  EXPECT_THAT(status, StatusIs(StatusCode::kAlreadyExists));
  EXPECT_EQ(status.message(), "token ci already exists");
  EXPECT_THAT(*store().ListTokens(), ElementsAre(MakeToken("ci")));
}

TEST_P(StoreContractTest, RevokedTokenNameStaysTaken) {
  ASSERT_THAT(store().PutToken(MakeToken("ci")), IsOk());
  ASSERT_THAT(store().RevokeToken("ci", 150), IsOk());
  TokenRecord again = MakeToken("ci");
  again.hash = "fresh-hash";
  EXPECT_THAT(store().PutToken(again), StatusIs(StatusCode::kAlreadyExists));
}

TEST_P(StoreContractTest, DuplicateTokenHashIsAlreadyExists) {
  ASSERT_THAT(store().PutToken(MakeToken("a")), IsOk());
  TokenRecord same_secret = MakeToken("b");
  same_secret.hash = "hash-of-a";
  EXPECT_THAT(store().PutToken(same_secret), StatusIs(StatusCode::kAlreadyExists));
  EXPECT_THAT(Names(*store().ListTokens()), ElementsAre("a"));
}

TEST_P(StoreContractTest, RevokeKeepsTheFirstRevocationTime) {
  ASSERT_THAT(store().PutToken(MakeToken("ci")), IsOk());
  ASSERT_THAT(store().PutToken(MakeToken("other")), IsOk());
  ASSERT_THAT(store().RevokeToken("ci", 150), IsOk());
  ASSERT_THAT(store().RevokeToken("ci", 300), IsOk());  // idempotent

  std::vector<TokenRecord> tokens = *store().ListTokens();
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].revoked_at, 150);
  EXPECT_EQ(tokens[0].hash, "hash-of-ci");  // revoked rows keep their hash and role
  EXPECT_EQ(tokens[0].role, "writer");
  EXPECT_EQ(tokens[1].revoked_at, 0);
}

TEST_P(StoreContractTest, RevokeUnknownTokenIsNotFound) {
  ASSERT_THAT(store().PutToken(MakeToken("ci")), IsOk());
  Status status = store().RevokeToken("cj", 150);
  EXPECT_THAT(status, StatusIs(StatusCode::kNotFound));
  EXPECT_EQ(status.message(), "unknown token cj");
  EXPECT_EQ(store().ListTokens()->at(0).revoked_at, 0);
}

TEST_P(StoreContractTest, TokensPersistAcrossReopenAndIgnoreCatalogWrites) {
  ASSERT_THAT(store().PutToken(MakeToken("ci")), IsOk());
  ASSERT_THAT(store().PutToken(MakeToken("old", "reader")), IsOk());
  ASSERT_THAT(store().RevokeToken("old", 120), IsOk());
  model::Delta delta;
  delta.upsert_assets.emplace_back().fqn = "a.t";
  ASSERT_THAT(store().Apply(delta), IsOk());
  const std::vector<TokenRecord> before = *store().ListTokens();

  Reopen();
  EXPECT_EQ(*store().ListTokens(), before);
  EXPECT_EQ(store().ListAssets()->size(), 1u);
  EXPECT_THAT(store().RevokeToken("ci", 130), IsOk());  // still writable after reopen
}

TEST_P(StoreContractTest, ConcurrentCreatesOfOneNameAdmitExactlyOne) {
  constexpr int kThreads = 8;
  std::atomic<int> created{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      TokenRecord token = MakeToken("race");
      token.hash += std::to_string(t);
      Status status = store().PutToken(token);
      if (status.ok()) ++created;
      if (status.code() == StatusCode::kAlreadyExists) ++refused;
      EXPECT_THAT(store().PutToken(MakeToken("t" + std::to_string(t))), IsOk());
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(refused.load(), kThreads - 1);
  EXPECT_EQ(store().ListTokens()->size(), static_cast<size_t>(kThreads + 1));
}

}  // namespace
}  // namespace linea::store
