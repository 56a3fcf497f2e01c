#include "connectors/status.h"

#include <map>

namespace linea::connectors {

Result<std::vector<ConnectorStatus>> StoredStatus(store::ConnectorStore& store) {
  Result<std::vector<model::ConnectorRun>> runs = store.ListRuns("", 1000000);
  if (!runs.ok()) return runs.status();
  std::map<std::string, ConnectorStatus> by_name;
  for (const model::ConnectorRun& run : *runs) {  // newest first
    ConnectorStatus& s = by_name[run.connector];
    s.name = run.connector;
    if (!s.last_run) {
      PullReport report = FromJson(nlohmann::ordered_json::parse(run.report_json, nullptr, false));
      s.type = report.type;
      if (run.outcome != "ok") s.last_error = report.error;
      s.last_run = std::move(report);
    }
    if (run.outcome == "ok" && s.last_success_at_ms == 0) s.last_success_at_ms = run.finished_at_ms;
  }
  std::vector<ConnectorStatus> out;
  for (auto& [name, s] : by_name) out.push_back(std::move(s));
  return out;
}

nlohmann::ordered_json ToJson(const ConnectorStatus& s) {
  nlohmann::ordered_json j = {{"name", s.name},
                      {"type", s.type},
                      {"scheduled", s.scheduled},
                      {"every_seconds", s.every_seconds},
                      {"next_run_at", s.next_run_at_ms},
                      {"running", s.running},
                      {"skipped_runs", s.skipped_runs},
                      {"last_success_at", s.last_success_at_ms},
                      {"last_error", s.last_error},
                      {"last_run", nullptr}};
  if (s.last_run) j["last_run"] = ToJson(*s.last_run);
  return j;
}

}  // namespace linea::connectors
