// src/ingest/manifest/manifest.h: the parsed form of a model lineage manifest (`lineage.yaml`,
// see docs/api.md "Model lineage manifest") and the diagnostics reported about one.
//
// These are plain values: names are syntactically valid and canonical, but nothing here has been
// resolved against the catalog (the planner does that, using the line numbers kept below).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace linea::manifest {

// One problem found in a manifest file. `line` is 1-based and always >= 1.
struct Diagnostic {
  std::string file;
  int line = 0;
  std::string message;
  // "Did you mean" candidates, best first; empty when none apply.
  std::vector<std::string> candidates;

  bool operator==(const Diagnostic&) const = default;
};

// "file:line: message", plus " (did you mean a, b?)" when there are candidates.
inline std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.file + ":" + std::to_string(d.line) + ": " + d.message;
  if (!d.candidates.empty()) {
    out += " (did you mean ";
    for (size_t i = 0; i < d.candidates.size(); ++i) {
      if (i) out += ", ";
      out += d.candidates[i];
    }
    out += "?)";
  }
  return out;
}

// A name a feature reads from (column or table) or a table the model writes.
struct SourceRef {
  std::string fqn;  // canonical FQN (model::Fqn::ToString form)
  int line = 0;     // line of the list entry naming it

  bool operator==(const SourceRef&) const = default;
};

struct FeatureSpec {
  std::string name;  // the feature's own segment, unquoted (the child name under the model)
  std::vector<SourceRef> sources;  // never empty
  std::string transform;           // empty when not given
  std::string data_type;           // from `type:`; empty when not given
  int line = 0;  // the feature's mapping; for the table shorthand, its column entry

  bool operator==(const FeatureSpec&) const = default;
};

// A deployment serving the model (`deployments:`): the edge model -> deployment is the
// manifest's, and the deployment goes with the model like its features.
struct DeploymentSpec {
  std::string fqn;                                 // canonical, >= 2 segments
  std::optional<std::string> description;          // unset: keep the stored one
  std::optional<std::vector<std::string>> owners;  // unset: keep the stored ones
  int line = 0;

  bool operator==(const DeploymentSpec&) const = default;
};

// A column of an output table the manifest creates.
struct ColumnSpec {
  std::string name;       // one segment, unquoted
  std::string data_type;  // empty when not given
  int line = 0;

  bool operator==(const ColumnSpec&) const = default;
};

// An output written as a mapping (`- table: T`): a table the model owns. The manifest creates
// it (with exactly these columns), keeps it in step on every apply and retires it when the
// entry goes.
struct OwnedOutputSpec {
  std::string fqn;  // canonical, >= 2 segments
  std::optional<std::string> description;
  std::vector<ColumnSpec> columns;
  int line = 0;

  bool operator==(const OwnedOutputSpec&) const = default;
};

// A data-quality check defined as code (`checks:`; docs/quality.md): on `asset` with `kind`;
// every other key of its mapping is a numeric parameter (`warn`, `fail`, `k`, …), checked by
// the planner against the kind.
struct CheckSpec {
  std::string asset;  // canonical FQN; for `feature: f` in a model manifest, "<model>.f"
  std::string kind;
  std::string name;      // "" = the kind
  std::string severity;  // "" = high
  std::string description;
  std::map<std::string, double> params;
  std::vector<std::string> columns;  // schema: the contract, "name:type" each
  int line = 0;

  bool operator==(const CheckSpec&) const = default;
};

// One YAML document of a manifest file.
struct Manifest {
  std::string file;
  int line = 0;                        // line of the `model:` key
  std::string model;                   // canonical FQN with >= 2 segments (service.model_name)
  std::optional<std::string> version;  // scalar text as written: `12` and `"12"` both give "12"
  // The months of data the model was trained on, "YYYY-MM..YYYY-MM" (or one "YYYY-MM"), stored
  // as properties.training_window: the reference of the checks the manifest defines
  // (docs/quality.md). Unset: none (a stored one is removed).
  std::optional<std::string> training_window;
  std::optional<std::string> description;
  std::optional<std::string> domain;
  // Where the manifest lives, e.g. "gitlab.example.com/scoring/churn": the model's owner
  // identity (the planner's ownership rule). Unset: the run's (PlanOptions::repository).
  std::optional<std::string> repository;
  int repository_line = 0;                         // 0 when absent
  std::optional<std::vector<std::string>> owners;  // each "team:<name>" or "user:<name>"
  int owners_line = 0;                             // line of the `owners:` value; 0 when absent
  std::vector<FeatureSpec> features;  // in file order, table shorthand already expanded
  std::vector<SourceRef> outputs;     // existing tables the model writes (plain names)
  std::vector<OwnedOutputSpec> owned_outputs;  // tables the model writes and owns (mappings)
  std::vector<DeploymentSpec> deployments;
  std::vector<CheckSpec> checks;
  // A quality document (`quality: <name>` instead of `model:`): only `checks:` (and
  // `description:`); its checks' provenance is "quality:<name>". "" for a model manifest.
  std::string check_set;

  bool operator==(const Manifest&) const = default;
};

}  // namespace linea::manifest
