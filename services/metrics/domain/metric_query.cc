#include "services/metrics/domain/metric_query.h"

#include <algorithm>

#include "services/metrics/domain/metric_math.h"

namespace cx::metrics {
namespace {

// Position of dimension `index` among the set bits of `mask`.
int PositionInMask(DimensionMask mask, int index) {
  return PopCount(static_cast<DimensionMask>(mask & ((1u << index) - 1)));
}

}  // namespace

DimensionMask MetricQuery::mask() const {
  DimensionMask mask = 0;
  for (int d : group_by) mask |= 1u << d;
  for (const DimensionCondition& c : conditions) mask |= 1u << c.dimension;
  return mask;
}

MetricAggregator::MetricAggregator(const MetricQuery& query)
    : query_(query),
      width_(query.scale.width()),
      periods_(CutPeriods(query.first, query.last, query.granularity)) {
  period_of_day_.resize(query.last - query.first + 1);
  for (size_t p = 0; p < periods_.size(); ++p) {
    for (DayNumber d = periods_[p].first; d <= periods_[p].last; ++d) {
      period_of_day_[d - query.first] = static_cast<int>(p);
    }
  }
  const DimensionMask mask = query.mask();
  for (int d : query.group_by) group_positions_.push_back(PositionInMask(mask, d));
  for (const DimensionCondition& c : query.conditions) {
    condition_positions_.push_back(PositionInMask(mask, c.dimension));
  }
}

int64_t* MetricAggregator::GroupFor(
    absl::Span<const absl::string_view> mask_values) {
  for (size_t i = 0; i < query_.conditions.size(); ++i) {
    if (!query_.conditions[i].values.contains(
            mask_values[condition_positions_[i]])) {
      return nullptr;
    }
  }
  std::vector<std::string> key;
  key.reserve(group_positions_.size());
  for (int pos : group_positions_) key.emplace_back(mask_values[pos]);
  std::vector<int64_t>& counters = groups_[std::move(key)];
  if (counters.empty()) counters.resize(periods_.size() * width_);
  return counters.data();
}

void MetricAggregator::AddScore(int64_t* group, DayNumber day, int score,
                                int64_t count) {
  if (score < query_.scale.min || score > query_.scale.max) return;
  if (day < query_.first || day > query_.last) return;
  group[period_of_day_[day - query_.first] * width_ + score - query_.scale.min] +=
      count;
}

v1::QueryMetricResponse MetricAggregator::Finish(const std::string& time_zone) {
  v1::QueryMetricResponse response;
  response.set_time_zone(time_zone);
  if (query_.group_by.empty() && groups_.empty()) {
    groups_[{}].resize(periods_.size() * width_);
  }
  std::vector<v1::MetricSeries> series;
  for (auto& [values, counters] : groups_) {
    v1::MetricSeries s;
    for (const std::string& v : values) s.add_group_values(v);
    std::vector<int64_t> total(width_);
    for (size_t p = 0; p < periods_.size(); ++p) {
      absl::Span<const int64_t> counts(counters.data() + p * width_, width_);
      for (int i = 0; i < width_; ++i) total[i] += counts[i];
      v1::MetricPoint* point = s.add_points();
      *point->mutable_start_date() = ToDate(ToCivilDay(periods_[p].first));
      *point->mutable_end_date() = ToDate(ToCivilDay(periods_[p].last));
      FillPoint(query_.type, query_.scale, counts, point);
    }
    v1::MetricPoint* all = s.mutable_total();
    *all->mutable_start_date() = ToDate(ToCivilDay(query_.first));
    *all->mutable_end_date() = ToDate(ToCivilDay(query_.last));
    FillPoint(query_.type, query_.scale, total, all);
    // A group only filtered-in buckets outside the interval touched is not
    // part of the answer; the ungrouped series always is.
    if (!query_.group_by.empty() && all->n() == 0) continue;
    series.push_back(std::move(s));
  }
  std::sort(series.begin(), series.end(),
            [](const v1::MetricSeries& a, const v1::MetricSeries& b) {
              if (a.total().n() != b.total().n()) {
                return a.total().n() > b.total().n();
              }
              return std::lexicographical_compare(
                  a.group_values().begin(), a.group_values().end(),
                  b.group_values().begin(), b.group_values().end());
            });
  for (v1::MetricSeries& s : series) *response.add_series() = std::move(s);
  return response;
}

}  // namespace cx::metrics
