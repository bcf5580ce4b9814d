#include "services/metrics/domain/metric_query.h"

#include "gtest/gtest.h"
#include "services/metrics/domain/rollup_cube.h"

namespace cx::metrics {
namespace {

DayNumber Day(int y, int m, int d) { return ToDayNumber(absl::CivilDay(y, m, d)); }
const int kChannel = DimensionIndex(v1::DIMENSION_CHANNEL);
const int kTeam = DimensionIndex(v1::DIMENSION_TEAM);

MetricQuery NpsByMonth() {
  MetricQuery q;
  q.type = v1::METRIC_TYPE_NPS;
  q.series = "nps";
  q.scale = {0, 10};
  q.first = Day(2026, 1, 1);
  q.last = Day(2026, 3, 31);
  q.granularity = v1::GRANULARITY_MONTH;
  return q;
}

TEST(MetricQueryTest, EmptyPeriodsAreExplicit) {
  MetricQuery q = NpsByMonth();
  MetricAggregator agg(q);
  int64_t* all = agg.GroupFor({});
  agg.AddScore(all, Day(2026, 1, 5), 10, 3);
  agg.AddScore(all, Day(2026, 3, 31), 0, 1);
  agg.AddScore(all, Day(2026, 4, 1), 0, 50);  // outside: ignored
  const v1::QueryMetricResponse r = agg.Finish("UTC");
  ASSERT_EQ(r.series_size(), 1);
  const v1::MetricSeries& s = r.series(0);
  ASSERT_EQ(s.points_size(), 3);
  EXPECT_DOUBLE_EQ(s.points(0).value(), 100.0);
  EXPECT_EQ(s.points(1).n(), 0);
  EXPECT_FALSE(s.points(1).has_value());
  EXPECT_EQ(s.points(1).start_date().month(), 2);
  EXPECT_EQ(s.points(1).end_date().day(), 28);
  EXPECT_DOUBLE_EQ(s.points(2).value(), -100.0);
  EXPECT_EQ(s.total().n(), 4);
  EXPECT_DOUBLE_EQ(s.total().value(), 50.0);  // (3 - 1) / 4
}

TEST(MetricQueryTest, NoDataStillGivesOneEmptySeries) {
  MetricQuery q = NpsByMonth();
  const v1::QueryMetricResponse r = MetricAggregator(q).Finish("UTC");
  ASSERT_EQ(r.series_size(), 1);
  EXPECT_EQ(r.series(0).points_size(), 3);
  EXPECT_EQ(r.series(0).total().n(), 0);
}

TEST(MetricQueryTest, CubeGroupsAndFiltersLikeDirectCounting) {
  // Cube keyed by (channel, team); query: by channel, team = "north".
  MetricQuery q = NpsByMonth();
  q.group_by = {kChannel};
  q.conditions.push_back({kTeam, {"north"}});
  RollupCube cube(q.mask(), q.scale);
  cube.Set("web", "north", Day(2026, 1, 2), 10, 4);
  cube.Set("web", "north", Day(2026, 1, 2), 10, 5);  // totals overwrite
  cube.Set("web", "north", Day(2026, 2, 2), 3, 1);
  cube.Set("web", "south", Day(2026, 2, 2), 3, 7);   // filtered out
  cube.Set("sms", "north", Day(2026, 3, 3), 9, 2);
  cube.Set("email", "north", Day(2025, 12, 31), 9, 2);  // outside: no series
  EXPECT_EQ(cube.bucket_count(), 5u);
  MetricAggregator agg(q);
  cube.AggregateInto(agg);
  const v1::QueryMetricResponse r = agg.Finish("Europe/Stockholm");
  ASSERT_EQ(r.series_size(), 2);
  EXPECT_EQ(r.series(0).group_values(0), "web");  // larger n first
  EXPECT_EQ(r.series(0).total().n(), 6);
  EXPECT_NEAR(r.series(0).total().value(), 100.0 * 4 / 6, 1e-9);
  EXPECT_EQ(r.series(0).points(1).detractors(), 1);
  EXPECT_EQ(r.series(1).group_values(0), "sms");
  EXPECT_EQ(r.series(1).points(2).promoters(), 2);
  EXPECT_EQ(r.time_zone(), "Europe/Stockholm");
}

}  // namespace
}  // namespace cx::metrics
