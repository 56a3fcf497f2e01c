// src/incident/testing/fixture.h (tests only): the SQLite catalog fixture holding a small mesh
// whose teams have webhook contacts on a loopback receiver, with the incident (and run) state
// registered, a fake clock, and signature checks.
//
//   hive.raw.events.user_id → hive.mart.users.uid → mlflow.{churn,ltv,fraud,geo_mix,silent}
//   (one feature each); hive.mart.users → qlik.users (dashboard); mlflow.fraud →
//   seldon.fraud_prod (deployment).
//   owners: hive.* team:data (domain raw); churn, ltv team:alpha (scoring); fraud, qlik.users,
//   seldon.fraud_prod team:beta (risk); geo_mix team:gamma (geo); silent team:quiet (scoring).
//   teams alpha, beta, gamma, data, watch: one webhook each, <receiver>/<team>, secret
//   "secret-<team>"; quiet: no contacts. team:watch follows the domain "geo".
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"
#include "incident/incident_state.h"
#include "incident/incident_write.h"
#include "incident/outbox.h"
#include "incident/service.h"
#include "notify/testing/http_receiver.h"
#include "runs/run_state.h"

namespace linea::incident::testing {

inline constexpr int64_t kStartMs = 1800000000000;  // the fake clock's first reading
inline constexpr char kBroken[] = "hive.raw.events.user_id";

inline model::Asset MeshAsset(std::string fqn, model::AssetKind kind,
                              std::vector<std::string> owners = {}, std::string domain = "") {
  model::Asset a;
  a.fqn = std::move(fqn);
  a.kind = kind;
  a.owners = std::move(owners);
  a.domain = std::move(domain);
  return a;
}

inline model::Edge MeshEdge(std::string from, std::string to) {
  model::Edge e;
  e.from = std::move(from);
  e.to = std::move(to);
  e.kind = model::EdgeKind::kIdentity;
  return e;
}

inline model::Team WebhookTeam(const std::string& name, const std::string& url) {
  return {name, "", {{"webhook", {{"url", url}, {"secret", "secret-" + name}}}}};
}

// The mesh above; `team_url(name)` is each team's webhook URL.
template <typename UrlFn>
model::Delta IncidentMesh(UrlFn team_url) {
  using K = model::AssetKind;
  model::Delta d;
  auto& a = d.upsert_assets;
  for (const char* s : {"hive", "mlflow", "qlik", "seldon"}) a.push_back(MeshAsset(s, K::kService));
  a.push_back(MeshAsset("hive.raw.events", K::kTable, {"team:data"}, "raw"));
  a.push_back(MeshAsset("hive.raw.events.user_id", K::kColumn));
  a.push_back(MeshAsset("hive.mart.users", K::kTable, {"team:data"}, "raw"));
  a.push_back(MeshAsset("hive.mart.users.uid", K::kColumn));
  const std::vector<std::tuple<std::string, std::string, std::string>> models = {
      {"churn", "team:alpha", "scoring"},
      {"ltv", "team:alpha", "scoring"},
      {"fraud", "team:beta", "risk"},
      {"geo_mix", "team:gamma", "geo"},
      {"silent", "team:quiet", "scoring"}};
  std::vector<model::Edge> edges = {MeshEdge("hive.raw.events.user_id", "hive.mart.users.uid"),
                                    MeshEdge("hive.mart.users", "qlik.users"),
                                    MeshEdge("mlflow.fraud", "seldon.fraud_prod")};
  for (const auto& [name, owner, domain] : models) {
    a.push_back(MeshAsset("mlflow." + name, K::kModel, {owner}, domain));
    a.push_back(MeshAsset("mlflow." + name + ".f", K::kFeature));
    edges.push_back(MeshEdge("hive.mart.users.uid", "mlflow." + name + ".f"));
  }
  a.push_back(MeshAsset("qlik.users", K::kDashboard, {"team:beta"}, "risk"));
  a.push_back(MeshAsset("seldon.fraud_prod", K::kDeployment, {"team:beta"}, "risk"));
  d.replace_edges.push_back({"test:mesh", std::move(edges)});
  for (const char* team : {"alpha", "beta", "gamma", "data", "watch"}) {
    d.upsert_teams.push_back(WebhookTeam(team, team_url(team)));
  }
  d.upsert_teams.push_back({"quiet", "no contacts", {}});
  return d;
}

// The mesh's subscriptions: team:watch follows the domain "geo".
inline std::vector<model::Subscription> IncidentMeshSubscriptions() {
  return {{"team:watch", "domain", "geo"}};
}

// "v1," + base64(HMAC-SHA256(secret bytes, "<id>.<timestamp>.<body>")), computed with OpenSSL
// as a receiver would.
inline std::string ExpectedSignature(const std::string& secret, const std::string& id,
                                     const std::string& timestamp, const std::string& body) {
  const std::string content = id + "." + timestamp + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(content.data()), content.size(), mac, &mac_size);
  unsigned char b64[128];
  EVP_EncodeBlock(b64, mac, static_cast<int>(mac_size));
  return "v1," + std::string(reinterpret_cast<char*>(b64));
}

// True when the Standard Webhooks headers are present and the signature matches `secret`.
inline bool SignatureVerifies(const notify::testing::ReceivedRequest& r,
                              const std::string& secret) {
  auto id = r.headers.find("webhook-id");
  auto ts = r.headers.find("webhook-timestamp");
  auto sig = r.headers.find("webhook-signature");
  if (id == r.headers.end() || ts == r.headers.end() || sig == r.headers.end()) return false;
  return sig->second == ExpectedSignature(secret, id->second, ts->second, r.body);
}

class IncidentFixture : public catalog::testing::SqliteCatalogTest {
 protected:
  void SetUp() override {
    SqliteCatalogTest::SetUp();
    ASSERT_THAT(catalog_->Apply(IncidentMesh(
                    [&](const std::string& team) { return receiver_.url("/" + team); })),
                ::linea::testing::IsOk());
    ASSERT_THAT(service_->ChangeSubscriptions(IncidentMeshSubscriptions(), false,
                                              catalog::Writer::Local("test")),
                ::linea::testing::IsOk());
  }

  // The incident and run state over the (re)opened catalog, and the service.
  void OnOpen() override {
    auto state = IncidentState::Load(catalog_->store().incidents());
    ASSERT_THAT(state, ::linea::testing::IsOk());
    state_ = std::move(*state);
    catalog_->AddDomain(state_.get());
    auto runs = runs::RunState::Load(catalog_->store().runs());
    ASSERT_THAT(runs, ::linea::testing::IsOk());
    runs_ = std::move(*runs);
    catalog_->AddDomain(runs_.get());
    service_ = std::make_unique<IncidentService>(
        catalog_.get(), state_.get(),
        ServiceOptions{.public_url = "https://linea.example",
                       .clock_ms = [this] { return now_.load(); }});
  }
  void OnClose() override {
    service_.reset();
    state_.reset();
    runs_.reset();
  }

  // Upstream of `fqn` with the evidence of open incidents (and failed runs).
  Result<graph::UpstreamReport> Upstream(std::string_view fqn) {
    graph::UpstreamOptions options;
    options.evidence = [this](std::string_view source) { return state_->EvidenceFor(source); };
    return catalog_->Upstream(fqn, options);
  }

  OutboxOptions FastOutbox() {
    // The receivers listen on loopback, which deliveries may reach only when allowed.
    return {.transport = {.connect_timeout_ms = 2000,
                          .total_timeout_ms = 10000,
                          .allowed_targets = *notify::ParseCidrs({"127.0.0.0/8"})},
            .render = {.public_url = "https://linea.example"},
            .workers = 2,
            .base_backoff_ms = 10,
            .max_backoff_ms = 1000,
            .give_up_after_ms = 60000,
            .poll_ms = 20,
            .clock_ms = [this] { return now_.load(); }};
  }

  // Replaces team `name`'s contacts with one webhook to `url`.
  void PointTeamAt(const std::string& name, const std::string& url) {
    model::Delta d;
    d.upsert_teams.push_back(WebhookTeam(name, url));
    ASSERT_THAT(catalog_->Apply(std::move(d)), ::linea::testing::IsOk());
  }

  model::Incident OpenBroken(const std::string& asset = kBroken) {
    Result<OpenOutcome> out =
        service_->Open({.asset = asset, .title = "user ids nulled", .severity = "critical"});
    EXPECT_THAT(out, ::linea::testing::IsOk());
    return out.ok() ? out->incident : model::Incident{};
  }

  // Deliveries of `incident_id` by team ("team:x"), for one event.
  std::map<std::string, model::Delivery> DeliveriesByTeam(const std::string& incident_id,
                                                          const std::string& event) {
    std::map<std::string, model::Delivery> out;
    auto all = state_->DeliveriesOf(incident_id);
    EXPECT_THAT(all, ::linea::testing::IsOk());
    if (!all.ok()) return out;
    for (model::Delivery& d : *all) {
      if (d.event == event) out[d.team] = std::move(d);
    }
    return out;
  }

  // Received requests by path ("/alpha"), bodies parsed.
  static std::map<std::string, std::vector<nlohmann::json>> BodiesByPath(
      const std::vector<notify::testing::ReceivedRequest>& requests) {
    std::map<std::string, std::vector<nlohmann::json>> out;
    for (const auto& r : requests) out[r.path].push_back(nlohmann::json::parse(r.body));
    return out;
  }

  std::atomic<int64_t> now_{kStartMs};
  notify::testing::HttpReceiver receiver_;
  std::unique_ptr<IncidentState> state_;
  std::unique_ptr<runs::RunState> runs_;
  std::unique_ptr<IncidentService> service_;
};

}  // namespace linea::incident::testing
