// Catalog documents ⇄ JSON (json_codec.h).
#include <map>
#include <set>

#include "codec/json_codec.h"
#include "common/status_macros.h"
#include "contacts/redact.h"
#include "model/fqn.h"

namespace linea::codec {
namespace {

using model::AssetKind;

Status TypeError(const std::string& path, std::string_view want) {
  return InvalidArgumentError(path + ": expected " + std::string(want));
}

Result<std::string> GetString(const Json& obj, const char* key, const std::string& path,
                              bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) return InvalidArgumentError(path + "." + key + ": missing");
    return std::string();
  }
  if (!it->is_string()) return TypeError(path + "." + key, "a string");
  return it->get<std::string>();
}

Result<std::vector<std::string>> GetStrings(const Json& obj, const char* key,
                                            const std::string& path) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) return TypeError(path + "." + key, "an array of strings");
  for (size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_string()) {
      return TypeError(path + "." + key + "[" + std::to_string(i) + "]", "a string");
    }
    out.push_back((*it)[i].get<std::string>());
  }
  return out;
}

Result<std::map<std::string, std::string>> GetProperties(const Json& obj, const std::string& path) {
  std::map<std::string, std::string> out;
  auto it = obj.find("properties");
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_object()) return TypeError(path + ".properties", "an object");
  for (auto& [k, v] : it->items()) {
    if (v.is_string()) {
      out[k] = v.get<std::string>();
    } else if (v.is_primitive() && !v.is_null()) {
      out[k] = v.dump();
    } else {
      return TypeError(path + ".properties." + k, "a string, number or boolean");
    }
  }
  return out;
}

Status CheckObject(const Json& json, const std::string& path) {
  return json.is_object() ? Status() : TypeError(path, "an object");
}

// Fields shared by assets and their column/feature shorthands.
Status DecodeCommon(const Json& j, const std::string& path, model::Asset* a) {
  LINEA_ASSIGN_OR_RETURN(a->description, GetString(j, "description", path, false));
  LINEA_ASSIGN_OR_RETURN(a->domain, GetString(j, "domain", path, false));
  LINEA_ASSIGN_OR_RETURN(a->owners, GetStrings(j, "owners", path));
  LINEA_ASSIGN_OR_RETURN(a->tags, GetStrings(j, "tags", path));
  LINEA_ASSIGN_OR_RETURN(a->properties, GetProperties(j, path));
  LINEA_ASSIGN_OR_RETURN(a->data_type, GetString(j, "type", path, false));
  return Status();
}

Status DecodeChildren(const Json& j, const std::string& path, const model::Asset& parent,
                      const char* key, AssetKind kind, std::vector<model::Asset>* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status();
  if (!it->is_array()) return TypeError(path + "." + key, "an array");
  for (size_t i = 0; i < it->size(); ++i) {
    std::string child_path = path + "." + key + "[" + std::to_string(i) + "]";
    const Json& c = (*it)[i];
    LINEA_RETURN_IF_ERROR(CheckObject(c, child_path));
    LINEA_ASSIGN_OR_RETURN(std::string name, GetString(c, "name", child_path, true));
    if (name.empty()) return InvalidArgumentError(child_path + ".name: empty");
    model::Asset child;
    child.fqn = model::JoinFqn(parent.fqn, name);
    child.kind = kind;
    LINEA_RETURN_IF_ERROR(DecodeCommon(c, child_path, &child));
    out->push_back(std::move(child));
  }
  return Status();
}

Status DecodeAsset(const Json& j, const std::string& path, std::vector<model::Asset>* out) {
  LINEA_RETURN_IF_ERROR(CheckObject(j, path));
  model::Asset a;
  LINEA_ASSIGN_OR_RETURN(std::string fqn, GetString(j, "fqn", path, true));
  Result<std::string> canonical = model::CanonicalFqn(fqn);
  if (!canonical.ok()) return canonical.status().WithPrefix(path + ".fqn");
  a.fqn = *canonical;
  LINEA_ASSIGN_OR_RETURN(std::string kind, GetString(j, "kind", path, true));
  std::optional<AssetKind> parsed = model::ParseKind(kind);
  if (!parsed) {
    return InvalidArgumentError(path + ".kind: unknown kind \"" + kind +
                                "\" (one of service, table, column, topic, dashboard, pipeline, "
                                "model, feature, deployment)");
  }
  a.kind = *parsed;
  LINEA_RETURN_IF_ERROR(DecodeCommon(j, path, &a));
  out->push_back(a);
  LINEA_RETURN_IF_ERROR(DecodeChildren(j, path, a, "columns", AssetKind::kColumn, out));
  return DecodeChildren(j, path, a, "features", AssetKind::kFeature, out);
}

Result<model::Edge> DecodeEdge(const Json& j, const std::string& path) {
  LINEA_RETURN_IF_ERROR(CheckObject(j, path));
  model::Edge e;
  LINEA_ASSIGN_OR_RETURN(e.from, GetString(j, "from", path, true));
  LINEA_ASSIGN_OR_RETURN(e.to, GetString(j, "to", path, true));
  LINEA_ASSIGN_OR_RETURN(std::string kind, GetString(j, "kind", path, false));
  std::optional<model::EdgeKind> k = model::ParseEdgeKind(kind);
  if (!k) {
    return InvalidArgumentError(path + ".kind: unknown edge kind \"" + kind +
                                "\" (one of identity, transformation, aggregation, indirect)");
  }
  e.kind = *k;
  LINEA_ASSIGN_OR_RETURN(e.transform, GetString(j, "transform", path, false));
  LINEA_ASSIGN_OR_RETURN(e.provenance, GetString(j, "provenance", path, false));
  for (std::string* end : {&e.from, &e.to}) {
    Result<std::string> canonical = model::CanonicalFqn(*end);
    if (!canonical.ok()) return canonical.status().WithPrefix(path);
    *end = *canonical;
  }
  return e;
}

template <typename F>
Status ForEachIn(const Json& doc, const char* key, F&& f) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return Status();
  if (!it->is_array()) return TypeError(key, "an array");
  for (size_t i = 0; i < it->size(); ++i) {
    LINEA_RETURN_IF_ERROR(f((*it)[i], std::string(key) + "[" + std::to_string(i) + "]"));
  }
  return Status();
}

// {"name", "description"?, "contacts"?: [{"type", <string fields>…}]}: a team or a user.
Status DecodeContactHolder(const Json& j, const std::string& path, std::string* name,
                           std::string* description, std::vector<model::Contact>* contacts) {
  LINEA_RETURN_IF_ERROR(CheckObject(j, path));
  LINEA_ASSIGN_OR_RETURN(*name, GetString(j, "name", path, true));
  LINEA_ASSIGN_OR_RETURN(*description, GetString(j, "description", path, false));
  auto it = j.find("contacts");
  if (it == j.end() || it->is_null()) return Status();
  if (!it->is_array()) return TypeError(path + ".contacts", "an array");
  for (size_t i = 0; i < it->size(); ++i) {
    std::string cpath = path + ".contacts[" + std::to_string(i) + "]";
    const Json& c = (*it)[i];
    LINEA_RETURN_IF_ERROR(CheckObject(c, cpath));
    model::Contact contact;
    LINEA_ASSIGN_OR_RETURN(contact.type, GetString(c, "type", cpath, true));
    for (auto& [k, v] : c.items()) {
      if (k == "type") continue;
      if (!v.is_string()) return TypeError(cpath + "." + k, "a string");
      contact.fields[k] = v.get<std::string>();
    }
    contacts->push_back(std::move(contact));
  }
  return Status();
}

}  // namespace

Result<model::Team> DecodeTeam(const Json& j, const std::string& path) {
  model::Team t;
  LINEA_RETURN_IF_ERROR(DecodeContactHolder(j, path, &t.name, &t.description, &t.contacts));
  return t;
}

Result<model::User> DecodeUser(const Json& j, const std::string& path) {
  model::User u;
  LINEA_RETURN_IF_ERROR(DecodeContactHolder(j, path, &u.name, &u.description, &u.contacts));
  return u;
}

Result<model::CatalogDocument> DecodeDocument(const Json& doc) {
  if (!doc.is_object()) return TypeError("document", "a JSON object");
  model::CatalogDocument out;
  LINEA_ASSIGN_OR_RETURN(out.provenance, GetString(doc, "provenance", "document", false));
  LINEA_RETURN_IF_ERROR(ForEachIn(doc, "teams", [&](const Json& j, const std::string& path) {
    LINEA_ASSIGN_OR_RETURN(model::Team t, DecodeTeam(j, path));
    out.teams.push_back(std::move(t));
    return Status();
  }));
  LINEA_RETURN_IF_ERROR(ForEachIn(doc, "users", [&](const Json& j, const std::string& path) {
    LINEA_ASSIGN_OR_RETURN(model::User u, DecodeUser(j, path));
    out.users.push_back(std::move(u));
    return Status();
  }));
  LINEA_RETURN_IF_ERROR(ForEachIn(doc, "assets", [&](const Json& j, const std::string& path) {
    return DecodeAsset(j, path, &out.assets);
  }));
  LINEA_RETURN_IF_ERROR(ForEachIn(doc, "edges", [&](const Json& j, const std::string& path) {
    LINEA_ASSIGN_OR_RETURN(model::Edge e, DecodeEdge(j, path));
    out.edges.push_back(std::move(e));
    return Status();
  }));
  return out;
}

Result<Json> ParseJson(std::string_view text) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    return InvalidArgumentError(std::string("malformed JSON: ") + e.what());
  }
}

Result<model::CatalogDocument> DecodeDocument(std::string_view json) {
  LINEA_ASSIGN_OR_RETURN(Json doc, ParseJson(json));
  return DecodeDocument(doc);
}

// ---------------------------------------------------------------- encoding

namespace {

void EncodeCommon(const model::Asset& a, Json* j) {
  if (!a.description.empty()) (*j)["description"] = a.description;
  if (!a.data_type.empty()) (*j)["type"] = a.data_type;
  if (!a.domain.empty()) (*j)["domain"] = a.domain;
  if (!a.owners.empty()) (*j)["owners"] = a.owners;
  if (!a.tags.empty()) (*j)["tags"] = a.tags;
  if (!a.properties.empty()) (*j)["properties"] = a.properties;
}

}  // namespace

Json EncodeRun(const model::RunRecord& r) {
  Json j = {{"job", r.job}, {"run_id", r.run_id}, {"state", r.state}, {"event_time", r.event_time}};
  if (!r.error_message.empty()) j["error_message"] = r.error_message;
  if (!r.failed_assertions.empty()) j["failed_assertions"] = r.failed_assertions;
  if (!r.quality_json.empty()) {
    Json quality = Json::parse(r.quality_json, nullptr, /*allow_exceptions=*/false);
    if (!quality.is_discarded()) j["quality"] = std::move(quality);
  }
  return j;
}

Json EncodeAsset(const model::Asset& a) {
  Json j;
  j["fqn"] = a.fqn;
  j["kind"] = model::KindName(a.kind);
  EncodeCommon(a, &j);
  return j;
}

Json EncodeContact(const model::Contact& contact, bool redact_secrets) {
  const model::Contact& shown = redact_secrets ? contacts::RedactContact(contact) : contact;
  Json j;
  j["type"] = shown.type;
  for (const auto& [k, v] : shown.fields) j[k] = v;
  return j;
}

Json RedactContactsJson(const Json& contacts) {
  if (!contacts.is_array()) return contacts;
  Json out = Json::array();
  for (const Json& c : contacts) {
    if (!c.is_object()) {
      out.push_back(c);
      continue;
    }
    model::Contact contact;
    contact.type = c.value("type", "");
    Json kept = Json::object();
    for (const auto& [k, v] : c.items()) {
      if (k == "type") continue;
      if (v.is_string()) {
        contact.fields[k] = v.get<std::string>();
      } else {
        kept[k] = v;
      }
    }
    Json j = EncodeContact(contact, /*redact_secrets=*/true);
    for (const auto& [k, v] : kept.items()) j[k] = v;
    out.push_back(std::move(j));
  }
  return out;
}

namespace {

template <typename Holder>
Json EncodeContactHolder(const Holder& h, bool redact_secrets) {
  Json j;
  j["name"] = h.name;
  if (!h.description.empty()) j["description"] = h.description;
  Json contacts = Json::array();
  for (const model::Contact& c : h.contacts) contacts.push_back(EncodeContact(c, redact_secrets));
  j["contacts"] = std::move(contacts);
  return j;
}

}  // namespace

Json EncodeTeam(const model::Team& t, bool redact_secrets) {
  return EncodeContactHolder(t, redact_secrets);
}

Json EncodeUser(const model::User& u, bool redact_secrets) {
  return EncodeContactHolder(u, redact_secrets);
}

Json EncodeDocument(const model::CatalogDocument& doc, bool redact_secrets) {
  // Children (columns, features) nest under their parent when the parent is in the document.
  std::map<std::string, size_t> index;
  Json assets = Json::array();
  for (const model::Asset& a : doc.assets) {
    bool child = model::IsChildOfPrefix(a.kind);
    if (child) {
      Result<model::Fqn> fqn = model::Fqn::Parse(a.fqn);
      auto parent = fqn.ok() && fqn->size() > 1 ? index.find(fqn->Prefix().ToString())
                                                : index.end();
      if (parent != index.end()) {
        Json c;
        c["name"] = fqn->name();
        EncodeCommon(a, &c);
        const char* key = a.kind == AssetKind::kFeature ? "features" : "columns";
        assets[parent->second][key].push_back(std::move(c));
        continue;
      }
    }
    index[a.fqn] = assets.size();
    assets.push_back(EncodeAsset(a));
  }
  Json teams = Json::array();
  for (const model::Team& t : doc.teams) teams.push_back(EncodeTeam(t, redact_secrets));
  Json edges = Json::array();
  for (const model::Edge& e : doc.edges) {
    Json ej;
    ej["from"] = e.from;
    ej["to"] = e.to;
    if (e.kind != model::EdgeKind::kUnspecified) ej["kind"] = model::EdgeKindName(e.kind);
    if (!e.transform.empty()) ej["transform"] = e.transform;
    if (!e.provenance.empty()) ej["provenance"] = e.provenance;
    edges.push_back(std::move(ej));
  }
  Json out;
  out["teams"] = std::move(teams);
  if (!doc.users.empty()) {  // documents without users stay as they were before users existed
    Json users = Json::array();
    for (const model::User& u : doc.users) users.push_back(EncodeUser(u, redact_secrets));
    out["users"] = std::move(users);
  }
  out["assets"] = std::move(assets);
  out["edges"] = std::move(edges);
  if (!doc.provenance.empty()) out["provenance"] = doc.provenance;
  return out;
}

Json EncodeError(const Status& status) {
  Json err;
  err["code"] = CodeName(status.code());
  err["message"] = status.message();
  if (!status.candidates().empty()) {
    err["details"] = {{"candidates", status.candidates()}};
  } else {
    err["details"] = nullptr;
  }
  Json out;
  out["error"] = std::move(err);
  return out;
}

}  // namespace linea::codec
