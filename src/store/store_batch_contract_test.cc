// Group commit, part of the Store contract suite (see store_contract_test.h): BeginBatch(),
// Apply() under a savepoint per delta, CommitBatch()/RollbackBatch().
#include <gmock/gmock.h>

#include <string>
#include <utility>
#include <vector>

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

AnyDelta AssetsAndEvent(std::initializer_list<std::string> fqns, std::string hash) {
  AnyDelta delta;
  for (const std::string& fqn : fqns) delta.upsert_assets.emplace_back().fqn = fqn;
  model::RawEvent& event = delta.append_events.emplace_back();
  event.hash = std::move(hash);
  event.event_type = "COMPLETE";
  event.body = "{}";
  return delta;
}

std::vector<std::string> Fqns(Store& store) {
  std::vector<std::string> fqns;
  Result<std::vector<model::Asset>> assets = store.lineage().ListAssets();
  EXPECT_THAT(assets.status(), IsOk());
  if (!assets.ok()) return fqns;
  for (const model::Asset& asset : *assets) fqns.push_back(asset.fqn);
  return fqns;
}

TEST_P(BatchStoreContractTest, BatchCommitsEveryDeltaTogetherAndReadsSeeItBeforeTheCommit) {
  ASSERT_THAT(store().BeginBatch(), IsOk());
  ASSERT_THAT(Apply(store(), AssetsAndEvent({"a.t"}, "h1")), IsOk());
  ASSERT_THAT(Apply(store(), AssetsAndEvent({"b.t"}, "h2")), IsOk());
  // Reads on the store see the batch's writes before the commit.
  EXPECT_THAT(Fqns(store()), ElementsAre("a.t", "b.t"));
  EXPECT_TRUE(*store().runs().HasEvent("h2"));
  EXPECT_TRUE(store().lineage().GetAsset("a.t")->has_value());

  // Another connection to the same data sees nothing until the commit.
  Result<std::unique_ptr<Store>> other = GetParam().open(dir());
  ASSERT_THAT(other.status(), IsOk());
  EXPECT_THAT(Fqns(**other), IsEmpty());
  EXPECT_FALSE(*(*other)->runs().HasEvent("h1"));

  ASSERT_THAT(store().CommitBatch(), IsOk());
  EXPECT_THAT(Fqns(**other), ElementsAre("a.t", "b.t"));
  EXPECT_EQ(*(*other)->runs().CountEvents(), 2);
  other->reset();
  Reopen();
  EXPECT_THAT(Fqns(store()), ElementsAre("a.t", "b.t"));
  EXPECT_EQ(*store().runs().CountEvents(), 2);
}

TEST_P(BatchStoreContractTest, FailingDeltaInABatchRollsBackAloneAndTheBatchGoesOn) {
  ASSERT_THAT(store().BeginBatch(), IsOk());
  ASSERT_THAT(Apply(store(), AssetsAndEvent({"a.t"}, "h1")), IsOk());
  // Its asset and event are written before the edge to a missing asset fails.
  AnyDelta bad = AssetsAndEvent({"c.t"}, "h2");
  bad.replace_edges.push_back({"p", {{.from = "c.t", .to = "missing.t"}}});
  Status status = Apply(store(), bad);
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "edge c.t -> missing.t: unknown asset missing.t");
  ASSERT_THAT(Apply(store(), AssetsAndEvent({"b.t"}, "h3")), IsOk());
  ASSERT_THAT(store().CommitBatch(), IsOk());

  Reopen();
  EXPECT_THAT(Fqns(store()), ElementsAre("a.t", "b.t"));
  EXPECT_FALSE(*store().runs().HasEvent("h2"));
  EXPECT_EQ(*store().runs().CountEvents(), 2);
  EXPECT_THAT(*store().lineage().EdgesOfProvenance("p"), IsEmpty());
}

TEST_P(BatchStoreContractTest, RollbackBatchDropsEveryDeltaOfIt) {
  ASSERT_THAT(Apply(store(), AssetsAndEvent({"before.t"}, "h0")), IsOk());
  ASSERT_THAT(store().BeginBatch(), IsOk());
  ASSERT_THAT(Apply(store(), AssetsAndEvent({"a.t"}, "h1")), IsOk());
  ASSERT_THAT(PutToken(store(), {.name = "ci", .hash = "00ff", .role = "writer", .created_at = 1}),
              IsOk());
  ASSERT_THAT(store().RollbackBatch(), IsOk());

  EXPECT_THAT(Fqns(store()), ElementsAre("before.t"));
  EXPECT_THAT(*store().tokens().ListTokens(), IsEmpty());
  EXPECT_FALSE(*store().runs().HasEvent("h1"));
  // Plain writes work again after the batch.
  ASSERT_THAT(Apply(store(), AssetsAndEvent({"b.t"}, "h2")), IsOk());
  Reopen();
  EXPECT_THAT(Fqns(store()), ElementsAre("b.t", "before.t"));
}

TEST_P(BatchStoreContractTest, TokenWrittenDuringABatchCommitsWithIt) {
  ASSERT_THAT(store().BeginBatch(), IsOk());
  ASSERT_THAT(PutToken(store(), {.name = "ci", .hash = "00ff", .role = "writer", .created_at = 1}),
              IsOk());
  // A failing write inside the batch is undone alone.
  EXPECT_THAT(PutToken(store(), {.name = "ci", .hash = "11ee", .role = "reader", .created_at = 2}),
              StatusIs(StatusCode::kAlreadyExists));
  ASSERT_THAT(store().CommitBatch(), IsOk());
  Reopen();
  std::vector<TokenRecord> tokens = *store().tokens().ListTokens();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].hash, "00ff");
}

TEST_P(BatchStoreContractTest, ClosingTheStoreWithAnOpenBatchDropsIt) {
  ASSERT_THAT(store().BeginBatch(), IsOk());
  ASSERT_THAT(Apply(store(), AssetsAndEvent({"a.t"}, "h1")), IsOk());
  Reopen();
  EXPECT_THAT(Fqns(store()), IsEmpty());
  EXPECT_EQ(*store().runs().CountEvents(), 0);
}

TEST_P(BatchStoreContractTest, BatchCallsOutOfOrderAreFailedPrecondition) {
  EXPECT_THAT(store().CommitBatch(), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(store().RollbackBatch(), StatusIs(StatusCode::kFailedPrecondition));
  ASSERT_THAT(store().BeginBatch(), IsOk());
  EXPECT_THAT(store().BeginBatch(), StatusIs(StatusCode::kFailedPrecondition));
  ASSERT_THAT(store().CommitBatch(), IsOk());
  EXPECT_THAT(store().CommitBatch(), StatusIs(StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace linea::store
