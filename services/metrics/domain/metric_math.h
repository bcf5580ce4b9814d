// The arithmetic of DESIGN.md's metric definitions, from per-score counts:
// values, 95% margins of error, and the significance of a difference.
#ifndef CX_SERVICES_METRICS_DOMAIN_METRIC_MATH_H_
#define CX_SERVICES_METRICS_DOMAIN_METRIC_MATH_H_

#include <cstdint>

#include "absl/types/span.h"
#include "common/nps.h"
#include "cx/metrics/v1/metric.pb.h"
#include "cx/metrics/v1/metrics_service.pb.h"
#include "services/metrics/domain/series.h"

namespace cx::metrics {

// Fills n, value, margin_of_error, the counts behind them and the
// distribution of `point` from `counts` (counts[i] = observations scoring
// scale.min + i). Leaves the dates alone.
void FillPoint(v1::MetricType type, const ScoreScale& scale,
               absl::Span<const int64_t> counts, v1::MetricPoint* point);

// Difference comparison - baseline with its 95% interval and test, per the
// metric's method: NPS variance (DESIGN.md) for NPS/eNPS, two proportions
// for CSAT, Welch (normal approximation) for means, Poisson for volume.
v1::CompareMetricResponse Compare(v1::MetricType type,
                                  const v1::MetricPoint& baseline,
                                  const v1::MetricPoint& comparison);

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_DOMAIN_METRIC_MATH_H_
