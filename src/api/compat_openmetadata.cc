// GET /api/v1/lineage/{entityType}/name/{fqn}: linea's lineage in OpenMetadata's EntityLineage
// shape (api.h, docs/compat.md). Entity ids are version-5 UUIDs of the FQN, so they stay the
// same across calls, restarts and copies of the catalog.
#include <map>
#include <set>

#include "api/api.h"
#include "common/uuid.h"
#include "ingest/openlineage/naming.h"
#include "model/fqn.h"

namespace linea::api {
namespace {

// OpenMetadata's entity type of a linea kind; linea's kind name for kinds OpenMetadata lacks.
std::string EntityType(model::AssetKind kind) {
  switch (kind) {
    case model::AssetKind::kTable:
      return "table";
    case model::AssetKind::kTopic:
      return "topic";
    case model::AssetKind::kDashboard:
      return "dashboard";
    case model::AssetKind::kPipeline:
      return "pipeline";
    case model::AssetKind::kModel:
      return "mlmodel";
    default:
      return std::string(model::KindName(kind));
  }
}

Json EntityReference(const catalog::Catalog& c, const std::string& fqn, model::AssetKind kind) {
  Result<model::Fqn> parsed = model::Fqn::Parse(fqn);
  const std::string name = parsed.ok() ? parsed->name() : fqn;
  Result<model::Asset> asset = c.GetAsset(fqn);
  const std::string description = asset.ok() ? asset->description : "";
  const std::string display = asset.ok() && asset->properties.count("display_name")
                                  ? asset->properties.at("display_name")
                                  : name;
  return {{"id", OpenMetadataId(fqn)},
          {"type", EntityType(kind)},
          {"name", name},
          {"fullyQualifiedName", fqn},
          {"description", description.empty() ? Json(nullptr) : Json(description)},
          {"displayName", display},
          {"deleted", false},
          {"href", "/api/v1/assets/" + fqn}};
}

// lineageDetails of a lifted link: its column links grouped by target column, the pipeline an
// OpenLineage job provenance names (and its SQL).
Json LineageDetails(const catalog::Catalog& c, const openlineage::NamespaceMap& namespaces,
                    const graph::ViewEdge& e) {
  std::map<std::string, std::vector<std::string>> by_target;
  for (const auto& [from, to] : e.parts) by_target[to].push_back(from);
  Json columns = Json::array();
  for (auto& [to, from] : by_target) {
    columns.push_back({{"fromColumns", std::move(from)}, {"toColumn", to}, {"function", nullptr}});
  }
  Json pipeline = nullptr, sql = nullptr;
  for (const std::string& p : e.provenance) {
    constexpr std::string_view kPrefix = "openlineage:";
    if (!p.starts_with(kPrefix)) continue;
    // The job's pipeline asset: <service>."<name>", found by trying each '/' of "<ns>/<name>".
    std::string_view key = std::string_view(p).substr(kPrefix.size());
    key = key.substr(0, key.find('#'));
    for (size_t slash = key.find('/'); slash != std::string_view::npos && pipeline.is_null();
         slash = key.find('/', slash + 1)) {
      Result<std::string> fqn =
          openlineage::JobFqn(key.substr(0, slash), key.substr(slash + 1), namespaces);
      if (!fqn.ok() || c.KindOf(*fqn) != model::AssetKind::kPipeline) continue;
      pipeline = EntityReference(c, *fqn, model::AssetKind::kPipeline);
      if (Result<model::Asset> a = c.GetAsset(*fqn); a.ok() && a->properties.count("sql")) {
        sql = a->properties.at("sql");
      }
    }
    if (!pipeline.is_null()) break;
  }
  return {{"sqlQuery", std::move(sql)},
          {"columnsLineage", std::move(columns)},
          {"pipeline", std::move(pipeline)}};
}

}  // namespace

std::string OpenMetadataId(std::string_view fqn) {
  return UuidV5(kUuidNamespaceUrl, "linea:" + std::string(fqn));
}

std::optional<model::AssetKind> OpenMetadataKind(std::string_view entity_type) {
  if (entity_type == "table") return model::AssetKind::kTable;
  if (entity_type == "topic") return model::AssetKind::kTopic;
  if (entity_type == "dashboard") return model::AssetKind::kDashboard;
  if (entity_type == "pipeline") return model::AssetKind::kPipeline;
  if (entity_type == "mlmodel") return model::AssetKind::kModel;
  return std::nullopt;
}

Reply OpenMetadataLineage(const catalog::Catalog& c, const openlineage::NamespaceMap& namespaces,
                          std::string_view entity_type, std::string_view requested,
                          uint32_t upstream_depth, uint32_t downstream_depth) {
  std::optional<model::AssetKind> kind = OpenMetadataKind(entity_type);
  if (!kind) {
    return Error(
        InvalidArgumentError("entityType: expected table, topic, dashboard, pipeline or "
                             "mlmodel, got \"" +
                             std::string(entity_type) + "\""));
  }
  const std::string fqn = c.Resolve(requested);
  std::optional<model::AssetKind> actual = c.KindOf(fqn);
  if (!actual) return Error(c.UnknownAsset(requested));
  if (*actual != *kind) {
    // OpenMetadata answers an FQN of another entity type as not found, naming the type.
    const std::string other = EntityType(*actual);
    const bool routed = OpenMetadataKind(other).has_value();
    return Error(NotFoundError(std::string(entity_type) + " instance for " + fqn +
                               " not found (it is a " + std::string(model::KindName(*actual)) +
                               (routed ? "; ask /api/v1/lineage/" + other + "/name/" + fqn : "") +
                               ")"));
  }
  return c.ReadConsistent([&]() -> Reply {
    graph::LineageViewOptions options;
    options.max_depth = downstream_depth;
    options.max_upstream_depth = upstream_depth;
    options.max_nodes = 10000;
    options.with_parts = true;  // lineageDetails.columnsLineage
    Result<graph::LineageView> view = c.Lineage(fqn, options);
    if (!view.ok()) return Error(view.status());
    std::map<std::string, int> side;
    Json nodes = Json::array();
    for (const graph::ViewNode& n : view->nodes) {
      side[n.fqn] = n.side;
      if (n.fqn != view->root_fqn) nodes.push_back(EntityReference(c, n.fqn, n.kind));
    }
    Json upstream = Json::array(), downstream = Json::array();
    for (const graph::ViewEdge& e : view->edges) {
      Json edge = {{"fromEntity", OpenMetadataId(e.from)},
                   {"toEntity", OpenMetadataId(e.to)},
                   {"lineageDetails", LineageDetails(c, namespaces, e)}};
      (side[e.to] > 0 ? downstream : upstream).push_back(std::move(edge));
    }
    return Ok({{"entity", EntityReference(c, view->root_fqn, view->root_kind)},
               {"nodes", std::move(nodes)},
               {"upstreamEdges", std::move(upstream)},
               {"downstreamEdges", std::move(downstream)}});
  });
}

}  // namespace linea::api
