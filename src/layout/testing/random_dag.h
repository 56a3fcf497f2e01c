// src/layout/testing/random_dag.h: a random layered DAG shaped like a deep lineage, for the
// layout's tests and benchmark.
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "layout/layout.h"

namespace linea::layout::testing {

// `n` nodes in `layers` equal layers (node i in layer i / (n / layers)), `m` edges, each from a
// node to one 1–3 layers further right. Deterministic for a given `seed`.
inline std::vector<EdgeSpec> RandomLineageDag(size_t n, size_t m, size_t layers, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<EdgeSpec> edges;
  const size_t per = n / layers;
  while (edges.size() < m) {
    const size_t a = rng() % (n - per);
    const size_t span = 1 + rng() % 3;
    const size_t b = std::min(n - 1, (a / per + span) * per + rng() % per);
    edges.push_back({a, b});
  }
  return edges;
}

}  // namespace linea::layout::testing
