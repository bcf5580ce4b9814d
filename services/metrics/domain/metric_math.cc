#include "services/metrics/domain/metric_math.h"

#include <cmath>

#include "common/proportions.h"
#include "common/top_box.h"

namespace cx::metrics {
namespace {

bool IsNpsLike(v1::MetricType type) {
  return type == v1::METRIC_TYPE_NPS || type == v1::METRIC_TYPE_ENPS;
}

// Sample variance of the scores behind a point (0 below n = 2).
double SampleVariance(const v1::MetricPoint& p) {
  if (p.n() < 2) return 0;
  double sum_sq = 0;
  for (const v1::ScoreCount& c : p.distribution()) {
    const double d = c.score() - p.mean();
    sum_sq += d * d * static_cast<double>(c.count());
  }
  return sum_sq / static_cast<double>(p.n() - 1);
}

double NpsVarianceOf(const v1::MetricPoint& p) {
  return NpsVariance(p.promoters(), p.detractors(), p.n());
}

}  // namespace

void FillPoint(v1::MetricType type, const ScoreScale& scale,
               absl::Span<const int64_t> counts, v1::MetricPoint* point) {
  point->clear_distribution();
  int64_t n = 0, promoters = 0, detractors = 0, top_box = 0;
  double sum = 0;
  // Top box: CSAT 4-5 (its top two points), CES 5-7, other scales their
  // top two points.
  const int top_from =
      type == v1::METRIC_TYPE_CES ? kCesTopBoxFrom : scale.max - 1;
  for (size_t i = 0; i < counts.size(); ++i) {
    const int score = scale.min + static_cast<int>(i);
    const int64_t c = counts[i];
    if (c == 0) continue;
    n += c;
    sum += static_cast<double>(score) * c;
    if (IsPromoter(score)) promoters += c;
    if (IsDetractor(score)) detractors += c;
    if (score >= top_from) top_box += c;
    v1::ScoreCount* sc = point->add_distribution();
    sc->set_score(score);
    sc->set_count(c);
  }
  if (type == v1::METRIC_TYPE_RESPONSE_VOLUME) {
    // One bucket per response: n is the volume.
    point->clear_distribution();
  }
  point->set_n(n);
  point->clear_value();
  point->set_margin_of_error(0);
  point->set_promoters(IsNpsLike(type) ? promoters : 0);
  point->set_detractors(IsNpsLike(type) ? detractors : 0);
  point->set_passives(IsNpsLike(type) ? n - promoters - detractors : 0);
  point->set_top_box(IsNpsLike(type) || type == v1::METRIC_TYPE_RESPONSE_VOLUME
                         ? 0 : top_box);
  point->set_top_box_percent(0);
  point->set_mean(0);
  if (n == 0) return;
  const double dn = static_cast<double>(n);
  if (type != v1::METRIC_TYPE_RESPONSE_VOLUME) point->set_mean(sum / dn);
  if (point->top_box() > 0) point->set_top_box_percent(100.0 * top_box / dn);
  switch (type) {
    case v1::METRIC_TYPE_NPS:
    case v1::METRIC_TYPE_ENPS: {
      point->set_value(NpsValue(promoters, detractors, n));
      point->set_margin_of_error(
          NpsMarginOfError(promoters, detractors, n));
      break;
    }
    case v1::METRIC_TYPE_CSAT:
      point->set_value(100.0 * top_box / dn);
      point->set_margin_of_error(100.0 * ProportionMarginOfError(top_box, n));
      break;
    case v1::METRIC_TYPE_RESPONSE_VOLUME:
      point->set_value(dn);
      break;
    default:  // CES and rating means
      point->set_value(sum / dn);
      point->set_margin_of_error(kZ95 * std::sqrt(SampleVariance(*point) / dn));
      break;
  }
}

v1::CompareMetricResponse Compare(v1::MetricType type,
                                  const v1::MetricPoint& baseline,
                                  const v1::MetricPoint& comparison) {
  v1::CompareMetricResponse out;
  *out.mutable_baseline() = baseline;
  *out.mutable_comparison() = comparison;
  if (!baseline.has_value() || !comparison.has_value()) return out;
  const double diff = comparison.value() - baseline.value();
  out.set_difference(diff);
  const double n1 = static_cast<double>(baseline.n());
  const double n2 = static_cast<double>(comparison.n());
  double se = 0;       // of the difference, for the interval
  double test_se = 0;  // under the null hypothesis, for z
  switch (type) {
    case v1::METRIC_TYPE_NPS:
    case v1::METRIC_TYPE_ENPS:
      out.set_method("nps-variance");
      se = test_se =
          std::sqrt(NpsVarianceOf(baseline) + NpsVarianceOf(comparison));
      break;
    case v1::METRIC_TYPE_CSAT: {
      out.set_method("two-proportion");
      const ProportionDifference d =
          CompareProportions(baseline.top_box(), baseline.n(),
                             comparison.top_box(), comparison.n());
      se = 100.0 * d.se;
      test_se = 100.0 * d.test_se;
      break;
    }
    case v1::METRIC_TYPE_RESPONSE_VOLUME:
      out.set_method("count");
      se = test_se = std::sqrt(n1 + n2);
      break;
    default:
      out.set_method("welch");
      se = test_se = std::sqrt(SampleVariance(baseline) / n1 +
                               SampleVariance(comparison) / n2);
      break;
  }
  out.set_ci_low(diff - kZ95 * se);
  out.set_ci_high(diff + kZ95 * se);
  // With no variance at all (say n = 1 on each side) there is no test: the
  // difference is reported but never called significant.
  if (test_se > 0) {
    out.set_z(diff / test_se);
    out.set_significant(std::abs(out.z()) > kZ95);
  }
  return out;
}

}  // namespace cx::metrics
