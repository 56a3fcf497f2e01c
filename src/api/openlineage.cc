// POST /api/v1/lineage and /api/v1/lineage/batch: OpenLineage events through the ingester.
#include "api/api.h"

namespace linea::api {

namespace ol = openlineage;

Reply PostLineageEvent(ol::Ingester& ingester, std::string_view body,
                       const catalog::Writer& writer) {
  Result<ol::EventOutcome> outcome = ingester.IngestText(body, writer);
  if (!outcome.ok()) return Error(outcome.status());
  Reply reply = Ok({{"status", outcome->duplicate ? "duplicate" : "created"},
                    {"hash", outcome->hash},
                    {"datasets", outcome->datasets},
                    {"column_edges", outcome->column_edges},
                    {"stale", outcome->stale}});
  reply.created = true;
  return reply;
}

Reply PostLineageBatch(ol::Ingester& ingester, std::string_view body,
                       const catalog::Writer& writer) {
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || body[first] != '[') {
    return Error(InvalidArgumentError("$: a batch must be a JSON array of OpenLineage events"));
  }
  Result<std::vector<std::string>> events = ol::SplitEvents(body);  // depth-bounded parse
  if (!events.ok()) return Error(events.status());
  ol::BatchResult result = ingester.IngestAll(*events, writer);
  Json failed = Json::array();
  for (const ol::BatchFailure& f : result.failures) {
    failed.push_back({{"index", f.index}, {"reason", f.reason}, {"retriable", f.retriable}});
  }
  const size_t retriable = result.retriable();
  return Ok({{"status", result.status()},
             {"summary",
              {{"received", result.received},
               {"successful", result.successful},
               {"duplicates", result.duplicates},
               {"column_edges", result.column_edges},
               {"failed", result.failures.size()},
               {"retriable", retriable},
               {"non_retriable", result.failures.size() - retriable}}},
             {"failed_events", std::move(failed)}});
}

}  // namespace linea::api
