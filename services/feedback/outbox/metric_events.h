// Translation of cx-feedback's outbox events into cx-metrics' feed.
#ifndef CX_SERVICES_FEEDBACK_OUTBOX_METRIC_EVENTS_H_
#define CX_SERVICES_FEEDBACK_OUTBOX_METRIC_EVENTS_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "cx/metrics/v1/observation.pb.h"

namespace cx::feedback {

// The metric event of an outbox row; nullopt for event types metrics does
// not consume; DATA_LOSS when the payload cannot be parsed.
absl::StatusOr<std::optional<metrics::v1::MetricEvent>> ToMetricEvent(
    const std::string& event_id, const std::string& event_type,
    const std::string& payload);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_OUTBOX_METRIC_EVENTS_H_
