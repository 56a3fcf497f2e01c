// src/connectors/status.h: what `linea connectors status` and GET /api/v1/connectors show per
// connector — its last run (from the store, so a CLI pull shows too), and, under `linea serve`,
// its schedule.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "connectors/pull_report.h"
#include "store/connector_store.h"

namespace linea::connectors {

struct ConnectorStatus {
  std::string name;
  std::string type;
  // Scheduled by this server (linea serve --connectors).
  bool scheduled = false;
  int64_t every_seconds = 0;
  int64_t next_run_at_ms = 0;  // 0: not scheduled
  bool running = false;
  size_t skipped_runs = 0;     // slots skipped because the previous run still ran
  std::optional<PullReport> last_run;
  int64_t last_success_at_ms = 0;  // 0: none kept
  std::string last_error;          // of the newest failed run, when the last run failed
};

// Every connector with a stored run, by name, with its last run and last success.
Result<std::vector<ConnectorStatus>> StoredStatus(store::ConnectorStore& store);

// {"name", "type", "scheduled", "every_seconds", "next_run_at", "running", "skipped_runs",
//  "last_success_at", "last_error", "last_run": {…PullReport…} | null}; times in ms.
nlohmann::ordered_json ToJson(const ConnectorStatus& status);

}  // namespace linea::connectors
