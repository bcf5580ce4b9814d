// Comparing two proportions (a CSAT top-box rate, a topic's share of
// comments) between a baseline and a comparison sample.
#ifndef CX_COMMON_PROPORTIONS_H_
#define CX_COMMON_PROPORTIONS_H_

#include <cmath>
#include <cstdint>

#include "common/confidence.h"

namespace cx {

struct ProportionDifference {
  // comparison - baseline, as fractions (not percent).
  double difference = 0;
  // Standard error of the difference for its confidence interval
  // (unpooled), and under the hypothesis of no difference, for the z-test
  // (pooled). Both 0 when either sample is empty or there is no variance.
  double se = 0;
  double test_se = 0;
};

// The 95% margin of error of the proportion hits / n (a fraction; 0 when n
// is 0).
inline double ProportionMarginOfError(int64_t hits, int64_t n) {
  if (n == 0) return 0;
  const double p = static_cast<double>(hits) / static_cast<double>(n);
  return kZ95 * std::sqrt(p * (1 - p) / static_cast<double>(n));
}

// `hits` of `n` in each sample; a sample with n = 0 counts as proportion 0.
inline ProportionDifference CompareProportions(int64_t baseline_hits,
                                               int64_t baseline_n,
                                               int64_t comparison_hits,
                                               int64_t comparison_n) {
  const double n1 = static_cast<double>(baseline_n);
  const double n2 = static_cast<double>(comparison_n);
  const double p1 = baseline_n > 0 ? baseline_hits / n1 : 0;
  const double p2 = comparison_n > 0 ? comparison_hits / n2 : 0;
  ProportionDifference out;
  out.difference = p2 - p1;
  if (baseline_n == 0 || comparison_n == 0) return out;
  out.se = std::sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
  const double pooled = (baseline_hits + comparison_hits) / (n1 + n2);
  out.test_se = std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return out;
}

}  // namespace cx

#endif  // CX_COMMON_PROPORTIONS_H_
