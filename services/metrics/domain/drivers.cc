#include "services/metrics/domain/drivers.h"

#include <algorithm>
#include <cmath>

namespace cx::metrics {
namespace {

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace

std::vector<v1::Driver> RankDrivers(const std::vector<PairedSums>& sums) {
  std::vector<v1::Driver> drivers;
  std::vector<double> importances, performances;
  for (const PairedSums& s : sums) {
    if (s.n == 0) continue;
    v1::Driver d;
    d.set_question(s.question);
    d.set_n(s.n);
    const double n = static_cast<double>(s.n);
    d.set_mean_score(s.sx / n);
    const int span = s.scale.max - s.scale.min;
    d.set_performance(span > 0 ? 100.0 * (d.mean_score() - s.scale.min) / span
                               : 0);
    const double vx = n * s.sxx - s.sx * s.sx, vy = n * s.syy - s.sy * s.sy;
    if (s.n >= 3 && vx > 0 && vy > 0) {
      d.set_correlation((n * s.sxy - s.sx * s.sy) / std::sqrt(vx * vy));
      importances.push_back(d.correlation());
    }
    performances.push_back(d.performance());
    drivers.push_back(std::move(d));
  }
  const double importance_median = Median(importances);
  const double performance_median = Median(performances);
  for (v1::Driver& d : drivers) {
    if (!d.has_correlation()) continue;
    const bool important = d.correlation() >= importance_median;
    const bool performing = d.performance() >= performance_median;
    d.set_quadrant(important ? (performing ? v1::Driver::QUADRANT_STRENGTH
                                           : v1::Driver::QUADRANT_PRIORITY)
                             : (performing ? v1::Driver::QUADRANT_MAINTAIN
                                           : v1::Driver::QUADRANT_MONITOR));
  }
  std::stable_sort(drivers.begin(), drivers.end(),
                   [](const v1::Driver& a, const v1::Driver& b) {
                     if (a.has_correlation() != b.has_correlation()) {
                       return a.has_correlation();
                     }
                     return a.correlation() > b.correlation();
                   });
  return drivers;
}

}  // namespace cx::metrics
