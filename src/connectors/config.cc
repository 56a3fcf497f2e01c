#include "connectors/config.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/strings.h"
#include "yaml/yaml_stream.h"

namespace linea::connectors {
namespace {

constexpr const char* kCommonKeys[] = {"name", "type", "service", "every", "jitter"};
constexpr size_t kMaxConfigBytes = 1 << 20;

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

int LineOfNode(const YAML::Node& node, int fallback) {
  const int line = node.Mark().line;
  return line >= 0 ? line + 1 : fallback;
}

Status ErrorAtLine(const std::string& file, int line, std::string_view message) {
  return InvalidArgumentError(file + ":" + std::to_string(line) + ": " + std::string(message));
}

std::string Closest(std::string_view key, const std::vector<std::string>& known) {
  std::string best;
  size_t best_distance = 3;  // at most two edits away
  for (const std::string& k : known) {
    const size_t d = EditDistance(key, k, best_distance);
    if (d < best_distance) {
      best_distance = d;
      best = k;
    }
  }
  return best;
}

bool IsValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '_' && c != '-' && c != '.'))) return false;
  }
  return true;
}

}  // namespace

std::optional<std::chrono::seconds> ParseDuration(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  int64_t unit = 1;
  switch (text.back()) {
    case 's':
      text.remove_suffix(1);
      break;
    case 'm':
      unit = 60;
      text.remove_suffix(1);
      break;
    case 'h':
      unit = 3600;
      text.remove_suffix(1);
      break;
    case 'd':
      unit = 86400;
      text.remove_suffix(1);
      break;
    default:
      break;
  }
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n < 0 ||
      n > 366 * 86400 / unit) {
    return std::nullopt;
  }
  return std::chrono::seconds(n * unit);
}

// ---------------------------------------------------------------- ConfigReader

bool ConfigReader::Has(std::string_view key) const {
  return map_[std::string(key)].IsDefined() && !map_[std::string(key)].IsNull();
}

int ConfigReader::LineOf(std::string_view key) const {
  const int fallback = LineOfNode(map_, 1);
  for (auto it = map_.begin(); it != map_.end(); ++it) {
    if (it->first.Scalar() == key) return LineOfNode(it->first, fallback);
  }
  return fallback;
}

Status ConfigReader::ErrorAt(std::string_view key, std::string_view message) const {
  return ErrorAtLine(file_, LineOf(key), message);
}

Status ConfigReader::WrongType(std::string_view key, std::string_view expected) const {
  return ErrorAt(key, Quoted(key) + " must be " + std::string(expected));
}

YAML::Node ConfigReader::Get(std::string_view key) {
  read_.emplace(key);
  return map_[std::string(key)];
}

Result<std::optional<std::string>> ConfigReader::OptionalString(std::string_view key) {
  YAML::Node node = Get(key);
  if (!node.IsDefined() || node.IsNull()) return std::optional<std::string>();
  if (!node.IsScalar()) return WrongType(key, "a string");
  return std::optional<std::string>(node.Scalar());
}

Result<std::string> ConfigReader::RequiredString(std::string_view key) {
  Result<std::optional<std::string>> value = OptionalString(key);
  if (!value.ok()) return value.status();
  if (!*value || (*value)->empty()) {
    return ErrorAtLine(file_, LineOfNode(map_, 1), "missing key " + Quoted(key));
  }
  return **value;
}

Result<std::optional<bool>> ConfigReader::OptionalBool(std::string_view key) {
  YAML::Node node = Get(key);
  if (!node.IsDefined() || node.IsNull()) return std::optional<bool>();
  const std::string v = node.IsScalar() ? ToLower(node.Scalar()) : "";
  if (v == "true" || v == "yes" || v == "on") return std::optional<bool>(true);
  if (v == "false" || v == "no" || v == "off") return std::optional<bool>(false);
  return WrongType(key, "true or false");
}

Result<std::optional<int64_t>> ConfigReader::OptionalInt(std::string_view key, int64_t min,
                                                         int64_t max) {
  YAML::Node node = Get(key);
  if (!node.IsDefined() || node.IsNull()) return std::optional<int64_t>();
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n < min || n > max) {
    return WrongType(key, "an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return std::optional<int64_t>(n);
}

Result<std::optional<std::chrono::seconds>> ConfigReader::OptionalDuration(std::string_view key) {
  YAML::Node node = Get(key);
  if (!node.IsDefined() || node.IsNull()) return std::optional<std::chrono::seconds>();
  std::optional<std::chrono::seconds> d = node.IsScalar() ? ParseDuration(node.Scalar()) : std::nullopt;
  if (!d) {
    return ErrorAt(key, Quoted(key) + " must be a duration like 30s, 15m, 2h or 1d, got " +
                            Quoted(node.IsScalar() ? node.Scalar() : "a " + std::string(node.IsMap() ? "mapping" : "list")));
  }
  return d;
}

Result<std::vector<std::string>> ConfigReader::StringList(std::string_view key) {
  YAML::Node node = Get(key);
  std::vector<std::string> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (node.IsScalar()) return std::vector<std::string>{node.Scalar()};
  if (!node.IsSequence()) return WrongType(key, "a list of strings");
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) return WrongType(key, "a list of strings");
    out.push_back(item.Scalar());
  }
  return out;
}

Result<std::map<std::string, std::string>> ConfigReader::StringMap(std::string_view key) {
  YAML::Node node = Get(key);
  std::map<std::string, std::string> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (!node.IsMap()) return WrongType(key, "a mapping of strings to strings");
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar() || !it->second.IsScalar()) {
      return WrongType(key, "a mapping of strings to strings");
    }
    out[it->first.Scalar()] = it->second.Scalar();
  }
  return out;
}

Result<std::optional<ConfigReader>> ConfigReader::Section(std::string_view key) {
  YAML::Node node = Get(key);
  if (!node.IsDefined() || node.IsNull()) return std::optional<ConfigReader>();
  if (!node.IsMap()) return WrongType(key, "a mapping");
  return std::optional<ConfigReader>(ConfigReader(node, file_));
}

Result<std::vector<ConfigReader>> ConfigReader::SectionList(std::string_view key) {
  YAML::Node node = Get(key);
  std::vector<ConfigReader> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (!node.IsSequence()) return WrongType(key, "a list of mappings");
  for (const YAML::Node& item : node) {
    if (!item.IsMap()) return WrongType(key, "a list of mappings");
    out.emplace_back(item, file_);
  }
  return out;
}

Status ConfigReader::CheckAllRead() const {
  std::vector<std::string> known(read_.begin(), read_.end());
  for (auto it = map_.begin(); it != map_.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
    if (read_.count(key)) continue;
    std::string message = "unknown key " + Quoted(key);
    const std::string closest = Closest(key, known);
    if (!closest.empty()) message += "; did you mean " + Quoted(closest) + "?";
    return ErrorAtLine(file_, LineOfNode(it->first, 1), message);
  }
  return Status::OK();
}

// ---------------------------------------------------------------- files

ConfigReader ConnectorConfig::Reader() const {
  ConfigReader reader(node, file);
  for (const char* key : kCommonKeys) reader.MarkRead(key);
  return reader;
}

namespace {

Result<ConnectorConfig> ParseOne(const YAML::Node& node, const std::string& file,
                                 const std::vector<std::string>& types) {
  ConnectorConfig config;
  config.file = file;
  config.line = LineOfNode(node, 1);
  if (!node.IsMap()) {
    return ErrorAtLine(file, config.line, "a connector must be a mapping of keys (name, type, …)");
  }
  config.node = node;
  ConfigReader reader(node, file);
  Result<std::string> name = reader.RequiredString("name");
  if (!name.ok()) return name.status();
  if (!IsValidName(*name)) {
    return reader.ErrorAt("name", "bad connector name " + Quoted(*name) +
                                      ": lower-case letters, digits, '_', '-', '.', at most 64");
  }
  config.name = *name;
  Result<std::string> type = reader.RequiredString("type");
  if (!type.ok()) return type.status();
  if (std::find(types.begin(), types.end(), *type) == types.end()) {
    std::string message = "unknown connector type " + Quoted(*type) + " (known: " + Join(types, ", ") + ")";
    const std::string closest = Closest(*type, types);
    if (!closest.empty()) message += "; did you mean " + Quoted(closest) + "?";
    return reader.ErrorAt("type", message);
  }
  config.type = *type;
  Result<std::optional<std::string>> service = reader.OptionalString("service");
  if (!service.ok()) return service.status();
  config.service = service->value_or("");
  Result<std::optional<std::chrono::seconds>> every = reader.OptionalDuration("every");
  if (!every.ok()) return every.status();
  if (*every) {
    if (**every < std::chrono::seconds(10)) return reader.ErrorAt("every", "\"every\" must be at least 10s");
    config.every = **every;
    config.jitter = config.every / 10;
  }
  Result<std::optional<std::chrono::seconds>> jitter = reader.OptionalDuration("jitter");
  if (!jitter.ok()) return jitter.status();
  if (*jitter) {
    if (**jitter * 2 >= config.every) {
      return reader.ErrorAt("jitter", "\"jitter\" must be less than half of \"every\"");
    }
    config.jitter = **jitter;
  }
  return config;
}

}  // namespace

Result<std::vector<ConnectorConfig>> ParseConnectorConfigs(std::string_view text,
                                                           const std::string& file,
                                                           const std::vector<std::string>& types,
                                                           bool single) {
  if (text.size() > kMaxConfigBytes) {
    return InvalidArgumentError(file + ": larger than 1 MiB; is it a connector config?");
  }
  yaml::YamlStream stream = yaml::LoadYamlStream(text);
  if (stream.error) return ErrorAtLine(file, stream.error->line, stream.error->message);
  const std::vector<YAML::Node>& documents = stream.documents;
  std::vector<YAML::Node> entries;
  for (const YAML::Node& doc : documents) {
    if (doc.IsNull()) continue;
    if (doc.IsMap() && doc["connectors"].IsDefined()) {
      const YAML::Node list = doc["connectors"];
      if (!list.IsSequence()) {
        return ErrorAtLine(file, LineOfNode(list, 1), "\"connectors\" must be a list of connectors");
      }
      if (doc.size() > 1) {
        for (auto it = doc.begin(); it != doc.end(); ++it) {
          if (it->first.Scalar() != "connectors") {
            return ErrorAtLine(file, LineOfNode(it->first, 1),
                               "unknown key " + Quoted(it->first.Scalar()) + " beside \"connectors\"");
          }
        }
      }
      for (const YAML::Node& item : list) entries.push_back(item);
    } else {
      entries.push_back(doc);
    }
  }
  if (entries.empty()) return InvalidArgumentError(file + ": no connector in the file");
  if (single && entries.size() > 1) {
    return ErrorAtLine(file, LineOfNode(entries[1], 1),
                       "expected one connector, found " + std::to_string(entries.size()) +
                           " (linea serve --connectors runs several)");
  }
  std::vector<ConnectorConfig> configs;
  std::map<std::string, int> lines;
  const std::string dir = [&] {
    const size_t slash = file.rfind('/');
    return slash == std::string::npos ? std::string(".") : file.substr(0, slash == 0 ? 1 : slash);
  }();
  for (const YAML::Node& entry : entries) {
    Result<ConnectorConfig> config = ParseOne(entry, file, types);
    if (!config.ok()) return config.status();
    config->base_dir = dir;
    auto [it, fresh] = lines.emplace(config->name, config->line);
    if (!fresh) {
      return ErrorAtLine(file, config->line,
                         "a second connector named " + Quoted(config->name) + " (first at line " +
                             std::to_string(it->second) + ")");
    }
    configs.push_back(std::move(*config));
  }
  return configs;
}

Result<std::vector<ConnectorConfig>> LoadConnectorConfigs(const std::string& path,
                                                          const std::vector<std::string>& types,
                                                          bool single) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return InvalidArgumentError("cannot read connector config " + path + ": " +
                                std::strerror(errno));
  }
  std::stringstream text;
  text << in.rdbuf();
  Result<std::vector<ConnectorConfig>> configs =
      ParseConnectorConfigs(text.str(), path, types, single);
  if (!configs.ok()) return configs;
  // Relative paths in the file stay relative to it wherever the process runs later.
  std::error_code ec;
  for (ConnectorConfig& c : *configs) {
    std::filesystem::path dir = std::filesystem::absolute(c.base_dir, ec);
    if (ec) continue;
    c.base_dir = dir.lexically_normal().string();
    if (c.base_dir.size() > 1 && c.base_dir.back() == '/') c.base_dir.pop_back();
  }
  return configs;
}

}  // namespace linea::connectors
