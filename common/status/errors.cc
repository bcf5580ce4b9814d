#include "common/status/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "common/proto_time.h"

namespace cx {
namespace {

template <typename T>
void Attach(absl::Status& status, const T& detail) {
  status.SetPayload(PayloadKey<T>(), absl::Cord(detail.SerializeAsString()));
}

}  // namespace

void FieldViolations::Add(std::string field, std::string description) {
  violations_.emplace_back(std::move(field), std::move(description));
}

absl::Status FieldViolations::ToStatus() const {
  if (violations_.empty()) return absl::OkStatus();
  google::rpc::BadRequest bad_request;
  for (const auto& [field, description] : violations_) {
    auto* v = bad_request.add_field_violations();
    v->set_field(field);
    v->set_description(description);
  }
  std::string message = absl::StrCat(violations_[0].first, ": ",
                                     violations_[0].second);
  if (violations_.size() > 1) {
    absl::StrAppend(&message, " (and ", violations_.size() - 1,
                    " more field violations)");
  }
  absl::Status status = absl::InvalidArgumentError(message);
  Attach(status, bad_request);
  return WithReason(std::move(status), "INVALID_FIELD");
}

absl::Status InvalidField(absl::string_view field,
                          absl::string_view description) {
  FieldViolations v;
  v.Add(std::string(field), std::string(description));
  return v.ToStatus();
}

absl::Status NotFound(absl::string_view resource_type,
                      absl::string_view resource_name) {
  absl::Status status =
      absl::NotFoundError(absl::StrCat(resource_name, " not found"));
  google::rpc::ResourceInfo info;
  info.set_resource_type(std::string(resource_type));
  info.set_resource_name(std::string(resource_name));
  Attach(status, info);
  return WithReason(std::move(status), "RESOURCE_NOT_FOUND");
}

absl::Status EtagMismatch(absl::string_view resource_name) {
  return WithReason(
      absl::AbortedError(absl::StrCat(
          resource_name,
          " was changed since it was read; read it again and retry")),
      "ETAG_MISMATCH");
}

absl::Status FailedPrecondition(absl::string_view reason,
                                absl::string_view subject,
                                absl::string_view description) {
  absl::Status status = absl::FailedPreconditionError(
      absl::StrCat(subject, ": ", description));
  google::rpc::PreconditionFailure failure;
  auto* v = failure.add_violations();
  v->set_type(std::string(reason));
  v->set_subject(std::string(subject));
  v->set_description(std::string(description));
  Attach(status, failure);
  return WithReason(std::move(status), reason);
}

absl::Status Unavailable(absl::string_view message,
                         absl::Duration retry_after) {
  return WithReason(
      WithRetryInfo(absl::UnavailableError(message), retry_after),
      "STORE_UNAVAILABLE");
}

absl::Status WithRetryInfo(absl::Status status, absl::Duration retry_after) {
  if (status.ok()) return status;
  google::rpc::RetryInfo retry;
  *retry.mutable_retry_delay() = ToProto(retry_after);
  Attach(status, retry);
  return status;
}

absl::Status WithReason(absl::Status status, absl::string_view reason) {
  if (status.ok()) return status;
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain("cxp");
  Attach(status, info);
  return status;
}

std::string ReasonOf(const absl::Status& status) {
  auto payload = status.GetPayload(PayloadKey<google::rpc::ErrorInfo>());
  if (!payload.has_value()) return "";
  google::rpc::ErrorInfo info;
  if (!info.ParseFromString(std::string(*payload))) return "";
  return info.reason();
}

bool GetBadRequest(const absl::Status& status, google::rpc::BadRequest* out) {
  auto payload = status.GetPayload(PayloadKey<google::rpc::BadRequest>());
  return payload.has_value() && out->ParseFromString(std::string(*payload));
}

}  // namespace cx
