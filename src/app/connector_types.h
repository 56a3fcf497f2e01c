// src/app/connector_types.h: the connector types linea knows — where a connector config's
// `type:` is turned into a source (docs/connectors.md). Adding a type: its module under
// ingest/, one line in connector_types.cc, an arrow from app in docs/architecture.md.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "connectors/config.h"
#include "connectors/source.h"

namespace linea::app {

// "hive-metastore", …
std::vector<std::string> ConnectorTypes();

// The source of `config`'s type, reading the type's keys. kInvalidArgument ("FILE:LINE: …")
// for a bad or unknown key; kInvalidArgument for a type no module provides.
Result<std::unique_ptr<connectors::Source>> MakeConnectorSource(
    const connectors::ConnectorConfig& config);

}  // namespace linea::app
