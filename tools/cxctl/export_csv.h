// `cxctl export`: responses as CSV, with their scores, answers, and the
// language, sentiment, topics and keywords of their free text (the first
// comment's).
#ifndef CX_TOOLS_CXCTL_EXPORT_CSV_H_
#define CX_TOOLS_CXCTL_EXPORT_CSV_H_

#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "cx/feedback/v1/feedback_service.grpc.pb.h"

namespace cx {

// Pages through ListResponses(parent, filter) and writes one row per
// response; returns the number of rows.
absl::StatusOr<int64_t> ExportCsv(
    cx::feedback::v1::FeedbackService::StubInterface& stub,
    const std::string& token, const std::string& parent,
    const std::string& filter, std::ostream& out);

}  // namespace cx

#endif  // CX_TOOLS_CXCTL_EXPORT_CSV_H_
