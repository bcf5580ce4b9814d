#include "common/grpc/metadata.h"

#include <chrono>

#include "cx/feedback/v1/feedback_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace cx {
namespace {

namespace fb = cx::feedback::v1;

// The downstream service: records what arrived.
class Recorder final : public fb::FeedbackService::Service {
 public:
  grpc::Status GetSurvey(grpc::ServerContext* ctx, const fb::GetSurveyRequest*,
                         fb::Survey*) override {
    for (const auto& [k, v] : ctx->client_metadata()) {
      seen[std::string(k.data(), k.size())] = std::string(v.data(), v.size());
    }
    remaining = ctx->deadline() - std::chrono::system_clock::now();
    return grpc::Status::OK;
  }
  std::map<std::string, std::string> seen;
  std::chrono::system_clock::duration remaining{};
};

// The middle service: forwards with MakeOutgoingContext.
class Forwarder final : public fb::FeedbackService::Service {
 public:
  explicit Forwarder(fb::FeedbackService::Stub* next) : next_(next) {}
  grpc::Status GetSurvey(grpc::ServerContext* ctx,
                         const fb::GetSurveyRequest* req,
                         fb::Survey* out) override {
    auto outgoing = MakeOutgoingContext(*ctx, absl::Seconds(30));
    return next_->GetSurvey(outgoing.get(), *req, out);
  }

 private:
  fb::FeedbackService::Stub* next_;
};

TEST(MetadataTest, OutgoingContextCarriesAuthRequestIdAndDeadline) {
  Recorder recorder;
  grpc::ServerBuilder b1;
  b1.RegisterService(&recorder);
  auto downstream = b1.BuildAndStart();
  auto next = fb::FeedbackService::NewStub(
      downstream->InProcessChannel(grpc::ChannelArguments()));
  Forwarder forwarder(next.get());
  grpc::ServerBuilder b2;
  b2.RegisterService(&forwarder);
  auto middle = b2.BuildAndStart();
  auto stub = fb::FeedbackService::NewStub(
      middle->InProcessChannel(grpc::ChannelArguments()));

  auto ctx = MakeClientContext("tok", absl::Seconds(2), "req-77");
  fb::Survey out;
  ASSERT_TRUE(stub->GetSurvey(ctx.get(), fb::GetSurveyRequest(), &out).ok());
  EXPECT_EQ(recorder.seen["authorization"], "Bearer tok");
  EXPECT_EQ(recorder.seen["x-request-id"], "req-77");
  // The caller's 2 s deadline, not the 30 s cap, reached the last hop (gRPC
  // rounds timeouts up on the wire, hence the slack).
  EXPECT_LE(recorder.remaining, std::chrono::milliseconds(2100));
  EXPECT_GT(recorder.remaining, std::chrono::milliseconds(0));
  middle->Shutdown();
  downstream->Shutdown();
}

}  // namespace
}  // namespace cx
