// src/connectors/config.h: connector configuration files (docs/connectors.md).
//
// A file holds one connector (`linea ingest <type> --config FILE`) or several: YAML documents
// separated by `---`, or a `connectors:` list (`linea serve --connectors FILE`). Every
// connector has the common keys below; the rest belong to its type, whose source reads them
// through a ConfigReader, so that a key nobody read is reported as unknown (with the closest
// known key) at its line:
//
//   name: hms-prod           # [a-z0-9][a-z0-9_.-]*; the provenance prefix is connector:hms-prod
//   type: hive-metastore     # or mlflow
//   service: hive            # first FQN segment of what it writes
//   every: 15m               # serve only: 30s, 15m, 2h, 1d
//   jitter: 1m               # serve only: each slot moves by up to ± this (default every/10)
#pragma once

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace linea::connectors {

// Reads the keys of one YAML mapping, remembering which were read. Errors name the file and
// line: kInvalidArgument "hms.yaml:4: \"every\" must be a duration like 15m, got \"soon\"".
class ConfigReader {
 public:
  ConfigReader(YAML::Node map, std::string file) : map_(std::move(map)), file_(std::move(file)) {}

  const std::string& file() const { return file_; }
  bool Has(std::string_view key) const;
  // 1-based line of `key`'s value (of the mapping when absent).
  int LineOf(std::string_view key) const;

  // A scalar. Missing: nullopt (Optional…) or kInvalidArgument "missing key" (Required…).
  Result<std::optional<std::string>> OptionalString(std::string_view key);
  Result<std::string> RequiredString(std::string_view key);
  Result<std::optional<bool>> OptionalBool(std::string_view key);
  Result<std::optional<int64_t>> OptionalInt(std::string_view key, int64_t min, int64_t max);
  // "30s", "15m", "2h", "1d" (a bare number is seconds).
  Result<std::optional<std::chrono::seconds>> OptionalDuration(std::string_view key);
  // A list of scalars; a single scalar is a list of one.
  Result<std::vector<std::string>> StringList(std::string_view key);
  // A mapping of scalars to scalars.
  Result<std::map<std::string, std::string>> StringMap(std::string_view key);
  // A nested mapping, for its own reader; nullopt when absent.
  Result<std::optional<ConfigReader>> Section(std::string_view key);
  // A list of mappings.
  Result<std::vector<ConfigReader>> SectionList(std::string_view key);

  // kInvalidArgument for the first key no accessor read ("unknown key \"pasword_env\"; did you
  // mean \"password_env\"?"). Call once every key the type knows has been read; a nested
  // section's reader checks its own keys.
  Status CheckAllRead() const;

  // Marks `key` as read without reading it (keys another reader owns).
  void MarkRead(std::string_view key) { read_.emplace(key); }

  // An error at `key`'s line.
  Status ErrorAt(std::string_view key, std::string_view message) const;

 private:
  YAML::Node Get(std::string_view key);
  Status WrongType(std::string_view key, std::string_view expected) const;

  YAML::Node map_;
  std::string file_;
  std::set<std::string, std::less<>> read_;
};

// One connector of a file: the common keys, and a reader for the type's own.
struct ConnectorConfig {
  std::string name;
  std::string type;
  std::string service;                 // "" when the file gave none (the type's default applies)
  std::chrono::seconds every{3600};    // serve's schedule
  std::chrono::seconds jitter{360};    // ± per slot
  std::string file;                    // the file it came from
  std::string base_dir;                // the file's directory: relative paths are relative to it
  int line = 1;                        // where its document or list entry starts
  YAML::Node node;                     // the whole mapping, for the type's ConfigReader

  // A reader over `node` with the common keys already marked read.
  ConfigReader Reader() const;
};

// Parses `text` (the contents of `file`). `single`: exactly one connector is expected (the
// ingest command). Errors (kInvalidArgument, "FILE:LINE: …"): YAML syntax, a document that is
// not a mapping, a missing or malformed common key, an unknown type (with the known ones),
// two connectors of one name.
Result<std::vector<ConnectorConfig>> ParseConnectorConfigs(std::string_view text,
                                                           const std::string& file,
                                                           const std::vector<std::string>& types,
                                                           bool single);

// Reads `path` and parses it. kInvalidArgument when it cannot be read.
Result<std::vector<ConnectorConfig>> LoadConnectorConfigs(const std::string& path,
                                                          const std::vector<std::string>& types,
                                                          bool single);

// "15m" → 900 s. nullopt when `text` is not a duration.
std::optional<std::chrono::seconds> ParseDuration(std::string_view text);

}  // namespace linea::connectors
