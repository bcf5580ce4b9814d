// DESIGN.md's NPS arithmetic, shared by the metrics service and feedback's
// reports: promoters score 9-10, detractors 0-6; NPS = 100 (P - D) / n with
// the 95% margin of error 1.96 * 100 * sqrt((p + d - (p - d)^2) / n).
#ifndef CX_COMMON_NPS_H_
#define CX_COMMON_NPS_H_

#include <cmath>
#include <cstdint>

#include "common/confidence.h"

namespace cx {

// Twenty NPS answers in a typical programme's proportions (half promoters, a
// third passives, a fifth detractors: NPS +30), for demo data and load
// generation: pick one at random.
inline constexpr int kTypicalNpsAnswers[20] = {
    0, 3, 5, 6, 7, 7, 8, 8, 8, 8, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10};

inline bool IsPromoter(int score) { return score >= 9; }
inline bool IsDetractor(int score) { return score <= 6; }

// In NPS points (-100..100); 0 when n is 0.
inline double NpsValue(int64_t promoters, int64_t detractors, int64_t n) {
  if (n == 0) return 0;
  return 100.0 * static_cast<double>(promoters - detractors) /
         static_cast<double>(n);
}

// Variance of the estimate in NPS points squared; 0 when n is 0.
inline double NpsVariance(int64_t promoters, int64_t detractors, int64_t n) {
  if (n == 0) return 0;
  const double dn = static_cast<double>(n);
  const double p = promoters / dn, d = detractors / dn;
  return 1e4 * (p + d - (p - d) * (p - d)) / dn;
}

inline double NpsMarginOfError(int64_t promoters, int64_t detractors,
                               int64_t n) {
  return kZ95 * std::sqrt(NpsVariance(promoters, detractors, n));
}

}  // namespace cx

#endif  // CX_COMMON_NPS_H_
