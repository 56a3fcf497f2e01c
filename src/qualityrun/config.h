// src/qualityrun/config.h: the built-in data-quality runner's config file (`linea quality run
// --config FILE`, docs/quality-runner.md) — which sources to query and what to measure in
// which tables:
//
//   sources:
//     - name: dwh
//       url: postgresql://linea@127.0.0.1:5432/dwh   # or mysql://…, sqlite:path.db
//       password_env: DWH_PASSWORD                    # optional (or password_file)
//     - name: hive
//       command: [beeline, -u, "jdbc:hive2://hs2:10000", --outputformat=tsv2, -e]
//       timeout: 30m                                  # optional, default 30m
//   tables:
//     - source: dwh
//       table: public.trips               # as the source names it: [schema.]table
//       asset: hive.mart_geo.trips        # its catalog FQN
//       where: "dt = '{period}'"          # optional: the config author's SQL, as written
//       volume: true                      # default true
//       columns:
//         - name: distance_km
//           measure: [null_rate, distinct, statistics, drift]  # default [null_rate, drift]
//           type: numeric                 # optional: numeric | text (default: from a sample)
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "sourcedb/db_url.h"

namespace linea::qualityrun {

struct SourceConfig {
  std::string name;
  std::optional<sourcedb::DbUrl> url;  // a database linea connects to, or …
  std::string password;                // from password_env / password_file; never printed
  std::vector<std::string> command;    // … a command the SQL is appended to (command_source.h)
  std::chrono::seconds timeout{1800};  // a query's (a command's) limit
  int line = 1;
};

enum class ColumnType { kUnknown, kNumeric, kText };  // kUnknown: decided from a sample

struct ColumnConfig {
  std::string name;
  // Of "null_rate", "distinct", "statistics", "drift", in that order, no repeats.
  std::vector<std::string> measure;
  ColumnType type = ColumnType::kUnknown;
  int line = 1;
};

struct TableConfig {
  std::string source;
  std::string table;  // dotted parts, each [A-Za-z0-9_]+
  std::string asset;  // canonical FQN
  std::string where;  // "" = the whole table; may hold {period}
  bool volume = true;
  std::vector<ColumnConfig> columns;
  int line = 1;
};

struct RunnerConfig {
  std::vector<SourceConfig> sources;
  std::vector<TableConfig> tables;
};

// The measures a column may list, in the order results are produced.
inline constexpr const char* kMeasures[] = {"null_rate", "distinct", "statistics", "drift"};

// Parses `text`, the contents of `file` (relative sqlite: paths and password_file are relative
// to `base_dir`). Every problem found is returned, each "FILE:LINE: message" (unknown keys with
// "did you mean", missing keys, bad values, unknown sources, bad identifiers, a repeated source
// name); an empty list means `*config` is complete.
std::vector<std::string> ParseRunnerConfig(std::string_view text, const std::string& file,
                                           const std::string& base_dir, RunnerConfig* config);

// Reads `path` and parses it (base_dir = its directory). Problems as above; a file that cannot
// be read is one problem.
std::vector<std::string> LoadRunnerConfig(const std::string& path, RunnerConfig* config);

// True when `name` is a safe identifier part: [A-Za-z0-9_]+ (no quoting tricks possible).
bool IsPlainIdentifier(std::string_view name);

}  // namespace linea::qualityrun
