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

// Drivers strongest first (undefined correlations last).
std::vector<v1::Driver> RankDrivers(const std::vector<PairedSums>& sums);

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_DOMAIN_DRIVERS_H_
