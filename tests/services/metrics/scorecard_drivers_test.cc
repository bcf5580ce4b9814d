#include "gtest/gtest.h"
#include "services/metrics/domain/drivers.h"
#include "services/metrics/domain/scorecard.h"

namespace cx::metrics {
namespace {

v1::ScorecardEntry Entry(double target, v1::Target::Direction direction,
                         std::optional<double> actual, double moe) {
  v1::ScorecardEntry e;
  e.mutable_target()->set_value(target);
  e.mutable_target()->set_direction(direction);
  if (actual) e.mutable_actual()->set_value(*actual);
  e.mutable_actual()->set_margin_of_error(moe);
  RateEntry(&e);
  return e;
}

TEST(ScorecardTest, StatusRules) {
  const auto at_least = v1::Target::DIRECTION_AT_LEAST;
  EXPECT_EQ(Entry(40, at_least, 45, 5).status(), v1::ScorecardEntry::STATUS_ON_TRACK);
  EXPECT_EQ(Entry(40, at_least, 40, 5).status(), v1::ScorecardEntry::STATUS_ON_TRACK);
  // Misses by 2, within the margin of error (5).
  EXPECT_EQ(Entry(40, at_least, 38, 5).status(), v1::ScorecardEntry::STATUS_AT_RISK);
  // Misses by 10, beyond max(5, 5% of 40 = 2).
  EXPECT_EQ(Entry(40, at_least, 30, 5).status(), v1::ScorecardEntry::STATUS_OFF_TRACK);
  // CES at most 3: 3.1 misses by .1, within 5% of 3 (.15) though the margin
  // of error is only .05.
  EXPECT_EQ(Entry(3, v1::Target::DIRECTION_AT_MOST, 3.1, 0.05).status(),
            v1::ScorecardEntry::STATUS_AT_RISK);
  EXPECT_EQ(Entry(3, v1::Target::DIRECTION_AT_MOST, 2.5, 0.05).status(),
            v1::ScorecardEntry::STATUS_ON_TRACK);
  EXPECT_EQ(Entry(40, at_least, std::nullopt, 0).status(),
            v1::ScorecardEntry::STATUS_NO_DATA);
}

TEST(ScorecardTest, TrendNeedsBothPoints) {
  v1::ScorecardEntry e;
  e.mutable_target()->set_value(10);
  e.mutable_actual()->set_value(12);
  e.mutable_previous()->set_value(7);
  RateEntry(&e);
  EXPECT_DOUBLE_EQ(e.trend(), 5.0);
  e.mutable_previous()->clear_value();
  RateEntry(&e);
  EXPECT_FALSE(e.has_trend());
}

TEST(DriversTest, CorrelationAndQuadrants) {
  // Outcome y = 0, 5, 10 on three responses.
  PairedSums same{"surveys/s/questions/same", {1, 5}};
  PairedSums opposite{"surveys/s/questions/opposite", {1, 5}};
  PairedSums flat{"surveys/s/questions/flat", {1, 5}};
  PairedSums few{"surveys/s/questions/few", {1, 5}};
  const double y[] = {0, 5, 10};
  const double x_same[] = {1, 3, 5}, x_opposite[] = {5, 4, 3};
  for (int i = 0; i < 3; ++i) {
    same.Add(x_same[i], y[i]);
    opposite.Add(x_opposite[i], y[i]);
    flat.Add(2, y[i]);
  }
  few.Add(5, 10);
  const std::vector<v1::Driver> d = RankDrivers({opposite, flat, same, few});
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].question(), "surveys/s/questions/same");
  EXPECT_DOUBLE_EQ(d[0].correlation(), 1.0);
  EXPECT_DOUBLE_EQ(d[0].mean_score(), 3.0);
  EXPECT_DOUBLE_EQ(d[0].performance(), 50.0);  // 3 on 1-5
  EXPECT_DOUBLE_EQ(d[1].correlation(), -1.0);
  // Medians: importance 0 (of 1, -1), performance 62.5 (of 50, 75, 25, 100).
  EXPECT_EQ(d[0].quadrant(), v1::Driver::QUADRANT_PRIORITY);
  EXPECT_EQ(d[1].quadrant(), v1::Driver::QUADRANT_MAINTAIN);  // opposite: 75
  EXPECT_FALSE(d[2].has_correlation());  // no variance
  EXPECT_FALSE(d[3].has_correlation());  // n < 3
  EXPECT_EQ(d[3].quadrant(), v1::Driver::QUADRANT_UNSPECIFIED);
}

TEST(DriversTest, SegmentsAsDriversUsePointBiserialCorrelation) {
  // NPS at touchpoints A {10, 9}, B {0, 5}, C {10}: N = 5, sum 34, sum of
  // squares 306, N*syy - sy^2 = 374. A: (5*19 - 2*34) / sqrt(6*374) = 0.56997;
  // B: (25 - 68) / sqrt(2244) = -0.90773; C: (50 - 34) / sqrt(4*374) = 0.41367.
  const std::vector<v1::Driver> d = RankSegmentDrivers(
      {{"A", 2, 19, 181}, {"B", 2, 5, 25}, {"C", 1, 10, 100}}, {0, 10});
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].segment(), "A");
  EXPECT_NEAR(d[0].correlation(), 0.56997, 1e-5);
  EXPECT_DOUBLE_EQ(d[0].mean_score(), 9.5);
  EXPECT_DOUBLE_EQ(d[0].performance(), 95.0);
  EXPECT_EQ(d[1].segment(), "C");
  EXPECT_NEAR(d[1].correlation(), 0.41367, 1e-5);
  EXPECT_EQ(d[2].segment(), "B");
  EXPECT_NEAR(d[2].correlation(), -0.90773, 1e-5);
  // Medians: importance 0.41367, performance 95.
  EXPECT_EQ(d[0].quadrant(), v1::Driver::QUADRANT_STRENGTH);
  EXPECT_EQ(d[1].quadrant(), v1::Driver::QUADRANT_STRENGTH);
  EXPECT_EQ(d[2].quadrant(), v1::Driver::QUADRANT_MONITOR);
  // One segment alone says nothing about the difference it makes.
  EXPECT_FALSE(RankSegmentDrivers({{"A", 2, 19, 181}}, {0, 10})[0].has_correlation());
}

}  // namespace
}  // namespace cx::metrics
