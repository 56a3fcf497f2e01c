#include "connectors/secrets.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace linea::connectors {

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
  if (path.empty() || path.front() == '/' || base_dir.empty()) return path;
  return base_dir + "/" + path;
}

Result<std::string> ReadSecret(ConfigReader& reader, std::string_view prefix,
                               const std::string& base_dir) {
  const std::string env_key = std::string(prefix) + "_env";
  const std::string file_key = std::string(prefix) + "_file";
  Result<std::optional<std::string>> env = reader.OptionalString(env_key);
  if (!env.ok()) return env.status();
  Result<std::optional<std::string>> file = reader.OptionalString(file_key);
  if (!file.ok()) return file.status();
  if (*env && *file) {
    return reader.ErrorAt(file_key, "give either \"" + env_key + "\" or \"" + file_key + "\", not both");
  }
  if (*env) {
    const char* value = std::getenv((*env)->c_str());
    if (value == nullptr || *value == '\0') {
      return reader.ErrorAt(env_key, "\"" + env_key + "\": environment variable " + **env +
                                         " is not set");
    }
    return std::string(value);
  }
  if (*file) {
    const std::string path = ResolvePath(base_dir, **file);
    std::ifstream in(path, std::ios::binary);
    if (!in) return reader.ErrorAt(file_key, "\"" + file_key + "\": cannot read " + path);
    std::stringstream text;
    text << in.rdbuf();
    std::string secret = text.str();
    if (!secret.empty() && secret.back() == '\n') secret.pop_back();
    if (!secret.empty() && secret.back() == '\r') secret.pop_back();
    if (secret.empty()) return reader.ErrorAt(file_key, "\"" + file_key + "\": " + path + " is empty");
    return secret;
  }
  return std::string();
}

}  // namespace linea::connectors
