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

// Sets each driver's quadrant against the median importance and
// performance, and orders them strongest first.
void AssignQuadrants(std::vector<v1::Driver>& drivers) {
  std::vector<double> importances, performances;
  for (const v1::Driver& d : drivers) {
    if (d.has_correlation()) importances.push_back(d.correlation());
    performances.push_back(d.performance());
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
}

double Performance(double mean, const ScoreScale& scale) {
  const int span = scale.max - scale.min;
  return span > 0 ? 100.0 * (mean - scale.min) / span : 0;
}

}  // namespace

std::vector<v1::Driver> RankDrivers(const std::vector<PairedSums>& sums) {
  std::vector<v1::Driver> drivers;
  for (const PairedSums& s : sums) {
    if (s.n == 0) continue;
    v1::Driver d;
    d.set_question(s.question);
    d.set_n(s.n);
    const double n = static_cast<double>(s.n);
    d.set_mean_score(s.sx / n);
    d.set_performance(Performance(d.mean_score(), s.scale));
    const double vx = n * s.sxx - s.sx * s.sx, vy = n * s.syy - s.sy * s.sy;
    if (s.n >= 3 && vx > 0 && vy > 0) {
      d.set_correlation((n * s.sxy - s.sx * s.sy) / std::sqrt(vx * vy));
    }
    drivers.push_back(std::move(d));
  }
  AssignQuadrants(drivers);
  return drivers;
}

std::vector<v1::Driver> RankSegmentDrivers(const std::vector<SegmentSums>& segments,
                                           const ScoreScale& outcome_scale) {
  double total_n = 0, sy = 0, syy = 0;
  for (const SegmentSums& s : segments) {
    total_n += static_cast<double>(s.n), sy += s.sy, syy += s.syy;
  }
  const double vy = total_n * syy - sy * sy;
  std::vector<v1::Driver> drivers;
  for (const SegmentSums& s : segments) {
    if (s.n == 0) continue;
    v1::Driver d;
    d.set_segment(s.value);
    d.set_n(s.n);
    const double n = static_cast<double>(s.n);
    d.set_mean_score(s.sy / n);
    d.set_performance(Performance(d.mean_score(), outcome_scale));
    // x = 1 inside the segment: sx = sxx = n, sxy = the segment's sy.
    const double vx = total_n * n - n * n;
    if (total_n >= 3 && vx > 0 && vy > 0) {
      d.set_correlation((total_n * s.sy - n * sy) / std::sqrt(vx * vy));
    }
    drivers.push_back(std::move(d));
  }
  AssignQuadrants(drivers);
  return drivers;
}

}  // namespace cx::metrics
