// A real `linea serve` killed with SIGKILL while clients write to it: OpenLineage events,
// catalog imports and multi-model manifest batches at once. After each kill the file is opened
// again: every acknowledged write is there, every manifest batch is there whole or not at all,
// and SQLite's integrity check passes. (The hardening probe's figures, kept as a test.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "catalog/catalog.h"
#include "codec/json_codec.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using codec::Json;
using std::chrono::milliseconds;

std::string Corpus(const std::string& name) {
  return testing::ReadFile(std::string(LINEA_SOURCE_DIR_DEFAULT) + "/tests/data/openlineage/" +
                           name);
}

std::string IntegrityCheck(const std::string& db) {
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(handle);
    return "cannot open";
  }
  std::string result;
  sqlite3_exec(
      handle, "PRAGMA integrity_check",
      [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) += values[0] ? values[0] : "";
        return 0;
      },
      &result, nullptr);
  sqlite3_close(handle);
  return result;
}

// What the writers were told was committed, and what they attempted.
struct Acknowledged {
  std::mutex mu;
  std::vector<std::string> event_hashes;
  std::vector<std::string> imported;                                   // asset FQNs
  std::vector<std::pair<std::string, std::string>> batches_acked;      // two model FQNs
  std::vector<std::pair<std::string, std::string>> batches_attempted;  // acked or not
};

void WriteUntilKilled(int port, int round, std::atomic<bool>* stop, Acknowledged* ack) {
  std::vector<std::thread> writers;
  // OpenLineage events, each a new run of the same job.
  writers.emplace_back([&, port, round] {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(5);
    Json event = Json::parse(Corpus("ct_spark_dataproc_simple_producer_test_4.json"));
    for (int i = 0; !*stop; ++i) {
      char run_id[64];
      std::snprintf(run_id, sizeof run_id, "01900000-0000-7000-8000-%06d%06d", round, i);
      event["run"]["runId"] = run_id;
      auto r = c.Post("/api/v1/lineage", event.dump(), "application/json");
      if (!r || r->status != 201) continue;
      std::lock_guard<std::mutex> lock(ack->mu);
      ack->event_hashes.push_back(Json::parse(r->body)["hash"]);
    }
  });
  // Catalog imports, one new table each.
  writers.emplace_back([&, port, round] {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(5);
    for (int i = 0; !*stop; ++i) {
      std::string fqn = "hive.kill.t" + std::to_string(round) + "_" + std::to_string(i);
      auto r =
          c.Put("/api/v1/catalog", R"({"assets": [{"fqn": ")" + fqn + R"(", "kind": "table"}]})",
                "application/json");
      if (!r || r->status != 200) continue;
      std::lock_guard<std::mutex> lock(ack->mu);
      ack->imported.push_back(fqn);
    }
  });
  // Manifest batches of two models each.
  writers.emplace_back([&, port, round] {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(5);
    for (int i = 0; !*stop; ++i) {
      std::string base = "mlflow_b2c.kill_" + std::to_string(round) + "_" + std::to_string(i);
      std::string yaml;
      for (const char* suffix : {"_a", "_b"}) {
        yaml += "---\nmodel: " + base + suffix +
                "\nfeatures:\n  - name: f\n    sources: [hive.mart_geo.cell_events_mart.msisdn]\n";
      }
      {
        std::lock_guard<std::mutex> lock(ack->mu);
        ack->batches_attempted.emplace_back(base + "_a", base + "_b");
      }
      auto r = c.Post("/api/v1/manifests", yaml, "application/yaml");
      if (!r || r->status != 200) continue;
      std::lock_guard<std::mutex> lock(ack->mu);
      ack->batches_acked.emplace_back(base + "_a", base + "_b");
    }
  });
  for (auto& t : writers) t.join();
}

TEST(ServeKillTest, AcknowledgedWritesSurviveSigkillAndBatchesAreWholeOrAbsent) {
  const std::string dir = testing::FreshTestDir();
  const std::string db = dir + "/linea.db";
  ASSERT_EQ(testing::RunLinea({"generate", "--scale", "tiny", "--db", db}).exit_code, 0);
  std::mt19937 random(20261206);
  Acknowledged ack;
  for (int round = 0; round < 3; ++round) {
    testing::Spawned server = testing::SpawnLinea(
        {"serve", "--db", db, "--listen", "127.0.0.1:0", "--no-auth", "--quiet",
         "--rate-limit-per-address", "0"});  // writes as fast as they go, from one address
    std::string banner = testing::WaitForText(server.err_path, "on http://127.0.0.1:");
    ASSERT_FALSE(banner.empty()) << "server did not start in round " << round;
    const int port = std::stoi(banner.substr(banner.find("on http://127.0.0.1:") + 20));
    std::atomic<bool> stop{false};
    std::thread load([&] { WriteUntilKilled(port, round, &stop, &ack); });
    std::this_thread::sleep_for(milliseconds(700 + random() % 600));
    EXPECT_EQ(testing::StopSpawned(server, SIGKILL), 128 + SIGKILL);
    stop = true;
    load.join();
  }
  ASSERT_EQ(IntegrityCheck(db), "ok");
  auto store = store::OpenSqliteStore({.path = db});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto catalog = catalog::Catalog::Open(std::move(*store));
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  catalog::Catalog& c = **catalog;
  ASSERT_GT(ack.event_hashes.size(), 0u);
  ASSERT_GT(ack.imported.size(), 0u);
  ASSERT_GT(ack.batches_acked.size(), 0u);
  size_t missing = 0;
  for (const std::string& hash : ack.event_hashes) {
    missing += !*c.store().runs().HasEvent(hash);
  }
  for (const std::string& fqn : ack.imported) missing += !c.KindOf(fqn).has_value();
  for (const auto& [a, b] : ack.batches_acked) {
    missing += !c.KindOf(a).has_value() + !c.KindOf(b).has_value();
  }
  EXPECT_EQ(missing, 0u) << "acknowledged writes lost";
  size_t torn = 0;
  for (const auto& [a, b] : ack.batches_attempted) {
    torn += c.KindOf(a).has_value() != c.KindOf(b).has_value();
  }
  EXPECT_EQ(torn, 0u) << "manifest batches half applied";
}

}  // namespace
}  // namespace linea
