#include "connectors/db_url_key.h"

#include "connectors/secrets.h"

namespace linea::connectors {

Result<sourcedb::DbUrl> ParseDbUrlKey(const ConfigReader& reader, std::string_view key,
                                      const std::string& text, const std::string& base_dir) {
  Result<sourcedb::DbUrl> url = sourcedb::ParseDbUrl(text);
  if (!url.ok()) {
    std::string why = url.status().message();
    constexpr std::string_view kPrefix = "database URL: ";
    if (why.rfind(kPrefix, 0) == 0) why = why.substr(kPrefix.size());
    return reader.ErrorAt(key, "bad \"" + std::string(key) + "\": " + why);
  }
  if (url->engine == sourcedb::Engine::kSqlite) url->path = ResolvePath(base_dir, url->path);
  return url;
}

}  // namespace linea::connectors
