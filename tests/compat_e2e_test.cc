// End-to-end: the compatible reads (docs/compat.md) over real HTTP on a real SQLite catalog —
// Marquez's GET /api/v1/lineage?nodeId=&depth= — against the recorded reference shapes of
// tests/data/compat/, real OpenLineage events of tests/data/openlineage/, and linea's own
// impact, upstream and lineage answers for the same graph.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "codec/json_codec.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/test_server.h"

namespace linea {
namespace {

using codec::Json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::TestServer;
using ::testing::UnorderedElementsAre;

std::string Data(const std::string& path) {
  return testing::ReadFile(std::string(LINEA_SOURCE_DIR_DEFAULT) + "/tests/data/" + path);
}

std::string JsonType(const Json& j) {
  if (j.is_number()) return "number";
  return j.type_name();
}

// Objects the references define as maps of any keys (`additionalProperties`): Marquez's
// `facets` and `context`.
bool IsMap(const std::string& path) {
  return path.ends_with(".facets") || path.ends_with(".context");
}

// Where `actual` departs from the recorded `expected` shape (tests/data/compat/README.md): an
// object has exactly the recorded keys, unless it is a map (IsMap) or recorded empty; an empty
// recorded array takes any content; a recorded array's first element is the shape of every
// element; a recorded null takes any type, and an actual null stands for a value linea does
// not know.
void ShapeDiff(const Json& expected, const Json& actual, const std::string& path,
               std::vector<std::string>* diffs) {
  if (expected.is_null() || actual.is_null()) return;
  if (JsonType(expected) != JsonType(actual)) {
    diffs->push_back(path + ": " + JsonType(actual) + " instead of " + JsonType(expected));
    return;
  }
  if (expected.is_object() && !expected.empty() && !IsMap(path)) {
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) {
        diffs->push_back(path + "." + key + ": missing");
      } else {
        ShapeDiff(value, actual[key], path + "." + key, diffs);
      }
    }
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key)) diffs->push_back(path + "." + key + ": not in the reference");
    }
  } else if (expected.is_array() && !expected.empty()) {
    for (size_t i = 0; i < actual.size(); ++i) {
      ShapeDiff(expected[0], actual[i], path + "[" + std::to_string(i) + "]", diffs);
    }
  }
}

// OpenMetadata serializes without nulls: an answer object's keys must be among the recorded
// ones (the schema's, tests/data/compat/README.md), each compared as ShapeDiff does.
void SubsetShapeDiff(const Json& expected, const Json& actual, const std::string& path,
                     std::vector<std::string>* diffs) {
  if (expected.is_null() || actual.is_null()) return;
  if (JsonType(expected) != JsonType(actual)) {
    diffs->push_back(path + ": " + JsonType(actual) + " instead of " + JsonType(expected));
    return;
  }
  if (expected.is_object()) {
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key)) {
        diffs->push_back(path + "." + key + ": not in the reference");
      } else {
        SubsetShapeDiff(expected[key], value, path + "." + key, diffs);
      }
    }
  } else if (expected.is_array() && !expected.empty()) {
    for (size_t i = 0; i < actual.size(); ++i) {
      SubsetShapeDiff(expected[0], actual[i], path + "[" + std::to_string(i) + "]", diffs);
    }
  }
}

Json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response";
  if (!r) return Json();
  return Json::parse(r->body, nullptr, false);
}

// The node of `graph` with `id`; null when absent.
Json NodeById(const Json& graph, const std::string& id) {
  for (const Json& n : graph["graph"]) {
    if (n["id"] == id) return n;
  }
  return Json();
}

std::set<std::string> Ids(const Json& graph) {
  std::set<std::string> ids;
  for (const Json& n : graph["graph"]) ids.insert(n["id"].get<std::string>());
  return ids;
}

// FQNs of the DATASET nodes (data.physicalName).
std::set<std::string> DatasetFqns(const Json& graph) {
  std::set<std::string> fqns;
  for (const Json& n : graph["graph"]) {
    if (n["type"] == "DATASET") fqns.insert(n["data"]["physicalName"].get<std::string>());
  }
  return fqns;
}

std::vector<std::string> Destinations(const Json& node) {
  std::vector<std::string> out;
  for (const Json& e : node["outEdges"]) out.push_back(e["destination"].get<std::string>());
  return out;
}

constexpr char kT1[] = "dataset:hive://dataproc-producer-test-m:9083:default.t1";
constexpr char kJob[] =
    "job:default:cl_i_test_application.execute_insert_into_hive_table.warehouse_t2";

// hive.db.t0 → t1 → … → t5 column to column, t5.a → the model mlflow.m's feature f.
constexpr char kChain[] = R"({
  "teams": [{"name": "geo"}],
  "assets": [
    {"fqn": "hive.db.t0", "kind": "table", "description": "the source", "owners": ["team:geo"],
     "tags": ["raw"], "columns": [{"name": "a", "type": "string", "description": "key"}]},
    {"fqn": "hive.db.t1", "kind": "table", "columns": [{"name": "a", "type": "string"}]},
    {"fqn": "hive.db.t2", "kind": "table", "columns": [{"name": "a", "type": "string"}]},
    {"fqn": "hive.db.t3", "kind": "table", "columns": [{"name": "a", "type": "string"}]},
    {"fqn": "hive.db.t4", "kind": "table", "columns": [{"name": "a", "type": "string"}]},
    {"fqn": "hive.db.t5", "kind": "table", "columns": [{"name": "a", "type": "string"}]},
    {"fqn": "mlflow.m", "kind": "model", "features": [{"name": "f", "type": "double"}]}],
  "edges": [
    {"from": "hive.db.t0.a", "to": "hive.db.t1.a"}, {"from": "hive.db.t1.a", "to": "hive.db.t2.a"},
    {"from": "hive.db.t2.a", "to": "hive.db.t3.a"}, {"from": "hive.db.t3.a", "to": "hive.db.t4.a"},
    {"from": "hive.db.t4.a", "to": "hive.db.t5.a"}, {"from": "hive.db.t5.a", "to": "mlflow.m.f"}],
  "provenance": "test:chain"})";

class CompatServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    server::ServerOptions options;
    options.max_body_bytes = 1 << 20;
    server_ = std::make_unique<TestServer>(dir_ + "/linea.db", options, /*tiny_mesh=*/false);
    writer_ = *server_->app().tokens().Create("ci", auth::Role::kWriter, std::nullopt,
                                              catalog::Writer::Local("test"));
  }
  void Write(const std::string& method, const std::string& path, const std::string& body) {
    auto c = server_->Client(writer_);
    auto r = method == "PUT" ? c->Put(path, body, "application/json")
                             : c->Post(path, body, "application/json");
    ASSERT_TRUE(r);
    ASSERT_LT(r->status, 300) << r->body;
  }
  void PostSparkEvents() {
    Write("POST", "/api/v1/lineage",
          Data("openlineage/ct_spark_dataproc_simple_producer_test_1.json"));
    Write("POST", "/api/v1/lineage",
          Data("openlineage/ct_spark_dataproc_simple_producer_test_4.json"));
  }
  httplib::Result Marquez(const std::string& node_id, const std::string& depth = "") {
    httplib::Params params = {{"nodeId", node_id}};
    if (!depth.empty()) params.emplace("depth", depth);
    return server_->Client()->Get("/api/v1/lineage", params, httplib::Headers{});
  }

  std::string dir_, writer_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(CompatServerTest, MarquezAnswerHasTheShapeOfMarquezsReference) {
  PostSparkEvents();
  const Json reference = Json::parse(Data("compat/marquez_lineage_graph.json"));
  auto r = Marquez(kT1);
  ASSERT_EQ(r->status, 200) << r->body;
  const Json answer = Body(r);
  std::set<std::string> types;
  for (const Json& node : answer["graph"]) {
    types.insert(node["type"].get<std::string>());
    const Json& recorded = reference["graph"][node["type"] == "JOB" ? 1 : 0];
    std::vector<std::string> diffs;
    ShapeDiff(recorded, node, node["id"].get<std::string>(), &diffs);
    EXPECT_THAT(diffs, ::testing::IsEmpty()) << node.dump(2);
  }
  EXPECT_THAT(types, UnorderedElementsAre("DATASET", "JOB"));
  std::vector<std::string> diffs;
  ShapeDiff(Json{{"graph", Json::array()}}, answer, "$", &diffs);  // nothing beside "graph"
  EXPECT_THAT(diffs, ::testing::IsEmpty());
}

// Spark's events name t1 by its storage path and a symlink to the Hive table; Marquez clients
// ask by either, and by the job, as the events named them.
TEST_F(CompatServerTest, MarquezNodeIdResolvesThroughTheNamingTable) {
  PostSparkEvents();
  Json g = Body(Marquez(kT1));
  const std::string t2 = "dataset:linea:hive.default.t2";
  EXPECT_THAT(Ids(g), UnorderedElementsAre(kT1, kJob, t2));
  // The link the job asserts goes through the job.
  EXPECT_THAT(Destinations(NodeById(g, kT1)), ElementsAre(kJob));
  EXPECT_THAT(Destinations(NodeById(g, kJob)), ElementsAre(t2));
  EXPECT_EQ(NodeById(g, t2)["inEdges"], Json::parse(std::string(R"([{"origin": ")") + kJob +
                                                    R"(", "destination": ")" + t2 + R"("}])"));
  const Json t1 = NodeById(g, kT1)["data"];
  EXPECT_EQ(t1["id"], Json::parse(R"({"namespace": "hive://dataproc-producer-test-m:9083",
                                      "name": "default.t1"})"));
  EXPECT_EQ(t1["physicalName"], "hive.default.t1");
  EXPECT_EQ(t1["sourceName"], "hive");
  EXPECT_EQ(t1["type"], "DB_TABLE");
  std::vector<std::string> fields;
  for (const Json& f : t1["fields"]) fields.push_back(f["name"].get<std::string>());
  EXPECT_THAT(fields, ElementsAre("a", "b"));
  const Json job = NodeById(g, kJob)["data"];
  EXPECT_EQ(job["namespace"], "default");
  EXPECT_EQ(job["inputs"], Json::parse(R"([{"namespace": "hive://dataproc-producer-test-m:9083",
                                           "name": "default.t1"}])"));
  EXPECT_EQ(job["outputs"], Json::parse(R"([{"namespace": "linea", "name": "hive.default.t2"}])"));
  EXPECT_EQ(NodeById(g, t2)["data"]["lastModifiedAt"], "2024-10-17T09:18:29.267Z");

  // The storage path (an alias of the table) and the linea name answer with the same graph.
  const std::string by_path = "dataset:hdfs://dataproc-producer-test-m:/user/hive/warehouse/t1";
  Json g2 = Body(Marquez(by_path));
  EXPECT_THAT(DatasetFqns(g2), UnorderedElementsAre("hive.default.t1", "hive.default.t2"));
  EXPECT_EQ(NodeById(g2, by_path)["data"]["physicalName"], "hive.default.t1");
  EXPECT_THAT(DatasetFqns(Body(Marquez("dataset:linea:hive.default.t1"))),
              UnorderedElementsAre("hive.default.t1", "hive.default.t2"));
  // The job by its OpenLineage name.
  Json by_job = Body(Marquez(kJob));
  EXPECT_THAT(DatasetFqns(by_job), ::testing::Contains("hive.default.t2"));
  EXPECT_EQ(NodeById(by_job, kJob)["type"], "JOB");
}

TEST_F(CompatServerTest, MarquezDepthCountsTableHopsEachWay) {
  Write("PUT", "/api/v1/catalog", kChain);
  auto datasets = [&](const std::string& node, const std::string& depth) {
    auto r = Marquez(node, depth);
    EXPECT_EQ(r->status, 200) << r->body;
    return DatasetFqns(Body(r));
  };
  // Depth 4 reaches 4 hops down, where OpenMetadata's cap of 3 stops at t3.
  EXPECT_THAT(
      datasets("dataset:linea:hive.db.t0", "4"),
      UnorderedElementsAre("hive.db.t0", "hive.db.t1", "hive.db.t2", "hive.db.t3", "hive.db.t4"));
  EXPECT_THAT(datasets("dataset:linea:hive.db.t0", "0"), UnorderedElementsAre("hive.db.t0"));
  EXPECT_THAT(datasets("dataset:linea:hive.db.t3", "1"),
              UnorderedElementsAre("hive.db.t2", "hive.db.t3", "hive.db.t4"));
  // Default 20: everything, the model too (as a DATASET of type MODEL: Marquez has no models).
  Json all = Body(Marquez("dataset:linea:hive.db.t0"));
  EXPECT_EQ(DatasetFqns(all).size(), 7u);
  EXPECT_EQ(NodeById(all, "dataset:linea:mlflow.m")["data"]["type"], "MODEL");
  // No job asserts these links: dataset to dataset.
  EXPECT_THAT(Destinations(NodeById(all, "dataset:linea:hive.db.t0")),
              ElementsAre("dataset:linea:hive.db.t1"));
  const Json t0 = NodeById(all, "dataset:linea:hive.db.t0")["data"];
  EXPECT_EQ(t0["description"], "the source");
  EXPECT_EQ(t0["tags"], Json::parse(R"(["raw"])"));
  EXPECT_EQ(t0["facets"]["ownership"],
            Json::parse(R"({"owners": [{"name": "geo", "type": "team"}]})"));
  EXPECT_EQ(t0["fields"], Json::parse(R"([{"name": "a", "type": "string", "tags": [],
                                          "description": "key"}])"));
}

// The walk is linea's: the datasets reached are what impact and upstream reach (lifted to
// tables and models), and what GET /api/v1/lineage/{fqn} shows at the same depth.
TEST_F(CompatServerTest, MarquezReachesWhatImpactUpstreamAndLineageReach) {
  Write("PUT", "/api/v1/catalog", kChain);
  PostSparkEvents();
  auto c = server_->Client();
  for (const std::string& fqn :
       std::vector<std::string>{"hive.db.t2", "hive.default.t1", "hive.db.t5"}) {
    std::set<std::string> expected = {fqn};
    auto lift = [&](const Json& a) {
      std::string f = a["fqn"].get<std::string>();
      if (a["kind"] == "column" || a["kind"] == "feature") f = f.substr(0, f.rfind('.'));
      expected.insert(f);
    };
    Json impact = Body(c->Get("/api/v1/impact/" + fqn));
    for (const char* list : {"models", "dashboards", "deployments", "assets"}) {
      for (const Json& a : impact[list]) lift(a);
    }
    Json up = Body(c->Get("/api/v1/upstream/" + fqn));
    for (const Json& s : up["sources"]) lift(s);
    std::set<std::string> pipelines_dropped;
    for (const std::string& f : expected) {
      if (f.find("cl_i_test_application") == std::string::npos) pipelines_dropped.insert(f);
    }
    EXPECT_EQ(DatasetFqns(Body(Marquez("dataset:linea:" + fqn))), pipelines_dropped) << fqn;

    for (const std::string& depth : std::vector<std::string>{"1", "2", "4"}) {
      std::set<std::string> shown;
      const Json view = Body(c->Get("/api/v1/lineage/" + fqn + "?depth=" + depth));
      for (const Json& n : view["nodes"]) {
        if (n["kind"] != "pipeline") shown.insert(n["fqn"].get<std::string>());
      }
      EXPECT_EQ(DatasetFqns(Body(Marquez("dataset:linea:" + fqn, depth))), shown)
          << fqn << " depth " << depth;
    }
  }
}

TEST_F(CompatServerTest, MarquezErrorsAreLineaErrors) {
  PostSparkEvents();
  auto r = Marquez("dataset:hive://dataproc-producer-test-m:9083:default.t3");
  ASSERT_EQ(r->status, 404) << r->body;
  Json error = Body(r)["error"];
  EXPECT_EQ(error["code"], "not_found");
  EXPECT_THAT(error["message"].get<std::string>(), HasSubstr("hive.default.t3"));
  EXPECT_THAT(error["details"]["candidates"], ::testing::Contains("dataset:linea:hive.default.t1"));
  for (const std::string& depth : std::vector<std::string>{"-1", "x", "1.5"}) {
    r = Marquez(kT1, depth);
    ASSERT_EQ(r->status, 400) << depth;
    EXPECT_THAT(Body(r)["error"]["message"].get<std::string>(), HasSubstr("depth"));
  }
  EXPECT_EQ(server_->Client()->Get("/api/v1/lineage")->status, 400);  // no nodeId
  EXPECT_EQ(Marquez("table:hive.default.t1")->status, 400);
  // POST on the same path is still OpenLineage ingestion (and needs a writer).
  EXPECT_EQ(server_->Client()
                ->Post("/api/v1/lineage",
                       Data("openlineage/ct_spark_dataproc_simple_producer_test_4.json"),
                       "application/json")
                ->status,
            401);
}

// ---- OpenMetadata's GET /api/v1/lineage/{entityType}/name/{fqn}.

// Python's uuid.uuid5(uuid.NAMESPACE_URL, "linea:" + fqn), computed outside linea.
constexpr char kT0Id[] = "0e962d1e-c6d4-5538-915c-58e347c537d7";

std::set<std::string> Fqns(const Json& lineage) {
  std::set<std::string> fqns = {lineage["entity"]["fullyQualifiedName"].get<std::string>()};
  for (const Json& n : lineage["nodes"]) fqns.insert(n["fullyQualifiedName"].get<std::string>());
  return fqns;
}

// (from FQN, to FQN) of an edge list, through the nodes' ids.
std::vector<std::pair<std::string, std::string>> EdgeFqns(const Json& lineage, const char* list) {
  std::map<std::string, std::string> by_id = {
      {lineage["entity"]["id"].get<std::string>(),
       lineage["entity"]["fullyQualifiedName"].get<std::string>()}};
  for (const Json& n : lineage["nodes"]) {
    by_id[n["id"].get<std::string>()] = n["fullyQualifiedName"].get<std::string>();
  }
  std::vector<std::pair<std::string, std::string>> edges;
  for (const Json& e : lineage[list]) {
    edges.emplace_back(by_id[e["fromEntity"].get<std::string>()],
                       by_id[e["toEntity"].get<std::string>()]);
  }
  std::sort(edges.begin(), edges.end());
  return edges;
}

class OpenMetadataCompatTest : public CompatServerTest {
 protected:
  Json Lineage(const std::string& type, const std::string& fqn, const std::string& query = "",
               int status = 200) {
    auto r = server_->Client()->Get("/api/v1/lineage/" + type + "/name/" + fqn + query);
    EXPECT_TRUE(r);
    if (!r) return Json();
    EXPECT_EQ(r->status, status) << r->body;
    return Body(r);
  }
};

TEST_F(OpenMetadataCompatTest, AnswerHasTheShapeOfOpenMetadatasReference) {
  Write("PUT", "/api/v1/catalog", kChain);
  PostSparkEvents();
  const Json reference = Json::parse(Data("compat/openmetadata_entity_lineage.json"));
  for (const auto& [type, fqn] : std::vector<std::pair<std::string, std::string>>{
           {"table", "hive.default.t2"}, {"table", "hive.db.t2"}, {"mlmodel", "mlflow.m"}}) {
    const Json answer = Lineage(type, fqn, "?upstreamDepth=2&downstreamDepth=2");
    std::vector<std::string> diffs;
    SubsetShapeDiff(reference, answer, fqn, &diffs);
    EXPECT_THAT(diffs, ::testing::IsEmpty()) << answer.dump(2);
    // What OpenMetadata requires (entityReference.json, entityLineage.json) is always there.
    for (const char* key : {"entity", "nodes", "upstreamEdges", "downstreamEdges"}) {
      EXPECT_TRUE(answer.contains(key)) << key;
    }
    for (const char* key : {"id", "type"}) EXPECT_TRUE(answer["entity"].contains(key)) << key;
    for (const Json& e : answer["upstreamEdges"]) {
      EXPECT_TRUE(e.contains("fromEntity") && e.contains("toEntity")) << e.dump();
    }
    EXPECT_FALSE(answer["upstreamEdges"].empty()) << fqn;
  }
}

TEST_F(OpenMetadataCompatTest, ExactNodesEdgesColumnsAndStableIds) {
  Write("PUT", "/api/v1/catalog", kChain);
  // Default depths are 1 and 1, as OpenMetadata's.
  Json t2 = Lineage("table", "hive.db.t2");
  EXPECT_EQ(
      t2["entity"],
      Json::parse(R"({"id": "44c037c4-7ea3-5cd2-9731-d7d29005973d", "type": "table", "name": "t2",
      "fullyQualifiedName": "hive.db.t2", "description": null, "displayName": "t2",
      "deleted": false, "href": "/api/v1/assets/hive.db.t2"})"));
  EXPECT_THAT(Fqns(t2), UnorderedElementsAre("hive.db.t1", "hive.db.t2", "hive.db.t3"));
  EXPECT_THAT(EdgeFqns(t2, "upstreamEdges"),
              ElementsAre(std::pair<std::string, std::string>("hive.db.t1", "hive.db.t2")));
  EXPECT_THAT(EdgeFqns(t2, "downstreamEdges"),
              ElementsAre(std::pair<std::string, std::string>("hive.db.t2", "hive.db.t3")));
  EXPECT_EQ(t2["upstreamEdges"][0]["lineageDetails"], Json::parse(R"({"sqlQuery": null,
      "columnsLineage": [{"fromColumns": ["hive.db.t1.a"], "toColumn": "hive.db.t2.a",
                          "function": null}], "pipeline": null})"));

  // Ids: uuid5 of the FQN, the same in every answer.
  Json t0 = Lineage("table", "hive.db.t0", "?downstreamDepth=4");
  EXPECT_EQ(t0["entity"]["id"], kT0Id);
  EXPECT_EQ(t0["entity"]["description"], "the source");
  EXPECT_EQ(Lineage("table", "hive.db.t1", "?upstreamDepth=1")["nodes"][0]["id"], kT0Id);
  // Depth 4 reaches t4; OpenMetadata's API caps depths at 3.
  EXPECT_THAT(Fqns(t0), UnorderedElementsAre("hive.db.t0", "hive.db.t1", "hive.db.t2", "hive.db.t3",
                                             "hive.db.t4"));
  EXPECT_EQ(t0["downstreamEdges"].size(), 4u);
  EXPECT_TRUE(t0["upstreamEdges"].empty());
  EXPECT_THAT(Fqns(Lineage("table", "hive.db.t0", "?downstreamDepth=3")),
              ::testing::Not(::testing::Contains("hive.db.t4")));
  EXPECT_EQ(Fqns(Lineage("table", "hive.db.t0", "?downstreamDepth=0")).size(), 1u);

  // A model's features: the feature sources, column → feature.
  Json m = Lineage("mlmodel", "mlflow.m");
  EXPECT_EQ(m["entity"]["type"], "mlmodel");
  EXPECT_THAT(EdgeFqns(m, "upstreamEdges"),
              ElementsAre(std::pair<std::string, std::string>("hive.db.t5", "mlflow.m")));
  EXPECT_EQ(m["upstreamEdges"][0]["lineageDetails"]["columnsLineage"],
            Json::parse(R"([{"fromColumns": ["hive.db.t5.a"], "toColumn": "mlflow.m.f",
                            "function": null}])"));
}

// A Spark job's link names the job as the edge's pipeline; its columns come from the event.
TEST_F(OpenMetadataCompatTest, OpenLineageJobIsTheEdgesPipeline) {
  PostSparkEvents();
  Json t2 = Lineage("table", "hive.default.t2", "?downstreamDepth=0");
  const std::string job =
      "default.\"cl_i_test_application.execute_insert_into_hive_table.warehouse_t2\"";
  // The job writes t2 (an edge of its own) and its column lineage links t1 to t2.
  EXPECT_THAT(
      EdgeFqns(t2, "upstreamEdges"),
      ElementsAre(std::pair<std::string, std::string>(job, "hive.default.t2"),
                  std::pair<std::string, std::string>("hive.default.t1", "hive.default.t2")));
  Json details;
  for (const Json& e : t2["upstreamEdges"]) {
    if (!e["lineageDetails"]["columnsLineage"].empty()) details = e["lineageDetails"];
  }
  ASSERT_TRUE(details.is_object()) << t2.dump(2);
  EXPECT_EQ(details["pipeline"]["type"], "pipeline");
  EXPECT_EQ(details["pipeline"]["fullyQualifiedName"], job);
  EXPECT_EQ(details["columnsLineage"], Json::parse(R"([
      {"fromColumns": ["hive.default.t1.a"], "toColumn": "hive.default.t2.a", "function": null},
      {"fromColumns": ["hive.default.t1.b"], "toColumn": "hive.default.t2.b", "function": null}])"));
  // The storage path answers as its table.
  EXPECT_EQ(Lineage("table", "hdfs.user.hive.warehouse.t2")["entity"]["fullyQualifiedName"],
            "hive.default.t2");
}

// The walk is linea's: with equal depths both ways the FQNs are GET /api/v1/lineage/{fqn}'s,
// and unbounded they are what impact and upstream reach.
TEST_F(OpenMetadataCompatTest, ReachesWhatLineaReaches) {
  Write("PUT", "/api/v1/catalog", kChain);
  auto c = server_->Client();
  for (const std::string& fqn : std::vector<std::string>{"hive.db.t2", "hive.db.t4"}) {
    for (const std::string& depth : std::vector<std::string>{"1", "2", "4"}) {
      std::set<std::string> shown;
      const Json view = Body(c->Get("/api/v1/lineage/" + fqn + "?depth=" + depth));
      for (const Json& n : view["nodes"]) shown.insert(n["fqn"].get<std::string>());
      EXPECT_EQ(
          Fqns(Lineage("table", fqn, "?upstreamDepth=" + depth + "&downstreamDepth=" + depth)),
          shown)
          << fqn << " " << depth;
    }
    std::set<std::string> expected = {fqn};
    auto lift = [&](const Json& a) {
      std::string f = a["fqn"].get<std::string>();
      if (a["kind"] == "column" || a["kind"] == "feature") f = f.substr(0, f.rfind('.'));
      expected.insert(f);
    };
    const Json impact = Body(c->Get("/api/v1/impact/" + fqn));
    for (const char* list : {"models", "assets"}) {
      for (const Json& a : impact[list]) lift(a);
    }
    const Json upstream = Body(c->Get("/api/v1/upstream/" + fqn));
    for (const Json& s : upstream["sources"]) lift(s);
    EXPECT_EQ(Fqns(Lineage("table", fqn, "?upstreamDepth=100&downstreamDepth=100")), expected);
  }
}

TEST_F(OpenMetadataCompatTest, ErrorsAreOpenMetadatasStatuses) {
  Write("PUT", "/api/v1/catalog", kChain);
  Json e = Lineage("mlmodel", "hive.db.t0", "", 404)["error"];
  EXPECT_THAT(e["message"].get<std::string>(), HasSubstr("it is a table"));
  e = Lineage("table", "hive.db.t9", "", 404)["error"];
  EXPECT_THAT(e["details"]["candidates"], ::testing::Contains("hive.db.t0"));
  for (const std::string& q : std::vector<std::string>{"?upstreamDepth=-1", "?downstreamDepth=x"}) {
    e = Lineage("table", "hive.db.t0", q, 400)["error"];
    EXPECT_THAT(e["message"].get<std::string>(), HasSubstr("Depth")) << q;
  }
  // linea's own graph route still answers for an FQN that merely starts like a kind.
  EXPECT_EQ(server_->Client()->Get("/api/v1/lineage/hive.db.t0")->status, 200);
}

}  // namespace
}  // namespace linea
