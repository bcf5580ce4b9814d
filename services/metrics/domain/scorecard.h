// Target status rules (documented on ScorecardEntry.Status in target.proto).
#ifndef CX_SERVICES_METRICS_DOMAIN_SCORECARD_H_
#define CX_SERVICES_METRICS_DOMAIN_SCORECARD_H_

#include "cx/metrics/v1/target.pb.h"

namespace cx::metrics {

// Share of the target's magnitude a miss may reach and still be at risk
// rather than off track, when the margin of error is smaller.
inline constexpr double kAtRiskTolerance = 0.05;

// Sets status, status_reason and trend of `entry` from its target, actual
// and previous points.
void RateEntry(v1::ScorecardEntry* entry);

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_DOMAIN_SCORECARD_H_
