// The period of a report request (start_time, end_time): both required and
// valid, the end after the start, at most 366 days apart (a year, leap or
// not).
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_REPORT_PERIOD_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_REPORT_PERIOD_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace cx::feedback {

struct ReportPeriod {
  absl::Time start;
  absl::Time end;
};

// INVALID_ARGUMENT naming start_time or end_time unless valid.
absl::StatusOr<ReportPeriod> ParseReportPeriod(
    bool has_start, const google::protobuf::Timestamp& start, bool has_end,
    const google::protobuf::Timestamp& end);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_REPORT_PERIOD_H_
