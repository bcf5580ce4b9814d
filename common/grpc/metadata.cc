#include "common/grpc/metadata.h"

#include <chrono>

#include "absl/strings/str_cat.h"

namespace cx {
namespace {

std::chrono::system_clock::time_point DeadlineIn(absl::Duration timeout) {
  return std::chrono::system_clock::now() +
         std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout));
}

}  // namespace

std::string RequestIdOf(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(kRequestIdHeader);
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), std::min<size_t>(it->second.size(), 128));
}

std::unique_ptr<grpc::ClientContext> MakeOutgoingContext(
    const grpc::ServerContext& incoming, absl::Duration max_timeout) {
  std::unique_ptr<grpc::ClientContext> out =
      grpc::ClientContext::FromServerContext(incoming);
  // FromServerContext copies the incoming deadline; tighten an unbounded one.
  if (out->deadline() > DeadlineIn(max_timeout)) {
    out->set_deadline(DeadlineIn(max_timeout));
  }
  const auto& metadata = incoming.client_metadata();
  for (const char* key : {"authorization", kRequestIdHeader}) {
    auto it = metadata.find(key);
    if (it != metadata.end()) {
      out->AddMetadata(key, std::string(it->second.data(), it->second.size()));
    }
  }
  return out;
}

std::unique_ptr<grpc::ClientContext> MakeClientContext(
    absl::string_view bearer_token, absl::Duration timeout,
    absl::string_view request_id) {
  auto out = std::make_unique<grpc::ClientContext>();
  out->set_deadline(DeadlineIn(timeout));
  if (!bearer_token.empty()) {
    out->AddMetadata("authorization", absl::StrCat("Bearer ", bearer_token));
  }
  if (!request_id.empty()) {
    out->AddMetadata(kRequestIdHeader, std::string(request_id));
  }
  return out;
}

}  // namespace cx
