// `cxctl import FILE.csv`: streams a CSV of historical responses to
// ImportResponses with a progress line, and returns the server's summary.
//
// Columns (header row first, any order): external_id (required), survey
// (`surveys/{id}`, or --survey for the whole file), channel (WEB, EMAIL, SMS,
// CHAT, PHONE, IN_APP, SOCIAL, KIOSK), customer_id, submit_time (RFC 3339),
// locale, touchpoint, team, agent, and one `q:<question_id>` column per
// question: a number for scored questions, a choice id, choice ids joined by
// `|` for multiple choice, or text. Empty cells are unanswered. Spaces around
// a cell are dropped, except in text answers. A row whose submit_time is not
// RFC 3339 is not sent: it is counted and listed with the server's failures.
#ifndef CX_TOOLS_CXCTL_IMPORT_CSV_H_
#define CX_TOOLS_CXCTL_IMPORT_CSV_H_

#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cx/feedback/v1/feedback_service.grpc.pb.h"

namespace cx {

struct ImportCsvOptions {
  std::string path;
  std::string default_survey;
  bool open_cases = false;
  int records_per_message = 500;
};

absl::StatusOr<cx::feedback::v1::ImportResponsesResponse> ImportCsv(
    cx::feedback::v1::FeedbackService::StubInterface& stub,
    const std::string& token, const ImportCsvOptions& options,
    std::ostream& progress);

// "  12,000 rows   8,000 rows/s   ETA 3s   [#######.............]  35%"
std::string ProgressLine(int64_t rows, absl::Duration elapsed,
                         int64_t bytes_done, int64_t bytes_total);

}  // namespace cx

#endif  // CX_TOOLS_CXCTL_IMPORT_CSV_H_
