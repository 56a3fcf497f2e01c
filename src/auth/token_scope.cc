#include "auth/token_scope.h"

#include <nlohmann/json.hpp>

#include "model/fqn.h"

namespace linea::auth {
namespace {

using Json = nlohmann::json;

Status ReadList(const Json& object, const char* key, bool fqns, std::vector<std::string>* out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return Status();
  const std::string where = std::string("scope.") + key;
  if (!it->is_array()) return InvalidArgumentError(where + ": expected an array of strings");
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& value = (*it)[i];
    const std::string at = where + "[" + std::to_string(i) + "]";
    if (!value.is_string() || value.get<std::string>().empty()) {
      return InvalidArgumentError(at + ": expected a non-empty string");
    }
    std::string text = value.get<std::string>();
    if (fqns) {
      Result<std::string> canonical = model::CanonicalFqn(text);
      if (!canonical.ok()) {
        return InvalidArgumentError(at + ": \"" + text + "\" is not an FQN: " +
                                    canonical.status().message());
      }
      text = std::move(*canonical);
    }
    out->push_back(std::move(text));
  }
  return Status();
}

}  // namespace

Result<catalog::WriteScope> ParseScope(std::string_view json) {
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return InvalidArgumentError(
        "scope: expected an object {\"domains\", \"prefixes\", \"provenances\", \"teams\"}");
  }
  for (const auto& [key, value] : j.items()) {
    if (key != "domains" && key != "prefixes" && key != "provenances" && key != "teams") {
      return InvalidArgumentError("scope: unknown key \"" + key +
                                  "\" (expected domains, prefixes, provenances, teams)");
    }
  }
  catalog::WriteScope scope;
  if (Status s = ReadList(j, "domains", false, &scope.domains); !s.ok()) return s;
  if (Status s = ReadList(j, "prefixes", true, &scope.fqn_prefixes); !s.ok()) return s;
  if (Status s = ReadList(j, "provenances", false, &scope.provenances); !s.ok()) return s;
  if (Status s = ReadList(j, "teams", false, &scope.teams); !s.ok()) return s;
  return scope;
}

std::string EncodeScope(const catalog::WriteScope& scope) {
  return Json{{"domains", scope.domains},
              {"prefixes", scope.fqn_prefixes},
              {"provenances", scope.provenances},
              {"teams", scope.teams}}
      .dump();
}

}  // namespace linea::auth
