// GET /api/v1/connectors and POST /api/v1/connectors/{name}/run (docs/connectors.md "Status").
#include "api/api.h"
#include "connectors/status.h"

namespace linea::api {

Reply ListConnectors(const catalog::Catalog& c, const connectors::Scheduler* scheduler) {
  Result<std::vector<connectors::ConnectorStatus>> status =
      scheduler ? scheduler->Status() : connectors::StoredStatus(c.store().connectors());
  if (!status.ok()) return Error(status.status());
  Json list = Json::array();
  for (const connectors::ConnectorStatus& s : *status) list.push_back(connectors::ToJson(s));
  return Ok({{"connectors", std::move(list)}});
}

Reply RunConnector(connectors::Scheduler* scheduler, const std::string& name) {
  if (scheduler == nullptr) {
    return Error(NotFoundError("no connector \"" + name +
                               "\": this server schedules none (linea serve --connectors FILE)"));
  }
  Result<connectors::PullReport> report = scheduler->RunNow(name);
  if (!report.ok()) return Error(report.status());
  return Ok(connectors::ToJson(*report));
}

}  // namespace linea::api
