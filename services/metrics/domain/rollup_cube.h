// The rollups of one (series, dimension mask) of a tenant held in memory:
// per key (the values of the mask's dimensions) a run of days with per-score
// counts. Queries sum these instead of reading rows from the database.
#ifndef CX_SERVICES_METRICS_DOMAIN_ROLLUP_CUBE_H_
#define CX_SERVICES_METRICS_DOMAIN_ROLLUP_CUBE_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "services/metrics/domain/metric_query.h"
#include "services/metrics/domain/series.h"

namespace cx::metrics {

class RollupCube {
 public:
  RollupCube(DimensionMask mask, ScoreScale scale)
      : mask_(mask), scale_(scale) {}

  DimensionMask mask() const { return mask_; }
  const ScoreScale& scale() const { return scale_; }
  // Day buckets held (memory is about width * 8 bytes each).
  size_t bucket_count() const { return buckets_; }

  // Sets the count of (key, day, score); rollup rows carry totals, so a
  // changed row simply overwrites. key1/key2: values of the mask's first and
  // second dimension ("" when it has fewer).
  void Set(const std::string& key1, const std::string& key2, DayNumber day,
           int score, int64_t count);

  // Feeds every bucket through `aggregator` (its query's mask must be ours).
  void AggregateInto(MetricAggregator& aggregator) const;

 private:
  struct KeyRun {
    std::string key1, key2;
    std::vector<DayNumber> days;   // ascending
    std::vector<int64_t> counts;   // days.size() * width
  };

  DimensionMask mask_;
  ScoreScale scale_;
  size_t buckets_ = 0;
  absl::flat_hash_map<std::pair<std::string, std::string>, KeyRun> runs_;
};

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_DOMAIN_ROLLUP_CUBE_H_
