// End-to-end: OpenLineage events posted over real HTTP (plain and gzip, single and batch) to the
// real server on a real SQLite catalog; then impact/lineage/asset reads and the CLI backfill.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "codec/json_codec.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/test_server.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using testing::RunLinea;
using testing::TestServer;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Corpus(const std::string& name) {
  return testing::ReadFile(std::string(LINEA_SOURCE_DIR_DEFAULT) +
                           "/tests/data/openlineage/" + name);
}

Json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response";
  if (!r) return Json();
  return Json::parse(r->body, nullptr, false);
}

class OpenLineageServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    server::ServerOptions options;
    options.max_body_bytes = 1 << 20;
    server_ = std::make_unique<TestServer>(dir_ + "/linea.db", options, /*tiny_mesh=*/false);
    writer_ = *server_->app().tokens().Create("spark-prod", auth::Role::kWriter, std::nullopt, catalog::Writer::Local("test"));
    reader_ = *server_->app().tokens().Create("dash", auth::Role::kReader, std::nullopt, catalog::Writer::Local("test"));
  }
  httplib::Result Post(const std::string& path, const std::string& body, bool gzip = false) {
    auto c = server_->Client(writer_);
    c->set_compress(gzip);
    return c->Post(path, body, "application/json");
  }
  std::string Export() { return server_->Client()->Get("/api/v1/catalog")->body; }

  std::string dir_, writer_, reader_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(OpenLineageServerTest, SparkEventsOverHttpGiveOneHiveTableAndColumnImpact) {
  auto r = Post("/api/v1/lineage", Corpus("ct_spark_dataproc_simple_producer_test_1.json"), true);
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(Body(r)["status"], "created");
  r = Post("/api/v1/lineage", Corpus("ct_spark_dataproc_simple_producer_test_4.json"));
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(Body(r)["column_edges"], 2);

  auto c = server_->Client();
  Json impact = Body(c->Get("/api/v1/impact/hive.default.t1.a"));
  ASSERT_EQ(impact["assets"].size(), 1u) << impact.dump();
  EXPECT_EQ(impact["assets"][0]["fqn"], "hive.default.t2.a");
  EXPECT_EQ(impact["assets"][0]["path"], Json::parse(R"(["hive.default.t1.a","hive.default.t2.a"])"));

  Json asset = Body(c->Get("/api/v1/assets/hive.default.t2"));
  EXPECT_EQ(asset["aliases"], Json::parse(R"(["hdfs.user.hive.warehouse.t2"])"));
  EXPECT_EQ(asset["last_run"]["state"], "COMPLETE");
  EXPECT_EQ(asset["last_run"]["job"],
            "default.\"cl_i_test_application.execute_insert_into_hive_table.warehouse_t2\"");
  EXPECT_EQ(asset["children"], Json::parse(R"(["a","b"])"));
  // The storage path answers as its table.
  Json by_path = Body(c->Get("/api/v1/assets/hdfs.user.hive.warehouse.t2"));
  EXPECT_EQ(by_path["fqn"], "hive.default.t2");

  // The CLI, as the issue asks: `linea impact hive.default.t1.a` shows hive.default.t2.a.
  CliResult cli = RunLinea({"impact", "hive.default.t1.a", "--server", server_->url()});
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_THAT(cli.out, HasSubstr("hive.default.t2.a"));

  // Replaying an event changes nothing.
  std::string before = Export();
  r = Post("/api/v1/lineage", Corpus("ct_spark_dataproc_simple_producer_test_4.json"), true);
  EXPECT_EQ(Body(r)["status"], "duplicate");
  EXPECT_EQ(Export(), before);

  // /metrics counts the events by what became of them.
  EXPECT_EQ(Post("/api/v1/lineage", R"({"eventType": "START"})")->status, 400);
  const std::string metrics = server_->Client()->Get("/metrics")->body;
  EXPECT_THAT(metrics, HasSubstr("linea_openlineage_events_total{outcome=\"applied\"} 2\n"
                                 "linea_openlineage_events_total{outcome=\"duplicate\"} 1\n"
                                 "linea_openlineage_events_total{outcome=\"rejected\"} 1\n"));
}

TEST_F(OpenLineageServerTest, BatchAppliesTheGoodEventsAndListsTheBadOnes) {
  std::string batch = "[" + Corpus("ct_airflow_line_03.json") +
                      R"(, {"eventTime": "2026-11-28T10:00:00Z", "run": {"runId": 7}},)" +
                      Corpus("ct_CLL_8.json") + "]";
  auto r = Post("/api/v1/lineage/batch", batch);
  ASSERT_EQ(r->status, 200) << r->body;
  Json j = Body(r);
  EXPECT_EQ(j["status"], "partial_success");
  EXPECT_EQ(j["summary"], Json::parse(R"({"received": 3, "successful": 2, "duplicates": 0,
                                         "column_edges": 18, "failed": 1,
                                         "retriable": 0, "non_retriable": 1})"));
  ASSERT_EQ(j["failed_events"].size(), 1u);
  EXPECT_EQ(j["failed_events"][0]["index"], 1);
  EXPECT_THAT(j["failed_events"][0]["reason"].get<std::string>(), HasSubstr("$.run.runId"));
  EXPECT_EQ(j["failed_events"][0]["retriable"], false);
  Json lineage = Body(server_->Client()->Get(
      "/api/v1/lineage/bigquery.mock-project.test.upload?direction=up&columns=true"));
  std::vector<std::string> nodes;
  for (const Json& n : lineage["nodes"]) nodes.push_back(n["fqn"]);
  EXPECT_THAT(nodes, Contains("gs.mock-bucket.\"test.csv\".a"));
}

TEST_F(OpenLineageServerTest, BadBodiesAre4xxAndChangeNothing) {
  std::string before = Export();
  struct Case {
    std::string body;
    int status;
    std::string message;
  };
  std::string deep = std::string(10000, '[') + std::string(10000, ']');
  std::vector<Case> cases = {
      {R"({"eventTime": "2026-11-28T10:00:00Z", "run": {"runId": "x"}, "job": {"namespace": "n")",
       400, "JSON"},
      {R"({"eventTime": "2026-11-28T10:00:00Z", "run": {"runId": "x"}, "job": {"namespace": "n", "name": 5}})",
       400, "$.job.name"},
      {R"({"eventTime": "{{RUN_START_TIME}}", "run": {"runId": "x"}, "job": {"namespace": "n", "name": "j"}})",
       400, "$.eventTime"},
      {"{\"eventTime\": \"2026-11-28T10:00:00Z\", \"x\": \"\xff\xfe\"}", 400, "UTF-8"},
      {"{\"a\": " + deep + "}", 400, "deeper"},
      {"[]", 400, ""},
      {"", 400, ""},
      {R"({"pad": ")" + std::string(2 << 20, 'x') + "\"}", 413, ""},
  };
  for (const Case& c : cases) {
    auto r = Post("/api/v1/lineage", c.body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, c.status) << c.body.substr(0, 80) << " → " << r->body.substr(0, 200);
    if (!c.message.empty()) {
      EXPECT_THAT(Body(r)["error"]["message"].get<std::string>(), HasSubstr(c.message));
    }
  }
  auto r = Post("/api/v1/lineage/batch", R"({"not": "an array"})");
  EXPECT_EQ(r->status, 400);
  r = Post("/api/v1/lineage/batch", deep);
  EXPECT_EQ(r->status, 400);
  // A huge batch of bad events: every one listed, none applied.
  std::string huge = "[";
  for (int i = 0; i < 20000; ++i) huge += std::string(i ? "," : "") + "{}";
  huge += "]";
  r = Post("/api/v1/lineage/batch", huge);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(Body(r)["summary"]["failed"], 20000);
  EXPECT_EQ(Body(r)["status"], "failure");
  // Auth: a reader may not write, no token is 401.
  auto reader = server_->Client(reader_);
  EXPECT_EQ(reader->Post("/api/v1/lineage", Corpus("ct_CLL_8.json"), "application/json")->status,
            403);
  EXPECT_EQ(server_->Client()->Post("/api/v1/lineage", Corpus("ct_CLL_8.json"),
                                    "application/json")->status,
            401);
  EXPECT_EQ(Export(), before);
  EXPECT_EQ(server_->Client()->Get("/healthz")->status, 200);
}

TEST_F(OpenLineageServerTest, CliIngestsIntoTheServerWithAWriterToken) {
  std::string corpus = std::string(LINEA_SOURCE_DIR_DEFAULT) + "/tests/data/openlineage/";
  std::string file = corpus + "ct_spark_dataproc_simple_producer_test_4.json";
  CliResult r =
      RunLinea({"ingest", "openlineage", file, "--server", server_->url(), "--token", writer_});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1 event: 1 new, 0 already logged, 0 failed; 2 column edges\n");
  // The server's graph has it at once; a replay changes nothing.
  r = RunLinea({"impact", "hive.default.t1.a", "--server", server_->url()});
  EXPECT_THAT(r.out, HasSubstr("hive.default.t2.a"));
  r = RunLinea({"ingest", "openlineage", file, "--server", server_->url(), "--token", writer_});
  EXPECT_EQ(r.out, "1 event: 0 new, 1 already logged, 0 failed; 0 column edges\n");
  // A reader may not write; a namespace map belongs to the server.
  r = RunLinea({"ingest", "openlineage", file, "--server", server_->url(), "--token", reader_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("linea: "));
  r = RunLinea({"ingest", "openlineage", file, "--server", server_->url(), "--token", writer_,
                "--namespace-map", "hive://x=hive"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "linea: --namespace-map applies to --db only; a server uses its own "
            "(linea serve --namespace-map)\n");
}

TEST(OpenLineageCliTest, IngestFilesThenImpactAndReplayChangesNothing) {
  std::string dir = testing::FreshTestDir();
  std::string db = dir + "/linea.db";
  std::string corpus = std::string(LINEA_SOURCE_DIR_DEFAULT) + "/tests/data/openlineage/";
  CliResult r = RunLinea({"ingest", "openlineage", corpus + "ct_spark_dataproc_simple_producer_test_1.json",
                          corpus + "ct_spark_dataproc_simple_producer_test_4.json",
                          corpus + "nonconforming/ol_dbt_no_test_metadata_result.json", "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "12 events: 12 new, 0 already logged, 0 failed; 4 column edges\n");
  r = RunLinea({"impact", "hive.default.t1.a", "--db", db});
  EXPECT_THAT(r.out, HasSubstr("hive.default.t2.a"));
  std::string before = RunLinea({"export", "--db", db}).out;
  r = RunLinea({"ingest", "openlineage", corpus + "ct_spark_dataproc_simple_producer_test_4.json",
                "--db", db, "--json"});
  EXPECT_EQ(Json::parse(r.out)["duplicates"], 1);
  EXPECT_EQ(RunLinea({"export", "--db", db}).out, before);

  // A bad file stops before anything is written; a bad event is named and the rest applied.
  testing::WriteFile(dir + "/bad.json", "{\"eventTime\": ");
  r = RunLinea({"ingest", "openlineage", dir + "/bad.json", "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("linea: " + dir + "/bad.json"));
  testing::WriteFile(dir + "/mixed.jsonl",
                     "{\"eventTime\": \"2026-11-28T10:00:00Z\", \"run\": {}}\n" +
                         Json::parse(Corpus("ct_airflow_line_03.json")).dump() + "\n");
  r = RunLinea({"ingest", "openlineage", dir + "/mixed.jsonl", "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("linea: " + dir + "/mixed.jsonl[0]: $.run.runId"));
  EXPECT_THAT(r.out, HasSubstr("2 events: 1 new"));
  r = RunLinea({"ingest", "openlineage", corpus + "ct_CLL_8.json", "--db", db,
                "--namespace-map", "no-equals-sign"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--namespace-map"));
}

TEST(OpenLineageExampleTest, PostCorpusScriptYieldsTheDocumentedLineage) {
  std::string dir = testing::FreshTestDir();
  server::ServerOptions options;
  options.no_auth = true;
  TestServer server(dir + "/linea.db", options, /*tiny_mesh=*/false);
  std::string script = std::string(LINEA_SOURCE_DIR_DEFAULT) + "/examples/openlineage/post_corpus.sh";
  for (int pass = 0; pass < 2; ++pass) {
    int rc = std::system(("bash " + script + " " + server.url() + " > " + dir + "/out 2>&1").c_str());
    ASSERT_EQ(rc, 0) << testing::ReadFile(dir + "/out");
    EXPECT_EQ(testing::ReadFile(dir + "/out"), "posted 65 events to " + server.url() + "\n");
  }
  auto impact = server.catalog().Impact("hive.default.t1.a", {});
  ASSERT_TRUE(impact.ok());
  ASSERT_FALSE(impact->assets.empty());
  EXPECT_EQ(impact->assets[0].fqn, "hive.default.t2.a");
  EXPECT_EQ(*server.app().runs().CountEvents(), 65);
}

}  // namespace
}  // namespace linea
