// The data-quality part of the Store contract suite (see store_contract_test.h): checks keyed by
// (asset, name), and results as time series per (asset, check) — replaced on the same
// (asset, check, timestamp_ms, period), listed newest first, pruned by age.
#include <gmock/gmock.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "common/testing/status_matchers.h"
#include "store/store_contract_test.h"

namespace linea::store {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

model::QualityCheck MakeCheck(std::string asset, std::string name, std::string kind = "null_rate") {
  model::QualityCheck check;
  check.asset = std::move(asset);
  check.name = std::move(name);
  check.kind = std::move(kind);
  check.provenance = "manifest:churn";
  return check;
}

model::QualityResult MakeResult(std::string asset, std::string check, int64_t timestamp_ms,
                                std::string period = "", std::string status = "success") {
  model::QualityResult result;
  result.asset = std::move(asset);
  result.check = std::move(check);
  result.kind = "volume";
  result.timestamp_ms = timestamp_ms;
  result.period = std::move(period);
  result.status = std::move(status);
  result.source = "api";
  return result;
}

// A result with every field set, its doubles chosen to catch lossy encodings.
model::QualityResult FullResult() {
  model::QualityResult result =
      MakeResult("hive.mart.users.age", "age_drift", 1'764'547'200'123, "dt=2026-11-30", "fail");
  result.kind = "drift";
  result.value = 0.1 + 0.2;
  result.reference = 1e-300;
  result.threshold = "warn ≥ 0.10, fail ≥ 0.25";
  result.message = "PSI 0.30 over 10 bins — ünïcode";
  result.metrics = {{"row_count", 1'234'567}, {"null_count", 0.1 + 0.2},
                    {"min", -1e300},          {"max", 5e-324},
                    {"mean", 1.0 / 3},        {"null_count", 7}};  // order and repeats
  result.distribution.edges = {-std::numeric_limits<double>::infinity(), 0.1, 0.2 + 0.1, 1e-300};
  result.distribution.counts = {10, 20.5, 1.0 / 3};
  result.distribution.categories = {"a", "b", "", "ünïcode"};
  result.distribution.quantiles = {{0, -3.5}, {0.5, 0.1 + 0.2}, {1, 1e300}};
  result.distribution.missing = 42;
  result.columns = {"id:bigint", "age:int"};
  result.source = "openlineage";
  result.provenance = "openlineage:ns/job";
  return result;
}

Status WriteDelta(Store& store, const model::QualityDelta& delta) {
  return store.Write([&](WriteTxn& txn) { return store.quality().Write(txn, delta); });
}

Status UpsertChecks(Store& store, std::vector<model::QualityCheck> checks) {
  model::QualityDelta delta;
  delta.upsert_checks = std::move(checks);
  return WriteDelta(store, delta);
}

Status AppendResults(Store& store, std::vector<model::QualityResult> results) {
  model::QualityDelta delta;
  delta.append_results = std::move(results);
  return WriteDelta(store, delta);
}

std::vector<model::QualityCheck> Checks(Store& store) {
  auto checks = store.quality().ListChecks();
  EXPECT_THAT(checks.status(), IsOk());
  return checks.ok() ? *checks : std::vector<model::QualityCheck>{};
}

std::vector<model::QualityResult> Results(Store& store, const ResultQuery& query = {}) {
  auto results = store.quality().ListResults(query);
  EXPECT_THAT(results.status(), IsOk());
  return results.ok() ? *results : std::vector<model::QualityResult>{};
}

std::vector<model::QualityResult> Latest(Store& store) {
  auto results = store.quality().LatestResults();
  EXPECT_THAT(results.status(), IsOk());
  return results.ok() ? *results : std::vector<model::QualityResult>{};
}

int64_t Count(Store& store) {
  auto count = store.quality().CountResults();
  EXPECT_THAT(count.status(), IsOk());
  return count.ok() ? *count : -1;
}

// How many results PruneResults() removed in a transaction of its own; -1 when it failed.
int64_t Prune(Store& store, int64_t before_ms) {
  int64_t pruned = -1;
  Status status = store.Write([&](WriteTxn& txn) -> Status {
    auto n = store.quality().PruneResults(txn, before_ms);
    if (!n.ok()) return n.status();
    pruned = *n;
    return Status();
  });
  EXPECT_THAT(status, IsOk());
  return pruned;
}

// "asset/check@timestamp_ms/period" per result, in order.
std::vector<std::string> Keys(const std::vector<model::QualityResult>& results) {
  std::vector<std::string> keys;
  for (const model::QualityResult& r : results) {
    keys.push_back(r.asset + "/" + r.check + "@" + std::to_string(r.timestamp_ms) +
                   (r.period.empty() ? "" : "/" + r.period));
  }
  return keys;
}

std::vector<std::string> CheckKeys(const std::vector<model::QualityCheck>& checks) {
  std::vector<std::string> keys;
  for (const model::QualityCheck& c : checks) keys.push_back(c.asset + "/" + c.name);
  return keys;
}

// Two assets, two checks on `a`, three times: a/rows@100, a/rows@200, a/rows@300,
// a/nulls@200, b/rows@150, b/rows@300/p1, b/rows@300/p0.
void AppendSeven(Store& store) {
  ASSERT_THAT(
      AppendResults(store, {MakeResult("a", "rows", 200), MakeResult("b", "rows", 300, "p1"),
                            MakeResult("a", "nulls", 200), MakeResult("a", "rows", 100),
                            MakeResult("b", "rows", 150), MakeResult("a", "rows", 300),
                            MakeResult("b", "rows", 300, "p0")}),
      IsOk());
}

TEST_P(QualityStoreContractTest, EmptyStoreHasNothing) {
  EXPECT_THAT(Checks(store()), IsEmpty());
  EXPECT_THAT(Results(store()), IsEmpty());
  EXPECT_THAT(Latest(store()), IsEmpty());
  EXPECT_EQ(Count(store()), 0);
  EXPECT_EQ(Prune(store(), std::numeric_limits<int64_t>::max()), 0);
  EXPECT_THAT(WriteDelta(store(), {}), IsOk());
}

TEST_P(QualityStoreContractTest, ChecksRoundTripEveryFieldOrderedByAssetAndName) {
  model::QualityCheck full = MakeCheck("hive.mart.users.age", "age_drift", "drift");
  full.params = {{"warn", 0.1}, {"fail", 0.1 + 0.2}, {"k", 1e-300}, {"min", -1e300}};
  full.columns = {"id:bigint", "age:int", "ünïcode:string"};
  full.severity = "low";
  full.provenance = "quality:geo-repo/quality.yaml";
  full.description = "Age must not drift — ünïcode";
  model::QualityCheck bare = MakeCheck("hive.mart.users", "volume", "volume");
  bare.severity = "";
  bare.provenance = "";
  ASSERT_THAT(UpsertChecks(store(), {full, MakeCheck("hive.mart.users.age", "age_nulls"), bare}),
              IsOk());

  std::vector<model::QualityCheck> checks = Checks(store());
  EXPECT_THAT(CheckKeys(checks),
              ElementsAre("hive.mart.users/volume", "hive.mart.users.age/age_drift",
                          "hive.mart.users.age/age_nulls"));
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0], bare);
  EXPECT_EQ(checks[1], full);
  EXPECT_EQ(checks[1].params.at("fail"), 0.1 + 0.2);  // exactly, not 0.3
  Reopen();
  EXPECT_EQ(Checks(store()).at(1), full);
}

TEST_P(QualityStoreContractTest, UpsertReplacesTheCheckWithTheSameAssetAndName) {
  model::QualityCheck first = MakeCheck("a", "nulls");
  first.params = {{"warn", 0.01}, {"fail", 0.05}};
  first.columns = {"x:int"};
  first.description = "first";
  ASSERT_THAT(UpsertChecks(store(), {first, MakeCheck("b", "nulls")}), IsOk());
  model::QualityCheck second = MakeCheck("a", "nulls", "distinct");
  second.severity = "low";
  second.description = "second";  // params and columns now empty
  ASSERT_THAT(UpsertChecks(store(), {second}), IsOk());
  EXPECT_THAT(Checks(store()), ElementsAre(second, MakeCheck("b", "nulls")));
}

TEST_P(QualityStoreContractTest, DeletingACheckKeepsItsResults) {
  ASSERT_THAT(UpsertChecks(store(), {MakeCheck("a", "rows"), MakeCheck("a", "nulls")}), IsOk());
  ASSERT_THAT(AppendResults(store(), {MakeResult("a", "rows", 1), MakeResult("a", "rows", 2)}),
              IsOk());
  model::QualityDelta delta;
  delta.delete_checks = {{"a", "rows"}, {"a", "unknown"}, {"b", "rows"}};  // misses do nothing
  ASSERT_THAT(WriteDelta(store(), delta), IsOk());
  EXPECT_THAT(CheckKeys(Checks(store())), ElementsAre("a/nulls"));
  EXPECT_THAT(Keys(Results(store())), ElementsAre("a/rows@2", "a/rows@1"));
}

TEST_P(QualityStoreContractTest, WriteDeletesThenUpsertsThenAppends) {
  ASSERT_THAT(UpsertChecks(store(), {MakeCheck("a", "rows")}), IsOk());
  model::QualityCheck again = MakeCheck("a", "rows");
  again.description = "deleted and upserted in one write";
  model::QualityDelta delta;
  delta.upsert_checks = {again};
  delta.delete_checks = {{"a", "rows"}};  // runs first: the upsert stays
  delta.append_results = {MakeResult("a", "rows", 5)};
  ASSERT_THAT(WriteDelta(store(), delta), IsOk());
  EXPECT_THAT(Checks(store()), ElementsAre(again));
  EXPECT_THAT(Keys(Results(store())), ElementsAre("a/rows@5"));
}

TEST_P(QualityStoreContractTest, ResultsRoundTripEveryField) {
  const model::QualityResult full = FullResult();
  model::QualityResult bare = MakeResult("b", "rows", -7);  // no value, reference, JSON fields
  bare.source = "";
  ASSERT_THAT(AppendResults(store(), {full, bare}), IsOk());

  std::vector<model::QualityResult> results = Results(store());
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0], full);
  EXPECT_EQ(results[1], bare);
  EXPECT_EQ(results[0].value, 0.1 + 0.2);
  EXPECT_EQ(results[0].reference, 1e-300);
  EXPECT_FALSE(results[1].value.has_value());
  EXPECT_FALSE(results[1].reference.has_value());
  EXPECT_TRUE(results[1].distribution == model::Distribution{});
  Reopen();
  EXPECT_THAT(Results(store()), ElementsAre(full, bare));
}

TEST_P(QualityStoreContractTest, ZeroValuesAndPartialDistributionsRoundTrip) {
  model::QualityResult zero = MakeResult("a", "rows", 1);
  zero.value = 0;
  zero.reference = -0.5;
  model::QualityResult missing_only = MakeResult("a", "rows", 2);
  missing_only.distribution.missing = 3;  // empty() by the model, but not default
  model::QualityResult quantiles_only = MakeResult("a", "rows", 3);
  quantiles_only.distribution.quantiles = {{0.25, 1}, {0.75, 2}};
  model::QualityResult edges_only = MakeResult("a", "rows", 4);
  edges_only.distribution.edges = {0};
  model::QualityResult one_metric = MakeResult("a", "rows", 5);
  one_metric.metrics = {{"", 0}};
  ASSERT_THAT(AppendResults(store(), {zero, missing_only, quantiles_only, edges_only, one_metric}),
              IsOk());
  EXPECT_THAT(Results(store()),
              ElementsAre(one_metric, edges_only, quantiles_only, missing_only, zero));
  EXPECT_EQ(Results(store()).back().value, 0.0);
}

TEST_P(QualityStoreContractTest, NonFiniteNumbersRoundTrip) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  model::QualityResult result = MakeResult("a", "rows", 1);
  result.value = kNaN;
  result.reference = -kInf;
  result.metrics = {{"std", kNaN}, {"max", kInf}};
  result.distribution.edges = {-kInf, 0, kInf};
  result.distribution.counts = {1, kNaN};
  model::QualityCheck check = MakeCheck("a", "rows");
  check.params = {{"max", kInf}, {"min", -kInf}};
  ASSERT_THAT(UpsertChecks(store(), {check}), IsOk());
  ASSERT_THAT(AppendResults(store(), {result}), IsOk());
  Reopen();

  EXPECT_THAT(Checks(store()), ElementsAre(check));
  std::vector<model::QualityResult> results = Results(store());
  ASSERT_EQ(results.size(), 1u);
  const model::QualityResult& read = results[0];
  ASSERT_TRUE(read.value.has_value());
  EXPECT_TRUE(std::isnan(*read.value));
  EXPECT_EQ(read.reference, -kInf);
  ASSERT_EQ(read.metrics.size(), 2u);
  EXPECT_EQ(read.metrics[0].first, "std");
  EXPECT_TRUE(std::isnan(read.metrics[0].second));
  EXPECT_EQ(read.metrics[1], (std::pair<std::string, double>{"max", kInf}));
  EXPECT_EQ(read.distribution.edges, result.distribution.edges);
  ASSERT_EQ(read.distribution.counts.size(), 2u);
  EXPECT_TRUE(std::isnan(read.distribution.counts[1]));
}

TEST_P(QualityStoreContractTest, TheSameAssetCheckTimestampAndPeriodReplacesTheResult) {
  model::QualityResult first = MakeResult("a", "rows", 100, "2026-11", "fail");
  first.value = 1;
  first.metrics = {{"row_count", 1}};
  first.distribution.counts = {1};
  model::QualityResult resent = MakeResult("a", "rows", 100, "2026-11", "success");
  resent.value.reset();
  resent.kind = "assertion";
  ASSERT_THAT(AppendResults(store(), {first, MakeResult("a", "rows", 100, "2026-10")}), IsOk());
  ASSERT_THAT(AppendResults(store(), {resent}), IsOk());
  EXPECT_EQ(Count(store()), 2);
  EXPECT_THAT(Results(store()), ElementsAre(MakeResult("a", "rows", 100, "2026-10"), resent));

  // Within one write the later result wins too; any other key part makes a new result.
  model::QualityResult last = resent;
  last.message = "last";
  ASSERT_THAT(AppendResults(store(), {resent, last, MakeResult("a", "rows", 101, "2026-11"),
                                      MakeResult("b", "rows", 100, "2026-11"),
                                      MakeResult("a", "nulls", 100, "2026-11")}),
              IsOk());
  EXPECT_EQ(Count(store()), 5);
  EXPECT_EQ(
      Results(store(), {.asset = "a", .check = "rows", .since_ms = 100, .before_ms = 101}).back(),
      last);
}

TEST_P(QualityStoreContractTest, ListResultsIsNewestFirstThenAssetCheckAndPeriod) {
  AppendSeven(store());
  EXPECT_THAT(Keys(Results(store())),
              ElementsAre("a/rows@300", "b/rows@300/p0", "b/rows@300/p1", "a/nulls@200",
                          "a/rows@200", "b/rows@150", "a/rows@100"));
  EXPECT_EQ(Count(store()), 7);
}

TEST_P(QualityStoreContractTest, ListResultsFiltersByAssetAndCheckExactly) {
  AppendSeven(store());
  EXPECT_THAT(Keys(Results(store(), {.asset = "a"})),
              ElementsAre("a/rows@300", "a/nulls@200", "a/rows@200", "a/rows@100"));
  EXPECT_THAT(Keys(Results(store(), {.asset = "a", .check = "rows"})),
              ElementsAre("a/rows@300", "a/rows@200", "a/rows@100"));
  EXPECT_THAT(Keys(Results(store(), {.check = "rows"})),
              ElementsAre("a/rows@300", "b/rows@300/p0", "b/rows@300/p1", "a/rows@200",
                          "b/rows@150", "a/rows@100"));
  EXPECT_THAT(Keys(Results(store(), {.asset = "b", .check = "rows"})),
              ElementsAre("b/rows@300/p0", "b/rows@300/p1", "b/rows@150"));
  EXPECT_THAT(Results(store(), {.asset = "A"}), IsEmpty());
  EXPECT_THAT(Results(store(), {.asset = "b", .check = "nulls"}), IsEmpty());
  EXPECT_THAT(Results(store(), {.check = "row"}), IsEmpty());
  EXPECT_THAT(Results(store(), {.check = "%"}), IsEmpty());
}

TEST_P(QualityStoreContractTest, SinceIsInclusiveAndBeforeIsExclusive) {
  AppendSeven(store());
  EXPECT_THAT(
      Keys(Results(store(), {.since_ms = 200})),
      ElementsAre("a/rows@300", "b/rows@300/p0", "b/rows@300/p1", "a/nulls@200", "a/rows@200"));
  EXPECT_THAT(Keys(Results(store(), {.before_ms = 200})), ElementsAre("b/rows@150", "a/rows@100"));
  EXPECT_THAT(Keys(Results(store(), {.asset = "a", .since_ms = 150, .before_ms = 300})),
              ElementsAre("a/nulls@200", "a/rows@200"));
  EXPECT_THAT(
      Keys(Results(store(), {.asset = "a", .check = "rows", .since_ms = 101, .before_ms = 301})),
      ElementsAre("a/rows@300", "a/rows@200"));
  EXPECT_THAT(Results(store(), {.since_ms = 200, .before_ms = 200}), IsEmpty());
  EXPECT_THAT(Results(store(), {.since_ms = 301}), IsEmpty());
}

TEST_P(QualityStoreContractTest, SinceZeroAndBeforeZeroDoNotBoundTheTime) {
  ASSERT_THAT(
      AppendResults(store(), {MakeResult("a", "rows", -5), MakeResult("a", "rows", 0),
                              MakeResult("a", "rows", std::numeric_limits<int64_t>::max() - 1)}),
      IsOk());
  EXPECT_EQ(Results(store()).size(), 3u);
  EXPECT_EQ(Results(store(), {.asset = "a"}).size(), 3u);
  EXPECT_EQ(Results(store(), {.asset = "a", .check = "rows"}).size(), 3u);
}

TEST_P(QualityStoreContractTest, LimitKeepsTheNewest) {
  AppendSeven(store());
  EXPECT_THAT(Keys(Results(store(), {.limit = 2})), ElementsAre("a/rows@300", "b/rows@300/p0"));
  EXPECT_THAT(Keys(Results(store(), {.asset = "a", .limit = 2})),
              ElementsAre("a/rows@300", "a/nulls@200"));
  EXPECT_THAT(Keys(Results(store(), {.asset = "a", .check = "rows", .limit = 1})),
              ElementsAre("a/rows@300"));
  EXPECT_THAT(Keys(Results(store(), {.asset = "a", .check = "rows", .before_ms = 300, .limit = 1})),
              ElementsAre("a/rows@200"));
  EXPECT_THAT(
      Keys(Results(store(), {.check = "rows", .since_ms = 150, .limit = 100})),
      ElementsAre("a/rows@300", "b/rows@300/p0", "b/rows@300/p1", "a/rows@200", "b/rows@150"));
  EXPECT_EQ(Results(store(), {.limit = 0}).size(), 7u);  // 0 = all
}

TEST_P(QualityStoreContractTest, LatestResultsGivesTheNewestOfEverySeriesByAssetAndCheck) {
  AppendSeven(store());
  ASSERT_THAT(AppendResults(store(), {MakeResult("", "", 1), MakeResult("c", "rows", 50)}), IsOk());
  // Equal timestamps: the series' first in ListResults' order (smallest period).
  EXPECT_THAT(Keys(Latest(store())),
              ElementsAre("/@1", "a/nulls@200", "a/rows@300", "b/rows@300/p0", "c/rows@50"));
  model::QualityResult full = FullResult();
  model::QualityResult older = full;
  older.timestamp_ms -= 1;
  older.status = "success";
  ASSERT_THAT(AppendResults(store(), {full, older}), IsOk());
  std::vector<model::QualityResult> latest = Latest(store());
  ASSERT_EQ(latest.size(), 6u);
  EXPECT_EQ(latest[5], full);  // every field, as ListResults reads it
}

TEST_P(QualityStoreContractTest, PruneRemovesOnlyResultsStrictlyOlderAndCountsThem) {
  AppendSeven(store());
  ASSERT_THAT(UpsertChecks(store(), {MakeCheck("a", "rows")}), IsOk());
  EXPECT_EQ(Prune(store(), 100), 0);  // timestamp_ms == before_ms stays
  EXPECT_EQ(Prune(store(), 200), 2);
  EXPECT_THAT(Keys(Results(store())), ElementsAre("a/rows@300", "b/rows@300/p0", "b/rows@300/p1",
                                                  "a/nulls@200", "a/rows@200"));
  EXPECT_EQ(Count(store()), 5);
  EXPECT_EQ(Prune(store(), 200), 0);  // idempotent
  EXPECT_EQ(Prune(store(), std::numeric_limits<int64_t>::min()), 0);
  Reopen();
  EXPECT_EQ(Count(store()), 5);
  EXPECT_EQ(Prune(store(), 301), 5);
  EXPECT_THAT(Results(store()), IsEmpty());
  EXPECT_THAT(Latest(store()), IsEmpty());
  EXPECT_THAT(CheckKeys(Checks(store())), ElementsAre("a/rows"));  // checks are not pruned
}

TEST_P(QualityStoreContractTest, AFailedWriteLeavesNothing) {
  ASSERT_THAT(UpsertChecks(store(), {MakeCheck("a", "kept")}), IsOk());
  ASSERT_THAT(AppendResults(store(), {MakeResult("a", "kept", 1)}), IsOk());
  Status failed = store().Write([&](WriteTxn& txn) -> Status {
    model::QualityDelta delta;
    delta.delete_checks = {{"a", "kept"}};
    delta.upsert_checks = {MakeCheck("a", "rolled-back")};
    delta.append_results = {MakeResult("a", "rolled-back", 2),
                            MakeResult("a", "kept", 1, "", "fail")};
    Status written = store().quality().Write(txn, delta);
    if (!written.ok()) return written;
    return InternalError("the write failed after its quality part");
  });
  EXPECT_THAT(failed, StatusIs(StatusCode::kInternal));
  EXPECT_THAT(CheckKeys(Checks(store())), ElementsAre("a/kept"));
  EXPECT_THAT(Results(store()), ElementsAre(MakeResult("a", "kept", 1)));
  Reopen();
  EXPECT_THAT(CheckKeys(Checks(store())), ElementsAre("a/kept"));
  EXPECT_THAT(Results(store()), ElementsAre(MakeResult("a", "kept", 1)));
}

TEST_P(QualityStoreContractTest, APruneInAFailedWriteRemovesNothing) {
  AppendSeven(store());
  Status failed = store().Write([&](WriteTxn& txn) -> Status {
    auto pruned = store().quality().PruneResults(txn, 1'000);
    if (!pruned.ok()) return pruned.status();
    EXPECT_EQ(*pruned, 7);
    return InternalError("abort");
  });
  EXPECT_THAT(failed, StatusIs(StatusCode::kInternal));
  EXPECT_EQ(Count(store()), 7);
}

TEST_P(QualityStoreContractTest, WritesInABatchAreVisibleAtOnceAndDurableWithIt) {
  ASSERT_THAT(store().BeginBatch(), IsOk());
  ASSERT_THAT(UpsertChecks(store(), {MakeCheck("a", "rows")}), IsOk());
  ASSERT_THAT(AppendResults(store(), {MakeResult("a", "rows", 1), MakeResult("a", "rows", 2)}),
              IsOk());
  EXPECT_THAT(CheckKeys(Checks(store())), ElementsAre("a/rows"));
  EXPECT_THAT(Keys(Results(store())), ElementsAre("a/rows@2", "a/rows@1"));
  EXPECT_THAT(Keys(Latest(store())), ElementsAre("a/rows@2"));
  EXPECT_EQ(Count(store()), 2);
  EXPECT_EQ(Prune(store(), 2), 1);
  EXPECT_EQ(Count(store()), 1);
  ASSERT_THAT(store().CommitBatch(), IsOk());
  Reopen();
  EXPECT_THAT(CheckKeys(Checks(store())), ElementsAre("a/rows"));
  EXPECT_THAT(Keys(Results(store())), ElementsAre("a/rows@2"));

  ASSERT_THAT(store().BeginBatch(), IsOk());
  ASSERT_THAT(AppendResults(store(), {MakeResult("a", "rows", 3)}), IsOk());
  EXPECT_EQ(Count(store()), 2);
  ASSERT_THAT(store().RollbackBatch(), IsOk());
  EXPECT_THAT(Keys(Results(store())), ElementsAre("a/rows@2"));
}

}  // namespace
}  // namespace linea::store
