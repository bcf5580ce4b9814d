#include "common/grpc/handler.h"

#include "common/grpc/metadata.h"
#include "common/grpc/status_conversion.h"
#include "common/log.h"

namespace cx {

grpc::Status HandleCall(const grpc::ServerContext& context,
                        absl::string_view method, const Authorizer& authorizer,
                        std::initializer_list<Role> allowed,
                        absl::FunctionRef<absl::Status(const Principal&)> body) {
  RequestLogScope scope(std::string(method), RequestIdOf(context));
  absl::StatusOr<Principal> principal = authorizer.Authorize(context, allowed);
  absl::Status status = principal.ok() ? body(*principal) : principal.status();
  if (status.code() == absl::StatusCode::kUnavailable ||
      status.code() == absl::StatusCode::kResourceExhausted ||
      status.code() == absl::StatusCode::kDataLoss) {
    LogWarning("call failed", {{"status", status.ToString()}});
  }
  return ToGrpcStatus(status);
}

}  // namespace cx
