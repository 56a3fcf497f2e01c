#include "ingest/mlflow/mlflow_config.h"

#include <fnmatch.h>

#include "common/hash.h"
#include "common/status_macros.h"
#include "connectors/db_url_key.h"
#include "connectors/secrets.h"

namespace linea::mlflow {
namespace {

bool AnyGlob(const std::vector<std::string>& patterns, const std::string& text) {
  for (const std::string& p : patterns) {
    if (fnmatch(p.c_str(), text.c_str(), 0) == 0) return true;
  }
  return false;
}

std::string HashMapping(const MlflowConfig& c) {
  std::string text = c.service + '\x1e' + c.domain + '\x1e' + c.source_service + '\x1e';
  for (const auto* list : {&c.include, &c.exclude, &c.owner_tags, &c.target_columns}) {
    for (const std::string& s : *list) text += s + '\x1f';
    text += '\x1e';
  }
  for (const auto* map : {&c.owners, &c.sources, &c.feature_renames}) {
    for (const auto& [k, v] : *map) text += k + '=' + v + '\x1f';
    text += '\x1e';
  }
  for (const DeploymentRule& d : c.deployments) text += d.alias + '|' + d.stage + '|' + d.fqn_template + '\x1f';
  return HexHash64(text).substr(0, 8);
}

Status ReadDeployments(connectors::ConfigReader& r, MlflowConfig* c) {
  LINEA_ASSIGN_OR_RETURN(std::vector<connectors::ConfigReader> rules, r.SectionList("deployments"));
  for (connectors::ConfigReader& rule : rules) {
    DeploymentRule d;
    LINEA_ASSIGN_OR_RETURN(std::optional<std::string> alias, rule.OptionalString("alias"));
    LINEA_ASSIGN_OR_RETURN(std::optional<std::string> stage, rule.OptionalString("stage"));
    LINEA_ASSIGN_OR_RETURN(d.fqn_template, rule.RequiredString("fqn"));
    if (alias.has_value() == stage.has_value()) {
      return rule.ErrorAt("fqn", "a deployment needs exactly one of \"alias\" and \"stage\"");
    }
    d.alias = alias.value_or("");
    d.stage = stage.value_or("");
    LINEA_RETURN_IF_ERROR(rule.CheckAllRead());
    c->deployments.push_back(std::move(d));
  }
  return Status::OK();
}

}  // namespace

bool MlflowConfig::Selects(const std::string& model) const {
  if (!include.empty() && !AnyGlob(include, model)) return false;
  return !AnyGlob(exclude, model);
}

std::string MlflowConfig::TeamOf(const std::string& value) const {
  if (value.empty()) return "";
  if (auto it = owners.find(value); it != owners.end()) return it->second;
  return value.rfind("team:", 0) == 0 ? value : "team:" + value;
}

Result<MlflowConfig> ReadMlflowConfig(const connectors::ConnectorConfig& config) {
  MlflowConfig c;
  connectors::ConfigReader r = config.Reader();
  c.base_dir = config.base_dir;
  if (!config.service.empty()) c.service = config.service;
  LINEA_ASSIGN_OR_RETURN(std::optional<std::string> tracking_uri, r.OptionalString("tracking_uri"));
  LINEA_ASSIGN_OR_RETURN(std::optional<std::string> store, r.OptionalString("store"));
  if (tracking_uri.has_value() == store.has_value()) {
    return r.ErrorAt(tracking_uri ? "store" : "name",
                     "an mlflow connector needs exactly one of \"tracking_uri\" (the REST API) "
                     "and \"store\" (the SQL store)");
  }
  if (tracking_uri) {
    if (tracking_uri->rfind("http://", 0) != 0 && tracking_uri->rfind("https://", 0) != 0) {
      return r.ErrorAt("tracking_uri", "\"tracking_uri\" must be an http:// or https:// URL, got \"" +
                                           *tracking_uri + "\"");
    }
    const size_t authority = tracking_uri->find("://") + 3;
    const size_t at = tracking_uri->find('@', authority);
    if (at != std::string::npos && at < tracking_uri->find('/', authority)) {
      return r.ErrorAt("tracking_uri", "\"tracking_uri\" must not hold credentials: use "
                                       "token_env, or username with password_env");
    }
    c.tracking_uri = *tracking_uri;
    while (!c.tracking_uri.empty() && c.tracking_uri.back() == '/') c.tracking_uri.pop_back();
    LINEA_ASSIGN_OR_RETURN(c.token, connectors::ReadSecret(r, "token", config.base_dir));
    LINEA_ASSIGN_OR_RETURN(std::optional<std::string> username, r.OptionalString("username"));
    c.username = username.value_or("");
  } else {
    LINEA_ASSIGN_OR_RETURN(c.store, connectors::ParseDbUrlKey(r, "store", *store, config.base_dir));
    c.use_store = true;
  }
  LINEA_ASSIGN_OR_RETURN(c.password, connectors::ReadSecret(r, "password", config.base_dir));
  LINEA_ASSIGN_OR_RETURN(c.include, r.StringList("include"));
  LINEA_ASSIGN_OR_RETURN(c.exclude, r.StringList("exclude"));
  if (r.Has("owner_tags")) {
    LINEA_ASSIGN_OR_RETURN(c.owner_tags, r.StringList("owner_tags"));
  }
  LINEA_ASSIGN_OR_RETURN(c.owners, r.StringMap("owners"));
  for (const auto& [from, team] : c.owners) {
    if (team.rfind("team:", 0) != 0 || team.size() == 5) {
      return r.ErrorAt("owners", "\"" + from + "\" must map to \"team:<name>\", got \"" + team + "\"");
    }
  }
  LINEA_ASSIGN_OR_RETURN(std::optional<std::string> domain, r.OptionalString("domain"));
  c.domain = domain.value_or("");
  LINEA_ASSIGN_OR_RETURN(std::optional<std::string> source_service, r.OptionalString("source_service"));
  if (source_service) c.source_service = *source_service;
  LINEA_ASSIGN_OR_RETURN(c.sources, r.StringMap("sources"));
  LINEA_ASSIGN_OR_RETURN(c.feature_renames, r.StringMap("feature_renames"));
  LINEA_ASSIGN_OR_RETURN(c.target_columns, r.StringList("target_columns"));
  LINEA_RETURN_IF_ERROR(ReadDeployments(r, &c));
  LINEA_ASSIGN_OR_RETURN(std::optional<int64_t> per_tx, r.OptionalInt("models_per_transaction", 1, 5000));
  if (per_tx) c.models_per_transaction = static_cast<int>(*per_tx);
  LINEA_RETURN_IF_ERROR(r.CheckAllRead());
  c.mapping_hash = HashMapping(c);
  return c;
}

}  // namespace linea::mlflow
