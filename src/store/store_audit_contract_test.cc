// The audit-log part of the Store contract suite (see store_contract_test.h): one record per
// client write, appended inside a write transaction, listed newest first with filters, pruned by
// age.
#include <gmock/gmock.h>

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "store/store_contract_test.h"

namespace linea::store {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

AuditRecord Record(std::string actor, int64_t at_ms, std::string action = "PUT /api/v1/teams",
                   std::string outcome = "ok") {
  AuditRecord r;
  r.at_ms = at_ms;
  r.actor = std::move(actor);
  r.role = "writer";
  r.action = std::move(action);
  r.outcome = std::move(outcome);
  return r;
}

Status Append(Store& store, const AuditRecord& record) {
  return store.Write([&](WriteTxn& txn) { return store.audit().Append(txn, record); });
}

// How many records Prune() removed in a transaction of its own; -1 when it failed.
int64_t Prune(Store& store, int64_t before_ms) {
  int64_t pruned = -1;
  Status status = store.Write([&](WriteTxn& txn) -> Status {
    Result<int64_t> n = store.audit().Prune(txn, before_ms);
    if (!n.ok()) return n.status();
    pruned = *n;
    return Status();
  });
  EXPECT_THAT(status, IsOk());
  return pruned;
}

std::vector<AuditRecord> List(Store& store, AuditFilter filter = {}) {
  Result<std::vector<AuditRecord>> records = store.audit().List(filter);
  EXPECT_THAT(records.status(), IsOk());
  return records.ok() ? *records : std::vector<AuditRecord>{};
}

std::vector<std::string> Actors(const std::vector<AuditRecord>& records) {
  std::vector<std::string> actors;
  for (const AuditRecord& r : records) actors.push_back(r.actor);
  return actors;
}

// Appends a (at 1000), b (2000), c (3000), d (4000): ids increase in that order.
void AppendFour(Store& store) {
  ASSERT_THAT(Append(store, Record("a", 1000, "PUT /api/v1/teams")), IsOk());
  ASSERT_THAT(Append(store, Record("b", 2000, "POST /api/v1/manifests", "permission_denied")),
              IsOk());
  ASSERT_THAT(Append(store, Record("c", 3000, "linea apply")), IsOk());
  ASSERT_THAT(Append(store, Record("a", 4000, "POST /api/v1/lineage", "invalid_argument")), IsOk());
}

TEST_P(AuditStoreContractTest, EmptyStoreHasNoRecords) {
  EXPECT_THAT(List(store()), IsEmpty());
  EXPECT_EQ(Prune(store(), 1'000'000), 0);
}

TEST_P(AuditStoreContractTest, RecordsRoundTripEveryFieldNewestFirstWithIncreasingIds) {
  AuditRecord full = Record("ci", 1'765'100'000'123, "POST /api/v1/manifests");
  full.role = "admin";
  full.outcome = "invalid_argument";
  full.error = "asset hive.geo.x: unknown kind \"tabel\" (did you mean table?)";
  full.provenances = {"manifest:churn-repo/a.yaml", "manifest:churn-repo/b.yaml", "ünïcode"};
  full.provenances_total = 31;
  full.assets_added = 3;
  full.assets_changed = 1;
  full.assets_removed = 2;
  full.edge_sets_replaced = 31;
  full.edges_written = 40;
  full.teams_changed = 1;
  full.detail = "token ci-churn created (writer)";
  ASSERT_THAT(Append(store(), Record("first", 5)), IsOk());
  ASSERT_THAT(Append(store(), full), IsOk());

  std::vector<AuditRecord> records = List(store());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_GT(records[0].id, records[1].id);
  EXPECT_GT(records[1].id, 0);
  AuditRecord expected = full;
  expected.id = records[0].id;
  EXPECT_EQ(records[0], expected);
  EXPECT_EQ(records[1].actor, "first");

  Reopen();
  EXPECT_EQ(List(store()).front(), expected);
}

TEST_P(AuditStoreContractTest, AppendIgnoresTheGivenId) {
  AuditRecord r = Record("a", 1);
  r.id = 4242;
  ASSERT_THAT(Append(store(), r), IsOk());
  ASSERT_THAT(Append(store(), r), IsOk());  // the same id again is no conflict
  std::vector<AuditRecord> records = List(store());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_NE(records[0].id, records[1].id);
}

TEST_P(AuditStoreContractTest, EmptyProvenancesRoundTripAsEmpty) {
  ASSERT_THAT(Append(store(), Record("a", 1)), IsOk());
  EXPECT_THAT(List(store()).at(0).provenances, IsEmpty());
  EXPECT_EQ(List(store()).at(0).provenances_total, 0);
}

TEST_P(AuditStoreContractTest, ActorFilterIsExact) {
  AppendFour(store());
  ASSERT_THAT(Append(store(), Record("ab", 5000)), IsOk());
  EXPECT_THAT(Actors(List(store(), {.actor = "a"})), ElementsAre("a", "a"));
  EXPECT_THAT(Actors(List(store(), {.actor = "A"})), IsEmpty());
  EXPECT_THAT(Actors(List(store(), {.actor = "nobody"})), IsEmpty());
}

TEST_P(AuditStoreContractTest, OutcomeFilterIsExact) {
  AppendFour(store());
  EXPECT_THAT(Actors(List(store(), {.outcome = "permission_denied"})), ElementsAre("b"));
  EXPECT_THAT(Actors(List(store(), {.outcome = "ok"})), ElementsAre("c", "a"));
  EXPECT_THAT(Actors(List(store(), {.outcome = "permission"})), IsEmpty());
}

TEST_P(AuditStoreContractTest, ActionFilterIsASubstring) {
  AppendFour(store());
  EXPECT_THAT(Actors(List(store(), {.action = "/api/v1/"})), ElementsAre("a", "b", "a"));
  EXPECT_THAT(Actors(List(store(), {.action = "manifests"})), ElementsAre("b"));
  EXPECT_THAT(Actors(List(store(), {.action = "linea apply"})), ElementsAre("c"));
  EXPECT_THAT(Actors(List(store(), {.action = "%"})), IsEmpty());  // no LIKE wildcards
  EXPECT_THAT(Actors(List(store(), {.action = "_"})), IsEmpty());
}

TEST_P(AuditStoreContractTest, SinceIsInclusiveAndUntilIsExclusive) {
  AppendFour(store());
  EXPECT_THAT(Actors(List(store(), {.since_ms = 2000})), ElementsAre("a", "c", "b"));
  EXPECT_THAT(Actors(List(store(), {.since_ms = 2001})), ElementsAre("a", "c"));
  EXPECT_THAT(Actors(List(store(), {.until_ms = 3000})), ElementsAre("b", "a"));
  EXPECT_THAT(Actors(List(store(), {.since_ms = 2000, .until_ms = 4000})), ElementsAre("c", "b"));
  EXPECT_THAT(Actors(List(store(), {.since_ms = 3000, .until_ms = 3000})), IsEmpty());
}

TEST_P(AuditStoreContractTest, LimitAndBeforeIdPageThroughEveryRecordOnce) {
  AppendFour(store());
  ASSERT_THAT(Append(store(), Record("e", 5000)), IsOk());
  std::vector<std::string> seen;
  AuditFilter filter{.limit = 2};
  std::vector<size_t> page_sizes;
  for (;;) {
    std::vector<AuditRecord> page = List(store(), filter);
    page_sizes.push_back(page.size());
    if (page.empty()) break;
    for (const AuditRecord& r : page) seen.push_back(r.actor);
    filter.before_id = page.back().id;
  }
  EXPECT_THAT(seen, ElementsAre("e", "a", "c", "b", "a"));
  EXPECT_THAT(page_sizes, ElementsAre(2u, 2u, 1u, 0u));
  EXPECT_THAT(Actors(List(store(), {.limit = 1})), ElementsAre("e"));
  EXPECT_THAT(List(store(), {.limit = 0}), IsEmpty());
}

TEST_P(AuditStoreContractTest, FiltersCombine) {
  AppendFour(store());
  std::vector<AuditRecord> all = List(store());
  EXPECT_THAT(Actors(List(store(), {.actor = "a", .outcome = "ok"})), ElementsAre("a"));
  EXPECT_THAT(List(store(), {.actor = "a", .outcome = "ok"}).at(0).at_ms, 1000);
  EXPECT_THAT(Actors(List(store(), {.actor = "a", .action = "lineage"})), ElementsAre("a"));
  EXPECT_THAT(Actors(List(store(), {.actor = "a", .before_id = all[0].id})), ElementsAre("a"));
  EXPECT_THAT(Actors(List(store(), {.actor = "a", .since_ms = 1001, .until_ms = 4000})), IsEmpty());
}

TEST_P(AuditStoreContractTest, PruneRemovesOnlyRecordsStrictlyOlderAndCountsThem) {
  AppendFour(store());
  EXPECT_EQ(Prune(store(), 1000), 0);  // at_ms == before_ms stays
  EXPECT_EQ(Prune(store(), 2001), 2);
  EXPECT_THAT(Actors(List(store())), ElementsAre("a", "c"));
  EXPECT_EQ(Prune(store(), 2001), 0);  // idempotent
  EXPECT_EQ(Prune(store(), 0), 0);
  Reopen();
  EXPECT_THAT(Actors(List(store())), ElementsAre("a", "c"));
  EXPECT_EQ(Prune(store(), 1'000'000), 2);
  EXPECT_THAT(List(store()), IsEmpty());
}

TEST_P(AuditStoreContractTest, ARecordAppendedInAFailedTransactionIsGone) {
  ASSERT_THAT(Append(store(), Record("kept", 1)), IsOk());
  Status failed = store().Write([&](WriteTxn& txn) -> Status {
    Status appended = store().audit().Append(txn, Record("rolled-back", 2));
    if (!appended.ok()) return appended;
    return InternalError("the write failed after its audit record");
  });
  EXPECT_THAT(failed, StatusIs(StatusCode::kInternal));
  EXPECT_THAT(Actors(List(store())), ElementsAre("kept"));
  Reopen();
  EXPECT_THAT(Actors(List(store())), ElementsAre("kept"));
}

TEST_P(AuditStoreContractTest, APruneInAFailedTransactionRemovesNothing) {
  AppendFour(store());
  Status failed = store().Write([&](WriteTxn& txn) -> Status {
    Result<int64_t> pruned = store().audit().Prune(txn, 1'000'000);
    if (!pruned.ok()) return pruned.status();
    return InternalError("abort");
  });
  EXPECT_THAT(failed, StatusIs(StatusCode::kInternal));
  EXPECT_EQ(List(store()).size(), 4u);
}

TEST_P(AuditStoreContractTest, AuditRecordsSurviveAndJoinBatches) {
  ASSERT_THAT(store().BeginBatch(), IsOk());
  ASSERT_THAT(Append(store(), Record("committed", 1)), IsOk());
  ASSERT_THAT(store().CommitBatch(), IsOk());
  ASSERT_THAT(store().BeginBatch(), IsOk());
  ASSERT_THAT(Append(store(), Record("rolled-back", 2)), IsOk());
  EXPECT_THAT(Actors(List(store())), ElementsAre("rolled-back", "committed"));
  ASSERT_THAT(store().RollbackBatch(), IsOk());
  EXPECT_THAT(Actors(List(store())), ElementsAre("committed"));
}

}  // namespace
}  // namespace linea::store
