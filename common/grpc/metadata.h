// Call metadata: request ids, and client contexts for outgoing calls that
// carry deadline, credentials and request id along.
#ifndef CX_COMMON_GRPC_METADATA_H_
#define CX_COMMON_GRPC_METADATA_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/server_context.h"

namespace cx {

inline constexpr char kRequestIdHeader[] = "x-request-id";

// The caller's x-request-id (at most 128 bytes kept), or "" when absent.
std::string RequestIdOf(const grpc::ServerContextBase& context);

// For a call to another service made while serving `incoming`: inherits its
// deadline and cancellation (ClientContext::FromServerContext), bearer token
// and request id. `max_timeout` caps the deadline when the caller set none.
std::unique_ptr<grpc::ClientContext> MakeOutgoingContext(
    const grpc::ServerContext& incoming, absl::Duration max_timeout);

// For a call that starts here (cxctl, background relays).
std::unique_ptr<grpc::ClientContext> MakeClientContext(
    absl::string_view bearer_token, absl::Duration timeout,
    absl::string_view request_id = "");

}  // namespace cx

#endif  // CX_COMMON_GRPC_METADATA_H_
