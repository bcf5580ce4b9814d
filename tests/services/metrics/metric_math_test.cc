// Every expectation here is worked out by hand from DESIGN.md's definitions.
#include "services/metrics/domain/metric_math.h"

#include <vector>

#include "gtest/gtest.h"

namespace cx::metrics {
namespace {

// counts[i] = observations with score scale.min + i, from a list of scores.
std::vector<int64_t> Counts(const ScoreScale& scale, std::vector<int> scores) {
  std::vector<int64_t> counts(scale.width());
  for (int s : scores) ++counts[s - scale.min];
  return counts;
}

v1::MetricPoint Point(v1::MetricType type, const ScoreScale& scale,
                      std::vector<int> scores) {
  v1::MetricPoint p;
  FillPoint(type, scale, Counts(scale, scores), &p);
  return p;
}

const ScoreScale kNps{0, 10}, kCsat{1, 5}, kCes{1, 7};

TEST(FillPointTest, NpsCountsPromotersPassivesDetractors) {
  // 5 promoters, 3 passives, 2 detractors: NPS 30; p = .5, d = .2,
  // p + d - (p - d)^2 = .61, MoE = 1.96 * 100 * sqrt(.061) = 48.41.
  const v1::MetricPoint p =
      Point(v1::METRIC_TYPE_NPS, kNps, {10, 10, 9, 9, 9, 8, 7, 7, 6, 0});
  EXPECT_EQ(p.n(), 10);
  EXPECT_EQ(p.promoters(), 5);
  EXPECT_EQ(p.passives(), 3);
  EXPECT_EQ(p.detractors(), 2);
  ASSERT_TRUE(p.has_value());
  EXPECT_DOUBLE_EQ(p.value(), 30.0);
  EXPECT_NEAR(p.margin_of_error(), 48.41, 0.01);
  EXPECT_DOUBLE_EQ(p.mean(), 75.0 / 10);
  ASSERT_EQ(p.distribution_size(), 6);
  EXPECT_EQ(p.distribution(0).score(), 0);
  EXPECT_EQ(p.distribution(5).score(), 10);
  EXPECT_EQ(p.distribution(5).count(), 2);
}

TEST(FillPointTest, NpsBalancedIsZeroWithWideMargin) {
  // P = D = 2 of 6: (1/3 + 1/3 - 0) / 6 = 1/9, MoE = 1.96 * 100 / 3 = 65.33.
  const v1::MetricPoint p = Point(v1::METRIC_TYPE_NPS, kNps, {10, 9, 8, 7, 6, 0});
  EXPECT_DOUBLE_EQ(p.value(), 0.0);
  EXPECT_NEAR(p.margin_of_error(), 65.33, 0.01);
}

TEST(FillPointTest, AllPromotersHaveNoMargin) {
  const v1::MetricPoint p = Point(v1::METRIC_TYPE_NPS, kNps, {9, 10, 10, 9});
  EXPECT_DOUBLE_EQ(p.value(), 100.0);
  EXPECT_DOUBLE_EQ(p.margin_of_error(), 0.0);
  EXPECT_EQ(p.passives(), 0);
}

TEST(FillPointTest, SingleDetractor) {
  const v1::MetricPoint p = Point(v1::METRIC_TYPE_ENPS, kNps, {3});
  EXPECT_EQ(p.n(), 1);
  EXPECT_DOUBLE_EQ(p.value(), -100.0);
  EXPECT_DOUBLE_EQ(p.margin_of_error(), 0.0);
}

TEST(FillPointTest, EmptyHasNoValue) {
  const v1::MetricPoint p = Point(v1::METRIC_TYPE_NPS, kNps, {});
  EXPECT_EQ(p.n(), 0);
  EXPECT_FALSE(p.has_value());
  EXPECT_EQ(p.distribution_size(), 0);
}

TEST(FillPointTest, CsatIsTopTwoBox) {
  // 3 of 6 are 4 or 5: 50%; MoE = 1.96 * 100 * sqrt(.25 / 6) = 40.01.
  const v1::MetricPoint p = Point(v1::METRIC_TYPE_CSAT, kCsat, {5, 4, 3, 2, 1, 5});
  EXPECT_DOUBLE_EQ(p.value(), 50.0);
  EXPECT_EQ(p.top_box(), 3);
  EXPECT_DOUBLE_EQ(p.top_box_percent(), 50.0);
  EXPECT_NEAR(p.margin_of_error(), 40.01, 0.01);
  EXPECT_DOUBLE_EQ(p.mean(), 20.0 / 6);
  EXPECT_EQ(p.promoters(), 0);
}

TEST(FillPointTest, CesIsMeanWithFiveToSevenShare) {
  // Mean 4.75; squared deviations 5.0625 + 1.5625 + .0625 + 14.0625 = 20.75,
  // s^2 = 20.75 / 3; MoE = 1.96 * sqrt(s^2 / 4) = 2.577.
  const v1::MetricPoint p = Point(v1::METRIC_TYPE_CES, kCes, {7, 6, 5, 1});
  EXPECT_DOUBLE_EQ(p.value(), 4.75);
  EXPECT_EQ(p.top_box(), 3);
  EXPECT_DOUBLE_EQ(p.top_box_percent(), 75.0);
  EXPECT_NEAR(p.margin_of_error(), 2.577, 0.001);
}

TEST(FillPointTest, VolumeCountsResponses) {
  const v1::MetricPoint p =
      Point(v1::METRIC_TYPE_RESPONSE_VOLUME, ScoreScale{0, 0}, {0, 0, 0});
  EXPECT_DOUBLE_EQ(p.value(), 3.0);
  EXPECT_EQ(p.n(), 3);
  EXPECT_EQ(p.distribution_size(), 0);
}

TEST(CompareTest, NpsUsesDesignVariance) {
  // A: NPS 30, var 10^4 * .061 = 610; B: 8 P + 2 passives, NPS 80,
  // var 10^4 * (.8 - .64) / 10 = 160. SE = sqrt(770) = 27.749, z = 1.802.
  const v1::MetricPoint a =
      Point(v1::METRIC_TYPE_NPS, kNps, {10, 10, 9, 9, 9, 8, 7, 7, 6, 0});
  const v1::MetricPoint b =
      Point(v1::METRIC_TYPE_NPS, kNps, {10, 10, 10, 10, 9, 9, 9, 9, 8, 7});
  const v1::CompareMetricResponse c = Compare(v1::METRIC_TYPE_NPS, a, b);
  EXPECT_DOUBLE_EQ(c.difference(), 50.0);
  EXPECT_NEAR(c.z(), 1.802, 0.001);
  EXPECT_FALSE(c.significant());
  EXPECT_NEAR(c.ci_low(), -4.39, 0.01);
  EXPECT_NEAR(c.ci_high(), 104.39, 0.01);
  EXPECT_EQ(c.method(), "nps-variance");
}

TEST(CompareTest, CsatTwoProportionTest) {
  // 60/100 vs 75/100: pooled .675, SE0 = sqrt(.675 * .325 * .02) = .066238,
  // z = .15 / .066238 = 2.2646; CI: unpooled SE = sqrt(.0024 + .001875)
  // = .065383 -> 15 +- 12.815.
  v1::MetricPoint a, b;
  FillPoint(v1::METRIC_TYPE_CSAT, kCsat, {20, 10, 10, 30, 30}, &a);
  FillPoint(v1::METRIC_TYPE_CSAT, kCsat, {10, 5, 10, 40, 35}, &b);
  const v1::CompareMetricResponse c = Compare(v1::METRIC_TYPE_CSAT, a, b);
  EXPECT_NEAR(c.difference(), 15.0, 1e-9);
  EXPECT_NEAR(c.z(), 2.2646, 0.0001);
  EXPECT_TRUE(c.significant());
  EXPECT_NEAR(c.ci_low(), 2.185, 0.001);
  EXPECT_NEAR(c.ci_high(), 27.815, 0.001);
}

TEST(CompareTest, NoVarianceIsNeverSignificant) {
  // n = 1 on each side: a promoter against a detractor proves nothing.
  const v1::CompareMetricResponse c =
      Compare(v1::METRIC_TYPE_NPS, Point(v1::METRIC_TYPE_NPS, kNps, {0}),
              Point(v1::METRIC_TYPE_NPS, kNps, {10}));
  EXPECT_DOUBLE_EQ(c.difference(), 200.0);
  EXPECT_FALSE(c.significant());
}

TEST(CompareTest, EmptySideHasNoDifference) {
  const v1::CompareMetricResponse c =
      Compare(v1::METRIC_TYPE_NPS, Point(v1::METRIC_TYPE_NPS, kNps, {}),
              Point(v1::METRIC_TYPE_NPS, kNps, {10, 9}));
  EXPECT_FALSE(c.has_difference());
  EXPECT_FALSE(c.significant());
}

}  // namespace
}  // namespace cx::metrics
