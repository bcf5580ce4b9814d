// Working-time arithmetic for case deadlines: an SLA of 4 hours opened late on
// a Friday runs on Monday morning. Pure.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_BUSINESS_HOURS_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_BUSINESS_HOURS_H_

#include <string>

#include "absl/time/time.h"
#include "common/status/errors.h"
#include "cx/feedback/v1/case.pb.h"

namespace cx::feedback {

// Adds a violation under `field` (e.g. "policy.business_hours.end_time") for
// each invalid part of `hours`.
void ValidateBusinessHours(const v1::BusinessHours& hours,
                           const std::string& field, FieldViolations* v);

// The instant `work` of working time after `start` (valid `hours`): time
// outside the working hours of working days, or on holidays, does not count.
// Zero work from outside the hours ends when the next working day starts.
absl::Time AddWorkingTime(const v1::BusinessHours& hours, absl::Time start,
                          absl::Duration work);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_BUSINESS_HOURS_H_
