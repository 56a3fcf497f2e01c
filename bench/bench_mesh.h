// bench/bench_mesh.h: the benchmark mesh, generated once per scale into a cached SQLite file
// (build/bench-data/<scale>.db) through the real write path, and opened as a Catalog.
//
// Scale: $LINEA_BENCH_SCALE (tiny, demo, medium, beeline; default medium).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace linea::bench {

std::string BenchScale();
// Path of the cached db for the current scale; generated on first use.
std::string BenchDbPath();
// The shared catalog over BenchDbPath(), opened once per process.
catalog::Catalog& BenchCatalog();
// Deterministic samples of FQNs from the catalog's export: raw-layer columns, models, tables.
const std::vector<std::string>& RawColumns();
const std::vector<std::string>& Models();
// Resident set size of this process in bytes (from /proc/self/status).
size_t CurrentRssBytes();
// p-th percentile (0..100) of `samples` (nanoseconds), in microseconds.
double PercentileMicros(std::vector<double> samples, double p);

}  // namespace linea::bench
