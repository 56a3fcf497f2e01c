#include "app/app.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/connector_types.h"
#include "common/status_macros.h"
#include "common/time_text.h"
#include "quality/stability_report.h"
#include "qualitydigest/digest.h"

namespace linea::app {
namespace {

constexpr int64_t kHourMs = 60LL * 60 * 1000;
constexpr int64_t kDayMs = 24 * kHourMs;

// The day of the month (1-31) of `unix_ms`, UTC ("2026-12-07T…" → 7).
int UtcDayOfMonth(int64_t unix_ms) { return std::stoi(UtcText(unix_ms).substr(8, 2)); }

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Result<std::unique_ptr<App>> App::Open(std::unique_ptr<store::Store> store, AppOptions options) {
  std::unique_ptr<App> app(new App(std::move(options)));
  LINEA_ASSIGN_OR_RETURN(app->catalog_, catalog::Catalog::Open(std::move(store)));
  catalog::Catalog& catalog = *app->catalog_;
  LINEA_ASSIGN_OR_RETURN(app->runs_, runs::RunState::Load(catalog.store().runs()));
  LINEA_ASSIGN_OR_RETURN(app->incidents_,
                         incident::IncidentState::Load(catalog.store().incidents()));
  LINEA_ASSIGN_OR_RETURN(app->tokens_, auth::TokenRegistry::Load(catalog));
  catalog.AddDomain(app->runs_.get());
  catalog.AddDomain(app->incidents_.get());
  catalog.AddDomain(app->tokens_.get());
  app->quality_ = std::make_unique<quality::QualityState>(catalog.store().quality());
  LINEA_RETURN_IF_ERROR(app->quality_->Reload());
  catalog.AddDomain(app->quality_.get());
  App* self = app.get();
  quality::QualityService::RecordedFn on_recorded;
  if (app->options_.quality_incidents) {
    on_recorded = [self](const quality::RecordOutcome& o) { self->ActOnQuality(o); };
  }
  app->quality_service_ = std::make_unique<quality::QualityService>(&catalog, app->quality_.get(),
                                                                    std::move(on_recorded));
  // After each applied event: the auto-incident policy, and the quality facets it carried.
  openlineage::Ingester::OutcomeFn on_applied = [self](const openlineage::EventOutcome& o) {
    if (self->options_.auto_incidents) self->OpenAutoIncidents(o);
    if (!o.quality_results.empty()) self->RecordQualityFacets(o.quality_results);
  };
  app->ingester_ = std::make_unique<openlineage::Ingester>(
      &catalog, app->runs_.get(), app->options_.namespaces, std::move(on_applied));
  app->incident_service_ = std::make_unique<incident::IncidentService>(
      &catalog, app->incidents_.get(),
      incident::ServiceOptions{.public_url = app->options_.public_url,
                               .clock_ms = app->options_.clock_ms});
  return app;
}

App::~App() { StopBackground(); }

std::vector<graph::Evidence> App::EvidenceFor(std::string_view fqn) const {
  std::vector<graph::Evidence> out = incidents_->EvidenceFor(fqn);
  for (graph::Evidence& e : runs_->EvidenceFor(fqn)) out.push_back(std::move(e));
  for (graph::Evidence& e : quality_->EvidenceFor(fqn)) out.push_back(std::move(e));
  return out;
}

std::vector<std::pair<std::string, std::string>> App::FlaggedAssets() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string& fqn : incidents_->AssetsWithIncidents()) out.emplace_back(std::move(fqn), "incident");
  for (std::string& fqn : runs_->AssetsWithFailures()) out.emplace_back(std::move(fqn), "run_failed");
  for (std::string& fqn : quality_->AssetsWithFailures()) {
    out.emplace_back(std::move(fqn), "check_failed");
  }
  return out;
}

void App::OpenAutoIncidents(const openlineage::EventOutcome& outcome) {
  bool queued = false;
  for (const std::string& asset : outcome.failed_outputs) {
    incident::OpenRequest request;
    request.asset = asset;
    request.title = "run " + outcome.run_id + " of " + outcome.job + " ended " + outcome.state;
    request.description = outcome.error_message;
    request.writer = catalog::Writer::System("openlineage", "auto-incident");
    Result<incident::OpenOutcome> opened = incident_service_->Open(request);
    if (!opened.ok()) {
      std::fprintf(stderr, "linea: auto-incident on %s: %s\n", asset.c_str(),
                   opened.status().ToString().c_str());
      continue;
    }
    queued |= opened->deliveries > 0;
  }
  if (queued) NotificationsQueued();
}

namespace {

// "PSI 0.31 against the reference (warn ≥ 0.10, fail ≥ 0.25): observed 0.31, reference 0.02"
std::string QualityDescription(const model::QualityResult& r) {
  std::string text = r.message;
  auto number = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return std::string(buf);
  };
  if (r.value) text += (text.empty() ? "" : "; ") + std::string("observed ") + number(*r.value);
  if (r.reference) text += ", reference " + number(*r.reference);
  if (!r.threshold.empty()) text += " (" + r.threshold + ")";
  return text;
}

}  // namespace

void App::ActOnQuality(const quality::RecordOutcome& outcome) {
  const catalog::Writer writer = catalog::Writer::System("quality", "quality incident policy");
  bool queued = false;
  for (const quality::Transition& t : outcome.failed) {
    incident::OpenRequest request;
    request.asset = t.result.asset;
    request.title = "quality check " + t.result.check + " (" + t.result.kind + ") failed on " +
                    t.result.asset + (t.result.period.empty() ? "" : " for " + t.result.period);
    request.description = QualityDescription(t.result);
    request.severity = t.check.severity == "low" ? "low" : "high";
    request.writer = writer;
    Result<incident::OpenOutcome> opened = incident_service_->Open(request);
    if (!opened.ok()) {
      std::fprintf(stderr, "linea: quality incident on %s: %s\n", t.result.asset.c_str(),
                   opened.status().ToString().c_str());
      continue;
    }
    queued |= opened->deliveries > 0;
  }
  for (const quality::Transition& t : outcome.recovered) {
    const std::string& asset = t.result.asset;
    if (quality_->HasFailure(asset)) continue;  // another check of the asset still fails
    std::optional<std::string> id = incidents_->UnresolvedOn(asset);
    if (!id) continue;
    Result<model::Incident> incident = incidents_->GetIncident(*id);
    // Only what this policy opened: a person's incident is theirs to resolve.
    if (!incident.ok() || incident->timeline.empty() ||
        incident->timeline.front().actor != writer.name) {
      continue;
    }
    Result<incident::Change> resolved =
        incident_service_->Resolve(*id, writer,
                                   "quality check " + t.result.check + " recovered" +
                                       (t.result.period.empty() ? "" : " for " + t.result.period) +
                                       ": " + QualityDescription(t.result));
    if (!resolved.ok()) {
      std::fprintf(stderr, "linea: resolving %s: %s\n", id->c_str(),
                   resolved.status().ToString().c_str());
      continue;
    }
    queued |= resolved->deliveries > 0;
  }
  if (queued) NotificationsQueued();
}

void App::RecordQualityFacets(std::vector<model::QualityResult> results) {
  // A facet may name a column the catalog does not hold (no schema facet): left out.
  std::erase_if(results, [this](const model::QualityResult& r) {
    return !catalog_->KindOf(catalog_->Resolve(r.asset));
  });
  if (results.empty()) return;
  Result<quality::RecordOutcome> recorded = quality_service_->Record(
      std::move(results), catalog::Writer::System("openlineage", "quality facets"));
  if (!recorded.ok()) {
    std::fprintf(stderr, "linea: quality facets: %s\n", recorded.status().ToString().c_str());
  }
}

void App::NotificationsQueued() {
  if (outbox_) outbox_->Wake();
}

incident::OutboxCounters App::outbox_counters() const {
  return outbox_ ? outbox_->counters() : incident::OutboxCounters{};
}

Result<int64_t> App::PendingDeliveries() const { return incidents_->CountPendingDeliveries(); }

void App::StartBackground(bool deliver_notifications) {
  if (housekeeper_.joinable()) return;
  if (deliver_notifications) {
    incident::OutboxOptions outbox = options_.outbox;
    outbox.render.public_url = options_.public_url;
    outbox_ =
        std::make_unique<incident::Outbox>(catalog_.get(), incidents_.get(), std::move(outbox));
    outbox_->Start();
  }
  if (scheduler_) scheduler_->Start();
  housekeeper_ = std::thread([this] { Housekeeping(); });
}

void App::EnableConnectors(std::vector<connectors::ConnectorConfig> configs) {
  scheduler_ = std::make_unique<connectors::Scheduler>(*catalog_, std::move(configs),
                                                       MakeConnectorSource);
}

void App::StopBackground() {
  {
    std::lock_guard<std::mutex> lock(housekeeping_mu_);
    stopping_ = true;
  }
  housekeeping_cv_.notify_all();
  if (housekeeper_.joinable()) housekeeper_.join();
  // A pull in progress finishes first (its groups are transactions either way).
  if (scheduler_) scheduler_->Stop();
  // A delivery in flight finishes first.
  if (outbox_) outbox_->Stop();
}

void App::Housekeeping() {
  std::unique_lock<std::mutex> lock(housekeeping_mu_);
  while (!housekeeping_cv_.wait_for(lock, std::chrono::seconds(2), [this] { return stopping_; })) {
    lock.unlock();
    Status reloaded = tokens_->Reload();
    if (!reloaded.ok()) {
      std::fprintf(stderr, "linea: reloading tokens: %s\n", reloaded.ToString().c_str());
    }
    MaybeRemind();
    MaybeQueueDigests();
    MaybePrune();
    lock.lock();
  }
}

void App::MaybeRemind() {
  if (options_.reminder_interval_ms <= 0) return;
  const int64_t now = NowMillis();
  const int64_t every = std::min<int64_t>(options_.reminder_interval_ms / 4, 60'000);
  if (now - last_reminder_check_ms_ < every) return;
  last_reminder_check_ms_ = now;
  Result<size_t> reminded = incident_service_->QueueReminders(options_.reminder_interval_ms);
  if (!reminded.ok()) {
    std::fprintf(stderr, "linea: reminders: %s\n", reminded.status().ToString().c_str());
  } else if (*reminded > 0) {
    NotificationsQueued();
  }
}

int64_t App::Now() const { return options_.clock_ms ? options_.clock_ms() : NowMillis(); }

Result<int64_t> App::PruneAudit() {
  if (options_.audit_retention_days <= 0) return 0;
  return catalog_->PruneAudit(Now() - options_.audit_retention_days * kDayMs);
}

Result<int64_t> App::PruneQualityResults() {
  if (options_.quality_retention_days <= 0) return 0;
  return quality_service_->PruneResults(Now() - options_.quality_retention_days * kDayMs);
}

void App::MaybePrune() {
  if (options_.audit_retention_days <= 0 && options_.quality_retention_days <= 0) return;
  const int64_t now = Now();
  if (last_prune_ms_ != 0 && now - last_prune_ms_ < kHourMs) return;
  last_prune_ms_ = now;
  Result<int64_t> pruned = PruneAudit();
  if (!pruned.ok()) {
    std::fprintf(stderr, "linea: audit retention: %s\n", pruned.status().ToString().c_str());
  }
  pruned = PruneQualityResults();
  if (!pruned.ok()) {
    std::fprintf(stderr, "linea: quality retention: %s\n", pruned.status().ToString().c_str());
  }
}

Result<std::optional<incident::DigestOutcome>> App::QueueDueDigests() {
  const int day = options_.quality_digest_day;
  const int64_t now = Now();
  if (day <= 0 || UtcDayOfMonth(now) < day) return std::optional<incident::DigestOutcome>();
  const std::string period = quality::PreviousMonth(now);
  // The period's digests are queued in one write: once any is there (an earlier start queued
  // them), building every model's report again would only find them all queued.
  LINEA_ASSIGN_OR_RETURN(std::vector<model::Delivery> queued,
                         incidents_->DeliveriesOf(incident::DigestId(period)));
  if (!queued.empty()) {
    incident::DigestOutcome outcome;
    outcome.already_queued = queued.size();
    return std::optional<incident::DigestOutcome>(std::move(outcome));
  }
  static const catalog::Writer kScheduler = catalog::Writer::System("scheduler", "quality digests");
  LINEA_ASSIGN_OR_RETURN(incident::DigestOutcome outcome,
                         qualitydigest::QueueDigests(*catalog_, *quality_, *incident_service_,
                                                     period, "", kScheduler));
  if (outcome.queued > 0) NotificationsQueued();
  return std::optional<incident::DigestOutcome>(std::move(outcome));
}

void App::MaybeQueueDigests() {
  if (options_.quality_digest_day <= 0) return;
  const int64_t now = Now();
  const std::string period = quality::PreviousMonth(now);
  if (digests_queued_for_ == period) return;
  // After a failure, try again a minute later (not at every tick: each try reads every report).
  if (last_digest_try_ms_ != 0 && now - last_digest_try_ms_ < 60'000) return;
  last_digest_try_ms_ = now;
  Result<std::optional<incident::DigestOutcome>> queued = QueueDueDigests();
  if (!queued.ok()) {
    std::fprintf(stderr, "linea: quality digests of %s: %s\n", period.c_str(),
                 queued.status().ToString().c_str());
    return;  // tried again a minute later
  }
  last_digest_try_ms_ = 0;
  if (!*queued) return;  // not the day yet
  digests_queued_for_ = period;
  if ((*queued)->queued == 0) return;
  size_t recipients = 0;
  for (const incident::DigestRecipient& r : (*queued)->recipients) recipients += r.queued > 0;
  std::fprintf(stderr, "linea: quality digests of %s: %zu deliveries queued for %zu recipients\n",
               period.c_str(), (*queued)->queued, recipients);
}

}  // namespace linea::app
