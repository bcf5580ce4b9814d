// The shape every unary handler shares: tag logs with method and request id,
// authenticate and authorise, run the domain call, convert its status once.
#ifndef CX_COMMON_GRPC_HANDLER_H_
#define CX_COMMON_GRPC_HANDLER_H_

#include <functional>
#include <initializer_list>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/auth/authorizer.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"
#include "grpcpp/support/status.h"

namespace cx {

grpc::Status HandleCall(const grpc::ServerContext& context,
                        absl::string_view method, const Authorizer& authorizer,
                        std::initializer_list<Role> allowed,
                        absl::FunctionRef<absl::Status(const Principal&)> body);

// The same for streaming calls, which are long by design (no slow-call log).
grpc::Status HandleStreamingCall(
    const grpc::ServerContext& context, absl::string_view method,
    const Authorizer& authorizer, std::initializer_list<Role> allowed,
    absl::FunctionRef<absl::Status(const Principal&)> body);

// Finishes an asynchronous call with its status; call exactly once, from any
// thread.
using FinishCall = std::function<void(const absl::Status&)>;

// The same for unary calls on the callback API, whose result comes later
// (e.g. after a group commit): `body` starts the work and hands `finish` on.
// Authorisation failures finish the call at once.
grpc::ServerUnaryReactor* HandleAsyncCall(
    grpc::CallbackServerContext* context, absl::string_view method,
    const Authorizer& authorizer, std::initializer_list<Role> allowed,
    absl::FunctionRef<void(const Principal&, FinishCall)> body);

// Moves the value of `result` into `*out`; returns its status.
template <typename T>
absl::Status AssignTo(absl::StatusOr<T> result, T* out) {
  if (!result.ok()) return result.status();
  *out = *std::move(result);
  return absl::OkStatus();
}

}  // namespace cx

#endif  // CX_COMMON_GRPC_HANDLER_H_
