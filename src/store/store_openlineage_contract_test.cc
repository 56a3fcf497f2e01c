// The OpenLineage part of the Store contract suite (see store_contract_test.h): aliases, each
// asset's last run and the raw event log. Every backend that instantiates StoreContractTest
// runs these cases too.
#include <gmock/gmock.h>

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "common/zstd.h"
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

using Events = std::vector<std::pair<int64_t, model::RawEvent>>;

AnyDelta UpsertAssets(std::initializer_list<std::string> fqns) {
  AnyDelta delta;
  for (const std::string& fqn : fqns) delta.upsert_assets.emplace_back().fqn = fqn;
  return delta;
}

model::RunRecord MakeRun(std::string asset, std::string run_id, std::string state = "COMPLETE") {
  model::RunRecord run;
  run.asset = std::move(asset);
  run.job = "airflow/etl.daily";
  run.run_id = std::move(run_id);
  run.state = std::move(state);
  run.event_time = "2024-05-01T10:00:00Z";
  run.event_time_ms = 1'714'557'600'000;
  return run;
}

model::RawEvent MakeEvent(std::string hash, std::string body = "{}") {
  model::RawEvent event;
  event.hash = std::move(hash);
  event.event_type = "COMPLETE";
  event.job = "airflow/etl.daily";
  event.run_id = "run-1";
  event.event_time_ms = 1'714'557'600'000;
  event.body = std::move(body);
  return event;
}

AnyDelta AppendEvents(std::vector<model::RawEvent> events) {
  AnyDelta delta;
  delta.append_events = std::move(events);
  return delta;
}

std::vector<std::string> Hashes(const Events& events) {
  std::vector<std::string> hashes;
  for (const auto& [seq, event] : events) hashes.push_back(event.hash);
  return hashes;
}

std::vector<int64_t> Seqs(const Events& events) {
  std::vector<int64_t> seqs;
  for (const auto& [seq, event] : events) seqs.push_back(seq);
  return seqs;
}

std::vector<std::string> RunAssets(const std::vector<model::RunRecord>& runs) {
  std::vector<std::string> assets;
  for (const model::RunRecord& run : runs) assets.push_back(run.asset);
  return assets;
}

// Every event of the log, in order.
Events AllEvents(Store& store) {
  Result<Events> events = store.runs().ListEvents(0, std::numeric_limits<size_t>::max());
  EXPECT_THAT(events, IsOk());
  return events.ok() ? *events : Events();
}

TEST_P(RunStoreContractTest, EmptyStoreHasNoOpenLineageState) {
  Result<std::vector<model::Alias>> aliases = store().runs().ListAliases();
  ASSERT_THAT(aliases, IsOk());
  EXPECT_THAT(*aliases, IsEmpty());
  Result<std::vector<model::RunRecord>> runs = store().runs().ListRuns();
  ASSERT_THAT(runs, IsOk());
  EXPECT_THAT(*runs, IsEmpty());
  Result<int64_t> count = store().runs().CountEvents();
  ASSERT_THAT(count, IsOk());
  EXPECT_EQ(*count, 0);
  Result<bool> has = store().runs().HasEvent("abc");
  ASSERT_THAT(has, IsOk());
  EXPECT_FALSE(*has);
  Result<Events> events = store().runs().ListEvents(0, 10);
  ASSERT_THAT(events, IsOk());
  EXPECT_THAT(*events, IsEmpty());
}

TEST_P(RunStoreContractTest, RunsRoundTripEveryFieldOrderedByAsset) {
  model::RunRecord full = MakeRun("hive.geo.\"moves v1\"", "0190-aa", "FAIL");
  full.job = "spark/geo — ✓.\"job\"";
  full.event_time = "2024-05-01T10:00:00.123+02:00";
  full.event_time_ms = -5;
  full.error_message = "boom: 'quoted' \"double\"\nsecond line";
  full.failed_assertions = {"not_null:cell_id", "row_count", ""};
  full.quality_json = R"({"dataQualityMetrics":{"rowCount":3},"dataQualityAssertions":{}})";
  model::RunRecord bare;
  bare.asset = "a.t";
  AnyDelta delta = UpsertAssets({"hive.geo.\"moves v1\"", "a.t"});
  delta.upsert_runs = {full, bare};
  ASSERT_THAT(Apply(store(), delta), IsOk());

  Result<std::vector<model::RunRecord>> runs = store().runs().ListRuns();
  ASSERT_THAT(runs, IsOk());
  EXPECT_THAT(*runs, ElementsAre(bare, full));
}

TEST_P(RunStoreContractTest, RunUpsertReplacesTheAssetsRecord) {
  model::RunRecord first = MakeRun("a.t", "run-1", "FAIL");
  first.error_message = "boom";
  first.failed_assertions = {"not_null:id"};
  first.quality_json = R"({"dataQualityMetrics":{}})";
  AnyDelta delta = UpsertAssets({"a.t", "b.t"});
  delta.upsert_runs = {first, MakeRun("b.t", "run-1")};
  ASSERT_THAT(Apply(store(), delta), IsOk());

  const model::RunRecord second = MakeRun("a.t", "run-2", "COMPLETE");
  AnyDelta replace;
  replace.upsert_runs = {second};
  ASSERT_THAT(Apply(store(), replace), IsOk());
  EXPECT_THAT(*store().runs().ListRuns(), ElementsAre(second, MakeRun("b.t", "run-1")));
}

TEST_P(RunStoreContractTest, LaterRunOfOneAssetInOneDeltaWins) {
  AnyDelta delta = UpsertAssets({"a.t"});
  delta.upsert_runs = {MakeRun("a.t", "run-1", "START"), MakeRun("a.t", "run-1", "COMPLETE")};
  ASSERT_THAT(Apply(store(), delta), IsOk());
  EXPECT_THAT(*store().runs().ListRuns(), ElementsAre(MakeRun("a.t", "run-1", "COMPLETE")));
}

TEST_P(RunStoreContractTest, AliasesRoundTripOrderedByAliasAndUpsertReplaces) {
  AnyDelta delta = UpsertAssets({"hive.db.t", "hive.db.u"});
  delta.upsert_aliases = {{"s3://bucket/t", "hive.db.t"},
                          {"hdfs://nn/warehouse/db.db/ü ✓", "hive.db.u"},
                          {"abfs://c@a/x", "hive.db.t"}};
  ASSERT_THAT(Apply(store(), delta), IsOk());
  Result<std::vector<model::Alias>> aliases = store().runs().ListAliases();
  ASSERT_THAT(aliases, IsOk());
  EXPECT_THAT(*aliases, ElementsAre(model::Alias{"abfs://c@a/x", "hive.db.t"},
                                    model::Alias{"hdfs://nn/warehouse/db.db/ü ✓", "hive.db.u"},
                                    model::Alias{"s3://bucket/t", "hive.db.t"}));

  AnyDelta move;
  move.upsert_aliases = {{"s3://bucket/t", "hive.db.u"},
                         {"abfs://c@a/x", "hive.db.u"},
                         {"abfs://c@a/x", "hive.db.t"}};  // the later mapping wins
  ASSERT_THAT(Apply(store(), move), IsOk());
  EXPECT_THAT(*store().runs().ListAliases(),
              ElementsAre(model::Alias{"abfs://c@a/x", "hive.db.t"},
                          model::Alias{"hdfs://nn/warehouse/db.db/ü ✓", "hive.db.u"},
                          model::Alias{"s3://bucket/t", "hive.db.u"}));
}

TEST_P(RunStoreContractTest, DeletingAssetsRemovesTheirRunsAndAliases) {
  AnyDelta delta = UpsertAssets({"h.db.t", "h.db.t.c1", "h.db.u"});
  delta.upsert_runs = {MakeRun("h.db.t", "r"), MakeRun("h.db.t.c1", "r"), MakeRun("h.db.u", "r")};
  delta.upsert_aliases = {{"s3://t", "h.db.t"},
                          {"s3://t/c1", "h.db.t.c1"},
                          {"s3://u", "h.db.u"},
                          {"h.db.t", "h.db.u"}};  // an alias merely named like a deleted asset
  delta.append_events = {MakeEvent("e1")};
  ASSERT_THAT(Apply(store(), delta), IsOk());

  AnyDelta remove;
  remove.delete_assets = {"h.db.t", "h.db.t.c1"};  // the closed set, as catalog passes it
  ASSERT_THAT(Apply(store(), remove), IsOk());
  EXPECT_THAT(RunAssets(*store().runs().ListRuns()), ElementsAre("h.db.u"));
  EXPECT_THAT(*store().runs().ListAliases(),
              ElementsAre(model::Alias{"h.db.t", "h.db.u"}, model::Alias{"s3://u", "h.db.u"}));
  EXPECT_EQ(*store().runs().CountEvents(), 1);  // the event log is never pruned by deletes
}

TEST_P(RunStoreContractTest, DeleteThenUpsertInOneDeltaKeepsOnlyTheNewRunAndAliases) {
  AnyDelta delta = UpsertAssets({"a.t"});
  delta.upsert_runs = {MakeRun("a.t", "old")};
  delta.upsert_aliases = {{"s3://old", "a.t"}};
  ASSERT_THAT(Apply(store(), delta), IsOk());

  AnyDelta recreate = UpsertAssets({"a.t"});
  recreate.delete_assets = {"a.t"};
  recreate.upsert_runs = {MakeRun("a.t", "new")};
  recreate.upsert_aliases = {{"s3://new", "a.t"}};
  ASSERT_THAT(Apply(store(), recreate), IsOk());
  EXPECT_THAT(*store().runs().ListRuns(), ElementsAre(MakeRun("a.t", "new")));
  EXPECT_THAT(*store().runs().ListAliases(), ElementsAre(model::Alias{"s3://new", "a.t"}));
}

TEST_P(RunStoreContractTest, EventsRoundTripEveryFieldWithReceivedAtSetByTheStore) {
  model::RawEvent run_event = MakeEvent(std::string(64, 'a'), R"({"eventType":"START","x":"✓"})");
  run_event.event_type = "START";
  run_event.run_id = "0190-aa";
  run_event.event_time_ms = -7;
  run_event.received_at = 1;  // ignored: the store stamps its own clock
  model::RawEvent dataset_event;
  dataset_event.hash = std::string(64, 'b');
  dataset_event.body = R"({"dataset":{"namespace":"s3://b","name":"t"}})";
  ASSERT_THAT(Apply(store(), AppendEvents({run_event, dataset_event})), IsOk());
  ASSERT_THAT(Apply(store(), AppendEvents({MakeEvent("later")})), IsOk());

  Events events = AllEvents(store());
  ASSERT_EQ(events.size(), 3u);
  const int64_t received_at = events[0].second.received_at;
  EXPECT_EQ(events[1].second.received_at, received_at);  // one Apply, one stamp
  EXPECT_GE(events[2].second.received_at, received_at);
  run_event.received_at = received_at;
  dataset_event.received_at = received_at;
  EXPECT_EQ(events[0].second, run_event);
  EXPECT_EQ(events[1].second, dataset_event);
  EXPECT_EQ(events[2].second.hash, "later");
  EXPECT_LT(events[0].first, events[1].first);
  EXPECT_LT(events[1].first, events[2].first);
  EXPECT_GT(events[0].first, 0);

  EXPECT_TRUE(*store().runs().HasEvent(std::string(64, 'b')));
  EXPECT_FALSE(*store().runs().HasEvent(std::string(64, 'c')));
  EXPECT_FALSE(*store().runs().HasEvent(""));
}

TEST_P(RunStoreContractTest, DuplicateEventHashIsSkippedKeepingTheFirst) {
  ASSERT_THAT(Apply(store(), AppendEvents({MakeEvent("h1", "first"), MakeEvent("h2")})), IsOk());
  const Events before = AllEvents(store());

  // Again in a later Delta, and twice within one Delta.
  ASSERT_THAT(Apply(store(), AppendEvents(
                  {MakeEvent("h1", "second"), MakeEvent("h3", "a"), MakeEvent("h3", "b")})),
              IsOk());
  EXPECT_EQ(*store().runs().CountEvents(), 3);
  Events events = AllEvents(store());
  EXPECT_THAT(Hashes(events), ElementsAre("h1", "h2", "h3"));
  EXPECT_EQ(events[0], before[0]);  // same position, body and received_at
  EXPECT_EQ(events[1], before[1]);
  EXPECT_EQ(events[2].second.body, "a");
}

TEST_P(RunStoreContractTest, ListEventsPagesAfterAPosition) {
  for (const char* hash : {"e1", "e2", "e3", "e4", "e5"}) {
    ASSERT_THAT(Apply(store(), AppendEvents({MakeEvent(hash)})), IsOk());
  }
  const Events all = AllEvents(store());
  ASSERT_THAT(Hashes(all), ElementsAre("e1", "e2", "e3", "e4", "e5"));
  const std::vector<int64_t> seqs = Seqs(all);

  Result<Events> page = store().runs().ListEvents(0, 2);
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(Hashes(*page), ElementsAre("e1", "e2"));
  page = store().runs().ListEvents(page->back().first, 2);
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(Hashes(*page), ElementsAre("e3", "e4"));
  EXPECT_THAT(Seqs(*page), ElementsAre(seqs[2], seqs[3]));
  page = store().runs().ListEvents(page->back().first, 2);
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(Hashes(*page), ElementsAre("e5"));
  EXPECT_THAT(*store().runs().ListEvents(seqs[4], 2), IsEmpty());
  EXPECT_THAT(*store().runs().ListEvents(0, 0), IsEmpty());
  EXPECT_THAT(Hashes(*store().runs().ListEvents(-1, 1)), ElementsAre("e1"));
  EXPECT_EQ(*store().runs().CountEvents(), 5);
}

TEST_P(RunStoreContractTest, OpenLineageStatePersistsAcrossReopen) {
  AnyDelta delta = UpsertAssets({"a.t"});
  model::RunRecord run = MakeRun("a.t", "run-1", "FAIL");
  run.failed_assertions = {"unique:id"};
  delta.upsert_runs = {run};
  delta.upsert_aliases = {{"s3://a/t", "a.t"}};
  delta.append_events = {MakeEvent("h1"), MakeEvent("h2")};
  ASSERT_THAT(Apply(store(), delta), IsOk());
  const Events events = AllEvents(store());

  Reopen();
  EXPECT_THAT(*store().runs().ListRuns(), ElementsAre(run));
  EXPECT_THAT(*store().runs().ListAliases(), ElementsAre(model::Alias{"s3://a/t", "a.t"}));
  EXPECT_EQ(AllEvents(store()), events);
  EXPECT_TRUE(*store().runs().HasEvent("h2"));

  // Positions keep increasing after a reopen, and known hashes stay known.
  ASSERT_THAT(Apply(store(), AppendEvents({MakeEvent("h1"), MakeEvent("h3")})), IsOk());
  Events after = AllEvents(store());
  EXPECT_THAT(Hashes(after), ElementsAre("h1", "h2", "h3"));
  ASSERT_EQ(after.size(), 3u);
  EXPECT_GT(after[2].first, events[1].first);
}

TEST_P(RunStoreContractTest, FailingDeltaLeavesOpenLineageStateUnchanged) {
  AnyDelta setup = UpsertAssets({"a.t", "b.t"});
  setup.upsert_runs = {MakeRun("a.t", "run-1"), MakeRun("b.t", "run-1")};
  setup.upsert_aliases = {{"s3://a", "a.t"}, {"s3://b", "b.t"}};
  setup.append_events = {MakeEvent("h1")};
  ASSERT_THAT(Apply(store(), setup), IsOk());
  const std::vector<model::RunRecord> runs_before = *store().runs().ListRuns();
  const std::vector<model::Alias> aliases_before = *store().runs().ListAliases();
  const Events events_before = AllEvents(store());

  // The delete runs before the failing edge; the OpenLineage writes would run after it.
  AnyDelta delta;
  delta.delete_assets = {"a.t"};
  delta.replace_edges.push_back({"p", {{.from = "b.t", .to = "missing.t"}}});
  delta.upsert_runs = {MakeRun("b.t", "run-2")};
  delta.upsert_aliases = {{"s3://b", "a.t"}, {"s3://c", "b.t"}};
  delta.append_events = {MakeEvent("h2")};
  Status status = Apply(store(), delta);
  EXPECT_THAT(status, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(status.message(), "edge b.t -> missing.t: unknown asset missing.t");

  EXPECT_EQ(*store().runs().ListRuns(), runs_before);
  EXPECT_EQ(*store().runs().ListAliases(), aliases_before);
  EXPECT_EQ(AllEvents(store()), events_before);
  EXPECT_FALSE(*store().runs().HasEvent("h2"));
  EXPECT_EQ(*store().runs().CountEvents(), 1);
}

// The second run of a job, its body compressed against the first run's (model::RawEvent::base).
TEST_P(RunStoreContractTest, EventCompressedAgainstABaseReadsBackWhole) {
  const std::string first =
      R"({"eventType":"COMPLETE","run":{"runId":"r1"},"job":{"name":"etl"},"pad":")" +
      std::string(3000, 'p') + R"("})";
  const std::string second =
      R"({"eventType":"COMPLETE","run":{"runId":"r2"},"job":{"name":"etl"},"pad":")" +
      std::string(3000, 'p') + R"("})";
  ASSERT_THAT(Apply(store(), AppendEvents({MakeEvent("base", first)})), IsOk());
  model::RawEvent delta_event = MakeEvent("next");
  delta_event.body.clear();
  delta_event.body_zstd = ZstdPrefix(first, -1).Compress(second);
  delta_event.base = "base";
  model::RawEvent again = delta_event;
  again.hash = "next-again";
  ASSERT_THAT(Apply(store(), AppendEvents({delta_event, again})), IsOk());

  Result<Events> events = store().runs().ListEvents(0, 10);
  ASSERT_THAT(events.status(), IsOk());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].second.body, first);
  EXPECT_EQ((*events)[0].second.base, "");
  for (size_t i : {1, 2}) {
    EXPECT_EQ((*events)[i].second.body, second);
    EXPECT_EQ((*events)[i].second.base, "base");
    EXPECT_TRUE((*events)[i].second.body_zstd.empty());
  }
  // Read on their own, without their base in the same page of results.
  Result<Events> tail = store().runs().ListEvents((*events)[1].first, 10);
  ASSERT_THAT(tail.status(), IsOk());
  ASSERT_EQ(tail->size(), 1u);
  EXPECT_EQ(tail->at(0).second.body, second);
}

TEST_P(RunStoreContractTest, EventWhoseBaseIsUnloggedOrHasABaseFailsAlone) {
  const std::string body = R"({"eventType":"START"})";
  ASSERT_THAT(Apply(store(), AppendEvents({MakeEvent("base", body)})), IsOk());
  model::RawEvent delta_event = MakeEvent("delta");
  delta_event.body_zstd = ZstdPrefix(body, -1).Compress(body);
  delta_event.base = "base";
  ASSERT_THAT(Apply(store(), AppendEvents({delta_event})), IsOk());

  model::RawEvent unlogged = delta_event;
  unlogged.hash = "x1";
  unlogged.base = "nowhere";
  Status status = Apply(store(), AppendEvents({MakeEvent("h9"), unlogged}));
  EXPECT_THAT(status, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(status.message(), "event x1: its base nowhere is not a logged event without a base");
  model::RawEvent on_a_delta = delta_event;
  on_a_delta.hash = "x2";
  on_a_delta.base = "delta";
  EXPECT_THAT(Apply(store(), AppendEvents({on_a_delta})), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_FALSE(*store().runs().HasEvent("h9"));  // nothing of a failing delta is written
  EXPECT_EQ(*store().runs().CountEvents(), 2);
}

}  // namespace
}  // namespace linea::store
