// The one place where absl::Status becomes grpc::Status and back.
#ifndef CX_COMMON_GRPC_STATUS_CONVERSION_H_
#define CX_COMMON_GRPC_STATUS_CONVERSION_H_

#include <string>

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace cx {

// Converts a domain status for the wire: payloads become google.rpc.Status
// details, and every error carries an ErrorInfo (its reason defaults to the
// code's name). INTERNAL and UNKNOWN messages are replaced by a generic text
// so that nothing internal (SQL, paths) leaks; the original is logged.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse, for clients: code, message and every detail as a payload.
absl::Status FromGrpcStatus(const grpc::Status& status);

// Parses the google.rpc.Status carried in `status`' error details.
google::rpc::Status RpcStatusOf(const grpc::Status& status);

// The ErrorInfo reason of a wire status, or "".
std::string ReasonOf(const grpc::Status& status);

}  // namespace cx

#endif  // CX_COMMON_GRPC_STATUS_CONVERSION_H_
