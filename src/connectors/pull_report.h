// src/connectors/pull_report.h: what one pull did, as the CLI prints it, the API returns it and
// the store keeps it (model::ConnectorRun::report_json).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace linea::connectors {

struct AssetCounts {
  std::map<std::string, size_t> created, updated, removed;  // by kind name
  size_t total() const;
};

// An asset gone from the source that other lineage still touches, so it stays.
struct RetainedAsset {
  std::string fqn;
  std::vector<std::string> referenced_by;  // provenances
};

struct PullReport {
  std::string connector;
  std::string type;
  std::string source;  // Source::Describe()
  int64_t started_at_ms = 0;
  int64_t finished_at_ms = 0;
  std::string outcome;  // "ok", "failed"
  std::string error;    // when failed
  bool dry_run = false;

  size_t items_listed = 0;
  size_t items_unchanged = 0;  // skipped: same version as last pulled
  size_t items_read = 0;
  size_t items_written = 0;    // read and found changed
  size_t items_removed = 0;    // gone from the source
  size_t items_failed = 0;     // refused by the catalog; read again next pull
  size_t batches = 0;          // transactions written
  AssetCounts assets;
  size_t edges_written = 0;
  std::vector<RetainedAsset> retained;
  std::vector<std::string> problems;  // the first kMaxProblems of every item's problems
  size_t problems_total = 0;

  // True when the pull changed the catalog (or, dry, would have).
  bool changed() const { return assets.total() > 0 || edges_written > 0 || items_removed > 0; }
};

inline constexpr size_t kMaxProblems = 100;

nlohmann::ordered_json ToJson(const PullReport& report);
// The report a pull stored (ToJson's output); fields it lacks keep their defaults.
PullReport FromJson(const nlohmann::ordered_json& json);

// "hms-prod: 20,000 tables created, …" lines for the terminal.
std::string Summary(const PullReport& report);

}  // namespace linea::connectors
