// Key-driver analysis: how strongly each driver question's score moves with
// the outcome score on the same responses (Pearson correlation), and an
// importance x performance quadrant against the median driver.
#ifndef CX_SERVICES_METRICS_DOMAIN_DRIVERS_H_
#define CX_SERVICES_METRICS_DOMAIN_DRIVERS_H_

#include <string>
#include <vector>

#include "cx/metrics/v1/metrics_service.pb.h"
#include "services/metrics/domain/series.h"

namespace cx::metrics {

// Sums over the responses that scored both the driver (x) and the outcome (y).
struct PairedSums {
  std::string question;
  ScoreScale scale;  // of the driver
  int64_t n = 0;
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;

  void Add(double x, double y) {
    ++n;
    sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
  }
};

// Question drivers, strongest first (undefined correlations last).
std::vector<v1::Driver> RankDrivers(const std::vector<PairedSums>& sums);

// Outcome sums of the responses in one segment (a dimension value).
struct SegmentSums {
  std::string value;
  int64_t n = 0;
  double sy = 0, syy = 0;
};

// Segments (e.g. touchpoints) as drivers of an outcome on `outcome_scale`,
// strongest first: the point-biserial correlation of being in the segment
// with the outcome, over all responses of all segments.
std::vector<v1::Driver> RankSegmentDrivers(const std::vector<SegmentSums>& segments,
                                           const ScoreScale& outcome_scale);

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_DOMAIN_DRIVERS_H_
