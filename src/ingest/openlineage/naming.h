// src/ingest/openlineage/naming.h: OpenLineage dataset and job identities → linea FQNs.
//
// The naming table (docs/openlineage.md) maps a dataset's `namespace` + `name` to an FQN whose
// service is, by default, the namespace's URI scheme:
//   hive://h:9083        + db.t           → hive.db.t                  (table)
//   postgres://h:5432    + db.schema.t    → postgres.db.schema.t       (table)
//   kafka://b:9092       + topic          → kafka.<topic>              (topic, one segment)
//   hdfs://nn:8020       + /warehouse/t1  → hdfs.warehouse.t1          (path segments; host dropped)
//   file                 + /tmp/a.csv     → file.tmp."a.csv"
//   s3://bucket, gs://bucket, abfss://c@a, wasbs://…  + path → s3.bucket.<path segments>
//   bigquery             + p.d.t          → bigquery.p.d.t
//   a namespace without a scheme (food_delivery) + name → <namespace>.<name split on '.'>
// Segments are quoted where the FQN syntax needs it. A NamespaceMap entry (exact namespace →
// service name) overrides the derived service.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/result.h"
#include "model/kind.h"

namespace linea::openlineage {

// namespace (exact, as sent) → service name (an FQN segment).
class NamespaceMap {
 public:
  // Adds "NAMESPACE=SERVICE" (e.g. "hive://hms-prod:9083=hive_prod"); the last '=' splits.
  // Errors (kInvalidArgument): no '=', empty namespace, SERVICE not a valid FQN segment.
  Status Add(std::string_view entry);
  // The mapped service, or "" when `ns` has no entry.
  std::string Find(std::string_view ns) const;
  bool empty() const { return services_.empty(); }

 private:
  std::map<std::string, std::string, std::less<>> services_;
};

struct DatasetIdentity {
  std::string fqn;  // canonical FQN
  model::AssetKind kind = model::AssetKind::kTable;  // kTopic for kafka-like namespaces
  std::string service;  // first segment
};

// Errors (kInvalidArgument, naming `ns`/`name`): empty namespace or name, a name that yields no
// segment (e.g. "/"), invalid UTF-8.
Result<DatasetIdentity> DatasetFqn(std::string_view ns, std::string_view name,
                                   const NamespaceMap& map);

// A table named by a `symlinks` identifier of type TABLE: whatever the namespace's layout, the
// name is a dotted table name (file:/tmp/wh + default.t → file.default.t). Errors as DatasetFqn.
Result<DatasetIdentity> TableFqn(std::string_view ns, std::string_view name,
                                 const NamespaceMap& map);

// A job's pipeline FQN: <service of the job namespace>.<job name as one segment>, e.g.
// namespace "food_delivery", name "etl_orders.load" → food_delivery."etl_orders.load".
// The namespace maps like a dataset namespace (scheme, else the namespace itself).
Result<std::string> JobFqn(std::string_view ns, std::string_view name, const NamespaceMap& map);

// The provenance key of a job's edges: "openlineage:<namespace>/<name>".
std::string JobProvenance(std::string_view ns, std::string_view name);

}  // namespace linea::openlineage
