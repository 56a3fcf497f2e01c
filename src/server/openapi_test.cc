// Consistency of the OpenAPI document (src/server/openapi.json) with the router's route table:
// nothing registered is undocumented, nothing documented is stale, and the document is
// internally sound (path parameters declared, every $ref resolves, writes declare bearerAuth).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "server/http_server.h"
#include "server/openapi.h"
#include "server/router.h"

namespace linea::server {
namespace {

using Json = nlohmann::json;

const std::set<std::string> kMethods = {"get",   "put",  "post",    "delete",
                                        "patch", "head", "options", "trace"};

// j[key] without inserting or undefined behaviour: null when j is not an object or lacks key.
const Json& At(const Json& j, const std::string& key) {
  static const Json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

// The string at j[key]; "" when absent or not a string.
std::string Str(const Json& j, const std::string& key) {
  const Json& v = At(j, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* AccessName(Access access) {
  switch (access) {
    case Access::kPublic:
      return "public";
    case Access::kRead:
      return "read";
    case Access::kWrite:
      return "write";
    case Access::kAdmin:
      return "admin";
  }
  return "?";
}

// "{fqn}" names in a path template, in order.
std::vector<std::string> TemplateParams(const std::string& pattern) {
  std::vector<std::string> names;
  for (size_t open = pattern.find('{'); open != std::string::npos;
       open = pattern.find('{', open + 1)) {
    size_t close = pattern.find('}', open);
    if (close == std::string::npos) break;
    names.push_back(pattern.substr(open + 1, close - open - 1));
  }
  return names;
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    doc_ = Json::parse(OpenApiDocument(), nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(doc_.is_discarded()) << "openapi.json is not valid JSON";
    ASSERT_TRUE(doc_.is_object());
    ASSERT_TRUE(doc_.contains("paths") && doc_["paths"].is_object());
  }

  // Follows a local "$ref" (one level at a time, as often as needed); other nodes unchanged.
  const Json& Resolve(const Json& node) const {
    const Json* cur = &node;
    for (int hops = 0; hops < 16 && cur->is_object() && cur->contains("$ref"); ++hops) {
      std::string ref = (*cur)["$ref"].get<std::string>();
      if (ref.rfind('#', 0) != 0) break;
      Json::json_pointer ptr(ref.substr(1));
      if (!doc_.contains(ptr)) break;
      cur = &doc_.at(ptr);
    }
    return *cur;
  }

  // Every (path, method) operation in the document.
  std::set<std::pair<std::string, std::string>> Operations() const {
    std::set<std::pair<std::string, std::string>> ops;
    for (const auto& [path, item] : doc_["paths"].items()) {
      for (const auto& [key, op] : item.items()) {
        if (kMethods.count(key)) ops.insert({path, key});
      }
    }
    return ops;
  }

  // Names of the path parameters an operation declares (path-level and operation-level).
  std::multiset<std::string> PathParams(const std::string& path, const std::string& method) const {
    std::multiset<std::string> names;
    const Json& item = At(At(doc_, "paths"), path);
    for (const Json* list : {&item, &At(item, method)}) {
      for (const Json& p : At(*list, "parameters")) {
        const Json& param = Resolve(p);
        if (Str(param, "in") != "path") continue;
        EXPECT_EQ(At(param, "required"), Json(true)) << path << " " << method << ": path parameter "
                                                     << Str(param, "name") << " must be required";
        names.insert(Str(param, "name"));
      }
    }
    return names;
  }

  Json doc_;
};

TEST_F(OpenApiTest, IsOpenApi3WithInfoAndPaths) {
  ASSERT_TRUE(doc_.contains("openapi"));
  EXPECT_EQ(doc_["openapi"].get<std::string>().rfind("3.", 0), 0u) << doc_["openapi"];
  ASSERT_TRUE(doc_.contains("info"));
  EXPECT_EQ(Str(doc_["info"], "title"), "linea");
  EXPECT_FALSE(Str(doc_["info"], "version").empty());
  EXPECT_FALSE(doc_["paths"].empty());
}

TEST_F(OpenApiTest, EveryRegisteredRouteIsDocumented) {
  for (const RouteInfo& route : Router::Routes()) {
    std::string method = Lower(route.method);
    const Json& item = At(doc_["paths"], route.pattern);
    ASSERT_TRUE(item.is_object()) << "undocumented path " << route.pattern;
    EXPECT_TRUE(item.contains(method)) << "undocumented " << route.method << " " << route.pattern;
  }
}

TEST_F(OpenApiTest, EveryDocumentedOperationIsRegistered) {
  std::set<std::pair<std::string, std::string>> registered;
  for (const RouteInfo& route : Router::Routes()) {
    registered.insert({route.pattern, Lower(route.method)});
  }
  for (const auto& op : Operations()) {
    EXPECT_TRUE(registered.count(op))
        << "stale: " << op.second << " " << op.first << " is documented but not registered";
  }
  EXPECT_EQ(Operations().size(), registered.size());
}

TEST_F(OpenApiTest, PathTemplateParametersAreDeclared) {
  for (const auto& [path, method] : Operations()) {
    std::vector<std::string> in_template = TemplateParams(path);
    std::multiset<std::string> declared = PathParams(path, method);
    EXPECT_EQ(declared, std::multiset<std::string>(in_template.begin(), in_template.end()))
        << method << " " << path << ": path parameters differ from the template";
  }
}

TEST_F(OpenApiTest, EveryRefResolves) {
  std::vector<std::string> refs;
  std::vector<const Json*> stack = {&doc_};
  while (!stack.empty()) {
    const Json* node = stack.back();
    stack.pop_back();
    if (node->is_object() && node->contains("$ref") && (*node)["$ref"].is_string()) {
      refs.push_back((*node)["$ref"].get<std::string>());
    }
    if (node->is_structured()) {
      for (const Json& child : *node) stack.push_back(&child);
    }
  }
  EXPECT_FALSE(refs.empty());
  for (const std::string& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << "non-local $ref " << ref;
    EXPECT_TRUE(doc_.contains(Json::json_pointer(ref.substr(1)))) << "dangling $ref " << ref;
  }
}

TEST_F(OpenApiTest, BearerAuthSchemeIsDefined) {
  const Json& scheme = At(At(At(doc_, "components"), "securitySchemes"), "bearerAuth");
  EXPECT_EQ(Str(scheme, "type"), "http");
  EXPECT_EQ(Str(scheme, "scheme"), "bearer");
}

// Writes and token administration need a token: every alternative names bearerAuth. Open
// routes allow anonymous calls ({} among the alternatives). x-linea-access mirrors Access.
TEST_F(OpenApiTest, SecurityMatchesRouteAccess) {
  for (const RouteInfo& route : Router::Routes()) {
    const Json& op = At(At(doc_["paths"], route.pattern), Lower(route.method));
    std::string where = route.method + " " + route.pattern;
    EXPECT_EQ(Str(op, "x-linea-access"), AccessName(route.access)) << where;
    const Json& security = At(op, "security");
    ASSERT_TRUE(security.is_array()) << where;
    bool anonymous = false, bearer = false;
    for (const Json& requirement : security) {
      if (requirement.empty()) anonymous = true;
      if (requirement.contains("bearerAuth")) bearer = true;
    }
    EXPECT_TRUE(bearer) << where << " must accept bearerAuth";
    bool needs_token = route.access == Access::kWrite || route.access == Access::kAdmin;
    EXPECT_EQ(anonymous, !needs_token) << where;
    if (needs_token) {
      EXPECT_TRUE(At(op, "responses").contains("401")) << where;
      EXPECT_TRUE(At(op, "responses").contains("403")) << where;
    }
  }
}

// A success response: 200, or 201 for operations that create (POST /api/v1/lineage).
TEST_F(OpenApiTest, OperationsHaveUniqueIdsAndASuccessResponse) {
  std::set<std::string> ids;
  for (const auto& [path, method] : Operations()) {
    const Json& op = At(At(doc_["paths"], path), method);
    std::string id = Str(op, "operationId");
    EXPECT_FALSE(id.empty()) << method << " " << path;
    EXPECT_TRUE(ids.insert(id).second) << "duplicate operationId " << id;
    const Json& responses = At(op, "responses");
    EXPECT_TRUE(responses.contains("200") || responses.contains("201")) << method << " " << path;
  }
}

// Error responses carry the shared Error body.
TEST_F(OpenApiTest, ErrorResponsesUseTheErrorSchema) {
  for (const auto& [path, method] : Operations()) {
    const Json& responses = At(At(At(doc_["paths"], path), method), "responses");
    for (const auto& [status, response] : responses.items()) {
      if (status[0] != '4' && status[0] != '5') continue;
      const Json& schema = At(At(At(Resolve(response), "content"), "application/json"), "schema");
      EXPECT_EQ(Str(schema, "$ref"), "#/components/schemas/Error")
          << method << " " << path << " " << status;
    }
  }
}

// Every operation but /healthz and /metrics is rate-limited (http_server.cc Throttle): each
// lists 429 with its Retry-After header; those two never do.
TEST_F(OpenApiTest, RateLimitedOperationsDocument429WithRetryAfter) {
  for (const auto& [path, method] : Operations()) {
    const Json& responses = At(At(At(doc_["paths"], path), method), "responses");
    const bool limited = path != "/healthz" && path != "/metrics";
    EXPECT_EQ(responses.contains("429"), limited) << method << " " << path;
    if (!limited || !responses.contains("429")) continue;
    const Json& retry_after = At(At(Resolve(responses["429"]), "headers"), "Retry-After");
    EXPECT_EQ(Str(At(retry_after, "schema"), "type"), "integer") << method << " " << path;
  }
}

}  // namespace
}  // namespace linea::server
