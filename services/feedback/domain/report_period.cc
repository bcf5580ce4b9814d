#include "services/feedback/domain/report_period.h"

#include <utility>

#include "common/proto_time.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"

namespace cx::feedback {

absl::StatusOr<ReportPeriod> ParseReportPeriod(
    bool has_start, const google::protobuf::Timestamp& start, bool has_end,
    const google::protobuf::Timestamp& end) {
  FieldViolations v;
  for (const auto& [field, time] :
       {std::pair{"start_time", &start}, {"end_time", &end}}) {
    if (!IsValidTimestamp(*time)) v.Add(field, "is not a valid timestamp");
  }
  if (!has_start) v.Add("start_time", "is required");
  if (!has_end) v.Add("end_time", "is required");
  RETURN_IF_ERROR(v.ToStatus());
  const ReportPeriod period{FromProto(start), FromProto(end)};
  if (period.end <= period.start ||
      period.end - period.start > absl::Hours(24 * 366)) {
    return InvalidField("end_time",
                        "must be after start_time, at most 366 days later");
  }
  return period;
}

}  // namespace cx::feedback
