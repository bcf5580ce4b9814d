// What an acknowledgement carries of a stored response (ResponseView).
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_VIEW_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_VIEW_H_

#include "absl/status/status.h"
#include "cx/feedback/v1/feedback_service.pb.h"
#include "cx/feedback/v1/response.pb.h"

namespace cx::feedback {

// INVALID_ARGUMENT naming `view` for a value the enum does not define.
absl::Status ValidateResponseView(v1::ResponseView view);

// Trims `response` to `view` (BASIC drops answers, attributes, touchpoint,
// team and agent; UNSPECIFIED and FULL keep everything).
void ApplyResponseView(v1::ResponseView view, v1::Response* response);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_VIEW_H_
