// src/ingest/manifest/manifest_parser.h: `lineage.yaml` text -> Manifest values + diagnostics.
//
//   ParseOutput out = ParseManifests(text, "models/churn/lineage.yaml");
//   for (const Diagnostic& d : out.errors) std::cerr << FormatDiagnostic(d) << "\n";
//
// Syntax only: FQNs are checked and canonicalized, never looked up. Thread-safe (no state).
//
// Accepted shape (docs/api.md "Model lineage manifest"), keys in any order:
//   model: <FQN, >= 2 segments>            required
//   version / description / domain: <scalar>   optional; a number keeps its text (12 -> "12")
//   repository: <scalar, not empty>             optional; the manifest's repository identity
//   owners: [team:<name> | user:<name>, ...]    optional
//   features: [<feature>, ...]                  optional (a model may have no features)
//   outputs: [<FQN> | <owned output>, ...]      optional
//   deployments: [<FQN> | {fqn: <FQN>, description?, owners?}, ...]   optional
// A feature is either
//   {name: <segment>, sources: [<FQN>, ...], transform: <scalar>?, type: <scalar>?}   or
//   {table: <FQN>, columns: [<segment>, ...], transform?, type?}  -> one feature per column,
//     named as the column, with the single source table.column (transform/type apply to each).
// An owned output is {table: <FQN>, description?, columns?: [<segment> | {name, type?}, ...]}:
//   a table the model creates and owns (the planner checks that).
// Decisions:
//   - Every list-valued key (owners, features' sources/columns, outputs) also accepts a single
//     scalar as a one-element list: `sources: hive.db.t.c`. `features` must be a real list.
//   - An optional key whose value is null (`domain:`) counts as absent; a required one
//     (model, name, table, sources, columns) given null is reported as missing/empty.
//   - A segment (feature name, column) is written as in an FQN: `"a.b"` (with the quotes as
//     part of the YAML string) is the one segment a.b; `a.b` is two segments and rejected.
//   - Anchors and aliases are allowed; an alias counts each time it is used toward the size
//     limit (kMaxExpandedBytes), so alias fan-out cannot make parsing slow.
//   - A manifest is returned only when its own document has no diagnostics; other documents of
//     the same stream are still parsed and returned.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "ingest/manifest/manifest.h"

namespace linea::manifest {

// Bytes of keys and scalar values (plus one per key or list entry) the parser reads from one
// file, counting every use of an alias again; beyond it the parse stops with a "too large"
// diagnostic. Far above any real manifest (~1 KB per 10 features).
inline constexpr size_t kMaxExpandedBytes = size_t{8} << 20;

struct ParseOutput {
  std::vector<Manifest> manifests;  // valid documents, in stream order
  std::vector<Diagnostic> errors;   // in discovery order (per document, roughly by line)
};

// Parses `text` (one manifest, or several as a YAML stream separated by ---) named `file`
// (used only in diagnostics and Manifest::file). Collects every problem it can find rather
// than stopping at the first, except that invalid UTF-8 and YAML syntax errors end the parse
// (one diagnostic each). Never throws. Reported problems (each at the line of the offending
// node): invalid UTF-8; YAML syntax error or nesting deeper than yaml-cpp's limit (~500);
// empty file; top level not a mapping; non-string or duplicate keys; unknown keys (with a
// `did you mean "x"?` suggestion); wrong value types; missing/invalid `model` or a model with
// < 2 segments; invalid FQNs (message says why); a feature with neither or both of
// name+sources / table+columns; a feature with no sources; a table shorthand with no columns;
// a name or column that is not one valid FQN segment; duplicate feature names (after expanding
// the shorthand; the message names the first line), outputs, deployments or columns of an
// owned output; a deployment or owned output without fqn/table or with < 2 segments; owners
// not team:<name> / user:<name>;
// more than kMaxExpandedBytes to read. Not checked here: the same model in two documents (the
// planner reports that, across files too).
ParseOutput ParseManifests(std::string_view text, std::string_view file);

}  // namespace linea::manifest
