#include "incident/internal/routing.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "codec/json_codec.h"
#include "report/report_json.h"

namespace linea::incident::internal {
namespace {

using Json = nlohmann::json;

// `team:` and `user:` owners are told; anything else (a free-text owner) is not an address.
bool IsRecipient(std::string_view owner) {
  return (owner.rfind("team:", 0) == 0 || owner.rfind("user:", 0) == 0) && owner.size() > 5;
}

std::vector<std::string> Strings(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  return it->get<std::vector<std::string>>();
}

std::string String(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  return it->get<std::string>();
}

std::vector<FrozenItem> Items(const Json& report, const char* key) {
  std::vector<FrozenItem> out;
  for (const Json& j : report.at(key)) {
    out.push_back({.fqn = j.at("fqn").get<std::string>(),
                   .features = Strings(j, "features"),
                   .path = Strings(j, "path"),
                   .owners = Strings(j, "owners"),
                   .domain = String(j, "domain")});
  }
  return out;
}

// The items of one list a team is told about: all of them, or those selected by FQN.
struct Selection {
  bool all = false;
  std::set<std::string> fqns;
};

class Router {
 public:
  explicit Router(const FrozenImpact& impact) : impact_(impact) {}

  void AddOwners() {
    for (const auto* list : {&impact_.models, &impact_.dashboards, &impact_.deployments}) {
      for (const FrozenItem& item : *list) {
        for (const std::string& owner : item.owners) {
          if (IsRecipient(owner)) selected_[owner].fqns.insert(item.fqn);
        }
      }
    }
    for (const std::string& owner : impact_.root_owners) {
      if (IsRecipient(owner)) selected_[owner].all = true;
    }
  }

  void AddSubscription(const model::Subscription& s) {
    if (!IsRecipient(s.subscriber)) return;
    if (s.kind == "domain") {
      if (!impact_.root_domain.empty() && s.target == impact_.root_domain) {
        selected_[s.subscriber].all = true;
        return;
      }
      for (const FrozenItem& m : impact_.models) {
        if (!m.domain.empty() && m.domain == s.target) selected_[s.subscriber].fqns.insert(m.fqn);
      }
      return;
    }
    if (s.target == impact_.root) {
      selected_[s.subscriber].all = true;
      return;
    }
    for (const auto* list : {&impact_.models, &impact_.dashboards, &impact_.deployments}) {
      for (const FrozenItem& item : *list) {
        if (item.fqn == s.target) selected_[s.subscriber].fqns.insert(item.fqn);
      }
    }
  }

  std::vector<Recipient> Recipients() const {
    std::vector<Recipient> out;
    for (const auto& [team, selection] : selected_) {
      Recipient r{.team = team};
      auto picked = [&](const FrozenItem& item) {
        return selection.all || selection.fqns.contains(item.fqn);
      };
      for (const FrozenItem& m : impact_.models) {
        if (picked(m)) r.models.push_back({m.fqn, m.features, m.path});
      }
      for (const FrozenItem& d : impact_.dashboards) {
        if (picked(d)) r.dashboards.push_back(d.fqn);
      }
      for (const FrozenItem& d : impact_.deployments) {
        if (picked(d)) r.deployments.push_back(d.fqn);
      }
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  const FrozenImpact& impact_;
  std::map<std::string, Selection> selected_;  // by team, so the output is sorted
};

}  // namespace

std::string FreezeImpact(const graph::ImpactReport& report, const catalog::AssetSummary& root) {
  // Frozen redacted: the incidents table holds no credential, and every reader sees the impact.
  codec::Json j = report::EncodeImpact(report, /*redact_secrets=*/true);
  j["root"]["owners"] = root.owners;
  j["root"]["domain"] = root.domain;
  return j.dump();
}

Result<FrozenImpact> ParseFrozenImpact(std::string_view json) {
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return InvalidArgumentError("malformed frozen impact: not a JSON object");
  }
  try {
    FrozenImpact out;
    const Json& root = j.at("root");
    out.root = root.at("fqn").get<std::string>();
    out.root_owners = Strings(root, "owners");
    out.root_domain = String(root, "domain");
    out.models = Items(j, "models");
    out.dashboards = Items(j, "dashboards");
    out.deployments = Items(j, "deployments");
    return out;
  } catch (const Json::exception& e) {
    return InvalidArgumentError(std::string("malformed frozen impact: ") + e.what());
  }
}

std::vector<Recipient> Route(const FrozenImpact& impact,
                             const std::vector<model::Subscription>& subscriptions) {
  Router router(impact);
  router.AddOwners();
  for (const model::Subscription& s : subscriptions) router.AddSubscription(s);
  return router.Recipients();
}

Result<std::vector<model::Contact>> ContactsOf(const catalog::Catalog& catalog,
                                               std::string_view recipient) {
  if (!IsRecipient(recipient)) {
    return InvalidArgumentError(std::string(recipient) + " is neither team:<name> nor user:<name>");
  }
  const std::string_view name = recipient.substr(5);
  if (recipient.starts_with("user:")) {
    Result<model::User> user = catalog.GetUser(name);
    if (!user.ok()) return user.status();
    return std::move(user->contacts);
  }
  Result<model::Team> team = catalog.GetTeam(name);
  if (!team.ok()) return team.status();
  return std::move(team->contacts);
}

}  // namespace linea::incident::internal
