// End-to-end: the real HTTP server on an ephemeral loopback port, driven over HTTP (and by the
// real `linea` binary with --server), on a real SQLite catalog holding the tiny mesh.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>

#include "codec/json_codec.h"
#include "server/internal/body_decoding.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/test_server.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using testing::RunLinea;
using testing::TestServer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kBusy[] = "hive.raw_geo.cell_events.distance_km";

Json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response";
  if (!r) return Json();
  EXPECT_EQ(r->get_header_value("Content-Type").rfind("application/json", 0), 0u) << r->body;
  return Json::parse(r->body, nullptr, false);
}

std::string ErrorCode(const httplib::Result& r) { return Body(r)["error"]["code"]; }

class ServerTest : public ::testing::Test {
 protected:
  void Start(server::ServerOptions options = {}) {
    dir_ = testing::FreshTestDir();
    server_ = std::make_unique<TestServer>(dir_ + "/linea.db", options);
    writer_ = *server_->app().tokens().Create("ci-scoring", auth::Role::kWriter, std::nullopt, catalog::Writer::Local("test"));
    reader_ = *server_->app().tokens().Create("dash", auth::Role::kReader, std::nullopt, catalog::Writer::Local("test"));
    admin_ = *server_->app().tokens().Create("ops", auth::Role::kAdmin, std::nullopt, catalog::Writer::Local("test"));
  }
  void SetUp() override { Start(); }
  std::string Export() { return server_->Client()->Get("/api/v1/catalog")->body; }
  CliResult Linea(std::vector<std::string> args, const std::string& token = "") {
    args.push_back("--server");
    args.push_back(server_->url());
    if (!token.empty()) {
      args.push_back("--token");
      args.push_back(token);
    }
    return RunLinea(args);
  }

  std::string dir_, writer_, reader_, admin_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(ServerTest, ImpactUpstreamSearchLineageOverHttp) {
  auto c = server_->Client();
  Json impact = Body(c->Get(std::string("/api/v1/impact/") + kBusy + "?kinds=model"));
  ASSERT_EQ(impact["models"].size(), 3u);
  EXPECT_EQ(impact["models"][0]["fqn"], "mlflow_b2c.arpu_forecast");
  EXPECT_EQ(impact["models"][0]["distance"], 5);
  EXPECT_TRUE(impact["dashboards"].empty());
  // The broken column's owners, then the models' team.
  EXPECT_EQ(impact["teams"][0]["team"], "geo_data");
  EXPECT_EQ(impact["teams"][0]["owns_root"], true);
  EXPECT_EQ(impact["teams"][1]["team"], "scoring_ds");

  Json up = Body(c->Get("/api/v1/upstream/mlflow_b2c.credit_scoring?depth=2"));
  ASSERT_EQ(up["sources"].size(), 3u);
  EXPECT_EQ(up["sources"][0]["fqn"], "hive.mart_geo.cell_events_mart.distance_km_cnt_1d_trend");

  Json search = Body(c->Get("/api/v1/search?q=chrun_scoring&limit=1"));
  EXPECT_EQ(search["results"][0]["fqn"], "mlflow_b2c.churn_scoring");

  Json lineage = Body(c->Get(
      "/api/v1/lineage/hive.mart_geo.cell_events_mart?direction=down&depth=1"));
  std::vector<std::string> nodes;
  for (const Json& n : lineage["nodes"]) nodes.push_back(n["fqn"]);
  // Depth counts table-level hops: the mart's direct readers.
  EXPECT_THAT(nodes, ElementsAre("hive.mart_geo.cell_events_mart", "mlflow_b2c.arpu_forecast",
                                 "mlflow_b2c.credit_scoring", "qlik.geo_cell_events_overview"));
  EXPECT_EQ(lineage["edges"][0]["from"], "hive.mart_geo.cell_events_mart");

  Json page = Body(c->Get("/api/v1/assets?kind=model&limit=2"));
  ASSERT_EQ(page["assets"].size(), 2u);
  EXPECT_EQ(page["assets"][0]["fqn"], "mlflow_b2c.arpu_forecast");
  std::string cursor = page["next_cursor"];
  page = Body(c->Get("/api/v1/assets?kind=model&limit=2&cursor=" + cursor));
  ASSERT_EQ(page["assets"].size(), 1u);
  EXPECT_EQ(page["assets"][0]["fqn"], "mlflow_b2c.credit_scoring");
  EXPECT_TRUE(page["next_cursor"].is_null());

  Json asset = Body(c->Get("/api/v1/assets/hive.raw_geo.cell_events"));
  EXPECT_EQ(asset["kind"], "table");
  EXPECT_EQ(asset["effective_owners"], Json::parse(R"(["team:geo_data"])"));
  EXPECT_EQ(asset["children"].size(), 5u);
  // Each child's kind and type, so a page needs no call per column; who writes its lineage.
  ASSERT_EQ(asset["child_details"].size(), 5u);
  for (const Json& d : asset["child_details"]) {
    EXPECT_EQ(d["kind"], "column");
    if (d["name"] == "distance_km") {
      EXPECT_EQ(d["data_type"], "double");
    }
  }
  EXPECT_EQ(asset["child_details"][0]["name"], asset["children"][0]);
  EXPECT_THAT(asset["provenances"].get<std::vector<std::string>>(),
              ::testing::Contains("openlineage:flink/ingest_raw_geo.cell_events"));
  Json team = Body(c->Get("/api/v1/teams/geo_data"));
  EXPECT_EQ(team["contacts"][0]["address"], "geo_data@example.com");
  EXPECT_EQ(Body(c->Get("/healthz"))["status"], "ok");
}

TEST_F(ServerTest, LineageLayoutPlacesTheSameGraphLeftToRight) {
  auto c = server_->Client();
  Json placed = Body(c->Get("/api/v1/lineage/hive.mart_geo.cell_events_mart/layout?up=2&down=2"));
  Json plain = Body(c->Get("/api/v1/lineage/hive.mart_geo.cell_events_mart?depth=2"));
  std::set<std::string> placed_nodes, plain_nodes;
  std::map<std::string, Json> by_fqn;
  for (const Json& n : placed["nodes"]) {
    placed_nodes.insert(n["fqn"].get<std::string>());
    by_fqn[n["fqn"]] = n;
    EXPECT_GT(n["w"].get<double>(), 0);
    EXPECT_EQ(n["h"].get<double>(), 28);
  }
  for (const Json& n : plain["nodes"]) plain_nodes.insert(n["fqn"].get<std::string>());
  EXPECT_EQ(placed_nodes, plain_nodes);
  EXPECT_EQ(placed["root"], "hive.mart_geo.cell_events_mart");
  EXPECT_EQ(placed["edges"].size(), plain["edges"].size());
  // Lineage flows left to right; each edge leaves its source's right side, enters its target's
  // left side.
  for (const Json& e : placed["edges"]) {
    const Json& from = by_fqn[e["from"]];
    const Json& to = by_fqn[e["to"]];
    ASSERT_FALSE(e["reversed"].get<bool>());
    EXPECT_LT(from["layer"].get<int>(), to["layer"].get<int>());
    EXPECT_NEAR(e["points"].front()[0].get<double>(), from["x"].get<double>() + from["w"].get<double>(), 0.11);
    EXPECT_NEAR(e["points"].back()[0].get<double>(), to["x"].get<double>(), 0.11);
  }
  EXPECT_EQ(Body(c->Get("/api/v1/lineage/hive.mart_geo.cell_events_mart/layout?up=2&down=2")), placed);

  auto bad = c->Get("/api/v1/lineage/hive.mart_geo.cell_events_mart/layout?up=51");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto unknown = c->Get("/api/v1/lineage/hive.mart_geo.no_such_mart/layout");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(ServerTest, LineageLayoutExpandsInPlaceFoldsSiblingsAndColoursIncidents) {
  auto c = server_->Client();
  const std::string path = "/api/v1/lineage/hive.mart_geo.cell_events_mart/layout";
  const std::string base = path + "?up=1&down=1";
  auto nodes_of = [](const Json& placed) {
    std::map<std::string, Json> by_fqn;
    for (const Json& n : placed["nodes"]) by_fqn[n["fqn"]] = n;
    return by_fqn;
  };
  std::map<std::string, Json> before = nodes_of(Body(c->Get(base)));
  // The model one hop down has hidden readers: expanding it shows them, and every node that was
  // there keeps its y.
  ASSERT_TRUE(before.count("mlflow_b2c.credit_scoring"));
  const int hidden = before["mlflow_b2c.credit_scoring"]["hidden_down"];
  ASSERT_GT(hidden, 0);
  std::map<std::string, Json> after =
      nodes_of(Body(c->Get(base + "&expand=down:mlflow_b2c.credit_scoring")));
  EXPECT_EQ(after.size(), before.size() + static_cast<size_t>(hidden));
  EXPECT_EQ(after["mlflow_b2c.credit_scoring"]["hidden_down"], 0);
  for (const auto& [fqn, n] : before) {
    ASSERT_TRUE(after.count(fqn)) << fqn;
    EXPECT_DOUBLE_EQ(after[fqn]["y"].get<double>(), n["y"].get<double>()) << fqn << " moved";
  }
  // A tiny fold threshold folds the mart's readers into one "+N more" node, models first.
  Json folded = Body(c->Get(path + "?up=0&fold=1"));
  std::map<std::string, Json> f = nodes_of(folded);
  const Json& group = f["+down:hive.mart_geo.cell_events_mart"];
  ASSERT_EQ(group["kind"], "group") << folded.dump();
  EXPECT_EQ(group["label"], "+" + std::to_string(group["group"]["members"].size()) + " more");
  EXPECT_EQ(f.size(), 3u);  // the mart, the one kept (a model), the group
  EXPECT_TRUE(f.count("mlflow_b2c.arpu_forecast"));
  Json unfolded = Body(c->Get(path + "?up=0&fold=1&unfold=hive.mart_geo.cell_events_mart"));
  EXPECT_EQ(unfolded["nodes"].size(), f.size() - 1 + group["group"]["members"].size());
  // An open incident on one of its columns colours the table; the team shows as a badge.
  auto opened = server_->Client(writer_)->Post(
      "/api/v1/incidents",
      R"({"asset": "hive.mart_geo.cell_events_mart.distance_km_cnt_1d_trend", "title": "nulls"})",
      "application/json");
  ASSERT_EQ(opened->status, 201) << opened->body;
  std::map<std::string, Json> coloured = nodes_of(Body(c->Get(base)));
  EXPECT_EQ(coloured["hive.mart_geo.cell_events_mart"]["status"], Json::parse(R"(["incident"])"));
  EXPECT_EQ(coloured["hive.mart_geo.cell_events_mart"]["team"], "team:geo_data");
  EXPECT_FALSE(coloured["mlflow_b2c.credit_scoring"].contains("status"));

  auto bad = c->Get(base + "&expand=sideways:x");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_THAT(bad->body, HasSubstr("up:<fqn>"));
}

TEST_F(ServerTest, LargeAnswersAreGzippedForClientsThatAcceptIt) {
  auto c = server_->Client();
  c->set_decompress(false);
  const std::string path = "/api/v1/openapi.json";
  auto plain = c->Get(path, {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(plain);
  ASSERT_GE(plain->body.size(), 64u * 1024) << "pick a larger answer for this test";
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  auto packed = c->Get(path, {{"Accept-Encoding", "gzip, br"}});
  ASSERT_TRUE(packed);
  EXPECT_EQ(packed->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(packed->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_LT(packed->body.size(), plain->body.size() / 4);
  Result<std::string> body = server::internal::DecodeBody("gzip", packed->body, plain->body.size());
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, plain->body);
  // A small answer stays as it is.
  auto small = c->Get("/healthz", {{"Accept-Encoding", "gzip"}});
  EXPECT_FALSE(small->has_header("Content-Encoding"));
}

TEST_F(ServerTest, TheWebUiIsServedFromTheBinaryWithCspEtagAndGzip) {
  auto c = server_->Client();
  auto index = c->Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->get_header_value("Content-Security-Policy"),
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'");
  EXPECT_EQ(index->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_THAT(index->body, HasSubstr("<script type=\"module\" src=\"/ui/app.js\"></script>"));
  // Page routes (the links notifications carry) answer with the same page.
  for (const char* page : {"/assets/hive.raw_geo.cell_events", "/impact/hive.raw_geo.cell_events",
                           "/lineage/mlflow_b2c.churn_scoring", "/search"}) {
    auto r = c->Get(page);
    ASSERT_TRUE(r) << page;
    EXPECT_EQ(r->status, 200) << page;
    EXPECT_EQ(r->body, index->body) << page;
  }
  auto js = c->Get("/ui/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  const std::string etag = js->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = c->Get("/ui/app.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_EQ(again->body, "");
  auto gz = c->Get("/ui/app.js", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gz->get_header_value("Vary"), "Accept-Encoding");
  auto missing = c->Get("/ui/nope.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  // The API is unchanged beside it.
  EXPECT_EQ(Body(c->Get("/healthz"))["status"], "ok");
}

TEST(ServerUiAuthTest, ThePageIsPublicWhileReadsNeedAToken) {
  server::ServerOptions options;
  options.require_auth_for_reads = true;
  TestServer server(testing::FreshTestDir() + "/linea.db", options);
  auto c = server.Client();
  EXPECT_EQ(c->Get("/")->status, 200);
  EXPECT_EQ(c->Get("/api/v1/search?q=churn")->status, 401);
}

TEST_F(ServerTest, WritesImportManifestEdgesTeamsDelete) {
  auto w = server_->Client(writer_);
  auto r = w->Put("/api/v1/catalog",
                  R"({"assets": [{"fqn": "kafka.\"geo.moves.v1\"", "kind": "topic",
                     "columns": [{"name": "cell id"}]}],
                      "edges": [{"from": "kafka.\"geo.moves.v1\".\"cell id\"",
                                 "to": "hive.raw_geo.cell_events.sector_id"}]})",
                  "application/json");
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["edges"], 1);
  // The edge took the writer's default provenance.
  Json lineage = Body(w->Get("/api/v1/lineage/hive.raw_geo.cell_events.sector_id?direction=up&columns=true"));
  EXPECT_EQ(lineage["edges"][0]["provenance"], Json::parse(R"(["api:ci-scoring"])"));
  // A quoted FQN, percent-encoded in the path.
  Json topic = Body(w->Get("/api/v1/assets/kafka.%22geo.moves.v1%22"));
  EXPECT_EQ(topic["kind"], "topic");

  r = w->Put("/api/v1/teams", R"({"teams": [{"name": "new_team", "contacts":
             [{"type": "webhook", "url": "https://hooks.example.com/x", "secret": "s"}]}]})",
             "application/json");
  EXPECT_EQ(r->status, 200) << r->body;
  Json team = Body(w->Get("/api/v1/teams/new_team"));
  EXPECT_EQ(team["contacts"][0]["type"], "webhook");
  EXPECT_EQ(team["contacts"][0]["secret"], "[redacted]");  // credentials only for admins
  EXPECT_EQ(team["contacts"][0]["url"], "https://hooks.example.com/[redacted]");
  team = Body(server_->Client(admin_)->Get("/api/v1/teams/new_team"));
  EXPECT_EQ(team["contacts"][0]["secret"], "s");

  r = w->Put("/api/v1/lineage/edges",
             R"({"provenance": "api:manual", "edges": [{"from": "hive.raw_geo.cell_events.dt",
                 "to": "hive.raw_geo.cell_events.sector_id", "kind": "indirect"}]})",
             "application/json");
  EXPECT_EQ(r->status, 200) << r->body;
  Json up = Body(w->Get("/api/v1/upstream/hive.raw_geo.cell_events.sector_id?depth=1"));
  // Its table, the two kafka fields (flink ingest and ours) and dt.
  EXPECT_EQ(up["sources"].size(), 4u);

  r = w->Delete("/api/v1/assets/kafka.%22geo.moves.v1%22");
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["deleted"], 2);
  EXPECT_EQ(w->Get("/api/v1/assets/kafka.%22geo.moves.v1%22")->status, 404);
}

TEST_F(ServerTest, CliAgainstServerPrintsWhatLocalPrints) {
  std::string db = dir_ + "/linea.db";
  for (std::vector<std::string> args :
       {std::vector<std::string>{"impact", kBusy}, {"impact", kBusy, "--json"},
        {"upstream", "mlflow_b2c.churn_scoring"}, {"search", "distance", "--kind", "feature"},
        {"export"}}) {
    // Contacts in full only for admins (the local CLI owns the file); export redacts them for
    // everyone without --include-secrets.
    CliResult remote = Linea(args, admin_);
    args.push_back("--db");
    args.push_back(db);
    CliResult local = RunLinea(args);
    EXPECT_EQ(remote.exit_code, 0) << remote.err;
    EXPECT_EQ(remote.out, local.out) << args[0];
  }
  CliResult redacted = Linea({"export", "--include-secrets"});
  EXPECT_EQ(redacted.exit_code, 2);
  EXPECT_EQ(redacted.err, "linea: include_secrets=true needs an admin token\n");
  CliResult full = Linea({"export", "--include-secrets"}, admin_);
  EXPECT_EQ(full.out, RunLinea({"export", "--include-secrets", "--db", db}).out);
  EXPECT_THAT(full.out, HasSubstr("\"secret\": \"secret-"));
  // Unknown names: the same one line and exit code 2 both ways.
  CliResult remote = Linea({"impact", "hive.raw_geo.cell_events.distance_kx"});
  CliResult local = RunLinea({"impact", "hive.raw_geo.cell_events.distance_kx", "--db", db});
  EXPECT_EQ(remote.exit_code, 2);
  EXPECT_EQ(remote.err, local.err);
  EXPECT_THAT(remote.err, HasSubstr("did you mean hive.raw_geo.cell_events.distance_km"));
}

TEST_F(ServerTest, ApplyManifestWithCliOverServer) {
  std::string file = dir_ + "/lineage.yaml";
  testing::WriteFile(file, "model: mlflow_b2c.geo_model\nowners: [team:geo_data]\nfeatures:\n"
                           "  - name: trend\n    sources: "
                           "[hive.mart_geo.cell_events_mart.distance_km_cnt_1d_trend]\n");
  CliResult denied = Linea({"apply", "-f", file});
  EXPECT_EQ(denied.exit_code, 2);
  EXPECT_THAT(denied.err, HasSubstr("needs a token"));
  CliResult applied = Linea({"apply", "-f", file}, writer_);
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_THAT(applied.out, HasSubstr("mlflow_b2c.geo_model (" + file + "): applied, 1 feature"));
  CliResult again = Linea({"apply", "-f", file}, writer_);
  EXPECT_THAT(again.out, HasSubstr("unchanged"));
  Json impact = Body(server_->Client()->Get(
      "/api/v1/impact/hive.mart_geo.cell_events_mart.distance_km_cnt_1d_trend?kinds=model"));
  EXPECT_EQ(impact["models"].size(), 3u);
  // An unknown source: problems with file:line, nothing applied.
  testing::WriteFile(file, "model: mlflow_b2c.geo_model\nfeatures:\n  - name: trend\n"
                           "    sources: [hive.mart_geo.cell_events_mart.distance_km_cnt_1d_trnd]\n");
  CliResult bad = Linea({"apply", "-f", file}, writer_);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr(file + ":4: unknown source"));
  EXPECT_THAT(bad.err, HasSubstr("1 problem found; nothing applied"));
  // A raw YAML body straight to the API.
  auto r = server_->Client(writer_)->Post("/api/v1/manifests?dry_run=true&file=x.yaml",
                                          testing::ReadFile(file), "application/yaml");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["details"]["problems"][0]["file"], "x.yaml");
}

TEST_F(ServerTest, ManifestDeclaresDeploymentsAndCreatesOutputs) {
  auto w = server_->Client(writer_);
  const std::string yaml = R"(model: mlflow_b2c.trip_churn
owners: [team:scoring_ds]
features:
  - name: dt
    sources: [hive.mart_geo.cell_events_mart.dt]
deployments: [seldon.trip_churn_prod]
outputs:
  - table: hive.scores_scoring.trip_churn_scores
    columns: [{name: score, type: double}]
)";
  auto r = w->Post("/api/v1/manifests?file=trip.yaml", yaml, "application/yaml");
  ASSERT_EQ(r->status, 200) << r->body;
  Json plan = Body(r);
  EXPECT_EQ(plan["warnings"], Json::array());
  EXPECT_EQ(plan["models"][0]["diff"][2], "+ deployment seldon.trip_churn_prod");
  EXPECT_EQ(plan["models"][0]["diff"][3],
            "+ table hive.scores_scoring.trip_churn_scores (created by this manifest)");
  Json table = Body(w->Get("/api/v1/assets/hive.scores_scoring.trip_churn_scores"));
  EXPECT_EQ(table["properties"]["created_by"], "manifest:mlflow_b2c.trip_churn");
  EXPECT_EQ(table["children"], Json::parse(R"(["score"])"));
  Json impact = Body(w->Get("/api/v1/impact/hive.mart_geo.cell_events_mart.dt?kinds=deployment"));
  ASSERT_EQ(impact["deployments"].size(), 1u);
  EXPECT_EQ(impact["deployments"][0]["fqn"], "seldon.trip_churn_prod");
  r = w->Post("/api/v1/manifests?file=trip.yaml", yaml, "application/yaml");
  EXPECT_EQ(Body(r)["models"][0]["changed"], false);
}

TEST_F(ServerTest, ManifestTakeOverAndStrictOverHttp) {
  auto w = server_->Client(writer_);
  const std::string other = "model: mlflow_b2c.churn_scoring\nowners: [team:geo_data]\n";
  auto r = w->Post("/api/v1/manifests?take_over=true&dry_run=true", other, "application/yaml");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["models"][0]["diff"][0], "~ model mlflow_b2c.churn_scoring: owners");
  const std::string typo = "model: mlflow_b2c.new_model\nowners: [team:geo_dta]\n";
  r = w->Post("/api/v1/manifests?dry_run=true&file=new.yaml", typo, "application/yaml");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["warnings"], Json::parse(R"([{"file": "new.yaml", "line": 2,
      "message": "unknown team team:geo_dta: it has no contacts, so nobody is notified",
      "candidates": ["team:geo_data"]}])"));
}

TEST_F(ServerTest, DeleteAssetShowsItsImpactAndIsForWriters) {
  const std::string path = "/api/v1/assets/hive.mart_geo.cell_events_mart";
  EXPECT_EQ(server_->Client(reader_)->Delete(path)->status, 403);
  EXPECT_EQ(server_->Client()->Delete(path)->status, 401);
  auto w = server_->Client(writer_);
  auto r = w->Delete(path + "?dry_run=true");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r), Json::parse(R"({"fqn": "hive.mart_geo.cell_events_mart", "kind": "table",
      "dry_run": true, "deleted": 6, "links": 21,
      "impact": {"models": ["mlflow_b2c.arpu_forecast", "mlflow_b2c.credit_scoring"],
                 "dashboards": ["qlik.geo_cell_events_overview"],
                 "deployments": ["seldon.credit_scoring_prod"],
                 "teams": ["geo_data", "scoring_ds"]}})"));
  EXPECT_EQ(w->Get(path)->status, 200);  // a dry run deletes nothing
  r = w->Delete(path);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["deleted"], 6);
  EXPECT_EQ(Body(r)["dry_run"], false);
  EXPECT_EQ(w->Get(path)->status, 404);
  EXPECT_EQ(w->Get(path + ".dt")->status, 404);
}

// team, subscribe and delete print over --server what they print on the file.
TEST_F(ServerTest, TeamSubscribeDeleteWithCliOverServer) {
  std::string db = dir_ + "/linea.db";
  CliResult set = Linea({"team", "set", "risk", "--contact", "email:risk@example.com"}, writer_);
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(set.out, "team risk set: 1 contact\n");
  CliResult sub = Linea({"subscribe", "team:risk", "--domain", "scoring"}, writer_);
  ASSERT_EQ(sub.exit_code, 0) << sub.err;
  EXPECT_EQ(sub.out, "team:risk follows domain scoring\n");
  for (std::vector<std::string> args :
       {std::vector<std::string>{"team", "list"},
        {"team", "show", "risk"},
        {"subscribe", "--list"},
        {"delete", "hive.mart_geo.cell_events_mart", "--dry-run"}}) {
    // An admin sees contacts as the file's owner does; others see them redacted.
    CliResult remote = Linea(args, admin_);
    EXPECT_EQ(remote.exit_code, 0) << remote.err;
    args.push_back("--db");
    args.push_back(db);
    CliResult local = RunLinea(args);
    EXPECT_EQ(remote.out, local.out) << args[0];
  }
  EXPECT_THAT(Linea({"team", "show", "risk"}).out, HasSubstr("subscriptions  domain scoring\n"));
  // Writes need a writer token: one line, exit 2, nothing changed.
  for (std::vector<std::string> args : {std::vector<std::string>{"team", "set", "risk"},
                                        {"subscribe", "team:risk", "--domain", "geo"},
                                        {"delete", "hive.mart_geo.cell_events_mart", "--yes"}}) {
    CliResult denied = Linea(args, reader_);
    EXPECT_EQ(denied.exit_code, 2) << args[0];
    EXPECT_THAT(denied.err, HasSubstr("needs writer")) << args[0];
    EXPECT_EQ(std::count(denied.err.begin(), denied.err.end(), '\n'), 1) << denied.err;
  }
  EXPECT_THAT(Linea({"team", "show", "risk"}).out, HasSubstr("email risk@example.com"));
  CliResult gone = Linea({"delete", "hive.mart_geo.cell_events_mart", "--yes"}, writer_);
  ASSERT_EQ(gone.exit_code, 0) << gone.err;
  EXPECT_EQ(server_->Client()->Get("/api/v1/assets/hive.mart_geo.cell_events_mart")->status, 404);
}

TEST_F(ServerTest, TokenRoles) {
  std::string doc = R"({"assets": [{"fqn": "hive.x.t", "kind": "table"}]})";
  EXPECT_EQ(server_->Client()->Put("/api/v1/catalog", doc, "application/json")->status, 401);
  EXPECT_EQ(server_->Client("lin_bogus")->Get("/api/v1/search?q=x")->status, 401);
  auto r = server_->Client(reader_)->Put("/api/v1/catalog", doc, "application/json");
  EXPECT_EQ(r->status, 403);
  EXPECT_THAT(Body(r)["error"]["message"].get<std::string>(), HasSubstr("needs writer"));
  EXPECT_EQ(server_->Client(writer_)->Get("/api/v1/tokens")->status, 403);
  // Admin manages tokens.
  auto a = server_->Client(admin_);
  r = a->Post("/api/v1/tokens", R"({"name": "tmp", "role": "writer"})", "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  std::string tmp = Body(r)["token"];
  EXPECT_EQ(server_->Client(tmp)->Put("/api/v1/catalog", doc, "application/json")->status, 200);
  EXPECT_EQ(a->Delete("/api/v1/tokens/tmp")->status, 200);
  EXPECT_EQ(server_->Client(tmp)->Put("/api/v1/catalog", doc, "application/json")->status, 401);
  Json list = Body(a->Get("/api/v1/tokens"));
  EXPECT_EQ(list["tokens"].size(), 4u);
  EXPECT_EQ(list["tokens"][0].count("token"), 0u);  // never the secret
  // Reads are open by default.
  EXPECT_EQ(server_->Client()->Get("/api/v1/search?q=dt")->status, 200);
}

TEST(ServerAuthOptionsTest, ReadsCanRequireAToken) {
  server::ServerOptions options;
  options.require_auth_for_reads = true;
  TestServer s(testing::FreshTestDir() + "/linea.db", options);
  std::string reader = *s.app().tokens().Create("r", auth::Role::kReader, std::nullopt, catalog::Writer::Local("test"));
  EXPECT_EQ(s.Client()->Get("/api/v1/search?q=dt")->status, 401);
  EXPECT_EQ(s.Client(reader)->Get("/api/v1/search?q=dt")->status, 200);
  EXPECT_EQ(s.Client()->Get("/healthz")->status, 200);
}

TEST(ServerAuthOptionsTest, NoAuthOnlyOnLoopback) {
  std::string dir = testing::FreshTestDir();
  CliResult r = RunLinea({"serve", "--db", dir + "/x.db", "--no-auth", "--listen", "0.0.0.0:0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--no-auth is only allowed on a loopback address"));
  server::ServerOptions options;
  options.no_auth = true;
  TestServer s(dir + "/linea.db", options);
  EXPECT_EQ(s.Client()->Put("/api/v1/teams", R"({"name": "t"})", "application/json")->status, 200);
}

class ServerBadInputTest : public ServerTest {
 protected:
  void SetUp() override {
    server::ServerOptions options;
    options.max_body_bytes = 4096;
    Start(options);
    before_ = Export();
  }
  void TearDown() override {
    EXPECT_EQ(Export(), before_) << "a bad request changed the catalog";
    EXPECT_EQ(server_->Client()->Get("/healthz")->status, 200) << "server died";
  }
  std::string before_;
};

TEST_F(ServerBadInputTest, NonJsonBody) {
  auto r = server_->Client(writer_)->Put("/api/v1/catalog", "{not json", "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_THAT(Body(r)["error"]["message"].get<std::string>(), HasSubstr("malformed JSON"));
}

TEST_F(ServerBadInputTest, WrongTypedFieldIsNamed) {
  auto r = server_->Client(writer_)->Put(
      "/api/v1/catalog", R"({"assets": [{"fqn": "hive.a.b", "kind": 7}]})", "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["message"], "assets[0].kind: expected a string");
  r = server_->Client(writer_)->Put("/api/v1/lineage/edges", R"({"edges": []})",
                                    "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_THAT(Body(r)["error"]["message"].get<std::string>(), HasSubstr("provenance"));
}

TEST_F(ServerBadInputTest, PartOfADocumentIsNeverApplied) {
  auto r = server_->Client(writer_)->Put(
      "/api/v1/catalog",
      R"({"assets": [{"fqn": "hive.x.fine", "kind": "table"}],
          "edges": [{"from": "hive.x.fine", "to": "hive.x.missing"}]})",
      "application/json");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorCode(r), "not_found");
}

TEST_F(ServerBadInputTest, BodyOverTheLimitIs413) {
  std::string big = R"({"assets": [], "pad": ")" + std::string(8192, 'x') + "\"}";
  auto r = server_->Client(writer_)->Put("/api/v1/catalog", big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorCode(r), "payload_too_large");
}

TEST_F(ServerBadInputTest, UnknownRouteWrongMethodBadEncodingBadParams) {
  auto c = server_->Client(writer_);
  auto r = c->Get("/api/v2/nothing");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorCode(r), "not_found");
  r = c->Delete("/api/v1/search");
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(ErrorCode(r), "method_not_allowed");
  r = c->Get("/api/v1/impact/hive.raw_geo%zz");
  EXPECT_EQ(r->status, 400);
  r = c->Get(std::string("/api/v1/impact/") + kBusy + "?depth=deep");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["message"], "depth: expected a non-negative integer, got \"deep\"");
  r = c->Get("/api/v1/lineage/hive.raw_geo.cell_events?direction=sideways");
  EXPECT_EQ(r->status, 400);
  r = c->Get("/api/v1/search?q=");
  EXPECT_EQ(r->status, 400);
}

TEST_F(ServerBadInputTest, ManifestForAModelAnotherTeamOwnsIs409) {
  const std::string other = "model: mlflow_b2c.churn_scoring\nowners: [team:geo_data]\n";
  auto r = server_->Client(writer_)->Post("/api/v1/manifests?file=other.yaml", other,
                                          "application/yaml");
  EXPECT_EQ(r->status, 409);
  Json error = Body(r)["error"];
  EXPECT_EQ(error["code"], "failed_precondition");
  EXPECT_EQ(error["message"], "1 problem found; nothing applied");
  EXPECT_EQ(error["details"]["problems"][0]["message"],
            "model mlflow_b2c.churn_scoring is owned by manifest:mlflow_b2c.churn_scoring "
            "(team:scoring_ds), and this manifest names team:geo_data; rename the model, or "
            "replace it with --take-over (?take_over=true)");
  r = server_->Client(writer_)->Post("/api/v1/manifests?take_over=perhaps", other,
                                     "application/yaml");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["message"], "take_over: expected true or false, got \"perhaps\"");
}

TEST_F(ServerBadInputTest, StrictManifestWithUnknownTeamIs400) {
  const std::string typo = "model: mlflow_b2c.new_model\nowners: [team:geo_dta]\n";
  auto r = server_->Client(writer_)->Post("/api/v1/manifests?strict=true&file=new.yaml", typo,
                                          "application/yaml");
  EXPECT_EQ(r->status, 400);
  Json error = Body(r)["error"];
  EXPECT_EQ(error["code"], "invalid_argument");
  EXPECT_EQ(error["details"]["problems"][0]["candidates"], Json::parse(R"(["team:geo_data"])"));
}

TEST_F(ServerBadInputTest, UnknownFqnIs404WithCandidates) {
  auto r = server_->Client()->Get("/api/v1/impact/hive.raw_geo.cell_events.distance_kx");
  EXPECT_EQ(r->status, 404);
  Json body = Body(r);
  EXPECT_EQ(body["error"]["details"]["candidates"][0], "hive.raw_geo.cell_events.distance_km");
  r = server_->Client(writer_)->Delete("/api/v1/assets/hive.nope.nothing");
  EXPECT_EQ(r->status, 404);
  r = server_->Client(writer_)->Delete("/api/v1/assets/mlflow_b2c.chrun_scoring?dry_run=true");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(Body(r)["error"]["details"]["candidates"][0], "mlflow_b2c.churn_scoring");
  r = server_->Client(writer_)->Delete("/api/v1/assets/mlflow_b2c.churn_scoring?dry_run=maybe");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["message"], "dry_run: expected true or false, got \"maybe\"");
  r = server_->Client(writer_)->Delete("/api/v1/assets/hive..x");
  EXPECT_EQ(r->status, 400);
}

TEST_F(ServerTest, ReadersNeverSeeAHalfAppliedManifest) {
  // A writer flips a model between two feature sets; every concurrent impact sees one or the
  // other in full (2 features hit with set A, 0 with set B), never a mix.
  auto manifest = [](bool a) {
    std::string src = a ? "hive.mart_geo.cell_events_mart.distance_km_cnt_1d_ratio"
                        : "hive.mart_geo.cell_events_mart.msisdn";
    return "model: mlflow_b2c.flip\nfeatures:\n  - name: f1\n    sources: [" + src +
           "]\n  - name: f2\n    sources: [" + src + "]\n";
  };
  auto w = server_->Client(writer_);
  ASSERT_EQ(w->Post("/api/v1/manifests", manifest(true), "application/yaml")->status, 200);
  std::atomic<bool> done{false};
  std::atomic<int> mixed{0}, reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      auto c = server_->Client();
      while (!done) {
        Json j = Json::parse(
            c->Get("/api/v1/impact/hive.agg_geo.cell_events_daily.distance_km_cnt_1d?kinds=model")
                ->body);
        for (const Json& m : j["models"]) {
          if (m["fqn"] == "mlflow_b2c.flip" && m["features"].size() != 2) ++mixed;
        }
        ++reads;
      }
    });
  }
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(w->Post("/api/v1/manifests", manifest(i % 2 == 1), "application/yaml")->status, 200);
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(mixed, 0);
  EXPECT_GT(reads, 0);
}

// GET /api/v1/assets/{fqn} reads attributes from the store and children from the graph: both
// must come from one state. A writer flips a model between (description A, features f1 f2) and
// (description B, feature g1); no reader may see A's description with g1 or the reverse.
TEST_F(ServerTest, AssetReadsAreNeverTorn) {
  auto manifest = [](bool a) {
    std::string src = "hive.mart_geo.cell_events_mart.msisdn";
    return std::string("model: mlflow_b2c.flip\ndescription: ") + (a ? "set A" : "set B") +
           "\nfeatures:\n" +
           (a ? "  - name: f1\n    sources: [" + src + "]\n  - name: f2\n    sources: [" + src +
                    "]\n"
              : "  - name: g1\n    sources: [" + src + "]\n");
  };
  auto w = server_->Client(writer_);
  ASSERT_EQ(w->Post("/api/v1/manifests", manifest(true), "application/yaml")->status, 200);
  std::atomic<bool> done{false};
  std::atomic<int> torn{0}, reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      auto c = server_->Client();
      while (!done) {
        auto r = c->Get("/api/v1/assets/mlflow_b2c.flip");
        if (!r || r->status != 200) continue;
        Json j = Json::parse(r->body);
        const bool a = j["description"] == "set A";
        const Json expected = a ? Json::parse(R"(["f1", "f2"])") : Json::parse(R"(["g1"])");
        if (j["children"] != expected) ++torn;
        ++reads;
      }
    });
  }
  for (int i = 0; i < 200; ++i) {
    ASSERT_EQ(w->Post("/api/v1/manifests", manifest(i % 2 == 1), "application/yaml")->status, 200);
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(torn, 0) << "of " << reads << " reads";
  EXPECT_GT(reads, 100);
}

TEST_F(ServerTest, MetricsCountRequestsByRouteAndStatus) {
  auto c = server_->Client();
  c->Get(std::string("/api/v1/impact/") + kBusy);
  c->Get("/api/v1/impact/nope.nope");
  std::string text = c->Get("/metrics")->body;
  EXPECT_THAT(text, HasSubstr("linea_http_requests_total{route=\"/api/v1/impact/{fqn}\","
                              "method=\"GET\",status=\"200\"} 1"));
  EXPECT_THAT(text, HasSubstr("status=\"404\"} 1"));
  EXPECT_THAT(text, HasSubstr("linea_http_request_duration_seconds_count{route=\"/api/v1/impact/{fqn}\"} 2"));
  EXPECT_THAT(text, HasSubstr("linea_graph_assets 123"));
  EXPECT_THAT(text, HasSubstr("linea_store_errors_total 0"));
}

}  // namespace
}  // namespace linea

namespace linea {
namespace {

// `linea serve` as its own process: SIGTERM stops it cleanly (exit 0), the access log has a
// line per request, and every committed write is there when the file is opened again.
TEST(ServeProcessTest, SigtermStopsGracefullyAndKeepsCommittedWrites) {
  std::string dir = testing::FreshTestDir();
  std::string db = dir + "/linea.db";
  ASSERT_EQ(RunLinea({"generate", "--scale", "tiny", "--db", db}).exit_code, 0);
  testing::Spawned server =
      testing::SpawnLinea({"serve", "--db", db, "--listen", "127.0.0.1:0", "--no-auth"});
  std::string banner = testing::WaitForText(server.err_path, "on http://127.0.0.1:");
  ASSERT_FALSE(banner.empty()) << "server did not start";
  size_t at = banner.find("on http://127.0.0.1:") + 20;
  int port = std::stoi(banner.substr(at));
  httplib::Client c("127.0.0.1", port);
  auto r = c.Put("/api/v1/catalog", R"({"assets": [{"fqn": "hive.x.committed", "kind": "table"}]})",
                 "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(c.Get("/api/v1/catalog")->status, 200);
  EXPECT_EQ(testing::StopSpawned(server, SIGTERM), 0);
  std::string log = testing::ReadFile(server.err_path);
  EXPECT_THAT(log, HasSubstr("SIGTERM received"));
  EXPECT_THAT(log, HasSubstr("linea: stopped"));
  EXPECT_THAT(log, HasSubstr("\"route\":\"/api/v1/catalog\",\"status\":200"));  // access log
  CliResult after = RunLinea({"search", "committed", "--db", db, "--json"});
  EXPECT_THAT(after.out, HasSubstr("hive.x.committed"));
}

}  // namespace
}  // namespace linea

namespace linea {
namespace {

TEST_F(ServerTest, SqlLineageAnalysesForAnyoneAndAppliesForWriters) {
  std::string body = R"({"dialect": "hive", "default_database": "mart_geo",
      "sql": "INSERT OVERWRITE TABLE reports.cell_mart SELECT cell_id, msisdn FROM cell_events_mart WHERE dt > '2026'; SELEC 1",
      "apply": false})";
  auto r = server_->Client()->Post("/api/v1/sql/lineage", body, "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  Json j = Body(r);
  ASSERT_EQ(j["statements"].size(), 2u);
  EXPECT_EQ(j["statements"][0]["targets"], Json::parse(R"(["reports.cell_mart"])"));
  EXPECT_EQ(j["statements"][0]["columns"][0]["target"], "reports.cell_mart.cell_id");
  EXPECT_EQ(j["statements"][0]["indirect"], Json::parse(R"(["mart_geo.cell_events_mart.dt"])"));
  EXPECT_FALSE(j["statements"][1]["error"].is_null());
  EXPECT_FALSE(j.contains("applied"));

  std::string apply = body;
  apply.replace(apply.find("\"apply\": false"), 14, "\"apply\": true");
  EXPECT_EQ(server_->Client()->Post("/api/v1/sql/lineage", apply, "application/json")->status, 403);
  EXPECT_EQ(server_->Client(reader_)->Post("/api/v1/sql/lineage", apply, "application/json")->status,
            403);
  r = server_->Client(writer_)->Post("/api/v1/sql/lineage", apply, "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  // cell_id, msisdn, plus dt (indirect) into both target columns.
  EXPECT_EQ(Body(r)["applied"]["edges"], 4);
  Json up = Body(server_->Client()->Get("/api/v1/upstream/hive.reports.cell_mart.msisdn?depth=1"));
  std::vector<std::string> sources;
  for (const Json& s : up["sources"]) sources.push_back(s["fqn"]);
  EXPECT_THAT(sources, ::testing::Contains("hive.mart_geo.cell_events_mart.msisdn"));
  EXPECT_THAT(sources, ::testing::Contains("hive.mart_geo.cell_events_mart.dt"));

  r = server_->Client()->Post("/api/v1/sql/lineage", R"({"sql": 5})", "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["message"], "sql: expected a string");
  r = server_->Client()->Post("/api/v1/sql/lineage", R"({"sql": "", "dialect": "oracle"})",
                              "application/json");
  EXPECT_EQ(r->status, 400);
}

}  // namespace
}  // namespace linea

namespace linea {
namespace {

// Hardening #8: writer tokens scoped to their domain, over real HTTP.
TEST_F(ServerTest, ScopedWritersChangeOnlyTheirDomainTeamsAndProvenances) {
  auto admin = server_->Client(admin_);
  ASSERT_EQ(admin->Put("/api/v1/catalog", R"({
      "assets": [{"fqn": "hive.geo.moves", "kind": "table", "domain": "geo"},
                 {"fqn": "hive.crm.churn", "kind": "table", "domain": "crm"}],
      "teams": [{"name": "geo", "contacts": [{"type": "email", "address": "geo@example.com"}]},
                {"name": "crm", "contacts": [{"type": "email", "address": "crm@example.com"}]}]})",
                       "application/json")->status,
            200);
  auto created = admin->Post("/api/v1/tokens", R"({"name": "ci-geo", "role": "writer",
      "scope": {"domains": ["geo"], "provenances": ["manifest:geo/"], "teams": ["geo"]}})",
                             "application/json");
  ASSERT_EQ(created->status, 200) << created->body;
  EXPECT_EQ(Body(created)["scope"],
            Json::parse(R"({"domains": ["geo"], "prefixes": [], "provenances": ["manifest:geo/"],
                            "teams": ["geo"]})"));
  auto geo = server_->Client(Body(created)["token"].get<std::string>());

  auto own = geo->Put("/api/v1/catalog",
                      R"({"assets": [{"fqn": "hive.geo.moves", "kind": "table", "domain": "geo",
                                      "description": "moves per day"}]})",
                      "application/json");
  EXPECT_EQ(own->status, 200) << own->body;
  auto other = geo->Put("/api/v1/catalog",
                        R"({"assets": [{"fqn": "hive.crm.churn", "kind": "table",
                                        "domain": "crm", "description": "mine now"}]})",
                        "application/json");
  EXPECT_EQ(other->status, 403);
  EXPECT_EQ(ErrorCode(other), "permission_denied");
  EXPECT_EQ(Body(other)["error"]["message"],
            "token ci-geo may not change hive.crm.churn (domain crm): its scope covers domains "
            "[geo]");
  auto hijack = geo->Put("/api/v1/teams",
                         R"({"name": "crm", "contacts": [{"type": "webhook",
                             "url": "https://attacker.example/hook"}]})",
                         "application/json");
  EXPECT_EQ(hijack->status, 403);
  EXPECT_EQ(Body(server_->Client()->Get("/api/v1/teams/crm"))["contacts"][0]["type"], "email");
  auto wipe = geo->Put("/api/v1/lineage/edges",
                       R"({"provenance": "manifest:crm/churn", "edges": []})", "application/json");
  EXPECT_EQ(wipe->status, 403) << wipe->body;
  auto subscribe = geo->Put("/api/v1/subscriptions",
                            R"({"subscriber": "team:crm", "asset": "hive.geo.moves"})",
                            "application/json");
  EXPECT_EQ(subscribe->status, 403) << subscribe->body;

  // Deleting a service needs an admin, whatever the writer's scope.
  auto service = server_->Client(writer_)->Delete("/api/v1/assets/hive");
  EXPECT_EQ(service->status, 403);
  EXPECT_THAT(Body(service)["error"]["message"].get<std::string>(),
              ::testing::MatchesRegex("deleting hive \\(a service, [0-9]+ assets\\) needs an "
                                      "admin token"));
  EXPECT_EQ(server_->Client()->Get("/api/v1/assets/hive.geo.moves")->status, 200);

  // Readers and admins carry no scope.
  auto scoped_reader = admin->Post(
      "/api/v1/tokens", R"({"name": "r", "role": "reader", "scope": {"teams": ["geo"]}})",
      "application/json");
  EXPECT_EQ(scoped_reader->status, 400);
  Json tokens = Body(admin->Get("/api/v1/tokens"))["tokens"];
  ASSERT_EQ(tokens[0]["name"], "ci-geo");
  EXPECT_EQ(tokens[0]["scope"]["domains"], Json::array({"geo"}));
  EXPECT_TRUE(tokens[1]["scope"].is_null());  // ci-scoring: every scope, as before
}

}  // namespace
}  // namespace linea
