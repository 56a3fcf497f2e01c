// src/quality/psi.h: the population stability index (PSI) of a current distribution against a
// reference, over reference-decile bins (numeric) or per category (categorical), and the
// pieces it is built from. Pure functions over model::Distribution (model/quality.h).
//
//   PSI = Σ over buckets (a − e) · ln(a / e)
//
// with e the reference's share and a the current's share of a bucket. Common reading: < 0.10
// stable, 0.10–0.25 a moderate shift, ≥ 0.25 a significant one (check_kinds.h defaults).
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "model/quality.h"

namespace linea::quality {

// The share substituted for an empty bucket on either side (reference or current), so ln(a/e)
// stays finite: a bucket empty on one side and holding share s on the other contributes
// (s − ε)·ln(s/ε). Shares are not renormalized after the substitution.
inline constexpr double kPsiEpsilon = 1e-4;

// OK when `d` is well-formed: categories and edges not both present; counts.size() ==
// edges.size() − 1 (numeric bins) or categories.size() (categorical); edges and quantile
// values ascending, p in [0, 1] ascending; no negative or non-finite count or missing; no
// duplicate category; counts without edges or categories refused. kInvalidArgument naming what
// is wrong.
Status ValidateDistribution(const model::Distribution& d);

// The decile edges of the numeric distribution `reference`: its minimum, the 10 %, …, 90 %
// quantiles and its maximum — from `quantiles` by linear interpolation in p (p outside the
// given range takes the nearest given value), or from bins assuming values uniform within a
// bin (the minimum is the lower edge of the first non-empty bin, the maximum the upper edge of
// the last). Ascending, as BinShares expects (bins [e_i, e_i+1), the first open to −∞, the
// last to +∞), so only the 9 inner deciles matter as cuts.
//
// Equal deciles (a value holding ≥ 10 % of the data; a single-value column) are collapsed:
// each distinct inner decile v is one cut, and a value v met by two or more of the 11 deciles
// (a point mass) also gets the cut nextafter(v, +∞), so the mass sits in its own bin [v, v⁺).
// The outer edges are the minimum and maximum, moved just outside the cuts when they coincide
// with one, so every bin is a non-empty interval: a single-value column v gives the 3 bins
// "below v", "= v" and "above v". Normal data gives the 11 edges, 10 bins.
//
// kInvalidArgument for a categorical, malformed or empty distribution (no non-missing value).
Result<std::vector<double>> DecileEdges(const model::Distribution& reference);

// The share of `d`'s non-missing values in each of the edges.size() − 1 bins of `edges`
// (ascending; [e_i, e_i+1), the first bin open to −∞, the last to +∞): from d's bins with
// values uniform within each bin (so d's bins are re-binned when its edges differ; a bin of
// zero width is a point mass), or from d's quantiles through the CDF interpolated linearly
// between them. The shares sum to 1, or are all 0 when d has no non-missing value.
// kInvalidArgument for a categorical or malformed `d`, or fewer than 2 edges.
Result<std::vector<double>> BinShares(const model::Distribution& d,
                                      const std::vector<double>& edges);

struct PsiResult {
  double psi = 0;
  std::vector<double> expected;  // the reference's share per bucket (before ε)
  std::vector<double> actual;    // the current's share per bucket (before ε)
  // The buckets, in order: numeric — the bins of `edges`; categorical — `categories`, then
  // "other" when `other`; then "missing" when `missing`.
  std::vector<double> edges;            // numeric: the reference's decile edges; else empty
  std::vector<std::string> categories;  // categorical: the reference's; else empty
  bool other = false, missing = false;

  // Bucket i's label: "(-inf, 1.5)", "[1.5, 2)", "= 3", "[9, +inf)", "red", "other",
  // "missing" — formatted on demand (judging needs none). REQUIRES: i < expected.size().
  std::string Label(size_t i) const;
  std::vector<std::string> Labels() const;
};

// The PSI of `current` against `reference`. Numeric when the reference has edges or
// quantiles: the buckets are the reference's decile bins (DecileEdges), and `current` may be
// bins on any edges or quantiles. Categorical when the reference has categories: one bucket
// per reference category, in its order, then "other" (current categories unseen in the
// reference) when the current has any. Either way, "missing" (nulls) is a bucket whenever
// either side has missing > 0; shares are then of all values, nulls included. ε (kPsiEpsilon)
// stands in for empty shares.
//
// kInvalidArgument, naming what is wrong and on which side, for: a malformed side
// (ValidateDistribution), kinds that differ (categorical against numeric), a side with no
// values at all (neither non-missing values nor missing), a numeric reference with only
// nulls (no deciles to take), or quantiles with missing > 0 (quantiles carry no count, so the
// share of nulls is unknown: give bins, e.g. by QuantilesToBins).
Result<PsiResult> Psi(const model::Distribution& reference, const model::Distribution& current);

// The quantile-form `d` as bins, for when the count of its non-missing values is known
// (`values`, e.g. row_count − null_count): each span between consecutive quantiles becomes a bin
// holding (p_k+1 − p_k)·values, the mass below the first p and above the last a zero-width bin
// (a point mass) at the first/last value, as MassBelow reads quantiles; `missing` is kept. So
// quantiles with nulls can take part in Psi. `d` is returned unchanged when it has no quantiles.
model::Distribution QuantilesToBins(const model::Distribution& d, double values);

// The reference distribution of several periods (nullptr and empty parts skipped, as are parts
// that fail ValidateDistribution or are of another form than the first usable part):
//   - categorical: counts summed per category, categories in order of first appearance;
//   - bins: counts summed when a part's edges equal the first's, else the part is re-binned
//     onto the first's edges (uniform within bins, outside values to the outer bins) first;
//   - quantiles: the value at each p of the first part averaged over the parts (a part without
//     that p interpolated linearly, as DecileEdges does).
// `missing` is summed. Periods with more rows weigh more (counts are summed, not shares).
// An empty Distribution when no part is usable.
model::Distribution Merge(const std::vector<const model::Distribution*>& parts);

}  // namespace linea::quality
