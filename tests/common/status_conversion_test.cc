#include "common/grpc/status_conversion.h"

#include "common/status/errors.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"

namespace cx {
namespace {

TEST(StatusConversionTest, OkStaysOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(StatusConversionTest, DetailsSurviveTheRoundTrip) {
  const absl::Status original = InvalidField("page_size", "must not be negative");
  const grpc::Status wire = ToGrpcStatus(original);
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOf(wire), "INVALID_FIELD");
  const google::rpc::Status rpc = RpcStatusOf(wire);
  EXPECT_EQ(rpc.code(), 3);
  bool found = false;
  for (const auto& any : rpc.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      found = true;
      EXPECT_EQ(bad.field_violations(0).field(), "page_size");
    }
  }
  EXPECT_TRUE(found);
  const absl::Status back = FromGrpcStatus(wire);
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  google::rpc::BadRequest bad;
  EXPECT_TRUE(GetBadRequest(back, &bad));
}

TEST(StatusConversionTest, ErrorsWithoutReasonGetTheCodeName) {
  const grpc::Status wire = ToGrpcStatus(absl::PermissionDeniedError("no"));
  EXPECT_EQ(ReasonOf(wire), "PERMISSION_DENIED");
}

TEST(StatusConversionTest, InternalNeverLeaksItsMessage) {
  const grpc::Status wire = ToGrpcStatus(absl::InternalError(
      "SQL error 1064: near 'SELECT * FROM responses WHERE tenant_id'"));
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(wire.error_message().find("SQL"), std::string::npos);
  EXPECT_EQ(wire.error_message().find("responses"), std::string::npos);
  EXPECT_EQ(RpcStatusOf(wire).details_size(), 1);  // ErrorInfo only
  EXPECT_EQ(ReasonOf(wire), "INTERNAL");
}

}  // namespace
}  // namespace cx
