// src/connectors/scheduler.h: the connectors of `linea serve --connectors FILE`, each pulled on
// its own schedule (`every`, each slot moved by up to ± `jitter`), one run at a time per
// connector: slots that pass while a run is still going are skipped and counted. A run can
// also be started by hand (POST /api/v1/connectors/{name}/run).
//
// Each scheduled connector has one thread, which sleeps until its next slot; Stop() wakes them
// and waits for runs in progress to finish. A source is built afresh for every run (a new
// connection), so a source that went away is reconnected by the next slot.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog.h"
#include "connectors/config.h"
#include "connectors/puller.h"
#include "connectors/source.h"
#include "connectors/status.h"

namespace linea::connectors {

// Totals since the scheduler started, for Prometheus.
struct SchedulerCounters {
  size_t runs = 0;
  size_t failures = 0;
  size_t skipped = 0;
  double seconds = 0;        // summed run durations
  size_t assets_changed = 0;  // created + updated + removed
};

class Scheduler {
 public:
  // `first_run_delay`: the first run of each connector is this long after Start() (a server
  // that starts fills its catalog at once); later slots follow every `every`, each moved by
  // up to ± jitter. Default: at once.
  Scheduler(catalog::Catalog& catalog, std::vector<ConnectorConfig> configs, SourceFactory factory,
            std::chrono::milliseconds first_run_delay = std::chrono::milliseconds(0));
  ~Scheduler();  // Stop()

  void Start();
  void Stop();

  // Runs `name` now, in the calling thread. kNotFound (with the configured names) for an
  // unknown connector; kFailedPrecondition when it is running already. A failed pull is a
  // report with outcome "failed", not an error.
  Result<PullReport> RunNow(const std::string& name);

  // Every configured connector (and those with stored runs only), by name.
  Result<std::vector<ConnectorStatus>> Status() const;
  SchedulerCounters counters() const;

 private:
  struct Entry {
    ConnectorConfig config;
    std::mutex run_mu;                      // held while a run goes
    std::atomic<bool> running{false};
    std::atomic<int64_t> next_run_at_ms{0};
    std::atomic<size_t> skipped{0};
    std::thread thread;
  };

  void Loop(Entry& entry);
  PullReport RunLocked(Entry& entry);
  std::chrono::milliseconds Jitter(const Entry& entry);

  catalog::Catalog& catalog_;
  SourceFactory factory_;
  std::chrono::milliseconds first_run_delay_;
  std::map<std::string, std::unique_ptr<Entry>> entries_;

  mutable std::mutex mu_;  // guards stopping_ and counters_
  std::condition_variable cv_;
  bool stopping_ = false;
  bool started_ = false;
  SchedulerCounters counters_;
};

}  // namespace linea::connectors
