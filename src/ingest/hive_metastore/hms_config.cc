#include "ingest/hive_metastore/hms_config.h"

#include <fnmatch.h>

#include "common/hash.h"
#include "common/status_macros.h"
#include "connectors/db_url_key.h"
#include "connectors/secrets.h"

namespace linea::hive_metastore {
namespace {

bool Glob(const std::string& pattern, const std::string& text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

// A pattern without a dot names databases; with one, db.table.
bool Matches(const std::vector<std::string>& patterns, const std::string& db,
             const std::string& table) {
  for (const std::string& p : patterns) {
    if (p.find('.') == std::string::npos ? Glob(p, db) : Glob(p, db + "." + table)) return true;
  }
  return false;
}

Status CheckTeams(connectors::ConfigReader& reader, std::string_view key,
                  const std::map<std::string, std::string>& map) {
  for (const auto& [from, team] : map) {
    if (team.rfind("team:", 0) != 0 || team.size() == 5) {
      return reader.ErrorAt(key, "\"" + from + "\" must map to \"team:<name>\", got \"" + team +
                                     "\"");
    }
  }
  return Status::OK();
}

std::string HashMapping(const HmsConfig& c) {
  std::string text = c.service + '\x1e' + c.catalog + '\x1e';
  for (const auto& list : {c.include, c.exclude}) {
    for (const std::string& s : list) text += s + '\x1f';
    text += '\x1e';
  }
  for (const auto* map : {&c.owners, &c.database_owners, &c.domains}) {
    for (const auto& [k, v] : *map) text += k + '=' + v + '\x1f';
    text += '\x1e';
  }
  text += c.domain_from_text;
  return HexHash64(text).substr(0, 8);
}

}  // namespace

bool HmsConfig::Selects(const std::string& db, const std::string& table) const {
  if (!include.empty()) {
    // A database pattern selects all its tables; a db.table pattern selects its database too.
    bool any = false;
    for (const std::string& p : include) {
      const size_t dot = p.find('.');
      if (dot == std::string::npos) {
        any = any || Glob(p, db);
      } else if (table.empty()) {
        any = any || Glob(p.substr(0, dot), db);
      } else {
        any = any || Glob(p, db + "." + table);
      }
    }
    if (!any) return false;
  }
  if (table.empty()) {
    for (const std::string& p : exclude) {
      if (p.find('.') == std::string::npos && Glob(p, db)) return false;
    }
    return true;
  }
  return !Matches(exclude, db, table);
}

std::string HmsConfig::TeamOf(const std::string& db, const std::string& owner) const {
  if (auto it = owners.find(owner); it != owners.end()) return it->second;
  if (auto it = database_owners.find(db); it != database_owners.end()) return it->second;
  return "";
}

std::string HmsConfig::DomainOf(const std::string& db) const {
  if (auto it = domains.find(db); it != domains.end()) return it->second;
  std::smatch m;
  if (domain_from && std::regex_search(db, m, *domain_from) && m.size() > 1) return m[1].str();
  return "";
}

Result<HmsConfig> ReadHmsConfig(const connectors::ConnectorConfig& config) {
  HmsConfig c;
  connectors::ConfigReader r = config.Reader();
  if (!config.service.empty()) c.service = config.service;
  LINEA_ASSIGN_OR_RETURN(std::string url, r.RequiredString("url"));
  LINEA_ASSIGN_OR_RETURN(c.url, connectors::ParseDbUrlKey(r, "url", url, config.base_dir));
  LINEA_ASSIGN_OR_RETURN(c.password, connectors::ReadSecret(r, "password", config.base_dir));
  LINEA_ASSIGN_OR_RETURN(std::optional<std::string> catalog, r.OptionalString("catalog"));
  if (catalog) c.catalog = *catalog;
  LINEA_ASSIGN_OR_RETURN(c.include, r.StringList("include"));
  LINEA_ASSIGN_OR_RETURN(c.exclude, r.StringList("exclude"));
  LINEA_ASSIGN_OR_RETURN(c.owners, r.StringMap("owners"));
  LINEA_RETURN_IF_ERROR(CheckTeams(r, "owners", c.owners));
  LINEA_ASSIGN_OR_RETURN(c.database_owners, r.StringMap("database_owners"));
  LINEA_RETURN_IF_ERROR(CheckTeams(r, "database_owners", c.database_owners));
  LINEA_ASSIGN_OR_RETURN(c.domains, r.StringMap("domains"));
  LINEA_ASSIGN_OR_RETURN(std::optional<std::string> domain_from, r.OptionalString("domain_from"));
  if (domain_from) {
    try {
      c.domain_from.emplace(*domain_from, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return r.ErrorAt("domain_from", "\"domain_from\" is not a valid regex: " + std::string(e.what()));
    }
    if (c.domain_from->mark_count() < 1) {
      return r.ErrorAt("domain_from", "\"domain_from\" needs a capture group: the domain");
    }
    c.domain_from_text = *domain_from;
  }
  LINEA_ASSIGN_OR_RETURN(std::optional<int64_t> per_tx,
                         r.OptionalInt("tables_per_transaction", 1, 5000));
  if (per_tx) c.tables_per_transaction = static_cast<int>(*per_tx);
  LINEA_RETURN_IF_ERROR(r.CheckAllRead());
  c.mapping_hash = HashMapping(c);
  return c;
}

}  // namespace linea::hive_metastore
