#include "common/status/errors.h"

#include "gtest/gtest.h"

namespace cx {
namespace {

TEST(FieldViolationsTest, EmptyIsOk) {
  FieldViolations v;
  EXPECT_TRUE(v.ToStatus().ok());
}

TEST(FieldViolationsTest, CarriesEveryFieldInBadRequest) {
  FieldViolations v;
  v.Add("survey.display_name", "must have 1 to 200 characters");
  v.Add("survey.questions[0].id", "must match [a-z][a-z0-9_]{0,62}");
  const absl::Status status = v.ToStatus();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(status), "INVALID_FIELD");
  google::rpc::BadRequest bad;
  ASSERT_TRUE(GetBadRequest(status, &bad));
  ASSERT_EQ(bad.field_violations_size(), 2);
  EXPECT_EQ(bad.field_violations(0).field(), "survey.display_name");
  EXPECT_EQ(bad.field_violations(1).field(), "survey.questions[0].id");
  EXPECT_NE(status.message().find("1 more"), absl::string_view::npos);
}

TEST(ErrorsTest, NotFoundHasResourceInfo) {
  const absl::Status status = NotFound("cx.feedback.v1.Survey", "surveys/x");
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(status), "RESOURCE_NOT_FOUND");
  EXPECT_TRUE(status.GetPayload(PayloadKey<google::rpc::ResourceInfo>()));
}

TEST(ErrorsTest, UnavailableHasRetryInfo) {
  const absl::Status status = Unavailable("db down", absl::Milliseconds(1500));
  auto payload = status.GetPayload(PayloadKey<google::rpc::RetryInfo>());
  ASSERT_TRUE(payload.has_value());
  google::rpc::RetryInfo retry;
  ASSERT_TRUE(retry.ParseFromString(std::string(*payload)));
  EXPECT_EQ(retry.retry_delay().seconds(), 1);
  EXPECT_EQ(retry.retry_delay().nanos(), 500000000);
}

TEST(ErrorsTest, WithReasonLeavesOkAlone) {
  EXPECT_TRUE(WithReason(absl::OkStatus(), "X").ok());
  EXPECT_EQ(ReasonOf(EtagMismatch("surveys/a")), "ETAG_MISMATCH");
  EXPECT_EQ(EtagMismatch("surveys/a").code(), absl::StatusCode::kAborted);
}

}  // namespace
}  // namespace cx
