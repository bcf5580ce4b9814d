// Validation of cx-metrics requests into domain queries. Every problem is an
// INVALID_ARGUMENT naming the offending field.
#ifndef CX_SERVICES_METRICS_METRIC_REQUESTS_H_
#define CX_SERVICES_METRICS_METRIC_REQUESTS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cx/metrics/v1/metrics_service.pb.h"
#include "services/metrics/domain/metric_query.h"
#include "services/metrics/store/rollup_reader.h"

namespace cx::metrics {

inline constexpr int kMaxEventsPerCall = 1000;
// A customer's erasure retracts all their responses in one event.
inline constexpr int kMaxRetractedSources = 10000;
// Longest interval a query may span (about three years).
inline constexpr int kMaxIntervalDays = 3 * 366;

absl::Status ValidateEvents(const v1::RecordObservationsRequest& request);

// [first, last] of two dates, `prefix` naming their fields (e.g. "" or
// "baseline.").
absl::StatusOr<std::pair<DayNumber, DayNumber>> ParseInterval(
    const google::type::Date& start, const google::type::Date& end,
    const std::string& prefix);

absl::StatusOr<std::vector<DimensionCondition>> ParseFilters(
    const google::protobuf::RepeatedPtrField<v1::DimensionFilter>& filters,
    const std::string& field);

// The question named by `spec.question` ("" when none); INVALID_ARGUMENT when
// it is malformed or required and missing.
absl::Status ValidateMetricSpec(const v1::MetricSpec& spec,
                                const std::string& field);

// Series, scale and type of `spec`; `question` is what the store knows of
// spec.question (nullopt: never observed, so the metric is empty).
absl::StatusOr<MetricQuery> ResolveMetric(
    const v1::MetricSpec& spec, const std::optional<QuestionInfo>& question,
    const std::string& field);

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_METRIC_REQUESTS_H_
