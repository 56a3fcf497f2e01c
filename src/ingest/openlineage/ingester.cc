#include "ingest/openlineage/ingester.h"

#include "common/status_macros.h"
#include "ingest/openlineage/projector.h"

namespace linea::ingest::openlineage {
namespace {

model::RawEvent RawOf(const DecodedEvent& decoded) {
  const OlEvent& e = decoded.event;
  model::RawEvent raw;
  raw.hash = decoded.hash;
  raw.event_type = e.event_type;
  if (e.event_class != EventClass::kDataset) raw.job = e.job.namespace_ + "/" + e.job.name;
  raw.run_id = e.run_id;
  raw.event_time_ms = e.event_time_ms;
  raw.body = decoded.canonical;
  return raw;
}

}  // namespace

size_t BatchResult::retriable() const {
  size_t n = 0;
  for (const BatchFailure& f : failures) n += f.retriable ? 1 : 0;
  return n;
}

std::string BatchResult::status() const {
  if (failures.empty()) return "success";
  return successful == 0 ? "failure" : "partial_success";
}

Result<EventOutcome> Ingester::IngestText(std::string_view json) {
  LINEA_ASSIGN_OR_RETURN(DecodedEvent decoded, DecodeEventText(json));
  return Ingest(decoded);
}

Result<EventOutcome> Ingester::Ingest(const DecodedEvent& decoded) {
  std::lock_guard<std::mutex> one_at_a_time(mu_);
  EventOutcome outcome;
  outcome.hash = decoded.hash;
  LINEA_ASSIGN_OR_RETURN(bool seen, catalog_->HasEvent(decoded.hash));
  if (seen) {
    outcome.duplicate = true;
    return outcome;
  }
  LINEA_ASSIGN_OR_RETURN(Projection projection,
                         ProjectEvent(decoded.event, *catalog_, namespaces_));
  projection.delta.append_events.push_back(RawOf(decoded));
  outcome.stale = projection.stale;
  for (const model::RunRecord& run : projection.delta.upsert_runs) {
    if (run.asset == run.job) {
      outcome.job = run.job;
      outcome.run_id = run.run_id;
      outcome.state = run.state;
      outcome.error_message = run.error_message;
    }
  }
  if (outcome.state == "FAIL" || outcome.state == "ABORT") {
    for (const model::RunRecord& run : projection.delta.upsert_runs) {
      if (run.asset != run.job && run.job == outcome.job && run.run_id == outcome.run_id &&
          run.state == outcome.state) {
        outcome.failed_outputs.push_back(run.asset);
      }
    }
  }
  outcome.datasets = projection.datasets;
  outcome.column_edges = projection.column_edges;
  LINEA_ASSIGN_OR_RETURN(catalog::ApplyStats stats, catalog_->Apply(std::move(projection.delta)));
  outcome.assets_upserted = stats.assets_upserted;
  return outcome;
}

BatchResult Ingester::IngestAll(const std::vector<std::string>& events,
                                const std::function<void(size_t)>& on_event,
                                const std::function<void(const EventOutcome&)>& on_outcome) {
  BatchResult result;
  result.received = events.size();
  for (size_t i = 0; i < events.size(); ++i) {
    Result<EventOutcome> outcome = IngestText(events[i]);
    if (outcome.ok()) {
      ++result.successful;
      result.duplicates += outcome->duplicate ? 1 : 0;
      result.column_edges += outcome->column_edges;
      if (on_outcome && !outcome->duplicate) on_outcome(*outcome);
    } else {
      const Status& s = outcome.status();
      result.failures.push_back(
          {i, s.message(), s.code(), s.code() == StatusCode::kUnavailable});
    }
    if (on_event) on_event(i);
  }
  return result;
}

}  // namespace linea::ingest::openlineage
