#include "common/grpc/handler.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/grpc/metadata.h"
#include "common/grpc/status_conversion.h"
#include "common/log.h"

namespace cx {
namespace {

// Streams are long by design; unary calls slower than this are logged.
constexpr absl::Duration kSlowCall = absl::Seconds(1);

// Every call would flood the log at thousands per second; failures the
// operator can act on and slow calls are what it needs to see.
void LogOutcome(const absl::Status& status, absl::Duration took, bool streaming,
                const std::string& tenant) {
  if (status.code() == absl::StatusCode::kUnavailable ||
      status.code() == absl::StatusCode::kResourceExhausted ||
      status.code() == absl::StatusCode::kDataLoss) {
    LogWarning("call failed", {{"status", status.ToString()},
                               {"ms", absl::StrCat(absl::ToInt64Milliseconds(took))}});
  } else if (!streaming && took > kSlowCall && !tenant.empty()) {
    LogWarning("slow call", {{"ms", absl::StrCat(absl::ToInt64Milliseconds(took))},
                             {"tenant", tenant}});
  }
}

grpc::Status Handle(const grpc::ServerContext& context,
                    absl::string_view method, const Authorizer& authorizer,
                    std::initializer_list<Role> allowed,
                    absl::FunctionRef<absl::Status(const Principal&)> body,
                    bool streaming) {
  RequestLogScope scope(std::string(method), RequestIdOf(context));
  const absl::Time start = absl::Now();
  absl::StatusOr<Principal> principal = authorizer.Authorize(context, allowed);
  absl::Status status = principal.ok() ? body(*principal) : principal.status();
  LogOutcome(status, absl::Now() - start, streaming,
             principal.ok() ? principal->tenant : "");
  return ToGrpcStatus(status);
}

}  // namespace

grpc::Status HandleCall(const grpc::ServerContext& context,
                        absl::string_view method, const Authorizer& authorizer,
                        std::initializer_list<Role> allowed,
                        absl::FunctionRef<absl::Status(const Principal&)> body) {
  return Handle(context, method, authorizer, allowed, body,
                /*streaming=*/false);
}

grpc::Status HandleStreamingCall(
    const grpc::ServerContext& context, absl::string_view method,
    const Authorizer& authorizer, std::initializer_list<Role> allowed,
    absl::FunctionRef<absl::Status(const Principal&)> body) {
  return Handle(context, method, authorizer, allowed, body,
                /*streaming=*/true);
}

grpc::ServerUnaryReactor* HandleAsyncCall(
    grpc::CallbackServerContext* context, absl::string_view method,
    const Authorizer& authorizer, std::initializer_list<Role> allowed,
    absl::FunctionRef<void(const Principal&, FinishCall)> body) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::string request_id = RequestIdOf(*context);
  RequestLogScope scope(std::string(method), request_id);
  const absl::Time start = absl::Now();
  absl::StatusOr<Principal> principal = authorizer.Authorize(*context, allowed);
  if (!principal.ok()) {
    reactor->Finish(ToGrpcStatus(principal.status()));
    return reactor;
  }
  body(*principal, [reactor, method = std::string(method),
                    request_id = std::move(request_id), start,
                    tenant = principal->tenant](const absl::Status& status) {
    // Possibly on another thread: tag its log lines with this call too.
    RequestLogScope finish_scope(method, request_id);
    LogOutcome(status, absl::Now() - start, /*streaming=*/false, tenant);
    reactor->Finish(ToGrpcStatus(status));
  });
  return reactor;
}

}  // namespace cx
