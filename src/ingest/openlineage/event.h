// src/ingest/openlineage/event.h: a decoded OpenLineage event — the parts linea projects.
//
// Decoding (decode.h) is lenient where real producers deviate from the spec (see
// docs/openlineage.md); everything here is already type-checked. Facets linea does not
// interpret stay in the raw event log only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace linea::openlineage {

// RunEvent has `run` and `job`; DatasetEvent has `dataset` and no `run`/`job`; JobEvent has `job`
// and no `run` (it may still carry an eventType). Classified by shape, never by eventType.
enum class EventClass { kRun, kDataset, kJob };

struct OlSchemaField {
  std::string name;  // nested fields are flattened to "parent.child"
  std::string type;  // "" when absent
  std::string description;
};

struct OlSymlink {
  std::string namespace_;
  std::string name;
  std::string type;  // "TABLE", "LOCATION", … as sent ("" when absent)
};

// One input field of a columnLineage entry (or of the dataset-level `dataset` array).
struct OlInputField {
  std::string namespace_;
  std::string name;
  std::string field;
  // The first transformation's type and subtype ("DIRECT"/"INDIRECT", "IDENTITY",
  // "TRANSFORMATION", "AGGREGATION", "JOIN", …); when the input field has no
  // `transformations`, the deprecated per-output `transformationType` of 1-0-0/1-1-0 (with
  // type "DIRECT" for IDENTITY/TRANSFORMATION); "" when unknown.
  std::string type;
  std::string subtype;
  std::string description;
  // Every transformation of this input field as "TYPE/SUBTYPE", in order (for display).
  std::vector<std::string> transformations;
};

struct OlColumnLineage {
  std::string output_field;  // the output dataset's column
  std::vector<OlInputField> inputs;
};

struct OlOwner {
  std::string name;  // as sent, e.g. "team:data", "user:jdoe", "jdoe"
  std::string type;  // "" when absent
};

struct OlAssertion {
  std::string assertion;
  bool success = true;
  std::string column;  // "" when the assertion is about the whole dataset
};

struct OlDataset {
  std::string namespace_;
  std::string name;
  bool has_schema = false;
  std::vector<OlSchemaField> schema;
  std::vector<OlSymlink> symlinks;
  std::vector<OlColumnLineage> column_lineage;     // facets.columnLineage.fields
  std::vector<OlInputField> dataset_dependencies;  // facets.columnLineage.dataset (1-2-0)
  bool has_ownership = false;
  std::vector<OlOwner> owners;
  bool has_documentation = false;
  std::string documentation;
  // dataQualityAssertions from facets or inputFacets (both occur in the wild).
  std::vector<OlAssertion> assertions;
  // {"dataQualityMetrics": …, "dataQualityAssertions": …} of this dataset as compact JSON text
  // (from facets or inputFacets); "" when neither facet is present.
  std::string quality_json;
  // lifecycleStateChange facet's lifecycleStateChange ("DROP", "CREATE", …); "" when absent.
  std::string lifecycle_state_change;
};

struct OlJob {
  std::string namespace_;
  std::string name;
  bool has_ownership = false;
  std::vector<OlOwner> owners;
  bool has_documentation = false;
  std::string documentation;
  std::string sql;  // sql job facet's query; "" when absent
};

struct OlEvent {
  EventClass event_class = EventClass::kRun;
  std::string event_type;     // upper-case as sent; "" when absent
  std::string event_time;     // as sent
  int64_t event_time_ms = 0;  // parsed; a time without offset is taken as UTC
  std::string producer;
  std::string run_id;         // RunEvent only; any non-empty string is accepted
  std::string error_message;  // errorMessage run facet's message; "" when absent
  OlJob job;                  // RunEvent and JobEvent
  std::vector<OlDataset> inputs;   // RunEvent and JobEvent
  std::vector<OlDataset> outputs;  // RunEvent and JobEvent
  OlDataset dataset;               // DatasetEvent only
};

}  // namespace linea::openlineage
