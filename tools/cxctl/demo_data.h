// The demo tenant `./cx run` loads: two published surveys and a few hundred
// responses over several channels, teams and months. Loaded through the
// public API (so it exercises validation) with request ids, so loading twice
// stores nothing twice.
#ifndef CX_TOOLS_CXCTL_DEMO_DATA_H_
#define CX_TOOLS_CXCTL_DEMO_DATA_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cx/feedback/v1/feedback_service.grpc.pb.h"

namespace cx {

struct DemoSummary {
  std::string nps_survey;
  std::string csat_survey;
  int responses = 0;
};

absl::StatusOr<DemoSummary> LoadDemoData(
    cx::feedback::v1::FeedbackService::StubInterface& feedback,
    const std::string& token, int responses, absl::Time now);

}  // namespace cx

#endif  // CX_TOOLS_CXCTL_DEMO_DATA_H_
