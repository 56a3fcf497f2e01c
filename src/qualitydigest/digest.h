// src/qualitydigest/digest.h: the monthly quality digest (issue #18) — what each team owning
// models is told once a month about how stable their features were: built from the models'
// stability reports (quality/stability_report.h) and queued to the team's contacts through the
// incident outbox (incident/service.h QueueDigests), which renders and sends it
// (notify/digest.h). `linea serve` queues the previous month's digests on a day of the month
// (app/app.h); POST /api/v1/quality/digests and `linea quality digest` queue them on demand.
//
//   Result<incident::DigestOutcome> queued = qualitydigest::QueueDigests(
//       catalog, quality_state, incident_service, "2026-11", /*recipient=*/"", writer);
#pragma once

#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"
#include "incident/service.h"
#include "quality/quality_state.h"

namespace linea::qualitydigest {

// The digests of the month `period` ("YYYY-MM"): one per effective `team:` or `user:` owner
// (a report's `owners`) of a model with at least one feature measured in the month, listing
// exactly those of its models — each with the report's feature counts, its failing and warning
// features with the message of their worst series, failing models first, then warning, then
// stable, by FQN within. An owner with no measured model gets no digest. Sorted by recipient.
// `recipient` "" = every owner; "team:<name>", "user:<name>" or a bare team name = only that
// one. Errors: kInvalidArgument "period: …" for a period that is not YYYY-MM, "team: …" for an
// empty name; kNotFound "unknown team …"/"unknown user …" with similar names as candidates
// when the catalog has no such team or user; the store's.
Result<std::vector<incident::RecipientDigest>> BuildDigests(const catalog::Catalog& catalog,
                                                            const quality::QualityState& state,
                                                            std::string_view period,
                                                            std::string_view recipient = "");

// BuildDigests(), then IncidentService::QueueDigests() by `writer`: each digest is queued once
// per (period, recipient, contact), however often this runs; with `dry_run` nothing is queued
// and the outcome says what would be. Errors: either's.
Result<incident::DigestOutcome> QueueDigests(const catalog::Catalog& catalog,
                                             const quality::QualityState& state,
                                             incident::IncidentService& service,
                                             std::string_view period, std::string_view recipient,
                                             const catalog::Writer& writer, bool dry_run = false);

}  // namespace linea::qualitydigest
