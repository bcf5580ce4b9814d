// A validated QueryMetric and the aggregation that answers it from buckets
// of per-score counts (rollups or grouped facts): O(buckets), never rows of
// responses.
#ifndef CX_SERVICES_METRICS_DOMAIN_METRIC_QUERY_H_
#define CX_SERVICES_METRICS_DOMAIN_METRIC_QUERY_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/types/span.h"
#include "cx/metrics/v1/metrics_service.pb.h"
#include "services/metrics/domain/calendar.h"
#include "services/metrics/domain/series.h"

namespace cx::metrics {

struct DimensionCondition {
  int dimension;  // index into kDimensions
  absl::flat_hash_set<std::string> values;
};

struct MetricQuery {
  v1::MetricType type = v1::METRIC_TYPE_UNSPECIFIED;
  std::string series;
  ScoreScale scale;
  DayNumber first = 0;
  DayNumber last = 0;  // inclusive
  v1::Granularity granularity = v1::GRANULARITY_TOTAL;
  std::vector<int> group_by;  // indices into kDimensions
  std::vector<DimensionCondition> conditions;

  // The dimensions the buckets must be keyed by: grouped or filtered.
  DimensionMask mask() const;
};

// Accumulates buckets into one series per group, period by period.
class MetricAggregator {
 public:
  explicit MetricAggregator(const MetricQuery& query);

  // The counters of the group an observation with these values belongs to
  // (values of query.mask()'s dimensions, in kDimensions order), or nullptr
  // when the filters exclude it. Valid until Finish.
  int64_t* GroupFor(absl::Span<const absl::string_view> mask_values);

  // Adds `counts` (scores scale.min...) of `day` to a group's counters; days
  // outside the interval are ignored.
  void Add(int64_t* group, DayNumber day, absl::Span<const int64_t> counts) {
    if (day < query_.first || day > query_.last) return;
    int64_t* row = group + period_of_day_[day - query_.first] * width_;
    for (size_t i = 0; i < counts.size(); ++i) row[i] += counts[i];
  }
  void AddScore(int64_t* group, DayNumber day, int score, int64_t count);

  v1::QueryMetricResponse Finish(const std::string& time_zone);

 private:
  const MetricQuery& query_;
  const int width_;
  std::vector<Period> periods_;
  std::vector<int> period_of_day_;
  // Positions of the group_by dimensions among the mask's values.
  std::vector<int> group_positions_;
  // ... and of each condition's dimension.
  std::vector<int> condition_positions_;
  absl::flat_hash_map<std::vector<std::string>, std::vector<int64_t>> groups_;
};

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_DOMAIN_METRIC_QUERY_H_
