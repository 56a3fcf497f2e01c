#include "connectors/connector_write.h"

namespace linea::connectors {

Status ConnectorWrite::Validate(const catalog::FutureCatalog& future) {
  for (const model::ConnectorItem& item : delta_.put_items) {
    if (item.connector.empty() || item.key.empty()) {
      return InvalidArgumentError("a connector item needs a connector and a key");
    }
  }
  for (const model::ConnectorRun& run : delta_.runs) {
    if (run.connector.empty()) return InvalidArgumentError("a connector run needs a connector");
  }
  return Status::OK();
}

Status ConnectorWrite::Write(store::Store& store, store::WriteTxn& txn) {
  return store.connectors().Write(txn, delta_);
}

}  // namespace linea::connectors
