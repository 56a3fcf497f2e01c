// The pull-connector part of the Store contract suite (see store_contract_test.h): items as
// last pulled and the run history.
#include <gmock/gmock.h>

#include "common/testing/status_matchers.h"
#include "store/store_contract_test.h"

namespace linea::store {
namespace {

using ::linea::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

model::ConnectorItem Item(std::string connector, std::string key, std::string version = "v1") {
  model::ConnectorItem item;
  item.connector = std::move(connector);
  item.key = std::move(key);
  item.version = std::move(version);
  item.fingerprint = "fp-" + item.key;
  item.assets = {"hive.geo." + item.key, "hive.geo." + item.key + ".id"};
  return item;
}

model::ConnectorRun MakeRun(std::string connector, int64_t started, std::string outcome = "ok") {
  return {std::move(connector), started, started + 5, std::move(outcome),
          R"({"created":{"table":1}})"};
}

Status Write(Store& store, const model::ConnectorDelta& delta) {
  return store.Write([&](WriteTxn& txn) { return store.connectors().Write(txn, delta); });
}

std::vector<std::string> Keys(const std::vector<model::ConnectorItem>& items) {
  std::vector<std::string> keys;
  for (const auto& item : items) keys.push_back(item.key);
  return keys;
}

TEST_P(ConnectorStoreContractTest, UnknownConnectorHasNoItemsAndNoRuns) {
  EXPECT_THAT(*store().connectors().ListItems("hms"), IsEmpty());
  EXPECT_THAT(*store().connectors().ListRuns("hms", 10), IsEmpty());
  EXPECT_THAT(*store().connectors().ListRuns("", 10), IsEmpty());
}

TEST_P(ConnectorStoreContractTest, ItemsRoundTripEveryFieldOrderedByKeyPerConnector) {
  model::ConnectorItem full = Item("hms", "geo.moves");
  full.retained = {"hive.geo.moves.old_cell"};
  full.problems = {"view geo.v: expected FROM", "ünïcode ok"};
  model::ConnectorDelta delta;
  delta.put_items = {Item("hms", "geo.zones"), full, Item("mlflow", "churn")};
  ASSERT_THAT(Write(store(), delta), IsOk());

  Result<std::vector<model::ConnectorItem>> items = store().connectors().ListItems("hms");
  ASSERT_THAT(items, IsOk());
  EXPECT_THAT(*items, ElementsAre(full, Item("hms", "geo.zones")));
  EXPECT_THAT(Keys(*store().connectors().ListItems("mlflow")), ElementsAre("churn"));
  Reopen();
  EXPECT_THAT(*store().connectors().ListItems("hms"), ElementsAre(full, Item("hms", "geo.zones")));
}

TEST_P(ConnectorStoreContractTest, PutReplacesAndDeleteForgetsOnlyItsConnectorsKey) {
  model::ConnectorDelta first;
  first.put_items = {Item("hms", "a"), Item("hms", "b"), Item("other", "a")};
  ASSERT_THAT(Write(store(), first), IsOk());

  model::ConnectorDelta second;
  second.delete_items = {{"hms", "a"}, {"hms", "never-there"}};
  second.put_items = {Item("hms", "b", "v2")};
  ASSERT_THAT(Write(store(), second), IsOk());

  EXPECT_THAT(*store().connectors().ListItems("hms"), ElementsAre(Item("hms", "b", "v2")));
  EXPECT_THAT(*store().connectors().ListItems("other"), ElementsAre(Item("other", "a")));
}

TEST_P(ConnectorStoreContractTest, AFailedWriteLeavesNoItemOrRun) {
  Status failed = store().Write([&](WriteTxn& txn) {
    model::ConnectorDelta delta;
    delta.put_items = {Item("hms", "a")};
    delta.runs = {MakeRun("hms", 100)};
    Status written = store().connectors().Write(txn, delta);
    if (!written.ok()) return written;
    return UnavailableError("the lineage part failed");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_THAT(*store().connectors().ListItems("hms"), IsEmpty());
  EXPECT_THAT(*store().connectors().ListRuns("hms", 10), IsEmpty());
}

TEST_P(ConnectorStoreContractTest, RunsAreNewestFirstPerConnectorOrAll) {
  model::ConnectorDelta delta;
  delta.runs = {MakeRun("hms", 100), MakeRun("mlflow", 150, "failed"), MakeRun("hms", 200, "skipped")};
  ASSERT_THAT(Write(store(), delta), IsOk());

  Result<std::vector<model::ConnectorRun>> hms = store().connectors().ListRuns("hms", 10);
  ASSERT_THAT(hms, IsOk());
  EXPECT_THAT(*hms, ElementsAre(MakeRun("hms", 200, "skipped"), MakeRun("hms", 100)));
  EXPECT_THAT(*store().connectors().ListRuns("hms", 1), ElementsAre(MakeRun("hms", 200, "skipped")));
  EXPECT_THAT(*store().connectors().ListRuns("", 10),
              ElementsAre(MakeRun("hms", 200, "skipped"), MakeRun("mlflow", 150, "failed"),
                          MakeRun("hms", 100)));
}

TEST_P(ConnectorStoreContractTest, EachConnectorKeepsItsLastHundredRuns) {
  for (int64_t i = 0; i < 130; ++i) {
    model::ConnectorDelta delta;
    delta.runs = {MakeRun("hms", 1000 + i)};
    if (i < 3) delta.runs.push_back(MakeRun("mlflow", i));
    ASSERT_THAT(Write(store(), delta), IsOk());
  }
  Result<std::vector<model::ConnectorRun>> hms = store().connectors().ListRuns("hms", 1000);
  ASSERT_THAT(hms, IsOk());
  ASSERT_THAT(*hms, SizeIs(model::kConnectorRunsKept));
  EXPECT_EQ(hms->front().started_at_ms, 1129);
  EXPECT_EQ(hms->back().started_at_ms, 1030);
  EXPECT_THAT(*store().connectors().ListRuns("mlflow", 1000), SizeIs(3));
}

}  // namespace
}  // namespace linea::store
