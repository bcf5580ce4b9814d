// Builders for the errors cxp returns. Details travel as absl::Status payloads
// keyed by their google.rpc type URL; common/grpc/status_conversion turns them
// into google.rpc.Status details on the wire, once, at the gRPC boundary.
#ifndef CX_COMMON_STATUS_ERRORS_H_
#define CX_COMMON_STATUS_ERRORS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/rpc/error_details.pb.h"

namespace cx {

// Collects field violations; `ToStatus()` is OK when there are none, else
// INVALID_ARGUMENT with a BadRequest detail naming every offending field.
class FieldViolations {
 public:
  void Add(std::string field, std::string description);
  bool empty() const { return violations_.empty(); }
  size_t size() const { return violations_.size(); }
  absl::Status ToStatus() const;

 private:
  std::vector<std::pair<std::string, std::string>> violations_;
};

// INVALID_ARGUMENT with one BadRequest field violation.
absl::Status InvalidField(absl::string_view field, absl::string_view description);

// NOT_FOUND with a ResourceInfo detail. Also used for other tenants'
// resources, so existence is never revealed.
absl::Status NotFound(absl::string_view resource_type,
                      absl::string_view resource_name);

// ABORTED with reason ETAG_MISMATCH.
absl::Status EtagMismatch(absl::string_view resource_name);

// FAILED_PRECONDITION with a PreconditionFailure detail and `reason`.
absl::Status FailedPrecondition(absl::string_view reason,
                                absl::string_view subject,
                                absl::string_view description);

// UNAVAILABLE with a RetryInfo detail; the message is safe to show callers.
absl::Status Unavailable(absl::string_view message, absl::Duration retry_after);

// Returns `status` with a RetryInfo detail: how long the caller should wait.
absl::Status WithRetryInfo(absl::Status status, absl::Duration retry_after);

// Returns `status` with an ErrorInfo reason (UPPER_SNAKE_CASE) attached.
absl::Status WithReason(absl::Status status, absl::string_view reason);

// The reason attached by WithReason (or a builder above), or "".
std::string ReasonOf(const absl::Status& status);

// Reads the BadRequest detail of `status`, if any.
bool GetBadRequest(const absl::Status& status, google::rpc::BadRequest* out);

// The payload key under which a detail message of type T is stored.
template <typename T>
std::string PayloadKey() {
  return "type.googleapis.com/" + T::descriptor()->full_name();
}

}  // namespace cx

#endif  // CX_COMMON_STATUS_ERRORS_H_
