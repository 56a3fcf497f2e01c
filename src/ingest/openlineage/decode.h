// src/ingest/openlineage/decode.h: OpenLineage JSON → OlEvent, and request bodies → events.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "ingest/openlineage/event.h"

namespace linea::openlineage {

// A decoded event with its canonical form: `canonical` is the event text minified (no
// whitespace outside strings; members, numbers and strings exactly as sent), `hash` the
// lower-case hex SHA-256 of `canonical` — the event log's idempotency key, equal for two bodies
// that differ only in whitespace; key order matters. SplitEvents returns its events in this
// same form, so an event hashes alike whether it came alone, in an array or in JSON Lines.
struct DecodedEvent {
  OlEvent event;
  std::string canonical;
  std::string hash;
};

// Parses `text` (UTF-8, a leading byte order mark skipped, nesting depth bounded) and decodes
// one event. Thread-safe (each thread parses with its own parser).
// Lenient on: missing schemaURL/producer, `_producer`/`_schemaURL` missing in facets, eventTime
// without an offset (UTC) or with nanoseconds, a non-UUID runId, `"_deleted": null`, unknown
// facets and fields (kept in `canonical`), lower-case eventType. Of repeated keys the last one
// is read; columnLineage output columns come sorted by name.
// Errors (kInvalidArgument): "invalid JSON…" with the line and column where known, for bad
// JSON, invalid UTF-8, too deep nesting or an integer past 64 bits; else the message starts
// with the JSON path of the problem, e.g. "$.run.runId: expected a non-empty string": not an
// object, no eventTime or an eventTime that is not an ISO-8601 date-time, a RunEvent without
// run.runId or job.namespace/name, a dataset without namespace/name, wrong JSON types in the
// fields linea reads, an eventType outside START/RUNNING/COMPLETE/ABORT/FAIL/OTHER, a shape
// that is none of the three classes.
Result<DecodedEvent> DecodeEventText(std::string_view text);

// A request body or file that holds several events: a JSON array of events, a single event
// object, or JSON Lines (one event per non-blank line). Each element is returned as its own
// JSON text (minified as DecodedEvent::canonical is) so a bad element does not stop the
// others. Errors (kInvalidArgument): the text is none of the three forms (message names the
// line for JSONL).
Result<std::vector<std::string>> SplitEvents(std::string_view text);

// Parses an RFC 3339 / ISO-8601 date-time ("2024-10-16T16:53:47.366Z", "…+02:00",
// "2024-10-16T16:53:47.123456789Z", "2024-10-16T16:53:47" as UTC) to unix milliseconds.
Result<int64_t> ParseEventTime(std::string_view text);

}  // namespace linea::openlineage
