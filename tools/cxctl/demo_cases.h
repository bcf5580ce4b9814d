// Works the demo tenant's closed-loop cases the way a care team would: most
// are picked up by a team, many resolved, some closed, the rest still open,
// so ListCases, WatchCases and GetCaseStatistics show a loop in motion.
// Each case's fate follows from a hash of its response's name, so running it
// again changes nothing.
#ifndef CX_TOOLS_CXCTL_DEMO_CASES_H_
#define CX_TOOLS_CXCTL_DEMO_CASES_H_

#include <string>

#include "absl/status/statusor.h"
#include "cx/feedback/v1/feedback_service.grpc.pb.h"

namespace cx {

struct DemoCasesSummary {
  int cases = 0;    // the tenant's cases
  int updates = 0;  // transitions made by this run
};

// `token` needs the admin or agent role.
absl::StatusOr<DemoCasesSummary> WorkDemoCases(
    cx::feedback::v1::FeedbackService::StubInterface& feedback,
    const std::string& token);

}  // namespace cx

#endif  // CX_TOOLS_CXCTL_DEMO_CASES_H_
