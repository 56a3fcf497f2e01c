// src/incident/internal/routing.h: who is told about an incident event, and what each is told.
//
// Routing works on the impact frozen at opening (Incident.impact_json), so every event of an
// incident reaches the same teams. The rules are those of incident/service.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"
#include "graph/impact.h"
#include "model/incident.h"
#include "notify/message.h"

namespace linea::incident::internal {

// The docs/api.md impact JSON of `report`, its "root" extended with the broken asset's effective
// "owners" and "domain" (from `root`), as stored in Incident.impact_json.
std::string FreezeImpact(const graph::ImpactReport& report, const catalog::AssetSummary& root);

// One reached model, dashboard or deployment of a frozen impact.
struct FrozenItem {
  std::string fqn;
  std::vector<std::string> features;  // models only
  std::vector<std::string> path;
  std::vector<std::string> owners;
  std::string domain;
};

struct FrozenImpact {
  std::string root;
  std::vector<std::string> root_owners;
  std::string root_domain;
  std::vector<FrozenItem> models, dashboards, deployments;  // in report order
};

// Parses Incident.impact_json. Root owners/domain are optional (empty when absent).
// kInvalidArgument "malformed frozen impact: …".
Result<FrozenImpact> ParseFrozenImpact(std::string_view json);

// What one team is told: the items of the frozen impact that concern it, in report order.
struct Recipient {
  std::string team;  // the owner or subscriber: "team:<name>" or "user:<name>"
  std::vector<notify::AffectedModel> models;
  std::vector<std::string> dashboards, deployments;
};

// The recipients of an event of an incident with impact `impact`, sorted: `team:` and `user:`
// owners and subscribers (contacts are looked up by the caller).
std::vector<Recipient> Route(const FrozenImpact& impact,
                             const std::vector<model::Subscription>& subscriptions);

// The stored contacts of a recipient: the catalog team of "team:<name>", the catalog user of
// "user:<name>". kNotFound ("unknown team …"/"unknown user …") when the catalog has none;
// kInvalidArgument for a recipient of neither form.
Result<std::vector<model::Contact>> ContactsOf(const catalog::Catalog& catalog,
                                               std::string_view recipient);

}  // namespace linea::incident::internal
