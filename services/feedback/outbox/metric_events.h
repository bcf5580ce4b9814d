// Translation of cx-feedback's outbox events into cx-metrics' feed.
#ifndef CX_SERVICES_FEEDBACK_OUTBOX_METRIC_EVENTS_H_
#define CX_SERVICES_FEEDBACK_OUTBOX_METRIC_EVENTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cx/metrics/v1/observation.pb.h"

namespace cx::feedback {

// The metric events of an outbox row: one per response it records (a
// ResponsesRecorded row has many), one retraction for an erasure with
// responses, none for what metrics does not consume; DATA_LOSS when the
// payload cannot be parsed.
absl::StatusOr<std::vector<metrics::v1::MetricEvent>> ToMetricEvents(
    const std::string& row_id, const std::string& event_type,
    const std::string& payload);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_OUTBOX_METRIC_EVENTS_H_
