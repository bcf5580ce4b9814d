// DeleteCustomerData through the real service (in-process, in-memory stores).
#include "gtest/gtest.h"
#include "tests/services/feedback/feedback_service_fixture.h"
#include "tests/testing/status_fields.h"

namespace cx::feedback {
namespace {

using cx::testing::BadRequestFields;

class FeedbackErasureTest : public FeedbackServiceTest {
 protected:
  void SetUp() override {
    FeedbackServiceTest::SetUp();
    survey_ = CreatePublished();
  }
  void Answer(const std::string& customer, int nps) {
    v1::Response r = testing::NpsResponse(nps);
    r.set_customer_id(customer);
    v1::Response out;
    ASSERT_TRUE(Submit(survey_.name(), r, &out).ok());
  }
  grpc::Status Erase(const std::string& customer,
                     v1::DeleteCustomerDataResponse* out,
                     std::vector<std::string> roles = {"admin"}) {
    v1::DeleteCustomerDataRequest req;
    req.set_customer_id(customer);
    return stub_->DeleteCustomerData(As("acme", roles).get(), req, out);
  }
  int Count(const std::string& filter) {
    v1::ListResponsesRequest req;
    req.set_parent("surveys/-");
    req.set_filter(filter);
    req.set_page_size(1000);
    v1::ListResponsesResponse out;
    EXPECT_TRUE(stub_->ListResponses(As("acme").get(), req, &out).ok());
    return out.responses_size();
  }
  v1::Survey survey_;
};

TEST_F(FeedbackErasureTest, ErasesEveryTraceOfOneCustomerOnly) {
  Answer("c-x", 2);
  Answer("c-x", 5);
  Answer("c-x", 10);
  Answer("c-y", 1);
  v1::DeleteCustomerDataResponse out;
  ASSERT_TRUE(Erase("c-x", &out).ok());
  EXPECT_EQ(out.responses_deleted(), 3);
  EXPECT_EQ(out.cases_deleted(), 2);
  EXPECT_EQ(out.case_events_deleted(), 2);
  EXPECT_EQ(Count("customer_id = \"c-x\""), 0);
  EXPECT_EQ(Count("customer_id = \"c-y\""), 1);
  v1::ListCasesRequest list;
  v1::ListCasesResponse cases;
  ASSERT_TRUE(stub_->ListCases(As("acme", {"agent"}).get(), list, &cases).ok());
  ASSERT_EQ(cases.cases_size(), 1);
  EXPECT_EQ(cases.cases(0).customer_id(), "c-y");
  // Downstream services are told which responses to forget.
  const auto outbox = erasure_.outbox();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].customer_id(), "c-x");
  EXPECT_EQ(outbox[0].responses_size(), 3);
  // Safe to repeat.
  ASSERT_TRUE(Erase("c-x", &out).ok());
  EXPECT_EQ(out.responses_deleted(), 0);
  EXPECT_EQ(erasure_.outbox().size(), 1u);
}

TEST_F(FeedbackErasureTest, OnlyAdminsAndWithACustomerId) {
  v1::DeleteCustomerDataResponse out;
  EXPECT_EQ(Erase("c-x", &out, {"analyst", "agent"}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(BadRequestFields(Erase("", &out)),
            std::vector<std::string>{"customer_id"});
}

}  // namespace
}  // namespace cx::feedback
