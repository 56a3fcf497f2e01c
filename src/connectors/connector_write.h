// src/connectors/connector_write.h: the connector part of a catalog write
// (catalog/domain_write.h) — item states and runs, written in the write's transaction.
#pragma once

#include "catalog/domain_write.h"
#include "model/connector.h"

namespace linea::connectors {

class ConnectorWrite final : public catalog::DomainWrite {
 public:
  explicit ConnectorWrite(model::ConnectorDelta delta) : delta_(std::move(delta)) {}

  // Items and runs name a connector; items a key. Errors: kInvalidArgument.
  Status Validate(const catalog::FutureCatalog& future) override;
  Status Write(store::Store& store, store::WriteTxn& txn) override;
  void Publish() override {}

 private:
  model::ConnectorDelta delta_;
};

}  // namespace linea::connectors
