// How a case opened with a response is stored: the case at revision 1, with
// its name and etag, and its OPENED event by "system" (whose sequence the
// store leaves to its column), both serialized.
#ifndef CX_SERVICES_FEEDBACK_STORE_OPENED_CASE_H_
#define CX_SERVICES_FEEDBACK_STORE_OPENED_CASE_H_

#include <string>

#include "absl/time/time.h"
#include "cx/feedback/v1/case.pb.h"

namespace cx::feedback {

struct OpenedCaseBodies {
  std::string case_body;   // a v1::Case
  std::string event_body;  // a v1::CaseEvent
};

// `opened` (as the closed-loop rules made it) stored as case `id` at `time`.
OpenedCaseBodies SerializeOpenedCase(const std::string& id,
                                     const v1::Case& opened, absl::Time time);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_OPENED_CASE_H_
