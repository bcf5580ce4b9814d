// Percentiles of measured latencies (nearest rank on sorted samples).
#ifndef CX_BENCH_COMMON_PERCENTILE_H_
#define CX_BENCH_COMMON_PERCENTILE_H_

#include <algorithm>
#include <vector>

namespace cx::bench {

// The q-quantile (0..1) of `samples`, which it sorts; 0 for none.
inline double Percentile(std::vector<double>& samples, double q) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  return samples[static_cast<size_t>(q * (samples.size() - 1))];
}

}  // namespace cx::bench

#endif  // CX_BENCH_COMMON_PERCENTILE_H_
