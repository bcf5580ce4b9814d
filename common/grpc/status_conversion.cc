#include "common/grpc/status_conversion.h"

#include "absl/strings/ascii.h"
#include "common/log.h"
#include "common/status/errors.h"
#include "google/rpc/error_details.pb.h"

namespace cx {
namespace {

std::string DefaultReason(absl::StatusCode code) {
  return absl::AsciiStrToUpper(absl::StatusCodeToString(code));
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const bool hide = status.code() == absl::StatusCode::kInternal ||
                    status.code() == absl::StatusCode::kUnknown;
  google::rpc::Status rpc;
  rpc.set_code(static_cast<int>(status.code()));
  if (hide) {
    LogError("internal error", {{"error", status.ToString()}});
    rpc.set_message("internal error; the server log has details");
  } else {
    rpc.set_message(std::string(status.message()));
    status.ForEachPayload(
        [&rpc](absl::string_view type_url, const absl::Cord& payload) {
          auto* any = rpc.add_details();
          any->set_type_url(std::string(type_url));
          any->set_value(std::string(payload));
        });
  }
  if (hide || ReasonOf(status).empty()) {
    google::rpc::ErrorInfo info;
    info.set_reason(DefaultReason(status.code()));
    info.set_domain("cxp");
    rpc.add_details()->PackFrom(info);
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      rpc.message(), rpc.SerializeAsString());
}

google::rpc::Status RpcStatusOf(const grpc::Status& status) {
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(status.error_details())) rpc.Clear();
  return rpc;
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status out(static_cast<absl::StatusCode>(status.error_code()),
                   status.error_message());
  const google::rpc::Status rpc_status = RpcStatusOf(status);
  for (const auto& any : rpc_status.details()) {
    out.SetPayload(any.type_url(), absl::Cord(any.value()));
  }
  return out;
}

std::string ReasonOf(const grpc::Status& status) {
  const google::rpc::Status rpc_status = RpcStatusOf(status);
  for (const auto& any : rpc_status.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) return info.reason();
  }
  return "";
}

}  // namespace cx
