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

TEST_F(FeedbackErasureTest, ReimportingOldDataDoesNotBringTheCustomerBack) {
  Answer("c-x", 4);
  v1::DeleteCustomerDataResponse erased;
  ASSERT_TRUE(Erase("c-x", &erased).ok());
  // The same history file as before the erasure.
  auto ctx = As("acme", {"ingest"});
  v1::ImportResponsesResponse out;
  auto writer = stub_->ImportResponses(ctx.get(), &out);
  v1::ImportResponsesRequest req;
  for (const char* customer : {"c-x", "c-y"}) {
    v1::ImportRecord* r = req.add_records();
    r->set_line(req.records_size() + 1);
    r->set_external_id(std::string("old-") + customer);
    r->set_parent(survey_.name());
    *r->mutable_response() = testing::NpsResponse(3);
    r->mutable_response()->set_customer_id(customer);
  }
  ASSERT_TRUE(writer->Write(req));
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(out.imported(), 1);
  EXPECT_EQ(out.failed(), 1);
  ASSERT_EQ(out.errors_size(), 1);
  EXPECT_EQ(out.errors(0).external_id(), "old-c-x");
  EXPECT_NE(out.errors(0).reason().find("erased"), std::string::npos);
  EXPECT_EQ(Count("customer_id = \"c-x\""), 0);
  // New feedback the customer gives afterwards is theirs to give.
  Answer("c-x", 9);
  EXPECT_EQ(Count("customer_id = \"c-x\""), 1);
}

TEST_F(FeedbackErasureTest, OnlyAdminsAndWithACustomerId) {
  v1::DeleteCustomerDataResponse out;
  EXPECT_EQ(Erase("c-x", &out, {"analyst", "agent"}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(BadRequestFields(Erase("", &out)),
            std::vector<std::string>{"customer_id"});
}

// MariaDB compares "c-x " equal to "c-x": an id with a space at an end
// would erase another customer's data, so it is refused.
TEST_F(FeedbackErasureTest, ACustomerIdWithASpaceAtAnEndIsRefused) {
  Answer("c-x", 2);
  v1::DeleteCustomerDataResponse out;
  for (const char* padded : {"c-x ", " c-x"}) {
    EXPECT_EQ(BadRequestFields(Erase(padded, &out)),
              std::vector<std::string>{"customer_id"});
  }
  EXPECT_EQ(Count("customer_id = \"c-x\""), 1);
}

}  // namespace
}  // namespace cx::feedback
