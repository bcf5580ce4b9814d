// The real FeedbackService on an in-process channel over in-memory stores,
// with helpers to call it as a given tenant and roles.
#ifndef CX_TESTS_SERVICES_FEEDBACK_FEEDBACK_SERVICE_FIXTURE_H_
#define CX_TESTS_SERVICES_FEEDBACK_FEEDBACK_SERVICE_FIXTURE_H_

#include <memory>

#include "common/grpc/metadata.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/feedback/feedback_service.h"
#include "services/feedback/store/memory_case_store.h"
#include "services/feedback/store/memory_erasure_store.h"
#include "services/feedback/store/memory_settings_store.h"
#include "services/feedback/store/memory_response_store.h"
#include "services/feedback/store/memory_survey_store.h"
#include "tests/services/feedback/test_surveys.h"
#include "tests/testing/test_tokens.h"

namespace cx::feedback {

class FeedbackServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(&surveys_); }
  void TearDown() override { server_->Shutdown(); }

  // `responses` stands in front of responses_ when given.
  void Start(SurveyStore* surveys, ResponseStore* responses = nullptr) {
    if (responses == nullptr) responses = &responses_;
    service_ = std::make_unique<FeedbackService>(
        FeedbackStores{surveys, responses, &cases_, &erasure_, &settings_},
        &text::TextAnalyzer::Default(), &authorizer_, &clock_);
    grpc::ServerBuilder builder;
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    stub_ = v1::FeedbackService::NewStub(
        server_->InProcessChannel(grpc::ChannelArguments()));
  }

  std::unique_ptr<grpc::ClientContext> As(
      const std::string& tenant, std::vector<std::string> roles = {"admin"}) {
    return MakeClientContext(cx::testing::TestToken(tenant, roles, clock_.Now()),
                             absl::Seconds(5));
  }

  v1::Survey CreatePublished(const std::string& tenant = "acme") {
    v1::CreateSurveyRequest create;
    *create.mutable_survey() = testing::AllTypesSurvey();
    v1::Survey survey;
    EXPECT_TRUE(stub_->CreateSurvey(As(tenant).get(), create, &survey).ok());
    v1::PublishSurveyRequest publish;
    publish.set_name(survey.name());
    v1::Survey published;
    EXPECT_TRUE(stub_->PublishSurvey(As(tenant).get(), publish, &published).ok());
    return published;
  }

  grpc::Status Submit(const std::string& parent, const v1::Response& response,
                      v1::Response* out, const std::string& request_id = "",
                      const std::string& tenant = "acme") {
    v1::SubmitResponseRequest req;
    req.set_parent(parent);
    *req.mutable_response() = response;
    req.set_request_id(request_id);
    return stub_->SubmitResponse(As(tenant, {"ingest"}).get(), req, out);
  }

  // Every page of them.
  int CountResponses(const std::string& parent, const std::string& tenant = "acme") {
    v1::ListResponsesRequest req;
    req.set_parent(parent);
    req.set_page_size(1000);
    int count = 0;
    do {
      v1::ListResponsesResponse out;
      if (!stub_->ListResponses(As(tenant).get(), req, &out).ok()) {
        ADD_FAILURE() << "ListResponses failed";
        return count;
      }
      count += out.responses_size();
      req.set_page_token(out.next_page_token());
    } while (!req.page_token().empty());
    return count;
  }

  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
  Authorizer authorizer_{cx::testing::TestKey(), &clock_};
  MemorySurveyStore surveys_;
  MemoryCaseStore cases_{&clock_};
  MemoryResponseStore responses_{&cases_};
  MemoryErasureStore erasure_{&responses_, &cases_};
  MemorySettingsStore settings_;
  std::unique_ptr<FeedbackService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::FeedbackService::Stub> stub_;
};

}  // namespace cx::feedback

#endif  // CX_TESTS_SERVICES_FEEDBACK_FEEDBACK_SERVICE_FIXTURE_H_
