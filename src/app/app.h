// src/app/app.h: the composition root. Opens the store, builds the catalog (the lineage core)
// and the domains beside it — runs (OpenLineage runs, aliases, the event log), incidents,
// tokens — registers them with the catalog's write path, and builds the services over them:
// the OpenLineage ingester, the incident service, the notification outbox. The server and the
// CLI get everything from an App; nothing else wires modules together.
//
// Policies live here too: an OpenLineage FAIL/ABORT opens incidents on the run's outputs
// (auto_incidents), reminders and the monthly quality digests are queued on a schedule, tokens
// created by another process are picked up — by the background work a server starts with
// StartBackground().
//
// Thread safety: the accessors may be used from any thread; Start/StopBackground() from one.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "auth/token_registry.h"
#include "catalog/catalog.h"
#include "common/result.h"
#include "connectors/config.h"
#include "connectors/scheduler.h"
#include "graph/impact.h"
#include "incident/incident_state.h"
#include "incident/outbox.h"
#include "incident/service.h"
#include "ingest/openlineage/ingester.h"
#include "ingest/openlineage/naming.h"
#include "quality/quality_state.h"
#include "quality/service.h"
#include "runs/run_state.h"
#include "store/store.h"

namespace linea::app {

struct AppOptions {
  // OpenLineage namespace → service overrides (docs/openlineage.md). Default: none.
  openlineage::NamespaceMap namespaces;
  // The UI base URL for links in notifications (--public-url). Default: "".
  std::string public_url;
  // An OpenLineage FAIL/ABORT opens an incident on every output of the failed run.
  // Default: off.
  bool auto_incidents = false;
  // A quality check's fail opens an incident on its asset (or joins the open one), and its
  // recovery resolves the incident this policy opened (docs/quality.md). Default: on.
  bool quality_incidents = true;
  // Transport, rendering and backoff of the notification outbox; render.public_url is set from
  // `public_url`.
  incident::OutboxOptions outbox;
  // Remind the affected teams of unresolved incidents this often; 0 = never. Default: 4 h.
  int64_t reminder_interval_ms = 4LL * 60 * 60 * 1000;
  // Audit records (store/audit_store.h) older than this many days are removed by the
  // background work (at its first tick, then at most hourly); 0 = keep them forever.
  // Default: 365.
  int64_t audit_retention_days = 365;
  // Quality results (store/quality_store.h) measured longer ago than this many days are removed
  // by the same background work; 0 = keep them forever. Default: 730 (two years: a monthly
  // report's 12 periods and their references).
  int64_t quality_retention_days = 730;
  // From this day of each month on (1 to 28, UTC, by clock_ms), the background work queues the
  // previous month's quality digests to the teams owning measured models (QueueDueDigests());
  // 0 = never. Default: 1.
  int quality_digest_day = 1;
  // Current time in unix milliseconds for incidents and audit retention. Default (empty): the
  // system clock.
  std::function<int64_t()> clock_ms;
};

class App {
 public:
  // Builds everything over `store`. Errors: the store's (loading the catalog and the domains).
  static Result<std::unique_ptr<App>> Open(std::unique_ptr<store::Store> store,
                                           AppOptions options = {});
  ~App();  // StopBackground()
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  catalog::Catalog& catalog() { return *catalog_; }
  const catalog::Catalog& catalog() const { return *catalog_; }
  runs::RunState& runs() { return *runs_; }
  incident::IncidentState& incidents() { return *incidents_; }
  auth::TokenRegistry& tokens() { return *tokens_; }
  openlineage::Ingester& ingester() { return *ingester_; }
  // The OpenLineage namespace overrides the ingester names datasets with (--namespace-map).
  const openlineage::NamespaceMap& namespaces() const { return options_.namespaces; }
  incident::IncidentService& incident_service() { return *incident_service_; }
  quality::QualityState& quality() { return *quality_; }
  quality::QualityService& quality_service() { return *quality_service_; }

  // Evidence that `fqn` may be the cause of a degradation: its unresolved incident, its failed
  // run or failed quality assertions, its failing or warning quality checks — what upstream
  // ranks by.
  std::vector<graph::Evidence> EvidenceFor(std::string_view fqn) const;
  // Assets with such evidence and its kind: "incident", "run_failed" (failed run or failed
  // assertions) or "check_failed" (a failing quality check) — the lineage view's status
  // colours.
  std::vector<std::pair<std::string, std::string>> FlaggedAssets() const;

  // Schedules `configs` (linea serve --connectors): pulled by StartBackground()'s work, each
  // on its own schedule. Call before StartBackground(); the configs are already validated.
  void EnableConnectors(std::vector<connectors::ConnectorConfig> configs);
  // The connector scheduler; null when EnableConnectors() was not called.
  connectors::Scheduler* connector_scheduler() { return scheduler_.get(); }

  // The current time in unix milliseconds (AppOptions::clock_ms, else the system clock).
  int64_t NowMs() const { return Now(); }

  // A request queued notifications: the outbox sender (when running) sends them now.
  void NotificationsQueued();
  // The outbox sender's attempts so far, by outcome (zeros when it does not run), and the
  // deliveries waiting to be sent — for the server's /metrics. Call after StartBackground().
  incident::OutboxCounters outbox_counters() const;
  Result<int64_t> PendingDeliveries() const;

  // Removes the audit records older than audit_retention_days before now (by clock_ms);
  // returns how many (0 when the retention is 0: kept forever). The background work calls it.
  // Errors: the store's.
  Result<int64_t> PruneAudit();
  // Removes the quality results measured more than quality_retention_days before now; returns
  // how many (0 when the retention is 0). The background work calls it. Errors: the store's.
  Result<int64_t> PruneQualityResults();

  // The scheduled quality digests: once the day quality_digest_day of the current month (UTC,
  // by clock_ms) has come, queues the previous month's digests (qualitydigest/digest.h) to
  // every team owning a model measured in that month, in one write. Once the period has digests
  // queued, a later call builds nothing and answers them as `already_queued` (no recipients; a
  // team given contacts since gets its digest from POST /api/v1/quality/digests); a server that
  // was down on the day queues them on a later day of the month. nullopt when the day has
  // not come or quality_digest_day is 0. The background work calls it. Errors:
  // qualitydigest::QueueDigests()'s.
  Result<std::optional<incident::DigestOutcome>> QueueDueDigests();

  // A server's background work: the outbox sender (when `deliver_notifications`), the
  // connector schedule (when enabled), and every
  // 2 s a token reload (tokens created or revoked by `linea token … --db` on the same file)
  // and, when due, reminders, the month's quality digests (QueueDueDigests(), until they are
  // queued once) and the audit log's retention (PruneAudit(), at most hourly).
  void StartBackground(bool deliver_notifications);
  // Stops it; a delivery in flight finishes first. Idempotent.
  void StopBackground();

 private:
  explicit App(AppOptions options) : options_(std::move(options)) {}
  // The auto-incident policy: opens an incident on each failed output of `outcome`'s run.
  void OpenAutoIncidents(const openlineage::EventOutcome& outcome);
  // The quality policy (AppOptions::quality_incidents): fails open incidents, recoveries
  // resolve the ones it opened.
  void ActOnQuality(const quality::RecordOutcome& outcome);
  // Records the quality facets of an applied OpenLineage event (results on assets the catalog
  // does not hold are left out).
  void RecordQualityFacets(std::vector<model::QualityResult> results);
  void Housekeeping();
  void MaybeRemind();
  // The retention of audit records and quality results, at most hourly.
  void MaybePrune();
  // QueueDueDigests(), until it has succeeded for the current digest period.
  void MaybeQueueDigests();
  int64_t Now() const;

  AppOptions options_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<runs::RunState> runs_;
  std::unique_ptr<incident::IncidentState> incidents_;
  std::unique_ptr<auth::TokenRegistry> tokens_;
  std::unique_ptr<openlineage::Ingester> ingester_;
  std::unique_ptr<incident::IncidentService> incident_service_;
  std::unique_ptr<quality::QualityState> quality_;
  std::unique_ptr<quality::QualityService> quality_service_;
  std::unique_ptr<incident::Outbox> outbox_;  // null until StartBackground(true)
  std::unique_ptr<connectors::Scheduler> scheduler_;  // null unless EnableConnectors()

  std::thread housekeeper_;
  std::mutex housekeeping_mu_;
  std::condition_variable housekeeping_cv_;
  bool stopping_ = false;               // guarded by housekeeping_mu_
  int64_t last_reminder_check_ms_ = 0;  // housekeeper thread only
  int64_t last_prune_ms_ = 0;           // housekeeper thread only; 0 = not yet
  std::string digests_queued_for_;      // housekeeper thread only: the period done, "YYYY-MM"
  int64_t last_digest_try_ms_ = 0;      // housekeeper thread only: a failed try; 0 = none
};

}  // namespace linea::app
