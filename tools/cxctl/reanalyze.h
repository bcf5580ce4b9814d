// `cxctl topics reanalyze`: stored comments analysed again with the tenant's
// current taxonomy, page by page through ReanalyzeResponses.
#ifndef CX_TOOLS_CXCTL_REANALYZE_H_
#define CX_TOOLS_CXCTL_REANALYZE_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "cx/feedback/v1/feedback_service.grpc.pb.h"

namespace cx {

struct ReanalysisTotals {
  int64_t reanalyzed = 0;
  int64_t changed = 0;
};

// Calls ReanalyzeResponses(parent, filter) until no page is left (1,000
// responses a call); `progress` hears the totals after each page.
absl::StatusOr<ReanalysisTotals> Reanalyze(
    cx::feedback::v1::FeedbackService::StubInterface& stub,
    const std::string& token, const std::string& parent,
    const std::string& filter,
    const std::function<void(const ReanalysisTotals&)>& progress);

}  // namespace cx

#endif  // CX_TOOLS_CXCTL_REANALYZE_H_
