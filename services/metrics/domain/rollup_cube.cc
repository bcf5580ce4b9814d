#include "services/metrics/domain/rollup_cube.h"

#include <algorithm>

namespace cx::metrics {

void RollupCube::Set(const std::string& key1, const std::string& key2,
                     DayNumber day, int score, int64_t count) {
  if (score < scale_.min || score > scale_.max) return;
  const int width = scale_.width();
  KeyRun& run = runs_[{key1, key2}];
  if (run.days.empty()) run.key1 = key1, run.key2 = key2;
  // Days arrive mostly in order (loads are sorted, new data is recent).
  auto it = std::lower_bound(run.days.begin(), run.days.end(), day);
  const size_t index = it - run.days.begin();
  if (it == run.days.end() || *it != day) {
    run.days.insert(it, day);
    run.counts.insert(run.counts.begin() + index * width, width, 0);
    ++buckets_;
  }
  run.counts[index * width + (score - scale_.min)] = count;
}

void RollupCube::AggregateInto(MetricAggregator& aggregator) const {
  const int width = scale_.width();
  const int dims = PopCount(mask_);
  for (const auto& [key, run] : runs_) {
    const absl::string_view values[2] = {run.key1, run.key2};
    int64_t* group = aggregator.GroupFor(absl::MakeConstSpan(values, dims));
    if (group == nullptr) continue;
    for (size_t i = 0; i < run.days.size(); ++i) {
      aggregator.Add(group, run.days[i],
                     absl::MakeConstSpan(run.counts.data() + i * width, width));
    }
  }
}

}  // namespace cx::metrics
